"""Every boilerplate pattern acts on its own example and leaves its near miss alone."""
from __future__ import annotations

import pytest

from eventwire.segment import clean_story
from eventwire.segment.boilerplate import KINDS, furniture_of, furniture_patterns, strip_inline
from eventwire.segment.patterns import load_patterns

ENTRIES = load_patterns("boilerplate")["patterns"]
WHOLE = [e for e in ENTRIES if e["kind"] != "inline"]
INLINE = [e for e in ENTRIES if e["kind"] == "inline"]


def test_entries_are_well_formed():
    names = [e["name"] for e in ENTRIES]
    assert len(names) == len(set(names)), "pattern names must be unique"
    for entry in ENTRIES:
        assert entry["kind"] in KINDS, entry["name"]
        assert entry.get("example") and entry.get("near_miss"), entry["name"]
        assert ("expect" in entry) == (entry["kind"] == "inline"), entry["name"]
    assert len(furniture_patterns()) == len(ENTRIES)


@pytest.mark.parametrize("entry", WHOLE, ids=[e["name"] for e in WHOLE])
def test_whole_paragraph_pattern_matches_its_example(entry):
    found = furniture_of(entry["example"])
    assert found is not None, f"{entry['name']} does not match {entry['example']!r}"
    # an earlier entry may claim it first, but it must be of the same kind
    assert found.kind == entry["kind"]
    own = {f.name: f for f in furniture_patterns()}[entry["name"]]
    assert own.regex.fullmatch(entry["example"])


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_near_miss_is_text(entry):
    assert furniture_of(entry["near_miss"]) is None
    assert strip_inline(entry["near_miss"]) == entry["near_miss"]


@pytest.mark.parametrize("entry", INLINE, ids=[e["name"] for e in INLINE])
def test_inline_pattern_cuts_its_example(entry):
    assert strip_inline(entry["example"]) == entry["expect"]
    assert furniture_of(entry["example"]) is None  # the paragraph itself stays


@pytest.mark.parametrize("entry", WHOLE, ids=[e["name"] for e in WHOLE])
def test_whole_paragraph_pattern_in_a_story(entry):
    """`line` furniture goes wherever it is; `trailing` furniture only at the end of a story."""
    first, last = "Talks resumed in the capital on Monday.", "Both sides said progress was slow."
    middle = clean_story(f"{first}\n\n{entry['example']}\n\n{last}")
    end = clean_story(f"{first}\n\n{last}\n\n{entry['example']}")
    assert end.text == f"{first}\n\n{last}"
    if entry["kind"] == "line":
        assert middle.text == f"{first}\n\n{last}"
    else:
        assert middle.text == f"{first}\n\n{entry['example']}\n\n{last}"


def test_brief_examples_are_furniture():
    for line in [
        "Member comments",
        "Log in here to leave a comment.",
        "Become a Member to leave a comment.",
        "A protester waves a flag in the square. Photo: Evan Example/Pool/AFP",
        "(Photo by Jo Example)",
        "Getty Images",
        "File photo",
        "Share this article",
        "Sign up for our newsletter",
        "We use cookies to improve our site.",
        "Read more:",
        "Advertisement",
        "Reuter",
        "Reuters",
        "(Reporting by Jo Example; Editing by Al Sample)",
        "AFP",
    ]:
        assert furniture_of(line) is not None, line


def test_sentences_mentioning_comment_or_photo_are_text():
    for line in [
        "The ministry declined to comment on the photo published by the newspaper.",
        "Lawmakers left comments on the draft law before the deadline.",
        "A photo of the meeting showed the two leaders smiling.",
        "Share of the vote fell to 12 percent.",
        "The picture agency was bought last year by Getty Images.",
    ]:
        assert furniture_of(line) is None, line
