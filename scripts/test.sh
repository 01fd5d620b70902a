#!/usr/bin/env bash
# Runs every test and check, as CI does, and ends with a pass/fail summary. Installs what is missing.
source "$(dirname "$0")/lib.sh"
ensure_app_toolchain
ensure_chromium
ensure_iac_tools

# Each step's result and time, for the summary; `last` is the status of the latest step.
results=()
failed=0
last=0

step() {
  local name="$1"
  shift
  say "$name"
  local start=$SECONDS
  if "$@"; then
    last=0
    results+=("PASS  $(printf '%4ss' $((SECONDS - start)))  $name")
  else
    last=1
    failed=1
    results+=("FAIL  $(printf '%4ss' $((SECONDS - start)))  $name")
  fi
}

skip() {
  results+=("SKIP         $1 ($2)")
}

# vpcanvas-core must never depend on the web stack: it is the pure core that the CLI and the app share.
core_has_no_web_deps() {
  local tree
  tree="$(cargo tree -p vpcanvas-core -e normal,build --target all --prefix none --locked)" || return 1
  if printf '%s\n' "$tree" | grep -E '^(leptos|web-sys|js-sys|wasm-bindgen|gloo)[a-z_-]* ' ; then
    echo "vpcanvas-core depends on the web crates listed above; it must not" >&2
    return 1
  fi
}

step "rustfmt" cargo fmt --all --check
step "clippy (host, all targets)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32: core and app)" \
  cargo clippy -p vpcanvas-core -p vpcanvas-app --target wasm32-unknown-unknown --locked -- -D warnings
step "core has no web dependency" core_has_no_web_deps
step "core builds for wasm32" cargo build -p vpcanvas-core --target wasm32-unknown-unknown --locked
step "cargo test (workspace)" cargo test --workspace --locked
step "exports checked by checkov and cfn-lint" bash "$ROOT/scripts/check-export.sh"
step "trunk build --release" trunk build --release
if [ "$last" = 0 ]; then
  step "playwright (headless Debian chromium)" bash -c 'cd e2e && npx playwright test'
else
  skip "playwright" "needs the app build"
fi

printf '\n\033[1mvpcanvas checks\033[0m\n'
printf '  %s\n' "${results[@]}"
if [ "$failed" = 0 ]; then
  printf '\033[32;1mALL PASSED\033[0m\n'
else
  printf '\033[31;1mFAILED\033[0m (see the steps marked FAIL above)\n'
  exit 1
fi
