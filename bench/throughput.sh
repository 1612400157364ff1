#!/usr/bin/env bash
# Honest throughput of the decision log (issue 21, item 4), not a timed test. On SQLite and on
# PostgreSQL, in one run:
#  - 50 signed-in members of one team, 3 projects of 600 ADRs each;
#  - every request comes from one of the 50 and asks for a different page: log pages 1 to 12,
#    status and topic filters, four sorts, searches, and single ADRs, so that no (session, URL)
#    comes back within the run's seconds and no per-session cache can answer it;
#  - the app (release build) against bench/raw_baseline (a hand-written axum handler doing the
#    same work with raw sqlx and format!), each alone, server on core 0 and wrk on core 1,
#    alternating, 2 rounds each: requests/s, then p50 and p99 at half of that load, and errors.
# Targets: app >= 0.5x the baseline's requests/s; p99 <= 3x p50 at half load; no errors.
# Usage: bench/throughput.sh [sqlite|postgres ...]   (default both; BENCH_POSTGRES names the
# server, default postgres://postgres@127.0.0.1:5432; SERVER= another app binary; PROFILE=1
# records the app's first full-load run with `perf` and prints its hottest functions)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_wrk
build_release raw_baseline
backends=("${@:-sqlite}")
[ $# -gt 0 ] || backends=(sqlite postgres)
admin=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; [ -z "${pgdb:-}" ] || psql -q "$admin/postgres" -c "DROP DATABASE IF EXISTS $pgdb" 2>/dev/null || true' EXIT

api() { curl -fsS -b "$1" -c "$1" -H 'Accept: application/json' --data "$3" "$url/api/$2"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
wait_for() { until curl -fs -o /dev/null "$1"; do sleep 0.05; done; }

# Sets up the install behind $url: owner, 49 members, 3 seeded projects; writes the cookie and
# path lists the wrk script reads.
prepare() {
  local owner="$work/owner.jar" team project
  api "$owner" set_up 'email=bench%40example.com&password=a+long+bench+password&team_name=Bench' >/dev/null
  team=$(api "$owner" list_my_teams '' | json '[0]["id"]')
  : > "$work/paths"
  for p in 1 2 3; do
    project=$(api "$owner" create_project "team_id=$team&name=Bench+$p&description=" | json '["id"]')
    DATABASE_URL=$database target/release/groundwork seed-decisions --project "$project" --as bench@example.com --count 600 >/dev/null
    local log="/projects/$project/decisions"
    for page in $(seq 1 12); do
      for sort in number -number title updated; do echo "$log?sort=$sort&page=$page"; done
    done >> "$work/paths"
    for topic in core-principles database api auth frontend backend testing hosting; do
      for page in 1 2; do echo "$log?topic=$topic&page=$page"; done
    done >> "$work/paths"
    for q in database monolith postgresql cache+team deploy+container testing+pipeline \
      authentication session+token queue+event service+boundary frontend+rendering; do
      echo "$log?q=$q"; echo "$log?q=$q&status=proposed"
    done >> "$work/paths"
    for number in $(seq 1 600); do echo "$log/$number"; done >> "$work/paths"
  done
  : > "$work/cookies"
  awk '$6 == "groundwork_session" { print $7 }' "$owner" >> "$work/cookies"
  for n in $(seq 2 50); do
    local jar="$work/member$n.jar" token
    api "$jar" sign_up "email=member$n%40example.com&password=a+long+bench+password" >/dev/null
    token=$(api "$owner" invite_member "team_id=$team&role=editor" | json '["path"]' | sed 's|.*/||')
    api "$jar" accept_invitation "token=$token" >/dev/null
    awk '$6 == "groundwork_session" { print $7 }' "$jar" >> "$work/cookies"
  done
  echo "prepared: $(wc -l < "$work/cookies") members, $(wc -l < "$work/paths") distinct pages"
}

# wrk: request n goes to member n mod 50 and page (n * 7919) mod pages, from a per-thread
# starting point, so that a member meets a page again only after thousands of requests.
cat > "$work/throughput.lua" <<'LUA'
local function lines(file)
  local all = {}
  for line in io.lines(file) do all[#all + 1] = line end
  return all
end
local dir = os.getenv("BENCH_DIR")
local cookies, paths = lines(dir .. "/cookies"), lines(dir .. "/paths")
local counter = 0
local pause = tonumber(os.getenv("BENCH_PAUSE_MS") or "0")
function setup(thread) counter = counter + 1; thread:set("start", counter * 100003) end
function init() n = start end
function request()
  n = n + 1
  local cookie = cookies[(n % #cookies) + 1]
  local path = paths[((n * 7919) % #paths) + 1]
  return wrk.format("GET", path, { Cookie = "groundwork_session=" .. cookie })
end
if pause > 0 then function delay() return pause end end
LUA

# One load run against $1 (base URL); prints "rps p50_ms p99_ms errors".
load() {
  local out
  out=$(BENCH_DIR=$work BENCH_PAUSE_MS=${2:-0} taskset -c 1 wrk -t1 -c50 -d${3:-10}s --latency -s "$work/throughput.lua" "$1")
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(v):
    for unit, f in (("us", 0.001), ("ms", 1), ("s", 1000)):
        if v.endswith(unit): return float(v[: -len(unit)]) * f
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"\n\s+50%\s+(\S+)", out).group(1))
p99 = ms(re.search(r"\n\s+99%\s+(\S+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
n = (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)
print(f"{rps:.1f} {p50:.2f} {p99:.2f} {n}")
PY
}

for backend in "${backends[@]}"; do
  echo "== $backend"
  if [ "$backend" = postgres ]; then
    pgdb="groundwork_bench_throughput_$$"
    psql -q "$admin/postgres" -c "CREATE DATABASE $pgdb"
    database="$admin/$pgdb"
  else
    database="sqlite://$work/bench.db?mode=rwc"
  fi
  port=3121; url="http://127.0.0.1:$port"
  DATABASE_URL=$database LISTEN_ADDR="127.0.0.1:$port" LOG_LEVEL=warn SIGN_IN_ATTEMPTS_PER_ADDRESS=1000 \
    taskset -c 0 "${SERVER:-target/release/groundwork}" 2> "$work/server.log" & pids+=($!)
  wait_for "$url/healthz"
  prepare
  taskset -c 0 target/release/examples/raw_baseline "$database" 3122 & pids+=($!)
  until curl -s -o /dev/null "http://127.0.0.1:3122/"; do sleep 0.05; done
  baseline="http://127.0.0.1:3122"
  load "$url" 0 3 >/dev/null; load "$baseline" 0 3 >/dev/null # warm both
  for round in 1 2; do
    if [ "${PROFILE:-}" = 1 ] && [ "$round" = 1 ]; then
      perf record -q -F 499 -p "${pids[0]}" -o "$work/perf.data" -- sleep 9 2>/dev/null &
      perf_pid=$!
    fi
    read -r app_rps app_p50 app_p99 app_errors <<< "$(load "$url")"
    if [ -n "${perf_pid:-}" ]; then
      wait "$perf_pid"; perf_pid=
      echo "  where the app's time went (perf, share of samples):"
      perf report -q -i "$work/perf.data" --no-children --sort dso,symbol > "$work/perf.txt" 2>/dev/null || true
      head -40 "$work/perf.txt" | sed 's/^/    /'
    fi
    read -r raw_rps raw_p50 raw_p99 raw_errors <<< "$(load "$baseline")"
    # Half load: 50 connections that each pause so that together they send half the rate.
    half_pause() { python3 -c "print(max(1, round(50 * 1000 / ($1 / 2) - $2)))"; }
    read -r app_half app_hp50 app_hp99 app_herr <<< "$(load "$url" "$(half_pause "$app_rps" "$app_p50")")"
    read -r raw_half raw_hp50 raw_hp99 raw_herr <<< "$(load "$baseline" "$(half_pause "$raw_rps" "$raw_p50")")"
    echo "round $round: app $app_rps req/s (errors $app_errors), baseline $raw_rps req/s (errors $raw_errors): $(ratio "$app_rps" "$raw_rps")x"
    echo "  half load: app $app_half req/s p50 $app_hp50 ms p99 $app_hp99 ms = $(ratio "$app_hp99" "$app_hp50")x (errors $app_herr);" \
      "baseline $raw_half req/s p50 $raw_hp50 ms p99 $raw_hp99 ms = $(ratio "$raw_hp99" "$raw_hp50")x"
  done
  kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; pids=()
  rm -f "$work"/*.jar "$work/bench.db"*
  if [ "$backend" = postgres ]; then psql -q "$admin/postgres" -c "DROP DATABASE $pgdb"; pgdb=; fi
done
