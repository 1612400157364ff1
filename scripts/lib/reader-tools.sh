#!/usr/bin/env bash
# Third-party ADR readers, to prove that real tools read our decision-log exports: every ADR with
# its right title and status. Meant to be sourced (by scripts/check-readers); defines
#
#   ensure_reader_tools          installs whatever is missing into target/reader-tools/ (idempotent)
#   check_reader_tools ARGS...   runs every reader over export folders (scripts/lib/check_readers.py;
#                                see scripts/check-readers for the arguments); nonzero on any misread
#
# What is installed, pinned, and why each source:
#   target/reader-tools/node/      npm: adr-log (reads MADR), log4brains (its CLI and static site)
#   target/reader-tools/venv/      PyPI: pyadr (MADR 2 bullets), adr-viewer (Nygard "## Status")
#   target/reader-tools/adr-tools/ Debian's adr-tools: Nat Pryce's bash scripts themselves. Neither
#                                  npm nor PyPI ships them (npm's adr-tools, adr and @meza/adr-tools
#                                  are TypeScript rewrites; PyPI's adr-tools-python, adrtools, decree
#                                  are Python rewrites), so the .deb is unpacked here, without root.
set -euo pipefail

# GROUNDWORK_ROOT, log and as_root.
# shellcheck source=scripts/lib/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

READER_TOOLS_DIR="$GROUNDWORK_ROOT/target/reader-tools"

# Exact versions. The checker's expectations follow these tools' parsers (see the file and line
# references in scripts/lib/check_readers.py); a new version must be re-read before it is pinned.
READER_NPM_PACKAGES=(adr-log@2.2.0 log4brains@1.1.0)
# Every Python package in the venv, transitive ones too: adr-viewer's reading depends on mistune's
# HTML, pyadr's on python-slugify's slugs.
READER_PY_PACKAGES=(
  pyadr==0.19.0 cleo==0.8.1 clikit==0.6.2 crashtest==0.3.1 pastel==0.2.1 pylev==1.4.0
  GitPython==3.2.1 gitdb==4.0.12 smmap==5.0.3 loguru==0.7.3 python-slugify==6.1.2
  text-unidecode==1.3
  adr-viewer==1.4.0 beautifulsoup4==4.15.0 bs4==0.0.2 soupsieve==4.1.3 bottle==0.13.4
  click==8.5.1 Jinja2==3.1.6 MarkupSafe==3.0.4 mistune==3.4.0 typing_extensions==4.16.0
)
READER_ADR_TOOLS_DEB_VERSION="3.0.0-2"

# Runs one install step with its output in target/setup-logs/NAME.log; on failure shows the end of
# that log. Silent on success: each install prints only its one "installing ... because" line.
_reader_quietly() {
  local name=$1
  shift
  local logs="$GROUNDWORK_ROOT/target/setup-logs"
  mkdir -p "$logs"
  if ! "$@" > "$logs/$name.log" 2>&1; then
    log "installing $name failed; the end of $logs/$name.log:"
    tail -n 40 "$logs/$name.log" >&2
    return 1
  fi
}

# The version an npm package has under target/reader-tools/node, or nothing.
_reader_npm_version() {
  local manifest="$READER_TOOLS_DIR/node/node_modules/$1/package.json"
  [ -f "$manifest" ] && node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

ensure_reader_node_tools() {
  local spec missing=()
  for spec in "${READER_NPM_PACKAGES[@]}"; do
    [ "$(_reader_npm_version "${spec%@*}")" = "${spec##*@}" ] || missing+=("$spec")
  done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} from npm into target/reader-tools/node, to check that real ADR readers read our exports (about a minute and 400 MB, once)"
  _reader_quietly reader-tools-npm \
    npm install --prefix "$READER_TOOLS_DIR/node" --no-audit --no-fund --save-exact "${missing[@]}"
}

ensure_reader_python_tools() {
  local venv="$READER_TOOLS_DIR/venv" stamp="$READER_TOOLS_DIR/venv/.pinned"
  # The stamp holds the pinned list the venv was made from; any change rebuilds it from scratch.
  if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "${READER_PY_PACKAGES[*]}" ]; then
    return
  fi
  log "installing pyadr 0.19.0 and adr-viewer 1.4.0 from PyPI into target/reader-tools/venv, to check that real ADR readers read our exports (under a minute, once)"
  rm -rf "$venv"
  _reader_quietly reader-tools-python _reader_make_venv "$venv"
  printf '%s' "${READER_PY_PACKAGES[*]}" > "$stamp"
}

_reader_make_venv() {
  python3 -m venv "$1"
  # --no-deps: the list above is complete, so nothing unpinned comes in.
  "$1/bin/pip" install --disable-pip-version-check --no-deps "${READER_PY_PACKAGES[@]}"
  "$1/bin/pip" check
}

# apt-get download, running apt-get update once first when the package lists lack the version.
_reader_fetch_adr_tools_deb() {
  local into=$1
  if ! (cd "$into" && apt-get download "adr-tools=$READER_ADR_TOOLS_DEB_VERSION"); then
    as_root apt-get update -qq
    (cd "$into" && apt-get download "adr-tools=$READER_ADR_TOOLS_DEB_VERSION")
  fi
}

ensure_reader_adr_tools() {
  local root="$READER_TOOLS_DIR/adr-tools" stamp="$READER_TOOLS_DIR/adr-tools/.version"
  if [ -x "$root/usr/bin/adr" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$READER_ADR_TOOLS_DEB_VERSION" ]; then
    return
  fi
  log "unpacking Debian's adr-tools $READER_ADR_TOOLS_DEB_VERSION (Nat Pryce's scripts, which neither npm nor PyPI ships) into target/reader-tools/adr-tools (seconds, once)"
  rm -rf "$root" "$READER_TOOLS_DIR/deb"
  mkdir -p "$READER_TOOLS_DIR/deb"
  _reader_quietly reader-tools-adr-tools _reader_fetch_adr_tools_deb "$READER_TOOLS_DIR/deb"
  dpkg-deb -x "$READER_TOOLS_DIR"/deb/adr-tools_*.deb "$root"
  # Debian's packaging hard-codes where the helpers live (adr_bin_dir=/usr/libexec/adr-tools,
  # adr_template_dir=/usr/share/adr-tools); point those two assignments at the unpacked copy.
  # Nothing else in the scripts changes.
  grep -rlE '^adr_(bin|template)_dir=/usr/' "$root/usr/bin" "$root/usr/libexec" | xargs sed -i -E \
    -e "s#^adr_bin_dir=/usr/libexec/adr-tools\$#adr_bin_dir=$root/usr/libexec/adr-tools#" \
    -e "s#^adr_template_dir=/usr/share/adr-tools\$#adr_template_dir=$root/usr/share/adr-tools#"
  if grep -rqE '^adr_(bin|template)_dir=/usr/' "$root/usr/bin" "$root/usr/libexec"; then
    log "adr-tools: some scripts still point at /usr; the package layout changed"
    return 1
  fi
  printf '%s' "$READER_ADR_TOOLS_DEB_VERSION" > "$stamp"
}

ensure_reader_tools() {
  mkdir -p "$READER_TOOLS_DIR"
  ensure_reader_adr_tools
  ensure_reader_node_tools
  ensure_reader_python_tools
  # The API test server/tests/api/reader_tools.rs runs the readers once this is there.
  : > "$READER_TOOLS_DIR/installed"
}

# Arguments as for scripts/check-readers. Runs with the venv's Python (stdlib only).
check_reader_tools() {
  "$READER_TOOLS_DIR/venv/bin/python" "$GROUNDWORK_ROOT/scripts/lib/check_readers.py" \
    --tools "$READER_TOOLS_DIR" "$@"
}
