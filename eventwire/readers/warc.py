"""WARC archives (.warc, .warc.gz) through warcio: one document per HTML response.

Read as a stream, record by record, with no size limit.  Each ``response``
record with a 2xx HTTP status and an HTML Content-Type goes through
extract_html: url = WARC-Target-URI (unless the page names its own),
external_id = WARC-Record-ID without its angle brackets, published = the page's
date, else the WARC-Date.  Other records (requests, metadata, images, PDFs,
redirects, errors) are skipped quietly.  A page with no article, and a record
cut short by the end of the file (truncated), is yielded as an InputError whose
origin is ``path#record-id`` and the iteration goes on; a damaged gzip member is
reported and reading resumes at the next intact member.  Error messages never
carry raw bytes (``printable``).
"""
from __future__ import annotations

import io
import logging
import os
import re
import zlib
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


_RAW_BYTE = re.compile(r"\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}")
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_RECORD = b"WARC/1."


def printable(message: str, *, limit: int = 200) -> str:
    """``message`` fit to show a person: escaped bytes and control characters dropped, one line."""
    text = _RAW_BYTE.sub("", message).replace("b'", "'").replace('b"', '"')
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."


def _document(record, *, origin: str) -> RawDocument:
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<> ") or None
    where = f"{origin}#{record_id}" if record_id else origin
    target = record.rec_headers.get_header("WARC-Target-URI") or None
    body = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:  # the file ended before the record's Content-Length
        length = record.rec_headers.get_header("Content-Length")
        raise InputError(where, f"truncated WARC record: {missing} of its {length} bytes are missing; not stored")
    html = decode_bytes(body, origin=where)
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


def _records(stream: BinaryIO, *, origin: str, base: int, done: set[int],
             failure: list[int]) -> Iterator[RawDocument | InputError]:
    """Documents from ``stream`` (positioned at byte ``base`` of the file); on damage, an InputError
    and the damaged record's file offset in ``failure``.  Records whose offset is in ``done`` were
    read before a resynchronisation and are skipped."""
    archive = ArchiveIterator(stream)
    records = iter(archive)
    offset = base
    while True:
        try:
            record, complaint = _next_record(records)
        except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as err:
            failure.append(offset)
            yield InputError(origin, f"damaged WARC data after byte {offset}: {printable(str(err))}")
            return
        if complaint:
            yield InputError(origin, f"damaged WARC record: {printable(complaint)}")
        if record is None:
            return
        offset = base + archive.offset  # where this record starts (read before its content is)
        if offset in done:
            continue
        done.add(offset)
        if record.rec_type != "response" or not _is_html_page(record):
            log.debug("%s: skipping %s record %s", origin, record.rec_type,
                      record.rec_headers.get_header("WARC-Target-URI"))
            continue
        try:
            yield _document(record, origin=origin)
        except InputError as err:
            yield err
        except (zlib.error, EOFError, OSError, ValueError) as err:
            failure.append(offset)
            yield InputError(origin, f"damaged WARC data in the record at byte {offset}: {printable(str(err))}")
            return


def _find(fh: BinaryIO, marker: bytes, start: int) -> int | None:
    """The offset of the first ``marker`` at or after ``start`` in the file, or None."""
    fh.seek(start)
    carry = b""
    position = start
    while chunk := fh.read(1 << 20):
        data = carry + chunk
        found = data.find(marker)
        if found >= 0:
            return position - len(carry) + found
        carry = data[-(len(marker) - 1):]
        position += len(chunk)
    return None


def iter_warc(stream: BinaryIO, *, origin: str, path: str | os.PathLike | None = None,
              ) -> Iterator[RawDocument | InputError]:
    """Documents (and per-record InputErrors) from the WARC file read from ``stream``.

    Given the file's ``path``, a damaged record or gzip member is reported and reading goes on at
    the next intact one (the next gzip member, or the next ``WARC/1.`` line uncompressed); from a
    plain stream the rest of it is lost, and said so.
    """
    done: set[int] = set()
    if path is None:
        failure: list[int] = []
        try:
            yield from _records(stream, origin=origin, base=0, done=done, failure=failure)
        except ArchiveLoadFailed as err:
            raise InputError(origin, f"cannot read the WARC file: {printable(str(err))}") from None
        return
    with open(path, "rb") as fh:
        marker = _GZIP_MEMBER if fh.read(2) == _GZIP_MEMBER[:2] else _WARC_RECORD
        start = 0
        while True:
            fh.seek(start)
            failure = []
            try:
                yield from _records(fh, origin=origin, base=start, done=done, failure=failure)
            except ArchiveLoadFailed as err:
                if start == 0:
                    raise InputError(origin, f"cannot read the WARC file: {printable(str(err))}") from None
                failure.append(start)
                yield InputError(origin, f"damaged WARC data at byte {start}: {printable(str(err))}")
            if not failure:
                return
            resume = _find(fh, marker, max(failure[0], start) + 1)
            if resume is None:
                return
            log.info("%s: reading on at byte %d after damaged WARC data", origin, resume)
            start = resume
