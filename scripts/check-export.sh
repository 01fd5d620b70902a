#!/usr/bin/env bash
# Exports the sample and every template as Terraform with the real CLI and has checkov parse each: a parse error
# (or a file checkov cannot read) fails. Run by scripts/test.sh after ensure_iac_tools.
source "$(dirname "$0")/lib.sh"
set -euo pipefail
ensure_iac_tools
bin="$ROOT/target/debug/vpcanvas"
[ -x "$bin" ] || cargo build -q -p vpcanvas-cli --locked
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
designs=("$ROOT/public/samples/two-az.json" "$ROOT"/core/templates/*.json)
status=0
for design in "${designs[@]}"; do
  name="$(basename "$design" .json)"
  "$bin" export terraform "$design" -o "$work/$name" 2>/dev/null
  # No network for checkov: no guidelines download, no platform.
  report="$(cd "$work" && BC_SKIP_MAPPING=TRUE "$IAC_VENV/bin/checkov" -d "$work/$name" --framework terraform \
    --skip-download --quiet --compact -o json 2>/dev/null || true)"
  verdict="$(printf '%s' "$report" | python3 -c '
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
')"
  printf '  %-28s %s\n' "$name" "$verdict"
  case "$verdict" in ok*) ;; *) status=1 ;; esac
done
exit $status
