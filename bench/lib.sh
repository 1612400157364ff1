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

# Starts the server (the release build, or $SERVER) on a fresh SQLite database at 127.0.0.1:$1
# and waits until it answers; sets `pid` and `url`. Further arguments go before the binary, e.g.
# `taskset -c 0` or `env NAME=value`.
start_server() {
  local port=$1 db
  shift
  db=$(mktemp -d)/bench.db
  url="http://127.0.0.1:$port"
  DATABASE_URL="sqlite://$db?mode=rwc" LISTEN_ADDR="127.0.0.1:$port" LOG_LEVEL=warn \
    "$@" "${SERVER:-target/release/groundwork}" &
  pid=$!
  until curl -fs -o /dev/null "$url/healthz"; do
    kill -0 "$pid" 2>/dev/null || { echo "the server at $url did not start" >&2; return 1; }
    sleep 0.05
  done
}

# An ordinary page requested at a steady pace: a wrk script whose connections each wait 40 ms
# between requests (2 connections: 50 requests/s). Prints the script's path.
paced_lua() {
  printf 'function delay() return 40 end\n' > /tmp/groundwork-paced.lua
  echo /tmp/groundwork-paced.lua
}

# The 99th percentile of `wrk --latency` output on stdin, in milliseconds.
p99_ms() {
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }'
}

# $1 / $2, rounded to 2 decimals.
ratio() { python3 -c "print(round($1 / $2, 2))"; }

# The median of the arguments.
median() { printf '%s\n' "$@" | python3 -c "import sys, statistics; print(statistics.median(float(l) for l in sys.stdin))"; }
