"""Compile the field's dictionaries (PETRARCH2 / Phoenix, CAMEO->PLOVER) into eventwire's own tables.

    report = build(source="../shared/data/dictionaries", out=None)   # out: the package's compiled/ folder

Reads the formats of PETRARCH2's ``docs/source/dictionaries.rst`` (see ``../shared/data/dictionaries/README.md``)
and writes compact, deterministic, gzip-compressed TSV tables (fixed gzip header, sorted rows), so that a
rebuild from the same sources gives byte-identical files:

* ``actors.tsv.gz``   kind, name, forms, surnames, roles, source - one row per actor entry
* ``agents.tsv.gz``   forms, sector, country - generic agent nouns ("riot police" COP)
* ``verbs.tsv.gz``    verbs, subject, particle, object, prep, pobj, cameo, type, mode - dependency matchers
* ``discards.tsv.gz`` words, scope - phrases that mark a sentence or a story as not political news
* ``manifest.json``   version, source files with their SHA-256, row counts and the repairs made

Every decision the sources leave open is data in ``cameo.yml``.  Repairs of the known defects: malformed
dates are dropped (logged as warnings and listed in the manifest); an open-ended role (``>date``) is closed
the day before a later open-ended holder of the same office code starts; entries without any code are skipped.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
from pathlib import Path

from .actor_files import ACTOR_FILES, actor_rows, agent_rows, close_open_roles, read_actor_file
from .formats import HERE, Repairs, map_code, parse_date, settings, tokens  # noqa: F401  (the public helpers)
from .verb_files import discard_rows, plover_for, plover_table, verb_rows  # noqa: F401

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
COMPILED = HERE / "compiled"
SOURCES = (*ACTOR_FILES, "Phoenix.agents.txt", "CAMEO.2.0.txt", "Phoenix.discards.txt", "CAMEO2PLOVER-2021.txt")


# ---------------------------------------------------------------------------- writing
def _write_tsv(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    buf = io.StringIO()
    buf.write("\t".join(header) + "\n")
    for row in rows:
        buf.write("\t".join(c.replace("\t", " ") for c in row) + "\n")
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    path.write_bytes(raw.getvalue())


def build(source: str | Path | None = None, out: str | Path | None = None) -> dict:
    """Compile the dictionaries in ``source`` (default ``../shared/data/dictionaries``) into ``out``
    (default: the package's ``eventwire/dictionaries/compiled``); returns the manifest written there.

    Raises ``FileNotFoundError`` naming the missing source file."""
    src = Path(source) if source else _default_source()
    dest = Path(out) if out else COMPILED
    for name in SOURCES:
        if not (src / name).is_file():
            raise FileNotFoundError(f"dictionary source {src / name} is missing")
    dest.mkdir(parents=True, exist_ok=True)
    repairs = Repairs()
    entries = [e for name in ACTOR_FILES for e in read_actor_file(src / name, repairs)]
    close_open_roles(entries, repairs)
    actors = actor_rows(entries, repairs)
    agents = agent_rows(src / "Phoenix.agents.txt", repairs)
    table = plover_table(src / "CAMEO2PLOVER-2021.txt")
    verbs = verb_rows(src / "CAMEO.2.0.txt", table, repairs)
    discards = discard_rows(src / "Phoenix.discards.txt", repairs)
    _write_tsv(dest / "actors.tsv.gz", ("kind", "name", "forms", "surnames", "roles", "source"), actors)
    _write_tsv(dest / "agents.tsv.gz", ("forms", "sector", "country"), agents)
    _write_tsv(dest / "verbs.tsv.gz", ("verbs", "subject", "particle", "object", "prep", "pobj", "cameo", "type",
                                       "mode"), verbs)
    _write_tsv(dest / "discards.tsv.gz", ("words", "scope"), discards)
    manifest = {
        "format_version": FORMAT_VERSION,
        "built_by": "eventwire dictionaries build",
        "sources": {name: hashlib.sha256((src / name).read_bytes()).hexdigest() for name in SOURCES},
        "settings_sha256": hashlib.sha256((HERE / "cameo.yml").read_bytes()).hexdigest(),
        "rows": {"actors": len(actors), "agents": len(agents), "verbs": len(verbs), "discards": len(discards)},
        "repairs": {
            "malformed_dates_dropped": repairs.malformed_dates,
            "open_roles_closed": repairs.closed_roles,
            "entries_without_code_skipped": repairs.skipped_entries,
            "lines_not_understood": repairs.skipped_lines,
        },
    }
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log.info("dictionaries: %s", manifest["rows"])
    return manifest


def _default_source() -> Path:
    for base in (Path.cwd(), HERE.parents[1]):
        cand = base.parent / "shared" / "data" / "dictionaries"
        if cand.is_dir():
            return cand
    return Path.cwd().parent / "shared" / "data" / "dictionaries"
