"""What every dictionary file shares: the settings (cameo.yml), spaCy tokens, names, dates and CAMEO codes."""
from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
_DATE = re.compile(r"^\d{6}$|^\d{8}$")


@functools.cache
def settings() -> dict:
    with (HERE / "cameo.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def tokens(text: str) -> str:
    """The lower-cased spaCy tokens of ``text``, space-joined (how a compiled form is matched)."""
    return " ".join(t.lower_ for t in _tokenizer()(text) if not t.is_space)


def display(phrase: str) -> str:
    """``BARACK_OBAMA_`` -> ``Barack Obama``; a leading ``THE_`` is dropped (the resolver reads determiners)."""
    words = [w for w in phrase.strip().strip("_").split("_") if w]
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]
    return " ".join(w if any(c.islower() for c in w) else w.title() for w in words)


# ---------------------------------------------------------------------------- dates and codes
@dataclass
class Repairs:
    malformed_dates: list[str] = field(default_factory=list)
    closed_roles: int = 0
    skipped_entries: int = 0
    skipped_lines: int = 0


def parse_date(raw: str, repairs: Repairs, where: str) -> str | None:
    """``YYYYMMDD`` / ``YYMMDD`` -> ``YYYY-MM-DD`` (two-digit years 00-30 are 20YY); malformed -> None + warning."""
    raw = raw.strip()
    if _DATE.match(raw):
        if len(raw) == 6:
            yy = int(raw[:2])
            raw = f"{2000 + yy if yy <= 30 else 1900 + yy}{raw[2:]}"
        try:
            return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()
        except ValueError:
            pass
    log.warning("dictionaries: malformed date %r dropped (%s)", raw, where)
    repairs.malformed_dates.append(f"{raw} ({where})")
    return None


def map_code(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code -> (contract country code, PLOVER sector)."""
    cfg = settings()
    code = code.strip().upper()
    head, rest = code[:3], code[3:]
    country: str | None
    if head in cfg["international"]:
        country = cfg["international"][head]
        if head == "IGO":
            country = next((v for k, v in cfg["igo_subcodes"].items() if rest.startswith(k)), "IGO")
        return country, cfg["international_sectors"].get(head)  # what follows names the body, not a sector
    elif head in cfg["sectors"] and len(code) == 3:  # "[ELI]", "[GOV]": a role without a country
        return None, cfg["sectors"][head] or None
    elif head in cfg["regions"]:
        country = head
    elif head in cfg["countries"]:
        country = cfg["countries"][head]
    elif head in _iso_codes():
        country = head
    else:
        country = None
    sector = None
    for i in range(0, len(rest), 3):
        part = rest[i:i + 3]
        if part in cfg["sectors"]:
            sector = cfg["sectors"][part] or None
            break
    return country, sector


@functools.cache
def _iso_codes() -> frozenset[str]:
    from eventwire.resolve.actor_gazetteers import country_names

    return frozenset(country_names())
