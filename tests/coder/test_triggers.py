"""Every entry of lexicon/triggers.yml fires on its own example with its type."""
from __future__ import annotations

import pytest

from eventwire.coder.lexicons import load_lexicon
from eventwire.coder.triggers import all_entries, find_triggers, trigger_index
from eventwire.schema import EVENT_TYPES

ENTRIES = all_entries()


def test_every_type_is_covered_richly():
    by_type: dict[str, int] = {}
    for e in ENTRIES:
        by_type[e.event_type] = by_type.get(e.event_type, 0) + 1
    assert set(by_type) == set(EVENT_TYPES)
    assert min(by_type.values()) >= 8, by_type


def test_entries_have_examples_and_sane_weights():
    for e in ENTRIES:
        assert e.example, e.key
        assert 0 < e.weight <= 1, e.key


def test_index_is_keyed_by_lemma():
    index = trigger_index()
    assert any(e.event_type == "CONSULT" for e in index.by_word["meet"])
    assert any(e.event_type == "PROTEST" for e in index.phrases["hunger"])


@pytest.mark.slow
@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{i}-{e.key}" for i, e in enumerate(ENTRIES)])
def test_entry_fires_on_its_example(entry, nlp):
    found = find_triggers(nlp(entry.example))
    assert any(t.entry.key == entry.key and t.event_type == entry.event_type for t in found), (
        entry.example, [(t.text, t.entry.key) for t in found])


COUNTER = [e for e in ENTRIES if e.counter_example]


@pytest.mark.slow
@pytest.mark.parametrize("entry", COUNTER, ids=[e.key for e in COUNTER])
def test_entry_does_not_fire_on_its_counter_example(entry, nlp):
    found = find_triggers(nlp(entry.counter_example))
    # (two entries of one word may differ only in their sense: the one that fires must be the other one)
    assert not any(t.entry == entry for t in found), (entry.counter_example, [t.entry.key for t in found])


LIGHT = load_lexicon("triggers")["light_verbs"]


@pytest.mark.slow
@pytest.mark.parametrize("row", LIGHT, ids=[r["lemma"] for r in LIGHT])
def test_light_verb_gives_its_subject_to_the_event_noun(row, nlp):
    from eventwire.coder.entities import PlainResolver, entities_for
    from eventwire.coder.roles import arguments_of

    doc = nlp(row["example"])
    nouns = [t for t in find_triggers(doc) if t.token.pos_ == "NOUN" and t.token.dep_ in ("dobj", "pobj", "conj")]
    assert nouns, row["example"]
    args = arguments_of(nouns[0])
    subject = next(t for t in doc if t.dep_ == "nsubj")
    actors = entities_for(args.actors, PlainResolver(doc))
    assert actors and subject.text in actors[0].text, (row["example"], args)


@pytest.mark.slow
@pytest.mark.parametrize("sentence, fires", [
    # a state's march is its progress; people march in protest
    ("China's uneven march to greater prosperity left the provinces behind.", False),
    ("Japan's steady march toward lower tariffs pleased Washington.", False),
    ("The opposition's march through Manila drew thousands.", True),
    ("Thousands of Kurds joined the march to the presidential palace.", True),
])
def test_a_states_march_is_no_protest(nlp, sentence, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lemma_ == "march"]
    assert bool(found) is fires


@pytest.mark.slow
@pytest.mark.parametrize("sentence, word, fires", [
    # one supports another by defending them, their right or their decision; not one's own, nor a place held by
    # arms, nor a currency
    ("The foreign ministry defended Serbia's right to hold the vote.", "defend", True),
    ("Washington defended its ally Israel at the council.", "defend", True),
    ("Greece said it would defend its national rights in the Aegean.", "defend", False),
    ("Kuwait defended its decision to charter Soviet tankers.", "defend", False),
    ("Forces defending the offshore terminal sank two gunboats.", "defend", False),
    ("The garrison defended the town against the rebels for a week.", "defend", False),
    ("The central bank would take measures to defend the currency.", "defend", False),
    # one fired from a post "on the same day" was dismissed; one fired on at dawn was shot at
    ("Oliver North, who was fired from the council on the same day that Poindexter resigned, testified.", "fire",
     False),
    ("The soldiers were fired on at dawn.", "fire", True),
    # a war of prices is no fight
    ("The junta waged war on the rebels.", "war", True),
    ("The United States and Japan waged a trade war over microchips.", "war", False),
    ("The two airlines are locked in a fare war on the Atlantic routes.", "war", False),
    # a body charged with a task, assets handed over (a relative clause's object is its noun), a meeting told
    ("The head of a panel charged with selling the assets of state banks resigned.", "charge", False),
    ("Prosecutors charged the mayor with bribery.", "charge", True),
    ("Most of the assets that the two banks are handing over to the trust are loans.", "hand", False),
    ("The weapons which the rebels handed over were destroyed.", "hand", True),
    ("SyCip told a meeting of financial executives the trust had received no list.", "meeting", False),
    ("The two presidents held a meeting in Geneva.", "meeting", True),
    # one who refuses to rule something out leaves it open; one who refuses to meet rejects
    ("The official refused to rule out retaliation against the tariffs.", "refuse", False),
    ("The governor refused to meet the strikers.", "refuse", True),
    # what provides "for" something arranges it; one who provides something gives it
    ("The accord provides for a common resolution of the problem.", "provide", False),
    ("The minister is providing for family members of the troops to fly home.", "provide", False),
    ("Canada provided food for the refugees.", "provide", True),
    # a response to a proposal is a reply; one "we will not leave without" threatens
    ("The bank committee will discuss its response to a novel proposal by the finance minister.", "response", False),
    ("\"We will not leave this without a response,\" the Iranian minister said.", "response", True),
    # a market's supply and demand, and a reform of farms or taxes, are economics
    ("Phelps predicted a fall in U.S. supply and a slight demand increase by 1990.", "supply", False),
    ("Phelps predicted a fall in U.S. supply and a slight demand increase by 1990.", "demand", False),
    ("A glut will follow as the excess supply reaches the market.", "supply", False),
    ("The convoy brought supplies to the besieged town.", "supply", True),
    ("The government introduced sweeping farm reforms last year.", "reform", False),
    ("The king introduced reforms to the electoral law.", "reform", True),
    # what a war or a crisis threatens is at risk, and so is what "they" threaten when they are things
    ("Oil supplies are increasingly threatened by the Gulf war.", "threaten", False),
    ("Kuwait was threatened by Iran.", "threaten", True),
    ("Oil imports rose sharply last year. In any year they threaten to top half of consumption.", "threaten", False),
    ("The rebels seized the town. They threatened to kill the hostages.", "threaten", True),
])
def test_a_word_is_an_event_only_in_its_sense(nlp, sentence, word, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lemma_ == word]
    assert bool(found) is fires


@pytest.mark.slow
@pytest.mark.parametrize("sentence, fires", [
    # a participle of result tells what followed; allowing someone to act is a concession
    ("The governments subsidised the consortium, allowing it to undercut its rivals.", False),
    ("Donors would pay part of the interest bill, allowing the government to save hard currency.", False),
    ("The junta allowed opposition parties to campaign.", True),
    ("The junta is allowing opposition parties to campaign.", True),
    # a relative clause's "which" is its noun: a thing allows nothing, a party does
    ("The rising prices, which allowed farmers to repay their debts, delighted the ministry.", False),
    ("The junta, which allowed opposition parties to campaign, lost the vote.", True),
])
def test_what_a_result_clause_allows_is_no_concession(nlp, sentence, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lemma_ == "allow"]
    assert bool(found) is fires


@pytest.mark.slow
def test_phrase_wins_over_its_words(nlp):
    found = find_triggers(nlp("Dockers went on a hunger strike."))
    assert [(t.text, t.entry.mode) for t in found] == [("hunger strike", "strike-hun")]


@pytest.mark.slow
def test_names_and_adjectival_participles_are_not_triggers(nlp):
    doc = nlp("The Freedom Support Act passed. They toured the heavily-bombed town.")
    assert find_triggers(doc) == []


ADJECTIVAL = load_lexicon("triggers")["adjectival_types"]


@pytest.mark.slow
@pytest.mark.parametrize("row", ADJECTIVAL, ids=[r["type"] for r in ADJECTIVAL])
def test_adjectival_participle_of_listed_type_is_a_trigger(row, nlp):
    found = find_triggers(nlp(row["example"]))
    assert any(t.event_type == row["type"] and t.token.dep_ == "amod" for t in found), (
        row["example"], [(t.text, t.event_type, t.token.dep_) for t in found])
    if row.get("counter_example"):
        found = find_triggers(nlp(row["counter_example"]))
        assert not any(t.event_type == row["type"] and t.token.dep_ == "amod" for t in found), (
            row["counter_example"], [(t.text, t.event_type, t.token.dep_) for t in found])


WITH_PREPS = [r for r in load_lexicon("triggers")["triggers"] if r.get("preps")]


@pytest.mark.slow
@pytest.mark.parametrize("row", WITH_PREPS, ids=[r["lemma"] for r in WITH_PREPS])
def test_entry_preps_give_the_recipient(row, nlp):
    from eventwire.coder.entities import PlainResolver, entities_for
    from eventwire.coder.roles import arguments_of

    doc = nlp(row["example"])
    trig = next(t for t in find_triggers(doc) if t.token.lemma_.lower() == row["lemma"])
    assert any(row["recipient"] in e.text for e in entities_for(arguments_of(trig).recipients, PlainResolver(doc)))


@pytest.mark.parametrize("sentence, released", [
    ("The army released the mayor of the town.", True),  # a role noun of the actor gazetteer
    ("The rebels released Ahmed Salim on Monday.", True),  # a person's name
    ("The ministry released a statement on Monday.", False),
    ("The band released a new album.", False),
])
def test_release_of_people_is_a_retreat(nlp, sentence, released):
    types = {t.entry.event_type for s in nlp(sentence).sents for t in find_triggers(s)}
    assert ("RETREAT" in types) == released


@pytest.mark.parametrize("sentence, event_type", [
    ("Canada lifted its trade embargo on the island.", "RETREAT"),  # CAMEO 085: ease economic sanctions
    ("The army lifted the curfew in the northern province.", "CONCEDE"),  # CAMEO 081: ease administrative ones
])
def test_lifting_follows_the_cameo_to_plover_table(nlp, sentence, event_type):
    lifted = [t for s in nlp(sentence).sents for t in find_triggers(s) if t.token.lemma_ == "lift"]
    assert [t.entry.event_type for t in lifted] == [event_type]


@pytest.mark.slow
@pytest.mark.parametrize("text, fires", [
    ("The summit would provide the ministers with their first chance to talk.", False),
    ("The donors provided the flood victims with tents and blankets.", True),
])
def test_what_is_provided_with_is_what_is_provided(text, fires, nlp):
    # "provide X with Y": Y is what is given, and a chance is no aid
    found = [t for t in find_triggers(nlp(text)) if t.token.lemma_ == "provide" and t.event_type == "AID"]
    assert bool(found) is fires


@pytest.mark.parametrize("sentence, trigger, fires", [
    ("It was a very reasonable request, the minister said.", "request", False),  # said of something
    ('"The timetable made it a reasonable request," he said.', "request", False),
    ("The minister said there would be retaliation.", "retaliation", True),  # existential: it happens
    ("Iran made a request for talks.", "request", True),
])
def test_a_speech_act_noun_said_of_something_reports_no_act(nlp, sentence, trigger, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lower_ == trigger]
    assert bool(found) is fires


@pytest.mark.parametrize("sentence, trigger, fires", [
    # a warning about a state of affairs comments on it; a warning of an act, to someone or of what will happen
    # threatens
    ("The minister warned about the dangers of rising inflation.", "warned", False),
    ("The bank warned of a sharp slowdown in the economy.", "warned", False),
    ("The minister warned of reprisals.", "warned", True),
    ("Iran warned the U.S. of grave consequences.", "warned", True),
    # a clash over an issue is a quarrel; over a time or a place it is a fight
    ("Britain and Japan clashed today over demands for access to the Tokyo exchange.", "clashed", False),
    ("Troops and rebels clashed over the weekend.", "clashed", True),
    ("Indian and Chinese troops clashed over the border on Monday.", "clashed", True),
])
def test_a_warning_on_a_topic_and_a_clash_over_an_issue_are_no_threat_or_fight(nlp, sentence, trigger, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lower_ == trigger]
    assert bool(found) is fires


@pytest.mark.parametrize("sentence, expected", [
    ("American forces launched a retaliatory strike against Iran.", "ASSAULT"),
    ("The army carried out a military strike on rebel positions.", "ASSAULT"),
    ("Dockers began a strike over pensions.", "PROTEST"),
    # against a state or a place: an attack; against a company or the government: a walkout
    ("Tehran warned of revenge for any American strike against Libya.", "ASSAULT"),
    ("The miners began a strike against the Coal Board.", "PROTEST"),
    ("Teachers called a strike against the government.", "PROTEST"),
])
def test_a_military_strike_is_an_attack_not_a_walk_out(nlp, sentence, expected):
    found = [t.entry.event_type for t in find_triggers(nlp(sentence)) if t.token.lower_ == "strike"]
    assert found == [expected]


@pytest.mark.parametrize("sentence, fires", [
    # a question is no request, however deep its wh-word hangs ("how" under "much")
    ("When asked how much was left of the bridge, the minister said nothing.", False),
    ("The minister was asked why the army had withdrawn.", False),
    ("Reporters asked the minister whether the talks had failed.", False),
    ("Albania asked Greece to extradite the suspect.", True),
    # an opening participle that names no asker is the reporter's question, wherever the parser hangs it
    ("Asked if the talks had failed, Mubarak declined to give details.", False),
    ("Asked about the talks, the envoy said nothing.", False),
    ("Asked by Peru to mediate, Chile sent an envoy.", True),
    ("Asked to extradite the suspect, Greece agreed.", True),
])
def test_asking_a_question_is_no_request(nlp, sentence, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lemma_ == "ask"]
    assert bool(found) is fires


@pytest.mark.parametrize("sentence, fires", [
    # party_object: one meets someone; an object that names no party is met in another sense
    ("We will be prepared to meet any escalation by Iran with stronger countermeasures.", False),
    ("The seafarers refused to meet rollbacks in wages.", False),
    ("Spending is needed to meet government pledges to stimulate the economy.", False),
    ("The minister met his Syrian counterpart.", True),
    ("Arafat met him in Tunis.", True),
    ("The two leaders met on Friday.", True),
])
def test_a_meeting_is_with_a_party(nlp, sentence, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lemma_ == "meet" and t.entry.event_type == "CONSULT"]
    assert bool(found) is fires


@pytest.mark.parametrize("sentence, lemma, fires", [
    # an infinitive complement with its object or complement: no comment, no request
    ("A police spokesman refused to give further details.", "refuse", False),
    ("The governor refused to give permission for the march.", "refuse", True),
    ("One official, who asked to remain anonymous, said the draft was ready.", "ask", False),
    ("Egypt asked U.N. troops to remain in Sinai.", "ask", True),
    # a threat with no owner to no party is a danger
    ("Reagan said the threat to oil routes from attacks was high on the agenda.", "threat", False),
    ("Iran's threat to Kuwait alarmed the Gulf states.", "threat", True),
    ("The Iranian threat to Kuwaiti shipping alarmed the Gulf states.", "threat", True),
])
def test_complements_and_objects_that_make_no_event(nlp, sentence, lemma, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lemma_ == lemma]
    assert bool(found) is fires


def test_cutting_off_a_debate_is_no_sanction(nlp):
    assert not [t for t in find_triggers(nlp("The Senate cut off Republican stalling tactics.")) if t.token.lower_ == "cut"]
    assert [t for t in find_triggers(nlp("The utility cut off power to the rebel province.")) if t.token.lower_ == "cut"]


def test_demonstrating_that_something_is_so_is_no_protest(nlp):
    # intransitive: a clause complement, like an object, makes it "show"
    text = "The news conference was an opportunity for Reagan to demonstrate he was in command of affairs."
    assert not [t for t in find_triggers(nlp(text)) if t.token.lemma_ == "demonstrate"]
    assert [t for t in find_triggers(nlp("Students demonstrated outside the ministry.")) if t.token.lemma_ == "demonstrate"]


@pytest.mark.parametrize("sentence, lemma, event_type", [
    # one meets a party, but meets with a reception: "met with objections" encounters them
    ("The commissioner said he met with fierce objections from the governors.", "meet", None),
    ("The commissioner met with the governors in Lyon.", "meet", "CONSULT"),
    # a warning of what has been is an assessment; a warning of what will be, shifted into the past or not, threatens
    ("A banker warned that the ministry had been slow to act on the schemes.", "warn", None),
    ("The general warned that the army was ready to strike at the border posts.", "warn", "THREATEN"),
    ("The general warned that the army would strike at the border posts.", "warn", "THREATEN"),
    # demand in the economic sense is spending
    ("Officials want to stimulate consumer demand before the election.", "demand", None),
    ("The ministry expects weak export demand this year.", "demand", None),
    ("The strikers repeated their demand for a pay rise.", "demand", "REQUEST"),
    ("Exporters hope a resurgence of demand from Asia will help them.", "demand", None),
    ("Traders expect a further rise in demand for steel.", "demand", None),
    # trying is not asking
    ("The ministers sought to present the accord as a victory.", "seek", None),
    ("The kingdom sought emergency loans from its neighbours.", "seek", "REQUEST"),
    # refusing to discuss: a comment withheld, unless the talks would be with someone
    ("The ambassador declined to discuss what steps his country might take.", "decline", None),
    ("The ambassador declined to discuss what steps his country might take.", "discuss", None),
    ("The rebels refused to discuss a truce with the army.", "refuse", "REJECT"),
    # one declines to act or declines an offer; a figure that declines falls
    ("The country's foreign debt will continue to decline, the minister said.", "decline", None),
    ("The envoy declined the invitation to the talks.", "decline", "REJECT"),
    # one suspends talks or aid to someone; suspending one's own protests is no sanction
    ("The farmers' leaders said they were suspending protests for a week.", "suspend", None),
    # a delivery of goods is aid; one of a speech, or from a vault, is not
    ("In a speech prepared for delivery to the chamber, he praised the accord.", "delivery", None),
    ("The convoy completed the delivery of food to the camp.", "delivery", "AID"),
    # agreeing that something is so shares a judgement; agreeing that something will be done is an agreement
    ("Government economists agreed the economy is better placed to cope with the fall.", "agree", None),
    ("Several officials agreed that the real obstacle is the fiscal policy.", "agree", None),
    ("Iran and Iraq agreed that the prisoners would be exchanged in May.", "agree", "AGREE"),
    ("Bank analysts agreed that the company has cut its costs faster than its rivals.", "agree", None),
    ("The other ministers agreed that it was not a sight which inspired confidence.", "agree", None),
    ('The state premier agreed, "Things are moving pretty quickly now."', "agree", None),
    ("The two sides agreed that the talks are to resume in May.", "agree", "AGREE"),
    # a poll's share of support is a figure
    ("A poll showed 39 pct support for the ruling party.", "support", None),
    ("Polls show a surge in support for the prime minister.", "support", None),
    # people who were held are detained; holding a share of a debt owed to banks detains no one
    ("Ten persons were held after the riot.", "hold", "COERCE"),
    ("Foreign banks hold only 35 pct of the country's debt to banks.", "hold", None),
    # supporting prices is economic policy; supporting a party's bid is support
    ("The ministry spends heavily to support farm prices.", "support", None),
    ("Chile supports Peru's bid for the seat.", "support", "SUPPORT"),
    # a warning about what a thing will do predicts; about what a party will do, it threatens
    ("The central bank warned that oil prices would rise sharply.", "warn", None),
    ("The minister warned that the ceasefire could collapse within days.", "warn", None),
    ("Iran warned that its forces would strike at the tankers.", "warn", "THREATEN"),
    ("Iran warned that any attack would be met with force.", "warn", "THREATEN"),
    ("The minister warned that there would be consequences.", "warn", "THREATEN"),
    # fighting a bill, or fighting to keep something, is a struggle in words or votes
    ("The administration would fight protectionist legislation in Congress.", "fight", None),
    ("The union is fighting to protect its members.", "fight", None),
    ("Government troops fought the rebels near the border.", "fight", "ASSAULT"),
    # an attack on a policy is made in words
    ("The senator attacked the administration's farm policy.", "attack", "ACCUSE"),
    ("Gunmen attacked the governor's convoy.", "attack", "ASSAULT"),
    ("The president will attack unfair trade practices worldwide.", "attack", "ACCUSE"),
    # what backs savings, loans or a currency guarantees them; backing a party supports it
    ("Depositors need not worry: their savings are fully backed by the government.", "back", None),
    ("The loans to the shipyard are backed by the state.", "back", None),
    ("The rebels are backed by the neighbouring army.", "back", "SUPPORT"),
    # "in response to" gives a reason; a response announced to come is a threat
    ("Investors sold bonds, perhaps in response to the trade sanctions.", "response", None),
    ("The minister said there would be a firm response to any attack.", "response", "THREATEN"),
    # attacking a deficit or inflation is policy; attacking a town is an assault
    ("The new cabinet will attack inflation with higher rates.", "attack", None),
    ("Rebels will attack the town again, the army said.", "attack", "ASSAULT"),
    ("The plan is a frontal attack on waste in the ministries.", "attack", None),
    # one frees people; freed prices or funds are no release
    ("The government freed prices on bread and milk.", "free", None),
    ("The rebels freed three hostages on Sunday.", "free", "RETREAT"),
    # one sanctions a party; sanctioning a sale approves it
    ("The ministry sanctioned the sale of the steel mill.", "sanction", None),
    ("The council sanctioned two generals over the coup.", "sanction", "SANCTION"),
    # one seeks help from a party; seeking a term or a bill's passage is running for it
    ("The premier, who is seeking a third term, spoke in Perth.", "seek", None),
    ("The party will seek the passage of the tax bills.", "seek", None),
    ("Zambia is seeking food aid from its neighbours.", "seek", "REQUEST"),
    # declining to refute or deny a charge withholds comment; declining to meet refuses
    ("The professor declined to refute the minister's charge.", "decline", None),
    ("The spokesman refused to deny the reports.", "refuse", None),
    ("Canada declined to state a position on the proposal.", "decline", None),
    ("The banker declined to go into details about the loans.", "decline", None),  # a verb with its "into" object
    ("The envoy declined to go to the talks in Geneva.", "decline", "REJECT"),
    ("The governor refused to meet the strikers' leaders.", "refuse", "REJECT"),
    # fighting unfair practices is trade policy
    ("The administration uses the trade law to fight unfair practices.", "fight", None),
    # a party threatens; a thing that threatens puts something at risk, whoever's thing it is
    ("The dispute threatened to derail the talks.", "threaten", None),
    ("The imposition of tariffs threatens to unravel the accord.", "threaten", None),
    ("The U.S. imposition of tariffs threatens to unravel the accord.", "threaten", None),
    ("The two sides threatened to leave the talks.", "threaten", "THREATEN"),
    ("Kuwait's neighbours threatened to close the border.", "threaten", "THREATEN"),
    ("The rebels, who threatened to kill the hostages, fled.", "threaten", "THREATEN"),
    ("Tehran radio threatened to close the strait.", "threaten", "THREATEN"),
    ("The Commission has threatened to stop paying the subsidies.", "threaten", "THREATEN"),
    ("Thousands more were threatening a strike over pay cuts.", "threaten", "THREATEN"),
    ("The bondholders threatened to sue the company.", "threaten", "THREATEN"),
    # condemning to a fate dooms or sentences
    ("The tariffs could condemn the world to a long trade war.", "condemn", None),
    ("The court condemned the three men to death.", "condemn", None),
    ("Nigeria condemned the coup in Niger.", "condemn", "ACCUSE"),
    # troops that evacuate a stronghold leave it; evacuating the wounded rescues them
    ("The Libyan troops evacuated their last stronghold in the north.", "evacuate", "RETREAT"),
    ("Helicopters evacuated the wounded from the valley.", "evacuate", "AID"),
    # what an adjective's subject is "easy to meet" is met: rules are satisfied, an envoy is met
    ("The new capital rules are easier to meet.", "meet", None),
    ("The envoy is easy to meet.", "meet", "CONSULT"),
    # providing seats on an exchange is no aid
    ("Japan is providing more seats on the exchange for foreign firms.", "provide", None),
    # fighting the market's mood is no fight
    ("The central bank should stop trying to fight the market's bearish sentiment.", "fight", None),
    # suspending one's own fast is no sanction; power supplies are a utility
    ("The union leader said he would not suspend his fast.", "suspend", None),
    ("Power supplies were not affected by the blast.", "supply", None),
    ("The convoy brought medical supplies to the camp.", "supply", "AID"),
    # appealing against a ruling is a legal step; appealing for calm asks
    ("The defendant will appeal against the ruling in the high court.", "appeal", None),
    ("The bishop appealed for calm in the capital.", "appeal", "REQUEST"),
    # withdrawing a stake is finance; troops withdraw
    ("The governor had not withdrawn his stake in the bank.", "withdraw", None),
    ("The army withdrew from the town.", "withdraw", "RETREAT"),
    # halting payment of one's debts is a moratorium; halting aid to a party is a sanction
    ("Brazil halted payment of interest on its foreign debt.", "halt", None),
    ("The donors halted aid to the junta.", "halt", "SANCTION"),
    # troops attack positions; a senator attacks a position
    ("Four rebel divisions attacked Iraqi positions east of the port.", "attack", "ASSAULT"),
    ("The senator attacked the administration's position on taxes.", "attack", "ACCUSE"),
    ("The dockers' union attacked the loss figures given for the port.", "attack", "ACCUSE"),
    # a unit backed or supported by its weapons is armed, not supported by a party
    ("An infantry brigade, backed by tanks, launched the attack.", "back", None),
    ("The assault, supported by artillery, began at dawn.", "support", None),
    ("The rebels, backed by Rwanda, seized the town.", "back", "SUPPORT"),
    # asked to comment: an interview, no request
    ("Asked to comment on the new price freeze, the envoy said he had read only a summary.", "ask", None),
    ("The envoy was asked to comment on the freeze.", "ask", None),
    # aid that is halved is a sanction, not aid given
    ("The assembly voted to halve military aid to the regime.", "aid", None),
    ("The assembly voted to halve military aid to the regime.", "halve", "SANCTION"),
])
def test_senses_that_change_or_stop_the_event(nlp, sentence, lemma, event_type):
    found = [t.event_type for t in find_triggers(nlp(sentence)) if t.token.lemma_ == lemma]
    assert found == ([event_type] if event_type else []), found


def test_an_indirect_question_parsed_as_a_relative_clause_is_still_a_question(nlp):
    # no noun takes a relative clause opened by "how": the question hangs on the wrong word, the asking is the press's
    text = "Asked at the start of the session how he felt about the raid, the envoy said he regretted it."
    assert not [t for t in find_triggers(nlp(text)) if t.token.lemma_ == "ask"]
    text = "Albania asked Greece, which had refused before, to extradite the suspect."
    assert [t for t in find_triggers(nlp(text)) if t.token.lemma_ == "ask"]



@pytest.mark.parametrize("sentence, fires", [
    # an infinitive of purpose is an infinitive: fighting to prevent a deal's collapse is no assault
    ("The farm ministers were fighting hard today to prevent the accord from collapsing.", False),
    ("Troops fought to retake the town.", True),
    # one fights a party, not a thing: "raised rates to fight inflationary fears" is no assault
    ("The central bank raised interest rates to fight inflationary fears.", False),
    ("The bank is fighting rising prices with higher rates.", False),
    ("Government troops fought the guerrillas near the border.", True),
    ("The rival militias fought them for two days.", True),
])
def test_fighting_to_keep_a_thing_is_no_assault(nlp, sentence, fires):
    found = [t for t in find_triggers(nlp(sentence)) if t.token.lemma_ == "fight"]
    assert bool(found) is fires


def test_a_clash_with_casualties_is_a_fight_whatever_it_was_over(nlp):
    text = "One man died and nine were injured after villagers and the police clashed over the route of a procession."
    assert [t.event_type for t in find_triggers(nlp(text)) if t.token.lemma_ == "clash"] == ["ASSAULT"]
    assert not [t for t in find_triggers(nlp("Britain and Japan clashed over access to the exchange."))
                if t.token.lemma_ == "clash"]


def test_a_participle_standing_as_a_noun_is_a_person_not_an_event(nlp):
    assert not [t for t in find_triggers(nlp("The police questioned the accused on Monday.")) if t.token.lower_ == "accused"]
    assert [t for t in find_triggers(nlp("The police accused the mayor of fraud.")) if t.token.lower_ == "accused"]


@pytest.mark.parametrize("sentence, fires", [
    ("The minister said the fall involves a tangible threat of a new surge of inflation.", False),
    ("Washington renewed its threat of sanctions against Tokyo.", True),
    ("The union's threat of a strike worried the government.", True),
])
def test_a_threat_of_a_thing_with_no_owner_is_a_danger(nlp, sentence, fires):
    assert bool([t for t in find_triggers(nlp(sentence)) if t.token.lemma_ == "threat"]) is fires


@pytest.mark.parametrize("words, deps, heads, expected", [
    # a predicate noun beside an object characterises it: "made it a request"
    (["Iran", "made", "it", "a", "request"], ["nsubj", "ROOT", "dobj", "det", "oprd"], [1, 1, 1, 4, 1], True),
    # with no object beside it, it is the object misread: "called a strike" calls one
    (["Parties", "called", "a", "strike"], ["nsubj", "ROOT", "det", "oprd"], [1, 1, 3, 1], False),
])
def test_a_predicate_noun_needs_an_object_to_be_said_of(nlp, words, deps, heads, expected):
    from spacy.tokens import Doc

    from eventwire.coder.trigger_senses import predicative
    pos = ["PROPN" if w[0].isupper() and i == 0 else ("VERB" if d == "ROOT" else "NOUN" if d in ("oprd", "nsubj")
           else "PRON" if w == "it" else "DET") for i, (w, d) in enumerate(zip(words, deps))]
    doc = Doc(nlp.vocab, words=words, deps=deps, heads=heads, pos=pos)
    assert predicative(doc[len(words) - 1]) is expected


@pytest.mark.slow
@pytest.mark.parametrize("sentence, word", [
    # one asks someone, for something or to do something; asking a question is no request
    ('"Will they withdraw the troops?" the minister asked.', "asked"),
    # a participle opened by "for" is an idiom's: "take X for granted" grants nothing
    ("Ottawa says Washington has tended to take Canada for granted.", "granted"),
])
def test_no_trigger_in_an_idiom_or_a_question(nlp, sentence, word):
    assert not [t for t in find_triggers(nlp(sentence)) if t.token.lower_ == word]


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "Albania asked Greece to extradite the suspect.",
    "Albania asked for help from the United Nations.",
    "Greece was asked to extradite the suspect.",
])
def test_a_request_asks_someone_or_for_something(nlp, sentence):
    assert [t for t in find_triggers(nlp(sentence)) if t.token.lower_ == "asked" and t.event_type == "REQUEST"]


@pytest.mark.slow
@pytest.mark.parametrize("sentence, word, fires", [
    # an intransitive trigger in the passive is its transitive sense: shown, needed - unless people asked
    ("The president's weakness has been demonstrated by the Senate's vote on the bill.", "demonstrated", False),
    ("Deep reforms are called for, the minister said.", "called", False),
    ("An inquiry was called for by the opposition parties.", "called", True),
])
def test_an_intransitive_trigger_in_the_passive(nlp, sentence, word, fires):
    assert bool([t for t in find_triggers(nlp(sentence)) if t.token.lower_ == word]) is fires


@pytest.mark.slow
@pytest.mark.parametrize("sentence, fires", [
    # agreeing on a judgement is sharing an opinion; agreeing on what will be done is an agreement
    ("All the ministers agreed that a further fall in the dollar would be harmful.", False),
    ("Analysts agreed the army's reaction was measured and reasonable.", False),
    ("Iran and Iraq agreed that the prisoners would be freed.", True),
])
def test_agreeing_on_a_judgement_is_no_agreement(nlp, sentence, fires):
    assert bool([t for t in find_triggers(nlp(sentence)) if t.token.lower_ == "agreed"]) is fires


@pytest.mark.slow
def test_agreeing_on_the_past_is_a_shared_view(nlp):
    found = find_triggers(nlp("Analysts agreed that going after the rig reflected a careful bid to limit the fallout."))
    assert not [t for t in found if t.token.lower_ == "agreed"]


@pytest.mark.slow
@pytest.mark.parametrize("sentence, word, expected", [
    # a noun for people by what they do ends like one and is long enough; a short "-er" noun is a thing
    ("The bond holders threatened to sue.", "holders", True),
    ("The letter carriers went on strike.", "carriers", True),
    ("The order was signed on Monday.", "order", False),
    ("The power was cut on Monday.", "power", False),
])
def test_an_agent_noun_names_people(nlp, sentence, word, expected):
    from eventwire.coder.trigger_senses import agent_noun
    assert agent_noun(next(t for t in nlp(sentence) if t.lower_ == word)) is expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # one person or a policy "under attack" is criticised ...
    ("The finance minister, who drew up the plan, has come under attack over the past few days.", "ACCUSE"),
    ("The president, whose handling of the economy is under attack at home, met the bankers.", "ACCUSE"),
    # ... many people, a unit, a place, or anyone attacked "from" or "by" someone is attacked
    ("Soldiers on patrol came under attack near the border.", "ASSAULT"),
    ("The minister came under attack from gunmen on the airport road.", "ASSAULT"),
    # ... unless it is blamed "for" doing something
    ("The Community has come under attack from the sugar exporters for dumping its surplus on world markets.",
     "ACCUSE"),
    ("The town came under attack at dawn.", "ASSAULT"),
    # a state blamed "for" a gerund is criticised; "for" a time is no deed
    ("The kingdom is now under attack for its aggressive selling of cheap loans abroad.", "ACCUSE"),
    ("The republic came under attack for its handling of the refugee crisis.", "ACCUSE"),
    ("The kingdom came under attack for several hours during the night.", "ASSAULT"),
    # so too a verb that blames its object "for" a deed; "for" a time names no deed
    ("The senators attacked the government for its handling of the crisis.", "ACCUSE"),
    ("Opposition leaders attacked the premier for failing to stop the currency's rise.", "ACCUSE"),
    ("Rebels attacked the garrison for the third time this week.", "ASSAULT"),
    ("Guerrillas attacked the town for two hours.", "ASSAULT"),
])
def test_under_attack_or_attacked_for_a_deed_is_criticism(text, expected, nlp):
    found = [t for t in find_triggers(nlp(text)) if t.token.lemma_.lower() == "attack"]
    assert found and found[0].entry.event_type == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, word", [
    # fighting to regain something is an effort, no fight with anyone
    ("President Reagan, fighting to regain public confidence after the scandal, admitted the mistake.", "fighting"),
    ("The ruling party is fighting to survive the vote of confidence.", "fighting"),
    # asking questions asks for nothing
    ('"I asked so many questions about the hostages," Reagan said.', "asked"),
    # one fired from a post is dismissed
    ("The committee may grant immunity to Oliver North, who was fired from the National Security Council.", "fired"),
    ("The Kenyan president fired his defence minister on Monday.", "fired"),
])
def test_a_word_in_another_sense_is_no_trigger(nlp, text, word):
    assert not [t for t in find_triggers(nlp(text)) if t.text == word]


@pytest.mark.slow
@pytest.mark.parametrize("text, word", [
    ("Two Iraqi soldiers were fired on by Iranian troops.", "fired"),
    ("Kenyan troops fired into the crowd of Ugandan protesters.", "fired"),
    ("Tanks fired shells at the fortress.", "fired"),
])
def test_a_word_in_its_sense_is_a_trigger(nlp, text, word):
    assert [t for t in find_triggers(nlp(text)) if t.text == word]


@pytest.mark.slow
@pytest.mark.parametrize("text, fires", [
    # a participle with a "by" agent set off after a noun and a comma is said of that noun ...
    ("The minister leaked a report, quickly shot down by his colleagues, that the bank chief would go.", False),
    # ... and a person so shot was fired on
    ("Two students, shot by police at the rally, died in hospital.", True),
])
def test_a_reduced_relative_participle_has_its_nouns_object(text, fires, nlp):
    assert bool([t for t in find_triggers(nlp(text)) if t.text == "shot"]) == fires
