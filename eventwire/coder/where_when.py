"""Where and when each event happened: the resolve stage applied to coded events.

For every event candidate (before mentions are merged, so a later mention's
"on Sunday" or "in Rome" is not lost) the date is the expression governed by the
trigger's clause (``resolve.dates.event_date``, resolved against the publication
date) and the place is the one governed by the clause (``resolve.places``), else
the dateline's place when the story is about it.  When the text names no place,
an event whose participants all belong to one country (a domestic event: "the
Ukrainian army reported 14 attacks on its positions") is placed in that country at
``country`` precision; international events without a stated place get none.
The publication date is never copied in as an event date.
"""
from __future__ import annotations

import calendar
import datetime
import functools
import logging

from ..resolve.dates import DateResolution, event_date
from ..resolve.places import PlaceResolver, candidates_for, to_place
from ..schema import NON_STATE_CODES, Entity, Place
from .lexicons import load_lexicon

log = logging.getLogger(__name__)


@functools.cache
def country_place(code: str) -> Place | None:
    """A country-precision Place for an ISO alpha-3 code."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    for name in (getattr(country, "common_name", None), country.name):
        for cand in candidates_for(name or ""):
            if cand.precision == "country" and cand.country == code:
                return to_place(cand)
    return Place(name=getattr(country, "common_name", None) or country.name, country=code, precision="country")


@functools.cache
def where_when_rules() -> tuple[frozenset[str], frozenset[str]]:
    """(domestic event types, announcing verb lemmas) from ``lexicon/where_when.yml``."""
    raw = load_lexicon("where_when")
    return (frozenset(e["type"] for e in raw["domestic_types"]),
            frozenset(e["lemma"] for e in raw["announcing_verbs"]))


def announcement_date(token, *, published: str | None) -> DateResolution | None:
    """The stated date of the verb announcing a future act, if any ("announced on Friday it would ...")."""
    _, announcing = where_when_rules()
    for head in token.ancestors:
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in announcing:
            when = event_date(head.sent, head, published=published)
            return when if when and when.date else None
    return None


def _home_country(actors: list[Entity], recipients: list[Entity]) -> str | None:
    codes = {e.country for e in actors + recipients if e.country}
    states = codes - NON_STATE_CODES
    if len(states) == 1 and codes == states:
        return next(iter(states))
    return None


def when_and_where(candidates, doc, *, published: str | None, dateline: str | None) -> None:
    """Set ``when`` (DateResolution) and ``where`` (the places its mentions name) on each candidate."""
    places = PlaceResolver(doc, dateline=dateline)
    triggers = {c.trigger.token.i for c in candidates}
    for c in candidates:
        token = c.trigger.token
        try:
            c.when = None
            pledge = c.factuality.commitment  # a pledge re-coded (AGREE, THREATEN): made when it was announced
            if c.factuality.value == "future" or pledge:  # the record is the announcement; its date is the event's
                c.when = announcement_date(token, published=published)
            if not pledge:  # "said it would meet Kuroda next week": the pledge is not next week's
                c.when = c.when or event_date(token.sent, token, published=published,
                                              prefer_future=c.factuality.value == "future")
            # "her visit to Moscow next week": told as a fact, but its own date is after the report - still to
            # come (the coder writes it as future once its mentions are merged, so they still merge)
            c.own_date = bool(c.when and c.when.date and c.when.stated) and _own_date(token, c.when, triggers)
            c.dated_after = c.factuality.value == "asserted" and _after(c.when, published) and c.own_date
            # "In 1982 Argentine troops invaded the islands", told in a story of 1987: history the story recalls
            c.history = c.factuality.value == "asserted" and (
                _long_before(c.when, published) and c.own_date
                or not c.own_date and _background_cue(token))  # "Brazil has in the past rejected ..."
        except Exception:  # a date we cannot read is no date, never a crash
            log.debug("date resolution failed for %r", token.sent.text, exc_info=True)
            c.when = None
        place = places.event_location(token)
        c.where = [place] if place is not None else []


def _after(when: DateResolution | None, published: str | None) -> bool:
    """The stated date begins after the publication day ("next week", "on June 8" in a story of June 1)."""
    if when is None or not when.date or not when.stated or not published or len(published) < 10:
        return False
    first = when.earliest or {4: when.date + "-01-01", 7: when.date + "-01"}.get(len(when.date), when.date)
    return first[:10] > published[:10]


def _long_before(when: DateResolution | None, published: str | None) -> bool:
    """The stated date ends more than ``history_days`` (where_when.yml) before the publication day: background the
    story recalls, not its news ("in 1982", "in March 1985" in a story of 1987)."""
    if when is None or not when.date or not when.stated or not published or len(published) < 10:
        return False
    if when.latest:
        last = when.latest
    elif len(when.date) == 4:
        last = when.date + "-12-31"
    elif len(when.date) == 7:
        year, month = int(when.date[:4]), int(when.date[5:7])
        last = f"{when.date}-{calendar.monthrange(year, month)[1]:02d}"
    else:
        last = when.date
    try:
        gap = datetime.date.fromisoformat(published[:10]) - datetime.date.fromisoformat(last[:10])
    except ValueError:
        return False
    return gap.days > _history_days()


@functools.cache
def _background_cues() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    raw = load_lexicon("where_when")["background_cues"]
    return (frozenset(w.lower() for w in raw["adverbs"]),
            frozenset((p.lower(), n.lower()) for p, n in raw["bare_phrases"]))


def _background_cue(token) -> bool:
    """A cue placing the act before the news modifies it, the verb its infinitive hangs on, or the verb of an act
    noun's clause (where_when.yml ``background_cues``: "has in the past rejected", "had promised to open its markets
    in the past", "have been targets for air strikes in the past")."""
    adverbs, phrases = _background_cues()
    verbs = [token]
    if token.pos_ == "NOUN":  # "have been targets for Iraqi air strikes in the past": the clause's verb
        verbs += [next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)]
    for verb in verbs:  # the act, the infinitives and coordinated verbs it governs
        verbs.extend(c for c in verb.children if c.dep_ in ("xcomp", "conj") and c.pos_ in ("VERB", "AUX"))
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "advmod" and child.lower_ in adverbs:
                return True
            if child.dep_ == "prep":
                for noun in child.children:
                    if (noun.dep_ == "pobj" and (child.lower_, noun.lower_) in phrases
                            and [c.lower_ for c in noun.children] == ["the"]):
                        return True
    return False


@functools.cache
def _history_days() -> int:
    return int(load_lexicon("where_when")["history_days"])


def _own_date(token, when: DateResolution, triggers: set[int]) -> bool:
    """The date expression belongs to this trigger: the first event word above it in the parse is this one
    ("talks with Kohl ahead of her visit to Moscow next week": next week is the visit's, not the talks')."""
    sent = token.sent
    start = sent.text.find(when.text) if when.text else -1
    if start < 0:
        return False
    span = token.doc.char_span(sent.start_char + start, sent.start_char + start + len(when.text),
                               alignment_mode="expand")  # (doc offsets: a Span's char_span counts from its start)
    if span is None:
        return False
    own = {token.i}
    if token.pos_ == "NOUN" and token.head.i not in triggers:
        own.add(token.head.i)  # "hold talks next week": the light verb's date is its noun's
    if token.dep_ == "advcl" and token.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "mark") for c in token.children):
        own.add(token.head.i)  # "nationalised the banks in 1982, accusing them of ...": a participle shares its time
    if span.root.dep_ == "poss" and span.root.head.i not in own:
        return False  # "rejected a suggestion to delay next year's cut": the day owns the cut, not the rejection
    if span.root.head.lower_ == "since":
        return False  # "has been fighting since 1976": when it began, not when it is told to happen
    for above in span.root.ancestors:
        if above.i in triggers or above.i in own:
            return above.i in own
    # no event word above the date: it is the trigger's when the word it hangs from governs the trigger with
    # no other event word between ("Raimond, due here tomorrow for his visit to the UAE")
    attached = span.root.head
    if attached.i == span.root.i:
        return False
    for above in token.ancestors:
        if above.i == attached.i:
            return True
        if above.i in triggers:
            return False
    return False


def event_place(candidate) -> Place | None:
    """The place of a (merged) event: the one most of its mentions name, the finer on a tie
    ("met ... amid anger in Moscow", "the meeting in Rome", "met with Lavrov ... in Rome" -> Rome);
    a domestic event with no stated place happens in its participants' country."""
    if candidate.where:
        rank = {"city": 3, "region": 2, "country": 1}
        votes: dict[object, list[Place]] = {}
        for place in candidate.where:
            votes.setdefault(place.geonameid or (place.name, place.country), []).append(place)
        best = max(votes.values(), key=lambda ps: (len(ps), rank.get(ps[0].precision or "", 0)))
        return best[0]
    if candidate.event_type in where_when_rules()[0]:
        home = _home_country(candidate.actors, candidate.recipients)
        if home:
            return country_place(home)
    return None


def _span(d: DateResolution) -> tuple[str, str]:
    """The first and last day a resolved date covers, as ISO strings ("1986" -> 1986-01-01 .. 1986-12-31)."""
    first = d.earliest or {4: d.date + "-01-01", 7: d.date + "-01"}.get(len(d.date), d.date)
    last = d.latest or {4: d.date + "-12-31", 7: d.date + "-31"}.get(len(d.date), d.date)
    return first[:10], last[:10]


def dates_apart(a: DateResolution | None, b: DateResolution | None) -> bool:
    """Two stated dates that share no day ("in June" and "last year" in a story of April 1987)."""
    if a is None or b is None or not a.date or not b.date or not a.stated or not b.stated:
        return False
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return a1 < b0 or b1 < a0


def better_date(a: DateResolution | None, b: DateResolution | None) -> DateResolution | None:
    """The more informative of two mentions' dates (a stated, resolved, finer one wins)."""
    rank = {"day": 3, "month": 2, "year": 1, "unknown": 0}

    def score(d: DateResolution | None) -> tuple:
        if d is None:
            return (-1, -1)
        return (1 if d.date else 0, rank.get(d.precision, 0))

    return b if score(b) > score(a) else a


