"""Every entry of vocabulary.yml does what it says."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.schema import EVENT_TYPES, FACTUALITY
from eventwire.store.filters import REVIEW_STATUSES
from eventwire.web.vocabulary import country_choices, event_types, sectors, tone_of, vocabulary

HEX = re.compile(r"#[0-9a-f]{6}")
# Words an example sentence of each tone may use (a sanity check that the example fits the tone).
CONFLICT_WORDS = re.compile(r"accus|reject|threat|march|sanction|deploy|arrest|attack", re.I)


def test_every_plover_type_is_described_once():
    assert list(event_types()) == list(EVENT_TYPES)


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_type_entry(event_type):
    entry = event_types()[event_type]
    assert entry["label"].upper() == event_type
    assert HEX.fullmatch(entry["colour"])
    assert tone_of(event_type) in vocabulary()["tones"]
    assert bool(CONFLICT_WORDS.search(entry["example"])) == (entry["tone"] == "conflict"), entry["example"]


def test_type_colours_match_the_stylesheet():
    from pathlib import Path

    import eventwire.web

    css = (Path(eventwire.web.__file__).parent / "static" / "app.css").read_text()
    for event_type, entry in event_types().items():
        assert f".t-{event_type} {{ background: {entry['colour']}; fill: {entry['colour']}; }}" in css


@pytest.mark.parametrize("code", list(vocabulary()["sectors"]))
def test_sector_entry(code):
    assert re.fullmatch(r"[A-Z]{3}", code) and sectors()[code].strip()


def test_factuality_and_review_statuses_cover_the_schema():
    assert list(vocabulary()["factuality"]) == list(FACTUALITY)
    assert list(vocabulary()["review_statuses"]) == list(REVIEW_STATUSES)
    for section in ("factuality", "review_statuses"):
        for entry in vocabulary()[section].values():
            assert entry["label"] and entry["help"]


@pytest.mark.parametrize("code", list(vocabulary()["non_state_countries"]))
def test_non_state_country_is_offered_before_iso(code):
    codes = [c for c, _ in country_choices()]
    assert codes.index(code) < codes.index("USA")
    assert re.fullmatch(r"[A-Z]{3}", code)


def test_unknown_type_has_no_tone():
    assert tone_of("BOMB") is None


def test_every_mode_the_coder_gives_has_a_readable_label():
    import yaml

    from eventwire.coder import triggers
    from eventwire.web.vocabulary import vocabulary

    path = Path(triggers.__file__).with_name("lexicon") / "triggers.yml"
    text = path.read_text(encoding="utf-8")
    modes = set(re.findall(r"\bmode: ([a-z][a-z-]*)", text))
    assert modes and yaml.safe_load(text)  # the lexicon parses and gives modes
    labels = vocabulary()["modes"]
    assert modes <= set(labels), sorted(modes - set(labels))
    assert all(isinstance(label, str) and label for label in labels.values())


def test_pages_show_mode_labels_not_codes(client, store):
    from eventwire.schema import Article, Event, Evidence, article_id

    text = "Thousands joined a protest in the capital."
    article = Article(id=article_id(text), text=text, title="Protest", published="2024-03-05", format="text")
    event = Event(article_id=article.id, event_type="PROTEST", mode="demo-org",
                  evidence=Evidence(sentence=text, start=0, end=len(text)), actors=[], recipients=[],
                  date="2024-03-05", date_precision="day", confidence=0.7, trigger="protest")
    store.save([(article, [event])])
    for html in (client.get("/events").text, client.get(f"/events/{event.id}").text):
        assert ">organised demonstration<" in html
        assert html.count("demo-org") == html.count('title="PLOVER mode demo-org"')  # the code: tooltip only


def test_entity_codes_carry_their_legend(client, ids):
    html = client.get("/events").text
    assert '<small title="Kenya · Police">KEN·COP</small>' in html
    assert '<small title="France · Government">FRA·GOV</small>' in html
