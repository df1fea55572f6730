"""Bytes to text: UTF-8 first, then a detected charset, then mojibake repair.

The cascade, in order:

1. a byte-order mark settles the encoding (UTF-8, UTF-16, UTF-32);
2. NUL bytes without a BOM: more than a few (2%) mean binary data, a few are dropped;
3. strict UTF-8;
4. a file that is UTF-8 except for a few bad bytes is decoded as UTF-8 with each
   bad byte read as cp1252 (or U+FFFD), and a warning names the byte offset;
5. a file with no valid multi-byte UTF-8 at all is a legacy-charset file: its
   charset is detected with charset-normalizer (nothing found = binary data);
6. the text is checked for control characters (mostly non-text = binary data);
7. ftfy repairs mojibake such as ``â€™`` -> ``’`` (quotes stay curly) on the
   lines that show it (see fix_mojibake).
"""
from __future__ import annotations

import codecs
import logging
import re
import unicodedata

import charset_normalizer
import ftfy
from ftfy.fixes import fix_line_breaks

from eventwire.errors import InputError

log = logging.getLogger(__name__)

BINARY_MESSAGE = "looks like binary data, not text"

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.02  # more control characters than this is not text
_C1_START, _C1_END = "\x80", "\x9f"  # C1 controls are mojibake residue (ftfy repairs them), not binary
_FALLBACK_CHARSET = "cp1252"  # what a stray non-UTF-8 byte in a UTF-8 file usually is
_PREFERRED_CHARSETS = ("cp1252", "latin_1", "iso8859_15")  # among equally good guesses


def _bad_byte_as_cp1252(err: UnicodeDecodeError) -> tuple[str, int]:
    chunk = err.object[err.start:err.end]
    return chunk.decode(_FALLBACK_CHARSET, errors="replace"), err.end


codecs.register_error("eventwire-cp1252", _bad_byte_as_cp1252)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names (None without one)."""
    return _bom_encoding(data)


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _has_valid_multibyte_utf8(data: bytes) -> bool:
    """True when some non-ASCII text in ``data`` decodes as proper UTF-8."""
    decoded = data.decode("utf-8", errors="replace")
    return any(ord(ch) > 127 and ch != "\ufffd" for ch in decoded)


def _detect_charset(data: bytes, *, origin: str) -> str:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(origin, BINARY_MESSAGE)
    candidates = set(best.could_be_from_charset)
    for match in matches:  # guesses as good as the best one: the common encodings win the tie
        if match.percent_chaos == best.percent_chaos and match.coherence == best.coherence:
            candidates.update(match.could_be_from_charset)
    for preferred in _PREFERRED_CHARSETS:
        if preferred in candidates:
            return preferred
    return best.encoding


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:65536]
    controls = sum(
        1 for ch in sample
        if ch not in _ALLOWED_CONTROLS and not _C1_START <= ch <= _C1_END
        and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    return controls / len(sample)


def _decode_raw(data: bytes, *, origin: str) -> str:
    encoding = _bom_encoding(data)
    if encoding:
        return data.decode(encoding, errors="replace")
    head = data[:65536]
    if head.count(0) > _MAX_CONTROL_SHARE * len(head):  # a few stray NULs are damage, many are binary
        raise InputError(origin, BINARY_MESSAGE)
    if b"\x00" in data:
        log.warning("%s: %d NUL bytes removed", origin, data.count(0))
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    if _has_valid_multibyte_utf8(data):
        log.warning(
            "%s: invalid UTF-8 at byte %d; decoded the bad bytes as %s",
            origin, first_bad, _FALLBACK_CHARSET,
        )
        return data.decode("utf-8", errors="eventwire-cp1252")
    charset = _detect_charset(data, origin=origin)
    log.info("%s: not UTF-8 (first non-UTF-8 byte at %d); decoded as %s", origin, first_bad, charset)
    return data.decode(charset, errors="replace")


# UTF-8 read as cp1252 or Latin-1 always leaves a lead byte (U+00C2-U+00F4 as a
# Latin-1 letter) followed by a continuation byte (0x80-0xBF as Latin-1 or as its
# cp1252 character).  Only lines with that pair go through ftfy: its own
# detector runs at about 5 MB/s, this search at hundreds.
_CONTINUATION_AS_CP1252 = "".join(
    sorted({bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0)} - {""}))
_MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{re.escape(_CONTINUATION_AS_CP1252)}]")


def fix_mojibake(text: str) -> str:
    """``text`` with mojibake repaired by ftfy (``â€™`` -> ``’``); curly quotes are kept.

    Line breaks are normalised to ``\\n`` and the text to NFC everywhere; ftfy's
    other fixes run on the lines that show a mojibake pair (see _MOJIBAKE_HINT).
    """
    text = fix_line_breaks(text)
    if _MOJIBAKE_HINT.search(text):
        text = "".join(
            ftfy.fix_text(line, uncurl_quotes=False) if _MOJIBAKE_HINT.search(line) else line
            for line in text.splitlines(keepends=True)
        )
    return unicodedata.normalize("NFC", text)


# C0 controls but tab, line feed and carriage return, DEL, and lone surrogates (which no
# database can store): PostgreSQL refuses NUL outright and SQLite would store it, so every
# reader strips them the same way and both stores hold the same text.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_PAGE_BREAKS = re.compile("[\x0b\x0c]")  # vertical tab, form feed: a line break in effect
_SURROGATES = re.compile("[\ud800-\udfff]")


def strip_controls(text: str) -> str:
    """``text`` without NUL and the other C0 controls (tab and line ends kept; vertical tab and
    form feed become line feeds), DEL, or lone surrogates (U+FFFD instead)."""
    text = _CONTROL_CHARS.sub("", text)
    text = _PAGE_BREAKS.sub("\n", text)
    return _SURROGATES.sub("\ufffd", text)


_TEXT_FIELDS = ("content", "external_id", "title", "published", "url", "source", "author")


def clean_document(document):
    """A RawDocument with ``strip_controls`` applied to its text and every text field (in place)."""
    for name in _TEXT_FIELDS:
        value = getattr(document, name)
        if isinstance(value, str):
            cleaned = strip_controls(value)
            if name != "content":  # one-line metadata: whitespace collapsed, None when nothing is left
                cleaned = " ".join(cleaned.split()) or None
            setattr(document, name, cleaned)
    return document


def decode_bytes(data: bytes, *, origin: str) -> str:
    """The text in ``data``, mojibake repaired; raises InputError for binary junk.

    See the module docstring for the order in which encodings are tried.
    ``origin`` names the input in errors and log messages.
    """
    text = _decode_raw(data, origin=origin)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(origin, BINARY_MESSAGE)
    return fix_mojibake(text)
