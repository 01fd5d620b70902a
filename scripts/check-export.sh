#!/usr/bin/env bash
# Exports the sample and every template with the real CLI and checks the results with real tools: checkov parses
# the Terraform and the CloudFormation (a parse error fails), and cfn-lint reports no error on the CloudFormation.
# Then scripts/compare-findings.py compares checkov's findings on open security groups and network ACLs with
# vpcanvas's own. Run by scripts/test.sh.
source "$(dirname "$0")/lib.sh"
set -euo pipefail
shopt -s nullglob
ensure_iac_tools
bin="$ROOT/target/debug/vpcanvas"
[ -x "$bin" ] || cargo build -q -p vpcanvas-cli --locked
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
designs=("$ROOT/public/samples/two-az.json" "$ROOT"/core/templates/*.json "$ROOT"/core/tests/export/*.json)
status=0

# checkov's JSON summary: "ok N resources", or what went wrong.
checkov_verdict() {
  python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
except Exception as e:
    print("unreadable report: %s" % e); sys.exit()
d = d[0] if isinstance(d, list) else d
s = d.get("summary", {})
if s.get("parsing_errors", 1) != 0 or s.get("resource_count", 0) == 0:
    print("parse errors: %s, resources: %s" % (s.get("parsing_errors"), s.get("resource_count")))
else:
    print("ok %d resources" % s["resource_count"])
'
}

for design in "${designs[@]}"; do
  name="$(basename "$design" .json)"
  mkdir -p "$work/$name"
  "$bin" export terraform "$design" -o "$work/$name/tf" 2>/dev/null
  "$bin" export cloudformation "$design" -o "$work/$name/template.yaml" 2>/dev/null
  # No network for checkov: no guidelines download, no platform.
  (cd "$work" && BC_SKIP_MAPPING=TRUE "$IAC_VENV/bin/checkov" -d "$work/$name/tf" --framework terraform \
    --skip-download --quiet --compact -o json > "$work/$name/checkov-tf.json" 2>/dev/null || true)
  (cd "$work" && BC_SKIP_MAPPING=TRUE "$IAC_VENV/bin/checkov" -f "$work/$name/template.yaml" \
    --framework cloudformation --skip-download --quiet --compact -o json > "$work/$name/checkov-cfn.json" 2>/dev/null || true)
  tf="$(checkov_verdict < "$work/$name/checkov-tf.json")"
  cfn="$(checkov_verdict < "$work/$name/checkov-cfn.json")"
  lint="$("$IAC_VENV/bin/cfn-lint" --format parseable "$work/$name/template.yaml" 2>&1 | grep -E ':E[0-9]+:' || true)"
  printf '  %-28s terraform: %-18s cloudformation: %-18s cfn-lint: %s\n' "$name" "$tf" "$cfn" \
    "$([ -z "$lint" ] && echo 'no errors' || echo 'ERRORS')"
  case "$tf" in ok*) ;; *) status=1 ;; esac
  case "$cfn" in ok*) ;; *) status=1 ;; esac
  if [ -n "$lint" ]; then
    printf '%s\n' "$lint" | sed 's/^/      /'
    status=1
  fi
  "$bin" validate "$design" --format json > "$work/$name/validate.json" || true
  printf '    findings: '
  python3 "$ROOT/scripts/compare-findings.py" "$design" "$work/$name/validate.json" \
    "$work/$name/checkov-tf.json" "$work/$name/checkov-cfn.json" || status=1
done
exit $status
