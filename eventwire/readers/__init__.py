"""Readers: files, folders, gzip, stdin -> RawDocument records (or InputErrors).

Public API::

    iter_documents(paths, *, format="auto", published=None, source=None, url=None,
                   max_page_mb=20, stdin=None) -> Iterator[RawDocument | InputError]
    detect_format(data, *, name="") -> str
    decode_bytes(data, *, origin) -> str
    extract_html(html, *, origin, url=None) -> RawDocument
"""
from __future__ import annotations

import io
import logging
import os
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from eventwire.errors import InputError
from eventwire.readers.dates import normalise_date
from eventwire.readers.decode import bom_encoding, clean_document, decode_bytes
from eventwire.readers.detect import FORMATS, SNIFF_BYTES, detect_format
from eventwire.readers.feeds import iter_feed
from eventwire.readers.html import extract_html, read_html_page
from eventwire.readers.json_records import iter_json
from eventwire.readers.jsonl import iter_jsonl
from eventwire.readers.paths import (
    InputFile, Oversized, bounded_lines, iter_input_files, opened_input, read_upto, stored_size,
)
from eventwire.readers.text import EMPTY_MESSAGE, read_text_page
from eventwire.readers.warc import iter_warc
from eventwire.schema import RawDocument

__all__ = ["FORMATS", "iter_documents", "detect_format", "decode_bytes", "extract_html"]

log = logging.getLogger(__name__)

MB = 1024 * 1024
PAGE_FORMATS = ("text", "html", "json")  # read whole, so limited by max_page_mb


def _too_large(size: int, max_page_mb: float) -> str:
    return (f"file is {size / MB:.1f} MB, larger than the {max_page_mb:g} MB limit for one page; "
            "split it or raise --max-page-mb")


def _read_page(stream: BinaryIO, item: InputFile, *, compressed: bool, max_page_mb: float) -> bytes:
    """The whole input, refused as soon as it passes the cap (a compressed or streamed input is
    never read or decompressed further just to say how large it is)."""
    limit = int(max_page_mb * MB)
    size = None if compressed else stored_size(item)
    if size is not None and size > limit:
        raise InputError(item.origin, _too_large(size, max_page_mb))
    data = read_upto(stream, limit + 1)
    if len(data) > limit:
        what = "decompresses to" if compressed else "is"
        raise InputError(item.origin, f"file {what} more than {max_page_mb:g} MB, the limit for one page "
                                      "(or feed, or JSON file); split it or raise --max-page-mb")
    return data


def utf8_lines(stream: BinaryIO, encoding: str, limit: int) -> Iterator[bytes | Oversized]:
    """The lines of ``stream`` (text in ``encoding``, its byte-order mark dropped) as UTF-8 bytes,
    none longer than ``limit`` characters (see ``bounded_lines``)."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="\n")
    try:
        while line := text.readline(limit + 1):
            if len(line) <= limit or line.endswith("\n"):
                yield line.lstrip("\ufeff").encode("utf-8")
                continue
            size = len(line)
            while piece := text.readline(1 << 20):
                size += len(piece)
                if piece.endswith("\n"):
                    break
            yield Oversized(size)
    finally:
        text.detach()  # the stream is closed by its owner


def _documents_from(
    item: InputFile, *, format: str, published: str | None, source: str | None,
    url: str | None, max_page_mb: float, max_line_mb: float, stdin: BinaryIO | None,
) -> Iterator[RawDocument | InputError]:
    origin = item.origin
    with opened_input(item, head_size=SNIFF_BYTES, stdin=stdin) as opened:
        head = opened.head
        if len(head) < SNIFF_BYTES and not head.strip():
            raise InputError(origin, EMPTY_MESSAGE)
        fmt = (detect_format(head, name=item.name, truncated=len(head) >= SNIFF_BYTES)
               if format == "auto" else format)
        log.debug("%s: reading as %s%s", origin, fmt, " (gzip)" if opened.compressed else "")
        if fmt == "warc":  # warcio reads gzip member by member itself
            yield from iter_warc(opened.raw, origin=origin, path=item.path if stored_size(item) else None)
            return
        stream = opened.content()
        if fmt in PAGE_FORMATS:
            data = _read_page(stream, item, compressed=opened.compressed, max_page_mb=max_page_mb)
            if fmt == "json":
                yield from iter_json(data, origin=origin)
                return
            read_page = read_text_page if fmt == "text" else read_html_page
            yield read_page(data, origin=origin, published=published, source=source, url=url)
        elif fmt == "jsonl":
            encoding, cap = bom_encoding(head), max(1, int(max_line_mb * MB))
            lines = utf8_lines(stream, encoding, cap) if encoding else bounded_lines(stream, cap)
            yield from iter_jsonl(lines, origin=origin, max_line_mb=max_line_mb)
        else:
            data = _read_page(stream, item, compressed=opened.compressed, max_page_mb=max_page_mb)
            yield from iter_feed(data, origin=origin, format=fmt)


def iter_documents(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    format: str = "auto",
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    max_page_mb: float = 20,
    stdin: BinaryIO | None = None,
    max_line_mb: float = 20,
) -> Iterator[RawDocument | InputError]:
    """Every document in ``paths``, and an InputError for every input that fails.

    ``paths``: files, folders (walked recursively in sorted order, hidden files
    skipped), gzip files (decompressed; the format is detected on the content)
    and ``-`` for standard input (``stdin``, a binary stream; default
    ``sys.stdin.buffer``).  ``format`` forces one of FORMATS instead of detecting
    it from the content.

    Metadata rule: ``published`` (any readable date, stored as YYYY-MM-DD),
    ``source`` and ``url`` apply to text and HTML files only.  For a text page
    they are the metadata.  For an HTML page the page's own metadata wins and
    they fill what it lacks.  JSONL, feed and WARC records carry their own.

    Errors are yielded, never raised, so the caller can store everything else:
    a missing path, an empty folder, an empty file, binary data, an HTML page
    without an article, a bad JSONL line (with its line number), a feed entry
    without text, a WARC record without an article (``path#record-id``), and a
    text, HTML, JSON or feed file over ``max_page_mb`` (a compressed one refused as
    soon as it decompresses past it), a JSONL line over ``max_line_mb`` (that line
    only), a damaged WARC member (reading goes on at the next intact one) and a
    truncated WARC record.  FIFOs, sockets and devices in a folder are skipped with a
    warning; a device named on its own is an error; a named pipe given by name is read.

    Raises ValueError at the first step for an unknown ``format`` or an
    unreadable ``published``.
    """
    if format != "auto" and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected auto or one of {', '.join(FORMATS)}")
    default_date = normalise_date(published, origin="published") if published else None
    if published and default_date is None:
        raise ValueError(f"published={published!r} is not a date")
    for item in iter_input_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            for found in _documents_from(
                item, format=format, published=default_date, source=source, url=url,
                max_page_mb=max_page_mb, max_line_mb=max_line_mb, stdin=stdin,
            ):
                yield found if isinstance(found, InputError) else clean_document(found)
        except InputError as err:
            yield err
        except (OSError, EOFError, zlib.error) as err:
            yield InputError(item.origin, f"cannot read: {err}")
