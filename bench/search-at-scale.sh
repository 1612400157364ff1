#!/usr/bin/env bash
# Search and the filtered log at scale on PostgreSQL (issue 21, item 5), not a timed test:
#  - 1,000 teams: the benchmark's team with a project of 1,000 ADRs (seeded from the catalog by
#    `groundwork seed-decisions`), and 999 other teams with a project of 100 copies of the same
#    ADRs each: 100,900 ADRs, every team's matching the same words (the worst case for an index
#    that spans teams);
#  - the plans (EXPLAIN ANALYZE, BUFFERS) of a search and of a filtered page, which must touch
#    only the one project's rows;
#  - the log's server function (`POST /api/list_adrs`: session, membership, count and page) over
#    HTTP for one team's project (release build, signed in), 10 searches and filters in turn,
#    2 connections for 15 s: p50 and p99 (target p99 < 50 ms). (The page around it is measured
#    by bench/throughput.sh.)
# Usage: bench/search-at-scale.sh   (BENCH_POSTGRES names the server; SERVER= another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_wrk
build_release
admin=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
db="groundwork_bench_search_$$"
work=$(mktemp -d)
trap 'kill ${pid:-} 2>/dev/null || true; wait 2>/dev/null || true; psql -q "$admin/postgres" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
psql -q "$admin/postgres" -c "CREATE DATABASE $db"
export DATABASE_URL="$admin/$db"
sql() { psql -qAt "$DATABASE_URL" -c "$1"; }

port=3131; url="http://127.0.0.1:$port"
LISTEN_ADDR="127.0.0.1:$port" LOG_LEVEL=warn "${SERVER:-target/release/groundwork}" & pid=$!
until curl -fs -o /dev/null "$url/healthz"; do sleep 0.05; done
jar="$work/jar"
api() { curl -fsS -b "$jar" -c "$jar" -H 'Accept: application/json' --data "$2" "$url/api/$1"; }
api set_up 'email=bench%40example.com&password=a+long+bench+password&team_name=Bench' >/dev/null
team=$(sql "SELECT id FROM teams")
project=$(api create_project "team_id=$team&name=Big&description=" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
start=$(date +%s)
target/release/groundwork seed-decisions --project "$project" --as bench@example.com --count 1000
echo "seeded 1,000 ADRs in $(( $(date +%s) - start )) s"

start=$(date +%s)
copied="table_name = 'adrs' AND column_name NOT IN ('id', 'team_id', 'project_id', 'search_vector')"
columns=$(sql "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE $copied")
from_a=$(sql "SELECT string_agg('a.' || column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE $copied")
psql -q "$DATABASE_URL" <<SQL
INSERT INTO teams (name, slug, created_at)
  SELECT 'Team ' || n, 'team-' || n, now() FROM generate_series(2, 1000) n;
INSERT INTO projects (team_id, name, name_key, description, last_adr_number, created_at, updated_at)
  SELECT id, 'Project', 'project', '', 100, now(), now() FROM teams WHERE id <> $team;
INSERT INTO adrs (team_id, project_id, $columns)
  SELECT p.team_id, p.id, $from_a
  FROM projects p CROSS JOIN adrs a
  WHERE p.team_id <> $team AND a.project_id = $project AND a.number <= 100;
VACUUM ANALYZE;
SQL
echo "copied to 999 other teams in $(( $(date +%s) - start )) s:" \
  "$(sql "SELECT count(*) FROM teams") teams, $(sql "SELECT count(*) FROM adrs") ADRs"

explain() {
  echo "-- $1"
  psql -qAt "$DATABASE_URL" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $2"
}
terms="plainto_tsquery('simple', 'databas')"
explain "search 'database', count" \
  "SELECT COUNT(*) FROM adrs WHERE team_id = $team AND project_id = $project AND search_vector @@ $terms"
explain "search 'database', first page by number" \
  "SELECT * FROM adrs WHERE team_id = $team AND project_id = $project AND search_vector @@ $terms ORDER BY number LIMIT 50"
explain "status and topic filter, page 3 by title" \
  "SELECT * FROM adrs WHERE team_id = $team AND project_id = $project AND status = 'proposed' AND topic_id = 'database' ORDER BY lower(title), number LIMIT 50 OFFSET 100"

cookie=$(awk '$6 == "groundwork_session" { print $7 }' "$jar")
p="project_id=$project"
printf '%s\n' "$p&q=database" "$p&q=monolith+team" "$p&q=postgresql" "$p&q=cache&status=proposed" \
  "$p&q=deploy+container" "$p&q=nothing+like+this" "$p&status=proposed&page=7" "$p&topic=database&sort=title" \
  "$p&sort=updated&page=12" "$p&q=service+boundary&topic=backend" > "$work/bodies"
cat > "$work/bodies.lua" <<LUA
local bodies = {}
for line in io.lines("$work/bodies") do bodies[#bodies + 1] = line end
local n = 0
function request()
  n = n + 1
  return wrk.format("POST", "/api/list_adrs", {
    Cookie = "groundwork_session=$cookie", Accept = "application/json",
    ["Content-Type"] = "application/x-www-form-urlencoded" }, bodies[(n % #bodies) + 1])
end
LUA
while read -r body; do
  printf '%s: %s of 100,900\n' "$body" "$(curl -fs -b "groundwork_session=$cookie" -H 'Accept: application/json' \
    --data "$body" "$url/api/list_adrs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
done < "$work/bodies"
wrk -t1 -c2 -d3s -s "$work/bodies.lua" "$url" >/dev/null
echo "== the log of one team's project (1,000 ADRs among 100,900), searches and filters in turn"
wrk -t2 -c2 -d15s --latency -s "$work/bodies.lua" "$url" | grep -E 'Requests/sec|Non-2xx|Socket|^ +(50|90|99)%'
