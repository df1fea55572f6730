"""Dates: every entry of dates.yml, the documented semantics, and event_date on hand-built parses."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.resolve.dates import (
    DateResolution,
    date_data,
    event_date,
    find_date_expressions,
    resolve_date_text,
)

DATA = date_data()
PUB = "2014-12-14"  # a Sunday


def _check_example(ex):
    got = resolve_date_text(ex["text"], published=ex["published"])
    assert got is not None, ex
    assert got.date == ex["expect"], (ex, got)
    if "precision" in ex:
        assert got.precision == ex["precision"]
    assert got.stated and got.text == ex["text"]


@pytest.mark.parametrize("entry", DATA["relative"], ids=lambda e: e["example"]["text"])
def test_relative_rule(entry):
    _check_example(entry["example"])


@pytest.mark.parametrize("entry", DATA["weekdays"], ids=lambda e: e["name"])
def test_weekday(entry):
    _check_example(entry["example"])
    for form in entry["forms"]:  # every spelling resolves like the full name
        assert resolve_date_text(form, published=entry["example"]["published"]).date == entry["example"]["expect"]


@pytest.mark.parametrize("entry", DATA["weekday_modifiers"] + DATA["month_modifiers"], ids=lambda e: e["example"]["text"])
def test_modifier(entry):
    _check_example(entry["example"])


@pytest.mark.parametrize("entry", DATA["months"], ids=lambda e: e["forms"][0])
def test_month_forms(entry):
    pub = "2014-12-14"
    for form in entry["forms"]:
        got = resolve_date_text(f"in {form}", published=pub)
        assert got.date == f"2014-{entry['number']:02d}" and got.precision == "month", form


@pytest.mark.parametrize("word,value", sorted(DATA["numbers"].items()))
def test_number_word(word, value):
    got = resolve_date_text(f"{word} days ago", published=PUB)
    assert got.date == (date(2014, 12, 14) - timedelta(days=value)).isoformat()


@pytest.mark.parametrize("entry", DATA["leading_words"] + DATA["trailing_words"], ids=lambda e: e["example"])
def test_stripped_words(entry):
    example = entry["example"]
    assert entry["word"] in example.lower()
    with_word = resolve_date_text(example, published=PUB)
    stripped = re.sub(rf"\b{entry['word']}\b[\s-]*", "", example, count=1, flags=re.I)
    assert stripped != example
    without = resolve_date_text(stripped, published=PUB)
    assert with_word is not None and with_word.date is not None
    assert with_word.date == without.date


# ---------------------------------------------------------------- documented semantics

@pytest.mark.parametrize(
    "text,published,expect,precision",
    [
        ("on Sunday", PUB, "2014-12-14", "day"),
        ("on Friday", PUB, "2014-12-12", "day"),
        ("Saturday", PUB, "2014-12-13", "day"),
        ("in September", PUB, "2014-09", "month"),
        ("in September", "2014-08-30", "2013-09", "month"),
        ("in December", PUB, "2014-12", "month"),
        ("February 24th", "2022-06-16", "2022-02-24", "day"),
        ("Dec 25", PUB, "2013-12-25", "day"),  # more than a week after publication: last year
        ("Dec 18", PUB, "2014-12-18", "day"),  # within the grace period
        ("the past 24 hours", PUB, "2014-12-14", "day"),
        ("next year", PUB, "2015", "year"),
        ("this year", PUB, "2014", "year"),
        ("yesterday", "2014-03-01", "2014-02-28", "day"),
        ("on Dec 12, 2014", None, "2014-12-12", "day"),
        ("on Dec 12, 2011", PUB, "2011-12-12", "day"),  # an explicit year wins
        ("September 2014", None, "2014-09", "month"),
        ("in 2013", None, "2013", "year"),
        ("4 FEB 90", None, "1990-02-04", "day"),
        ("SINCE 2 FEBRUARY", "1990-02-04", "1990-02-02", "day"),
        # a date in the possessive is the date of its noun ("next week's summit", "Sunday's attack")
        ("next week's", PUB, "2014-12", "month"),
        ("Saturday's", PUB, "2014-12-13", "day"),
        ("last year’s", PUB, "2013", "year"),
    ],
)
def test_semantics(text, published, expect, precision):
    got = resolve_date_text(text, published=published)
    assert (got.date, got.precision) == (expect, precision)


@pytest.mark.parametrize("text", ["yesterday", "on Friday", "last week", "in March", "February 24th", "next year"])
def test_relative_without_publication_stays_unresolved(text):
    assert resolve_date_text(text, published=None) == DateResolution(None, "unknown", True, text)


@pytest.mark.parametrize("text", ["more than three hours", "the meeting", "", "Kyiv", "40,000 soldiers"])
def test_not_a_date(text):
    assert resolve_date_text(text, published=PUB) is None


def test_future_weekday():
    assert resolve_date_text("Monday", published=PUB, prefer_future=True).date == "2014-12-15"
    assert resolve_date_text("Sunday", published=PUB, prefer_future=True).date == "2014-12-14"


def test_last_week_range():
    got = resolve_date_text("last week", published="2014-12-17")
    assert (got.earliest, got.latest) == ("2014-12-08", "2014-12-14")


def test_find_date_expressions():
    text = "LIMA, 10 JAN 90 -- Guerrillas attacked the post last night; 2 DAYS AGO and on Dec 12, 2014 and next year."
    found = [t for _, _, t in find_date_expressions(text)]
    assert found == ["10 JAN 90", "last night", "2 DAYS AGO", "Dec 12, 2014", "next year"]
    for start, end, t in find_date_expressions(text):
        assert text[start:end] == t


# ---------------------------------------------------------------- event_date on hand-built parses

@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def _doc(vocab, rows, ents=()):
    """rows: (word, head index, dep, pos, lemma)."""
    words, heads, deps, pos, lemmas = zip(*rows)
    doc = Doc(vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), lemmas=list(lemmas),
              ents=list(ents) or None)
    return doc


def _reporting_doc(vocab, verb, lemma):
    rows = [
        ("Officials", 1, "nsubj", "NOUN", "official"),
        (verb, 1, "ROOT", "VERB", lemma),
        ("on", 1, "prep", "ADP", "on"),
        ("Sunday", 2, "pobj", "PROPN", "Sunday"),
        ("that", 6, "mark", "SCONJ", "that"),
        ("rebels", 6, "nsubj", "NOUN", "rebel"),
        ("attacked", 1, "ccomp", "VERB", "attack"),
        ("the", 8, "det", "DET", "the"),
        ("town", 6, "dobj", "NOUN", "town"),
    ]
    return _doc(vocab, rows, ["O", "O", "O", "B-DATE", "O", "O", "O", "O", "O"])


@pytest.mark.parametrize("entry", DATA["reporting_verbs"], ids=lambda e: e["lemma"])
def test_reporting_verb_date_is_not_the_event_date(vocab, entry):
    doc = _reporting_doc(vocab, entry["example"], entry["lemma"])
    attacked, verb = doc[6], doc[1]
    assert event_date(attacked.sent, attacked, published=PUB) == DateResolution(None, "unknown", False, None)
    assert event_date(verb.sent, verb, published=PUB).date == "2014-12-14"


def test_non_reporting_governor_lends_its_date(vocab):
    doc = _reporting_doc(vocab, "decided", "decide")
    attacked = doc[6]
    assert event_date(attacked.sent, attacked, published=PUB).date == "2014-12-14"


def test_event_date_picks_the_trigger_clause(vocab):
    # Ukraine announced on Friday it would bolster its army next year
    rows = [
        ("Ukraine", 1, "nsubj", "PROPN", "Ukraine"),
        ("announced", 1, "ROOT", "VERB", "announce"),
        ("on", 1, "prep", "ADP", "on"),
        ("Friday", 2, "pobj", "PROPN", "Friday"),
        ("it", 6, "nsubj", "PRON", "it"),
        ("would", 6, "aux", "AUX", "would"),
        ("bolster", 1, "ccomp", "VERB", "bolster"),
        ("its", 8, "poss", "PRON", "its"),
        ("army", 6, "dobj", "NOUN", "army"),
        ("next", 10, "amod", "ADJ", "next"),
        ("year", 6, "npadvmod", "NOUN", "year"),
    ]
    doc = _doc(vocab, rows, ["O", "O", "O", "B-DATE", "O", "O", "O", "O", "O", "B-DATE", "I-DATE"])
    assert event_date(doc[6].sent, doc[6], published=PUB).date == "2015"
    assert event_date(doc[1].sent, doc[1], published=PUB).date == "2014-12-12"


def test_no_date_in_sentence_is_unknown_not_publication(vocab):
    rows = [("Rebels", 1, "nsubj", "NOUN", "rebel"), ("attacked", 1, "ROOT", "VERB", "attack"),
            ("the", 3, "det", "DET", "the"), ("town", 1, "dobj", "NOUN", "town")]
    doc = _doc(vocab, rows)
    assert event_date(doc[1].sent, doc[1], published=PUB) == DateResolution(None, "unknown", False, None)


def test_event_date_finds_unlabelled_expressions(vocab):
    # no NER labels at all: the pattern fallback still finds "yesterday"
    rows = [("Rebels", 1, "nsubj", "NOUN", "rebel"), ("attacked", 1, "ROOT", "VERB", "attack"),
            ("yesterday", 1, "npadvmod", "NOUN", "yesterday")]
    doc = _doc(vocab, rows)
    assert event_date(doc[1].sent, doc[1], published=PUB).date == "2014-12-13"


@pytest.mark.slow
def test_event_date_on_sample_sentences(bare_nlp):
    cases = [
        ("Top US diplomat John Kerry met his Russian counterpart Sergei Lavrov on Sunday.", "met", "2014-12-14"),
        ("Ukraine announced on Friday it would bolster its army next year.", "bolster", "2015"),
        ("Ukraine announced on Friday it would bolster its army next year.", "announced", "2014-12-12"),
        ("The IMF this year granted Kiev $17 billion in financial aid.", "granted", "2014"),
        ("The talks went on for more than three hours.", "talks", None),
    ]
    for text, trigger, expect in cases:
        doc = bare_nlp(text)
        tok = next(t for t in doc if t.text == trigger)
        assert event_date(tok.sent, tok, published=PUB).date == expect, text


@pytest.mark.slow
@pytest.mark.parametrize("text, lemma, expect", [
    # news tells what is scheduled in the simple present: a bare date is the next one
    ("The two foreign ministers meet on Dec 25 in Geneva.", "meet", "2014-12-25"),
    ("The ministers meet on Saturday.", "meet", "2014-12-20"),
    # the past stays the past
    ("The two foreign ministers met on Dec 25 in Geneva.", "meet", "2013-12-25"),
    ("Rebels attacked the town on Dec 10.", "attack", "2014-12-10"),
])
def test_a_present_tense_date_is_the_next_one(nlp, text, lemma, expect):
    doc = nlp(text)
    trigger = next(t for t in doc if t.lemma_ == lemma)
    assert event_date(trigger.sent, trigger, published=PUB).date == expect


@pytest.mark.slow
def test_a_future_event_reads_a_bare_date_forward(nlp):
    doc = nlp("The envoys are due to meet on Dec 30.")
    meet = next(t for t in doc if t.lemma_ == "meet")
    assert event_date(meet.sent, meet, published=PUB).date == "2013-12-30"
    assert event_date(meet.sent, meet, published=PUB, prefer_future=True).date == "2014-12-30"
