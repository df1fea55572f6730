"""Article text as HTML paragraphs with character ranges marked -- escaped first, marked after.

The text is untrusted: every piece of it goes through ``markupsafe.escape``;
only our own ``<p>`` and ``<mark>`` tags (with escaped attribute values) are
added around the pieces.  Ranges may overlap and may cross paragraph breaks (a
blank line); a piece covered by several ranges carries all their ids.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    key: str  # an event id, used in data-events and as the link target
    css: str = ""  # extra classes, e.g. "t-ASSAULT"


def highlighted_paragraphs(text: str, spans: list[Span], *, current: str | None = None) -> list[Markup]:
    """``text`` as a list of ``<p>`` contents with each span's characters in a ``<mark>``.

    ``current`` is the key of the span to emphasise (class ``current``, id ``evidence``).
    """
    n = len(text)
    spans = [Span(max(0, min(s.start, n)), max(0, min(s.end, n)), s.key, s.css) for s in spans]
    spans = [s for s in spans if s.end > s.start]
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, n))
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Markup] = []
    current_done = False
    for p_start, p_end in paragraphs:
        if p_start >= p_end:
            continue
        inner = [c for c in cuts if p_start < c < p_end]
        bounds = [p_start, *inner, p_end]
        html = Markup("")
        for a, b in zip(bounds, bounds[1:]):
            piece = escape(text[a:b])
            covering = [s for s in spans if s.start <= a and b <= s.end]
            if not covering:
                html += piece
                continue
            keys = " ".join(s.key for s in covering)
            classes = ["ev", *(s.css for s in covering if s.css)]
            extra = ""
            if current is not None and any(s.key == current for s in covering):
                classes.append("current")
                if not current_done:
                    extra = ' id="evidence"'
                    current_done = True
            html += Markup('<mark class="{}" data-events="{}"{}>{}</mark>').format(
                " ".join(dict.fromkeys(classes)), keys, Markup(extra), piece)
        out.append(html)
    return out
