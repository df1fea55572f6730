"""WARC archives (.warc, .warc.gz) through warcio: one document per HTML response.

Read as a stream, record by record, with no size limit.  Each ``response``
record with a 2xx HTTP status and an HTML Content-Type goes through
extract_html: url = WARC-Target-URI (unless the page names its own),
external_id = WARC-Record-ID without its angle brackets, published = the page's
date, else the WARC-Date.  Other records (requests, metadata, images, PDFs,
redirects, errors) are skipped quietly.  A page with no article is yielded as
an InputError whose origin is ``path#record-id`` and the iteration goes on.
"""
from __future__ import annotations

import io
import logging
from contextlib import redirect_stderr
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from eventwire.errors import InputError
from eventwire.readers.dates import normalise_date
from eventwire.readers.decode import decode_bytes
from eventwire.readers.html import extract_html
from eventwire.schema import RawDocument

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html_page(record) -> bool:
    headers = record.http_headers
    if headers is None:
        return False
    status = headers.get_statuscode() or ""
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status.startswith("2") and content_type in HTML_TYPES


def _document(record, *, origin: str) -> RawDocument:
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<> ") or None
    where = f"{origin}#{record_id}" if record_id else origin
    target = record.rec_headers.get_header("WARC-Target-URI") or None
    html = decode_bytes(record.content_stream().read(), origin=where)
    document = extract_html(html, origin=where, url=target)
    document.format = "warc"
    document.external_id = record_id
    document.url = document.url or target
    document.published = document.published or normalise_date(
        record.rec_headers.get_header("WARC-Date"), origin=where)
    return document


def _next_record(records: Iterator) -> tuple[object | None, str | None]:
    """The next record and warcio's complaint about the one before, if any.

    warcio writes damaged-record warnings to stderr; they are captured here and
    turned into an InputError instead (the library never prints).
    """
    with redirect_stderr(io.StringIO()) as noise:
        record = next(records, None)
    complaint = " ".join(noise.getvalue().split())
    return record, complaint or None


def iter_warc(stream: BinaryIO, *, origin: str) -> Iterator[RawDocument | InputError]:
    """Documents (and per-record InputErrors) from the WARC file read from ``stream``."""
    try:
        records = iter(ArchiveIterator(stream))
        while True:
            record, complaint = _next_record(records)
            if complaint:
                yield InputError(origin, f"damaged WARC record: {complaint}")
            if record is None:
                return
            if record.rec_type != "response" or not _is_html_page(record):
                log.debug("%s: skipping %s record %s", origin, record.rec_type,
                          record.rec_headers.get_header("WARC-Target-URI"))
                continue
            try:
                yield _document(record, origin=origin)
            except InputError as err:
                yield err
    except ArchiveLoadFailed as err:
        raise InputError(origin, f"cannot read the WARC file: {' '.join(str(err).split())}") from None
