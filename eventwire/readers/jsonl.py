"""JSON Lines: one record ``{text, id?, title?, published?, url?, source?}`` a line.

Read as a stream, line by line; a line over the cap (``max_line_mb``) is an error of its own.  A bad line (malformed
JSON, not an object, no non-empty ``text``) is yielded as an InputError with
its line number and the lines after it go on.
"""
from __future__ import annotations

import codecs
import json
import logging
from collections.abc import Iterable, Iterator

from eventwire.errors import InputError
from eventwire.readers.decode import BINARY_MESSAGE, clean_document, decode_bytes, fix_mojibake, strip_controls
from eventwire.readers.dates import normalise_date
from eventwire.readers.detect import detect_format
from eventwire.readers.html import extract_html
from eventwire.readers.paths import Oversized
from eventwire.readers.markup import html_to_paragraphs, looks_like_html
from eventwire.schema import RawDocument

log = logging.getLogger(__name__)

_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}


def _decode_line(raw: bytes, *, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(raw, origin=where)


def _optional_str(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = fix_mojibake(str(value)).strip()
    return text or None


def text_from_markup(text: str, *, origin: str) -> str:
    """``text`` with markup removed when it looks like HTML (a whole page goes
    through trafilatura, a fragment is stripped to paragraphs)."""
    if not looks_like_html(text):
        return text
    if detect_format(text[:4096].encode("utf-8")) == "html":
        try:
            return extract_html(text, origin=origin).content
        except InputError:
            pass  # no article found: fall back to plain stripping
    return html_to_paragraphs(text)


def record_to_document(record: dict, *, origin: str, line: int | None, format: str = "jsonl") -> RawDocument:
    """Line ``line`` of ``origin`` (or the record ``origin`` names, without a line), parsed, as a
    RawDocument; InputError when it has no text."""
    where = f"{origin}:{line}" if line is not None else origin
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, 'record has no non-empty "text" field', line=line)
    text = text_from_markup(fix_mojibake(strip_controls(text)), origin=where).strip()
    if not text:
        raise InputError(origin, 'record\'s "text" holds only markup, no text', line=line)
    return clean_document(RawDocument(
        content=text,
        content_type="text",
        origin=where,
        format=format,
        external_id=_optional_str(record.get("id")),
        title=_optional_str(record.get("title")),
        published=normalise_date(record.get("published"), origin=where),
        url=_optional_str(record.get("url")),
        source=_optional_str(record.get("source")),
        author=_optional_str(record.get("author")),
    ))


def iter_jsonl(lines: Iterable[bytes], *, origin: str,
               max_line_mb: float | None = None) -> Iterator[RawDocument | InputError]:
    """Documents (or InputErrors carrying the line number) from the lines of a JSONL file.

    A line given as ``paths.Oversized`` (longer than ``max_line_mb``, see ``bounded_lines``) is
    that line's error; the lines after it go on."""
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, Oversized):
            seen_any = True
            cap = f"the {max_line_mb:g} MB limit" if max_line_mb else "the limit"
            yield InputError(origin, f"line is {raw / (1 << 20):.1f} MB, longer than {cap} for one JSONL line; "
                                     "split the record or raise --max-line-mb", line=number)
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = _decode_line(raw, where=f"{origin}:{number}")
        except InputError:
            yield InputError(origin, BINARY_MESSAGE, line=number)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(origin, f"malformed JSON ({err.msg} at column {err.colno})", line=number)
            continue
        if not isinstance(record, dict):
            kind = _JSON_TYPES.get(type(record), type(record).__name__)
            yield InputError(origin, f"line holds {kind}, not a JSON object", line=number)
            continue
        try:
            yield record_to_document(record, origin=origin, line=number)
        except InputError as err:
            yield err
    if not seen_any:
        yield InputError(origin, "file is empty")
