#!/usr/bin/env bash
# The floor for issue 3, item 9, whatever the server does: how much does an ordinary page's p99
# grow while argon2 hashes run on this machine at all? The throughput target (>= 0.9x of
# cores / verify time) keeps every core hashing about 90% of the time, so this runs the app's own
# argon2id verify (19 MiB, `examples/password_hash_time`) in a loop on every core, at idle priority
# (SCHED_IDLE: a waking page request takes the core at once), outside the server. Nothing is
# pinned, as in production. The page's p99 is measured, in turn each round:
#   alone:      nothing else running;
#   one core:   one argon2 loop (half the duty the throughput target needs);
#   every core: one argon2 loop per core (the duty the throughput target needs);
#   spin:       one loop per core that only spins, also at idle priority: the same scheduling
#               without argon2's memory traffic.
# Usage: [ROUNDS=5] bench/page-beside-hashing.sh   (release build; wrk and chrt)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_wrk
# The same build as bench/sign-in.sh, so that the two share one compile.
build_release password_hash_time

start_server 3104
loops=()
stop_hashing() {
  kill "${loops[@]}" 2>/dev/null || true
  pkill -f examples/password_hash_time || true
  loops=()
}
trap 'stop_hashing; kill $pid 2>/dev/null || true' EXIT

paced=$(paced_lua)
browse() { wrk -t1 -c2 -d10s --latency -s "$paced" "$url/sign-in" | p99_ms; }
wrk -t1 -c2 -d3s "$url/sign-in" >/dev/null

hash_on() {
  for _ in $(seq "$1"); do
    chrt -i 0 bash -c 'while :; do target/release/examples/password_hash_time >/dev/null; done' &
    loops+=($!)
  done
  sleep 0.5
}
spin_on_every_core() {
  for _ in $(seq "$cores"); do chrt -i 0 bash -c 'while :; do :; done' & loops+=($!); done
  sleep 0.5
}
one=()
every=()
spin=()
cores=$(nproc)
for round in $(seq "${ROUNDS:-5}"); do
  alone_ms=$(browse)
  hash_on 1
  one_ms=$(browse)
  stop_hashing
  hash_on "$cores"
  every_ms=$(browse)
  stop_hashing
  spin_on_every_core
  spin_ms=$(browse)
  stop_hashing
  one+=("$(ratio "$one_ms" "$alone_ms")")
  every+=("$(ratio "$every_ms" "$alone_ms")")
  spin+=("$(ratio "$spin_ms" "$alone_ms")")
  echo "round $round: /sign-in p99 alone ${alone_ms} ms, argon2 on one core ${one_ms} ms (${one[-1]}x), on all ${cores} cores ${every_ms} ms (${every[-1]}x), spin on all ${cores} cores ${spin_ms} ms (${spin[-1]}x)"
done
echo "/sign-in p99 against alone, median (idle priority, target <= 1.2x): argon2 on one core $(median "${one[@]}")x, argon2 on all ${cores} cores $(median "${every[@]}")x, spin on all ${cores} cores $(median "${spin[@]}")x"
