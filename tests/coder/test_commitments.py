"""What a commitment is, and whose a possessive in a reason is - on sentences written for the test."""
from __future__ import annotations

import pytest

from eventwire.coder import code_text

pytestmark = pytest.mark.slow


def _types(nlp, text, published=None):
    return {e.event_type: e for e in code_text(text, nlp=nlp, published=published)}


def test_a_narrated_past_intention_is_no_agreement(nlp):
    found = _types(nlp, "The Swedish foreign minister was planning to discuss the crisis with his Danish counterpart.")
    assert "AGREE" not in found and found["CONSULT"].factuality == "future"


@pytest.mark.parametrize("text", ["Sweden plans to discuss the crisis with Denmark.",
                                  "Sweden said it was planning to discuss the crisis with Denmark."])
def test_a_standing_or_announced_plan_is_a_commitment(nlp, text):
    assert "AGREE" in _types(nlp, text)


@pytest.mark.parametrize("text", [
    # told of the speaker by the writer, in the speaker's own subject: no pledge made in the speech
    "The minister, who will also be visiting Seoul next week, said trade was improving.",
    # the event is what a plan or a schedule has as its subject: a timetable, not a pledge
    "The minister said his visit to Seoul was planned well before the dispute.",
    # the future is said of a thing, which promises nothing
    "The minister said a Swedish aid programme would help along negotiations between Denmark and Norway.",
    # ... and so is it when a pronoun stands for the thing (the letter, not an agent noun however it ends)
    "The letter said that if the proposed meeting took place it would open the way for talks between Seoul and "
    "Pyongyang.",
    # the meeting "at" which the speaker will act is its occasion: the pledge is the act, not the meeting
    "The minister said he would make a strong plea for debt relief at the annual meeting of the Nordic Council.",
])
def test_a_future_act_the_speaker_does_not_announce_is_no_agreement(nlp, text):
    found = _types(nlp, text)
    assert "AGREE" not in found and found["CONSULT"].factuality == "future"


def test_what_the_speaker_says_he_will_do_is_still_a_pledge(nlp):
    assert "AGREE" in _types(nlp, "The minister said he will visit Seoul next week.")


@pytest.mark.parametrize("text, date", [
    ("The spokesman said on June 9 that the envoy would meet the Iraqi minister next week.", "1987-06-09"),
    ("The spokesman said the envoy would meet the Iraqi minister next week.", None),
])
def test_a_pledge_is_made_when_it_is_announced_not_when_it_is_due(nlp, text, date):
    """A reported future act re-coded as the pledge (AGREE) is dated by its announcement, not by the act it
    promises, and is no act still to come."""
    pledge = _types(nlp, "Rain fell in Baghdad. " + text, published="1987-06-10")["AGREE"]
    assert (pledge.factuality, pledge.date) == ("asserted", date)


@pytest.mark.parametrize("text, types", [
    ("The rebels said they were ready to attack the airport.", ["THREATEN"]),
    ("Iran is willing to retaliate against Kuwait.", ["THREATEN"]),
    ("The rebels are ready to lay down their weapons.", ["AGREE"]),
])
def test_readiness_for_a_threat_is_that_threat(nlp, text, types):
    """Ready for a hostile act, one threatens it; ready for a cooperative one, one agrees."""
    assert sorted(_types(nlp, text)) == types


@pytest.mark.parametrize("text, found", [
    # "will be prepared": the parser's VBN, lemma "prepare", is the readiness too
    ("The government will be prepared to retaliate if the bill passes.", [("THREATEN", "retaliate")]),
    ("Chile said it will be prepared to withdraw its troops from the border.", [("AGREE", "prepared")]),
    ("The rebels are ready to sign a peace agreement with the army.", [("AGREE", "ready")]),
])
def test_a_readiness_and_its_act_are_one_event(nlp, text, found):
    """Ready to act, one event: the threat, or the readiness to make an agreement or keep a pledge - not two."""
    assert [(e.event_type, e.trigger) for e in code_text(text, nlp=nlp)] == found


def test_a_pledge_of_money_is_aid_a_pledge_to_act_an_agreement(nlp):
    aid = _types(nlp, "Japan pledged 100 million dollars in aid to the Philippines on Friday.")["AID"]
    assert [a.country for a in aid.actors] == ["JPN"] and [r.country for r in aid.recipients] == ["PHL"]
    assert "AGREE" in _types(nlp, "The Kenyan minister promised to reform the police.")


def test_a_possessive_in_the_reason_is_the_one_blamed(nlp):
    found = _types(nlp, "The European Union imposed sanctions on Iran over its supply of drones.")
    assert [r.country for r in found["SANCTION"].recipients] == ["IRN"]
    assert all(a.country == "IRN" for a in found["AID"].actors)  # Iran supplies, not the EU
    renewed = _types(nlp, "The European Union renewed its sanctions on Belarus.")["SANCTION"]
    assert [a.country for a in renewed.actors] == ["EUR"]


def test_a_demand_made_by_a_protest_is_governed_by_it(nlp):
    # "staged" is lemmatised "stag" by the model: the light verb is found by its form too
    events = code_text("Opposition supporters staged a rally demanding the leader resign.", nlp=nlp)
    assert events and events[0].event_type == "PROTEST"
    assert max(events, key=lambda e: e.confidence).event_type == "PROTEST"
