"""Text -> paragraphs: blank-line blocks, hard-wrapped lines joined, whitespace normalised.

Two layouts are told apart (thresholds in ``patterns/layout.yml``):

1. one paragraph per line (text extracted from HTML, feeds): every non-blank line is a paragraph,
   even inside a block (a headline directly followed by its photo caption stays two paragraphs);
2. hard-wrapped text (Reuters-style, lines cut at a fixed width): inside a block a line continues
   the previous one unless it is indented deeper than the block's usual indent, or the previous
   line was short enough that the line's first word would have fitted on it (and the line does
   not open in lower case, which only a continued sentence does), or the previous line stopped
   mid-sentence (``open_end``: a dateline cut off the first line leaves it short), the line is no longer
   than the wrap width and ``slack`` (a wrapped line, not a paragraph of its own) and neither line is a table row.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from eventwire.segment.patterns import load_patterns

_WS = re.compile(r"\s+")
_NEWLINES = re.compile(r"\r\n?|[\f\v\u2028\u2029\x85]")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str  # whitespace-normalised, never empty
    block: int  # index of the blank-line-separated block it came from
    gap_before: int  # blank lines right before it; 0 when it continues a block
    lines: int  # source lines joined into it


def normalise_space(text: str) -> str:
    """``text`` with every run of whitespace (NBSP included) made one space, ends stripped."""
    return _WS.sub(" ", text).strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was cut at, or None when lines are paragraphs."""
    wrap = load_patterns("layout")["wrap"]
    inner = [
        len(line.strip())
        for line, nxt in zip(lines, lines[1:])
        if line.strip() and nxt.strip()
    ]
    if len(inner) < wrap["min_lines"]["value"]:
        return None
    inner.sort()
    width = inner[min(len(inner) - 1, int(len(inner) * wrap["width_quantile"]["value"]))]
    if not wrap["min_width"]["value"] <= width <= wrap["max_width"]["value"]:
        return None
    return width


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(blank lines before, lines) for each run of non-blank lines."""
    blocks: list[tuple[int, list[str]]] = []
    gap, current = 0, []
    for line in lines:
        if line.strip():
            current.append(line)
            continue
        if current:
            blocks.append((gap, current))
            gap, current = 0, []
        gap += 1
    if current:
        blocks.append((gap, current))
    return blocks


def _table_row(line: str) -> bool:
    """True when ``line`` has columns: words set apart by ``table_gap`` spaces or more (``layout.yml``)."""
    return re.search(r"\S {%d,}\S" % load_patterns("layout")["wrap"]["table_gap"]["value"], line) is not None


def _stops_mid_sentence(line: str) -> bool:
    """True when ``line`` (stripped) ends in a word, comma or bracket, not a full stop (``open_end``)."""
    return re.search(load_patterns("layout")["wrap"]["open_end"]["pattern"], line) is not None


def _unwrap(block: list[str], width: int, slack: int) -> list[list[str]]:
    """Group a hard-wrapped block's lines into paragraphs."""
    usual = Counter(_indent(line) for line in block).most_common()
    base = min(indent for indent, n in usual if n == usual[0][1])
    groups: list[list[str]] = []
    for line in block:
        if groups:
            prev = groups[-1][-1].strip()
            first_word = line.split(None, 1)[0]
            fits = len(prev) + 1 + len(first_word) <= width - slack
            cut = _stops_mid_sentence(prev) and len(line.strip()) <= width + slack \
                and not (_table_row(prev) or _table_row(line))
            continued = not fits or first_word[0].islower() or cut
            if _indent(line) <= base and continued:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def split_paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of ``text``, in order."""
    lines = _NEWLINES.sub("\n", text).split("\n")
    width = wrap_width(lines)
    slack = load_patterns("layout")["wrap"]["slack"]["value"]
    paragraphs: list[Paragraph] = []
    for number, (gap, block) in enumerate(_blocks(lines)):
        groups = _unwrap(block, width, slack) if width else [[line] for line in block]
        for k, group in enumerate(groups):
            paragraphs.append(
                Paragraph(
                    text=normalise_space(" ".join(group)),
                    block=number,
                    gap_before=gap if k == 0 else 0,
                    lines=len(group),
                )
            )
    return paragraphs
