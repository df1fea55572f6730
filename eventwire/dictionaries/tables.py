"""The compiled dictionary tables that ship in ``compiled/`` (written by ``compiler.build``), loaded once per process.

    t = compiled_tables()
    t.actors      # CompiledActor rows: kind (person/org/place), name, forms, surnames, roles
    t.agents      # (forms, sector, country): generic agent nouns
    t.verbs       # VerbPattern rows: dependency-based matchers with their PLOVER type and mode
    t.discards    # token string -> "sentence" | "story"

Forms are spaCy's lower-cased tokens joined by one space (``al - qaeda``), so the resolver and the coder
look them up by token tuple, with no tokenisation at load time.
"""
from __future__ import annotations

import functools
import gzip
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

COMPILED = Path(__file__).with_name("compiled")


class CompiledRole(NamedTuple):
    country: str | None
    sector: str | None
    start: str | None  # YYYY-MM-DD, inclusive
    end: str | None
    dated: bool


class CompiledActor(NamedTuple):
    kind: str  # person, org, place
    name: str
    forms: tuple[tuple[str, ...], ...]
    surnames: tuple[str, ...]
    roles: tuple[CompiledRole, ...]
    source: str


@dataclass(frozen=True)
class VerbPattern:
    verbs: tuple[str, ...]
    subject: frozenset[str]
    particle: str
    object: frozenset[str]
    prep: str
    pobj: frozenset[str]
    cameo: str
    event_type: str
    mode: str | None

    @property
    def specificity(self) -> int:
        return 2 * bool(self.object) + 2 * bool(self.pobj) + bool(self.prep) + bool(self.particle) + bool(self.subject)


@dataclass(frozen=True)
class Tables:
    actors: tuple[CompiledActor, ...]
    agents: tuple[tuple[tuple[tuple[str, ...], ...], str | None, str | None], ...]
    verbs: tuple[VerbPattern, ...]
    discards: dict[tuple[str, ...], str]
    manifest: dict


def _rows(name: str, folder: Path) -> list[list[str]]:
    """The rows of a compiled table (its header line checked and dropped)."""
    with gzip.open(folder / name, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    return [line.split("\t") for line in lines[1:]]


def _split(cell: str, sep: str = "|") -> list[str]:
    return [p for p in cell.split(sep) if p]


def _role(cell: str) -> CompiledRole:
    country, sector, start, end = cell.split(",")
    return CompiledRole(country or None, sector or None, start or None, end or None, bool(start or end))


_roles = functools.lru_cache(maxsize=None)(lambda cell: tuple(_role(c) for c in _split(cell, ";")))


def load(folder: str | Path | None = None) -> Tables:
    """Read the compiled tables in ``folder`` (default: the package's ``compiled/``)."""
    folder = Path(folder) if folder else COMPILED
    actors = tuple(
        CompiledActor(kind, name, tuple(tuple(f.split(" ")) for f in forms.split("|") if f),
                      tuple(_split(surnames)), _roles(roles), source)
        for kind, name, forms, surnames, roles, source in _rows("actors.tsv.gz", folder)
    )
    agents = tuple(
        (tuple(tuple(f.split(" ")) for f in _split(forms)), sector or None, country or None)
        for forms, sector, country in _rows("agents.tsv.gz", folder)
    )
    verbs = tuple(
        VerbPattern(tuple(_split(v)), frozenset(_split(subj)), prt, frozenset(_split(obj)), prep,
                    frozenset(_split(pobj)), cameo, event_type, mode or None)
        for v, subj, prt, obj, prep, pobj, cameo, event_type, mode in _rows("verbs.tsv.gz", folder)
    )
    discards = {tuple(words.split(" ")): scope for words, scope in _rows("discards.tsv.gz", folder)}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return Tables(actors, agents, verbs, discards, manifest)


@functools.cache
def compiled_tables() -> Tables:
    """The shipped compiled tables (loaded once per process)."""
    t = load()
    log.info("compiled dictionaries: %d actors, %d agents, %d verb patterns, %d discards",
             len(t.actors), len(t.agents), len(t.verbs), len(t.discards))
    return t
