"""Triggers from the compiled CAMEO verb dictionary: ranked below triggers.yml, with the curated factuality."""
from __future__ import annotations

import pytest

from eventwire.coder.coder import code_events
from eventwire.coder.compiled_verbs import all_triggers, verb_index
from eventwire.coder.phoenix_discards import discarded

pytestmark = pytest.mark.slow


def triggers(nlp, sentence):
    doc = nlp(sentence)
    return [(t.text, t.event_type, t.entry.key.split(":")[0]) for t in all_triggers(doc[:])]


def events(nlp, sentence):
    return [(e.event_type, e.trigger, e.factuality) for e in
            code_events(nlp(sentence), article_id="t", published="2010-06-01")]


def test_a_pattern_with_its_object_codes_the_verb(nlp):
    # CAMEO "- * CONSENSUS [037]" (REACH block) -> PLOVER AGREE; triggers.yml has no such entry
    assert ("reached", "AGREE", "cameo") in triggers(nlp, "The two sides reached a consensus on the budget.")
    # "- * (IN COURT) [173]" (APPEAR block) -> COERCE
    assert ("appear", "COERCE", "cameo") in triggers(nlp, "The judge ordered the minister to appear in court.")
    # the same verbs without the pattern's noun code nothing
    assert not [t for t in triggers(nlp, "The two sides reached the capital on Monday.") if t[2] == "cameo"]
    assert not [t for t in triggers(nlp, "The minister will appear on television.") if t[2] == "cameo"]


def test_a_phrase_of_the_dictionary_needs_its_modifier(nlp):
    # CAMEO's &PKO set holds PEACEKEEPING_FORCE (asked for: 0234, a REQUEST); the phrase is met by a "force"
    # that has the modifier, not by any forces pushed out of a town or wanted in the south
    assert ("wants", "REQUEST", "cameo") in triggers(nlp, "Lebanon wants a peacekeeping force in the south.")
    for sentence in ("The troops pushed the rebel forces out of the town.", "Lebanon wants more forces in the south."):
        assert not [t for t in triggers(nlp, sentence) if t[2] == "cameo"], sentence


def test_a_sense_the_curated_lexicon_refuses_is_not_compiled_back(nlp):
    # triggers.yml: "defend" is SUPPORT, but not with one's own thing as object (not_own_object); CAMEO's
    # "DEFEND RIGHT [052]" (defend verbally, SUPPORT) may not code it back
    assert not triggers(nlp, "Greece said it would defend its national rights in the Aegean.")
    assert ("defended", "SUPPORT", "lemma") in triggers(nlp, "Kuwait defended Iraq's right to charter tankers.")
    assert ("defended", "SUPPORT", "lemma") in triggers(nlp, "Washington defended its ally Israel at the council.")
    # "supply" is AID, but not of money (not_object); CAMEO's "SUPPLY &CURRENCY [071]" may not code it back
    assert not triggers(nlp, "The central bank supplied dollars to the money market.")
    assert ("supplied", "AID", "lemma") in triggers(nlp, "Japan supplied arms to Iraq.")


def test_curated_triggers_rank_first(nlp):
    found = triggers(nlp, "Police arrested the protesters in the capital.")
    assert ("arrested", "COERCE", "lemma") in found
    assert not [t for t in found if t[0] == "arrested" and t[2] == "cameo"]


def test_verbs_of_saying_and_nouns_that_are_events_themselves_are_not_compiled_triggers(nlp):
    found = triggers(nlp, "The army reported 14 attacks on its positions.")
    assert not [t for t in found if t[0] == "reported"]


def test_negation_and_hypotheticals_apply_to_compiled_triggers(nlp):
    # the curated factuality reads the compiled trigger; the dictionary codes only asserted dyads of its own
    asserted = [e for e in events(nlp, "Egypt reached a consensus with Israel on the border.") if e[1] == "reached"]
    assert asserted and asserted[0][2] == "asserted"
    assert not [e for e in events(nlp, "Egypt did not reach a consensus with Israel on the border.") if e[1] == "reach"]
    assert not [e for e in events(nlp, "Egypt may reach a consensus with Israel on the border.") if e[1] == "reach"]
    # no dyad, no event: PETRARCH coded source-verb-target
    assert not [e for e in events(nlp, "Egypt and Israel reached a consensus on the border.") if e[1] == "reached"]
    # the content of another trigger is not an event of its own: the urging is
    urged = events(nlp, "The United States urged Egypt to reach a consensus with Israel on the border.")
    assert not [e for e in urged if e[1] == "reach"]


def test_index_holds_no_statement_codes():
    assert verb_index()
    assert all(entry.event_type != "" and not pat.cameo.startswith("01")
               for pats in verb_index().values() for pat, entry in pats)


def test_discards(nlp):
    story, sentences = discarded(nlp("Manchester United beat Arsenal. Police arrested two fans."))
    assert story
    story, sentences = discarded(nlp("Police arrested two men. She won the silver medal in Beijing."))
    assert not story and len(sentences) == 1
