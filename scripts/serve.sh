#!/usr/bin/env bash
# Builds the app (release) and serves it at http://127.0.0.1:8080, rebuilding on change. Installs what is missing.
source "$(dirname "$0")/lib.sh"
ensure_app_toolchain
say "serving vpcanvas at http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve --release
