"""Quantities of events: people killed, injured, arrested, displaced, troops, and money.

Counts come from the parse (``lexicon/quantities.yml``): a counting word (``killed``, ``dead``,
``soldiers``) takes the number attached to it or to the people it names ("killed 23 people",
"at least 4,634 dead", "40,000 soldiers", "no one was killed" -> 0).  Vague plurals follow ACLED's
smallest-number convention (see the data file).  Money is found in the text: a currency symbol
before a number or a currency word after it; a parenthetical conversion right after an amount
("$350 million (€280 million)") is the same money and is not counted again.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .lexicons import load_lexicon, token_keys, word_keys

_COUNT_DEPS = frozenset({"nummod", "quantmod", "npadvmod", "appos", "nmod", "compound", "amod"})
_GLUE = frozenset({"of", "a"})
_PERSON_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "pobj", "npadvmod"})
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "bn": 1_000_000_000, "m": 1_000_000, "trillion": 1_000_000_000_000}
_DIGITS = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


@dataclass(frozen=True)
class QuantityLexicon:
    counted: dict[str, str]  # lemma -> key
    subject_counted: frozenset[str]  # lemmas whose subject is who is counted ("nine soldiers died")
    zero_phrases: tuple[str, ...]
    words: dict[str, int]
    vague: dict[str, int]  # multiword vague quantities ("tens of thousands")
    vague_words: frozenset[str]
    applies_to: dict[str, frozenset[str]]
    unnumbered: dict[str, int]  # fine-grained tag -> smallest count a bare noun of that number allows
    bare_counted: frozenset[str]  # counted nouns that count themselves without a number ("deaths")
    money_re: re.Pattern
    currency_of: dict[str, str | None]


@functools.cache
def quantity_lexicon() -> QuantityLexicon:
    data = load_lexicon("quantities")
    counted = {k: e["key"] for e in data["counted"] for k in word_keys(e)}
    words, vague = {}, {}
    for w in data["words"]:
        (vague if " " in w["word"] else words)[w["word"].lower()] = int(w["value"])
    currency_of: dict[str, str | None] = {}
    symbols, names = [], []
    for c in data["currencies"]:
        if "symbol" in c:
            currency_of[c["symbol"].lower()] = c["code"]
            symbols.append(re.escape(c["symbol"]))
        else:
            for k in word_keys(c, "word"):
                currency_of[k] = c["code"]
                currency_of[k + "s"] = c["code"]
                names.append(re.escape(k) + "s?")
    number = r"\d[\d,]*(?:\.\d+)?"
    scale = r"(?:\s?(?:million|billion|trillion|thousand|bn|m)\b)?"
    symbols.sort(key=len, reverse=True)
    money_re = re.compile(
        rf"(?P<sym>{'|'.join(symbols)})\s?(?P<num1>{number}){scale}"
        rf"|(?P<num2>{number}){scale}\s(?P<word>{'|'.join(names)})\b",
        re.IGNORECASE,
    )
    applies = {a["key"]: frozenset(a["types"]) for a in data["applies_to"]}
    return QuantityLexicon(
        counted=counted,
        subject_counted=frozenset(k for e in data["counted"] if e.get("subject") for k in word_keys(e)),
        zero_phrases=tuple(z["text"].lower() for z in data["none_words"]),
        words=words,
        vague=vague,
        vague_words=frozenset(w for phrase in vague for w in phrase.split()) - _GLUE,
        applies_to=applies,
        unnumbered={row["tag"]: int(row["value"]) for row in data["unnumbered"]},
        bare_counted=frozenset(k for e in data["counted"] if e.get("bare") for k in word_keys(e)),
        money_re=money_re,
        currency_of=currency_of,
    )


def parse_number(text: str) -> int | None:
    """An integer from a number phrase: "4,634", "1.1 million", "five hundred", "dozens", "tens of thousands"."""
    lex = quantity_lexicon()
    low = " ".join(text.lower().replace("-", " ").split())
    for phrase, value in lex.vague.items():
        if phrase in low:
            return value
    total, current, seen = 0.0, 0.0, False
    for word in low.replace(" of ", " ").split():
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
            seen = True
        elif word in _SCALES and (seen or word in lex.words):
            current = (current or 1) * _SCALES[word]
            seen = True
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word in lex.words:
            value = lex.words[word]
            if value >= 100 and value in _SCALES.values() and seen:
                current = (current or 1) * value
            else:
                current += value
            seen = True
    if not seen:
        return None
    return int(round(total + current))


def _number_phrase(token) -> int | None:
    """The number a number token (with its own modifiers) stands for."""
    lex = quantity_lexicon()
    parts = [t.text for t in token.subtree
             if t.like_num or t.lower_ in lex.words or t.lower_ in _SCALES or t.lower_ in lex.vague_words
             or t.lower_ in _GLUE]
    if not any(p.lower() not in _GLUE for p in parts):
        return None
    return parse_number(" ".join(parts))


def _is_number(token) -> bool:
    lex = quantity_lexicon()
    return token.like_num or token.lower_ in lex.words or token.lower_ in lex.vague_words or token.pos_ == "NUM"


def _zero(token) -> bool:
    """"no one", "nobody", "no casualties", "none"."""
    lex = quantity_lexicon()
    text = " ".join(t.lower_ for t in token.subtree if t.dep_ != "punct")
    return any(text == z or text.endswith(z) or text.startswith(z) for z in lex.zero_phrases)


def company_count(person) -> int | None:
    """The number of people counted beside the one named: "the leader along with 500 supporters" -> 500."""
    preps = [c for c in person.children if c.dep_ == "prep"]
    preps += [g for c in preps for g in c.children if g.dep_ == "prep"]  # "along" -> "with"
    for o in (o for p in preps if p.lower_ == "with" for o in p.children if o.dep_ == "pobj"):
        number = o if _is_number(o) else next((x for x in o.children if x.dep_ in _COUNT_DEPS and _is_number(x)), None)
        if number is not None:
            return _number_phrase(number)
    return None


def _count_for_person(person) -> int | None:
    if _zero(person):
        return 0
    company = company_count(person)
    if company is not None:  # the one named and those with them: "the MLA along with 500 supporters" -> 501
        return company + 1
    if _is_number(person):
        return _number_phrase(person)
    for child in person.children:
        if child.dep_ in _COUNT_DEPS and _is_number(child):
            return _number_phrase(child)
    if person.pos_ == "NOUN":  # no number: the smallest the noun allows ("a guard" 1, "villagers" 2)
        return quantity_lexicon().unnumbered.get(person.tag_)
    return None


def _count_for(token) -> int | None:
    """The count attached to a counting word, or None."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return 0
    for child in token.children:
        if child.dep_ in _COUNT_DEPS and _is_number(child):
            return _number_phrase(child)
    if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD", "VBG"):
        persons = [c for c in token.children if c.dep_ in _PERSON_DEPS]
        if not persons and token.dep_ == "conj":  # "killed or wounded": share the first verb's
            persons = [c for c in token.head.children if c.dep_ in _PERSON_DEPS]
        for person in persons:
            if person.dep_ == "nsubj" and token.lemma_.lower() not in quantity_lexicon().subject_counted:
                continue
            if person.lower_ in ("who", "that") and token.dep_ == "relcl":
                person = token.head  # "the people who died": the people
            value = _count_for_person(person)
            if value is not None:
                return value
    if token.dep_ in ("acl", "amod") and token.head.i != token.i and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
        value = _count_for_person(token.head)  # "the six people killed in ...", "98 dead rioters"
        if value is not None:
            return value
    if token.dep_ in ("oprd", "acomp") and token.head.pos_ in ("VERB", "AUX"):
        value = _count_for(token.head)  # "shot dead two militants": the people the verb counts
        if value is not None:
            return value
    if token.head.i != token.i and _is_number(token.head):
        return _number_phrase(token.head)
    if token.dep_ == "pobj" and token.head.lower_ == "of" and _is_number(token.head.head):
        return _number_phrase(token.head.head)  # "40 of these deaths", "three of the wounded"
    if token.i > 0 and _is_number(token.doc[token.i - 1]):
        return _number_phrase(token.doc[token.i - 1])
    if token.pos_ == "NOUN" and any(k in quantity_lexicon().bare_counted for k in token_keys(token)):
        return quantity_lexicon().unnumbered.get(token.tag_)  # "the number of deaths in police firing": at least 2
    return None


def counts_in(span) -> dict[str, int]:
    """Counts found in a sentence: {"killed": 4634, "injured": 10243, ...} (keys present only)."""
    lex = quantity_lexicon()
    out: dict[str, int] = {}
    for token in span:
        key = next((lex.counted[k] for k in token_keys(token) if k in lex.counted), None)
        if key is None or key in out:
            continue
        value = _count_for(token)
        if value is not None:
            out[key] = value
    if "troops" in out and out["troops"] in {out.get(k) for k in ("killed", "injured", "arrested")}:
        del out["troops"]  # "killing 12 soldiers": the soldiers are casualties, not a troop strength
    return out


def counts_for_event(counts: dict[str, int], event_type: str) -> dict[str, int]:
    """The counts of a sentence that belong to an event of this type."""
    lex = quantity_lexicon()
    return {k: v for k, v in counts.items() if event_type in lex.applies_to.get(k, ())}


def money_in(text: str, *, offset: int = 0) -> list[dict[str, Any]]:
    """Money amounts in a text, each {amount, currency, text, start, end} (offsets + ``offset``).

    A parenthetical right after an amount that is itself an amount is the same money converted,
    and is dropped.
    """
    lex = quantity_lexicon()
    found: list[dict[str, Any]] = []
    for m in lex.money_re.finditer(text):
        raw = m.group(0)
        if m.group("sym"):
            currency = lex.currency_of.get(m.group("sym").lower())
            number_text = raw[len(m.group("sym")):]
        else:
            currency = lex.currency_of.get(m.group("word").lower())
            number_text = raw[: m.start("word") - m.start()]
        amount = parse_number(number_text)
        if amount is None:
            continue
        if found and re.fullmatch(r"\s*\(\s*", text[found[-1]["end"] - offset: m.start()]):
            continue  # "(€280 million)": the same money converted
        found.append({"amount": amount, "currency": currency, "text": raw,
                      "start": m.start() + offset, "end": m.end() + offset})
    return found


def public_money(item: dict[str, Any]) -> dict[str, Any]:
    """A money item as exported: {amount, currency, text}."""
    return {"amount": item["amount"], "currency": item["currency"], "text": item["text"]}


def counts_only(token) -> bool:
    """True for a counting verb whose people are "no one"/"nobody": a count, not an event."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    heads = [token]
    if token.dep_ == "conj":
        heads.append(token.head)
    for head in heads:
        for person in head.children:
            if person.dep_ in ("nsubjpass", "dobj") and _zero(person):
                return True
    return False
