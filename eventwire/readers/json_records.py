"""JSON files that are not JSON Lines: an array of records, or one record object.

``[{"text": ...}, {"text": ...}]`` is read as one document per element (origin
``file#N``, N from 1), and ``{"text": ...}`` spread over several lines (pretty-printed)
as one document; each record has the fields of a JSONL record (see readers/jsonl.py).
The file is read whole, so it is limited by ``max_page_mb`` like a page.  A file that
does not parse, or holds anything else (a number, an array of strings), is refused
with an InputError that says why -- it is never stored as text.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from eventwire.errors import InputError
from eventwire.readers.decode import decode_bytes
from eventwire.readers.jsonl import _JSON_TYPES, record_to_document
from eventwire.schema import RawDocument

FORMAT = "json"
SHAPE = "a JSON file must hold an array of records or one record object"


def _kind(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def iter_json(data: bytes, *, origin: str) -> Iterator[RawDocument | InputError]:
    """Documents (and per-record InputErrors) from the JSON file whose bytes are ``data``."""
    text = decode_bytes(data, origin=origin)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(origin, f"malformed JSON ({err.msg} at line {err.lineno} column {err.colno}); "
                                 f"{SHAPE}") from None
    if isinstance(value, dict):
        yield record_to_document(value, origin=origin, line=None, format=FORMAT)
        return
    if not isinstance(value, list):
        raise InputError(origin, f"file holds {_kind(value)}; {SHAPE}")
    if not value:
        raise InputError(origin, "file holds an empty JSON array: no records")
    for number, record in enumerate(value, start=1):
        where = f"{origin}#{number}"
        if not isinstance(record, dict):
            yield InputError(where, f"array element holds {_kind(record)}, not a JSON object")
            continue
        try:
            yield record_to_document(record, origin=where, line=None, format=FORMAT)
        except InputError as err:
            yield err
