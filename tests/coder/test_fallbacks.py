"""Role fallbacks (eventwire/coder/fallbacks.py) on sentences written for the test: every example of
lexicon/fallbacks.yml, and the cases each rule must leave alone."""
from __future__ import annotations

import pytest

from eventwire.coder import code_text
from eventwire.coder.fallbacks import fallback_rules
from eventwire.coder.lexicons import load_lexicon

DATA = load_lexicon("fallbacks")
RECIPIENT_ROWS = [(key, row) for key in ("coordinated_object", "nested_target", "condition_target", "despite_target",
                                         "infinitive_goal",
                                         "leftover_actor")
                  for row in DATA[key]["examples"]]

pytestmark = pytest.mark.slow


def _events(nlp, text):
    return code_text(text, nlp=nlp)


def _by_trigger(events, word):
    return next((e for e in events if word.lower() in e.trigger.lower()), None)


def _texts(entities):
    return [e.text for e in entities]


def test_settings_load():
    rules = fallback_rules()
    assert rules.coordinated_types and rules.nested_depth > 0 and rules.leftover_types
    assert "against" in rules.nested_preps and rules.nested_preps["against"] is None
    assert {"if", "unless"} <= rules.condition_markers


@pytest.mark.parametrize("key,row", RECIPIENT_ROWS, ids=[f"{k}-{i}" for i, (k, _) in enumerate(RECIPIENT_ROWS)])
def test_example_gets_its_recipient(key, row, nlp):
    found = _by_trigger(_events(nlp, row["text"]), row["trigger"])
    assert found is not None, row
    if "recipient" in row:
        assert any(row["recipient"] in t for t in _texts(found.recipients)), (row, found.recipients)
    if "not_recipient" in row:
        assert not any(row["not_recipient"] in (r.country or "") + r.text for r in found.recipients), (row, found)


@pytest.mark.parametrize("row", DATA["self_directed"]["examples"])
def test_demand_on_oneself_is_no_request(row, nlp):
    assert not [e for e in _events(nlp, row["text"]) if e.event_type == "REQUEST"]


def test_modal_clause_subject_receives_the_request(nlp):
    events = _events(nlp, "Washington said Iran must release the hostages.")
    request = next(e for e in events if e.event_type == "REQUEST")
    assert [a.country for a in request.actors] == ["USA"]
    assert [r.country for r in request.recipients] == ["IRN"]
    release = next(e for e in events if e.trigger == "release")
    assert release.factuality == "hypothetical"  # what is demanded has not happened


def test_capitalised_us_is_the_country_not_the_pronoun(nlp):
    events = _events(nlp, "The summit concluded that the US must cut its emissions.")
    request = next(e for e in events if e.event_type == "REQUEST")
    assert [r.country for r in request.recipients] == ["USA"]


def test_leftover_state_outside_the_report_source(nlp):
    # the only other state is the one reporting: no recipient from it
    events = _events(nlp, "Rebels blocked the main road on Sunday, Kenyan officials said.")
    blocked = _by_trigger(events, "blocked")
    assert blocked is None or not any(r.country == "KEN" for r in blocked.recipients)


def test_leftover_needs_exactly_one_state(nlp):
    events = _events(nlp, "Chad mobilized its reservists as Sudan and Libya held talks.")
    mobilized = _by_trigger(events, "mobilized")
    assert mobilized is not None and not mobilized.recipients


def test_a_place_where_it_happens_is_no_party(nlp):
    events = _events(nlp, "Ghana rejected the proposal on Monday in Geneva.")
    rejected = _by_trigger(events, "rejected")
    assert rejected is not None and not any(r.country == "CHE" for r in rejected.recipients)


def test_who_a_time_phrase_names_is_no_party(nlp):
    # "during the visit of X" dates the act: the farmers' rally is not against the visitor
    events = _events(nlp, "Senegalese farmers staged a rally over bread prices during the visit of the French "
                          "president.")
    rally = _by_trigger(events, "rally")
    assert rally is not None and not any(r.country == "FRA" for r in rally.recipients)
    events = _events(nlp, "Senegalese farmers staged a rally over bread prices outside the French embassy.")
    rally = _by_trigger(events, "rally")
    assert rally is not None and [r.country for r in rally.recipients] == ["FRA"]


def test_own_state_only_as_an_organ(nlp):
    events = _events(nlp, "Senegalese farmers blocked roads to press their demands on the Senegalese government.")
    blocked = _by_trigger(events, "blocked")
    assert blocked is not None and [r.country for r in blocked.recipients] == ["SEN"]
    events = _events(nlp, "Senegalese farmers blocked roads across Senegal.")
    blocked = _by_trigger(events, "blocked")
    assert blocked is None or not blocked.recipients


def test_coordinated_verb_with_its_own_object_keeps_it(nlp):
    events = _events(nlp, "Police arrested the Malian students and seized their banners.")
    arrested = _by_trigger(events, "arrested")
    assert arrested is not None and "Malian" in " ".join(_texts(arrested.recipients))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Iran completed the deployment of Chinese-built missiles near the strait.",  # where a weapon was made
    "Police arrested an anti-Israel activist outside the embassy.",  # what a person is against
])
def test_an_affiliation_is_never_the_state_left_over(nlp, text):
    from eventwire.coder import code_text

    assert not [r for e in code_text(text, nlp=nlp) for r in e.recipients if r.country in ("CHN", "ISR")]


@pytest.mark.parametrize("text", ["U.S. destroyers attacked the platform 120 miles east of Bahrain.",
                                  "Iranian gunboats attacked a tanker off Kuwait."])
def test_a_country_measured_from_is_no_party(text, nlp):
    # reference_points: the act is not where the country is
    attack = next(e for e in _events(nlp, text) if e.event_type == "ASSAULT")
    assert attack.recipients == []


def test_a_city_measured_from_places_the_act_but_is_no_government(nlp):
    # a locative place target gives its country, never its capital's government (sector GOV)
    attack = next(e for e in _events(nlp, "Gunmen killed five people 30 km south of Baghdad.")
                  if e.event_type == "ASSAULT")
    assert {r.country for r in attack.recipients} == {"IRQ"}
    assert all(r.sector != "GOV" for r in attack.recipients)


def test_a_city_where_talks_were_held_is_no_party(nlp):
    # venue_heads: "the London talks" were held in London, not with Britain
    deplored = next(e for e in _events(nlp, "Colombian minister Cesar Gaviria deplored the failure of the London "
                                           "talks.") if e.event_type == "ACCUSE")
    assert "GBR" not in {r.country for r in deplored.recipients}


@pytest.mark.parametrize("text, doer, done_to", [
    ("Kenya asked Britain for new loans on Monday. France and Italy were also asked, officials said.", "KEN", "FRA"),
    ("Chile asked Peru to return the fishing boats. Ecuador was also asked, the ministry said.", "CHL", "ECU"),
])
def test_an_agentless_passive_said_also_is_done_by_the_doer_before(nlp, text, doer, done_to):
    """"X were also asked" repeats the act the sentence before told with its doer: the same doer, not the one
    asked before."""
    second = next(e for e in code_text(text, nlp=nlp) if any(r.country == done_to for r in e.recipients))
    assert [a.country for a in second.actors] == [doer]


@pytest.mark.parametrize("row", DATA["reported_forces"]["examples"])
def test_forces_a_state_reports_on_are_its_own(row, nlp):
    found = _by_trigger(_events(nlp, row["text"]), row["trigger"])
    troops = [a for a in found.actors if a.sector == "MIL"]
    assert [(a.country, a.origin) for a in troops] == [(row["actor_country"], "sentence")]


@pytest.mark.parametrize("text", [
    "Iraq said troops had killed 20 Iraqi civilians.",  # done to the speaker's own side: whose troops is open
    "The general said troops killed 12 rebels.",  # a person, not a state, reports
])
def test_forces_not_placed_by_their_reporter(nlp, text):
    found = _events(nlp, text)[0]
    assert [a.country for a in found.actors if a.sector == "MIL"] == [None]


def test_an_act_and_the_act_it_answers_are_two_events(nlp):
    events = _events(nlp, "U.S. warships destroyed an oil platform in response to a missile strike on a Kuwaiti "
                          "tanker.")
    destroyed, strike = _by_trigger(events, "destroyed"), _by_trigger(events, "strike")
    assert destroyed is not None and strike is not None and destroyed is not strike
    assert not any(r.country == "KWT" for r in destroyed.recipients)

