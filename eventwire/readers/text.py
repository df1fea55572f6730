"""Plain-text pages: one RawDocument per file, the whole decoded text.

Splitting a page into stories and removing the site's furniture is done later
(eventwire.segment); this reader only decodes.
"""
from __future__ import annotations

from eventwire.errors import InputError
from eventwire.readers.decode import decode_bytes
from eventwire.schema import RawDocument

EMPTY_MESSAGE = "file is empty"


def read_text_page(
    data: bytes, *, origin: str, published: str | None = None,
    source: str | None = None, url: str | None = None,
) -> RawDocument:
    """The page in ``data`` as a text RawDocument; the given metadata is attached as is.

    Raises InputError for an empty (or whitespace-only) page and for binary data.
    """
    text = decode_bytes(data, origin=origin)
    if not text.strip():
        raise InputError(origin, EMPTY_MESSAGE)
    return RawDocument(
        content=text, content_type="text", origin=origin, format="text",
        published=published, source=source, url=url,
    )
