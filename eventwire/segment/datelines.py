"""Datelines ("SALVADOR, Feb 26 -", "WASHINGTON (Reuters) -") at the start of a story's lede.

The patterns live in ``patterns/datelines.yml``; ``{months}`` and ``{agencies}`` in them are
filled from the same file.
"""
from __future__ import annotations

import re
from functools import cache

from eventwire.segment.patterns import load_patterns


@cache
def dateline_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, compiled regex) for every dateline pattern, in file order."""
    data = load_patterns("datelines")
    fill = {"months": data["months"], "agencies": data["agencies"]}
    out = []
    for entry in data["patterns"]:
        regex = entry["regex"]
        for key, value in fill.items():
            regex = regex.replace("{" + key + "}", value)
        out.append((entry["name"], re.compile(regex)))
    return tuple(out)


def find_dateline(paragraph: str) -> tuple[str | None, str]:
    """(dateline, the rest of the paragraph), or (None, paragraph) when it opens without one."""
    for _name, regex in dateline_patterns():
        match = regex.match(paragraph)
        if match:
            return match.group("dateline"), paragraph[match.end():].strip()
    return None, paragraph
