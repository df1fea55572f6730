"""Labels, colours and tones for the codes the pages show (``vocabulary.yml``, loaded once)."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

VOCABULARY = Path(__file__).with_name("vocabulary.yml")


@functools.cache
def vocabulary() -> dict[str, Any]:
    with VOCABULARY.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def event_types() -> dict[str, dict[str, str]]:
    return vocabulary()["event_types"]


def tone_of(event_type: str) -> str | None:
    """"cooperation" or "conflict"; None for a type the vocabulary does not know."""
    entry = event_types().get(event_type)
    return entry["tone"] if entry else None


def sectors() -> dict[str, str]:
    return vocabulary()["sectors"]


@functools.cache
def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) for the country inputs: PLOVER's non-state codes, then ISO 3166-1 alpha-3 by name."""
    import pycountry

    iso = sorted(((c.alpha_3, getattr(c, "common_name", None) or c.name) for c in pycountry.countries),
                 key=lambda pair: pair[1])
    return tuple(vocabulary()["non_state_countries"].items()) + tuple(iso)
