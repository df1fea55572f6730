"""Assembly: evidence offsets, one event per real event, recoding, confidence."""
from __future__ import annotations

import pytest

from eventwire.coder import code_doc, code_text
from eventwire.coder.coder import code_events
from tests.coder.coded import coded_for

TEXT = (
    "Kenya and Uganda held talks in Nairobi on Monday.\n\n"
    "The talks between the two countries lasted four hours.\n\n"
    "Rebels attacked a police post in the north, killing 3 officers.\n\n"
    "Ghana said it would attack the rebel camps.\n\n"
    "Norway agreed to send aid to Sudan."
)


@pytest.fixture(scope="module")
def events(nlp):
    return code_text(TEXT, nlp=nlp, article_id="a1")


@pytest.mark.slow
def test_evidence_offsets_point_into_the_text(events):
    assert events
    for e in events:
        assert TEXT[e.evidence.start:e.evidence.end] == e.evidence.sentence
        assert "\n\n" not in e.evidence.sentence
        for m in e.mentions:
            assert m["article_id"] == "a1" and 0 <= m["start"] < m["end"] <= len(TEXT)


@pytest.mark.slow
def test_repeated_mentions_are_one_event(events):
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert len(consult) == 1
    assert len(consult[0].mentions) == 2


@pytest.mark.slow
def test_quantities_attach_to_the_assault(events):
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assault) == 1 and assault[0].quantities["killed"] == 3


@pytest.mark.slow
def test_announced_attack_is_a_threat(events):
    threats = [e for e in events if e.event_type == "THREATEN"]
    assert len(threats) == 1 and threats[0].factuality == "asserted" and threats[0].mode == "violence"


@pytest.mark.slow
def test_governing_trigger_outranks_what_it_governs(events):
    agree = next(e for e in events if e.event_type == "AGREE")
    aid = [e for e in events if e.event_type == "AID"]
    assert all(agree.confidence > a.confidence for a in aid)
    assert all(a.factuality == "future" for a in aid)


@pytest.mark.slow
def test_confidence_is_in_range_and_ids_unique(events):
    assert all(0 < e.confidence < 1 for e in events)
    assert len({e.id for e in events}) == len(events)


@pytest.mark.slow
def test_separate_events_stay_separate(nlp):
    events = code_text("Macron visited Romania on Monday. Macron visited Japan on Friday.", nlp=nlp)
    assert len([e for e in events if e.event_type == "CONSULT"]) == 2


@pytest.mark.slow
def test_code_doc_with_a_custom_resolver(nlp):
    from eventwire.coder.entities import PlainResolver

    doc = nlp("Chad expelled the French ambassador.")
    events = code_doc(doc, article_id="x", resolver=PlainResolver(doc))
    assert [(e.event_type, e.actors[0].text) for e in events] == [("SANCTION", "Chad")]
    assert events[0].actors[0].country is None


@pytest.mark.slow
def test_unattributed_events_are_kept_only_on_request(nlp):
    doc = nlp("An explosion was heard.")
    assert code_events(doc, article_id="x") == []
    assert [e.event_type for e in code_events(doc, article_id="x", keep_unattributed=True)] == ["ASSAULT"]


@pytest.mark.slow
def test_empty_text(nlp):
    assert code_text("", nlp=nlp) == []


@pytest.mark.slow
def test_amount_object_of_light_verb_carries_the_aid(nlp):
    events = code_text("The European Union sent €50 million in humanitarian aid to Sudan on Wednesday.",
                       nlp=nlp, published="2025-03-14")
    aid = [e for e in events if e.event_type == "AID"]
    assert aid, events
    assert aid[0].actors[0].country == "EUR" and aid[0].recipients[0].country == "SDN"
    assert aid[0].quantities["money"] == [{"amount": 50_000_000, "currency": "EUR", "text": "€50 million"}]
    assert aid[0].date == "2025-03-12" and aid[0].date_precision == "day"


@pytest.mark.slow
def test_where_and_when_of_domestic_and_announced_events(nlp):
    events = code_text("Ukraine announced on Friday it would bolster its army next year by conscripting another "
                       "40,000 soldiers.", nlp=nlp, published="2014-12-14")
    mob = [e for e in events if e.event_type == "MOBILIZE"][0]
    assert mob.date == "2014-12-12" and mob.factuality == "future"
    assert mob.location is not None and mob.location.country == "UKR" and mob.location.precision == "country"
    talk = code_text("Kerry met Lavrov.", nlp=nlp, published="2014-12-14")[0]
    assert talk.location is None and talk.date is None  # nothing stated: nothing invented


@pytest.mark.slow
def test_ethnic_group_takes_the_country_where_the_text_places_the_event(nlp):
    placed = code_text("Up to 300 ethnic Hungarians demonstrated in Romania on Monday.", nlp=nlp)
    assert [a.country for e in placed for a in e.actors if "Hungarians" in a.text] == ["ROU"]
    unplaced = code_text("Ethnic Hungarians demonstrated on Monday.", nlp=nlp)
    assert all(a.country is None for e in unplaced for a in e.actors)


@pytest.mark.slow
def test_passive_arrest_of_counted_people_is_kept(nlp):
    events = code_text("About 35 persons were arrested in the town.", nlp=nlp)
    assert [(e.event_type, e.quantities["arrested"]) for e in events] == [("COERCE", 35)]


@pytest.mark.slow
def test_police_firing_gives_the_police_and_the_deaths(nlp):
    events = code_text("Two protesters were killed in police firing on Sunday.", nlp=nlp)
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and any(a.sector == "COP" for a in assault[0].actors) and assault[0].quantities["killed"] == 2


@pytest.mark.slow
def test_governing_event_takes_the_recipient_of_the_act_it_governs(nlp):
    events = code_text("Iran threatened to cut off electricity to Armenia.", nlp=nlp)
    threat = next(e for e in events if e.event_type == "THREATEN")
    assert [r.country for r in threat.recipients] == ["ARM"]


@pytest.mark.slow
def test_a_date_is_not_a_recipient(nlp):
    events = code_text("China on Tuesday demanded that Japan cancel the arms sale.", nlp=nlp)
    demand = next(e for e in events if e.event_type == "REQUEST")
    assert [r.country for r in demand.recipients] == ["JPN"]


@pytest.mark.slow
def test_a_definite_mention_points_back_whatever_its_clause(nlp):
    """"the summit" in a later sentence is the summit already told, though its own clause is negated."""
    from eventwire.coder import code_text
    events = code_text("Kenya and Uganda will hold a summit in Nairobi next week, sources said.\n\n"
                       "The sources did not comment on reports that the presidents would attend the summit.", nlp=nlp)
    assert [(e.event_type, e.factuality, len(e.mentions)) for e in events] == [("CONSULT", "future", 2)]
    apart = code_text("Kenya and Uganda held talks in Nairobi on Monday.\n\n"
                      "Egypt and Sudan did not hold the talks planned for Cairo.", nlp=nlp)
    assert sorted((e.factuality, e.actors[0].country) for e in apart) == [("asserted", "KEN"), ("negated", "EGY")]


@pytest.mark.slow
def test_an_act_told_as_done_through_a_pointing_back_noun_was_done(nlp):
    """"the raids" points back to the threatened raids; told as killing people, the raids happened, and the
    killing in that sentence is theirs (Syria's), not its place's."""
    from eventwire.coder import code_text
    events = code_text("Syria threatened to launch air raids on rebel towns on Monday.\n\n"
                       "The raids killed five villagers in Hama, the radio said.", nlp=nlp)
    raids = [e for e in events if e.event_type == "ASSAULT"]
    assert [(e.factuality, [a.country for a in e.actors], e.quantities.get("killed")) for e in raids] == [
        ("asserted", ["SYR"], 5)]
    denied = code_text("Syria threatened to launch air raids on rebel towns on Monday.\n\n"
                       "The rebels did not comment on the raids.", nlp=nlp)
    assert [e.factuality for e in denied if e.event_type == "ASSAULT"] == ["hypothetical"]
    # a mention that tells nothing of whether it happened leaves the event as first told
    before = code_text("Kohl's visit to Paris is planned for next month.\n\n"
                       "Aides prepared the agenda before the visit.", nlp=nlp)
    assert [e.factuality for e in before if e.event_type == "CONSULT"] == ["future"]


@pytest.mark.slow
def test_a_named_person_is_not_the_state_in_the_words_hung_on_the_name(nlp):
    """The parser hangs "of West German monetary policy" on the critic's name: the critic is not West Germany."""
    from eventwire.coder import code_text
    events = code_text("The mark rose on criticism by Jim Walton of West German monetary policy.", nlp=nlp)
    critic = [a for e in events if e.event_type == "ACCUSE" for a in e.actors]
    assert critic and all(a.country != "DEU" for a in critic)


@pytest.mark.slow
@pytest.mark.parametrize("before", ["", "Rain fell in the capital. "])  # the first sentence of a story, or a later one
def test_an_act_dated_after_the_report_is_still_to_come(nlp, before):
    def facts(text):
        return [(e.trigger, e.factuality) for e in code_text(before + text, nlp=nlp, published="1987-06-10")]
    assert ("talks", "future") in facts("The ministers hold talks in Geneva next week.")
    assert ("talks", "asserted") in facts("The ministers held talks in Geneva last week.")
    # next week is the protest's, not the arrest's; next year owns the cut, not the rejection
    assert ("arrested", "asserted") in facts("Police arrested two students ahead of a protest in the capital "
                                             "next week.")
    assert ("rejected", "asserted") in facts("The official rejected a call by the senator to delay next year's "
                                             "cut in tax rates.")


@pytest.mark.slow
def test_mentions_each_dated_apart_are_two_events(nlp):
    """A pointing-back noun with a date of its own that shares no day with the event told before is another
    event ("the Venice summit in June ... the Tokyo summit last year")."""
    events = code_text("Leaders of the seven nations will meet at the Venice summit in June. The farm problem was "
                       "ignored until Canada raised it last year at the Tokyo summit.", nlp=nlp, published="1987-04-02")
    assert sorted((e.event_type, e.factuality, e.date) for e in events) == [
        ("CONSULT", "asserted", "1986"), ("CONSULT", "future", "1987-06")]


@pytest.mark.slow
def test_what_a_rejection_rejects_is_its_content_not_another_event(nlp):
    """A negated act under a REJECT lends it its recipient and is not coded on its own."""
    coded = code_text("Israel refused to pull out of Lebanon.", nlp=nlp)
    assert [e.event_type for e in coded] == ["REJECT"]
    assert [r.country for r in coded[0].recipients] == ["LBN"]


@pytest.mark.slow
@pytest.mark.parametrize("sentence, recipient", [
    ("Chile broke off negotiations with Peru.", "PER"),
    ("Israel suspended talks with the Palestinians.", "PSE"),
])
def test_halted_talks_are_a_sanction_not_a_negated_meeting(nlp, sentence, recipient):
    coded = code_text(sentence, nlp=nlp)
    assert [(e.event_type, [r.country for r in e.recipients]) for e in coded] == [("SANCTION", [recipient])]


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger, factuality", [
    # a promised response is a threat made, its "not" undone by "without" ...
    ('"We will not leave this without a response," the Iranian minister said.', "response", "asserted"),
    # ... but no response promised is none
    ('Fitzwater said, "We won\'t have any comment or response to the Iranian statements."', "response", "negated"),
    # a retaliation someone aims to bring about is no threat made, a conditional one is
    ("The growers will seek to have the government retaliate against Chilean imports.", "retaliate", "hypothetical"),
    ("The defence minister said the army would retaliate if attacked.", "retaliate", "asserted"),
])
def test_a_response_promised_is_a_threat_and_none_promised_or_aimed_at_is_none(nlp, sentence, trigger, factuality):
    threats = [e for e in code_text(sentence, nlp=nlp) if e.trigger == trigger]
    assert [e.factuality for e in threats] == [factuality]



@pytest.mark.slow
@pytest.mark.parametrize("text, kept", [
    # an act the story dates more than a year before it is background it recalls, not its news
    ("In 1982, Argentine troops invaded the Falkland Islands.", False),
    ("In March 1985 Iraqi jets bombed the oil terminal.", False),
    # a participle with no subject of its own shares its verb's date
    ("In 1982 Iraqi jets bombed the terminal, accusing Iran of aggression.", False),
    # the story's own news, last year's included, stays; a date that is another event's does not count
    ("Argentine troops invaded the islands on Friday.", True),
    ("Last year Iraqi jets bombed the oil terminal.", True),
    ("Iran, which invaded Iraq in 1982, rejected the peace plan on Monday.", True),
    ("Argentina accused Britain on Friday, after invading the islands in 1982.", True),
    # "since" dates when it began: it goes on
    ("The rebels have been fighting the Angolan government since 1976.", True),
    # undated, but told as what was done before the news or as a standing habit
    ("Argentina has in the past rejected any talks on the islands.", False),
    ("A senator said Argentina had promised to open its markets and reject the tariffs in the past.", False),
    ("Iraqi jets previously bombed the oil terminal.", False),
    ("Argentina traditionally rejects British proposals on the islands.", False),
    # the recent past is news
    ("Argentina has rejected three British proposals in the past week.", True),
    ("Iraqi jets bombed the oil terminal in the past.", False),
    ("The Iranian oilfields have been targets for Iraqi air strikes in the past.", False),
])
@pytest.mark.parametrize("before", ["", "Rain fell in the capital. "])  # the first sentence of a story, or a later one
def test_history_the_story_recalls_is_no_event(nlp, text, kept, before):
    events = code_text(before + text, nlp=nlp, published="1987-06-10")
    assert bool([e for e in events if e.event_type in ("ASSAULT", "REJECT", "ACCUSE")]) is kept


@pytest.mark.slow
def test_history_does_not_merge_with_the_news_beside_it(nlp):
    text = ("Rain fell. The oilfields have been targets for Iraqi air strikes in the past, but Iraq had not reported "
            "the latest attack on the Iranian rigs.")
    events = code_text(text, nlp=nlp, published="1987-06-10")
    assert [e.trigger for e in events if e.event_type == "ASSAULT"] == ["attack"]


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # the clause has a subject of its own, which names no one the resolver knows
    ("The Asahi Shimbun said 31 of the 47 prefectural assemblies had so far opposed the tax.", "Asahi Shimbun"),
    # a third party reports, it does not act
    ("Nigeria and Britain signed a debt accord in the first of an expected series of such talks, government "
     "sources said.", "sources"),
    ("The talks will resume in May, the newspaper Pravda said.", "Pravda"),
])
def test_a_reporter_or_a_clause_with_its_own_subject_gives_no_speaker_actor(text, speaker, nlp):
    events = code_text(text, nlp=nlp)
    assert not any(speaker in a.text for e in events for a in e.actors)


@pytest.mark.slow
def test_a_reported_act_with_no_participant_is_its_speakers(nlp):
    events = code_text('"We will not leave this without a response," the minister said.', nlp=nlp)
    assert any(a.text == "the minister" for e in events for a in e.actors)


@pytest.mark.slow
def test_a_passive_act_is_not_its_reporters(nlp):
    # a passive names its doer only by "by": the tax allowances were not granted by the spokesman
    events = code_text("The spokesman said the cost would be financed by changes to the tax allowances currently "
                       "granted.", nlp=nlp)
    assert not any("spokesman" in a.text for e in events for a in e.actors)


@pytest.mark.slow
def test_a_pointing_back_noun_keeps_the_sense_its_word_first_had(nlp):
    # one sense per discourse: the attack told again is the criticism, not an assault
    events = code_text("The United States has openly attacked Japan's tight-fisted fiscal policy for the first time, "
                       "officials said. The U.S. attack represents a distinct shift by the Reagan administration, "
                       "diplomats said.", nlp=nlp)
    assert [e.event_type for e in events] == ["ACCUSE"] and len(events[0].mentions) == 2
    # an attack told again after an assault stays the assault
    events = code_text("Iraqi jets attacked an Iranian oil terminal on Monday. The attack set two tankers on fire.",
                       nlp=nlp)
    assert {e.event_type for e in events} == {"ASSAULT"}


@pytest.mark.slow
def test_two_mentions_of_one_person_are_one_participant(nlp):
    # the visit told twice merges; "Arata" and "Kenji Arata" name one person, listed once
    visits = coded_for(nlp, "Party chairman Kenji Arata explained the plan to British officials when he visited "
                       "Britain on May 3. Arata's visit was meant to prepare the way for a new trade accord.", "visited")
    names = [a.name for e in visits for a in e.actors]
    assert names == ["Kenji Arata"]
