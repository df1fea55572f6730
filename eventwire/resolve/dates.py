"""When did the event happen: resolve date expressions against the publication date.

``resolve_date_text`` turns one expression ("on Sunday", "in September", "Dec 12, 2014")
into a :class:`DateResolution`; ``event_date`` picks, in a parsed sentence, the date
expression that belongs to the event's trigger and resolves it.  The semantics of
relative expressions (weekdays, "last week", "2 days ago" ...) are data, in
``dates.yml`` beside this module; absolute dates are parsed by dateparser.

Nothing here falls back to the publication date on its own: when the text gives no
time for the event the answer is ``DateResolution(None, "unknown", False, None)``.
"""
from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

DATA_FILE = Path(__file__).with_name("dates.yml")


@dataclass
class DateResolution:
    """A resolved date: ``date`` is YYYY-MM-DD, YYYY-MM or YYYY (or None).

    ``stated``: the text gave a time expression (even one we could not resolve);
    ``text``: that expression as written; ``earliest``/``latest``: the range of days
    the expression covers, where it is wider than ``date`` says (optional).
    """

    date: str | None
    precision: str
    stated: bool
    text: str | None
    earliest: str | None = None
    latest: str | None = None





# --------------------------------------------------------------------------- data

@dataclass(frozen=True)
class _Rules:
    grace_days: int
    leading: tuple[str, ...]
    trailing: tuple[str, ...]
    weekdays: dict[str, int]  # form -> weekday number (Monday 0)
    weekday_mods: dict[str, str]  # modifier -> direction
    months: dict[str, int]  # form -> month number
    month_mods: dict[str, str]
    numbers: dict[str, int]
    relative: tuple[tuple[re.Pattern, dict[str, Any]], ...]
    reporting: frozenset[str]


@cache
def load_date_rules() -> _Rules:
    """The parsed ``dates.yml`` (loaded once per process)."""
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    weekdays = {}
    for i, entry in enumerate(raw["weekdays"]):
        for form in entry["forms"]:
            weekdays[form] = i
    months = {form: m["number"] for m in raw["months"] for form in m["forms"]}
    # longest first, so "this coming" wins over "this"
    by_len = lambda d: dict(sorted(d.items(), key=lambda kv: -len(kv[0])))  # noqa: E731
    return _Rules(
        grace_days=int(raw["future_grace_days"]),
        leading=tuple(sorted((e["word"] for e in raw["leading_words"]), key=len, reverse=True)),
        trailing=tuple(sorted((e["word"] for e in raw["trailing_words"]), key=len, reverse=True)),
        weekdays=weekdays,
        weekday_mods=by_len({e["word"]: e["direction"] for e in raw["weekday_modifiers"]}),
        months=months,
        month_mods=by_len({e["word"]: e["direction"] for e in raw["month_modifiers"]}),
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        relative=tuple((re.compile(e["pattern"], re.I), e) for e in raw["relative"]),
        reporting=frozenset(e["lemma"] for e in raw["reporting_verbs"]),
    )


def date_data() -> dict[str, Any]:
    """The raw contents of ``dates.yml`` (for tests and documentation)."""
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- helpers

_SPACE = re.compile(r"[\s,]+")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])[-–](?=[a-z])")
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b|'\d\d\b")
_DAY_MONTH_SHORT_YEAR = re.compile(r"\b\d{1,2}\s+[a-z]{3,9}\.?\s+\d\d$", re.I)  # 4 FEB 90
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?\b")


def parse_iso(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) as a date; None if absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        log.debug("not an ISO date: %r", value)
        return None


_POSSESSIVE = re.compile(r"'s?$")


def _normalise(text: str) -> str:
    text = _WORD_HYPHEN.sub(" ", text.lower().replace("’", "'"))
    text = _POSSESSIVE.sub("", text)  # "next week's summit", "Monday's attack": the date is the noun's
    return _SPACE.sub(" ", text).strip(" .")


def _strip(text: str, rules: _Rules) -> list[str]:
    """``text`` and its forms with leading, then trailing, filler words removed."""
    forms = [text]
    for words, cut in ((rules.leading, lambda t, w: t[len(w) + 1:] if t.startswith(w + " ") else None),
                       (rules.trailing, lambda t, w: t[: -len(w) - 1] if t.endswith(" " + w) else None)):
        changed = True
        while changed:
            changed = False
            for word in words:
                shorter = cut(forms[-1], word)
                if shorter:
                    forms.append(shorter)
                    changed = True
    return forms


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _pick_weekday(pub: date, weekday: int, direction: str) -> date:
    back = (pub.weekday() - weekday) % 7
    fwd = (weekday - pub.weekday()) % 7
    if direction == "past_inclusive":
        return pub - timedelta(days=back)
    if direction == "past":
        return pub - timedelta(days=back or 7)
    if direction == "future_inclusive":
        return pub + timedelta(days=fwd)
    return pub + timedelta(days=fwd or 7)


def _pick_month(pub: date, month: int, direction: str) -> date:
    year = pub.year
    if direction in ("past_inclusive", "past"):
        if month > pub.month or (direction == "past" and month == pub.month):
            year -= 1
    else:
        if month < pub.month or (direction == "future" and month == pub.month):
            year += 1
    return date(year, month, 1)


def _day(d: date) -> str:
    return d.isoformat()


def _month(d: date) -> str:
    return d.isoformat()[:7]


# --------------------------------------------------------------------------- resolution

def _relative(text: str, original: str, pub: date | None, rules: _Rules) -> DateResolution | None:
    for pattern, rule in rules.relative:
        m = pattern.fullmatch(text)
        if not m:
            continue
        if rule.get("vague"):
            return DateResolution(None, "unknown", True, original)
        if pub is None:
            return DateResolution(None, "unknown", True, original)
        if "days" in rule:
            return DateResolution(_day(pub + timedelta(days=rule["days"])), "day", True, original)
        if "days_per_group" in rule:
            n = m.group("n")
            count = int(n) if n.isdigit() else rules.numbers.get(n)
            if count is None:
                continue
            d = pub + timedelta(days=rule["days_per_group"] * count)
            return DateResolution(_day(d), "day", True, original)
        if "weeks" in rule:
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=rule["weeks"])
            thursday, sunday = monday + timedelta(days=3), monday + timedelta(days=6)
            return DateResolution(_month(thursday), "month", True, original, _day(monday), _day(sunday))
        if "range_days" in rule:
            lo, hi = rule["range_days"]
            first, last = pub + timedelta(days=lo), pub + timedelta(days=hi)
            return DateResolution(_month(last), "month", True, original, _day(first), _day(last))
        if "months" in rule:
            return DateResolution(_month(_shift_months(pub, rule["months"])), "month", True, original)
        if "years" in rule:
            return DateResolution(str(pub.year + rule["years"]), "year", True, original)
    return None


def _weekday_or_month(text: str, original: str, pub: date | None, rules: _Rules,
                      prefer_future: bool) -> DateResolution | None:
    default = "future_inclusive" if prefer_future else "past_inclusive"
    for mods, names, picker in (
        (rules.weekday_mods, rules.weekdays, "weekday"),
        (rules.month_mods, rules.months, "month"),
    ):
        direction, rest = default, text
        for word, d in mods.items():
            if text.startswith(word + " "):
                direction, rest = d, text[len(word) + 1:]
                break
        if rest not in names:
            continue
        if pub is None:
            return DateResolution(None, "unknown", True, original)
        if picker == "weekday":
            return DateResolution(_day(_pick_weekday(pub, names[rest], direction)), "day", True, original)
        return DateResolution(_month(_pick_month(pub, names[rest], direction)), "month", True, original)
    return None


def _absolute(text: str, original: str, pub: date | None, rules: _Rules,
              prefer_future: bool) -> DateResolution | None:
    words = set(text.split())
    has_month = any(w.rstrip(".") in rules.months for w in words)
    has_year = bool(_YEAR.search(text)) or bool(has_month and _DAY_MONTH_SHORT_YEAR.search(text))
    if not (has_month or has_year or _NUMERIC_DATE.search(text)):
        return None
    if has_year and not has_month and not _NUMERIC_DATE.search(text):
        m = _YEAR.search(text)
        year = m.group(0)
        if year.startswith("'"):
            year = ("19" if int(year[1:]) > 30 else "20") + year[1:]
        if text.strip(" '").removeprefix("the year ") in (m.group(0).strip("'"), m.group(0)):
            return DateResolution(year, "year", True, original)
        return None
    base = pub or date(2000, 1, 1)
    data = _dateparse(text, datetime(base.year, base.month, base.day))
    if data is None:
        return None
    found, period = data
    if period == "year":
        return DateResolution(str(found.year), "year", True, original) if has_year else None
    if not has_year:
        if pub is None:
            return DateResolution(None, "unknown", True, original)
        found = found.replace(year=pub.year) if not (found.month == 2 and found.day == 29) else found
        if period == "month":
            picked = _pick_month(pub, found.month, "future_inclusive" if prefer_future else "past_inclusive")
            return DateResolution(_month(picked), "month", True, original)
        if prefer_future:
            if found < pub - timedelta(days=rules.grace_days):
                found = found.replace(year=pub.year + 1)
        elif found > pub + timedelta(days=rules.grace_days):
            found = found.replace(year=pub.year - 1)
    if period == "month":
        return DateResolution(_month(found), "month", True, original)
    return DateResolution(_day(found), "day", True, original)


def _dateparse(text: str, base: datetime) -> tuple[date, str] | None:
    parser = _dateparser_for(base)
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r", text, exc_info=True)
        return None
    if data is None or data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    return data.date_obj.date(), data.period


@cache
def _dateparser_for(base: datetime):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period",
                  "RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first"},
    )


def resolve_date_text(text: str, *, published: str | None,
                      prefer_future: bool = False) -> DateResolution | None:
    """Resolve one date expression against the publication date (``YYYY-MM-DD``).

    Returns None when ``text`` is not a date expression at all ("three hours",
    "the meeting").  ``prefer_future``: read a bare weekday or month as the next one
    (for events reported in the future tense).
    """
    if not text or not text.strip():
        return None
    rules = load_date_rules()
    pub = parse_iso(published)
    original = text.strip()
    forms = _strip(_normalise(original), rules)
    for form in forms:
        found = _relative(form, original, pub, rules)
        if found is not None:
            return found
    norm = forms[-1]
    return (_weekday_or_month(norm, original, pub, rules, prefer_future)
            or _absolute(norm, original, pub, rules, prefer_future))


# --------------------------------------------------------------------------- finding expressions

@cache
def _finders() -> tuple[re.Pattern, ...]:
    rules = load_date_rules()
    long_months = sorted((f for f in rules.months if len(f) > 3 and f != "sept"), key=len, reverse=True)
    all_months = sorted(rules.months, key=len, reverse=True)
    month_any = r"(?:%s)" % "|".join(m + (r"\.?" if len(m) <= 4 else "") for m in all_months)
    month_long = r"(?:%s)" % "|".join(long_months)
    weekday = r"(?:%s)" % "|".join(sorted((f for f in rules.weekdays if len(f) > 4), key=len, reverse=True))
    wmods = r"(?:(?:%s) )?" % "|".join(rules.weekday_mods)
    tails = r"(?: (?:%s))?" % "|".join(rules.trailing)
    year = r"(?:1[5-9]\d\d|20\d\d)"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    found = [
        rf"{day} (?:of )?{month_any},? (?:{year}|\d\d)\b",  # 4 FEB 90, 12 November 1989
        rf"{month_any} {day},? {year}\b",  # Dec 12, 2014
        rf"{day} (?:of )?{month_any}(?![a-z])",  # 24 February
        rf"{month_any} {day}\b",  # February 24th
        rf"{month_long},? {year}\b",  # September 2014
        rf"(?:(?:early|mid|late|last|next|this|in|since|during|until|by)[ -]){month_long}\b",
        rf"{wmods}{weekday}{tails}\b",
        r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        rf"\b(?:in|since|during|until|by) {year}\b",
    ]
    patterns = [re.compile(r"\b" + f, re.I) for f in found]
    patterns += [re.compile(r"\b(?:" + p.pattern + r")\b", re.I) for p, _ in rules.relative]
    return tuple(patterns)


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Date expressions in ``text`` as ``(start, end, text)``, longest first where they overlap.

    A fallback for text the NER model reads badly (upper case wire copy, for example):
    the patterns come from ``dates.yml`` (weekday, month and relative forms) plus the
    usual day-month-year layouts.
    """
    return list(_date_expressions(text))


@lru_cache(maxsize=4096)
def _date_expressions(text: str) -> tuple[tuple[int, int, str], ...]:
    """``find_date_expressions``, remembered per text: each trigger of a sentence asks for its dates."""
    hits: list[tuple[int, int]] = []
    for pattern in _finders():
        hits.extend(m.span() for m in pattern.finditer(text))
    chosen: list[tuple[int, int, str]] = []
    for start, end in sorted(hits, key=lambda se: (-(se[1] - se[0]), se[0])):
        if any(start < e and s < end for s, e, _ in chosen):
            continue
        chosen.append((start, end, text[start:end]))
    return tuple(sorted(chosen))


# --------------------------------------------------------------------------- events

_DATE_LABELS = {"DATE", "TIME"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_PRESENT_TAGS = {"VBZ", "VBP"}


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT"


def clause_head(tok):
    """The verb that heads ``tok``'s clause (``tok`` itself when it is a verb)."""
    while not _is_verb(tok) and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _date_candidates(sent) -> list:
    spans = [e for e in sent.ents if e.label_ in _DATE_LABELS]
    doc, offset = sent.doc, sent.start_char
    for start, end, _ in find_date_expressions(sent.text):
        span = doc.char_span(offset + start, offset + end, alignment_mode="expand")
        if span is not None and not any(span.start < e.end and e.start < span.end for e in spans):
            spans.append(span)
    return spans


def _attachment_rank(span, trigger, rules: _Rules) -> int | None:
    """0: in the trigger's own clause and governed by it; 1: same clause, governed by
    another word of it; 2: a clause above the trigger's that is not a reporting verb;
    None: elsewhere (another event's time)."""
    root = span.root
    above = root.head if root.head.i != root.i else root
    date_clause = clause_head(above)
    trigger_clause = clause_head(trigger)
    governed = any(a.i == trigger.i for a in root.ancestors)
    if date_clause.i == trigger_clause.i:
        return 0 if governed or trigger.i == trigger_clause.i else 1
    if governed and date_clause.i == trigger.i:
        return 0
    if any(a.i == date_clause.i for a in trigger_clause.ancestors):
        if date_clause.lemma_.lower() in rules.reporting:
            return None
        return 2
    return None


def _future(trigger) -> bool:
    """Told in the future ("will meet on June 20") or in the simple present, which news uses for what is
    scheduled ("the ministers meet on June 20", "hold talks in Vienna on Monday"): a bare date is the next one."""
    verb = clause_head(trigger)
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
        return True
    return verb.tag_ in _PRESENT_TAGS and verb.lemma_.lower() not in load_date_rules().reporting \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def event_date(sent, trigger, *, published: str | None, prefer_future: bool = False) -> DateResolution:
    """The date of the event whose trigger token is ``trigger`` in sentence ``sent``.

    Picks the DATE/TIME expression governed by the trigger's clause ("met ... on
    Sunday"), else one in the same clause, else one in a governing clause that is
    not a reporting verb ("said on Sunday that ..." is the date of the saying).
    Returns ``DateResolution(None, "unknown", False, None)`` when the sentence gives
    no time for the event; it never falls back to the publication date.
    """
    rules = load_date_rules()
    ranked = []
    for span in _date_candidates(sent):
        if span.start <= trigger.i < span.end:
            continue
        rank = _attachment_rank(span, trigger, rules)
        if rank is not None:
            ranked.append((rank, abs(span.root.i - trigger.i), span.start, span))
    prefer_future = prefer_future or _future(trigger)
    for *_, span in sorted(ranked, key=lambda r: r[:3]):
        found = resolve_date_text(span.text, published=published, prefer_future=prefer_future)
        if found is not None:
            return found
    return DateResolution(None, "unknown", False, None)
