"""HTML fragments to paragraphs; every tag list entry in markup.yml is exercised."""
from __future__ import annotations

import pytest

from eventwire.readers._data import load_data
from eventwire.readers.markup import html_to_paragraphs, looks_like_html

TAGS = load_data("markup.yml")
VOID = {"hr", "br", "wbr"}


@pytest.mark.parametrize("tag", TAGS["block_tags"])
def test_every_block_tag_separates_paragraphs(tag):
    inner = "" if tag in VOID else "middle"
    close = "" if tag in VOID else f"</{tag}>"
    out = html_to_paragraphs(f"before<{tag}>{inner}{close}after")
    expected = ["before", "middle", "after"] if inner else ["before", "after"]
    assert out.split("\n\n") == expected


@pytest.mark.parametrize("tag", TAGS["drop_tags"])
def test_every_drop_tag_loses_its_content(tag):
    # a <div>, not a <p>: the HTML parser closes a <p> before some of these
    out = html_to_paragraphs(f"<div>Kept words <{tag}>hidden words</{tag}> and the tail.</div>")
    assert "hidden" not in out
    assert out == "Kept words and the tail."


@pytest.mark.parametrize("tag", TAGS["break_tags"])
def test_every_break_tag_is_a_space_inside_the_paragraph(tag):
    assert html_to_paragraphs(f"<p>first line<{tag}>second line</p>") == "first line second line"


@pytest.mark.parametrize("tag", TAGS["telltale_tags"])
def test_every_telltale_tag_makes_text_look_like_html(tag):
    assert looks_like_html(f"Words <{tag}>more words")
    assert looks_like_html(f"Words </{tag}> more words")
    assert not looks_like_html(f"Words <{tag}x> more words")


def test_prose_with_angle_brackets_is_not_html():
    assert not looks_like_html("If a < b and b > c then a < c.")


def test_entities_comments_and_whitespace():
    out = html_to_paragraphs("<p>Fish &amp; chips\n   cost &pound;5<!-- note --> today</p>\n\n<p> </p>")
    assert out == "Fish & chips cost £5 today"


def test_empty_and_plain_inputs():
    assert html_to_paragraphs("   ") == ""
    assert html_to_paragraphs("no markup at all") == "no markup at all"
