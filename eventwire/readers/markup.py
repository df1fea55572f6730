"""HTML fragments (feed entries, JSONL texts) to plain paragraphs.

This strips markup; it does not decide what is the article.  Whole pages go
through trafilatura in html.py.  The tag lists live in markup.yml.
"""
from __future__ import annotations

import html as html_lib
import re
from functools import cache

import lxml.etree
import lxml.html

from eventwire.readers._data import load_data

_PARAGRAPH_BREAK = "\x00PARA\x00"  # cannot occur in decoded text: decode_bytes refuses NULs
_WS = re.compile(r"\s+")


@cache
def _tags() -> dict[str, frozenset[str]]:
    data = load_data("markup.yml")
    return {key: frozenset(data[key]) for key in ("block_tags", "drop_tags", "break_tags", "telltale_tags")}


@cache
def _telltale_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(_tags()["telltale_tags"], key=len, reverse=True))
    return re.compile(rf"<(?:/?(?:{names}))(?:\s[^<>]*)?/?>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries HTML tags (``<p>``, ``</div>``, ``<br/>`` ...)."""
    return bool(_telltale_pattern().search(text))


def _walk(element: lxml.html.HtmlElement, parts: list[str], tags: dict[str, frozenset[str]]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in tags["drop_tags"] or not isinstance(element.tag, str):
        # comments and processing instructions: skip them but keep their tail
        if element.tail:
            parts.append(element.tail)
        return
    is_block = tag in tags["block_tags"]
    if is_block:
        parts.append(_PARAGRAPH_BREAK)
    if tag in tags["break_tags"]:
        parts.append(" ")
    if element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts, tags)
    if is_block:
        parts.append(_PARAGRAPH_BREAK)
    if element.tail:
        parts.append(element.tail)


def html_to_paragraphs(markup: str) -> str:
    """The text of an HTML fragment: one paragraph per block, joined by a blank line.

    Scripts, styles, forms and navigation are dropped; ``<br>`` becomes a space;
    entities are decoded; whitespace inside a paragraph is collapsed.
    """
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _WS.sub(" ", html_lib.unescape(re.sub(r"<[^>]*>", " ", markup))).strip()
    parts: list[str] = []
    _walk(root, parts, _tags())
    paragraphs = (_WS.sub(" ", p).strip() for p in "".join(parts).split(_PARAGRAPH_BREAK))
    return "\n\n".join(p for p in paragraphs if p)
