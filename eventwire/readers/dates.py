"""Publication dates from whatever an input carries, as ``YYYY-MM-DD``."""
from __future__ import annotations

import logging
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

log = logging.getLogger(__name__)

# English only: the pipeline reads English news, and trying every language
# costs ~100 ms for each unreadable value
_DATEPARSER_LANGUAGES = ["en"]
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"}


def _parse_iso(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _parse_rfc2822(value: str) -> date | None:
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


# two defaults that differ in day, month and year: a component the text lacks
# shows up as a difference between the two parses
_DEFAULTS = (datetime(1904, 1, 1), datetime(1905, 2, 2))


def _parse_dateutil(value: str) -> date | None:
    try:
        first, second = (dateutil_parser.parse(value, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    return first.date() if first.date() == second.date() else None


def _parse_free(value: str) -> date | None:
    import dateparser  # slow to import; only needed for unusual dates

    parsed = dateparser.parse(value, languages=_DATEPARSER_LANGUAGES, settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def normalise_date(value: object, *, origin: str = "") -> str | None:
    """``value`` (ISO string, RFC 2822 string, free text, date, struct_time) as ``YYYY-MM-DD``.

    Returns None for an empty value; an unparseable one gives None and a warning
    naming ``origin``.  A date needs a day, month and year: "March 2024" is refused.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    if isinstance(value, str):
        text = value.strip()
        for parse in (_parse_iso, _parse_rfc2822, _parse_dateutil, _parse_free):
            parsed = parse(text)
            if parsed is not None:
                return parsed.isoformat()
    log.warning("%s: cannot read the date %r; published left empty", origin or "input", value)
    return None
