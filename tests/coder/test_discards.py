"""Company news is no political event (eventwire/coder/discards.py), on events written for the test."""
from __future__ import annotations

import pytest

from eventwire.coder import code_text
from eventwire.coder.discards import discard_rules, drop_company_news, is_business, is_company_news
from eventwire.schema import Entity, Event, Evidence


def event(kind, actors, recipients=()):
    return Event(article_id="a", event_type=kind, evidence=Evidence("s", 0, 1), actors=list(actors),
                 recipients=list(recipients))


FIRM = Entity(text="Acme Widgets Inc", name="Acme Widgets Inc", country=None, sector=None)
COMPANY = Entity(text="the company", name="company", country=None, sector="BUS")


def test_the_settings_are_there():
    rules = discard_rules()
    assert {"BUS", "MNC"} <= set(rules["business_sectors"]) and "inc" in rules["company_suffixes"]


def test_a_firm_agreeing_to_something_is_company_news():
    assert is_business(FIRM) and is_business(COMPANY)
    assert is_company_news(event("AGREE", [FIRM, COMPANY]))
    assert drop_company_news([event("AGREE", [FIRM])]) == []


def test_a_state_on_either_side_keeps_the_event():
    france = Entity(text="France", name="France", country="FRA", sector=None)
    ministry = Entity(text="the ministry", name=None, country=None, sector="GOV")
    eu = Entity(text="the EU", name="European Union", country="EUR", sector=None)
    for other in (france, ministry, eu):
        assert not is_company_news(event("AGREE", [FIRM], [other]))
    assert not is_company_news(event("SANCTION", [france], [FIRM]))  # a government acting on a firm


def test_unions_and_people_are_not_firms():
    union = Entity(text="the union", name="union", country=None, sector="LAB")
    assert not is_company_news(event("PROTEST", [union]))
    assert not is_company_news(event("PROTEST", [Entity(text="workers", name=None, country=None, sector="CVL")]))


@pytest.mark.slow
def test_a_company_announcement_yields_no_event(nlp):
    text = ("Acme Widgets Inc said on Monday it will offer a new satellite service to shipping lines.\n\n"
            "The company said it agreed to buy two satellites next year.")
    assert code_text(text, nlp=nlp) == []
