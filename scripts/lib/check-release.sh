#!/usr/bin/env bash
# Unpacks the release archive into an empty folder and starts it from another empty folder
# with a bare environment (no Rust, no Node on PATH): /readyz must answer 200 and the site's
# WASM must be served under its content-hashed name (from hash.txt beside the binary), named so
# by the pages, from its precompressed brotli twin when the browser takes br, and marked
# immutable. Usage: check-release.sh <archive.tar.gz>
set -euo pipefail
archive=$(realpath "$1")
unpacked=$(mktemp -d)
elsewhere=$(mktemp -d)
tar -C "$unpacked" -xzf "$archive"
binary=$(find "$unpacked" -maxdepth 2 -name groundwork -type f)
# A port nobody listens on now.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cd "$elsewhere"
env -i PATH=/usr/bin:/bin HOME="$elsewhere" LISTEN_ADDR="127.0.0.1:$port" "$binary" > server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$unpacked" "$elsewhere"' EXIT
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
status() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$1" || true; }
hash_file=$(dirname "$binary")/hash.txt
[ -f "$hash_file" ] || { echo "release check failed: no hash.txt beside the binary" >&2; exit 1; }
wasm_path="/pkg/groundwork.$(awk '$1 == "wasm:" { print $2 }' "$hash_file").wasm"
ready=$(status /readyz)
wasm=$(status "$wasm_path")
page=$(status /setup)
if [ "$ready" != 200 ] || [ "$wasm" != 200 ] || [ "$page" != 200 ]; then
  echo "release check failed: /readyz $ready, $wasm_path $wasm, /setup $page" >&2
  cat server.log >&2
  exit 1
fi
html=$(curl -s "http://127.0.0.1:$port/setup")
css_path="/pkg/groundwork.$(awk '$1 == "css:" { print $2 }' "$hash_file").css"
for path in "$wasm_path" "$css_path"; do
  grep -qF "$path" <<< "$html" || { echo "release check failed: the page does not name $path" >&2; exit 1; }
done
[ "$(status "$css_path")" = 200 ] || { echo "release check failed: $css_path is not served" >&2; exit 1; }
[ -f groundwork.db ] || { echo "release check failed: no groundwork.db in the folder it started in" >&2; exit 1; }
# The archive carries the WASM's brotli twin, and the server sends it to a browser that takes br.
twin=$(find "$unpacked" -path "*$wasm_path.br")
[ -n "$twin" ] || { echo "release check failed: no $wasm_path.br in the archive" >&2; exit 1; }
headers=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: br' "http://127.0.0.1:$port$wasm_path" | tr -d '\r')
encoding=$(awk -F': ' 'tolower($1) == "content-encoding" { print $2 }' <<< "$headers")
length=$(awk -F': ' 'tolower($1) == "content-length" { print $2 }' <<< "$headers")
cache=$(awk -F': ' 'tolower($1) == "cache-control" { print $2 }' <<< "$headers")
if [ "$cache" != "public, max-age=31536000, immutable" ]; then
  echo "release check failed: the WASM came with Cache-Control '$cache', not immutable" >&2
  exit 1
fi
# Compressed on the fly it would have no length; sent from the twin, it has the twin's.
if [ "$encoding" != br ] || [ "$length" != "$(stat -c %s "$twin")" ]; then
  echo "release check failed: the WASM came as '$encoding', $length bytes, not the brotli twin" >&2
  exit 1
fi
echo "/readyz 200, $wasm_path 200 (brotli twin sent, immutable), /setup 200 naming it, from the unpacked archive"
echo "release: 1 passed, 0 failed"
