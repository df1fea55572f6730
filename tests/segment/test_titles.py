"""Every title rule in titles.yml rejects its near miss; the boundary evidence adds up as written."""
from __future__ import annotations

import pytest

from eventwire.segment import split_stories
from eventwire.segment.patterns import load_patterns
from eventwire.segment.titles import is_title_shaped, starts_like_sentence, title_shape_failure

TITLES = load_patterns("titles")
SHAPE = TITLES["shape"]
BOUNDARY = TITLES["boundary"]
WITH_NEAR_MISS = [name for name, rule in SHAPE.items() if "near_miss" in rule]


def test_every_shape_rule_is_tested():
    tested_by_example = {"final_period_exceptions", "uppercase_final_period", "followed_by_sentence"}
    assert set(SHAPE) == set(WITH_NEAR_MISS) | tested_by_example


@pytest.mark.parametrize("rule", WITH_NEAR_MISS)
def test_near_miss_breaks_its_rule(rule):
    assert title_shape_failure(SHAPE[rule]["near_miss"]) == rule


@pytest.mark.parametrize(
    "line",
    [
        "Kerry meets Lavrov in Rome",
        "Macron, Scholz and Draghi visit Kyiv",
        "US, Europe in 'lockstep'",
        "BAHIA COCOA REVIEW",
        "Will the truce hold?",
        "3 killed in border clash",
        '"We will not retreat," says general',
    ],
)
def test_title_lines(line):
    assert is_title_shaped(line)


def test_final_period_exceptions():
    assert is_title_shaped(SHAPE["final_period_exceptions"]["example"])
    assert not is_title_shaped("Ministers talk trade with the EU.")


def test_uppercase_final_period():
    example = SHAPE["uppercase_final_period"]["example"]
    assert is_title_shaped(example) is SHAPE["uppercase_final_period"]["value"]
    assert not is_title_shaped(example.title())  # the same words in title case read as a sentence


def test_followed_by_sentence():
    assert starts_like_sentence("The minister said talks would resume.")
    assert starts_like_sentence("50 people were hurt.")
    assert not starts_like_sentence("would resume on Monday, the minister said.")


# --- boundary evidence --------------------------------------------------------------------------

LEDE = "Officials in the capital said on Monday that the talks would resume next week."
BODY = "Both delegations are expected to arrive on Sunday evening."
SECOND_LEDE = "Flood waters rose across the northern valley overnight, forcing hundreds from their homes."
SECOND_BODY = "Rescue teams reached the last cut-off village by boat on Tuesday."


def page_with(evidence: set[str]) -> str:
    """Two stories; the second title carries exactly the evidence named."""
    title2 = "Floods force hundreds to leave valley towns"
    if "uppercase_headline" in evidence:
        title2 = title2.upper()
    gap = "\n" * (BOUNDARY["evidence"]["wide_gap_before"]["min_blank_lines"] + 1)
    parts = ["Talks to resume next week", "\n\n", LEDE, "\n\n", BODY]
    if "end_furniture_before" in evidence:
        parts += ["\n\n", "Member comments"]
    parts += [gap if "wide_gap_before" in evidence else "\n\n", title2, "\n\n"]
    parts += ["VARDEN, May 2 - " + SECOND_LEDE if "dateline_after" in evidence else SECOND_LEDE]
    if "repeated_after_lede" in evidence:
        parts += ["\n\n", title2]
    parts += ["\n\n", SECOND_BODY]
    return "".join(parts)


CASES = [set()] + [{name} for name in BOUNDARY["evidence"]] + [{"wide_gap_before", "uppercase_headline"}]


@pytest.mark.parametrize("evidence", CASES, ids=["+".join(sorted(c)) or "none" for c in CASES])
def test_boundary_needs_enough_evidence(evidence):
    weight = sum(BOUNDARY["evidence"][name]["weight"] for name in evidence)
    stories = split_stories(page_with(evidence))
    assert stories[0].title == "Talks to resume next week"
    assert stories[0].text.startswith(LEDE)
    if weight >= BOUNDARY["threshold"]:
        assert len(stories) == 2
        assert stories[0].text == f"{LEDE}\n\n{BODY}"
        assert stories[1].title.casefold() == "floods force hundreds to leave valley towns"
        assert stories[1].text == f"{SECOND_LEDE}\n\n{SECOND_BODY}"
    else:
        assert len(stories) == 1  # a subheading: stays in the body
        assert stories[0].text.endswith(SECOND_BODY)
        assert "\n\nFloods force hundreds" in stories[0].text or "\n\nFLOODS FORCE" in stories[0].text


def test_repeat_far_below_the_lede_is_no_evidence():
    window = BOUNDARY["repeat_window"]
    filler = "\n\n".join(f"Paragraph number {n} of the flood story." for n in range(window + 1))
    page = (
        f"Talks to resume next week\n\n{LEDE}\n\n{BODY}\n\nFloods force hundreds to leave valley towns\n\n"
        f"{SECOND_LEDE}\n\n{filler}\n\nFloods force hundreds to leave valley towns\n\n{SECOND_BODY}"
    )
    assert len(split_stories(page)) == 1


def test_repeat_after_a_table_row_is_no_evidence():
    page = (
        f"Talks to resume next week\n\n{LEDE}\n\n{BODY}\n\nPay April 15\n\nSeries B fund 6.7 cts vs 6.7 cts\n\n"
        "Pay April 15\n\nRecord April 15"
    )
    assert len(split_stories(page)) == 1


def test_caption_under_a_repeated_headline():
    limit = TITLES["repeated_headline"]["caption_max_chars"]
    caption = "Lorries queue at the border post on Monday"
    long_line = ("Customs officers said the queue of lorries stretched back for miles " * 10)[: limit + 20].strip() + "."
    assert len(caption) <= limit < len(long_line)
    for line, kept in [(caption, False), (long_line, True)]:
        page = f"Border reopens\n\n{LEDE}\n\nBorder reopens\n{line}\n\n{BODY}"
        (story,) = split_stories(page)
        assert story.title == "Border reopens"
        assert (line in story.text) is kept
        assert story.text.startswith(LEDE) and story.text.endswith(BODY)
