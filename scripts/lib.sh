# Shared by scripts/serve.sh and scripts/test.sh: installs what is missing, skips what is present, and fails with a
# clear message when an install fails. Sourced, not run.
#
# Installs: the wasm32 target; trunk 0.21.14; wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock;
# the e2e npm packages from e2e/package-lock.json (Playwright and binaryen's wasm-opt 132); Debian's chromium and
# fonts-nanum (a Korean font for the screenshots).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="132"
export PATH="$ROOT/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31;1merror:\033[0m %s\n' "$*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed, and this script cannot install it: $2"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    die "installing needs root: run '$*' as root"
  fi
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust() {
  need cargo "the machine's Rust toolchain (rustup) is expected to be present"
  need rustup "the wasm32 target is added with rustup"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || die "rustup could not add the wasm32-unknown-unknown target"
  fi
  say "fetching crates (Cargo.lock)"
  cargo fetch --locked >/dev/null || die "cargo fetch --locked failed: is crates.io reachable, and is Cargo.lock up to date?"
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (takes about 6 minutes once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked \
      || die "cargo install trunk --version $TRUNK_VERSION failed (see above)"
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "Cargo.lock has no wasm-bindgen entry"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    say "installing wasm-bindgen-cli $want (the version in Cargo.lock; about 2 minutes once)"
    # Its own lockfile sometimes names a crate version the registry no longer serves: then install unlocked.
    cargo install wasm-bindgen-cli --version "$want" --locked --force \
      || cargo install wasm-bindgen-cli --version "$want" --force \
      || die "cargo install wasm-bindgen-cli --version $want failed (see above)"
  fi
}

ensure_npm_packages() {
  need node "Node.js runs Playwright and wasm-opt"
  need npm "npm installs the e2e packages"
  local stamp="$ROOT/e2e/node_modules/.vpcanvas-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$stamp" "$ROOT/e2e/package-lock.json"; then
    say "installing the e2e npm packages from e2e/package-lock.json"
    (cd "$ROOT/e2e" && npm ci --no-audit --no-fund) || die "npm ci in e2e/ failed (see above)"
    cp "$ROOT/e2e/package-lock.json" "$stamp"
  fi
  wasm-opt --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION" \
    || die "wasm-opt $WASM_OPT_VERSION is not first on PATH (expected e2e/node_modules/.bin/wasm-opt)"
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium"
    as_root apt-get update -qq || die "apt-get update failed: are Debian's package mirrors reachable?"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || die "apt-get install chromium failed (see above)"
  fi
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium is still missing after the install"
  # A Korean font, so that screenshots of the Korean interface show letters rather than boxes.
  if ! fc-list :lang=ko 2>/dev/null | grep -q .; then
    say "installing Debian's fonts-nanum (Korean)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-nanum >/dev/null \
      || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-nanum >/dev/null; } \
      || die "apt-get install fonts-nanum failed (see above)"
  fi
}

# Everything the app build needs.
# The infrastructure-code checkers, from PyPI, in a virtualenv of their own under .tools/ (pinned: their findings
# are compared in tests).
CHECKOV_VERSION=3.3.30
CFN_LINT_VERSION=1.58.0
IAC_VENV="$ROOT/.tools/iac"
ensure_iac_tools() {
  if [ -x "$IAC_VENV/bin/checkov" ] && [ -x "$IAC_VENV/bin/cfn-lint" ] \
    && "$IAC_VENV/bin/checkov" --version 2>/dev/null | grep -qx "$CHECKOV_VERSION"; then
    return 0
  fi
  need python3
  say "installing checkov $CHECKOV_VERSION and cfn-lint $CFN_LINT_VERSION from PyPI into .tools/iac"
  python3 -m venv "$IAC_VENV" || die "python3 -m venv failed"
  "$IAC_VENV/bin/pip" install -q "checkov==$CHECKOV_VERSION" "cfn-lint==$CFN_LINT_VERSION" \
    || die "pip install checkov cfn-lint failed (see above)"
}

ensure_app_toolchain() {
  ensure_rust
  ensure_trunk
  ensure_wasm_bindgen
  ensure_npm_packages
}
