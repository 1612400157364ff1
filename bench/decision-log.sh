#!/usr/bin/env bash
# Decision-log figures (issue 5), not a timed test. In one run on this machine:
#  1. the slowest of several 64 KB markdown inputs rendered and sanitised (target < 50 ms);
#  2. seeding 1,000 realistic ADRs with `groundwork seed-decisions`.
# The log's speed under load is bench/throughput.sh: many members on many pages, against a
# hand-written handler doing the same work.
# Usage: bench/decision-log.sh   (release build)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
build_release markdown_64k

echo "== markdown, 64 KB inputs"
target/release/examples/markdown_64k

work=$(mktemp -d)
port=3102
url="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" LOG_LEVEL=warn
LISTEN_ADDR="127.0.0.1:$port" SIGN_IN_ATTEMPTS_PER_ADDRESS=1000 target/release/groundwork &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "$url/healthz"; do sleep 0.05; done
jar="$work/cookies"
curl -fs -o /dev/null -c "$jar" -H 'Accept: application/json' \
  --data 'email=bench%40example.com&password=a+long+bench+password&team_name=Bench' "$url/api/set_up"
team=$(curl -fs -b "$jar" -H 'Accept: application/json' -X POST "$url/api/list_my_teams" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
project=$(curl -fs -b "$jar" -H 'Accept: application/json' --data "team_id=$team&name=Bench&description=" "$url/api/create_project" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

echo "== seeding 1,000 ADRs"
start=$(date +%s%N)
target/release/groundwork seed-decisions --project "$project" --as bench@example.com --count 1000
echo "seeded in $(( ($(date +%s%N) - start) / 1000000 )) ms"

