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


# ---------------------------------------------------------------- market words, economic stories, non-agents

def test_market_words_are_a_business_side():
    dealers = Entity(text="dealers", name=None, country=None, sector=None)
    shares = Entity(text="shares of the carmaker", name=None, country=None, sector=None)
    assert is_business(dealers) and is_business(shares)
    assert is_company_news(event("AGREE", [dealers]))
    # a market word placed in a country by the resolver is still no state side, but a country is kept apart
    assert not is_business(Entity(text="Kenya", name="Kenya", country="KEN", sector=None))
    assert not is_company_news(event("SANCTION", [Entity(text="Japan", name="Japan", country="JPN", sector=None)],
                                     [dealers]))


def test_market_nouns_and_terms_are_lists_of_words():
    rules = discard_rules()
    for key in ("market_nouns", "economic_terms", "political_nonstate_sectors", "material_types"):
        assert rules[key] and all(isinstance(w, str) and w == w.strip() for w in rules[key]), key
    assert {c["class"] for c in rules["non_agent_subjects"]} == {"texts", "occasions", "economic quantities",
                                                                 "natural forces", "accidents and outcomes", "matters",
                                                                 "policies"}


def test_background_in_an_economic_story_needs_a_state_or_a_political_group():
    from eventwire.coder.discards import is_background_in_economic_story
    unplaced = Entity(text="the dealers' association", name=None, country=None, sector=None)
    union = Entity(text="the dockers' union", name=None, country=None, sector="LAB")
    ministry = Entity(text="the ministry", name=None, country=None, sector="GOV")
    assert is_background_in_economic_story(event("AGREE", [unplaced]))
    assert not is_background_in_economic_story(event("PROTEST", [union]))
    assert not is_background_in_economic_story(event("AGREE", [unplaced], [ministry]))
    assert not is_background_in_economic_story(event("CONSULT", [], [unplaced]))  # who negotiates is unsaid


ECONOMIC = ("Prices of crude oil rose 3 pct on the market today.\n\n"
            "Dealers said the dollar gained against the yen as exports grew.\n\n"
            "The trade surplus reached 8 billion dlrs, the figures showed.\n\n"
            "The Shipowners Council agreed to cut freight rates by 5 pct.")
POLITICAL = ("Rebels attacked a police post in the north on Monday.\n\n"
             "The army said it sent troops to the region.\n\n"
             "The Shipowners Council agreed to help the displaced families.")


@pytest.mark.slow
def test_economic_story_is_told_by_its_vocabulary(nlp):
    from eventwire.coder.discards import economic_score, economic_story
    assert economic_story(nlp(ECONOMIC)) and economic_score(nlp(ECONOMIC)) >= 0.75
    assert not economic_story(nlp(POLITICAL))


@pytest.mark.slow
def test_non_state_background_is_dropped_only_in_an_economic_story(nlp):
    from eventwire.coder.discards import economic_story
    unplaced = Entity(text="The Shipowners Council", name=None, country=None, sector=None)
    agree = event("AGREE", [unplaced])
    assert drop_company_news([agree], nlp(ECONOMIC)) == [] and economic_story(nlp(ECONOMIC))
    assert drop_company_news([agree], nlp(POLITICAL)) == [agree]


def _trigger(doc, lemma):
    return next(t for t in doc if t.lemma_.lower() == lemma or t.lower_ == lemma)


@pytest.mark.slow
@pytest.mark.parametrize("text, lemma, kind, expected", [
    ("The Japanese plan responds to a new Soviet offer to cut missiles.", "respond", "THREATEN", True),
    ("Officials said the meeting would provide the ministers with a first chance to talk.", "provide", "AID", True),
    ("Higher prices violate the trade agreement, the commission said.", "violate", "REJECT", True),
    ("His peace plan was delivered to the governments of Iran and Iraq.", "deliver", "AID", True),
    ("The Kenyan government delivered its reply to the Ugandan envoy.", "deliver", "AID", True),
    # agents, and a meeting's own statement, act
    ("The United States delivered food aid to the refugees.", "deliver", "AID", False),
    ("The summit condemned the attack on the embassy.", "condemn", "ACCUSE", False),
    ("The report accused the army of torturing prisoners.", "accuse", "ACCUSE", False),
    ("The ministers provided the flood victims with tents.", "provide", "AID", False),
    ("Floods and landslides killed 40 people in the north last month.", "kill", "ASSAULT", True),
    ("The earthquake destroyed two hospitals.", "destroy", "ASSAULT", True),
    ("Reye's Syndrome, which kills a fifth of its victims, often follows influenza.", "kill", "ASSAULT", True),
    # a passive act caused by nature, however the cause is attached
    ("Fifty people were killed or injured in flooding in the south.", "kill", "ASSAULT", True),
    ("Two villages were destroyed by an avalanche.", "destroy", "ASSAULT", True),
    ("Aid was sent after an earthquake that killed up to 1,000 people.", "kill", "ASSAULT", True),
    ("Aid was sent after an attack that killed up to 1,000 people.", "kill", "ASSAULT", False),
    ("Ten people were killed or wounded in an attack in the north.", "kill", "ASSAULT", False),
    ("Gunmen and soldiers killed 40 people in the north last month.", "kill", "ASSAULT", False),
    # a modal of obligation asks its clause's subject to act: an economic quantity or a text cannot
    ("The minister said exports must double over the next five years.", "must", "REQUEST", True),
    ("Growth must increase ten pct a year, the premier said.", "must", "REQUEST", True),
    ("The envoy said the plan must be approved by parliament.", "must", "REQUEST", True),
    ("The envoy said the army must withdraw from the town.", "must", "REQUEST", False),
    ("The president said Kenya must tighten its belt.", "must", "REQUEST", False),
    # a thing no name or people noun makes a party is asked nothing; parties named by a generic noun are
    ("But tariffs must be renegotiated some day, the minister said.", "must", "REQUEST", True),
    ("The envoy said the two sides must return to the table.", "must", "REQUEST", False),
    ("The president said both countries must respect the border.", "must", "REQUEST", False),
    # a subjectless conjunct shares its first verb's subject, a copula's too; a relative clause describes its noun
    ("The governor said the flood situation was grave and must be watched closely.", "must", "REQUEST", True),
    ("The governor said the rebels were beaten and must surrender.", "must", "REQUEST", False),
    ("\"We want the fund to be trusted by those who must pay for it,\" the governor said.", "must", "REQUEST", True),
    # an observer's "must" is a judgement, not a demand by a party
    ("Peru must find new copper deposits to stay an exporter, mining sources say.", "must", "REQUEST", True),
    ("Ghana must cut its deficit, economists said.", "must", "REQUEST", True),
    # a verb conjoined to another without a subject of its own shares its subject
    ("Cheap imports had risen sharply and threaten to capture the market.", "threaten", "THREATEN", True),
    ("Sales of cheap steel have hurt producers and threaten thousands of jobs.", "threaten", "THREATEN", True),
    ("The rebels seized the town and threatened to kill the hostages.", "threaten", "THREATEN", False),
    # a copula shares no subject: what "were baseless" says of the reports is not who warned
    ("Iran said the reports were baseless, and warned the U.S. against any attack.", "warn", "THREATEN", False),
    # a matter has no members to speak for it
    ("Two major issues threaten to poison their trade relations next year.", "threaten", "THREATEN", True),
    ("The summit threatened sanctions against the junta.", "threaten", "THREATEN", False),
    # nor can an accident or an outcome
    ("A crash during a training flight near El Centro killed one of two crewmen.", "kill", "ASSAULT", True),
    ("The election results dealt a big blow to the Communist party.", "deal", "ACCUSE", True),
    # a change in an economic quantity cannot act either
    ("A continued rapid rise in wages would threaten the progress against inflation.", "threaten", "THREATEN", True),
    # what an accident did is nobody's act; a bomb is set off by someone
    ("The airliner crashed into a hillside, killing 80 passengers.", "kill", "ASSAULT", True),
    ("A bus plunged into a river gorge, killing 31 people.", "kill", "ASSAULT", True),
    ("The ferry capsized in a storm, drowning 40 people.", "drown", "ASSAULT", True),
    ("A bomb exploded in the market, killing five people.", "kill", "ASSAULT", False),
    ("Gunmen opened fire on the bus, killing 12 passengers.", "kill", "ASSAULT", False),
    # an infinitive's subject is the one of the verb it completes; a tax acts as little as a price
    ("The new levy is designed to provide the fund with extra cash.", "provide", "AID", True),
    ("The import tax is meant to punish the exporters.", "punish", "COERCE", True),
    ("The donors were asked to provide the refugees with tents.", "provide", "AID", False),
    # procedures and processes cannot act
    ("The new procedure will allow all parties to state their case.", "allow", "CONCEDE", True),
    # nor can a policy ("the deregulation will allow banks to ..."); its makers can
    ("The reform will allow foreign banks to open branches in Seoul.", "allow", "CONCEDE", True),
    ("The finance ministry will allow foreign banks to open branches in Seoul.", "allow", "CONCEDE", False),
    ("The new legislation would deny trade benefits to Romania.", "deny", "REJECT", True),
])
def test_a_subject_that_cannot_act(nlp, text, lemma, kind, expected):
    from eventwire.coder.discards import non_agent_subject
    assert non_agent_subject(_trigger(nlp(text), lemma), kind) is expected


@pytest.mark.slow
def test_non_agent_subjects_code_no_event(nlp):
    coded = code_text("Japanese officials said the meeting would provide the ministers with a first chance "
                      "to discuss the dollar.", nlp=nlp)
    assert "provide" not in [e.trigger for e in coded]
    assert code_text("His peace plan was delivered to the governments of Iran and Iraq last week.", nlp=nlp) == []
    kept = code_text("The Kenyan government delivered food aid to Uganda.", nlp=nlp)
    assert [e.event_type for e in kept] == ["AID"]


@pytest.mark.slow
@pytest.mark.parametrize("text, lemma, expected", [
    ("The ministers set a date to be agreed upon for the ceasefire.", "agree", True),
    ("The summit has a long list of issues to be discussed.", "discuss", True),
    ("The envoy listed the issues to be discussed by the two presidents.", "discuss", False),  # an agent acts
    ("The ministers agreed to a ceasefire.", "agree", False),
    ("Kenya wants a ceasefire to be agreed.", "agree", False),  # a complement, not a relative: factuality's
])
def test_an_act_still_to_be_done_by_no_one(nlp, text, lemma, expected):
    from eventwire.coder.discards import agentless_plan
    assert agentless_plan(_trigger(nlp(text), lemma)) is expected


@pytest.mark.slow
@pytest.mark.parametrize("text, lemma, expected", [
    ("A farmer killed himself after the bank seized his land.", "kill", True),
    ("The officer shot himself in the barracks.", "shoot", True),
    ("The gunman killed himself and two guards.", "kill", False),
])
def test_harm_done_to_oneself_is_no_assault(nlp, text, lemma, expected):
    from eventwire.coder.discards import self_inflicted
    assert self_inflicted(_trigger(nlp(text), lemma), "ASSAULT") is expected


def test_a_country_inside_a_firms_name_is_no_state_side():
    from eventwire.coder.discards import is_state_side
    holders = Entity(text="Northern Kenya Tea Ltd. shareholders", name="Northern Kenya Tea Ltd. shareholders",
                     country="KEN", sector=None)
    assert is_business(holders) and not is_state_side(holders)
    assert is_company_news(event("AGREE", [holders]))
    # a union of a firm's workers stays a union: the sector decides
    workers = Entity(text="Acme Widgets Inc workers", name="Acme Widgets Inc workers", country=None, sector="LAB")
    assert not is_business(workers) and not is_company_news(event("PROTEST", [workers]))


@pytest.mark.slow
@pytest.mark.parametrize("row", discard_rules()["kind_modifier"]["examples"], ids=lambda r: r["trigger"])
def test_an_event_noun_modifying_a_thing_names_a_kind(nlp, row):
    from eventwire.coder.discards import kind_modifier
    from eventwire.coder.triggers import find_triggers

    doc = nlp(row["text"])
    triggers = {t.token.i for t in find_triggers(doc[:])}
    token = _trigger(doc, row["trigger"])
    assert kind_modifier(token, triggers) is row["kind"]


@pytest.mark.slow
def test_a_kind_of_thing_codes_no_event(nlp):
    from eventwire.coder import code_doc

    assert not code_doc(nlp("A U.S. Navy battle group is in the northern Arabian Sea."), article_id="t")
    assert [e.event_type for e in code_doc(nlp("The U.S. Navy battle group attacked two Iranian oil platforms."), article_id="t")] \
        == ["ASSAULT"]


@pytest.mark.slow
def test_a_firm_named_in_full_once_is_a_firm_in_its_short_forms(nlp):
    from eventwire.coder import code_doc
    from eventwire.coder.discards import article_firms

    text = ("Borg-Warner Corp said it held talks with the investor Irwin Jacobs. Earlier this month Borg-Warner "
            "rejected a takeover bid by Jacobs. Ships in the Gulf were attacked, said Gulf Canada Resources Ltd.")
    doc = nlp(text)
    firms = article_firms(doc)
    assert {"borg warner", "gulf canada resources"} <= firms and "gulf" not in firms  # never a place the article names
    assert not [e for e in code_doc(doc, article_id="t") if e.event_type == "REJECT"]
    short = Entity(text="Borg-Warner", name="Borg-Warner", country=None, sector=None)
    assert is_business(short, firms) and not is_business(short)
    assert not is_business(Entity(text="Iran", name="Iran", country="IRN", sector=None), frozenset({"iran"}))


# meeting the press is speaking (`audience`), visiting one's family private life (`private`): no consultation
NO_CONSULTATION = [(row, row["audience"]) for row in discard_rules()["press_audience"]["examples"]] + [
    (row, row["private"]) for row in discard_rules()["family_visit"]["examples"]]


@pytest.mark.slow
@pytest.mark.parametrize("row, dropped", NO_CONSULTATION, ids=lambda r: r["text"][:30] if isinstance(r, dict) else "")
def test_meeting_the_press_or_ones_family_is_no_consultation(nlp, row, dropped):
    coded = code_text(row["text"], nlp=nlp)
    consults = [e for e in coded if e.event_type == "CONSULT" and e.trigger == row["trigger"]]
    assert (not consults) is dropped, coded


@pytest.mark.slow
@pytest.mark.parametrize("row", discard_rules()["company_posts"]["examples"], ids=lambda r: r["text"][:30])
def test_leaving_a_post_in_a_firm_is_company_news(nlp, row):
    from eventwire.coder.discards import company_post

    assert company_post(_trigger(nlp(row["text"]), row["trigger"].lower()), "RETREAT") is row["company"]
    coded = code_text(row["text"], nlp=nlp)
    assert (not [e for e in coded if e.event_type == "RETREAT"]) is row["company"], coded


@pytest.mark.slow
@pytest.mark.parametrize("row", discard_rules()["quantity_verbs"]["examples"], ids=lambda r: r["text"][:30])
def test_an_event_noun_whose_amount_changes_is_a_quantity(nlp, row):
    from eventwire.coder.discards import quantity_subject

    assert quantity_subject(_trigger(nlp(row["text"]), row["trigger"].lower())) is row["quantity"]


@pytest.mark.slow
def test_a_person_the_article_placed_makes_no_economic_event_political(nlp):
    # the article fills the unplaced Ravelli with its main state (Japan); in an economic story that does not make
    # his quarrel with a firm a state's act
    from eventwire.coder import code_text

    text = ("Japan's trade ministry said on Monday that tariffs on imports of chips would be cut. "
            "Hollis Corp shares rose sharply on the stock market after the takeover bid, dealers said. "
            "Earnings per share were expected to rise and the dividend would be raised, the company said. "
            "Ravelli accused Hollis of breaking the takeover rules, traders said. "
            "Prices of the shares rose 3 pct in active trading.")
    events = code_text(text, nlp=nlp)
    assert not [e for e in events if e.event_type == "ACCUSE"], [(e.event_type, e.actors) for e in events]


@pytest.mark.slow
@pytest.mark.parametrize("text, kept", [
    # a trip to a city of one's own state meets no one
    ("Iraqi President Saddam Hussein visited the northern city of Mosul today to attend celebrations.", False),
    # a foreign city, or a capital (its government), is visited
    ("The Jordanian king visited the Iraqi city of Mosul today.", True),
    ("Iraqi President Saddam Hussein visited Amman today.", True),
])
def test_a_trip_at_home_is_no_visit(nlp, text, kept):
    visits = [e for e in code_text(text, nlp=nlp) if e.event_type == "CONSULT"]
    assert bool(visits) is kept, visits


@pytest.mark.slow
@pytest.mark.parametrize("text, fires", [
    # a material act a force of nature brings about is nobody's ...
    ("Ghana cannot pay its debts because of the drought that forced a suspension of cocoa exports, officials said.",
     False),
    # ... one a state brings about is its own
    ("Ghana cannot pay its debts because of the junta that forced a suspension of cocoa exports, officials said.",
     True),
])
def test_an_act_nature_forces_is_nobodys(text, fires, nlp):
    from eventwire.coder import code_text
    found = [e for e in code_text(text, nlp=nlp) if e.trigger == "suspension"]
    assert bool(found) == fires, [(e.event_type, e.trigger) for e in found]
