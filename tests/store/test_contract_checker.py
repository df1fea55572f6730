"""The contract checker used by the store and export tests must catch what it claims to."""
from __future__ import annotations

import copy

import pytest

from tests.store.contract import contract_errors_article, contract_errors_event
from tests.store.factories import make_article, make_events

ARTICLE = make_article(11)
EVENT = make_events(ARTICLE, 1)[0].to_dict()


def _set(path: str, value):
    def mutate(d):
        *parents, last = path.split(".")
        for p in parents:
            d = d[int(p)] if p.isdigit() else d[p]
        d[int(last) if last.isdigit() else last] = value
    return mutate


def _drop(key: str):
    return lambda d: d.pop(key)


EVENT_BREAKAGES = {
    "missing evidence": _drop("evidence"),
    "unknown event type": _set("event_type", "INVADE"),
    "lower-case type": _set("event_type", "assault"),
    "empty-string mode": _set("mode", ""),
    "bad date": _set("date", "03/02/2024"),
    "date without precision": lambda d: d.update(date="2024-03-02", date_precision="year"),
    "null date with precision": lambda d: d.update(date=None, date_precision="day"),
    "factuality": _set("factuality", "likely"),
    "confidence above 1": _set("confidence", 1.5),
    "confidence as text": _set("confidence", "0.5"),
    "killed as text": _set("quantities.killed", "3"),
    "quantities lack troops": lambda d: d["quantities"].pop("troops"),
    "money not a list": _set("quantities.money", {}),
    "shifted evidence": lambda d: d["evidence"].update(start=d["evidence"]["start"] + 1),
    "actor country 2-letter": lambda d: d["actors"][0].update(country="US"),
    "actor without text": lambda d: d["actors"][0].pop("text"),
    "actors not a list": _set("actors", {}),
    "review status": _set("review", {"status": "maybe", "by": "x", "at": "y"}),
    "place precision": _set("location", {"name": "X", "country": "BRA", "admin1": None, "lat": 1.0,
                                          "lon": 2.0, "geonameid": 1, "precision": "street"}),
    "mention malformed": _set("mentions", [{"article_id": ARTICLE.id}]),
}


def test_valid_event_passes():
    assert contract_errors_event(EVENT, ARTICLE.text) == []


@pytest.mark.parametrize("name", sorted(EVENT_BREAKAGES))
def test_broken_event_is_caught(name):
    broken = copy.deepcopy(EVENT)
    EVENT_BREAKAGES[name](broken)
    assert contract_errors_event(broken, ARTICLE.text), name


@pytest.mark.parametrize("mutation", [
    _drop("text"), _set("published", "2024-3-1"), _set("title", ""), _set("id", None), _set("url", 5),
])
def test_broken_article_is_caught(mutation):
    broken = ARTICLE.to_dict()
    assert contract_errors_article(broken) == []
    mutation(broken)
    assert contract_errors_article(broken)
