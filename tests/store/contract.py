"""A small checker of the export contract (../shared/EVENT_SCHEMA.md), written from the document.

``contract_errors_*`` return a list of human-readable problems (empty when the
record conforms), so a failing test says every field that is wrong.
"""
from __future__ import annotations

import re
from typing import Any

EVENT_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
FACTUALITY = {"asserted", "negated", "hypothetical", "future"}
PRECISION_OF_DATE = {10: "day", 7: "month", 4: "year"}
PLACE_PRECISION = {"city", "region", "country", None}
REVIEW_STATUS = {"unreviewed", "confirmed", "corrected", "rejected"}
QUANTITY_INTS = ("killed", "injured", "arrested", "displaced", "troops")
ARTICLE_KEYS = ("id", "external_id", "title", "text", "published", "source", "url", "dateline")
EVENT_KEYS = ("id", "article_id", "event_type", "mode", "actors", "recipients", "date", "date_precision",
              "location", "factuality", "quantities", "evidence", "confidence")
COUNTRY = re.compile(r"^[A-Z]{3}$")  # ISO alpha-3 or a PLOVER non-state code
SECTOR = re.compile(r"^[A-Z]{3}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _empty_strings(value: Any, path: str = "") -> list[str]:
    if value == "":
        return [f"{path or 'value'} is an empty string (unknown must be null)"]
    if isinstance(value, dict):
        return [e for k, v in value.items() for e in _empty_strings(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in _empty_strings(v, f"{path}[{i}]")]
    return []


def _opt_str(d: dict, key: str, where: str) -> list[str]:
    v = d.get(key)
    return [] if v is None or isinstance(v, str) else [f"{where}.{key} is {type(v).__name__}, not string/null"]


def contract_errors_article(a: dict[str, Any]) -> list[str]:
    errors = [f"article lacks {k}" for k in ARTICLE_KEYS if k not in a]
    if errors:
        return errors
    if not isinstance(a["id"], str) or not a["id"]:
        errors.append("article.id must be a non-empty string")
    if not isinstance(a["text"], str):
        errors.append("article.text must be a string")
    for k in ("external_id", "title", "source", "url", "dateline"):
        errors += _opt_str(a, k, "article")
    if a["published"] is not None and not (isinstance(a["published"], str) and DAY.match(a["published"])):
        errors.append(f"article.published {a['published']!r} is not YYYY-MM-DD")
    return errors + _empty_strings(a, "article")


def _entity_errors(e: Any, where: str) -> list[str]:
    if not isinstance(e, dict):
        return [f"{where} is not an object"]
    errors = [f"{where} lacks {k}" for k in ("text", "name", "country", "sector") if k not in e]
    if not isinstance(e.get("text"), str):
        errors.append(f"{where}.text must be a string")
    errors += _opt_str(e, "name", where) + _opt_str(e, "wikidata", where)
    if e.get("country") is not None and not COUNTRY.match(str(e["country"])):
        errors.append(f"{where}.country {e['country']!r} is not a 3-letter code")
    if e.get("sector") is not None and not SECTOR.match(str(e["sector"])):
        errors.append(f"{where}.sector {e['sector']!r} is not a sector code")
    return errors


def _place_errors(p: Any) -> list[str]:
    if p is None:
        return []
    if not isinstance(p, dict):
        return ["location is not an object"]
    errors = [f"location lacks {k}" for k in ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")
              if k not in p]
    if p.get("country") is not None and not COUNTRY.match(p["country"]):
        errors.append(f"location.country {p['country']!r} is not alpha-3")
    for k in ("lat", "lon"):
        if p.get(k) is not None and not isinstance(p[k], (int, float)):
            errors.append(f"location.{k} is not a number")
    if p.get("geonameid") is not None and not isinstance(p["geonameid"], int):
        errors.append("location.geonameid is not an integer")
    if p.get("precision") not in PLACE_PRECISION:
        errors.append(f"location.precision {p.get('precision')!r} not allowed")
    return errors


def contract_errors_event(ev: dict[str, Any], article_text: str | None = None) -> list[str]:
    """Problems with one exported event; with ``article_text`` the evidence offsets are checked too."""
    errors = [f"event lacks {k}" for k in EVENT_KEYS if k not in ev]
    if errors:
        return errors
    for k in ("id", "article_id"):
        if not isinstance(ev[k], str) or not ev[k]:
            errors.append(f"event.{k} must be a non-empty string")
    if ev["event_type"] not in EVENT_TYPES:
        errors.append(f"event_type {ev['event_type']!r} is not a PLOVER type")
    errors += _opt_str(ev, "mode", "event")
    for role in ("actors", "recipients"):
        if not isinstance(ev[role], list):
            errors.append(f"{role} is not a list")
        else:
            errors += [e for i, x in enumerate(ev[role]) for e in _entity_errors(x, f"{role}[{i}]")]
    date, precision = ev["date"], ev["date_precision"]
    if date is None:
        if precision != "unknown":
            errors.append(f"date is null but date_precision is {precision!r}")
    elif not (isinstance(date, str) and DATE.match(date)):
        errors.append(f"date {date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    elif PRECISION_OF_DATE[len(date)] != precision:
        errors.append(f"date {date!r} does not have precision {precision!r}")
    errors += _place_errors(ev["location"])
    if ev["factuality"] not in FACTUALITY:
        errors.append(f"factuality {ev['factuality']!r} not allowed")
    q = ev["quantities"]
    if not isinstance(q, dict):
        errors.append("quantities is not an object")
    else:
        for k in QUANTITY_INTS:
            if k not in q:
                errors.append(f"quantities lacks {k}")
            elif q[k] is not None and (not isinstance(q[k], int) or isinstance(q[k], bool)):
                errors.append(f"quantities.{k} is not an integer or null")
        if not isinstance(q.get("money"), list):
            errors.append("quantities.money is not a list")
        else:
            for m in q["money"]:
                if set(m) < {"amount", "currency", "text"} or not isinstance(m["amount"], (int, float)):
                    errors.append(f"money entry {m!r} malformed")
    evidence = ev["evidence"]
    if not isinstance(evidence, dict) or set(evidence) < {"sentence", "start", "end"}:
        errors.append("evidence lacks sentence/start/end")
    else:
        s, a, b = evidence["sentence"], evidence["start"], evidence["end"]
        if not (isinstance(s, str) and isinstance(a, int) and isinstance(b, int) and 0 <= a <= b):
            errors.append(f"evidence {evidence!r} malformed")
        elif article_text is not None and article_text[a:b] != s:
            errors.append(f"evidence offsets {a}:{b} do not slice the sentence out of the article text")
    c = ev["confidence"]
    if not isinstance(c, (int, float)) or isinstance(c, bool) or not 0 <= c <= 1:
        errors.append(f"confidence {c!r} is not a number in 0-1")
    if "mentions" in ev:
        if not isinstance(ev["mentions"], list):
            errors.append("mentions is not a list")
        else:
            for m in ev["mentions"]:
                if not (isinstance(m, dict) and isinstance(m.get("article_id"), str)
                        and isinstance(m.get("start"), int) and isinstance(m.get("end"), int)):
                    errors.append(f"mention {m!r} malformed")
    review = ev.get("review")
    if review is not None and (not isinstance(review, dict) or review.get("status") not in REVIEW_STATUS):
        errors.append(f"review {review!r} malformed")
    return errors + _empty_strings(ev, "event")
