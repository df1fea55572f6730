"""eventwire's pipeline components, registered with spaCy in this one module.

The project's entity ruler is two components:

1. ``eventwire_gazetteer`` - spaCy's built-in ``span_ruler`` with phrase patterns from the gazetteers
   (``patterns.entity_patterns``); it writes every match to ``doc.spans["eventwire_gazetteer"]``.
2. ``eventwire_entities`` - runs after the statistical ``ner`` and merges those matches into ``doc.ents``.

Why after ``ner`` and not before: placed before, the gazetteer's spans become fixed constraints the NER
must work around, and placed after with spaCy's ``entity_ruler(overwrite_ents=True)`` any overlap is
decided for the ruler.  Both lose good NER spans that merely *contain* a gazetteer name ("the Ukraine
Freedom Support Act" LAW, "the Russian Foreign Ministry" ORG, "J. Kerry").  So the merge is: a gazetteer
match replaces every NER entity it overlaps (this corrects "Kiev" PERSON -> GPE, "Lavrov" ORG -> PERSON,
"Macron" GPE -> PERSON), except an NER entity that strictly contains it and either has the same label or
is a name-bearing label (ORG, LAW, EVENT, FAC, WORK_OF_ART, PRODUCT).  The work is proportional to the
number of matches and entities, never a loop over all tokens.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventwire.nlp.extensions import register_extensions

SPANS_KEY = "eventwire_gazetteer"
RULER_NAME = "eventwire_gazetteer"
MERGE_NAME = "eventwire_entities"
CONTAINING_LABELS_KEPT = frozenset({"ORG", "LAW", "EVENT", "FAC", "WORK_OF_ART", "PRODUCT"})


def merge_entities(ner: list[Span], matches: list[Span]) -> list[Span]:
    """NER entities corrected by gazetteer matches (see the module docstring for the rule)."""
    matches = filter_spans(matches)
    owner: dict[int, int] = {}  # token index -> index of the match covering it
    for k, m in enumerate(matches):
        for i in range(m.start, m.end):
            owner[i] = k
    dropped_matches: set[int] = set()
    kept: list[Span] = []
    for ent in ner:
        hit = {owner[i] for i in range(ent.start, ent.end) if i in owner}
        if not hit:
            kept.append(ent)
            continue
        contained = all(ent.start <= matches[k].start and matches[k].end <= ent.end for k in hit)
        strictly = contained and any((matches[k].start, matches[k].end) != (ent.start, ent.end) for k in hit)
        if strictly and all(matches[k].label_ == ent.label_ or ent.label_ in CONTAINING_LABELS_KEPT for k in hit):
            kept.append(ent)
            dropped_matches |= hit
    kept.extend(m for k, m in enumerate(matches) if k not in dropped_matches)
    return sorted(filter_spans(kept), key=lambda s: s.start)


@Language.component(MERGE_NAME)
def eventwire_entities(doc: Doc) -> Doc:
    matches = list(doc.spans.get(SPANS_KEY, []))
    if matches:
        doc.ents = merge_entities(list(doc.ents), matches)
    return doc


DATELINES_NAME = "eventwire_datelines"
_DATELINES = Path(__file__).with_name("datelines.yml")


@functools.cache
def dateline_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(a digest item's opening dateline, a separator line): datelines.yml, compiled once."""
    with _DATELINES.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return re.compile(data["dateline"]), re.compile(data["separator"])


def item_starts(text: str) -> list[int]:
    """Character offsets that begin a sentence in a digest: a line opening with a dateline or made of a separator,
    the word after a dateline, and the line after a separator (see datelines.yml)."""
    dateline, separator = dateline_patterns()
    starts: list[int] = []
    offset, after_separator = 0, False
    for line in text.split("\n"):
        body = line.strip()
        first = offset + len(line) - len(line.lstrip())
        if body:
            if after_separator:
                starts.append(first)
            found = dateline.match(body)
            if found:
                starts += [first, first + found.end()]
            after_separator = bool(separator.match(body))
            if after_separator:
                starts.append(first)
        offset += len(line) + 1
    return starts


@Language.component(DATELINES_NAME)
def eventwire_datelines(doc: Doc) -> Doc:
    """Digest items begin sentences, their datelines apart (datelines.yml); the parser keeps boundaries set before
    it.  A text with no line break is left alone at once."""
    text = doc.text  # (built from the tokens each time it is asked for)
    if "\n" not in text and not dateline_patterns()[0].match(text):
        return doc
    starts = set(item_starts(text))
    if not starts:
        return doc
    for tok in doc[1:]:
        if tok.idx in starts:
            tok.is_sent_start = True
    return doc


def add_datelines(nlp: Language) -> Language:
    """Add ``eventwire_datelines`` before the parser (or the sentence recogniser), if there is one."""
    if DATELINES_NAME in nlp.pipe_names:
        return nlp
    first = next((name for name in ("parser", "senter") if name in nlp.pipe_names), None)
    if first is not None:
        nlp.add_pipe(DATELINES_NAME, before=first)
    return nlp


def add_entity_ruler(nlp: Language) -> Language:
    """Add the gazetteer ruler and the merge step to ``nlp`` (after ``ner`` if it has one)."""
    from eventwire.nlp.patterns import entity_patterns

    register_extensions()
    if RULER_NAME in nlp.pipe_names:
        return nlp
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "span_ruler", name=RULER_NAME, config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "ORTH"}, **where
    )
    ruler.add_patterns(list(entity_patterns()))
    nlp.add_pipe(MERGE_NAME, after=RULER_NAME)
    return nlp
