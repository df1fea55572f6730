"""Repairs the small parser's commonest misreadings, for the stages that read its trees (resolve, coder).

The parse itself is left as the model made it: each helper answers one question about a misreading, so a stage
reads the repaired relation where it needs it and every other reader sees the model's own tree.
"""
from __future__ import annotations

from spacy.tokens import Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_CLAUSE_LINKS = frozenset({"conj", "advcl", "dep"})  # how the parser hangs the second verb on the first


def subject_read_as_object(noun: Token) -> Token | None:
    """The verb a noun is really the subject of, when the parser read "V1 X and Y V2 Z" as V1 doing something to
    "X and Y": "warships shelled a platform and special forces boarded another" - "forces" is hung as a conjunct
    of "platform", "boarded" as a conjunct (or an adverbial clause) of "shelled" with no subject of its own.  The
    noun is the last conjunct of an object, the word right after its phrase is that subject-less verb."""
    if noun.dep_ != "conj" or noun.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ not in ("dobj", "pobj", "attr"):
        return None
    verb = first.head if first.dep_ != "pobj" else first.head.head
    end = noun.right_edge.i + 1
    if end >= len(noun.doc):
        return None
    nxt = noun.doc[end]
    if nxt.dep_ in _CLAUSE_LINKS and nxt.pos_ == "VERB" and nxt.head.i == verb.i and not any(
            c.dep_ in _SUBJECTS for c in nxt.children):
        return nxt
    return None


def misread_subject(verb: Token) -> Token | None:
    """The other direction of ``subject_read_as_object``: the noun the parser hung as the last conjunct of the
    object just before this subject-less verb ("special forces" before "boarded"), if any."""
    if verb.dep_ not in _CLAUSE_LINKS or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    noun = next((a for a in (before, *before.ancestors) if a.right_edge.i == verb.i - 1 and a.dep_ == "conj"), None)
    found = subject_read_as_object(noun) if noun is not None else None
    return noun if found is not None and found.i == verb.i else None


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def conjunct_head(verb: Token) -> Token:
    """The verb a conjunct really shares its clause with.  A bare infinitive with no subject or auxiliary of its own
    cannot be joined to a finite verb ("said the government might be able to ease its policy ... and allow some
    increases": the parser hangs "allow" on "said"); it goes with the nearest bare infinitive before it ("ease"),
    and so takes that one's subject and modal.  Any other word: its parser head."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VB" or head.tag_ not in _FINITE_TAGS or any(
            c.dep_ in _SUBJECTS or c.dep_ in ("aux", "auxpass") for c in verb.children):
        return head
    between = [t for t in verb.doc[head.i + 1:verb.i] if t.tag_ == "VB" and t.pos_ == "VERB"]
    return between[-1] if between else head
