"""Every cue of lexicon/factuality.yml decides the factuality of its example."""
from __future__ import annotations

import pytest

from eventwire.coder.factuality import factuality_of, subject_is_document
from eventwire.coder.lexicons import load_lexicon

DATA = load_lexicon("factuality")
CUES = [row for key in ("negators", "modals", "modifiers", "governors", "conditions", "performatives")
        for row in DATA[key]] + [
    {**row, "word": key} for key in ("future_times", "circumstance_markers", "generic_determiners", "occurrence_verbs",
                                    "certainty_nouns", "continuation_verbs")
    for row in DATA[key]["examples"]]


def _trigger(doc, lemma):
    toks = [t for t in doc if lemma in (t.lemma_.lower(), t.lower_)]
    assert toks, (doc.text, lemma)
    return toks[0]


@pytest.mark.slow
@pytest.mark.parametrize("row", CUES, ids=[f"{i}-{r.get('word', r.get('lemma'))}" for i, r in enumerate(CUES)])
def test_cue_decides_its_example(row, nlp):
    doc = nlp(row["example"])
    assert factuality_of(_trigger(doc, row["trigger"])).value == row["expect"]
    if "counter_example" in row:
        doc = nlp(row["counter_example"])
        assert factuality_of(_trigger(doc, row["counter_trigger"])).value == "asserted"


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["document_nouns"], ids=[r["lemma"] for r in DATA["document_nouns"]])
def test_document_noun_is_not_an_actor(row, nlp):
    doc = nlp(row["example"])
    assert subject_is_document(_trigger(doc, row["trigger"]))


@pytest.mark.slow
def test_a_document_is_the_subject_of_a_verb_joined_to_its_own(nlp):
    # "That pact, agreed last year, calls on Japan to ...": the pact's terms, no one's request
    doc = nlp("That pact, agreed last year after months of negotiations, calls on Japan to stop selling chips.")
    assert subject_is_document(_trigger(doc, "call"))
    doc = nlp("Iran signed the accord and called on Iraq to withdraw.")
    assert not subject_is_document(_trigger(doc, "call"))
    # ... and of a relative clause on it ("an agreement that called on it to ...")
    doc = nlp("The United States accused Japan of reneging on an agreement that called on it to stop selling chips.")
    assert subject_is_document(_trigger(doc, "call"))
    doc = nlp("Iran backed the envoy who called on Iraq to withdraw.")
    assert not subject_is_document(_trigger(doc, "call"))


@pytest.mark.slow
def test_plain_statement_is_asserted_and_not_document(nlp):
    doc = nlp("The senators called for sanctions against the regime.")
    assert factuality_of(_trigger(doc, "call")).value == "asserted"
    assert not subject_is_document(_trigger(doc, "call"))


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger", [
    ("The peace plan was rejected by the Bosnian Serbs.", "rejected"),
    ("The report was condemned by the Russian foreign ministry.", "condemned"),
])
def test_a_text_that_undergoes_a_speech_act_is_no_speaker(sentence, trigger, nlp):
    assert not subject_is_document(_trigger(nlp(sentence), trigger))


@pytest.mark.slow
def test_reported_would_is_a_commitment(nlp):
    doc = nlp("Ghana announced it would send troops to Mali.")
    fact = factuality_of(_trigger(doc, "send"))
    assert (fact.value, fact.reported, fact.commitment) == ("future", True, True)


@pytest.mark.slow
def test_no_plans_negates(nlp):
    doc = nlp("Officials insisted there are no plans to provide weapons to the rebels.")
    assert factuality_of(_trigger(doc, "provide")).value == "negated"


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["third_party_reporters"], ids=[r["lemma"] for r in DATA["third_party_reporters"]])
def test_a_third_party_report_is_no_commitment(row, nlp):
    fact = factuality_of(_trigger(nlp(row["example"]), row["trigger"]))
    assert fact.reported and fact.has_future and not fact.commitment


@pytest.mark.slow
def test_the_actor_announcing_its_own_act_commits(nlp):
    fact = factuality_of(_trigger(nlp("The two ministers said they will meet in Rome next week."), "meet"))
    assert fact.commitment


@pytest.mark.slow
def test_speculation_is_hypothetical_and_marked(nlp):
    doc = nlp("The envoy said he would not be surprised to see the border discussed by the two presidents.")
    fact = factuality_of(_trigger(doc, "discuss"))
    assert (fact.value, fact.speculative) == ("hypothetical", True)
    demand = factuality_of(_trigger(nlp("The envoy urged the army to withdraw."), "withdraw"))
    assert demand.value == "hypothetical" and not demand.speculative
    # an act said unlikely through a verb of making is guessed at, not told
    for text, trigger in [
            ("The delegates said they would block the plan, making an accord at the conference unlikely.", "accord"),
            ("Officials said the floods had made a visit by the king unlikely.", "visit")]:
        fact = factuality_of(_trigger(nlp(text), trigger))
        assert (fact.value, fact.speculative) == ("hypothetical", True), text


@pytest.mark.slow
def test_a_reported_plan_keeps_its_type(nlp):
    from eventwire.coder import code_text
    events = code_text("The G7 finance ministers will meet in Rome next week, sources close to the Italian "
                       "Foreign Ministry said.", nlp=nlp)
    assert [(e.event_type, e.factuality) for e in events] == [("CONSULT", "future")]
    pledged = code_text("The Kenyan government said it will send aid to Uganda.", nlp=nlp)
    assert [e.event_type for e in pledged] == ["AGREE"]


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger", [
    ("An official said Japan and the United States were expected to hold talks in September.", "talks"),
    ("A spokesman said the envoy is due to visit Accra on Monday.", "visit"),
])
def test_a_reported_timetable_or_expectation_is_no_commitment(text, trigger, nlp):
    fact = factuality_of(_trigger(nlp(text), trigger))
    assert fact.value == "future" and not fact.commitment


def test_an_unquoted_particle_is_refused(monkeypatch):
    """YAML reads a bare `off` or `on` as a boolean: a governor's particles must be quoted words."""
    from eventwire.coder import factuality

    real = factuality.load_lexicon

    def lexicon(name):
        data = real(name)
        if name == "factuality":
            data = {**data, "governors": [{"lemma": "call", "particle": [False], "factuality": "negated"}]}
        return data

    monkeypatch.setattr(factuality, "load_lexicon", lexicon)
    factuality.factuality_lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="quote its particles"):
            factuality.factuality_lexicon()
    finally:
        factuality.factuality_lexicon.cache_clear()


@pytest.mark.slow
def test_called_off_is_not_a_call_whatever_else_hangs_from_it(nlp):
    """The first reading whose particle the verb has decides: "called off ..., on Tenerife" is called off, and
    it is no call on anyone."""
    from eventwire.coder import code_doc

    doc = nlp("A stoppage was also called off in Santa Cruz, on Tenerife.")
    assert factuality_of(_trigger(doc, "stoppage")).value == "negated"
    assert not [e for e in code_doc(doc, article_id="t") if e.event_type == "REQUEST"]


@pytest.mark.slow
def test_a_plan_told_by_a_word_on_the_event_is_no_pledge(nlp):
    """"the planned visit", "a battle expected this fall": future, but no one's commitment (not re-coded)."""
    for text, lemma in (("The minister said the planned visit to Lagos would take place in May.", "visit"),
                        ("The senators said they would win the battle expected this fall.", "battle")):
        fact = factuality_of(_trigger(nlp(text), lemma))
        assert fact.value == "future" and not fact.commitment, text


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["infinitive_relative"]["examples"], ids=lambda r: r["trigger"])
def test_an_infinitive_on_a_noun_is_what_it_is_for(nlp, row):
    assert factuality_of(_trigger(nlp(row["text"]), row["trigger"])).value == row["expect"]


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["habitual_adverbs"]["examples"], ids=lambda r: r["expect"])
def test_would_with_a_habitual_adverb_is_a_past_habit(nlp, row):
    assert factuality_of(_trigger(nlp(row["text"]), row["trigger"])).value == row["expect"]


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["time_anchors"]["examples"], ids=lambda r: f'{r["trigger"]}-{r["expect"]}')
def test_an_event_that_dates_another_happened(nlp, row):
    assert factuality_of(_trigger(nlp(row["text"]), row["trigger"])).value == row["expect"]


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["speech_topics"]["examples"], ids=lambda r: f'{r["trigger"]}-{r["expect"]}')
def test_a_known_event_spoken_about_happened(nlp, row):
    assert factuality_of(_trigger(nlp(row["text"]), row["trigger"])).value == row["expect"]


@pytest.mark.parametrize("row", DATA["deliberation_topics"]["examples"], ids=lambda r: f'{r["trigger"]}-{r["expect"]}')
def test_an_open_question_deliberated_is_no_act(nlp, row):
    assert factuality_of(_trigger(nlp(row["text"]), row["trigger"])).value == row["expect"]


@pytest.mark.parametrize("row", DATA["denied_claims"]["examples"], ids=lambda r: f'{r["trigger"]}-{r["expect"]}')
def test_an_act_told_in_a_claim_called_false_is_denied(nlp, row):
    assert factuality_of(_trigger(nlp(row["text"]), row["trigger"])).value == row["expect"]


@pytest.mark.slow
def test_a_plan_inside_a_report_noun_is_no_pledge(nlp):
    """"said the reports that Iran intended to attack ships were accurate": someone else's account of the plan."""
    fact = factuality_of(_trigger(nlp("The spokesman said the reports that Iran intended to attack ships were "
                                      "accurate."), "attack"))
    assert fact.value == "future" and not fact.commitment
    fact = factuality_of(_trigger(nlp("The spokesman said Iran intended to attack the ships."), "attack"))
    assert fact.commitment  # the holder's own announcement, reported


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, expect", [
    # a negation above the condition clause belongs to the main clause: the conditional act is hypothetical
    ('"I do not know how they know, unless they talk to the Soviets," he said.', "talk", "hypothetical"),
    ("Nobody can say what will happen if the army attacks the town.", "attacks", "hypothetical"),
    ("The rebels did not attack the town.", "attack", "negated"),
    # a conjunct with its own subject is a clause of its own: the first clause's negation or modal is not its
    ("The loan was not due to be repaid until 1995, but Peru agreed to make an early payment.", "agreed", "asserted"),
    ("The rebels did not attack the town, but the army shelled it.", "shelled", "asserted"),
    ("The rebels will not attend and the army will boycott the talks.", "boycott", "future"),
    # so is a past-tense verb beside a bare one: "would defend ... and urged" urged, whatever the parse
    ("Chile said it would defend its fishing rights and urged Peru to accept arbitration.", "urged", "asserted"),
    # a conjunct that shares the subject shares the negation
    ("The army did not attack or destroy the town.", "destroy", "negated"),
    # what would have happened did not, after a verb of saying too, where "would" alone is the future of the past
    ("The official said Chile would have attacked the town.", "attacked", "hypothetical"),
    ("Had they agreed, Chile would have announced a suspension of sales to Peru.", "suspension", "hypothetical"),
    ("The official said Chile would attack the town.", "attack", "future"),
    # preparing to act or preparing an act announces it; preparing for talks others hold readies for them
    ("The army is preparing to attack the town.", "attack", "future"),
    ("Both sides must prepare for tough negotiations, the spokesman said.", "negotiations", "hypothetical"),
    # suspension negates what is suspended, not what the suspension is for
    ("The president suspended the talks with the opposition.", "talks", "negated"),
    # a guess predicated of an act as its subject leaves it unrealised; of what it goes on to do, not the act
    ("Traders said an Iranian blockade of the strait was unlikely.", "blockade", "hypothetical"),
    ("An attack on the capital now seems likely.", "attack", "hypothetical"),
    ("The blockade of the port was effective.", "blockade", "asserted"),
    ("The attacks on shipping are likely to continue.", "attacks", "asserted"),
])
def test_written_sentences_get_their_factuality(nlp, text, trigger, expect):
    """Conditions under a negation, conjunct clauses, counterfactuals, preparing, suspending and guessing."""
    assert factuality_of(_trigger(nlp(text), trigger)).value == expect


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, expect", [
    # a copula's subject governs the clause it is equated with
    ("The rumour was that the navy had attacked the port.", "attacked", "hypothetical"),
    ("Some of the rumours in the markets were that the army had attacked the port.", "attacked", "hypothetical"),
    ("The fear is that rebels will attack the town.", "attack", "hypothetical"),
    ("The problem is that the army attacked the town.", "attacked", "asserted"),
])
def test_a_clause_equated_with_a_governing_noun_is_governed(nlp, text, trigger, expect):
    assert factuality_of(_trigger(nlp(text), trigger)).value == expect


@pytest.mark.slow
def test_the_means_of_a_governing_verb_is_not_what_it_governs(nlp):
    doc = nlp("The opposition parties had delayed passage of the budget for three weeks by parliamentary boycotts.")
    assert factuality_of(_trigger(doc, "boycotts")).value == "asserted"


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger", [
    # a yes/no question asks whether it will happen or happened; it tells nothing
    ("Will the army withdraw from the border town?", "withdraw"),
    ('"Is the president going to meet the rebels?" a reporter asked.', "meet"),
])
def test_a_yes_no_question_is_hypothetical(sentence, trigger, nlp):
    fact = factuality_of(_trigger(nlp(sentence), trigger))
    assert (fact.value, fact.cue) == ("hypothetical", "?")


@pytest.mark.slow
def test_a_wh_question_takes_its_act_as_given(nlp):
    assert factuality_of(_trigger(nlp("Why did the army attack the village?"), "attack")).value != "hypothetical"


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger", [
    # what a noun is for is no pledge, however the sentence reports it
    ("The minister said Ankara would have the right to retaliate against the raids.", "retaliate"),
    ("Officials said Tokyo would appeal to the GATT for compensation or the right to retaliate.", "retaliate"),
])
def test_a_nouns_infinitive_under_a_reported_future_is_no_commitment(sentence, trigger, nlp):
    fact = factuality_of(_trigger(nlp(sentence), trigger))
    assert fact.value == "hypothetical" and not fact.commitment


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger, expect", [
    # a governing adjective is negated on its copula, or by a subject that is (almost) no one
    ("The generals were not prepared to attack the town.", "attack", "negated"),
    ("The rebels were not ready to meet the envoy.", "meet", "negated"),
    ("Few ministers were willing to criticise the treaty.", "criticise", "negated"),
    ("The rebels were ready to meet the envoy.", "meet", "future"),
])
def test_a_governing_adjective_takes_its_copulas_negation(sentence, trigger, expect, nlp):
    assert factuality_of(_trigger(nlp(sentence), trigger)).value == expect


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger", [
    # "call for X to do" hangs "for" on the clause; a "that" clause on a noun of request is what it asks
    ("The creditors called for the government to talk to the IMF.", "talk"),
    ("The president rejected calls that the army withdraw from the border.", "withdraw"),
])
def test_what_a_call_asks_for_did_not_happen(sentence, trigger, nlp):
    assert factuality_of(_trigger(nlp(sentence), trigger)).value != "asserted"


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger, expect", [
    # a governing verb's own conjunct is an act beside it, not its content
    ("The ministers promised not to raise taxes but rejected any new spending.", "rejected", "asserted"),
    ("The militia threatened and then attacked the convoy.", "attacked", "asserted"),
    # its negation still reaches the conjunct; its complement is still governed
    ("The rebels did not threaten or attack the convoy.", "attack", "negated"),
    ("The ministers promised to cut spending and reject the tax.", "reject", "future"),
])
def test_a_governors_conjunct_is_not_its_content(sentence, trigger, expect, nlp):
    assert factuality_of(_trigger(nlp(sentence), trigger)).value == expect


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger, expect", [
    # a fronted participle clause tells a circumstance of the main clause: the main clause's modal is not its own
    ("Angered by the attack on its embassy, Iran will retaliate.", "attack", "asserted"),
    ("Boxed in by opposition to his plans, the premier will be hard-pressed to act.", "opposition", "asserted"),
    ("Backed by tanks, the rebels will attack the town.", "attack", "future"),
])
def test_a_fronted_participle_clause_is_not_under_the_main_modal(sentence, trigger, expect, nlp):
    assert factuality_of(_trigger(nlp(sentence), trigger)).value == expect


@pytest.mark.slow
@pytest.mark.parametrize("sentence, trigger, expect, reported", [
    # a performative verb of saying does what its object names; another still reports it
    ("The EU will announce sanctions against the junta.", "sanction", "future", False),
    ("The EU did not announce sanctions against the junta.", "sanction", "negated", False),
    ("Iran did not report the attack on the tanker.", "attack", "asserted", True),
    ("Iraq confirmed the attack on the tanker.", "attack", "asserted", True),
])
def test_a_performative_verb_of_saying_does_what_it_says(sentence, trigger, expect, reported, nlp):
    fact = factuality_of(_trigger(nlp(sentence), trigger))
    assert (fact.value, fact.reported) == (expect, reported)


@pytest.mark.slow
def test_the_occasion_of_a_governing_word_is_not_its_content(nlp):
    # what is agreed "at" a meeting is agreed; the meeting it was agreed at was held
    doc = nlp("The envoys said the two parties agreed at a meeting of the council's board last week.")
    assert factuality_of(_trigger(doc, "meeting")).value == "asserted"


@pytest.mark.slow
def test_a_clause_subject_is_as_real_as_its_verb_and_no_pledge(nlp):
    """"cutting the aid would hurt relations": the cutting is what would be, and the critics pledge nothing."""
    fact = factuality_of(_trigger(nlp("Critics said cutting the aid to Kenya would hurt relations."), "cutting"))
    assert fact.value == "future" and not fact.commitment
