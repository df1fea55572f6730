"""Input format by content: sniff the first few KB; the file name only breaks ties.

The cascade, in order (signatures in signatures.yml):

1. a magic prefix on the raw bytes (``WARC/1.``);
2. the document's root element or doctype (``<rss>``, ``<rdf:RDF>``, ``<feed>``,
   ``<html>``, ``<!DOCTYPE html>``), past a doctype's internal subset;
3. JSON Lines: the first non-empty line is a JSON object and at least half the
   complete lines are too (or one is, and the name ends in ``.jsonl``); a first line
   cut by the sniff window is judged by its opening ``{"``;
3b. JSON: an array of objects, or one object spread over several lines (``json``,
   read as records by readers/json_records.py, or refused when it does not parse);
4. many HTML tags (fewer suffice when the name ends in ``.html``);
5. anything else is a text page.
"""
from __future__ import annotations

import codecs
import json
import re
from functools import cache

from eventwire.readers._data import load_data

FORMATS = ("text", "html", "jsonl", "json", "rss", "atom", "warc")
SNIFF_BYTES = 65536

_PROLOG = re.compile(
    r"\A(?:\s+|<\?.*?\?>|<!--.*?-->)*",  # whitespace, <?xml ...?>, <?xml-stylesheet?>, comments
    re.DOTALL,
)
_DOCTYPE = re.compile(r"<!doctype\s+([\w:.-]+)", re.IGNORECASE)
_DOCTYPE_REST = re.compile(r"[^\[>]*(?:\[.*?\])?[^>]*>", re.DOTALL)  # ids and an internal subset [...]
# A JSON document (not JSON Lines): an array of objects (or empty), or an object spread over lines
_JSON_ARRAY_START = re.compile(r"\A\s*\[\s*(?:\{|\]|\Z)")
_JSON_OBJECT_START = re.compile(r'\A\s*\{\s*(?:"|\}|\Z)')
_ROOT = re.compile(r"<([A-Za-z][\w:.-]*)")


@cache
def _signatures() -> dict:
    return load_data("signatures.yml")


@cache
def _html_tag_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(_signatures()["html_tags"], key=len, reverse=True))
    return re.compile(rf"</?(?:{names})(?=[\s/>])", re.IGNORECASE)


def count_html_tags(text: str) -> int:
    """How many opening or closing tags of known HTML elements ``text`` holds."""
    return len(_html_tag_pattern().findall(text))


def _sniff_text(head: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return head.decode(encoding, errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _markup_format(text: str) -> str | None:
    body = text[_PROLOG.match(text).end():]
    sig = _signatures()
    doctype = _DOCTYPE.match(body)
    if doctype:
        word = doctype.group(1).lower()
        for entry in sig["doctypes"]:
            if entry["doctype"] == word:
                return entry["format"]
        rest = _DOCTYPE_REST.match(body, doctype.end())
        body = body[rest.end():] if rest else body[doctype.end():].lstrip().lstrip(">")
        body = body[_PROLOG.match(body).end():]
    root = _ROOT.match(body)
    if not root:
        return None
    name = root.group(1).lower()
    for entry in sig["roots"]:
        if entry["root"] == name:
            return entry["format"]
    return None


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _jsonl_score(text: str, *, truncated: bool) -> tuple[bool, int, int]:
    """(first line is an object, object lines, complete non-empty lines)."""
    lines = text.split("\n")
    if truncated and len(lines) > 1:
        lines = lines[:-1]  # the last line was cut by the sniff window
    lines = [ln.strip() for ln in lines if ln.strip()]
    if not lines:
        return False, 0, 0
    if truncated and len(lines) == 1 and "\n" not in text.strip():
        # a single record longer than the sniff window: judge it by its opening
        opens = lines[0].startswith('{"')
        return opens, int(opens), 1
    objects = [_is_json_object(ln) for ln in lines]
    return objects[0], sum(objects), len(lines)


def _is_json_document(text: str) -> bool:
    """True when the whole of ``text`` is one JSON array or object."""
    if text.lstrip()[:1] not in ("[", "{"):
        return False
    try:
        return isinstance(json.loads(text), (list, dict))
    except ValueError:
        return False


def _name_says(name: str, key: str) -> bool:
    lowered = name.lower()
    return any(lowered.endswith(ending) for ending in _signatures()[key])


def detect_format(data: bytes, *, name: str = "", truncated: bool | None = None) -> str:
    """The format of an input whose first bytes are ``data``.

    One of FORMATS.  Decided by content (see the module docstring); ``name`` (a file
    name) only breaks ties.  ``truncated`` says that the input goes on after ``data``
    (default: ``data`` is longer than SNIFF_BYTES); a caller that read exactly
    SNIFF_BYTES of a longer input must say so, or a cut-off first line is judged whole.
    """
    if truncated is None:
        truncated = len(data) > SNIFF_BYTES
    head = data[:SNIFF_BYTES]
    sig = _signatures()
    for entry in sig["magic"]:
        if head.startswith(entry["prefix"].encode("ascii")):
            return entry["format"]
    text = _sniff_text(head)
    markup = _markup_format(text)
    if markup:
        return markup
    first_is_object, objects, lines = _jsonl_score(text, truncated=truncated or len(data) > SNIFF_BYTES)
    if first_is_object and 2 * objects >= lines:
        return "jsonl"
    if objects and _name_says(name, "jsonl_names"):
        return "jsonl"
    if (_JSON_ARRAY_START.match(text) or (_JSON_OBJECT_START.match(text) and not first_is_object)
            or (not truncated and _is_json_document(text))):
        return "json"
    tags = count_html_tags(text)
    if tags >= sig["html_min_tags"]:
        return "html"
    if tags >= sig["html_min_tags_named"] and _name_says(name, "html_names"):
        return "html"
    return "text"
