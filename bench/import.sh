#!/usr/bin/env bash
# Import figures (issue 18), not a timed test: 2,000 ADR files in a 10 MB zip of a repository
# (bench/make-adr-repository.py: four flavours, links, duplicate numbers, undated files), read
# by `groundwork import`: the preview (`--dry-run`) and the import itself, each as its own
# process, with wall time and peak memory (GNU time). Baseline in the same run: Python's zipfile
# reading every entry of the same archive and decoding it as UTF-8 (the least any import does).
# Then the same archive over HTTP: the upload that shows the preview, and the confirmation.
# Usage: bench/import.sh [COUNT] [MEGABYTES]   (release build)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
count=${1:-2000}
megabytes=${2:-10}
build_release

work=$(mktemp -d)
port=3105
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
new_project() {
  curl -fs -b "$jar" -H 'Accept: application/json' --data "team_id=$team&name=$1&description=" "$url/api/create_project" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
archive="$work/adrs.zip"
python3 bench/make-adr-repository.py "$archive" "$count" "$megabytes" >/dev/null
echo "archive: $(wc -c < "$archive") bytes, $(unzip -l "$archive" | tail -1 | awk '{print $2}') files"

# Wall seconds and peak resident KiB of a command, as "seconds kib".
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out"; return 1; }
  cat "$work/time"
}
baseline='import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    total = sum(len(z.read(i).decode("utf-8")) for i in z.infolist())
print(total)'

printf '\n%-34s %10s %12s\n' "step (3 runs each)" "seconds" "peak KiB"
for round in 1 2 3; do
  read -r s kib < <(measure python3 -c "$baseline" "$archive")
  printf '%-34s %10s %12s\n' "baseline: unzip and decode (python)" "$s" "$kib"
  project=$(new_project "Preview $round")
  read -r s kib < <(measure target/release/groundwork import --project "$project" --as bench@example.com --dry-run "$archive")
  printf '%-34s %10s %12s\n' "groundwork import --dry-run" "$s" "$kib"
  tail -1 "$work/out"
  project=$(new_project "Import $round")
  read -r s kib < <(measure target/release/groundwork import --project "$project" --as bench@example.com "$archive")
  printf '%-34s %10s %12s\n' "groundwork import" "$s" "$kib"
  tail -1 "$work/out"
done

echo
echo "== over HTTP: the upload that shows the preview, then the confirmation (3 runs)"
for round in 1 2 3; do
  project=$(new_project "Web $round")
  preview=$(curl -fs -b "$jar" -c "$jar" -o /dev/null -w '%{time_total}' -H 'Accept: text/html' \
    -F "archive=@$archive;type=application/zip" "$url/projects/$project/import")
  token=$(curl -fs -b "$jar" -c "$jar" -H 'Accept: text/html' "$url/projects/$project/exchange" |
    python3 -c 'import re,sys; print(re.search(r"name=\"token\" value=\"([0-9a-f]+)\"", sys.stdin.read()).group(1))')
  confirm=$(curl -fs -b "$jar" -c "$jar" -o /dev/null -w '%{time_total}' -H 'Accept: text/html' \
    --data "token=$token&action=import" "$url/projects/$project/import/confirm")
  stored=$(curl -fs -b "$jar" -H 'Accept: application/json' --data "project_id=$project" "$url/api/list_adrs" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
  echo "preview ${preview}s, confirm ${confirm}s, ADRs stored: $stored"
done
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"
