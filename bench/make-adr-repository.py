#!/usr/bin/env python3
"""Writes a zip of a repository holding N ADR files, shaped like a team's real decision log.

The files mix the layouts and flavours teams use (adr-tools' Nygard files, MADR 4 front matter,
MADR 2 and log4brains bullets), with links between them, duplicate numbers, files without a
date, long sections and non-ASCII titles, so an import of it reads every path of the parser.
Usage: make-adr-repository.py OUT.zip [COUNT] [TARGET_MEGABYTES]
"""
import random
import sys
import zipfile

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
target_mb = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
rng = random.Random(7)

SUBJECTS = ["the order service", "payments", "search", "the mobile app", "sign-in", "reporting",
            "the catalogue", "notifications", "billing", "the admin console", "Zürich's tenant"]
CHOICES = ["PostgreSQL", "a job queue", "REST", "GraphQL", "a modular monolith", "server-side rendering",
           "OpenID Connect", "feature flags", "blue-green deploys", "structured logging", "Kafka"]
WORDS = ("we weigh cost against speed of delivery and the skills the team already has while keeping "
         "operations simple enough for a small team to run and to change later without a rewrite").split()


def paragraph(words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def section(target_bytes):
    parts, size = [], 0
    while size < target_bytes:
        part = paragraph(rng.randint(20, 60)) if rng.random() < 0.7 else "\n".join(
            f"* {paragraph(rng.randint(4, 12))}" for _ in range(rng.randint(2, 5)))
        parts.append(part)
        size += len(part) + 2
    return "\n\n".join(parts)


def nygard(n, title, date, body, superseded_by):
    status = f"Superceded by [{superseded_by}. Next](%04d-next.md)" % superseded_by if superseded_by else "Accepted"
    date_line = f"Date: {date}\n\n" if date else ""
    return (f"# {n}. {title}\n\n{date_line}## Status\n\n{status}\n\n## Context\n\n{body}\n\n"
            f"## Decision\n\nWe will use {rng.choice(CHOICES)}.\n\n## Consequences\n\n{section(300)}\n")


def madr4(n, title, date, body, superseded_by):
    status = f'"superseded by ADR-{superseded_by:04d}"' if superseded_by else "accepted"
    date_line = f"date: {date}\n" if date else ""
    return (f"---\nstatus: {status}\n{date_line}decision-makers: [Ada, Grace]\ntags: [architecture]\n---\n\n"
            f"# {title}\n\n## Context and Problem Statement\n\n{body}\n\n## Considered Options\n\n"
            f"* {rng.choice(CHOICES)}\n* {rng.choice(CHOICES)}\n\n## Decision Outcome\n\n"
            f"Chosen option: \"{rng.choice(CHOICES)}\", because it fits.\n\n### Consequences\n\n{section(300)}\n")


def bullets(bullet):
    def write(n, title, date, body, superseded_by):
        status = f"superseded by [ADR-{superseded_by:04d}](%04d-next.md)" % superseded_by if superseded_by else "accepted"
        date_line = f"{bullet} Date: {date}\n" if date else ""
        return (f"# {title}\n\n{bullet} Status: {status}\n{bullet} Deciders: Ada, Grace\n{date_line}\n"
                f"## Context and Problem Statement\n\n{body}\n\n## Decision Outcome\n\n"
                f"Chosen option: \"{rng.choice(CHOICES)}\".\n")
    return write


WRITERS = [nygard, madr4, bullets("*"), bullets("-")]
per_file = int(target_mb * 1024 * 1024 / count)
# Stored, not deflated: a 10 MB archive of 10 MB of files, the size the figure is for.
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
    archive.writestr("team-repo-main/README.md", "# The team's repository\n")
    for i in range(count):
        n = i + 1
        # One file in fifty shares its number with the one before, as merged branches leave them.
        number = n - 1 if n % 50 == 0 else n
        title = f"Use {rng.choice(CHOICES)} for {rng.choice(SUBJECTS)}"
        date = None if n % 10 == 0 else f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        superseded_by = n + 1 if n % 7 == 0 and n < count else None
        body = section(max(200, per_file - 900))
        text = WRITERS[i % len(WRITERS)](number, title, date, body, superseded_by)
        slug = "-".join(title.lower().replace("'", "").split())[:60]
        archive.writestr(f"team-repo-main/docs/adr/{number:04d}-{slug}.md", text)
print(out)
