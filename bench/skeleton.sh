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
python3 -c "import brotli" 2>/dev/null || pip install -q brotli >/dev/null 2>&1 || true
br=$(python3 -c "import brotli,sys; print(len(brotli.compress(open(sys.argv[1],'rb').read(), quality=11)))" "$wasm" 2>/dev/null || echo "n/a")
echo "wasm_bytes raw=$raw gzip=$gz brotli=$br"

db=$(mktemp -d)/bench.db
port=3999
start_ns=$(date +%s%N)
DATABASE_URL="sqlite://$db?mode=rwc" LISTEN_ADDR="127.0.0.1:$port" LOG_LEVEL=warn target/release/groundwork &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.01; done
first_page_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep 2
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
kill -TERM $pid; wait $pid || true

# Baselines from the same run: the same binary starting and exiting at once (`--version`), and
# the RSS of a process that does nothing (`sleep`).
base_start_ns=$(date +%s%N); target/release/groundwork --version >/dev/null; base_ms=$(( ($(date +%s%N) - base_start_ns) / 1000000 ))
sleep 5 & spid=$!; sleep 0.2; base_rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$spid/status); kill $spid
echo "cold_start_to_first_200_ms=$first_page_ms (fresh SQLite, migrations included; baseline: groundwork --version ${base_ms} ms)"
echo "idle_rss_kb=$rss_kb (baseline: sleep ${base_rss_kb} kB)"
