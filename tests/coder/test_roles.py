"""Every entry of lexicon/roles.yml finds the argument its example names."""
from __future__ import annotations

import pytest

from eventwire.coder import code_text
from eventwire.coder.lexicons import load_lexicon
from eventwire.coder.entities import PlainResolver, entities_for
from eventwire.coder.roles import arguments_of, is_generic, role_lexicon
from eventwire.coder.triggers import find_triggers
from eventwire.resolve.actor_gazetteers import actor_words
from tests.coder.coded import coded_for

DATA = load_lexicon("roles")
ARG_ROWS = [(key, row) for key in ("reporting_verbs", "recipient_preps", "of_argument", "theme_objects",
                                   "topic_verbs", "statement_nouns", "participle_patients", "event_heads",
                                   "stative_light_verbs", "patient_nouns", "partner_nouns", "companion_verbs")
            for row in DATA[key]] + [("receiving_verbs", row) for rows in DATA["receiving_verbs"].values() for row in rows] \
    + [("occasion", row) for row in DATA["occasion"]["examples"]] \
    + [("beneficiary_modifiers", row) for row in DATA["beneficiary_modifiers"]["examples"]] + [
        ("weapon_nouns", row) for row in DATA["weapon_nouns"]["examples"]]


def _texts(doc, tokens):
    return [e.text for e in entities_for(tokens, PlainResolver(doc))]


@pytest.mark.slow
@pytest.mark.parametrize("key,row", ARG_ROWS, ids=[f"{k}-{i}" for i, (k, _) in enumerate(ARG_ROWS)])
def test_role_entry(key, row, nlp):
    doc = nlp(row["example"])
    trig = next(t for t in find_triggers(doc) if row["trigger"] in (t.token.lemma_.lower(), t.token.lower_))
    args = arguments_of(trig)
    if "actor" in row:
        assert any(row["actor"] in t for t in _texts(doc, args.actors)), (row, args)
    if "recipient" in row:
        assert any(row["recipient"] in t for t in _texts(doc, args.recipients)), (row, args)
    if key in ("theme_objects", "topic_verbs"):
        direct = [c for c in trig.token.children if c.dep_ == "dobj"]
        assert direct and not set(direct) & set(args.recipients)
    if "not_actor" in row:
        assert not any(row["not_actor"] in t for t in _texts(doc, args.actors)), (row, args)
    if "not_recipient" in row:
        assert not any(row["not_recipient"] in t for t in _texts(doc, args.recipients)), (row, args)


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["generic_actors"], ids=[r["lemma"] for r in DATA["generic_actors"]])
def test_generic_actor_entry(row, nlp):
    doc = nlp(row["example"])
    assert any(is_generic(t) for t in doc if t.lemma_.lower() == row["lemma"])
    assert not is_generic(doc[-2])


@pytest.mark.slow
@pytest.mark.parametrize("verb", DATA["object_control"])
def test_object_control_entry(verb, nlp):
    from eventwire.coder.roles import verb_subject

    doc = nlp(f"Kenya will {verb} Uganda to withdraw from the border.")
    withdraw = next(t for t in doc if t.lemma_ == "withdraw")
    found, pattern = verb_subject(withdraw)
    assert [t.text for t in found] == ["Uganda"], (verb, pattern, [(t.text, t.dep_) for t in doc])


@pytest.mark.slow
@pytest.mark.parametrize("det", DATA["anaphoric_determiners"])
def test_anaphoric_determiner(det, nlp):
    from eventwire.coder.coder import _anaphoric

    doc = nlp(f"{det.capitalize()} talks lasted two hours.")
    trig = find_triggers(doc)[0]
    assert _anaphoric(trig, arguments_of(trig))
    doc = nlp("Talks lasted two hours.")
    trig = find_triggers(doc)[0]
    assert not _anaphoric(trig, arguments_of(trig))


@pytest.mark.slow
def test_passive_with_by(nlp):
    doc = nlp("The village was attacked by rebels from the north.")
    args = arguments_of(find_triggers(doc)[0])
    assert [t.text for t in args.actors] == ["rebels"] and [t.text for t in args.recipients] == ["village"]


@pytest.mark.slow
def test_agreed_to_send_aid_inherits_the_subject(nlp):
    doc = nlp("Norway agreed to send aid to Sudan.")
    aid = next(t for t in find_triggers(doc) if t.event_type == "AID")
    args = arguments_of(aid)
    assert _texts(doc, args.actors) == ["Norway"] and "Sudan" in _texts(doc, args.recipients)


@pytest.mark.slow
def test_possessive_attack_on(nlp):
    doc = nlp("Russia's attack on Georgia began at dawn.")
    args = arguments_of(find_triggers(doc)[0])
    assert _texts(doc, args.actors) == ["Russia"] and _texts(doc, args.recipients) == ["Georgia"]


@pytest.mark.slow
def test_compound_actor_is_a_list(nlp):
    doc = nlp("France, Germany and Italy imposed sanctions on Iran.")
    trig = next(t for t in find_triggers(doc) if t.event_type == "SANCTION")
    assert _texts(doc, arguments_of(trig).actors) == ["France", "Germany", "Italy"]


def test_recipient_preps_include_the_general_ones():
    lex = role_lexicon()
    assert "to" in lex.recipient_preps["CONSULT"] and "with" in lex.recipient_preps["CONSULT"]
    assert "with" not in lex.recipient_preps["*"]


@pytest.mark.parametrize("sentence", [
    "A prominent anti-Syria journalist was killed in the blast.",
    "An anti-Israel activist was detained by police.",
    "Police arrested a pro-Iran cleric on Monday.",
])
def test_an_affiliation_inside_a_group_is_not_its_country(nlp, sentence):
    from eventwire.coder import code_text

    recipients = [r for e in code_text(sentence, nlp=nlp) for r in e.recipients]
    assert recipients and not any(r.country in ("SYR", "ISR", "IRN") for r in recipients)


def _args_of(nlp, sentence, trigger):
    doc = nlp(sentence)
    return doc, arguments_of(next(t for t in find_triggers(doc) if t.token.lower_ == trigger))


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger, venue", [
    ("Delegates made new proposals at the Geneva arms control talks today.", "talks", "Geneva"),
    ("The Reykjavik summit ended without an agreement.", "summit", "Reykjavik"),
    ("Nairobi peace talks ended on Friday.", "talks", "Nairobi"),
])
def test_a_city_compounded_onto_an_event_is_its_venue_not_a_party(sentence, trigger, venue, nlp):
    doc, args = _args_of(nlp, sentence, trigger)
    assert not any(venue in t for t in _texts(doc, args.actors + args.recipients)), args


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger, role, who", [
    # a country or group compounded onto an event still acts (only a venue does not)
    ("US air strikes hit the town.", "strikes", "actors", "US"),
    ("Iranian shelling killed five people.", "shelling", "actors", "Iranian"),
    ("Hamas attacks continued for a week.", "attacks", "actors", "Hamas"),
    # a passive subject does what its infinitive says
    ("Japan and the United States were expected to hold talks in September.", "talks", "actors", "Japan"),
    ("The army was ordered to withdraw from the town.", "withdraw", "actors", "army"),
    # ... unless the infinitive is passive too: its "by" object acts
    ("The convoys are known to have been attacked by the rebels.", "attacked", "actors", "rebels"),
    # the object of a light verb undergoes the act its prepositional noun names
    ("Police took two students into custody.", "custody", "recipients", "students"),
    ("Soldiers placed the mayor under arrest.", "arrest", "recipients", "mayor"),
    ("The army held the villagers as human shields.", "shields", "recipients", "villagers"),
    # a passive light verb: its "by" object acts, its prepositional object receives
    ("Sanctions were imposed on North Korea by the Security Council.", "sanctions", "actors", "Security Council"),
    ("Sanctions were imposed on North Korea by the Security Council.", "sanctions", "recipients", "North Korea"),
    # a host's guests receive: "hosted talks between X and Y" (X and Y are no longer the actors)
    ("Oman hosted talks between Iran and the United States.", "talks", "recipients", "Iran"),
    # ... before any place the noun names
    ("Rebels held the villagers as human shields in the hills.", "shields", "recipients", "villagers"),
])
def test_the_participant_is_found(sentence, trigger, role, who, nlp):
    doc, args = _args_of(nlp, sentence, trigger)
    assert any(who in t for t in _texts(doc, getattr(args, role))), args



@pytest.mark.parametrize("sentence, trigger, actor", [
    ("The troops left at the request of the Malian government.", "request", "the Malian government"),
    ("Kerry reiterated the importance of fully implementing the ceasefire.", "importance", None),  # no party
    ("The withdrawal of Syrian troops began.", "withdrawal", "Syrian troops"),
])
def test_an_of_object_acts_only_when_it_is_a_party(nlp, sentence, trigger, actor):
    doc = nlp(sentence)
    trig = next(t for t in find_triggers(doc) if t.token.lower_ == trigger)
    args = arguments_of(trig)
    found = _texts(doc, args.actors) if args.pattern == "noun-of" else []
    assert found == ([actor] if actor else [])


def test_a_given_name_stands_in_its_full_name(nlp):
    from eventwire.resolve.actors import ActorResolver

    doc = nlp("Albert Melnikov, a Soviet trade official, said the deal would hold.")
    albert = next(t for t in doc if t.text == "Albert")
    assert [e.text for e in entities_for([albert], ActorResolver(doc))] == ["Albert Melnikov"]


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["instruments"]["examples"], ids=lambda r: r["text"][:30])
def test_the_party_on_an_instrument_did_the_passive_act(row, nlp):
    from eventwire.coder.roles import verb_subject

    doc = nlp(row["text"])
    verb = next(t for t in doc if t.lower_ == row["trigger"])
    actors, pattern = verb_subject(verb)
    assert [t.text for t in actors] == [row["actor"]] and pattern == "passive-by"


def test_an_instrument_without_a_party_names_no_actor(nlp):
    from eventwire.coder.roles import verb_subject

    doc = nlp("Two persons were killed in the firing on Monday.")
    assert verb_subject(next(t for t in doc if t.lower_ == "killed")) == ([], "passive")


@pytest.mark.parametrize("sentence, trigger, actors, recipients", [
    ("Six persons were reported wounded on Monday.", "wounded", [], ["persons"]),
    ("Two ministers were reported killed by the rebels.", "killed", ["rebels"], ["ministers"]),
    ("The rebels were expected to attack the town.", "attack", ["rebels"], ["town"]),  # an infinitive: control
])
def test_a_passive_participle_after_a_passive_verb_is_undergone(nlp, sentence, trigger, actors, recipients):
    doc = nlp(sentence)
    trig = next(t for t in find_triggers(doc) if t.token.lower_ == trigger)
    args = arguments_of(trig)
    assert [t.text for t in args.actors] == actors and [t.text for t in args.recipients] == recipients


@pytest.mark.slow
def test_a_region_modifying_a_war_is_where_it_is_fought(nlp):
    # is_venue: "the Gulf shipping war" is fought in the Gulf, by the sentence's own actor
    coded = code_text("Iran was ready to step up the Gulf shipping war against Iraq.", nlp=nlp)
    war = next(e for e in coded if e.trigger == "war")
    assert [a.country for a in war.actors] == ["IRN"]


@pytest.mark.slow
@pytest.mark.parametrize("text, actor", [
    # a possessive that names a time says when; the nationality beside it says who
    ("The talks were called off after last Friday's Syrian air raid on the camp.", "Syrian"),
    ("Yesterday's Chilean naval attack on the trawler angered Lima.", "Chilean"),
])
def test_a_time_possessive_is_when_not_who(nlp, text, actor):
    doc = nlp(text)
    trig = next(t for t in find_triggers(doc) if t.token.lemma_ in ("raid", "attack"))
    assert [t.text for t in arguments_of(trig).actors] == [actor]



@pytest.mark.slow
@pytest.mark.parametrize("text, word, actor, recipient", [
    # the author a text names outranks whoever handles the text
    ("The cabinet will study a letter from President Moi promising to help the refugees.", "promising", "Moi", None),
    ("The envoy read out a statement by the rebels demanding the release of prisoners.", "demanding", "rebels", None),
    # a text with no author of its own speaks for whoever issued it
    ("Peru sent a letter urging Chile to withdraw.", "urging", "Peru", None),
    # a subject is shared by the conjuncts that follow it, up to the next subject
    ("Militants attacked the post, police returned fire and killed two of them.", "killed", "police", None),
    ("the rebels arrived in a truck, threw a bomb at the gate and opened fire, but soldiers posted there killed one "
     "of them.", "killed", "soldiers", None),
    ("the rioters gathered at the square, burned a bus and attacked shops, but police posted nearby arrested ten of "
     "them.", "arrested", "police", None),
    ("The rebels shelled the town and seized the bridge.", "seized", "rebels", None),
    # a verb the parser leaves unlabelled under another shares that verb's subject
    ("police sentries posted there killed one of them on the spot.", "killed", "sentries", None),
    # the one asked in an opening passive clause is the one to do it
    ("Asked by Peru to mediate, Chile sent an envoy.", "mediate", "Chile", None),
    # a passive participle on a party with a "by" object: the "by" object acts on the party, whatever the type
    ("The rebels, supported by Rwanda, seized the town.", "supported", "Rwanda", "rebels"),
    ("Chile and Peru, backed by the fund, want new talks.", "backed", "fund", "Chile"),
    # a participle joined to a passive is passive too: the police arrest, the accused are arrested
    ("The accused were booked and arrested by the police.", "arrested", "police", "accused"),
    # an opening passive clause: its "by" object acts on the main clause's subject
    ("Asked by Peru to mediate, Chile sent an envoy.", "asked", "Peru", "Chile"),
    # the "on" object of "call on" is the one told to act
    ("The opposition called on the president to resign.", "resign", "president", None),
    # the "by" object of a passive participle means its infinitive of purpose
    ("The sanctions law, enacted by the United States to protest the apartheid laws of South Africa, was repealed.",
     "protest", "States", None),
    # a participle the parser hangs on a time is what the clause's subject did then
    ("Kohl and Genscher spent three days at the end of last month in Moscow talking to Soviet officials.", "talking",
     "Kohl", "officials"),
])
def test_who_acts_and_on_whom(nlp, text, word, actor, recipient):
    _, args = _args_of(nlp, text, word)
    assert [t.text for t in args.actors] == [actor]
    assert recipient is None or recipient in [t.text for t in args.recipients]


@pytest.mark.slow
@pytest.mark.parametrize("text, actor", [
    # a killing told "in which" on an act of its type, or on that act's target, is that act's
    ("commissioner Rahul Verma had ordered firing at the mob in which four persons were killed.",
     "commissioner Rahul Verma"),
    ("the police fired at the crowd in which four persons were killed.", "police"),
])
def test_an_act_in_a_which_clause_on_another_act_is_that_acts(nlp, text, actor):
    killed = [e for e in code_text(text, nlp=nlp) if e.factuality == "asserted" and e.quantities.get("killed")]
    # (case aside: an all-lower-case sentence is parsed with its sentence start restored, "The police")
    assert killed and all(actor.lower() in [a.text.lower().removeprefix("the ") for a in e.actors] for e in killed)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # where nations, diplomats or envoys are is not whose they are (the actor gazetteer's away_nouns)
    "The pledge by the major industrial nations in Paris to cooperate on currencies was repeated.",
    "Western diplomats in Moscow met the Chinese envoy on Monday.",
])
def test_an_away_noun_is_not_the_country_it_is_in(nlp, text):
    assert not any(a.country in ("FRA", "RUS") for e in code_text(text, nlp=nlp) for a in e.actors)


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, actor", [
    # a load or group of people, which names no one itself, is those people, with or without a country
    ("A truckload of armed rebel soldiers stormed the camp and freed several men held there.", "freed",
     "armed rebel soldiers"),
    ("A group of students attacked the police station on Monday.", "attacked", "students"),
])
def test_a_group_of_people_is_the_people(nlp, text, trigger, actor):
    found = [e for e in code_text(text, nlp=nlp) if e.trigger == trigger]
    assert found and [a.text for a in found[0].actors] == [actor] and found[0].actors[0].sector


@pytest.mark.slow
@pytest.mark.parametrize("text, place", [
    # the city "in" or "at" which a meeting is held is its venue, as in "the Venice summit", not a party
    ("The United States will push for a strong statement at the June economic summit in Venice.", "ITA"),
    ("Canada pressed for a freeze on subsidies at the talks in Geneva.", "CHE"),
])
def test_a_meetings_city_is_its_venue_not_a_party(nlp, text, place):
    assert not any(p.country == place for e in code_text(text, nlp=nlp) for p in (*e.actors, *e.recipients))


@pytest.mark.slow
def test_an_acts_place_can_still_be_its_recipient(nlp):
    # a delivery in a city is received there: not a meeting's venue
    events = code_text("The Red Cross suspended aid deliveries in Baghdad on Wednesday.", nlp=nlp)
    assert any(r.country == "IRQ" for e in events for r in e.recipients)


@pytest.mark.slow
@pytest.mark.parametrize("text, members", [
    ("Kenya has asked at least four countries, including Britain and Canada, for help with the refugees.", {"GBR", "CAN"}),
    ("Iran accused several Gulf states, such as Bahrain and Qatar, of helping the rebels.", {"BHR", "QAT"}),
])
def test_a_group_and_the_members_it_names(nlp, text, members):
    """A group that names no state ("four countries") is the members it lists ("including", "such as")."""
    found = {r.country for e in code_text(text, nlp=nlp) for r in e.recipients}
    assert members <= found


@pytest.mark.slow
@pytest.mark.parametrize("text, wrong", [
    # partners, allies, neighbours ... of a state are not that state (the actor gazetteer's relational_nouns)
    ("At the summit, U.S. trading partners called on Washington to cut its budget deficit.", "USA"),
    ("Iraq's neighbours condemned the invasion of Kuwait.", "IRQ"),
    ("Japan's allies criticised Tokyo for its whaling.", "JPN"),
])
def test_a_states_partners_are_not_that_state(nlp, text, wrong):
    assert not any(a.country == wrong for e in code_text(text, nlp=nlp) for a in e.actors)


@pytest.mark.slow
@pytest.mark.parametrize("text, visitor, trigger", [
    # "visiting X" before a name is X, the visitor, not a visit to X
    ("The minister attended a session also attended by visiting West German President Richard von Weizsaecker.",
     "DEU", "visiting"),
    ("Visiting Soviet Foreign Minister Eduard Shevardnadze met Thatcher in London.", "RUS", "met"),
    ("Tamura told visiting U.S. Trade Representative Clayton Yeutter that Tokyo may buy the computers.", "USA",
     "visiting"),
])
def test_visiting_before_a_name_is_the_visitor(nlp, text, visitor, trigger):
    found = [e for e in code_text(text, nlp=nlp) if e.trigger.lower() == trigger.lower()]
    assert found and [a.country for a in found[0].actors] == [visitor]
    assert visitor not in [r.country for r in found[0].recipients]


@pytest.mark.slow
def test_visiting_a_place_is_a_visit_to_it(nlp):
    found = [e for e in code_text("The Indian president kept visiting Kenya last year.", nlp=nlp) if e.event_type == "CONSULT"]
    assert found and [r.country for r in found[0].recipients] == ["KEN"]


@pytest.mark.slow
def test_where_a_body_is_based_is_no_party(nlp):
    text = ("Union leaders said they will oppose any attempt to cut wages, as the Detroit-based industry was mired "
            "in a deep recession.")
    assert not any(r.country for e in code_text(text, nlp=nlp) for r in e.recipients)


@pytest.mark.slow
@pytest.mark.parametrize("text, label", [
    # a state that names an affair labels it: "the Iran arms scandal" is not Iran's
    ("A grand jury is investigating the Iran arms scandal in Washington.", "IRN"),
    ("Senators opened hearings into the Lockerbie case against two Libyans.", "GBR"),
])
def test_a_name_that_labels_an_affair_is_no_party(nlp, text, label):
    assert not any(r.country == label for e in code_text(text, nlp=nlp) for r in e.recipients)


@pytest.mark.slow
@pytest.mark.parametrize("text, actor", [
    # people a state's name owns are those people, of that state: not the state
    ("Negotiations resumed in the 14-day-old strike by Canada's letter carriers.", "Canada's letter carriers"),
    ("Japan's rice growers staged a protest in Tokyo on Monday.", "Japan's rice growers"),
])
def test_people_a_state_owns_are_the_people(nlp, text, actor):
    events = [e for e in code_text(text, nlp=nlp) if e.event_type == "PROTEST"]
    assert events and [(a.text, a.sector) for a in events[0].actors][0][0] == actor


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, actor", [
    # a judging verb's "of" / "for" gerund is told of its object (or passive subject), not of the judge
    ("Iran accused Iraq of attacking ships in the Gulf.", "attacking", "IRQ"),
    ("Iraq was accused by Iran of attacking ships in the Gulf.", "attacking", "IRQ"),
    ("Kenya blamed Uganda for shelling the border town.", "shelling", "UGA"),
    # ... and so is one punished: the punished did it
    ("Kenyan police arrested two Ugandan soldiers for shelling the border town.", "shelling", "UGA"),
    ("Two Ugandan soldiers were jailed by Kenya for shelling the border town.", "shelling", "UGA"),
])
def test_a_judged_act_is_the_judged_ones(nlp, text, trigger, actor):
    found = [e for e in code_text(text, nlp=nlp) if e.trigger == trigger]
    assert found and [a.country for a in found[0].actors] == [actor]


@pytest.mark.slow
def test_each_other_makes_each_side_the_others_recipient(nlp):
    found = [e for e in code_text("Iran and Iraq accused each other of attacking ships.", nlp=nlp)
             if e.event_type == "ACCUSE"]
    assert found and {r.country for r in found[0].recipients} == {"IRN", "IRQ"}


@pytest.mark.slow
@pytest.mark.parametrize("row", actor_words()["leader_suffixes"], ids=lambda r: r["word"])
def test_a_name_that_leads_a_phrase_is_inside_it(row, nlp):
    """"the US-led war against Iraq": the war is the United States' (actor_words.yml `leader_suffixes`)."""
    from eventwire.coder.phrases import inner_tokens
    doc = nlp(row["example"])
    suffix = next(t for t in doc if t.lower_ == row["word"])
    assert row["leader"] in [t.text for t in inner_tokens(suffix.head)]


@pytest.mark.slow
@pytest.mark.parametrize("text, actors", [
    # what is agreed "between X and Y" was agreed by both; the thing agreed is no party
    ("A ceasefire was agreed between the Chadian army and the rebels on Monday.", ["TCD", None]),
    ("The British position was based on four points agreed between Thatcher and Reagan in December 1984.",
     ["GBR", "USA"]),
])
def test_a_passive_between_two_parties_is_done_by_both(text, actors, nlp):
    agreed = next(e for e in code_text(text, nlp=nlp) if e.event_type == "AGREE")
    assert [a.country for a in agreed.actors] == actors and not agreed.recipients


@pytest.mark.slow
def test_a_meeting_dating_a_passive_verb_is_not_its_subjects(nlp):
    # "the plan will be discussed during next week's meetings": the plan holds no meeting
    doc = nlp("The French plan will be discussed by the ministers during next week's meetings.")
    trig = next(t for t in find_triggers(doc) if t.token.lower_ == "meetings")
    assert not any(t.lower_ in ("plan", "french") for t in arguments_of(trig).actors)


@pytest.mark.slow
def test_a_passives_subject_does_what_its_prepositional_gerund_tells(nlp):
    """"X was hit by Y before signing": X signs - the grammatical subject controls the gerund, not the "by"."""
    agree = next(e for e in code_text("The Kenyan government was hit by a strike before signing an agreement "
                                      "with the union.", nlp=nlp) if e.event_type == "AGREE")
    assert [a.country for a in agree.actors] == ["KEN"]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Japan said it will lend 10 mln Canadian dlrs to Fiji.",
    "The minister criticised the revaluation of the franc in line with the West German mark.",
])
def test_a_currency_names_no_party(nlp, text):
    found = {x.country for e in code_text(text, nlp=nlp) for x in e.actors + e.recipients}
    assert not found & {"CAN", "DEU"}


@pytest.mark.slow
def test_a_relational_noun_before_the_head_is_the_other_side(nlp):
    """"its creditor banks" are the creditors of Venezuela, not Venezuelan banks."""
    found = code_text("Venezuela is seeking a flexible attitude from its creditor banks.", nlp=nlp)
    assert found and not any(r.country == "VEN" for e in found for r in e.recipients)


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, side", [
    # "V1 X and Y V2 Z" misread as V1 doing something to "X and Y": Y does V2, and is not what V1 was done to
    ("French warships shelled a Libyan offshore oil platform and French special forces boarded another, destroying "
     "equipment.", "shelled", "recipients"),
    # "the May 17 Iraqi missile attack": the parser may hang "May" on the noun; the date does nothing
    ("Fears grew after the June 3 Libyan rocket attack on the French frigate Jeanne, which killed 12 sailors.",
     "attack", "actors"),
])
def test_a_misread_neighbour_takes_no_role(text, trigger, side, nlp):
    found = coded_for(nlp, text, trigger)
    assert found, text
    side_of = getattr(found[0], side)
    assert [p.country for p in side_of] == ["LBY"], [(p.text, p.country) for p in side_of]


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger", [
    # "V X from Y-ing": X is the one kept from acting, and the one who would have acted
    ("The governor prevented the opposition party from holding rallies.", "rallies"),
    ("The army barred the students from holding rallies in the capital.", "rallies"),
])
def test_the_one_kept_from_an_act_is_its_actor(text, trigger, nlp):
    found = coded_for(nlp, text, trigger)
    assert found and found[0].actors and found[0].actors[0].sector in ("PTY", "EDU"), [
        (a.text, a.sector) for e in found for a in e.actors]


@pytest.mark.slow
def test_the_one_kept_from_undergoing_an_act_does_not_do_it(nlp):
    # "prevents its armed forces from being deployed": the forces would be deployed, by their state
    found = coded_for(nlp, "Chile's constitution prevents its armed forces from being deployed overseas.", "deployed")
    assert found and not any(a.sector == "MIL" for a in found[0].actors), [(a.text, a.sector) for a in found[0].actors]


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, recipient", [
    # a light verb's object undergoes the act its prepositional noun names only when it names a party
    ("Police took two men into custody.", "custody", "two men"),
    ("The teachers launched a national strike, with a broad political demand as well as a pay claim.", "demand", None),
])
def test_a_light_verbs_object_undergoes_its_act_when_it_is_a_party(nlp, text, trigger, recipient):
    doc = nlp(text)
    trig = next(t for t in find_triggers(doc) if t.token.lemma_.lower() == trigger)
    found = _texts(doc, arguments_of(trig).recipients)
    assert (recipient in found) if recipient else not found, found


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, actor", [
    # an infinitive on the object of a verb: the one who shows the will, or makes the attempt, acts
    ("The administration has displayed a determination to resist protectionist pressure from Congress.", "resist",
     "administration"),
    ("Kenya made an attempt to negotiate with the rebels.", "negotiate", "Kenya"),
    # ... but a noun's owner does it
    ("The plunge may hurt the banks' ability to lend to Latin America.", "lend", "banks"),
])
def test_an_infinitive_on_an_object_is_done_by_the_verbs_subject(nlp, text, trigger, actor):
    doc = nlp(text)
    trig = next(t for t in find_triggers(doc) if t.token.lemma_.lower() == trigger)
    assert any(actor in t for t in _texts(doc, arguments_of(trig).actors))


@pytest.mark.slow
def test_the_parties_between_whom_an_event_occurs(nlp):
    # "between" hung on the verb the event noun is the subject of names its parties too
    doc = nlp("Talks have occurred between Kenya and Uganda on the border dispute, the minister said.")
    trig = next(t for t in find_triggers(doc) if t.token.lemma_.lower() == "talk")
    args = arguments_of(trig)
    assert [t.text for t in args.actors + args.recipients] == ["Kenya", "Uganda"]
