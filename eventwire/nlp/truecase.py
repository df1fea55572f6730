"""Undoing a wire's capitals after abbreviations before parsing ("the U.S. Attacks on" -> "the U.S. attacks on"),
and restoring the capitals of a text written all in lower case (``restore_lower_case``: sentence starts and the
names the gazetteers know).

Some wires (Reuters-21578 among them) capitalise the word after every abbreviation; the rule that undoes it,
and the words it applies to, are data in ``truecase.yml`` beside this module (see there).  ``restore_case``
changes the case of whole words only, so the text keeps its length and every offset; ``load_pipeline`` puts a
``TruecasingTokenizer`` in front of the model's tokenizer, which parses the restored text and keeps the
article's own in ``doc._.source_text`` (evidence quotes that).  It knows the English verbs from the model's own
lemmatizer tables (``english_verbs``): a verb after "U.S." is no name.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("truecase.yml")
_WORD = re.compile(r"[A-Za-z]+")


@functools.cache
def _rules() -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    with _DATA.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    pattern = re.compile(rf"(?<![\w.]){data['abbreviation']} +([A-Z][a-z]+)\b")
    return pattern, frozenset(data["function_words"]), frozenset(data["title_links"])


def _capitalised_next(text: str, end: int, links: frozenset[str]) -> bool:
    """The word after position ``end`` is capitalised, or is a title link followed by a capitalised word
    ("Secretary of State")."""
    words = _WORD.finditer(text, end, min(len(text), end + 60))
    first = next(words, None)
    if first is None or text[end:first.start()].strip():  # punctuation next: nothing goes on
        return False
    if first.group()[0].isupper():
        return True
    if first.group() in links:
        second = next(words, None)
        return second is not None and not text[first.end():second.start()].strip() and second.group()[0].isupper()
    return False


def _a_verb(low: str, verbs: frozenset[str]) -> bool:
    """The word is an English verb, or the plural or third person of one ("attacks", "raids"): no name goes so."""
    return low in verbs or (low.endswith("s") and (low[:-1] in verbs or (low.endswith("es") and low[:-2] in verbs)))


def restore_case(text: str, verbs: frozenset[str] = frozenset()) -> str:
    """``text`` with each word a wire capitalised after an abbreviation in lower case (same length).  ``verbs``
    (English verb lemmas: the model's lemmatizer index) lets a verb, or a noun spelt as one, be restored even where
    the article writes it nowhere else in lower case ("the U.S. Attacks on two platforms")."""
    pattern, function_words, links = _rules()
    if "." not in text:
        return text
    out: list[str] | None = None
    lower_words: set[str] | None = None
    for match in pattern.finditer(text):
        word = match.group(1)
        low = word.lower()
        if low not in function_words and not _a_verb(low, verbs):
            if lower_words is None:
                lower_words = set(re.findall(r"\b[a-z]+\b", text))
            if low not in lower_words:
                continue
        if _capitalised_next(text, match.end(1), links):
            continue
        if out is None:
            out = list(text)
        out[match.start(1)] = low[0]
    return "".join(out) if out is not None else text


@functools.cache
def _lower_case_rules() -> dict:
    with _DATA.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)["lower_case"]


def all_lower_case(text: str) -> bool:
    """At most ``max_upper_share`` of the text's letters (and ``min_letters`` at least) are capitals."""
    rules = _lower_case_rules()
    letters = sum(c.isalpha() for c in text)
    return letters >= rules["min_letters"] and sum(c.isupper() for c in text) <= letters * rules["max_upper_share"]


@dataclass(frozen=True)
class KnownNames:
    """Lower-cased name -> the name as written, and one pattern that finds any of them (compiled once)."""

    names: dict[str, str]
    pattern: re.Pattern | None

    @classmethod
    def of(cls, names: dict[str, str]) -> KnownNames:
        if not names:
            return cls({}, None)
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return cls(names, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"))


def lower_case_names(verbs: frozenset[str] = frozenset()) -> KnownNames:
    """The names an all-lower-case text gets back: the entity ruler's gazetteer patterns and ``words``; a
    one-word name that is an English verb or one of ``not_names`` is left out (same length only)."""
    from eventwire.nlp.patterns import entity_patterns

    rules = _lower_case_rules()
    skip = set(rules["not_names"])
    names = {w: w.capitalize() for w in rules["words"]}
    for row in entity_patterns():
        name = row["pattern"]
        if not isinstance(name, str):  # (a token pattern, were there one: no text to restore)
            continue
        low = name.lower()
        if low != name and len(low) == len(name) and len(low) >= 3 and not (
                " " not in low and (low in skip or _a_verb(low, verbs))):
            names.setdefault(low, name)
    return KnownNames.of(names)


_SENTENCE_START = re.compile(r"(?:^|[.!?][\"')\]]*\s+)([a-z])")


def restore_lower_case(text: str, known: KnownNames | None) -> str:
    """An all-lower-case ``text`` (``all_lower_case``) with each sentence's first letter and every known name
    capitalised (same length); any other text as it is."""
    if known is None or known.pattern is None or not all_lower_case(text):
        return text
    out = list(text)
    for match in _SENTENCE_START.finditer(text):
        out[match.start(1)] = match.group(1).upper()
    for match in known.pattern.finditer(text):
        out[match.start():match.end()] = known.names[match.group()]
    return "".join(out)


class TruecasingTokenizer:
    """A spaCy tokenizer that tokenizes ``restore_case(text)`` (and ``restore_lower_case`` of an all-lower-case
    text) and keeps ``text`` as ``doc._.source_text``."""

    def __init__(self, tokenizer, verbs: frozenset[str] = frozenset(), names: KnownNames | None = None):
        self.tokenizer = tokenizer
        self.verbs = verbs
        self.names = names

    def __call__(self, text: str):
        restored = restore_lower_case(restore_case(text, self.verbs), self.names)
        doc = self.tokenizer(restored)
        if restored != text:
            doc._.source_text = text
        return doc

    def __getattr__(self, name):  # vocab, rules, to_disk ...: the wrapped tokenizer's
        if name in ("tokenizer", "verbs", "names"):  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def english_verbs(nlp) -> frozenset[str]:
    """The verb lemmas of the pipeline's rule lemmatizer (its WordNet-derived ``lemma_index``), or none when the
    pipeline has no such table."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table.get("verb", ()))
    except (KeyError, ValueError, AttributeError):
        return frozenset()
