#!/usr/bin/env bash
# What the machine allows (issue 3, item 9): can a page keep its p99 while other work uses the
# CPU at idle priority? The server and the load generator are pinned to core 0, and the page's
# p99 is measured five ways, in turn, each round:
#   alone:   core 1 idle;
#   beside:  a loop that only spins, at normal priority, pinned to core 1 (the page's core stays
#            its own; anything left is the hardware's or the hypervisor's);
#   under:   the same loop at SCHED_IDLE on core 0 itself, as hashing threads share the pages'
#            cores (the kernel hands the core to the page the moment it wakes);
#   argon2:  argon2id verifies in a loop (the app's parameters: 19 MiB each) at SCHED_IDLE on
#            core 0: the same scheduling as "under", plus argon2's memory traffic;
#   argon2 beside: the same argon2 loop at normal priority on core 1: the page's core stays its
#            own, but the two cores share the L3 cache and the memory bus.
# Usage: [ROUNDS=5] bench/page-and-idle-work.sh   (release build; needs 2 cores, wrk, taskset)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_wrk
# The same build as bench/sign-in.sh, so that the two share one compile.
build_release password_hash_time

start_server 3102 taskset -c 0
spinner=
trap 'kill $pid $spinner 2>/dev/null || true' EXIT

paced=$(paced_lua)
browse() { taskset -c 0 wrk -t1 -c2 -d10s --latency -s "$paced" "$url/sign-in" | p99_ms; }
taskset -c 0 wrk -t1 -c2 -d3s "$url/sign-in" >/dev/null

spin() { "$@" bash -c 'while :; do :; done' & spinner=$!; sleep 0.5; }
hash_loop() { "$@" bash -c 'while :; do target/release/examples/password_hash_time >/dev/null; done' & spinner=$!; sleep 0.5; }
stop_hash_loop() { kill $spinner; pkill -f examples/password_hash_time || true; spinner=; }
stop_spin() { kill $spinner; spinner=; }
beside=()
under=()
argon=()
argon_beside=()
for round in $(seq "${ROUNDS:-5}"); do
  alone_ms=$(browse)
  spin taskset -c 1
  beside_ms=$(browse)
  stop_spin
  spin taskset -c 0 chrt -i 0
  under_ms=$(browse)
  stop_spin
  hash_loop taskset -c 0 chrt -i 0
  argon_ms=$(browse)
  stop_hash_loop
  hash_loop taskset -c 1
  argon_beside_ms=$(browse)
  stop_hash_loop
  beside+=("$(ratio "$beside_ms" "$alone_ms")")
  under+=("$(ratio "$under_ms" "$alone_ms")")
  argon+=("$(ratio "$argon_ms" "$alone_ms")")
  argon_beside+=("$(ratio "$argon_beside_ms" "$alone_ms")")
  echo "round $round: /sign-in p99 alone ${alone_ms} ms, spin beside ${beside_ms} ms (${beside[-1]}x), idle-priority spin under ${under_ms} ms (${under[-1]}x), idle-priority argon2 under ${argon_ms} ms (${argon[-1]}x), argon2 beside ${argon_beside_ms} ms (${argon_beside[-1]}x)"
done
echo "/sign-in p99 against alone, median: spin on the other core $(median "${beside[@]}")x, idle-priority spin on the page's core $(median "${under[@]}")x, idle-priority argon2 on the page's core $(median "${argon[@]}")x, argon2 on the other core $(median "${argon_beside[@]}")x"
