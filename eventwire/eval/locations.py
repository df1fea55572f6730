"""Place-name resolution and event locations on the PLOVER dev sentences and the sample page.

Two figures, both over place names a human coder wrote down:

* ``name_resolution``: the gold place name, found in the sentence and resolved on its own
  (``resolve.places.PlaceResolver.place_for_span``), gets coordinates and — where the gold
  gives one — the right country;
* ``event_location``: the top event's location (what the coder writes into the record) is
  the gold place: same name (or one contains the other, "West Bank" / "the West Bank").
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def iso3(code: str | None) -> str | None:
    """A two- or three-letter country code as ISO alpha-3."""
    if not code:
        return None
    import pycountry

    code = code.strip().upper()
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return country.alpha_3 if country else code


def resolve_name(doc, name: str, *, dateline: str | None = None):
    """The Place the resolver gives the first occurrence of ``name`` in the doc, or None."""
    from eventwire.resolve.places import PlaceResolver

    start = doc.text.find(name)
    if start < 0:
        return None
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    return PlaceResolver(doc, dateline=dateline).place_for_span(span) if span is not None else None


def name_resolved(place, *, country: str | None) -> bool:
    return place is not None and place.lat is not None and (country is None or place.country == country)


def same_place(predicted, gold_name: str) -> bool:
    if predicted is None or not predicted.name:
        return False
    a, b = predicted.name.casefold(), gold_name.casefold().removeprefix("the ")
    return a == b or a in b or b in a


def score_locations(items: list[dict]) -> dict:
    """items: {name, country, resolved (Place|None), event_location (Place|None)} per gold place."""
    resolved = [name_resolved(i["resolved"], country=i.get("country")) for i in items]
    located = [same_place(i["event_location"], i["name"]) for i in items if "event_location" in i]
    out = {
        "n": len(items),
        "name_resolution": round(sum(resolved) / len(resolved), 4) if resolved else None,
        "misses": [i["name"] for i, ok in zip(items, resolved) if not ok][:20],
    }
    if located:
        out["event_location"] = round(sum(located) / len(located), 4)
    return out
