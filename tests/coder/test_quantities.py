"""Quantities: number phrases, money, and every entry of lexicon/quantities.yml on its example."""
from __future__ import annotations

import pytest

from eventwire.coder.lexicons import load_lexicon
from eventwire.coder.quantities import counts_for_event, counts_in, money_in, parse_number

DATA = load_lexicon("quantities")


@pytest.mark.parametrize("text,value", [
    ("4,634", 4634), ("1.1 million", 1_100_000), ("40,000", 40_000), ("five hundred", 500),
    ("Tens of thousands", 10_000), ("dozens", 12), ("scores", 20), ("a few", 3), ("17 billion", 17_000_000_000),
    ("twenty", 20), ("soldiers", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parenthetical_conversion_is_the_same_money():
    found = money_in("the delivery of up to $350 million (€280 million) worth of hardware")
    assert [(m["amount"], m["currency"], m["text"]) for m in found] == [(350_000_000, "USD", "$350 million")]


def test_two_amounts_stay_two():
    found = money_in("granted $17 billion, part of a $27 billion package")
    assert [m["amount"] for m in found] == [17_000_000_000, 27_000_000_000]


def test_money_offsets_point_into_the_text():
    text = "Aid: the bank lent 5.1 million dollars."
    for m in money_in(text, offset=0):
        assert text[m["start"]:m["end"]] == m["text"]


@pytest.mark.parametrize("row", DATA["currencies"], ids=[r.get("symbol", r.get("word")) for r in DATA["currencies"]])
def test_currency_entry(row):
    found = money_in(row["example"])
    assert found and found[0]["amount"] == row["expect"] and found[0]["currency"] == row["code"]


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["counted"] + DATA["none_words"] + DATA["unnumbered"],
                         ids=[f"{r['key']}-{r.get('lemma', r.get('text', r.get('tag')))}"
                              for r in DATA["counted"] + DATA["none_words"] + DATA["unnumbered"]])
def test_counted_entry(row, nlp):
    assert counts_in(nlp(row["example"])).get(row["key"]) == row["expect"]


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["words"], ids=[r["word"] for r in DATA["words"]])
def test_number_word_entry(row, nlp):
    found = list(counts_in(nlp(row["example"])).values()) + [m["amount"] for m in money_in(row["example"])]
    assert row["expect"] in found


@pytest.mark.slow
@pytest.mark.parametrize("row", DATA["applies_to"], ids=[r["key"] for r in DATA["applies_to"]])
def test_applies_to_entry(row, nlp):
    from eventwire.coder import code_text

    events = [e for e in code_text(row["example"], nlp=nlp) if e.quantities.get(row["key"]) == row["expect"]]
    assert events and all(e.event_type in row["types"] for e in events)


@pytest.mark.slow
def test_no_one_killed_is_zero_and_the_attack_stays_asserted(nlp):
    from eventwire.coder import code_text

    events = code_text("Rebels attacked an army post on Sunday, but no one was killed or wounded.", nlp=nlp)
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assault) == 1
    assert assault[0].factuality == "asserted"
    assert (assault[0].quantities["killed"], assault[0].quantities["injured"]) == (0, 0)


def test_counts_for_event_filters_by_type():
    assert counts_for_event({"killed": 3, "troops": 9}, "ASSAULT") == {"killed": 3, "troops": 9}
    assert counts_for_event({"killed": 3}, "CONSULT") == {}


@pytest.mark.slow
def test_casualties_are_not_a_troop_strength(nlp):
    from eventwire.coder.quantities import counts_in

    doc = nlp("Rebels attacked the base, killing 12 soldiers.")
    counts = counts_in(doc[:])
    assert counts.get("killed") == 12 and "troops" not in counts
    doc = nlp("Kenya deployed 3,000 soldiers to the border.")
    assert counts_in(doc[:]).get("troops") == 3000


@pytest.mark.slow
def test_a_number_of_the_counted_counts(nlp):
    from eventwire.coder.quantities import counts_in

    doc = nlp("A spokesman said 40 of these deaths took place in the riots.")
    assert counts_in(doc[:]).get("killed") == 40


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "a 19-year-old youth perished in police firing as the minister left for delhi.",
    "two persons have been killed in police firing as rampaging mobs torched several shops.",
])
def test_police_firing_read_as_a_verb_still_names_the_police(nlp, text):
    # lower-case wire copy: the small parser reads "police firing" as a participle beside an object
    from eventwire.coder import code_text

    events = [e for e in code_text(text, nlp=nlp) if e.event_type == "ASSAULT"]
    assert events and all([a.sector for a in e.actors] == ["COP"] for e in events)


@pytest.mark.slow
def test_people_counted_beside_the_one_named_are_arrested_too(nlp):
    from eventwire.coder import code_text

    events = code_text("The local legislator along with 500 supporters were arrested at the crossing.", nlp=nlp)
    assert [(e.event_type, e.quantities.get("arrested")) for e in events] == [("COERCE", 501)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The culprits of the incident had been arrested.",
    "We were lucky to arrest the accomplice, the inspector said.",
])
def test_an_arrest_of_people_no_dictionary_names_is_still_an_arrest(nlp, text):
    # only people are arrested: the noun in the arrested slot is people, though no entity resolves
    from eventwire.coder import code_text

    assert [e.event_type for e in code_text(text, nlp=nlp)] == ["COERCE"]


@pytest.mark.slow
@pytest.mark.parametrize("text, killed", [
    # deaths counted by no number are as few as the noun allows: several, or one
    ("The report listed the deaths in police firing.", 2),
    ("Police firing caused a death in the village.", 1),
])
def test_deaths_with_no_number_count_as_few_as_the_noun_allows(nlp, text, killed):
    from eventwire.coder.quantities import counts_in

    assert counts_in(nlp(text)[:]).get("killed") == killed
