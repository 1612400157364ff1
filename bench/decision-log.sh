#!/usr/bin/env bash
# Decision-log figures (issue 5), not a timed test. In one run on this machine:
#  1. the slowest of several 64 KB markdown inputs rendered and sanitised (target < 50 ms);
#  2. seeding 1,000 realistic ADRs with `groundwork seed-decisions`;
#  3. the log page (first page of 1,000 ADRs, signed in) at full load: requests/s, against a bare
#     axum handler serving the same bytes from memory (target >= 0.7x);
#  4. the log page at half of its full load: p50 and p99 (target p99 <= 3x p50).
# Usage: bench/decision-log.sh   (release build; installs wrk from Debian if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_wrk
build_release static_page markdown_64k

echo "== markdown, 64 KB inputs"
target/release/examples/markdown_64k

work=$(mktemp -d)
port=3102
url="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" LOG_LEVEL=warn
LISTEN_ADDR="127.0.0.1:$port" SIGN_IN_ATTEMPTS_PER_ADDRESS=1000 target/release/groundwork &
pid=$!
trap 'kill $pid ${static_pid:-} 2>/dev/null || true' EXIT
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

page="/projects/$project/decisions"
cookie=$(awk '$6 == "groundwork_session" { print "groundwork_session=" $7 }' "$jar")
curl -fs -H "Cookie: $cookie" "$url$page" > "$work/page.html"
echo "log page: $(wc -c < "$work/page.html") bytes, $(grep -o '<tr>' "$work/page.html" | wc -l) rows"
target/release/examples/static_page "$work/page.html" 3103 &
static_pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:3103/"; do sleep 0.05; done

rps() { awk '/Requests\/sec/ { print $2 }'; }
wrk -t2 -c8 -d3s -H "Cookie: $cookie" "$url$page" >/dev/null
app_rps=$(wrk -t2 -c8 -d15s -H "Cookie: $cookie" "$url$page" | rps)
wrk -t2 -c8 -d3s "http://127.0.0.1:3103$page" >/dev/null
static_rps=$(wrk -t2 -c8 -d15s "http://127.0.0.1:3103$page" | rps)
echo "== full load (8 connections): log page ${app_rps} req/s; bare axum, same bytes: ${static_rps} req/s = $(python3 -c "print(round($app_rps / $static_rps, 3))")x"

# Half of the page's full load: connections that each pause 1 ms (wrk's smallest pause) after
# every answer, as many as together send about half of the full-load rate.
connections=$(python3 -c "print(max(1, round($app_rps / 2 / 1000)))")
cat > "$work/paced.lua" <<LUA
function delay() return 1 end
LUA
half=$(wrk -t2 -c$connections -d15s --latency -s "$work/paced.lua" -H "Cookie: $cookie" "$url$page")
p50=$(echo "$half" | awk '$1 == "50%" { print $2 }')
p99=$(echo "$half" | awk '$1 == "99%" { print $2 }')
achieved=$(echo "$half" | rps)
to_ms() { python3 -c "
import sys; v=sys.argv[1]
for unit, f in (('us',0.001),('ms',1),('s',1000)):
    if v.endswith(unit) and not (unit=='s' and v.endswith(('us','ms'))): print(round(float(v[:-len(unit)])*f,2)); break" "$1"; }
echo "== half load (${achieved} req/s): p50 $(to_ms "$p50") ms, p99 $(to_ms "$p99") ms = $(python3 -c "print(round($(to_ms "$p99") / $(to_ms "$p50"), 2))")x"
