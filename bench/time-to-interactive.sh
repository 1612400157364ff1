#!/usr/bin/env bash
# Time to interactive, not a timed test: in Chromium with the CPU 4x slower and a 1.6 Mbit/s /
# 150 ms network, navigation start to `<main data-hydrated="true">` on the topic page (the first
# topic of a fresh project) and the decision log (100 ADRs), signed in, against the first
# contentful paint of the same page with JavaScript off, measured in the same run (target: within
# 1.5x); and a repeat visit's time to hydrated and its WASM and JS bytes over the network (target:
# none). See bench/time-to-interactive.mjs for how each figure is taken.
# Usage: bench/time-to-interactive.sh [runs]   (default 5; builds nothing)
#   ARCHIVE=target/release-archive/groundwork-<version>-x86_64-linux.tar.gz
#       runs that archive's binary and site/ (hashed names sent immutable, brotli twins): the
#       realistic case, and the one where a repeat visit should download no WASM;
#   else SERVER=path/to/groundwork (default target/release/groundwork) with its site at
#       LEPTOS_SITE_ROOT (default target/site). Without target/release/hash.txt beside it the
#       names are plain and sent `no-cache`, so the repeat visit revalidates them (304s).
# Needs end2end/node_modules (`npm ci` in end2end/) and /usr/bin/chromium (or CHROMIUM_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-5}

work=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
if [ -n "${ARCHIVE:-}" ]; then
  tar -C "$work" -xzf "$ARCHIVE"
  app=$(find "$work" -maxdepth 1 -mindepth 1 -type d -name 'groundwork-*')
  SERVER="$app/groundwork"
  export LEPTOS_SITE_ROOT="$app/site"
else
  SERVER=${SERVER:-target/release/groundwork}
  export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
fi
[ -x "$SERVER" ] || { echo "no server at $SERVER (build it, or pass SERVER= or ARCHIVE=)" >&2; exit 1; }
[ -d end2end/node_modules/playwright-core ] || { echo "run npm ci in end2end/ first" >&2; exit 1; }

# A fresh SQLite database, shared by the server and `seed-decisions`.
port=3141
url="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/bench.db?mode=rwc" LOG_LEVEL=warn
LISTEN_ADDR="127.0.0.1:$port" "$SERVER" &
pid=$!
until curl -fs -o /dev/null "$url/healthz"; do
  kill -0 "$pid" 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
  sleep 0.05
done

# The bench account (the install's first owner), its team, a project and 200 ADRs.
jar="$work/cookies"
api() { curl -fs -b "$jar" -c "$jar" -H 'Accept: application/json' "$@"; }
api -o /dev/null \
  --data 'email=bench%40example.com&password=a+long+bench+password&team_name=Bench' "$url/api/set_up"
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }
team=$(api -X POST "$url/api/list_my_teams" | json '[0]["id"]')
project=$(api --data "team_id=$team&name=Bench&description=" "$url/api/create_project" | json '["id"]')
"$SERVER" seed-decisions --project "$project" --as bench@example.com --count 100
# The questionnaire's first topic, as the server names it.
topic=$(api --data "project_id=$project" "$url/api/questionnaire_progress" | json '["topics"][0]["id"]')
cookie=$(awk '$6 == "groundwork_session" { print "groundwork_session=" $7 }' "$jar")

pages=("/projects/$project/topics/$topic" "/projects/$project/decisions")
for page in "${pages[@]}"; do
  # Server-rendered, signed in, not yet hydrated: what the browser will be timed on.
  curl -fs -H "Cookie: $cookie" "$url$page" | grep -q 'data-hydrated="false"' ||
    { echo "$page is not the server-rendered page it should be" >&2; exit 1; }
done
echo "server: $SERVER, site: $LEPTOS_SITE_ROOT, hashed names: $([ -f "$(dirname "$SERVER")/hash.txt" ] && echo yes || echo no)"
COOKIE="$cookie" RUNS="$runs" node bench/time-to-interactive.mjs "$url" "${pages[@]}"
