#!/usr/bin/env bash
# Planning-session figures (issue 20), not a timed test: two replicas of the release build on one
# fresh PostgreSQL database; vote-to-screen latency with 8, 32 and 100 participants (streams
# split between the replicas) against a bare NOTIFY -> LISTEN round trip measured in the same
# run, and the replicas' memory per connected client.
# Usage: bench/live-latency.sh [participants...]   (default 8 32 100; PostgreSQL at
#        $BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
build_release live_latency

postgres=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
database="groundwork_bench_live_$$"
psql "$postgres/postgres" -qc "CREATE DATABASE $database"
url="$postgres/$database"
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  psql "$postgres/postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)"
}
trap cleanup EXIT
for port in 3121 3122; do
  DATABASE_URL="$url" LISTEN_ADDR="127.0.0.1:$port" LOG_LEVEL=warn \
    SIGN_IN_ATTEMPTS_PER_ACCOUNT=100000 SIGN_IN_ATTEMPTS_PER_ADDRESS=100000 \
    target/release/groundwork &
  pids+=($!)
  # One at a time: the first runs the migrations.
  until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done
done
target/release/examples/live_latency "$url" \
  http://127.0.0.1:3121 http://127.0.0.1:3122 "${pids[1]}" ${@:-8 32 100}
