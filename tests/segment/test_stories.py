"""Pages -> stories: the shared sample page, synthetic pages, clean_story, and Reuters records."""
from __future__ import annotations

import json

import pytest

from eventwire.segment import Story, clean_story, find_dateline, split_stories
from eventwire.segment.boilerplate import furniture_of
from eventwire.segment.paragraphs import normalise_space
from eventwire.segment.titles import is_title_shaped
from tests.conftest import shared_path


def assert_clean(story: Story) -> None:
    """Body text: paragraphs split by exactly one blank line, each normalised, nothing around."""
    assert story.text == story.text.strip()
    for paragraph in story.text.split("\n\n"):
        assert paragraph and paragraph == normalise_space(paragraph)
        assert furniture_of(paragraph) is None, paragraph


def first_paragraph(text: str) -> str:
    return text.split("\n\n")[0]


def last_paragraph(text: str) -> str:
    return text.split("\n\n")[-1]


# --- the shared sample page ----------------------------------------------------------------------


def paragraphs_of_page(page: str) -> list[str]:
    """The sample page holds one paragraph per line."""
    return [normalise_space(line) for line in page.splitlines() if line.strip()]


def test_sample_page_gives_two_clean_stories(sample_page):
    stories = split_stories(sample_page)
    assert [s.title for s in stories] == [
        "Kerry in Rome for talks with Russian FM",
        "Macron, Scholz and Draghi meet Ukrainian president in Kyiv",
    ]
    blocks = paragraphs_of_page(sample_page)
    first, second = stories
    # each body runs from its lede to its last paragraph, as they stand on the page
    assert first_paragraph(first.text) == blocks[1]
    assert last_paragraph(first.text) == blocks[blocks.index("Member comments") - 1]
    assert first_paragraph(second.text) == blocks[blocks.index(second.title) + 1]
    assert last_paragraph(second.text) == blocks[-1]
    for story in stories:
        assert_clean(story)
        assert "comment" not in story.text.casefold()
        assert "Photo:" not in story.text
        assert story.title not in story.text  # the repeated headline is gone
    # the subheading stays inside story one, between its neighbours
    subheading = next(
        b for b in blocks[2 : blocks.index("Member comments")] if is_title_shaped(b) and b != first.title
    )
    assert f"\n\n{subheading}\n\n" in first.text
    assert subheading not in second.text


def test_sample_page_loses_no_body_paragraph(sample_page):
    stories = split_stories(sample_page)
    kept = "\n\n".join(s.text for s in stories).split("\n\n")
    blocks = paragraphs_of_page(sample_page)
    dropped = [b for b in blocks if b not in kept]
    # only the titles (and their repetitions), a photo caption and comment furniture are gone
    assert dropped
    for block in dropped:
        assert block in {s.title for s in stories} or furniture_of(block), block


# --- synthetic pages (written for these tests) ---------------------------------------------------

THREE_STORIES = """Share this article
Facebook Twitter WhatsApp Email

Dockers walk out over unpaid wages at coastal port

VALMORA, March 3 (Reuters) - Several hundred dock workers stopped work on Tuesday to demand wages they say have gone unpaid since January, a union spokesman said.

Dockers walk out over unpaid wages at coastal port
Striking workers gather at the main gate of the container terminal. Photo: Lena Norder/Examplewire

The port authority said talks with the union would resume on Thursday and urged workers to return.

Port work halted

Cranes stood idle and at least twelve ships waited offshore, according to a shipping agent.

Read more: Port strikes spread along the coast

(Reporting by Tom Field; Editing by Ann Vale)

Farm ministers agree to share grain storage

BRENNBURG, March 4 - Agriculture ministers from four neighbouring states agreed on Wednesday to pool grain storage ahead of the harvest.

The agreement, which still needs approval by parliaments, covers storage sites near the border (Photo by Rui Santos/Examplewire) and two river ports.

Officials said the plan would cut costs by about a fifth.

Opposition calls for early election after budget defeat

LONDON — Opposition parties demanded an early election on Thursday after the government lost a vote on its budget.

Advertisement

The prime minister said she would not resign and would bring a new budget within a month.

Sign up for our newsletter

Member comments

Log in here to leave a comment.
"""


def test_three_stories_with_datelines_captions_and_furniture():
    stories = split_stories(THREE_STORIES)
    assert [s.title for s in stories] == [
        "Dockers walk out over unpaid wages at coastal port",
        "Farm ministers agree to share grain storage",
        "Opposition calls for early election after budget defeat",
    ]
    assert [s.dateline for s in stories] == ["VALMORA, March 3 (Reuters) -", "BRENNBURG, March 4 -", "LONDON —"]
    dockers, farms, election = stories
    assert dockers.text == (
        "Several hundred dock workers stopped work on Tuesday to demand wages they say have gone unpaid "
        "since January, a union spokesman said.\n\n"
        "The port authority said talks with the union would resume on Thursday and urged workers to return.\n\n"
        "Port work halted\n\n"
        "Cranes stood idle and at least twelve ships waited offshore, according to a shipping agent."
    )
    # no furniture between the second story's last paragraph and the third title: the dateline decides
    assert farms.text.endswith("Officials said the plan would cut costs by about a fifth.")
    assert "(Photo by" not in farms.text and "storage sites near the border and two river ports." in farms.text
    assert election.text == (
        "Opposition parties demanded an early election on Thursday after the government lost a vote on "
        "its budget.\n\nThe prime minister said she would not resign and would bring a new budget within a month."
    )
    for story in stories:
        assert_clean(story)


WIRE_PAGE = """GRAIN BOARD RAISES WHEAT EXPORT FORECAST

OTTAWA, March 5 - The national grain board raised its forecast
for wheat exports this season by half a million tonnes, citing
strong demand from buyers in Asia and North Africa.
    The board said shipments in February were the highest for
that month in six years, helped by an early thaw on the lakes.
    FIRST HALF
    Shipments in the first half of the season were 9.2 mln tonnes
against 8.7 mln a year earlier, the board said.
 Reuter

STEEL MAKER TO CUT OUTPUT AT TWO MILLS

PITTSBURGH, March 5 - A steel maker said it would cut output at
two of its mills by a quarter from next month because of weak
orders from car makers and builders.
    The company said no jobs would be lost.
COPPER PRICE RISES ON SUPPLY WORRIES

LONDON, March 5 - Copper prices rose to their highest in three
months on worries about supplies from mines hit by strikes.
    Traders said buying was mostly by funds.
"""


def test_hard_wrapped_wire_page():
    stories = split_stories(WIRE_PAGE)
    assert [s.title for s in stories] == [
        "GRAIN BOARD RAISES WHEAT EXPORT FORECAST",
        "STEEL MAKER TO CUT OUTPUT AT TWO MILLS",
        "COPPER PRICE RISES ON SUPPLY WORRIES",
    ]
    assert [s.dateline for s in stories] == ["OTTAWA, March 5 -", "PITTSBURGH, March 5 -", "LONDON, March 5 -"]
    grain = stories[0].text.split("\n\n")
    assert grain == [
        "The national grain board raised its forecast for wheat exports this season by half a million "
        "tonnes, citing strong demand from buyers in Asia and North Africa.",
        "The board said shipments in February were the highest for that month in six years, helped by an "
        "early thaw on the lakes.",
        "FIRST HALF",  # a subheading stays
        "Shipments in the first half of the season were 9.2 mln tonnes against 8.7 mln a year earlier, "
        "the board said.",
    ]
    assert stories[1].text.endswith("The company said no jobs would be lost.")
    assert stories[2].text.endswith("Traders said buying was mostly by funds.")
    for story in stories:
        assert_clean(story)


REPEATED_HEADLINES = """Ferry service restored to the islands


Ferries to the outer islands resumed on Friday after a week of storms, the operator said.

Ferry service restored to the islands

Passengers queued for hours at the harbour, and extra sailings were added for the weekend.


What comes next

The operator said it would review its storm timetable before winter.

School year to start a week later

Pupils across the region will go back to school a week later than planned, the education office said.

School year to start a week later
Children play in a school yard. File photo

Teachers' unions welcomed the decision.
"""


def test_repeated_headline_marks_a_new_story_and_is_dropped():
    stories = split_stories(REPEATED_HEADLINES)
    assert [s.title for s in stories] == ["Ferry service restored to the islands", "School year to start a week later"]
    ferry, school = stories
    # 'What comes next' has only a wide gap before it: a subheading, not a story
    assert ferry.text.split("\n\n") == [
        "Ferries to the outer islands resumed on Friday after a week of storms, the operator said.",
        "Passengers queued for hours at the harbour, and extra sailings were added for the weekend.",
        "What comes next",
        "The operator said it would review its storm timetable before winter.",
    ]
    assert school.text.split("\n\n") == [
        "Pupils across the region will go back to school a week later than planned, the education office said.",
        "Teachers' unions welcomed the decision.",
    ]
    assert all(s.dateline is None for s in stories)


def test_untitled_text_is_one_story():
    text = "The vote was held on Sunday.\n\nTurnout was low in the north.\n\nReuters"
    assert split_stories(text) == [
        Story(title=None, text="The vote was held on Sunday.\n\nTurnout was low in the north.", dateline=None)
    ]


def test_empty_page_has_no_story():
    assert split_stories("") == []
    assert split_stories("\n\nShare this article\n\nAdvertisement\n") == []


# --- clean_story -----------------------------------------------------------------------------------


def test_clean_story_drops_furniture_repeated_title_and_finds_dateline():
    text = (
        "Border crossing reopens after talks\n"
        "Lorries wait at the border post. Photo: Mia Sample/Examplewire\n\n"
        "Share this article\n\n"
        "TALLORA, May 9 (AFP) — The border crossing reopened on Monday after two days of talks.\n\n"
        "Customs officers said traffic was back to normal by the evening.\n\n"
        "Closing date set for new talks\n\n"
        "BRAVEN, May 10 - A second paragraph that looks like another story's lede stays in this one.\n\n"
        "AFP"
    )
    story = clean_story(text, title="Border crossing  reopens after talks")
    assert story.title == "Border crossing reopens after talks"
    assert story.dateline == "TALLORA, May 9 (AFP) —"
    assert story.text.split("\n\n") == [
        "The border crossing reopened on Monday after two days of talks.",
        "Customs officers said traffic was back to normal by the evening.",
        "Closing date set for new talks",
        "BRAVEN, May 10 - A second paragraph that looks like another story's lede stays in this one.",
    ]


def test_clean_story_without_title_keeps_first_line():
    story = clean_story("Rain expected\n\nRain is expected across the south on Friday.")
    assert story == Story(title=None, text="Rain expected\n\nRain is expected across the south on Friday.", dateline=None)


def test_clean_story_of_nothing():
    assert clean_story("Advertisement", title="Empty") == Story(title="Empty", text="", dateline=None)


def test_find_dateline_is_exported():
    assert find_dateline("ROME, May 2 - Talks began.") == ("ROME, May 2 -", "Talks began.")


# --- Reuters-21578: the splitter must not cut a normal article in two -----------------------------


@pytest.mark.slow
def test_reuters_records_stay_whole():
    path = shared_path("data", "reuters21578", "reuters21578.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if r["body"] and r["title"]]
    assert len(records) > 19_000
    failures, unusual_titles = [], []
    for record in records:
        title = normalise_space(record["title"])
        stories = split_stories(record["title"] + "\n\n" + record["dateline"] + " " + record["body"])
        if len(stories) == 1 and stories[0].title == title:
            continue
        # a record whose own title breaks the title rules ("venezuelan bank ...", a trailing comma)
        # cannot be told from a first body line; every other record must come back whole
        (failures if is_title_shaped(title) else unusual_titles).append((record["newid"], title, len(stories)))
    assert not failures, failures[:20]
    assert len(unusual_titles) <= len(records) // 1000, unusual_titles


@pytest.mark.slow
def test_reuters_unprocessed_records_are_one_story():
    path = shared_path("data", "reuters21578", "reuters21578.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    bodies = [r["body"] for r in records if r["body"] and not r["title"] and r["body"].strip()]
    split = [b[:80] for b in bodies if len(split_stories(b)) != 1]
    assert not split, split
