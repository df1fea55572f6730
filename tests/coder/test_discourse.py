"""Article-level participants (eventwire/coder/discourse.py) on events and articles written for the test."""
from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire.coder import code_text
from eventwire.coder.discourse import article_states, discourse_rules, fill_event, fill_from_article
from eventwire.schema import Entity, Event, Evidence


def state(name, code, sector=None):
    return Entity(text=name, name=name, country=code, sector=sector)


def event(kind, actors=(), recipients=(), start=100, confidence=0.9):
    return Event(article_id="a", event_type=kind, evidence=Evidence("s", start, start + 1),
                 actors=list(actors), recipients=list(recipients), confidence=confidence)


ZAF, ANC = state("South Africa", "ZAF"), Entity(text="the ANC", name="ANC", country=None, sector="OPP")
GBR, JPN = state("Britain", "GBR"), state("Japan", "JPN")


def test_every_setting_is_there():
    rules = discourse_rules()
    for key in ("min_sentences", "state_sectors", "lead_weight", "min_mentions", "directed_types"):
        assert key in rules


def test_the_government_is_the_articles_state_and_says_where_it_came_from():
    states = article_states([event("CONSULT", [ZAF], start=0), event("SUPPORT", [ZAF], start=50)], lead_end=10)
    assert states.ranked == ("ZAF",) and states.counts["ZAF"] == discourse_rules()["lead_weight"] + 1
    government = Entity(text="the government", name=None, country=None, sector="GOV")
    filled = fill_event(event("ACCUSE", [government], [ANC]), states)
    assert filled.actors[0].country == "ZAF" and filled.actors[0].origin == "article"
    assert filled.actors[0].to_dict()["from"] == "article" and "origin" not in filled.actors[0].to_dict()
    assert filled.recipients == [ANC]  # an opposition party is no state organ: left alone
    assert filled.confidence == 0.9  # the fitted confidence model weighs the provenance (test_confidence.py)


def test_a_missing_actor_is_the_state_not_on_the_other_side():
    states = article_states([event("ACCUSE", [GBR], [JPN], start=0), event("THREATEN", [GBR], [JPN], start=40),
                             event("REJECT", [JPN], [GBR], start=80)], lead_end=10)
    assert states.leaders() == ("GBR", "JPN")
    filled = fill_event(event("REQUEST", [], [GBR]), states)
    assert [a.country for a in filled.actors] == ["JPN"] and filled.actors[0].origin == "article"
    # a directed event with no recipient in a two-state story: the other state ("Japan vows to retaliate")
    vows = fill_event(event("THREATEN", [JPN], []), states)
    assert [r.country for r in vows.recipients] == ["GBR"]
    # a meeting may have no recipient: not filled
    assert fill_event(event("CONSULT", [JPN], []), states).recipients == []


def test_a_protester_is_of_the_state_protested_against():
    bol, deu = state("Bolivia", "BOL"), state("West Germany", "DEU")
    states = article_states([event("CONSULT", [bol], [deu], start=0), event("CONSULT", [deu], [bol], start=40),
                             event("SUPPORT", [bol], [], start=80)], lead_end=10)
    assert states.leaders() == ("BOL", "DEU")
    leader = Entity(text="Lechin", name="Lechin", country=None, sector=None)
    government = state("the government", "BOL", "GOV")
    protest = fill_event(event("PROTEST", [leader], [government]), states)
    assert [a.country for a in protest.actors] == ["BOL"]  # not the visitor's state
    # other types are still filled with the leading state not on the other side
    demand = fill_event(event("REQUEST", [leader], [government]), states)
    assert [a.country for a in demand.actors] == ["DEU"]


def test_a_state_named_only_through_a_city_fills_by_its_own_name():
    # "Kohl would make no concessions in Venice": the article's Italy is a city; a filled actor is Italy, not Venice
    venice, kohl = state("Venice", "ITA"), state("Helmut Kohl", "DEU")
    states = article_states([event("CONCEDE", [kohl], [venice], start=0), event("CONSULT", [kohl], [venice], start=40),
                             event("SUPPORT", [venice], [], start=80)], lead_end=10)
    filled = fill_event(event("CONSULT", [], [kohl]), states)
    assert [(a.name, a.country, a.origin) for a in filled.actors] == [("Italy", "ITA", "article")]
    # a capital stands for its government ("Tokyo said"): it keeps its name
    tokyo = state("Tokyo", "JPN")
    states = article_states([event("ACCUSE", [tokyo], [GBR], start=0), event("REJECT", [tokyo], [GBR], start=40)],
                            lead_end=10)
    assert [a.name for a in fill_event(event("CONSULT", [], [GBR]), states).actors] == ["Tokyo"]
    # a state named only by what it modified is named by its own name ("a U.K. Suggestion")
    uk = Entity(text="a U.K. Suggestion", name="Suggestion", country="GBR")
    brazil = state("Brazil", "BRA")
    states = article_states([event("REJECT", [brazil], [uk], start=0), event("REJECT", [brazil], [uk], start=40)],
                            lead_end=10)
    assert [a.name for a in fill_event(event("REQUEST", [brazil], []), states).recipients] == ["United Kingdom"]


def test_a_state_named_only_through_a_titled_person_fills_by_its_own_name():
    # "Social Affairs Minister Louw de Graaf" (GOV, a name the gazetteers do not know) names the article's state;
    # a protest with no actor is not the minister's
    graaf = state("Graaf", "NLD", sector="GOV")
    employers = Entity(text="employers", name="employers", country=None, sector="BUS")
    states = article_states([event("RETREAT", [graaf], [], start=0), event("AGREE", [graaf], [], start=40)],
                            lead_end=10)
    filled = fill_event(event("PROTEST", [], [employers]), states)
    assert [(a.name, a.country) for a in filled.actors] == [("Netherlands", "NLD")]


def test_a_filled_participant_is_never_the_one_on_the_other_side():
    # strikes against "the government freeze", the article's only Yugoslav participant: the strikers are Yugoslav,
    # not that freeze
    freeze = state("the government freeze", "SRB", "GOV")
    states = article_states([event("PROTEST", [], [freeze], start=0)], lead_end=10)
    filled = fill_event(event("PROTEST", [], [freeze]), states)
    assert [(a.name, a.country) for a in filled.actors] == [("Serbia", "SRB")]


def test_nothing_is_filled_when_no_state_stands_out():
    fra, deu, ita = state("France", "FRA"), state("Germany", "DEU"), state("Italy", "ITA")
    states = article_states([event("CONSULT", [fra], [deu], start=0), event("CONSULT", [ita], [fra], start=50),
                             event("CONSULT", [deu], [ita], start=90)])
    assert states.leaders() == ()
    ministry = Entity(text="the ministry", name=None, country=None, sector="GOV")
    original = event("REQUEST", [ministry], [])
    assert fill_event(original, states) is original
    single = article_states([event("CONSULT", [fra], [], start=0)])
    assert single.leaders() == ()  # one mention is below min_mentions


def test_a_speaker_the_resolver_could_not_place_is_of_the_articles_state():
    assert discourse_rules()["fill_unplaced"] is True
    states = article_states([event("CONSULT", [ZAF], start=0), event("SUPPORT", [ZAF], start=50)], lead_end=10)
    surname = Entity(text="Mokoena", name="Mokoena", country=None, sector=None)
    filled = fill_event(event("REQUEST", [surname], []), states)
    assert filled.actors[0].country == "ZAF" and filled.actors[0].origin == "article"
    assert filled.actors[0].name == "Mokoena"  # the sentence's own name is kept
    firm = Entity(text="the bank", name="bank", country=None, sector="BUS")
    assert fill_event(event("REQUEST", [firm], []), states).actors == [firm]  # a firm is no state


def test_a_world_region_is_never_given_the_articles_state():
    states = article_states([event("CONSULT", [ZAF], start=0), event("SUPPORT", [ZAF], start=50)], lead_end=10)
    gulf = Entity(text="the Gulf", name="Gulf", country=None, sector=None)
    assert fill_event(event("CONSULT", [gulf], [GBR]), states).actors == [gulf]
    # an unplaced name that is no region is (fill_unplaced)
    assert fill_event(event("CONSULT", [replace(gulf, name="Gulfport")], [GBR]), states).actors[0].country == "ZAF"


def test_a_participant_of_unknown_side_is_never_given_the_articles_state():
    states = article_states([event("CONSULT", [ZAF], start=0), event("SUPPORT", [ZAF], start=50)], lead_end=10)
    jets = Entity(text="Unidentified jets", name="Unidentified jets", country=None, sector="MIL")
    filled = fill_event(event("ASSAULT", [jets], [GBR]), states)
    assert filled.actors == [jets]
    army = Entity(text="the army", name="army", country=None, sector="MIL")
    assert fill_event(event("ASSAULT", [army], [GBR]), states).actors[0].country == "ZAF"
    # one the report marks as from outside is no one's the article names
    other = Entity(text="a Western diplomat", name=None, country=None, sector="GOV")
    assert fill_event(event("ACCUSE", [other], [GBR]), states).actors == [other]
    # ... but a foreign minister is the article's own
    minister = Entity(text="the foreign minister", name=None, country=None, sector="GOV")
    assert fill_event(event("ACCUSE", [minister], [GBR]), states).actors[0].country == "ZAF"


def test_a_states_partners_are_never_given_the_articles_state():
    # "Pretoria's neighbours" are named by their relation to South Africa: whoever they are, not South Africa
    states = article_states([event("CONSULT", [ZAF], start=0), event("SUPPORT", [ZAF], start=50)], lead_end=10)
    neighbours = Entity(text="Pretoria's neighbours")
    assert fill_event(event("ACCUSE", [neighbours], [GBR]), states).actors == [neighbours]
    unknown = Entity(text="Mr Botha")  # a name the gazetteers do not know is still filled
    assert fill_event(event("ACCUSE", [unknown], [GBR]), states).actors[0].country == "ZAF"


def test_a_named_participant_is_never_overwritten():
    states = article_states([event("ACCUSE", [ZAF], start=0), event("ACCUSE", [ZAF], start=50)])
    ok = event("ACCUSE", [state("Namibia", "NAM", "GOV")], [ZAF])
    assert fill_event(ok, states) is ok


@pytest.mark.slow
def test_an_article_fills_the_government_of_a_later_sentence(nlp):
    text = ("South Africa's president met union leaders in Pretoria on Monday.\n\n"
            "South Africa also held talks with Botswana on Tuesday.\n\n"
            "The government blamed the ANC for the violence in the townships.")
    events = code_text(text, nlp=nlp)
    blame = [e for e in events if e.event_type == "ACCUSE"]
    assert blame and blame[0].actors[0].country == "ZAF" and blame[0].actors[0].origin == "article"
    # one sentence is no article: nothing is filled
    alone = code_text("The government blamed the ANC for the violence.", nlp=nlp)
    assert all(a.origin is None for e in alone for a in e.actors)
    assert fill_from_article(nlp("One sentence."), []) == []


def test_headline_states_in_capitals_and_in_order():
    from eventwire.coder.discourse import headline_states

    order, named = headline_states("CHILE, PERU CLASH OVER FISHING RIGHTS")
    assert order == ("CHL", "PER") and named["PER"].country == "PER"
    assert headline_states("Kenya and Uganda sign a border pact")[0] == ("KEN", "UGA")
    assert headline_states("STAFF STRIKE OVER PAY AND PENSIONS")[0] == ()
    # affair_nouns: a state that labels an affair takes no part in it
    assert headline_states("PAPER SAYS INDICTMENTS IN IRAN CASE EXPECTED")[0] == ()
    assert headline_states("U.S. PANELS AGREE ON IMMUNITY IN IRAN ARMS AFFAIR")[0] == ("USA",)
    assert headline_states("IRAN PROBERS AGREE ON IMMUNITY FOR POINDEXTER")[0] == ()
    assert headline_states("Congressional investigators of the Iran-contra scandal agreed")[0] == ()
    assert headline_states(None) == ((), {}) and headline_states("  ") == ((), {})


def test_a_headline_dyad_tips_the_story_into_a_dyad():
    events = [event("CONSULT", [GBR], start=50), event("THREATEN", [GBR], [], start=80),
              event("REQUEST", [JPN], [], start=120)]
    assert article_states(events).leaders() == ("GBR",)
    states = article_states(events, title="BRITAIN, JAPAN CLASH OVER STOCK MARKET ACCESS")
    assert states.headline == ("GBR", "JPN") and states.leaders() == ("GBR", "JPN")
    warned = fill_event(events[1], states)
    assert [r.country for r in warned.recipients] == ["JPN"] and warned.recipients[0].origin == "article"


def test_code_doc_reads_the_title(nlp):
    from eventwire.coder import code_doc

    text = ("The British minister warned of reprisals on Tuesday. Japanese officials rejected the British timetable. "
            "The British minister met the press in London.")
    with_title = code_doc(nlp(text), article_id="t", title="BRITAIN, JAPAN CLASH OVER STOCK MARKET ACCESS")
    warned = next(e for e in with_title if e.event_type == "THREATEN")
    assert [r.country for r in warned.recipients] == ["JPN"]
    without = code_doc(nlp(text), article_id="t")
    assert not next(e for e in without if e.event_type == "THREATEN").recipients


@pytest.mark.slow
def test_the_lead_sentences_subject_is_a_state_of_the_article(nlp):
    """News puts its main actor in the lead's subject, whether or not its verb is an event: "The United States
    made its proposals ..." makes the US the article's state, so a later act with no actor is the US's."""
    from eventwire.coder import code_doc
    from eventwire.coder.discourse import lead_subject_states

    text = ("The United States made its proposals for verifying a treaty on medium range missiles. "
            "A spokesman told reporters the proposals were made to the Soviet Union at arms control talks today.")
    doc = nlp(text)
    assert lead_subject_states(doc)[0] == ("USA",)
    talks = [e for e in code_doc(doc, article_id="t") if e.event_type == "CONSULT"]
    assert talks and talks[0].actors and talks[0].actors[0].country == "USA"
    assert talks[0].actors[0].origin == "article"


@pytest.mark.slow
def test_a_reported_leads_news_subject_is_a_state_of_the_article(nlp):
    """A lead that reports its news ("X has done Y, Z said") has its main actor in the reported clause: "Japan's
    ruling party" makes Japan the article's state, so a later "the government" is Japan's, not the visited
    state's."""
    from eventwire.coder.discourse import lead_subject_states

    text = ("Japan's ruling party has drawn up a plan to cut taxes, the head of its policy committee said. "
            "The party will explain the plan to American officials in Washington next week. "
            "The government had promised to increase aid to developing countries.")
    doc = nlp(text)
    assert lead_subject_states(doc)[0][:1] == ("JPN",)
    filled = [e for e in code_doc_of(doc) if e.actors and e.actors[0].text.lower() == "the government"]
    assert filled and filled[0].actors[0].country == "JPN"


def code_doc_of(doc):
    from eventwire.coder import code_doc

    return code_doc(doc, article_id="t")


def test_a_participant_beside_two_states_is_not_filled():
    """ "Baker, Stoltenberg and Poehl agreed": beside an American and a German, the unplaced third may be either's."""
    usa, jpn = state("United States", "USA"), state("Japan", "JPN")
    states = article_states([event("CONSULT", [usa]), event("CONSULT", [usa]), event("CONSULT", [usa, jpn])])
    poehl = Entity(text="Poehl")
    beside_two = fill_event(event("AGREE", [state("Baker", "USA", "GOV"), state("Stoltenberg", "DEU", "GOV"), poehl]),
                            states)
    assert beside_two.actors[2].country is None
    beside_one = fill_event(event("AGREE", [state("Baker", "USA", "GOV"), poehl]), states)
    assert beside_one.actors[1].country == "USA" and beside_one.actors[1].origin == "article"


@pytest.mark.slow
def test_a_digest_of_datelined_items_has_no_article_state(nlp):
    """A news digest strings unrelated stories together, each with its own dateline: no item's state fills
    another's participants."""
    # Syria leads the first two items: as one article, it would make the Ankara court Syrian
    digest = ("BEIRUT - Syrian troops attacked Palestinian positions near the camp. "
              "DAMASCUS - Syria accused Israel of shelling the border. "
              "ANKARA - A military court jailed a former deputy prime minister for eleven years. "
              "Syria denied the charges.")
    jailed = next(e for e in code_doc_of(nlp(digest)) if e.trigger == "jailed")
    assert not any(r.origin == "article" or r.country == "SYR" for r in jailed.recipients + jailed.actors)
    # as the wire sends it: paragraphs between separators, which the parser runs on into one sentence
    wire = ("Syrian troops attacked Palestinian positions near the camp, witnesses said.\n\n- - - -\n\n"
            "DAMASCUS - Syria accused Israel of shelling the border, officials said.\n\n- - - -\n\n"
            "ANKARA - A military court jailed a former deputy prime minister for eleven years.")
    assert _digest_of(nlp(wire))
    story = ("CAIRO - Egypt's opposition charged that the general election was rigged. "
             "The government said a military court jailed the opposition leader for eleven years. "
             "Egypt's government denied the charges.")
    assert not _digest_of(nlp(story))


def _digest_of(doc):
    from eventwire.coder.discourse import _digest

    return _digest(list(doc.sents))


def test_a_state_named_only_through_one_person_fills_by_its_own_name():
    """Someone else's act is not that person's: "Officials of several countries have been asked" in a story whose
    only French participant is a maize producers' president is France's, not his."""
    cazale = Entity(text="Marcel Cazale", name="Marcel Cazale", country="FRA")
    usa = state("United States", "USA")
    states = article_states([event("ACCUSE", [cazale], [usa]), event("ACCUSE", [cazale], [usa]),
                             event("SANCTION", [cazale])])
    filled = fill_event(event("CONSULT"), states)
    assert filled.actors and filled.actors[0].text == "France" and filled.actors[0].country == "FRA"
    # a capital stands for its government and keeps its name ("Tokyo said")
    tokyo = Entity(text="Tokyo", name="Tokyo", country="JPN")
    states = article_states([event("ACCUSE", [tokyo], [usa]), event("ACCUSE", [tokyo], [usa]),
                             event("SANCTION", [tokyo])])
    assert fill_event(event("CONSULT"), states).actors[0].text == "Tokyo"
