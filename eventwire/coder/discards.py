"""Event discards: events a political event coder should not report (settings in discards.yml).

``is_company_news``: purely economic reporting yields no political event unless a state actor does
one of the 16 things.  An event whose actors are all businesses (a business sector, or a name ending in a
company word such as "Inc") and none of whose participants is a state, a state organ or an
intergovernmental body is company news, and ``drop_company_news`` leaves it out.  Everything else stays:
simply dropping uncertain events was measured to cost more real events than false ones.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ..schema import NON_STATE_CODES, Entity, Event

RULES_PATH = Path(__file__).with_name("discards.yml")
_WORD = re.compile(r"[\w&]+")


@functools.cache
def discard_rules() -> dict[str, Any]:
    with RULES_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def is_business(entity: Entity) -> bool:
    rules = discard_rules()
    if entity.sector in rules["business_sectors"]:
        return True
    words = _WORD.findall((entity.name or entity.text or "").casefold())
    return bool(words) and words[-1] in rules["company_suffixes"]


def is_state_side(entity: Entity) -> bool:
    """A state, one of its organs, or an intergovernmental body."""
    rules = discard_rules()
    if entity.country in rules["intergovernmental"] or entity.sector in rules["state_sectors"]:
        return True
    is_country = bool(entity.country) and entity.country not in NON_STATE_CODES
    return is_country and entity.sector is None and not is_business(entity)


def is_company_news(event: Event) -> bool:
    if not event.actors or not all(is_business(a) for a in event.actors):
        return False
    return not any(is_state_side(e) for e in (*event.actors, *event.recipients))


def drop_company_news(events: list[Event]) -> list[Event]:
    return [e for e in events if not is_company_news(e)]
