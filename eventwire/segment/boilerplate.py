"""Site and wire furniture: which paragraphs to drop and what to cut out of the rest.

The patterns live in ``patterns/boilerplate.yml``; this module only applies them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from eventwire.segment.patterns import load_patterns

KINDS = ("line", "trailing", "inline")


@dataclass(frozen=True, slots=True)
class Furniture:
    name: str
    kind: str  # one of KINDS
    ends_story: bool
    regex: re.Pattern[str]


@cache
def furniture_patterns() -> tuple[Furniture, ...]:
    """Every boilerplate pattern, compiled, in file order."""
    out = []
    for entry in load_patterns("boilerplate")["patterns"]:
        if entry["kind"] not in KINDS:
            raise ValueError(f"boilerplate pattern {entry['name']!r}: unknown kind {entry['kind']!r}")
        out.append(
            Furniture(
                name=entry["name"],
                kind=entry["kind"],
                ends_story=bool(entry.get("ends_story", False)),
                regex=re.compile(entry["regex"]),
            )
        )
    return tuple(out)


@cache
def _whole_paragraph_patterns() -> tuple[re.Pattern[str], tuple[Furniture, ...]]:
    """One alternation of every line/trailing pattern (a quick 'none of them' test) and the list."""
    whole = tuple(f for f in furniture_patterns() if f.kind != "inline")
    combined = re.compile("|".join(f"(?:{f.regex.pattern})" for f in whole))
    return combined, whole


@cache
def _inline_patterns() -> tuple[Furniture, ...]:
    return tuple(f for f in furniture_patterns() if f.kind == "inline")


def furniture_of(paragraph: str) -> Furniture | None:
    """The line or trailing pattern the whole of ``paragraph`` matches, or None for text."""
    combined, whole = _whole_paragraph_patterns()
    if not combined.fullmatch(paragraph):
        return None
    for furniture in whole:
        if furniture.regex.fullmatch(paragraph):
            return furniture
    return None  # pragma: no cover - the alternation matched, so one of its parts does


def strip_inline(paragraph: str) -> str:
    """``paragraph`` with inline furniture (photo credits in brackets, end credits) cut out."""
    for furniture in _inline_patterns():
        paragraph = furniture.regex.sub("", paragraph)
    return paragraph.strip()
