"""Anaphora: the noun a pronoun or a relative stands for, inside the sentence or the one before (used by
``entities.entities_for``).

- A partitive subject ("some", "many") stands for the nearest plural subject before it ("while Democrats and
  Republicans praised the strike, some demanded ...").
- A relative ("who", "which") stands for the noun its clause hangs on (for the name an appositive renames: "the
  GCC, an alliance which ..."); "whose" for that noun too ("Kuwait, whose shipping ...").
- A possessive in the reason for an act stands for the one the act is done to ("sanctioned Iran over its drone
  supplies"); else for its clause's own subject ("Czechia and Albania upgraded their ties").
- A pronoun in reported speech stands for the speaker ("the ministry said it would retaliate"), unless it is
  "it" as an object: a thing the speaker talks about ("to discuss it fully, one diplomat said"), or a third
  person inside a direct quotation: a speaker quoted says "I", "we", "us" of themselves ('"If the banks granted
  them 100 pct ...," the spokesman said').
- Else the nearest subject before it in its clause (never a noun whose own phrase holds it: "Norway, which he
  visited"), or the subject of an earlier sentence: the nearest of the
  ``SENTENCES_BACK`` sentences before whose main or reporting verb's subject fits. "he" and "she" stand for
  people (a person's name or a role noun), so a quotation's abstract subjects are passed over ('Khamenei said:
  "Formation of a panel ... precedes the ceasefire." He also rejected ...': Khamenei).

English number is respected where it is safe: a singular personal pronoun ("he") does not stand for a plural
noun ("officials said he ...").  A plural one may stand for one speaker, who speaks for the organisation ("a
ministry spokesman said they were studying the note"), so it is not checked.
"""
from __future__ import annotations

import functools

from .factuality import is_reporting_verb
from .lexicons import load_lexicon, token_keys
from .trigger_senses import names_people, party_like

_PERSONAL = frozenset({"he", "she", "they", "it", "we", "i", "his", "her", "its", "their", "our", "my",
                       "him", "them", "us", "me"})
_COUNTRY_NOT_PRONOUN = "US"  # "the US", not "us"


def is_pronoun(token) -> bool:
    """A personal pronoun ("they", "us"); the capitalised "US" is the country."""
    return token.lower_ in _PERSONAL and token.text != _COUNTRY_NOT_PRONOUN


RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_POSSESSIVE_RELATIVE = "whose"
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative"})
_SINGULAR_PERSONAL = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
_PLURAL_PERSONAL = frozenset({"they", "them", "their"})
_NEUTER = frozenset({"it", "its", "itself"})
_THIRD_PERSON = frozenset({"he", "she", "they", "him", "her", "them", "his", "their", "hers", "theirs"})
_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})
_SUBJ = ("nsubj", "nsubjpass")
SENTENCES_BACK = 3  # how far back a pronoun opening a sentence looks for its antecedent


@functools.cache
def _nouns(section: str) -> frozenset[str]:
    return frozenset(load_lexicon("roles")[section])


def _a_person(noun) -> bool:
    """A noun "he" or "she" may stand for: a person's name, a role noun for one person, or a noun for one person
    ("the man"); never a group ("the police")."""
    keys = set(token_keys(noun))
    if keys & _nouns("group_nouns"):
        return False
    return names_people(noun) or bool(keys & _nouns("person_nouns"))


def agrees(pronoun, noun) -> bool:
    """The pronoun's number and kind allow the noun: a plural noun, or nouns coordinated with "and", are no "he";
    a person is no "it" ("Brazil's plan should let it renew talks on its debt, Finance Minister X said": not
    his debt), and a country no "he"."""
    if pronoun.lower_ in _SINGULAR_PERSONAL:
        return not (noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)
                    or noun.ent_type_ == "GPE")
    if pronoun.lower_ in _NEUTER:  # a full personal name (a one-word "person" is often a firm the NER misread)
        return not (noun.ent_type_ == "PERSON" and (noun.ent_iob_ == "I" or (
            noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].ent_iob_ == "I") or _named_in_full(noun)))
    return True


def _named_in_full(noun) -> bool:
    """A one-word person the article named in full before ("Foreign Minister Tadashi Kuranari ... Kuranari"): the
    surname of a person, no firm."""
    return any(ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == noun.text and ent.end <= noun.i
               for ent in noun.doc.ents)


def is_partitive(token) -> bool:
    """A subject pronoun standing for part of a group named before ("some demanded", "many opposed it"), not one
    naming its group itself ("some of the senators"), nor the subject of a passive that left out its "were" ("14
    people were injured and many arrested": they undergo it): roles.yml ``partitive_pronouns``."""
    return token.lower_ in _nouns("partitive_pronouns") and token.dep_ in _SUBJ \
        and not any(c.dep_ in ("prep", "amod", "compound", "relcl", "acl") for c in token.children) \
        and not (token.head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.head.children))


def _group_before(token):
    """The group a partitive pronoun takes part of: the nearest plural subject before it in its sentence, else the
    last one of the sentence before."""
    sent = token.sent
    before = [t for t in sent if t.i < token.i]
    if sent.start > 0:
        before = [t for t in token.doc[sent.start - 1].sent] + before
    for noun in reversed(before):
        if noun.dep_ in _SUBJ and not is_pronoun(noun) and noun.lower_ not in RELATIVE and not is_partitive(noun) \
                and _many(noun):
            return noun
    return None


def antecedent(token):
    """The noun a pronoun stands for, if the sentence (or the one before) tells."""
    low = token.lower_
    if is_partitive(token):
        return _group_before(token)
    if low in RELATIVE and token.head.dep_ == "relcl":
        noun = token.head.head
        # "The GCC, an alliance which has supported Iraq": the appositive is the name it renames
        return noun.head if noun.dep_ == "appos" and noun.head.pos_ in ("PROPN", "NOUN") else noun
    if low == _POSSESSIVE_RELATIVE and token.dep_ == "poss":  # "Kuwait, whose shipping came under attack"
        clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
        if clause is not None:
            return clause.head
    if not is_pronoun(token):
        return None
    if token.dep_ == "poss":
        blamed = _reason_possessor(token)  # "sanctions on Iran over its supply of drones": Iran
        if blamed is not None:
            return blamed
    if token.dep_ == "poss":  # "Czechia and Albania upgraded their ties": the clause's own subject
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        while verb is not None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in _SUBJ for c in verb.children):
            verb = verb.head  # "forces had killed or wounded 2,600 in their offensive": the conjuncts' one subject
        subj = [c for c in verb.children if c.dep_ in _SUBJ and not is_pronoun(c)
                and c.lower_ not in RELATIVE and c.i < token.i] if verb is not None else []
        if subj:
            return subj[0]
    owner = _owner_of_said_noun(token)  # "an indication from the West Germans that they were prepared to veto"
    if owner is not None:
        return owner
    possessor = _subject_possessor(token)  # "members of Thatcher's party urged her to go": Thatcher
    if possessor is not None:
        return possessor
    outside = set()  # verbs of saying a quotation holding a third-person pronoun stands inside: never its noun
    for anc in token.ancestors:
        if is_reporting_verb(anc):
            if low == "it" and token.dep_ in _OBJECT_DEPS:
                break  # "they didn't have enough information to discuss it, one diplomat said": a thing, not the speaker
            if low in _THIRD_PERSON and _quoted_against(token, anc):
                # '"If the banks granted them 100 pct ...," the spokesman said': a speaker quoted says "us"; and
                # 'a salesman said, "He thought that threatening ..."': he is someone else
                outside = {a.i for a in anc.ancestors} | {anc.i}
                break
            subj = [c for c in anc.children if c.dep_ == "nsubj" and not is_pronoun(c) and agrees(token, c)]
            if subj:
                return subj[0]
    for anc in token.ancestors:
        if anc.pos_ in ("VERB", "AUX") and anc.i not in outside \
                and not (anc.i == token.head.i and token.dep_ in _OBJECT_DEPS):
            # an object pronoun is not its own verb's subject ("the banks granted them": not the banks)
            subj = [c for c in anc.children if c.dep_ in _SUBJ and c.i != token.i and not is_pronoun(c)
                    and c.lower_ not in RELATIVE and agrees(token, c) and not _contains(c, token)]
            if subj and subj[0].i < token.i:
                return subj[0]
    start = token.sent.start
    person = low in _SINGULAR_PERSONAL  # "he", "she": a person, looked for further back
    # "they" opening a quotation is not its speaker, who says "we": the sentence before tells who ("Police fired
    # tear gas, the minister said. 'They were forced to ...,' he told journalists": the police)
    plural = low in _PLURAL_PERSONAL and bool(outside)
    for _ in range(SENTENCES_BACK if person else 1):
        if start <= 0:
            break
        prev = token.doc[start - 1].sent
        verbs = [prev.root, *(t for t in prev if person and is_reporting_verb(t) and t is not prev.root)]
        # "he" may also stand for the subject of another clause: "... after the man killed one person. He set
        # fire to ...": the last subject that names people
        verbs += [t.head for t in reversed(prev) if person and t.dep_ in _SUBJ and t.head not in verbs]
        if plural:  # the first subject, of whatever clause, that is plural or a group
            verbs = [t.head for t in prev if t.dep_ in _SUBJ and _many(t)]
        for verb in verbs:
            subj = [c for c in verb.children if c.dep_ in _SUBJ and not is_pronoun(c) and agrees(token, c)
                    and (not person or _a_person(c)) and (not plural or _many(c))]
            if subj:
                return subj[0]
        start = prev.start
    return None


_OWNER_PREPS = frozenset({"from", "by", "of"})


def _owner_of_said_noun(token):
    """The subject pronoun of a clause that says what a noun says ("an indication from the West Germans that they
    were prepared to veto", "Iran's assurance that it would not attack") stands for the noun's owner: its
    possessive, or the object of its "from" / "by" / "of"."""
    if token.dep_ not in _SUBJ or token.head.dep_ not in ("acl", "ccomp") or token.head.head.pos_ != "NOUN":
        return None
    noun = token.head.head
    owners = [c for c in noun.children if c.dep_ == "poss" and not is_pronoun(c)]
    owners += [o for p in noun.children if p.dep_ == "prep" and p.lower_ in _OWNER_PREPS
               for o in p.children if o.dep_ == "pobj" and o.i < token.i]
    return next((o for o in owners if agrees(token, o) and (o.ent_type_ or names_people(o))), None)


def _subject_possessor(token):
    """An object "him" or "her" stands for a person whose possessive is in its own verb's subject, never for the
    subject itself ("senior members of Prime Minister Thatcher's party urged her to go": Thatcher)."""
    if token.lower_ not in ("him", "her") or token.dep_ not in _OBJECT_DEPS:
        return None
    verb = token.head if token.dep_ != "pobj" else next((a for a in token.ancestors if a.pos_ == "VERB"), None)
    if verb is None:
        return None
    subject = [c for c in verb.children if c.dep_ in _SUBJ]
    found = [t for c in subject for t in c.subtree if t.dep_ == "poss" and t.ent_type_ == "PERSON"]
    return found[-1] if len(found) == 1 else None


def _many(noun) -> bool:
    """A plural noun, nouns joined by "and", or a group noun ("police"): what "they" may stand for."""
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children) \
        or bool(set(token_keys(noun)) & _nouns("group_nouns"))


def _quoted_against(token, verb) -> bool:
    """True when a direct quotation holds ``token`` and the verb of saying stands outside it: an odd number of
    quotation marks between the two."""
    low, high = sorted((token.i, verb.i))
    return sum(1 for t in token.doc[low + 1:high] if t.text in _QUOTES) % 2 == 1


def _contains(noun, token) -> bool:
    """True when ``token`` lies inside ``noun``'s phrase (its relative clause): a pronoun there never stands for
    the noun ("Norway, which he visited": he is not Norway)."""
    return noun.left_edge.i <= token.i <= noun.right_edge.i


_REASON_PREPS = frozenset({"over", "for"})
_NAME_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON"})


def _reason_possessor(token):
    """A possessive in the reason for an act ("sanctioned Iran over its drone supplies", "thanked Chile for
    its help") stands for the one the act is done to: the last name before the reason, outside the subject."""
    prep = next((a for a in token.ancestors if a.dep_ == "prep"), None)
    if prep is None or prep.lower_ not in _REASON_PREPS or prep.head.pos_ not in ("VERB", "NOUN"):
        return None
    verb = prep.head if prep.head.pos_ == "VERB" else next(
        (a for a in prep.head.ancestors if a.pos_ == "VERB"), None)
    if verb is None:
        return None
    subject = {t.i for c in verb.children if c.dep_ in _SUBJ for t in c.subtree}
    names = [t for t in verb.subtree if t.i < prep.i and t.i not in subject and t.ent_type_ in _NAME_LABELS
             and t.ent_iob_ == "B"]
    if not names or token.lower_ not in ("its", "their"):
        return None
    ent = next((e for e in token.doc.ents if e.start == names[-1].i), None)
    return ent.root if ent is not None else names[-1]


def stands_for_a_thing(pronoun) -> bool:
    """A subject pronoun ("they", "it") whose antecedent is a thing, not a party: "Oil imports rose. In any year
    they threaten to top half of consumption" (the imports), "The measures hurt farmers. They threaten to bring
    about disaster"; an act whose entry needs a party subject (``party_subject``) is then none."""
    if pronoun is None or pronoun.lower_ not in ("they", "it"):
        return False
    noun = antecedent(pronoun)
    # (a text is a thing too, however its noun ends: "the letter said ... it would open the way")
    return noun is not None and (not party_like(noun) or any(k in _text_nouns() for k in token_keys(noun)))


@functools.cache
def _text_nouns() -> frozenset[str]:
    return frozenset(row["lemma"] for row in load_lexicon("roles")["statement_nouns"])

