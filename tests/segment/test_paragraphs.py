"""Paragraph splitting: blank-line blocks, hard-wrapped lines joined (thresholds in layout.yml)."""
from __future__ import annotations

import textwrap

from eventwire.segment.paragraphs import normalise_space, split_paragraphs, wrap_width
from eventwire.segment.patterns import load_patterns

WRAP = load_patterns("layout")["wrap"]

PARAGRAPHS = [
    "The central bank left its main interest rate unchanged on Thursday, saying inflation "
    "was slowing but remained above its target for the third year running.",
    "The governor told reporters that the bank would watch wage growth closely and was ready "
    "to act if prices picked up again over the summer months.",
    "Economists had expected the decision.",
    "Markets barely moved after the announcement, with the currency little changed against "
    "the dollar and bond yields flat in late trading in the capital.",
]


def wire_text(width: int = 65) -> str:
    """Reuters-style: wrapped at ``width``, each paragraph after the first indented four spaces."""
    out = []
    for n, paragraph in enumerate(PARAGRAPHS):
        indent = "" if n == 0 else "    "
        out.append(textwrap.fill(paragraph, width=width, initial_indent=indent))
    return "\n".join(out)


def test_hard_wrapped_text_is_unwrapped():
    # width_quantile and slack at work: every wrapped line joined, every indented line a new paragraph
    assert wrap_width(wire_text().split("\n")) is not None
    assert [p.text for p in split_paragraphs(wire_text())] == PARAGRAPHS


def test_unindented_paragraphs_split_when_the_next_word_would_have_fitted():
    text = wire_text().replace("\n    ", "\n")  # paragraph starts no longer indented
    assert [p.text for p in split_paragraphs(text)] == PARAGRAPHS


def test_lower_case_line_continues_the_previous_one():
    text = wire_text() + "\n    Officials said the rate\nwould stay on hold until autumn."
    assert split_paragraphs(text)[-1].text == "Officials said the rate would stay on hold until autumn."


def test_long_lines_are_paragraphs_each():
    # max_width: lines longer than any wrap width are one paragraph each, even without blank lines
    long_lines = [p + " " + p for p in PARAGRAPHS if len(p) > 100]
    assert min(map(len, long_lines)) > WRAP["max_width"]["value"]
    text = "\n".join(long_lines)
    assert wrap_width(text.split("\n")) is None
    assert [p.text for p in split_paragraphs(text)] == long_lines


def test_short_lines_are_items_not_wrapped_text():
    # min_width: a menu or list of short lines is one item a line
    items = ["Home", "News", "World news", "Business", "Sport", "Weather"]
    assert max(map(len, items)) < WRAP["min_width"]["value"]
    assert [p.text for p in split_paragraphs("\n".join(items))] == items


def test_too_few_lines_are_not_unwrapped():
    # min_lines: a title and a two-line block give too little evidence of wrapping
    lines = ["Rates on hold", "", "The bank kept rates on hold", "Markets barely moved"]
    inner = sum(1 for a, b in zip(lines, lines[1:]) if a and b)
    assert inner < WRAP["min_lines"]["value"]
    assert [p.text for p in split_paragraphs("\n".join(lines))] == [l for l in lines if l]


def test_blocks_gaps_and_whitespace():
    text = "  Title line \n\n\n\nFirst\u00a0 paragraph\there.\r\nSecond line.\n\nThird.  \n"
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == ["Title line", "First paragraph here.", "Second line.", "Third."]
    assert [p.gap_before for p in paragraphs] == [0, 3, 0, 1]
    assert [p.block for p in paragraphs] == [0, 1, 1, 2]
    assert all(p.text == normalise_space(p.text) for p in paragraphs)


def test_a_line_that_stops_mid_sentence_continues_however_short():
    # open_end: the dateline cut off the wire's first line leaves it short; the next word would have
    # fitted, yet the sentence (and a name) goes on
    text = "Iraq said its forces killed or wounded\n15,000 Iranian guards near the port.\n" + wire_text()
    text += "\n    Central Bank President Jose Luis\nMachinea said markets barely moved."
    texts = [p.text for p in split_paragraphs(text)]
    assert texts[0] == "Iraq said its forces killed or wounded 15,000 Iranian guards near the port."
    assert texts[-1] == "Central Bank President Jose Luis Machinea said markets barely moved."
    assert texts[1:2] == PARAGRAPHS[:1]  # the full stop still ends the lead


def test_a_paragraph_longer_than_the_wrap_width_is_no_continuation():
    # a headline ending in a word, then a one-line paragraph (a caption) longer than any wrapped line
    caption = "Delegations from Kenya and Ethiopia at the foreign ministry in Nairobi. Photo: Staff photographer"
    text = wire_text() + "\n\nKenya and Ethiopia agree to reopen border talks\n" + caption
    assert [p.text for p in split_paragraphs(text)][-2:] == ["Kenya and Ethiopia agree to reopen border talks", caption]


def test_table_rows_are_not_joined():
    # table_gap: a line with columns is a row of its own, whatever it ends in
    rows = ["Port         Vessels   Status", "Rotterdam    12        open", "Antwerp      9         open"]
    text = wire_text() + "\n" + "\n".join(rows)
    assert [p.text for p in split_paragraphs(text)][-3:] == [normalise_space(r) for r in rows]


def test_a_line_ending_in_an_initialism_continues():
    # open_end: "the U.S." rarely ends a sentence at a line's end in wire copy ("a U.S." / "Attack on ...")
    text = wire_text() + "\n    France voiced its comprehension for a U.S.\nAttack on an Iranian target."
    assert split_paragraphs(text)[-1].text == "France voiced its comprehension for a U.S. Attack on an Iranian target."
