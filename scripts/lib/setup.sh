#!/usr/bin/env bash
# Installs whatever the project needs and is missing: the wasm target, cargo-leptos, the
# wasm-bindgen CLI (same version as Cargo.lock), Node packages (Playwright core, binaryen's
# wasm-opt) and Debian's Chromium. Every step checks first, so a second run takes seconds.
# Sourced by scripts/run-app and scripts/run-tests; it also puts the tools on PATH.
set -euo pipefail

GROUNDWORK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.11"
CARGO_DENY_VERSION="0.20.2"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

# Runs an install with its output in target/setup-logs/<name>.log instead of the terminal; on
# failure, shows the end of that log. Prints how long it took.
quietly() {
  local name=$1
  shift
  local logs="$GROUNDWORK_ROOT/target/setup-logs"
  mkdir -p "$logs"
  local started=$SECONDS
  if ! "$@" > "$logs/$name.log" 2>&1; then
    log "installing $name failed; the end of $logs/$name.log:"
    tail -n 40 "$logs/$name.log" >&2
    return 1
  fi
  log "$name ready after $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return; fi
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION, which builds and serves the app (about 5 min on 2 cores, once)"
  # --locked alone fails (a locked dependency wants a newer rustc). A debug build of the tool
  # compiles in less than half the time of its release profile and builds the site the same
  # way: it only orchestrates cargo, wasm-bindgen and wasm-opt.
  quietly cargo-leptos \
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --ignore-rust-version --debug
}

ensure_cargo_deny() {
  if cargo deny --version 2>/dev/null | grep -q " $CARGO_DENY_VERSION\$"; then return; fi
  log "installing cargo-deny $CARGO_DENY_VERSION, which checks advisories, licences and sources (a few minutes, once)"
  # Light optimisation: it reads metadata and a few thousand small files, nothing heavy.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    quietly cargo-deny cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
}

ensure_wasm_bindgen() {
  local wanted
  wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' \
    "$GROUNDWORK_ROOT/Cargo.lock")
  if wasm-bindgen --version 2>/dev/null | grep -q " $wanted\$"; then return; fi
  log "installing wasm-bindgen-cli $wanted, which links the browser build (about 2 min, once; cargo-leptos would otherwise try to download it)"
  # Not --locked: its lock file names a crate version the registry does not serve.
  quietly wasm-bindgen-cli cargo install wasm-bindgen-cli --version "$wanted" --force
}

ensure_node_packages() {
  local dir="$GROUNDWORK_ROOT/end2end"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing the Node packages in end2end/: Playwright for the browser tests, binaryen's wasm-opt (under a minute)"
    (cd "$dir" && quietly node-packages npm ci --no-audit --no-fund --loglevel=error)
  fi
  # wasm-opt from npm's binaryen: Debian's (108) breaks hydration.
  export PATH="$dir/node_modules/.bin:$PATH"
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  log "installing Debian's chromium, for the browser tests (about a minute)"
  quietly chromium-apt-update as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive quietly chromium as_root apt-get install -y -qq chromium
}

setup_all() {
  export PATH="$HOME/.cargo/bin:$PATH"
  ensure_wasm_target
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_node_packages
  ensure_chromium
}
