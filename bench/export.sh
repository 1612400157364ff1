#!/usr/bin/env bash
# Export figures (issue 6), not a timed test. Seeds a project with 1,000 realistic ADRs, then
# times, in one run, exporting them as a MADR zip (read, write, zip, save) against rendering the
# same markdown with pulldown-cmark and saving the same bytes (target <= 1.5x). Also the zip
# download over HTTP, for the record.
# Usage: bench/export.sh   (release build)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
build_release export_1000

work=$(mktemp -d)
port=3104
url="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" LOG_LEVEL=warn
LISTEN_ADDR="127.0.0.1:$port" target/release/groundwork &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs -o /dev/null "$url/healthz"; do sleep 0.05; done
jar="$work/cookies"
curl -fs -o /dev/null -c "$jar" -H 'Accept: application/json' \
  --data 'email=bench%40example.com&password=a+long+bench+password&team_name=Bench' "$url/api/set_up"
team=$(curl -fs -b "$jar" -H 'Accept: application/json' -X POST "$url/api/list_my_teams" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
project=$(curl -fs -b "$jar" -H 'Accept: application/json' --data "team_id=$team&name=Bench&description=" "$url/api/create_project" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
target/release/groundwork seed-decisions --project "$project" --as bench@example.com --count 1000

echo "== export of 1,000 ADRs, in process"
target/release/examples/export_1000 "$DATABASE_URL" "$project" bench@example.com 15

echo "== the same over HTTP (5 downloads)"
for _ in 1 2 3 4 5; do
  curl -fs -b "$jar" -o "$work/download.zip" -w '%{time_total}\n' "$url/projects/$project/export.zip?format=madr"
done | python3 -c 'import sys; t=sorted(float(l)*1000 for l in sys.stdin); print(f"median {t[len(t)//2]:.1f} ms")'
echo "zip: $(wc -c < "$work/download.zip") bytes"
