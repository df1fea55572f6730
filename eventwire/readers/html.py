"""One HTML page to one RawDocument: main text and metadata through trafilatura.

trafilatura decides what the article is (navigation, cookie banners, related
links and reader comments are left out); this module only turns its output tree
into paragraphs separated by a blank line and maps its metadata onto the record.
"""
from __future__ import annotations

import logging
import re

import trafilatura
from lxml import etree

from eventwire.errors import InputError
from eventwire.readers.dates import normalise_date
from eventwire.readers.decode import decode_bytes
from eventwire.schema import RawDocument

log = logging.getLogger(__name__)

NO_ARTICLE_MESSAGE = "no article text found"
_WS = re.compile(r"\s+")
# trafilatura's output elements whose children are separate paragraphs
_CONTAINERS = {"list", "table", "row", "quote", "div"}


def _paragraphs(element: etree._Element) -> list[str]:
    """Paragraph strings from trafilatura's output tree (``<p>``, ``<head>``, ``<list>`` ...)."""
    out: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _CONTAINERS and len(child):
            if child.text and child.text.strip():
                out.append(_WS.sub(" ", child.text).strip())
            out.extend(_paragraphs(child))
        else:
            text = _WS.sub(" ", " ".join(child.itertext())).strip()
            if text:
                out.append(text)
        if child.tail and child.tail.strip():
            out.append(_WS.sub(" ", child.tail).strip())
    return out


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _WS.sub(" ", value).strip()
    return value or None


def extract_html(html: str, *, origin: str, url: str | None = None) -> RawDocument:
    """The article in ``html`` as a text RawDocument (format 'html').

    ``content`` is the main text, paragraphs joined by a blank line, without the
    headline when the page repeats it as the first paragraph; ``title``,
    ``published`` (YYYY-MM-DD), ``author``, ``source`` (the site name) and ``url``
    come from the page's own metadata (nothing is guessed from ``url``), ``url``
    falling back to the argument.
    Raises InputError naming ``origin`` when the page has no article text.
    """
    try:
        # no url= here: trafilatura would make a site name up from it, and a
        # guessed name must not beat the caller's --source
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, include_links=False,
        )
    except Exception as err:  # trafilatura/lxml raise many kinds on broken markup
        log.debug("%s: trafilatura failed: %r", origin, err)
        raise InputError(origin, f"{NO_ARTICLE_MESSAGE} (the page could not be parsed)") from None
    body = getattr(document, "body", None) if document is not None else None
    paragraphs = _paragraphs(body) if body is not None else []
    title = _clean(getattr(document, "title", None))
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise InputError(origin, NO_ARTICLE_MESSAGE)
    return RawDocument(
        content="\n\n".join(paragraphs),
        content_type="text",
        origin=origin,
        format="html",
        title=title,
        published=normalise_date(getattr(document, "date", None), origin=origin),
        url=_clean(getattr(document, "url", None)) or url,
        source=_clean(getattr(document, "sitename", None)),
        author=_clean(getattr(document, "author", None)),
    )


def read_html_page(
    data: bytes, *, origin: str, published: str | None = None,
    source: str | None = None, url: str | None = None,
) -> RawDocument:
    """The article of the HTML page in ``data``; the page's own metadata wins,
    the given ``published``, ``source`` and ``url`` fill what it lacks."""
    document = extract_html(decode_bytes(data, origin=origin), origin=origin, url=url)
    document.published = document.published or published
    document.source = document.source or source
    document.url = document.url or url
    return document
