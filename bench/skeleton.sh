#!/usr/bin/env bash
# Figures for the walking skeleton (not a timed test): release WASM size raw / gzip / brotli,
# server cold start to the first 200, and idle RSS, each beside a baseline from the same run.
# Usage: bench/skeleton.sh   (builds with `cargo leptos build --release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
setup_all

cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release
wasm=target/site/pkg/groundwork.wasm
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
br=$(if command -v brotli >/dev/null; then brotli -q 11 -c "$wasm" | wc -c; else python3 -c "import brotli,sys; print(len(brotli.compress(open(sys.argv[1],'rb').read(), quality=11)))" "$wasm" 2>/dev/null || echo "n/a"; fi)
echo "wasm_bytes raw=$raw gzip=$gz brotli=$br"

db=$(mktemp -d)/bench.db
port=3999
start_ns=$(date +%s%N)
DATABASE_URL="sqlite://$db?mode=rwc" LISTEN_ADDR="127.0.0.1:$port" LOG_LEVEL=warn target/release/groundwork &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/" >/dev/null; do sleep 0.01; done
first_page_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 2
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
kill -TERM $pid; wait $pid || true

# Baseline: the same machine starting a process that does nothing (`true`) and its RSS (`sleep`).
base_start_ns=$(date +%s%N); true; /bin/true; base_ms=$(( ($(date +%s%N) - base_start_ns) / 1000000 ))
sleep 5 & spid=$!; sleep 0.2; base_rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$spid/status); kill $spid
echo "cold_start_to_first_200_ms=$first_page_ms (fresh SQLite, migrations included; baseline /bin/true ${base_ms} ms)"
echo "idle_rss_kb=$rss_kb (baseline: sleep ${base_rss_kb} kB)"
