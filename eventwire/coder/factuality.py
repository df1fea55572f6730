"""Factuality of a trigger: asserted, negated, hypothetical or future (``lexicon/factuality.yml``).

The coder walks up the parse from the trigger — the trigger itself, then each word it hangs from —
and the nearest cue decides.  On each word it looks at negation (``not``, ``never``, a determiner
``no``), auxiliaries and markers (``will``, ``would``, ``if``), adjectives on event nouns
(``possible``, ``planned``) and, for the words above the trigger, governing words (``call for``,
``refuse``, ``plans to``).  The walk stops at a verb of saying, which it records: "X said it would
attack" is a reported future, a *commitment*, which the coder may re-code (AGREE / THREATEN).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..nlp.syntax import conjunct_head
from .lexicons import load_lexicon, token_keys, word_keys

FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo"})
# how far up the parse a cue is looked for
_MAX_CLIMB = 8
# dependencies that keep the walk inside what governs the trigger
_CLIMB_DEPS = frozenset({
    "xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "advcl", "attr", "acomp",
    "conj", "nsubjpass", "oprd", "compound", "amod", "nmod", "appos", "npadvmod", "dative", "agent",
    "csubj",  # "cutting the aid would hurt relations": a clause subject is as real as its verb
})


@dataclass(frozen=True)
class Factuality:
    value: str = "asserted"  # asserted, negated, hypothetical, future
    cue: str | None = None  # the word that decided it
    reported: bool = False  # the trigger is inside what a verb of saying reports
    commitment: bool = False  # an announced or promised future act
    has_future: bool = False  # a future / conditional auxiliary was seen on the way
    # a guess about what others may do ("would not be surprised to see X"): coded hypothetical, not dropped
    # (dropping such events lost optional gold events on the Reuters check half), marked for confidence
    speculative: bool = False


@dataclass(frozen=True)
class FactualityLexicon:
    negators: frozenset[str]
    modals: dict[str, str]
    modifiers: dict[str, str]
    # lemma -> its readings: (factuality, commits, particles it needs or None); "call for" and "call off" differ
    governors: dict[str, tuple[tuple[str, bool, frozenset[str] | None], ...]]
    governor_via: dict[str, frozenset[str]]
    document_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    would_after_reporting: str
    habitual: frozenset[str]  # adverbs that make "would" a past habit ("would routinely pick up the boys")
    intentions: frozenset[str] = frozenset()  # commitments only when announced ("said it plans to")
    speculation: frozenset[str] = frozenset()  # governors that make a guess, not a report (`speculative: true`)
    third_party: frozenset[str] = frozenset()  # reporters who speak for no participant ("sources said")
    conditions: frozenset[str] = frozenset()  # marks of a condition above the trigger ("if ...")
    timetables: frozenset[str] = frozenset()  # governors that never commit: a timetable or an expectation
    infinitive_relative: str = "hypothetical"  # "a contract to support the army" (factuality.yml)
    counted_out: frozenset[str] = frozenset()  # "the first leader to visit": it happened
    subject_marks: frozenset[str] = frozenset()  # "for Moscow to provide an escort": an infinitive with a subject
    time_anchors: frozenset[str] = frozenset()  # "since the ban": an event that dates another happened
    answer_nouns: frozenset[str] = frozenset()  # "a response to the attack": what is answered happened
    not_only: frozenset[str] = frozenset()  # "not only ... but": the negator adds (factuality.yml not_only)
    future_times: frozenset[str] = frozenset()  # "next week's summit": a time ahead (factuality.yml future_times)
    performatives: frozenset[str] = frozenset()  # "will announce sanctions": saying it does it (factuality.yml)
    circumstances: frozenset[str] = frozenset()  # "while ...", "after ...": a clause no governor governs
    generic_determiners: frozenset[str] = frozenset()  # "any attack": none in particular (hypothetical)
    occurrence_verbs: frozenset[str] = frozenset()  # "the talks will take place": the subject is as real as the verb
    continuation_verbs: frozenset[str] = frozenset()  # "would continue the strike": the strike goes on now
    continuation_on: frozenset[str] = frozenset()  # "remain on strike"
    making_verbs: frozenset[str] = frozenset()  # "making an agreement unlikely": a guess about the object
    certainty_nouns: frozenset[str] = frozenset()  # "there is no doubt that ...": asserted
    opinion_governors: frozenset[str] = frozenset()  # "agreed: we are meeting in a time of tension" shares a view
    speech_topic_words: frozenset[str] = frozenset()  # "declined to comment on the attack": the attack happened
    speech_topic_preps: frozenset[str] = frozenset()
    deliberation_words: frozenset[str] = frozenset()  # "disagreed over sanctions": their subject matter
    deliberation_objects: frozenset[str] = frozenset()
    deliberation_preps: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()  # "reports that Iran intended to attack ships were baseless"
    denials: frozenset[str] = frozenset()


@functools.cache
def factuality_lexicon() -> FactualityLexicon:
    data = load_lexicon("factuality")
    roles = load_lexicon("roles")
    governors: dict[str, list[tuple[str, bool, frozenset[str] | None]]] = {}
    via: dict[str, frozenset[str]] = {}
    intentions: set[str] = set()
    opinion: set[str] = set()
    speculation: set[str] = set()
    never: set[str] = set()
    for g in data["governors"]:
        for k in word_keys(g):
            never_commits = g.get("commitment") == "never"
            if any(not isinstance(w, str) for w in g.get("particle") or ()):  # YAML reads a bare off / on as a bool
                raise ValueError(f"factuality.yml: governor {g['lemma']!r}: quote its particles ({g['particle']!r})")
            particles = frozenset(g["particle"]) if g.get("particle") else None
            governors.setdefault(k, []).append(
                (g["factuality"], bool(g.get("commitment", False)) and not never_commits, particles))
            if never_commits:
                never.add(k)
            if g.get("speculative"):
                speculation.add(k)
            if g.get("commitment") == "announced":
                intentions.add(k)
            if g.get("via"):
                via[k] = frozenset(g["via"])
            if g.get("opinion_clause"):
                opinion.add(k)
    reporting: set[str] = set()
    for r in roles["reporting_verbs"]:
        reporting.update(word_keys(r))
    return FactualityLexicon(
        negators=frozenset(str(n["word"]).lower() for n in data["negators"]),
        modals={str(m["word"]).lower(): m["factuality"] for m in data["modals"]},
        modifiers={str(m["word"]).lower(): m["factuality"] for m in data["modifiers"]},
        governors={k: tuple(v) for k, v in governors.items()},
        governor_via=via,
        document_nouns=frozenset(k for d in data["document_nouns"] for k in word_keys(d)),
        reporting_verbs=frozenset(reporting),
        would_after_reporting=data["would_after_reporting"],
        habitual=frozenset(str(w).lower() for w in data["habitual_adverbs"]["words"]),
        intentions=frozenset(intentions),
        speculation=frozenset(speculation),
        third_party=frozenset(k for r in data["third_party_reporters"] for k in word_keys(r)),
        conditions=frozenset(str(c["word"]).lower() for c in data["conditions"]),
        timetables=frozenset(never),
        infinitive_relative=data["infinitive_relative"]["factuality"],
        counted_out=frozenset(str(w).lower() for w in data["infinitive_relative"]["counted_out"]),
        subject_marks=frozenset(str(w).lower() for w in data["infinitive_relative"]["subject_marks"]),
        time_anchors=frozenset(str(w).lower() for w in data["time_anchors"]["words"]),
        answer_nouns=frozenset(str(w).lower() for w in data["time_anchors"]["answer_nouns"]),
        not_only=frozenset(str(w).lower() for w in data["not_only"]),
        future_times=frozenset(str(w).lower() for w in data["future_times"]["words"]),
        performatives=frozenset(k for r in data["performatives"] for k in word_keys(r)),
        circumstances=frozenset(str(w).lower() for w in data["circumstance_markers"]["words"]),
        generic_determiners=frozenset(str(w).lower() for w in data["generic_determiners"]["words"]),
        occurrence_verbs=frozenset(str(w).lower() for w in data["occurrence_verbs"]["words"]),
        continuation_verbs=frozenset(str(w).lower() for w in data["continuation_verbs"]["words"]),
        continuation_on=frozenset(str(w).lower() for w in data["continuation_verbs"]["on_words"]),
        making_verbs=frozenset(str(w).lower() for w in data["making_verbs"]),
        certainty_nouns=frozenset(str(w).lower() for w in data["certainty_nouns"]["words"]),
        opinion_governors=frozenset(opinion),
        speech_topic_words=frozenset(str(w).lower() for w in data["speech_topics"]["words"]),
        speech_topic_preps=frozenset(str(w).lower() for w in data["speech_topics"]["preps"]),
        deliberation_words=frozenset(str(w).lower() for w in data["deliberation_topics"]["words"]),
        deliberation_objects=frozenset(str(w).lower() for w in data["deliberation_topics"]["objects"]),
        deliberation_preps=frozenset(str(w).lower() for w in data["deliberation_topics"]["preps"]),
        claim_nouns=frozenset(str(w).lower() for w in data["denied_claims"]["nouns"]),
        denials=frozenset(str(w).lower() for w in data["denied_claims"]["predicates"]),
    )


def is_reporting_verb(token) -> bool:
    lex = factuality_lexicon()
    return token.pos_ in ("VERB", "AUX") and any(k in lex.reporting_verbs for k in token_keys(token))


def speaker_of(token):
    """The subject of the nearest verb of saying above ``token``; a participle of saying with no subject of its own
    speaks with the subject of the verb it hangs on ("Iran reported an offensive, saying troops had killed ...")."""
    for anc in token.ancestors:
        if not is_reporting_verb(anc):
            continue
        verb = anc
        while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in ("advcl", "xcomp", "conj") \
                and verb.head.i != verb.i:
            verb = verb.head
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        return subj[0] if subj else None
    return None


def _own_cue(token, lex: FactualityLexicon, *, below_reporting: bool, subject: bool = True) -> tuple[str, str] | None:
    """The factuality a word's own dependents give it (negation first), or None.  ``subject``: a subject
    that is no one ("none of the ships", "nobody") negates it - the trigger's own subject, or one raised to the
    verb above an infinitive ("none ... are known to have been attacked"), not that of a clause above
    ("nobody knows whether they met")."""
    found: tuple[str, str] | None = None
    subject_deps = ("nsubj", "nsubjpass") if subject else ()
    for child in token.children:
        low = child.lower_
        if any(c.lower_ in lex.not_only for c in child.children):
            continue  # "not only ... but also": no negation
        if child.dep_ == "neg" or (child.dep_ in ("det", *subject_deps) and low in lex.negators) or (
            child.dep_ in ("advmod", "preconj") and low in lex.negators
        ):
            return ("negated", low)
        if child.dep_ == "advmod" and any(g.dep_ == "neg" for g in child.children):
            return ("negated", low)  # "no longer attacks", "would no longer allow": it stopped, or will

        if child.dep_ in subject_deps:  # "neither X nor Y accepted", "no troops were sent": the subject is no one
            # ... or "few troops" (an adjective with no article: not "a few")
            det = next((g for g in child.children if g.lower_ in lex.negators and (g.dep_ in ("det", "preconj") or (
                g.dep_ == "amod" and not any(d.dep_ == "det" for d in child.children)))), None)
            if det is not None:
                return ("negated", det.lower_)
        if child.dep_ in ("aux", "auxpass", "mark", "advmod") and low in lex.modals and found is None:
            if low == "would" and any(c.dep_ == "advmod" and c.lower_ in lex.habitual for c in token.children):
                continue  # "the police would routinely pick up the boys": what used to happen, not what might
            value = lex.modals[low]
            if low == "would" and below_reporting and not perfect(token):
                value = lex.would_after_reporting  # "said it would send troops"; "would have sent" never happened
            found = (value, low)
        elif child.dep_ in ("amod", "acl") and low in lex.modifiers and found is None:
            found = (lex.modifiers[low], low)
        elif child.dep_ == "det" and low in lex.generic_determiners and token.pos_ == "NOUN" and found is None:
            found = ("hypothetical", low)  # "any attack on our ships will bring a response"
        elif child.dep_ in ("poss", "npadvmod", "compound") and child.ent_type_ == "DATE" and found is None and (
                child.lower_ in lex.future_times
                or any(g.lower_ in lex.future_times for g in child.children if g.dep_ in ("amod", "nmod"))):
            found = ("future", child.lower_)  # "next week's summit", "meet ... next month", "tomorrow's meeting"
    return found


_OCCASIONS = frozenset({"at", "during"})  # prepositions of an occasion: no content of the word they hang on


def an_occasion(token) -> bool:
    """An event noun "at" or "during" which a clause's act happens is its occasion: what one pledges is the act
    ("he will make a pitch ... at the annual meeting"), not the occasion."""
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in _OCCASIONS


def _circumstance(clause, lex: FactualityLexicon) -> bool:
    """A clause of time, cause or concession (``circumstance_markers``): beside its verb, not its content."""
    return clause.dep_ == "advcl" and any(
        (c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB")) and c.lower_ in lex.circumstances
        for c in clause.children if c.i < clause.i)  # ("when" is "mark" or a wh-"advmod", as the parser likes)


def _governor(token, child, lex: FactualityLexicon) -> tuple[str, bool] | None:
    """What a word above the trigger makes of it, if it is a governing word (a clause of time, cause or
    concession beside it is not its content: ``circumstance_markers``)."""
    if child is not None and _circumstance(child, lex):
        return None
    if child is not None and (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by")):
        return None  # "delayed the budget by boycotts": the means or the agent, not what the word governs
    keys = list(token_keys(token))
    if token.lemma_ == "be" and child is not None and child.dep_ in ("ccomp", "attr", "xcomp"):
        # "the rumour was that the navy had struck", "the fear is that rebels will attack", "the idea is to let
        # small banks out": the copula's subject governs the clause it is equated with (before "be" itself,
        # which makes "is to visit" an arrangement)
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        subjects += [o for c in subjects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"]  # "some of the rumours were that ..."
        keys = [k for c in subjects for k in token_keys(c)] + keys
    for k in keys:
        if k in lex.governors:
            if k in lex.governor_via and child is not None and child.dep_ not in lex.governor_via[k]:
                return None  # "due to police firing" is a cause, not "due to visit"
            if k in lex.opinion_governors and child is not None and child.dep_ == "ccomp" and states_opinion(child):
                return None  # 'agreed: "We are meeting in a time of tension"' shares a view, it commits to nothing
            words = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")}
            if child is not None:  # "called for the government to talk": the parser hangs "for" on the clause
                words |= {c.lower_ for c in child.children if c.dep_ == "mark"}
            for value, commit, particles in lex.governors[k]:
                if particles is None and child is not None and child.dep_ == "prep" and child.lower_ in _OCCASIONS:
                    continue  # "agreed at a meeting of the board": the occasion, not what was agreed
                if particles is None or particles & words:  # "called for talks", not "called the talks off"
                    return value, commit
            return None
    return None


def _reporting_above(token, lex: FactualityLexicon) -> bool:
    child = token
    for anc in token.ancestors:
        if is_reporting_verb(anc) and not _performs(anc, token) and not _circumstance(child, lex):
            return True  # (a clause of time on it is told beside the saying, not by it: "will explain ... when he
        child = anc      # visits" is no report of the visit)
    return False


def _performs(verb, token) -> bool:
    """A performative verb of saying whose direct object is the event does it, reports nothing: "declared a state
    of siege", "will announce sanctions" (its modal and its governors are the event's; factuality.yml
    `performatives`); "did not report the attack" still reports one."""
    return token.head.i == verb.i and token.dep_ == "dobj" and any(
        k in factuality_lexicon().performatives for k in token_keys(verb))


def _in_speaker(token) -> bool:
    """The trigger stands in the subject of the nearest verb of saying above it, not in what that verb reports
    ("Howard, who will be visiting Seoul, said ..."): the writer tells it of the speaker; the speaker pledges
    nothing by it."""
    child = token
    for anc in token.ancestors:
        if is_reporting_verb(anc):
            return child.dep_ in ("nsubj", "nsubjpass")
        child = anc
    return False


def third_party_report(token, lex: FactualityLexicon | None = None) -> bool:
    """The nearest verb of saying above the trigger has a reporter who speaks for no participant
    ("sources close to the ministry said", "diplomats said"): what it reports is no one's pledge."""
    lex = lex or factuality_lexicon()
    for anc in token.ancestors:
        if is_reporting_verb(anc):
            return any(c.dep_ == "nsubj" and any(k in lex.third_party for k in token_keys(c))
                       for c in anc.children)
    return False


def _inside_report_noun(token, lex: FactualityLexicon) -> bool:
    """The trigger is told inside what a report noun carries ("Iran said reports that it intended to threaten
    shipping were baseless"): someone else's account of the plan, not its holder's pledge."""
    for anc in token.ancestors:
        if is_reporting_verb(anc):
            return False
        if anc.pos_ == "NOUN" and any(k in lex.third_party for k in token_keys(anc)):
            return True
    return False


def _condition_above(token, lex: FactualityLexicon):
    """The mark of a condition clause ("if", "unless") the trigger stands in, however high above it, and the
    clause's head; (None, None) if there is none."""
    for clause in (token, *token.ancestors):
        if clause.dep_ == "advcl":
            marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
            if clause.head.lower_ == "long" and "as" in marks:
                marks.append("as long as")  # "as long as America reacts ...", "so long as": the parser splits it
            mark = next((m for m in marks if m in lex.conditions), None)
            if mark is not None:
                return mark, clause
    return None, None


_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _present(word) -> bool:
    """Told in the present tense: "plans to", "is planning to", "is ready to"."""
    verb = word.head if word.dep_ == "acomp" else word
    return verb.tag_ in _PRESENT_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT_TAGS for c in verb.children)


def factuality_of(token) -> Factuality:
    """Factuality of the event whose trigger is ``token`` (a spaCy Token)."""
    lex = factuality_lexicon()
    reported = _reporting_above(token, lex)
    pledged = reported and not _in_speaker(token)  # what the speaker says, not what is said of the speaker
    if _known_speech_topic(token, lex):  # "declined to comment on the attack": the speaking is refused, not the attack
        own = _own_cue(token, lex, below_reporting=reported)
        if own is None or own[0] != "negated":
            return Factuality(value="asserted", cue="topic", reported=reported)
    if _continued(token, lex):  # "said it would continue the strike": the strike goes on, no new act pledged
        return Factuality(value="asserted", cue="continue", reported=reported)
    denial = _denied_claim(token, lex)
    if denial is not None:  # "reports that it intended to attack ships were baseless"
        return Factuality(value="negated", cue=denial, reported=reported)
    guessed = _guessed_subject(token, lex)
    if guessed is not None and _own_cue(token, lex, below_reporting=reported) is None:
        # "an Iranian blockade of the Strait was unlikely": a guess about the act, told of it as its subject
        return Factuality(value="hypothetical", cue=guessed, reported=reported, speculative=True)
    if _open_topic(token, lex) and _own_cue(token, lex, below_reporting=reported) is None:
        return Factuality(value="hypothetical", cue="topic", reported=reported)  # "disagreed over sanctions"
    anchored = _time_measure(token) or token  # "during two days of talks" dates by the talks as well
    answered = anchored.dep_ == "pobj" and anchored.head.lower_ in ("to", "for") \
        and getattr(answering_noun(anchored), "i", None) == anchored.head.head.i  # "a response to the U.S. attack"
    if token.pos_ == "NOUN" and anchored.dep_ == "pobj" and (anchored.head.lower_ in lex.time_anchors or answered):
        # "since no attack", "during next week's meetings": its own negation or time still counts
        own = _own_cue(token, lex, below_reporting=reported)
        if own is not None:
            return Factuality(value=own[0], cue=own[1], reported=reported, has_future=own[0] == "future")
        return Factuality(value="asserted", cue=anchored.head.lower_, reported=reported)
    if token.pos_ == "NOUN" and any(c.dep_ == "poss" and c.ent_type_ == "DATE" for c in token.children):
        # an act its day owns ("Friday's attack", "last week's raid"): dated, it happened whatever governs it (a
        # decision on the response to it); its own cue still counts ("next week's summit", "Friday's planned talks")
        own = _own_cue(token, lex, below_reporting=reported)
        if own is not None:
            return Factuality(value=own[0], cue=own[1], reported=reported, has_future=own[0] == "future")
        return Factuality(value="asserted", cue="date", reported=reported)
    has_future = False
    decided: tuple[str, str] | None = None
    commitment = False
    speculative = False
    timetable = False
    cur, prev, steps = token, None, 0
    negated_at = None  # where a negation decided it
    decided_at = None  # the word whose cue decided it
    path = []  # the words climbed through
    while steps < _MAX_CLIMB:
        path.append(cur)
        if prev is not None and is_reporting_verb(cur) and not _performs(cur, prev) and not (
                prev.dep_ == "xcomp" and _governor(cur, prev, lex) is not None) and not _circumstance(prev, lex):
            # (a verb of saying governs its infinitive: what one is told to do is an order, not a report; a clause of
            # time on it is no content: "will explain the plan when he visits Washington" visits when he explains)
            if _counterfactual(cur, lex) and decided is None:
                decided = ("hypothetical", "have")  # "Mexico would have announced a suspension": none was
                decided_at = cur
            break
        beside = prev is not None and prev.dep_ == "conj" and _own_clause(prev, cur)
        if beside and prev.tag_ == "VBD" and cur.tag_ == "VB" and cur.dep_ == "xcomp":
            break  # "promised not to raise taxes but rejected any cut": a past act hung on the infinitive is the
            # governing verb's conjunct, not its content
        if not beside and any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in cur.children):
            has_future = True
        own = None if beside else _own_cue(cur, lex, below_reporting=reported,
                                           subject=prev is None or prev.dep_ in ("xcomp", "acomp"))
        # a governing word's own conjunct is an act beside it, not its content: "promised not to raise taxes but
        # rejected any tax cuts" rejected them (its negation and modal still reach the conjunct)
        gov = _governor(cur, prev, lex) if prev is not None and not beside and prev.dep_ != "conj" else None
        if gov is not None and gov[0] != "hypothetical" and cur.dep_ == "acomp" and (
                own is None or own[0] != "negated"):
            # an adjective that governs ("ready to", "prepared to") is negated on its copula: "were not prepared
            # to criticise", "few senators were ready to meet"
            copula = _own_cue(cur.head, lex, below_reporting=reported)
            own = copula if copula is not None and copula[0] == "negated" else own
        if own is not None and own[0] == "negated" and prev is not None and cur.lemma_.lower() in lex.certainty_nouns:
            break  # "there is no doubt that Iran attacked": asserted
        if own is not None and own[0] == "negated":
            negated_at = cur
            # "no plans to" negates what it governs; "does not require X to" leaves it hypothetical
            decided = ("hypothetical", cur.lemma_.lower()) if gov and gov[0] == "hypothetical" else own
            decided_at = cur
            break
        if gov is not None:
            # a governing word outranks a modal below it ("worried that they will attack")
            if decided is None or gov[0] in ("hypothetical", "negated"):
                decided = (gov[0], cur.lemma_.lower())
                decided_at = cur
                speculative = any(k in lex.speculation for k in token_keys(cur))
                timetable = any(k in lex.timetables for k in token_keys(cur))
                # an intention commits when its holder announces it or it is told as standing policy ("Greece
                # plans to"), not when the writer narrates it ("Kerry was planning to discuss")
                # an event that is the passive subject of the plan is a timetable ("his trip was planned")
                commitment = gov[1] and gov[0] == "future" and prev.dep_ != "nsubjpass" and (
                    pledged or _present(cur) or not any(k in lex.intentions for k in token_keys(cur)))
            break
        if own is not None and decided is None:
            decided = own
            decided_at = cur
        if decided is None and _subject_infinitive(cur, lex):
            # "knew of no deal for Moscow to provide an escort": what is wanted of someone, not done (a negation
            # above still decides: "no deal for Moscow to provide")
            decided = (lex.infinitive_relative, "for")
            decided_at = cur
        if decided is None and _infinitive_relative(cur, lex) and not any(
                k in lex.governors for k in token_keys(cur.head)):
            # what a noun is for ("the right to retaliate"), however it is reported above: no pledge to retaliate
            # (a governing noun still decides: "announced plans to withdraw" pledges)
            decided = (lex.infinitive_relative, "to")
            decided_at = cur
            break
        if _past_time_clause(cur, lex):
            break  # "ways to secure its exports after Iran started to attack ships": a past act that dates another
            # happened, whatever plan or condition the clause it dates is under (its own cues still count)
        if cur.dep_ == "advcl" and cur.tag_ in ("VBN", "VBG") and cur.i < cur.head.i and not any(
                c.dep_ in ("mark", "aux", "nsubj") for c in cur.children):
            break  # a fronted participle clause is a circumstance of the main clause, not under its modal: "Boxed
            # in by opposition to his plans, Nakasone will be hard-pressed" (the opposition is no pledge)
        if (cur.dep_ not in _CLIMB_DEPS and not _denied_contact_clause(cur, lex) and not _noun_complement(cur)
                and not (cur.dep_ == "nsubj" and (
                cur.head.lemma_ == "be" or cur.head.lemma_.lower() in lex.occurrence_verbs))) \
                or cur.head.i == cur.i:
            break
        prev, cur = cur, conjunct_head(cur)  # (a bare infinitive the parser joined to a finite verb: see there)
        steps += 1
    condition, clause = _condition_above(token, lex)
    # a negation above the condition clause is the main clause's ("I don't know how, unless they talk to X": the
    # talk is a condition, not denied)
    denied_above = negated_at is not None and clause is not None and not (
        clause.left_edge.i <= negated_at.i <= clause.right_edge.i)
    # a condition nearer the trigger than the word that decided it outranks it: "refused to rule out retaliation if
    # America went ahead with its tariffs" (the tariffs are a condition, not refused)
    beneath = decided_at is not None and clause is not None and not (
        clause.left_edge.i <= decided_at.i <= clause.right_edge.i) and not denied_above and negated_at is None
    if condition is not None and (decided is None or decided[0] in ("future", "asserted") or denied_above or beneath):
        return Factuality(value="hypothetical", cue=condition, reported=reported, has_future=has_future)
    if (decided is None or decided[0] in ("asserted", "future")) and any(_yes_no_question(t) for t in path):
        # "Is the president going to ask him?", "Will Iran attack the tankers?": asked, not told
        return Factuality(value="hypothetical", cue="?", reported=reported, has_future=has_future)
    if decided is None and any(_infinitive_relative(t, lex) for t in path):
        # the trigger or a word it hangs from is what a noun is for: "a plan to attack the port", "lawsuits to
        # file for compensation from the U.S."
        return Factuality(value=lex.infinitive_relative, cue="to", reported=reported, has_future=has_future)
    if decided is None:
        return Factuality(reported=reported)
    value, cue = decided
    if cue in lex.modifiers:  # "the planned visit", "a battle expected this fall": a plan or an expectation told
        timetable = True      # by a word on the event itself, no one's pledge
    if value == "future" and pledged and token.dep_ not in ("nsubj", "nsubjpass", "csubj") and not timetable:
        commitment = True  # "X said it would ..." (not "talks will be necessary", not "are expected to meet")
    if commitment and reported and (third_party_report(token, lex) or _inside_report_noun(token, lex)):
        commitment = False  # "the G7 will meet, sources said": a reported plan, not a pledge
    return Factuality(value=value, cue=cue, reported=reported, commitment=commitment,
                      has_future=has_future or value == "future", speculative=speculative)


def _continued(token, lex: FactualityLexicon) -> bool:
    """An event noun that is the object of a verb of continuing ("continue the strike") or the "on" object of a
    verb of remaining ("remain on strike"): ``continuation_verbs``."""
    if token.pos_ != "NOUN":
        return False
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() in lex.continuation_verbs
    return token.dep_ == "pobj" and token.head.lower_ == "on" and token.head.head.lemma_.lower() in lex.continuation_on


def _known_speech_topic(token, lex: FactualityLexicon) -> bool:
    """A definite event noun that someone comments on: the object of a word of comment (``speech_topics``), or of
    its "on" / "about" / "over" ("declined to comment on the attack")."""
    if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ == "NOUN" and token.head.i == token.i - 1:
        token = token.head  # "a probe into the police firing": the parser hangs the act on the noun before it
    if token.pos_ != "NOUN" or not _definite(token):
        return False
    if token.dep_ == "dobj":
        speaker = token.head
    elif token.dep_ == "pobj" and token.head.lower_ in lex.speech_topic_preps:
        speaker = token.head.head
    else:
        return False
    return any(k in lex.speech_topic_words for k in token_keys(speaker))


def _denied_claim(token, lex: FactualityLexicon) -> str | None:
    """The word that calls false the claim the trigger is told in (``denied_claims``): the nearest noun above the
    trigger is a claim noun, the subject of a verb whose complement (or its modifier) is a word of denial."""
    claim = next((a for a in token.ancestors if a.pos_ in ("NOUN", "PROPN")), None)
    if claim is None or claim.lemma_.lower() not in lex.claim_nouns or claim.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = claim.head.head if claim.head.dep_ in ("aux", "auxpass") else claim.head  # (a subject hung on "were")
    if verb.lemma_.lower() in lex.denials:
        return verb.lemma_.lower()  # "were misleading propaganda", parsed as a verb
    for c in verb.children:
        if c.dep_ in ("acomp", "attr", "oprd"):
            for word in (c, *(m for m in c.children if m.dep_ in ("amod", "compound"))):
                if word.lemma_.lower() in lex.denials:
                    return word.lemma_.lower()
    return None


def _guessed_subject(token, lex: FactualityLexicon) -> str | None:
    """The word of guessing (a ``speculative`` governor: likely, unlikely, certain ...) predicated of the trigger
    as its subject ("a blockade was unlikely", "a strike seems likely"), or of the object of a verb of making
    ("making an agreement at the summit unlikely"), if any."""
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.lemma_.lower() in lex.making_verbs:
        for c in token.head.children:  # (the parser hangs the adjective as "oprd", "ccomp", "xcomp", "advcl")
            if c.dep_ in ("oprd", "ccomp", "xcomp", "advcl") and c.pos_ == "ADJ" and c.i > token.i and any(
                    k in lex.speculation for k in token_keys(c)):
                return c.lemma_.lower()
        return None
    if token.dep_ != "nsubj" or token.pos_ != "NOUN":
        return None
    for c in token.head.children:
        if c.dep_ in ("acomp", "oprd") and any(k in lex.speculation for k in token_keys(c)) and not any(
                g.dep_ in ("xcomp", "ccomp") for g in (*c.children, *token.head.children)):
            # (not "the attacks are likely to continue": what is guessed is the infinitive, of acts told as done)
            return c.lemma_.lower()
    return None


def _definite(token) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
               for c in token.children)


def _open_topic(token, lex: FactualityLexicon) -> bool:
    """An indefinite event noun that a deliberation is about (``deliberation_topics``): the object of "discuss",
    "debate", "consider", or of the "on" / "over" / "about" of a word of deliberation ("disagreed over economic
    sanctions"); a later conjunct shares its first one's place ("discussed aid and sanctions")."""
    if token.pos_ != "NOUN" or _definite(token):
        return False
    while token.dep_ == "conj" and token.head.pos_ == "NOUN":
        token = token.head
    if token.dep_ == "dobj":
        return any(k in lex.deliberation_objects for k in token_keys(token.head))
    if token.dep_ == "pobj" and token.head.lower_ in lex.deliberation_preps:
        return any(k in lex.deliberation_words for k in token_keys(token.head.head))
    return False


def _time_measure(token):
    """The span of time an event noun measures ("two days" in "two days of talks"), if it is one."""
    of = token.head if token.dep_ == "pobj" else None
    if of is None or of.lower_ != "of" or of.dep_ != "prep":
        return None
    measure = of.head
    return measure if measure.ent_type_ in ("DATE", "TIME") and measure.pos_ == "NOUN" else None


def _noun_complement(clause) -> bool:
    """A "that" clause the parser hangs on a noun as a relative one, though "that" only introduces it: what the
    noun says ("rejected calls that the government talk to the IMF"), which the noun governs."""
    if clause.dep_ != "relcl" or not any(c.lower_ == "that" for c in clause.children):
        return False
    # "that" as a mark, or a bare subjunctive verb with its own subject ("calls that the army withdraw")
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) or (
        clause.tag_ == "VB" and any(c.dep_ == "nsubj" for c in clause.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in clause.children))


def _denied_contact_clause(clause, lex: FactualityLexicon) -> bool:
    """A relative clause with no relative word on a noun "no" denies: "there is no way the Germans will agree"
    (not "no country that attacked Iran", which says which countries)."""
    return clause.dep_ == "relcl" and any(c.dep_ == "det" and c.lower_ in lex.negators for c in clause.head.children) \
        and not any(c.tag_ in ("WDT", "WP", "WP$", "WRB") or c.lower_ == "that" for c in clause.children)


def _yes_no_question(verb) -> bool:
    """A clause asked, not told: its own question mark, and an auxiliary before its subject ("Will Iran attack
    ...?").  A wh-question ("Why did Iran attack ...?") takes the act as given and is not one."""
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects or not any(c.dep_ == "punct" and c.text == "?" for c in verb.children):
        return False
    inverted = any(c.dep_ in ("aux", "auxpass") and c.i < min(subjects) for c in verb.children)
    wh = any(t.tag_ in ("WDT", "WP", "WP$", "WRB") and t.i < min(subjects) for t in verb.subtree)
    return inverted and not wh


def states_opinion(clause) -> bool:
    """A clause that says how things are, were or have been: a present, past or perfect verb, no modal ("economists
    agreed the economy is better placed", "analysts agreed that the firm has pared costs"), not what is to be done
    ("agreed that talks would resume", "agreed that the prisoners be freed")."""
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if clause.lemma_ == "be" and any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in clause.children):
        return True  # a judgement, whatever its tense or mood: "agreed that a further fall would be harmful"
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in aux):
        return False
    if clause.tag_ == "VBN" and any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in clause.children):
        return True  # a participle beside an adjective describes: "agreed the reaction was measured and reasonable"
    if clause.lemma_ == "be" and any(c.dep_ == "xcomp" for c in clause.children):
        return False  # "agreed that talks are to resume": what is to be done
    if perfect(clause) or clause.lemma_ == "be" or _quoted(clause):
        return True  # "agreed that it was not a sight which inspired confidence"; agreeing with a quotation
    if clause.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in aux):
        return True  # "things are running pretty quickly now"
    # what is or was so: "the economy is better placed"; agreeing on the past is a shared view ("agreed that going
    # after the rig reflected a careful bid"): an agreement to act is about what is to come
    return clause.tag_ in ("VBZ", "VBP", "VBD") or (clause.tag_ == "VBN" and any(
        a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP", "VBD") for a in aux))


def _quoted(clause) -> bool:
    """The clause opens with a quotation mark: the speaker's own words, given as what is so."""
    first = clause.left_edge
    before = clause.doc[first.i - 1] if first.i > 0 else None
    return first.is_quote or (before is not None and before.is_quote and before.head.i == clause.head.i)


def perfect(verb) -> bool:
    """A perfect verb: "have" among its auxiliaries ("would have sent", "has met")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _counterfactual(verb, lex: FactualityLexicon) -> bool:
    """A modal perfect: what would, could or might have happened and did not ("would have announced")."""
    return perfect(verb) and any(c.dep_ == "aux" and lex.modals.get(c.lower_) == "hypothetical"
                                  for c in verb.children)


def _own_clause(conjunct, head) -> bool:
    """A conjunct that is a clause of its own: it has its own subject ("were not due until 1990, but the
    Philippines agreed"), or its own past tense beside a bare verb ("said it would defend its rights and urged
    Turkey to ..."), so the head's negation, modal and governor are not its own (a reporting verb above still is)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in conjunct.children) or (
        conjunct.tag_ == "VBD" and head.tag_ == "VB")


def attempted_only(fact: Factuality) -> bool:
    """Unrealised because a governing word makes it an aim ("will seek to have the government retaliate",
    "wants to retaliate"), not because of a condition or a modal ("would retaliate if attacked")."""
    lex = factuality_lexicon()
    return fact.value == "hypothetical" and fact.cue is not None and any(
        value == "hypothetical" for value, _, _ in lex.governors.get(fact.cue, ()))


def answering_noun(token):
    """The noun of a response or a reprisal the token stands under ("in response to a missile strike on a tanker":
    the strike is answered), or None (factuality.yml ``time_anchors.answer_nouns``)."""
    nouns = factuality_lexicon().answer_nouns
    return next((a for a in token.ancestors if a.pos_ == "NOUN" and a.lemma_.lower() in nouns), None)


def _past_time_clause(clause, lex: FactualityLexicon) -> bool:
    """A clause in the past brought in by one of the time anchors ("after Iran started to attack", "since the
    army had withdrawn"): it dates the clause above it and is told as a fact, as an anchoring noun is."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex.time_anchors for c in clause.children) \
        and (clause.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children))


def _subject_infinitive(token, lex: FactualityLexicon) -> bool:
    """An infinitive with a subject of its own brought in by "for" ("a deal for Moscow to provide an escort",
    "waited for the army to withdraw"): wherever the parser hangs it, it names an act wanted or arranged, not one
    told as done."""
    return token.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
        and any(c.dep_ == "mark" and c.lower_ in lex.subject_marks for c in token.children)


def _infinitive_relative(token, lex: FactualityLexicon) -> bool:
    """The trigger is an infinitive hung on a noun ("efforts to end the war", "a plan to attack the port"):
    what the noun is for, not what happened - unless the noun is counted out as the one who did it ("the first
    leader to visit Tehran").  A purpose clause on a verb ("sent troops to restore order") is not read so: it
    cost PLOVER recipients and IndiaPoliceEvents arrests when tried."""
    if token.dep_ not in ("acl", "relcl") or token.pos_ != "VERB" or token.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    return not any(c.lower_ in lex.counted_out or c.tag_ == "JJS" for c in token.head.children
                   if c.dep_ in ("amod", "advmod", "nummod", "det"))


def subject_is_document(token) -> bool:
    """True if the speech act's subject is a text ("a bill calling for ...") rather than an actor."""
    lex = factuality_lexicon()
    if token.dep_ == "acl" and any(k in lex.document_nouns for k in token_keys(token.head)):
        return True
    if token.dep_ in ("advcl", "acl"):  # "passed a bill - dubbed ... - calling for"
        for obj in token.head.children:
            if obj.dep_ == "dobj" and any(k in lex.document_nouns for k in token_keys(obj)):
                return True
    agent = any(c.dep_ == "agent" for c in token.children)  # "the plan was rejected by X": X speaks
    children = list(token.children)
    if token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
        children = list(token.head.children)  # "That pact, agreed last year, calls on Japan to ...": the pact's
    for child in children:
        if child.dep_ == "nsubj" and child.lower_ in ("that", "which") and token.dep_ == "relcl":
            child = token.head  # "an agreement that called on it to stop selling chips": the agreement
        elif not (child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and not agent)):
            continue
        if any(k in lex.document_nouns for k in token_keys(child)):
            return True
    return False
