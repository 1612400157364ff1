# Sourced by the bench scripts (from the repository root): the release build's environment, wrk.
export PATH="$HOME/.cargo/bin:$PATH"
# As cargo-leptos builds the server: Leptos reads the name at compile time and warns without it.
export LEPTOS_OUTPUT_NAME=groundwork

ensure_wrk() {
  command -v wrk >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
}

# Builds the server and the named examples with the release profile; prints cargo's last line.
build_release() {
  local examples=()
  for example in "$@"; do examples+=(--example "$example"); done
  cargo build --release -p server --bin groundwork "${examples[@]}" 2>&1 | tail -1
}
