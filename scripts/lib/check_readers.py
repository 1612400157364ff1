#!/usr/bin/env python3
"""Runs real ADR readers over decision-log exports and fails unless each one sees every ADR of a
manifest with the expected title and status. Run through scripts/check-readers, which installs the
tools first and documents the arguments; this file is stdlib only.

Which reader runs on which flavour, and what it is asked:

  nygard      adr-tools 3.0.0   adr list; adr generate toc; adr generate graph; the status its
                                helper _adr_status reads (what adr link / generate graph use)
              adr-viewer 1.4.0  the HTML page: each record's title and status class
  madr        adr-log 2.2.0     adr-log -d <folder>: the log's titles (adr-log shows no status)
  log4brains  log4brains 1.1.0  log4brains adr list --raw; log4brains build: a page per ADR
  madr2       pyadr 0.19.0      pyadr check-adr-repo; pyadr toc: titles and status sections

adr-viewer reads the Nygard "## Status" section, not MADR 2's "* Status:" bullet, so it runs on the
Nygard export only (on MADR 2 files every status would show as "unknown").

Each reader works on its own scratch copy of the export (the tools write files: pyadr toc rewrites
index.md, log4brains needs .log4brains.yml), so the export itself is never touched.

The manifest is a TSV, one ADR a line: number<TAB>title<TAB>status, where status is one of
proposed, accepted, rejected, deprecated, superseded (Groundwork's words); blank lines and lines
starting with # are ignored. Titles are plain ("Use PostgreSQL"): where a format numbers its
titles (Nygard: "2. Use PostgreSQL") the checker adds the number itself.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
FLAVOURS = ("nygard", "madr", "log4brains", "madr2")


@dataclass
class Expected:
    number: int
    title: str
    status: str


@dataclass
class Result:
    """One reader step on one export: problems found (none means it passed) and its output."""

    name: str
    problems: list = field(default_factory=list)
    output: str = ""
    note: str = ""


# ------------------------------------------------------------------------------------------------
# Small helpers


def read_manifest(path: Path) -> dict:
    """number -> Expected; exits with a message on a malformed line."""
    expected = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or not cols[0].strip().isdigit() or not cols[1].strip():
            sys.exit(f"{path}:{lineno}: expected number<TAB>title<TAB>status, got {line!r}")
        number, title, status = int(cols[0]), cols[1].strip(), cols[2].strip().lower()
        if status not in STATUSES:
            sys.exit(f"{path}:{lineno}: status {status!r} is not one of {', '.join(STATUSES)}")
        if number in expected:
            sys.exit(f"{path}:{lineno}: ADR {number} is listed twice")
        expected[number] = Expected(number, title, status)
    if not expected:
        sys.exit(f"{path}: no ADR listed")
    return expected


def number_of(name: str):
    """The ADR number a file name or slug starts with ("0004-keep-files.md" -> 4), else None."""
    match = re.match(r"(\d+)-", os.path.basename(name))
    return int(match[1]) if match else None


def run(cmd, cwd, timeout=300, env=None):
    """Runs a reader; returns (exit code, stdout, stderr). A missing binary or a timeout is
    reported as exit code 127 / 124 with the reason in stderr, so it shows up as a problem."""
    full_env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0", **(env or {})}
    try:
        done = subprocess.run(
            [str(c) for c in cmd], cwd=cwd, env=full_env, capture_output=True, text=True,
            encoding="utf-8", errors="replace",
            timeout=timeout, stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError as err:
        return 127, "", str(err)
    except subprocess.TimeoutExpired:
        return 124, "", f"timed out after {timeout} s: {' '.join(map(str, cmd))}"
    return done.returncode, done.stdout, done.stderr


def scratch_copy(root: Path, workdir: Path, name: str) -> Path:
    """A fresh copy of an export root for one reader (without .git: no reader should depend on the
    export repository's history)."""
    dest = workdir / name
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(".git"))
    return dest


def compare(result: Result, expected: dict, seen: dict, what: str, want_title, want_status=None):
    """Compares what a reader showed with the manifest.

    seen: number -> list of (title, status) the reader showed for that number (status None where
    the reader shows none). want_title(e) gives the title the reader should show; want_status(e)
    the set of statuses it may show (None: do not check)."""
    for number, e in sorted(expected.items()):
        shown = seen.get(number, [])
        if not shown:
            result.problems.append(f"ADR {number}: missing from {what}")
            continue
        if len(shown) > 1:
            result.problems.append(f"ADR {number}: shown {len(shown)} times in {what}")
        title, status = shown[0]
        if title != want_title(e):
            result.problems.append(f"ADR {number}: title {title!r}, expected {want_title(e)!r}")
        if want_status is not None and status not in want_status(e):
            allowed = " or ".join(repr(s) for s in sorted(want_status(e)))
            result.problems.append(f"ADR {number}: status {status!r}, expected {allowed}")
    # Entries the manifest does not have: another ADR, or something that is no ADR at all (key -1).
    for number in sorted(n for n in seen if n not in expected):
        for title, status in seen[number]:
            label = f"ADR {number}, not in the manifest," if number >= 0 else "an extra entry"
            result.problems.append(
                f"{label} in {what}: {title!r}" + (f" (status {status!r})" if status else ""))


def numbered(e: Expected) -> str:
    """Nygard titles carry their number: "2. Use PostgreSQL"."""
    return f"{e.number}. {e.title}"


# ------------------------------------------------------------------------------------------------
# Nygard export: adr-tools and adr-viewer


def nygard_adr_dir(root: Path) -> str:
    """Where adr-tools looks (libexec/adr-tools/_adr_dir): the folder .adr-dir names, else doc/adr."""
    marker = root / ".adr-dir"
    return marker.read_text().strip() if marker.is_file() else "doc/adr"


def check_adr_tools(tools: Path, root: Path, workdir: Path, expected: dict) -> list:
    """adr-tools reads:
      adr list   - every file matching ^<dir>/[0-9]+-[^/]*\\.md (libexec/adr-tools/adr-list:13)
      titles     - the first line of the file minus its first two characters, "# " assumed
                   (libexec/adr-tools/_adr_title:5: head -1 | cut -c 3-); used by toc and graph
      status     - the non-blank, non-heading lines between "## Status" and the next heading
                   (libexec/adr-tools/_adr_status:5-9); the first is the status, the rest links
                   "<Relation> [<title>](<NNNN-file>.md)" (libexec/adr-tools/_adr_links:5).
    adr-tools writes statuses capitalised: "Accepted" (adr-new), and when superseding it deletes the
    line that is exactly "Accepted" and adds "Superseded by [...](...)" (adr-new:115-119,
    _adr_remove_status:23). So the first status line must be the capitalised word, or for a
    superseded ADR may start with "Superseded by "."""
    adr = tools / "adr-tools/usr/bin/adr"
    status_helper = tools / "adr-tools/usr/libexec/adr-tools/_adr_status"
    cwd = scratch_copy(root, workdir, "adr-tools")
    results = []

    # adr list
    listed = Result("adr-tools: adr list")
    rc, out, err = run([adr, "list"], cwd)
    listed.output = out + err
    files = [line for line in out.splitlines() if line.strip()]
    if rc != 0:
        listed.problems.append(f"exit code {rc}")
    seen = {}
    for f in files:
        seen.setdefault(number_of(f) if number_of(f) is not None else -1, []).append((f, None))
    for number in sorted(expected):
        if number not in seen:
            listed.problems.append(f"ADR {number}: not listed")
        elif len(seen[number]) > 1:
            listed.problems.append(f"ADR {number}: {len(seen[number])} files")
    for number in sorted(n for n in seen if n not in expected):
        listed.problems.append(f"listed but not in the manifest: {seen[number][0][0]}")
    listed.note = f"{len(files)} files"
    results.append(listed)

    # adr generate toc: "* [<title>](<file>)"
    toc = Result("adr-tools: adr generate toc")
    rc, out, err = run([adr, "generate", "toc"], cwd)
    toc.output = out + err
    if rc != 0:
        toc.problems.append(f"exit code {rc}")
    seen = {}
    for m in re.finditer(r"^\* \[(.*)\]\((.*)\)$", out, re.M):
        seen.setdefault(number_of(m[2]) if number_of(m[2]) is not None else -1, []).append(
            (m[1], None))
    compare(toc, expected, seen, "the table of contents", numbered)
    results.append(toc)

    # adr generate graph: nodes '_<n> [label="<title>"; URL="..."];', edges '_<a> -> _<b> [...]'
    graph = Result("adr-tools: adr generate graph")
    rc, out, err = run([adr, "generate", "graph"], cwd)
    graph.output = out + err
    if rc != 0:
        graph.problems.append(f"exit code {rc}")
    seen = {}
    for m in re.finditer(r'^\s+_(\d+) \[label="(.*)"; URL="(.*)"\];$', out, re.M):
        seen.setdefault(int(m[1]), []).append((m[2], None))
    compare(graph, expected, seen, "the graph", numbered)
    for m in re.finditer(r"^\s+_(\d+) -> _(\d+) \[label=\"(.*?)\"", out, re.M):
        if int(m[2]) not in seen:
            graph.problems.append(f"ADR {m[1]}: link {m[3]!r} to ADR {m[2]}, which has no node")
    results.append(graph)

    # The status each file's "## Status" section gives (first line).
    status = Result("adr-tools: status (_adr_status)")
    seen = {}
    lines = []
    for f in files:
        number = number_of(f)
        rc, out, err = run([status_helper, f], cwd)
        first = next((line.strip() for line in out.splitlines() if line.strip()), "")
        lines.append(f"{f}: {first!r}")
        if rc != 0:
            status.problems.append(f"{f}: exit code {rc}: {err.strip()}")
        if number is not None:
            seen.setdefault(number, []).append((first, None))
    status.output = "\n".join(lines)
    for number, e in sorted(expected.items()):
        if number not in seen:
            status.problems.append(f"ADR {number}: no file, so no status")
            continue
        first = seen[number][0][0]
        ok = first == e.status.capitalize() or (
            e.status == "superseded" and first.startswith("Superseded by "))
        if not ok:
            want = repr(e.status.capitalize()) + (
                " or 'Superseded by [...](...)'" if e.status == "superseded" else "")
            status.problems.append(
                f"ADR {number}: first line of '## Status' is {first!r}, expected {want}")
    results.append(status)
    return results


# adr-viewer's statuses (adr_viewer/parse.py:62-73), by the lines of the "## Status" section, first
# match wins: a line starting "Amended by" -> amended; "Accepted" -> accepted; "Superseded by" ->
# superseded; "Proposed" or "Pending" -> pending; anything else -> unknown. So an accepted ADR with an
# "Amended by" link shows as amended (adr-viewer's own, deliberate status), and it has no word for
# rejected or deprecated ADRs: those can only show as unknown.
ADR_VIEWER_STATUS = {
    "accepted": {"accepted", "amended"},
    "superseded": {"superseded"},
    "proposed": {"pending"},
    "rejected": {"unknown"},
    "deprecated": {"unknown"},
}


def check_adr_viewer(tools: Path, root: Path, workdir: Path, expected: dict) -> list:
    """adr-viewer parses every *.md in --adr-path (adr_viewer/__init__.py:20, parse.py:35-52), takes
    the first <h1> as the title (parse.py:75-89; a file without one is skipped with "Could not
    parse") and the status from the <p> and <li> elements after the <h2> whose text is exactly
    "Status" (parse.py:18-32). Records are matched to the manifest by their title."""
    result = Result("adr-viewer: HTML page")
    cwd = scratch_copy(root, workdir, "adr-viewer")
    page = workdir / "adr-viewer.html"
    rc, out, err = run([tools / "venv/bin/adr-viewer", "--adr-path", nygard_adr_dir(cwd),
                        "--output", page], cwd)
    result.output = out + err
    if rc != 0 or not page.is_file():
        result.problems.append(f"exit code {rc}, no page written")
        return [result]
    text = page.read_text(encoding="utf-8")
    # The template (adr_viewer/templates/index.html:75-77) writes, per record:
    #   <div class="panel-heading adr-STATUS"> ... <a data-toggle="collapse" href="#collapseN">TITLE</a>
    records = re.findall(
        r'<div class="panel-heading adr-(\w+)">\s*<h4 class="panel-title">\s*'
        r'<a data-toggle="collapse" href="#collapse\d+">(.*?)</a>', text, re.S)
    by_title = {numbered(e): e.number for e in expected.values()}
    seen = {}
    for status, title in records:
        title = html.unescape(title)
        # A record whose title is no expected one is keyed by the number it starts with (so a
        # wrong title is reported against its ADR), else as an extra entry.
        number = by_title.get(title)
        if number is None:
            m = re.match(r"(\d+)\. ", title)
            number = int(m[1]) if m else -1
        seen.setdefault(number, []).append((title, status))
    result.output += "\n".join(f"{s:10} {t}" for s, t in records)
    result.note = f"{len(records)} records"
    compare(result, expected, seen, "the page", numbered, lambda e: ADR_VIEWER_STATUS[e.status])
    return [result]


# ------------------------------------------------------------------------------------------------
# MADR export: adr-log


def check_adr_log(tools: Path, root: Path, workdir: Path, expected: dict) -> list:
    """adr-log -d DIR lists every **/*.md under DIR except DIR/index.md (cli.js:72-75), so any other
    index (README.md) becomes an entry. When DIR/index.md exists it is the page the log is put into,
    between <!-- adrlog --> and <!-- adrlogstop --> (cli.js:89-95, lib/insert.js:18-61); without
    those markers the page is printed unchanged, with no log. Titles: after front matter, if any, is
    cut off (gray-matter strips one newline after the closing ---), the first line minus its first
    two characters, less a leading "N. " (index.js:98-111). So a blank line after the front matter
    gives an empty title. adr-log shows no status at all."""
    result = Result("adr-log: adr-log -d docs/decisions")
    result.note = "titles only: adr-log shows no status"
    cwd = scratch_copy(root, workdir, "adr-log")
    rc, out, err = run([tools / "node/node_modules/.bin/adr-log", "-d", "docs/decisions"], cwd)
    result.output = out + err
    if rc != 0:
        result.problems.append(f"exit code {rc}")
    log = re.search(r"<!-- adrlog -->(.*?)<!-- adrlogstop -->", out, re.S)
    if not log:
        result.problems.append(
            "no decision log printed (docs/decisions/index.md without <!-- adrlog --> markers?)")
        return [result]
    seen = {}
    for m in re.finditer(r"^\* \[ADR-([^\]]*)\]\(([^)]*)\) - (.*)$", log[1], re.M):
        number = number_of(m[2])
        seen.setdefault(number if number is not None else -1, []).append(
            (m[3], None) if number is not None else (f"{m[2]} as ADR-{m[1]} - {m[3]}", None))
    compare(result, expected, seen, "the log", lambda e: e.title)
    return [result]


# ------------------------------------------------------------------------------------------------
# log4brains export: log4brains


def log4brains_adr_dir(root: Path) -> str:
    """project.adrFolder of .log4brains.yml if the export has one, else docs/adr."""
    config = root / ".log4brains.yml"
    if config.is_file():
        m = re.search(r"^\s+adrFolder:\s*['\"]?([^'\"\n]+)", config.read_text(), re.M)
        if m:
            return str(Path(m[1].strip()))  # "./docs/adr" -> "docs/adr"
    return "docs/adr"


def prepare_log4brains(root: Path, workdir: Path, name: str) -> Path:
    """A scratch copy with a .log4brains.yml: log4brains runs nowhere without one
    (core/src/infrastructure/config/builders.ts:10; project.name, tz, adrFolder required by
    schema.ts:44-50)."""
    cwd = scratch_copy(root, workdir, name)
    if not (cwd / ".log4brains.yml").is_file():
        (cwd / ".log4brains.yml").write_text(
            "project:\n  name: Reader check\n  tz: Etc/UTC\n  adrFolder: ./docs/adr\n")
    return cwd


def check_log4brains(tools: Path, root: Path, workdir: Path, expected: dict, build: bool) -> list:
    """log4brains (core/src/adr/domain, from the source maps in @log4brains/core/dist):
      files   - every *.md in adrFolder but template.md, readme.md, index.md, backlog.md
                (AdrFile.ts:9-14); the slug is the file name without .md
      title   - the first <h1> (MarkdownBody.ts:47-54)
      status  - "Status: <word>" in the first list before the first <h2> (MarkdownBody.ts:72-98):
                front matter renders as <hr>/<p>/<ul> or a setext <h2>, so it hides the list; no
                Status at all means "accepted" (Adr.ts:98-108), an unknown word means "draft"
      superseded by - the li's text after "superseded by" must be the superseder's slug (Adr.ts:
                110-121); otherwise the page's getStaticProps throws "You forgot to pass the
                superseder" (web nextjs lib-shared/types.ts:24-27) and the static export writes
                nothing. log4brains build exits 0 all the same (log4brains/dist/log4brains spawns
                the CLI and drops its exit code), so the pages themselves are checked."""
    bin_ = tools / "node/node_modules/.bin/log4brains"
    results = []

    listed = Result("log4brains: adr list --raw")
    cwd = prepare_log4brains(root, workdir, "log4brains")
    rc, out, err = run([bin_, "adr", "list", "--raw"], cwd, timeout=120)
    listed.output = out + err
    if rc != 0:
        listed.problems.append(f"exit code {rc}")
    seen = {}
    # --raw prints slug,STATUS,package,title (cli/src/commands/ListCommand.ts:33-40); only the
    # title may hold commas.
    for line in out.splitlines():
        parts = line.split(",", 3)
        if len(parts) == 4:
            number = number_of(parts[0])
            seen.setdefault(number if number is not None else -1, []).append(
                (parts[3], parts[1].lower()))
    compare(listed, expected, seen, "the list", lambda e: e.title, lambda e: {e.status})
    results.append(listed)

    if not build:
        return results
    built = Result("log4brains: build (a page per ADR)")
    out_dir = workdir / "log4brains-site"
    # next build + next export: about a minute of CPU on 2 cores. Next.js builds into the installed
    # package (node_modules/@log4brains/web/nextjs/.next-export), so two builds must not overlap.
    # Its build cache there outlives a build: a later build of other ADRs reused it once and
    # wrote the earlier build's pages (none of the ADRs asked for), so each build starts clean.
    nextjs = tools / "node" / "node_modules" / "@log4brains" / "web" / "nextjs"
    for cache in (".next", ".next-export"):
        shutil.rmtree(nextjs / cache, ignore_errors=True)
    rc, out, err = run([bin_, "build", "--out", out_dir], cwd, timeout=900)
    built.output = out + err
    adr_dir = cwd / log4brains_adr_dir(cwd)
    slugs = {number_of(p.name): p.stem for p in adr_dir.glob("*.md") if number_of(p.name) is not None}
    if not out_dir.is_dir():
        # Next.js names the error and the page it broke: "Error: ..." and "Error occurred
        # prerendering page "/adr/<slug>"".
        errors = []
        for line in (out + err).splitlines():
            m = re.search(r"^(Error: .*|Error occurred prerendering page \S+)", line.strip())
            if m and m[1].rstrip(".") not in errors:
                errors.append(m[1].rstrip("."))
        built.problems.append(
            f"no site written (exit code {rc}): " + ("; ".join(errors[:3]) or "see --verbose"))
        results.append(built)
        return results
    seen = {}
    pages = 0
    for number in expected:
        slug = slugs.get(number)
        page = out_dir / "adr" / (slug or "?") / "index.html"
        if not slug or not page.is_file():
            continue
        pages += 1
        # Next.js embeds the page's props: props.pageProps.currentAdr.{title,status}.
        data = re.search(r'<script id="__NEXT_DATA__" type="application/json">(.*?)</script>',
                         page.read_text(encoding="utf-8"), re.S)
        if not data:
            built.problems.append(f"ADR {number}: {page.name} has no page data")
            continue
        adr = json.loads(data[1])["props"]["pageProps"]["currentAdr"]
        seen[number] = [(adr.get("title"), adr.get("status"))]
    built.note = f"{pages} ADR pages"
    compare(built, expected, seen, "the built site", lambda e: e.title, lambda e: {e.status})
    results.append(built)
    return results


# pyadr's TOC sections (pyadr/content_utils.py:116-142, 145-187): the status is the first word of
# the "* Status:" line.
PYADR_SECTIONS = {
    "Accepted Records": "accepted",
    "Rejected Records": "rejected",
    "Superseded Records": "superseded",
    "Deprecated Records": "deprecated",
}


# ------------------------------------------------------------------------------------------------
# MADR 2 export: pyadr


def pyadr_records_dir(root: Path) -> str:
    """records-dir of the export's .adr config (an INI file, [adr] section), else docs/adr."""
    config = root / ".adr"
    if config.is_file():
        m = re.search(r"^\s*records-dir\s*=\s*(.+)$", config.read_text(), re.M)
        if m:
            return str(Path(m[1].strip()))
    return "docs/adr"


def check_pyadr(tools: Path, root: Path, workdir: Path, expected: dict) -> list:
    """pyadr reads records-dir (docs/adr unless a .adr config says otherwise, pyadr/const.py:49-53),
    every *.md but template.md and index.md (core.py:514-520). Per file, in this order
    (content_utils.py:61-95): the first line starting "# " is the title, then the first later line
    starting exactly "* Status:" (a "- Status:" bullet is not one), then a later one starting
    "* Date:". check-adr-repo also wants file names ^NNNN-<slugify(title)>.md (const.py:80-94,
    core.py:460-468) and unique numbers."""
    pyadr = tools / "venv/bin/pyadr"
    records_dir = pyadr_records_dir(root)
    results = []

    check = Result("pyadr: check-adr-repo")
    rc, out, err = run([pyadr, "check-adr-repo"], scratch_copy(root, workdir, "pyadr-check"),
                       timeout=120)
    check.output = out + err
    if rc != 0:
        check.problems.append(f"exit code {rc}")
        if "ADR must be of format" in out + err:
            check.problems.append(
                "files not of its format ('# Title', then '* Status: <word>', then '* Date: ...'):")
        # Each file it refused: "  => 'docs/adr/x.md'." or "  => 'docs/adr/x.md' does not ...".
        for f, rest in re.findall(r"=> '([^']+)'(.*)", out + err):
            check.problems.append(f"  {f}{rest.rstrip('.')}")
    results.append(check)

    toc = Result("pyadr: toc")
    cwd = scratch_copy(root, workdir, "pyadr-toc")
    rc, out, err = run([pyadr, "toc"], cwd, timeout=120)
    toc.output = out + err
    index = cwd / records_dir / "index.md"
    if rc != 0 or not index.is_file():
        # pyadr stops at the first file it cannot read: "Status not found in ADR '...', where ..."
        reason = next((line.strip().split(", where")[0] for line in (out + err).splitlines()
                       if "not found in ADR" in line), "")
        toc.problems.append(f"exit code {rc}, no table of contents" + (f": {reason}" if reason else ""))
        results.append(toc)
        return results
    seen = {}
    section = None
    for line in index.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = PYADR_SECTIONS.get(line[3:].strip())
        elif m := re.match(r"^### Status `(.*)`$", line):
            section = m[1]
        # "* [0001 - <title>](<file>)", then ": <status phrase>" when the status has more words.
        elif m := re.match(r"^\* \[(\d+) - (.*?)\]\(([^)]*)\)", line):
            seen.setdefault(int(m[1]), []).append((m[2], section))
    toc.output += "\n" + index.read_text(encoding="utf-8")
    compare(toc, expected, seen, "the table of contents", lambda e: e.title, lambda e: {e.status})
    results.append(toc)
    return results


# ------------------------------------------------------------------------------------------------


USAGE = """usage: scripts/check-readers [--no-build] [--keep] [--verbose] \\
           --manifest FILE FLAVOUR=ROOT [[--manifest FILE] FLAVOUR=ROOT ...]
       (FLAVOUR: nygard, madr, log4brains or madr2; check_readers.py also takes --tools DIR)"""


def main(argv) -> int:
    tools = None
    manifest = None
    build, keep, verbose = True, False, False
    targets = []  # (flavour, root, manifest path)
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("-h", "--help"):
            print(__doc__ + "\n" + USAGE)
            return 0
        if arg in ("--tools", "--manifest"):
            if not args:
                sys.exit(f"{arg} needs a value\n{USAGE}")
            value = Path(args.pop(0))
            if arg == "--tools":
                tools = value.resolve()
            else:
                manifest = value
        elif arg == "--no-build":
            build = False
        elif arg == "--keep":
            keep = True
        elif arg in ("-v", "--verbose"):
            verbose = True
        elif "=" in arg and arg.split("=", 1)[0] in FLAVOURS:
            if manifest is None:
                sys.exit(f"{arg}: give --manifest FILE before the export it describes\n{USAGE}")
            flavour, root = arg.split("=", 1)
            targets.append((flavour, Path(root).resolve(), manifest))
        else:
            sys.exit(f"unknown argument {arg!r}\n{USAGE}")
    if tools is None or not targets:
        sys.exit(USAGE)

    workdir = Path(tempfile.mkdtemp(prefix="check-readers-"))
    passed = failed = 0
    try:
        for index, (flavour, root, manifest_path) in enumerate(targets, 1):
            expected = read_manifest(manifest_path)
            print(f"== {flavour}: {root} ({len(expected)} ADRs in {manifest_path})")
            if not root.is_dir():
                print("   FAIL  no such folder")
                failed += 1
                continue
            flavour_dir = workdir / f"{index}-{flavour}"
            flavour_dir.mkdir()
            if flavour == "nygard":
                results = (check_adr_tools(tools, root, flavour_dir, expected)
                           + check_adr_viewer(tools, root, flavour_dir, expected))
            elif flavour == "madr":
                results = check_adr_log(tools, root, flavour_dir, expected)
            elif flavour == "log4brains":
                results = check_log4brains(tools, root, flavour_dir, expected, build)
            else:
                results = check_pyadr(tools, root, flavour_dir, expected)
            for r in results:
                verdict = "ok  " if not r.problems else "FAIL"
                print(f"   {verdict}  {r.name}" + (f"  ({r.note})" if r.note else ""))
                for problem in r.problems:
                    print(f"           - {problem}")
                if verbose and r.output.strip():
                    print("\n".join("           | " + line for line in r.output.strip().splitlines()))
                passed += not r.problems
                failed += bool(r.problems)
    finally:
        if keep:
            print(f"scratch copies and outputs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"readers: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
