"""The noun a pronoun stands for (eventwire/coder/anaphora.py), on sentences written for the test."""
from __future__ import annotations

import pytest

from eventwire.coder.anaphora import agrees, antecedent, is_pronoun


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, expected", [
    # a singular pronoun does not stand for many; a plural one may stand for a speaker, who speaks for the
    # organisation
    ("A ministry spokesman said they were studying the note.", "they", "spokesman"),
    ("Officials said they would meet the rebels.", "they", "Officials"),
    ("The spokesman said he would meet the rebels.", "he", "spokesman"),
    ("Britain and France said they would send troops.", "they", "Britain"),
    ("The officials said he would meet the rebels.", "he", None),
    ("A group of Yoruba leaders announced that they are willing to forgive the president.", "they", "group"),
    # "it" as an object is a thing the speaker talks about, not the speaker; as a subject it may be the speaker
    ("\"We could not discuss it fully,\" one diplomat said.", "it", None),
    ("The ministry said it would retaliate.", "it", "ministry"),
    # "he" / "she" stand for people: a quotation's abstract subjects are passed over, back to its speaker
    ('The general said: "Withdrawal of the troops must come first. Formation of a panel precedes the '
     'truce." He also rejected a buffer force.', "he", "general"),
    ("The minister arrived in Cairo on Monday. He met the president.", "he", "minister"),
    # ... or the subject of another clause, a noun for one person
    ("After the man killed two guards, the police sealed the area. He fled on foot.", "he", "man"),
    # a third person inside a direct quotation is not the speaker, who would say "us"
    ('"If the banks granted them a raise, workers would be laid off," the spokesman said.', "them", None),
    ("The spokesman said the banks would not grant them a raise.", "them", "spokesman"),
    # ... nor is "he" opening a quotation: it is someone before it
    ('The minister spoke on Sunday. A trader in Paris said, "He thought threats would work."', "he", "minister"),
    # "they" opening a quotation: the plural or group the sentence before names, not the speaker
    ('Police fired tear gas at the miners, the minister said. "They were forced to act," he told journalists.',
     "they", "Police"),
    # a relative stands for the name its appositive renames; "whose" for its clause's noun
    ("The GCC, an alliance which has supported Iraq, met in Riyadh.", "which", "GCC"),
    ("Kuwait, whose shipping came under attack, asked for help.", "whose", "Kuwait"),
    # a pronoun inside a noun's relative clause never stands for that noun
    ("Norway, which he visited last month, pledged further cooperation.", "he", None),
    ("The envoy arrived in Oslo. Norway, which he visited last month, pledged cooperation.", "he", "envoy"),
    # a partitive subject is part of the nearest group named as a subject before it, in its sentence or the last
    ("While farmers and traders praised the plan, many voiced fears and some demanded a vote.", "some", "farmers"),
    ("Kurdish students marched to the embassy. Several demanded the envoy's expulsion.", "several", "students"),
    ("The minister arrived in Paris. Some demanded his resignation.", "some", None),
    # ... but names its group itself when it says of whom, and a passive's subject undergoes it
    ("The students marched. Some of the teachers demanded a vote.", "some", None),
    ("At least 14 people were injured and many arrested in clashes with police.", "many", None),
    # a possessive in a subjectless conjunct belongs to the conjuncts' one subject, not to the reporter
    ("The state radio said rebel units had killed or wounded 300 soldiers in their new offensive.", "their",
     "units"),
])
def test_a_pronoun_stands_for_a_noun_of_its_number(nlp, text, trigger, expected):
    doc = nlp(text)
    found = antecedent(next(t for t in doc if t.lower_ == trigger))
    assert (found.text if found is not None else None) == expected


@pytest.mark.slow
def test_the_country_us_is_no_pronoun(nlp):
    doc = nlp("The US told us to leave.")
    us_country, us_pronoun = doc[1], doc[3]
    assert not is_pronoun(us_country) and is_pronoun(us_pronoun)


@pytest.mark.slow
def test_number_agreement_is_checked_for_singular_personal_pronouns_only(nlp):
    doc = nlp("The officials said he would come and they would follow.")
    officials, he, they = doc[1], doc[3], doc[7]
    assert not agrees(he, officials) and agrees(they, officials)


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, country", [
    # "he" in what the premier added is the premier, not the one person the sentence before names
    ("The Dutch premier spoke in The Hague on Monday. He is an old friend of President Mitterrand. "
     "The Dutch premier added that he talked often with the Belgian king.", "talked", "NLD"),
    # ... but a person named in the pronoun's own sentence, nearer than the speaker, is as good a guess
    ("The Dutch premier spoke on Monday. A spokesman said the plan was made clear to Turkish ambassador Nazmi "
     "Akiman when he met the Dutch premier.", "met", "TUR"),
])
def test_the_sentence_grammar_outranks_a_person_named_only_before(nlp, text, trigger, country):
    from eventwire.coder import code_text
    found = [e for e in code_text(text, nlp=nlp) if e.trigger == trigger]
    assert found and [a.country for a in found[0].actors] == [country]


@pytest.mark.slow
@pytest.mark.parametrize("text, pronoun, wrong", [
    # a person is no "it", a country no "he"
    ("The plan should let the country renegotiate its debt, Finance Minister Carlos Mendes said.", "its", "Mendes"),
    ("Kenya said he would not attend the summit in Nairobi.", "he", "Kenya"),
])
def test_a_pronoun_does_not_stand_for_a_noun_of_another_kind(nlp, text, pronoun, wrong):
    doc = nlp(text)
    token = next(t for t in doc if t.lower_ == pronoun)
    found = antecedent(token)
    assert found is None or found.text != wrong


@pytest.mark.slow
def test_it_may_stand_for_a_one_word_name_the_ner_calls_a_person(nlp):
    # the small model often calls a firm's one-word name a person: only a full personal name is no "it"
    doc = nlp("Petrobras said in a statement today it had requested the withdrawal of the troops.")
    it = next(t for t in doc if t.lower_ == "it")
    assert antecedent(it) is not None and antecedent(it).text == "Petrobras"


@pytest.mark.slow
def test_it_does_not_stand_for_the_surname_of_a_person_named_in_full_before(nlp):
    # "Foreign Minister Tadashi Kuranari ... Kuranari": the one-word name is that person's surname, no firm
    doc = nlp("Foreign Minister Tadashi Kuranari cancelled his trip to Washington. Kuranari has to attend the "
              "budget debate after the opposition accused it of trying to force the bill through parliament.")
    it = next(t for t in doc if t.lower_ == "it")
    found = antecedent(it)
    assert found is None or found.text != "Kuranari"


@pytest.mark.slow
@pytest.mark.parametrize("text, pronoun, expected", [
    # the subject of what a noun says stands for the noun's owner, not for the speaker of the sentence
    ("The minister said the talks failed after an indication from the West Germans that they were prepared to "
     "veto the package.", "they", "Germans"),
    ("The envoy welcomed Iran's assurance that it would not attack the tankers.", "it", "Iran"),
    # an object "her" is a person whose possessive stands in its verb's subject, never the subject itself
    ("Senior members of Prime Minister Brundtland's party urged her to call an early election.", "her",
     "Brundtland"),
])
def test_a_pronoun_stands_for_the_owner_of_a_noun_near_it(nlp, text, pronoun, expected):
    doc = nlp(text)
    found = antecedent(next(t for t in doc if t.lower_ == pronoun))
    assert found is not None and found.text == expected
