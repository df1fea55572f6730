from __future__ import annotations

import pytest

from eventwire.web.highlight import Span, highlighted_paragraphs


def test_text_is_escaped_before_marking():
    text = "A <b>bold</b> claim & more."
    [p] = highlighted_paragraphs(text, [Span(2, 13, "e1")])
    assert str(p) == 'A <mark class="ev" data-events="e1">&lt;b&gt;bold&lt;/b&gt;</mark> claim &amp; more.'


def test_paragraphs_split_on_blank_lines_and_marks_cross_them():
    text = "First para.\n\nSecond para."
    paragraphs = [str(p) for p in highlighted_paragraphs(text, [Span(6, 19, "e1")])]
    assert paragraphs == ['First <mark class="ev" data-events="e1">para.</mark>',
                          '<mark class="ev" data-events="e1">Second</mark> para.']


def test_overlapping_spans_carry_every_id_and_the_current_one_is_anchored():
    text = "0123456789"
    [p] = highlighted_paragraphs(text, [Span(0, 6, "a", "t-AID"), Span(4, 10, "b")], current="b")
    assert str(p) == ('<mark class="ev t-AID" data-events="a">0123</mark>'
                      '<mark class="ev t-AID current" data-events="a b" id="evidence">45</mark>'
                      '<mark class="ev current" data-events="b">6789</mark>')


@pytest.mark.parametrize("span", [Span(-5, 3, "x"), Span(8, 50, "x"), Span(5, 5, "x"), Span(7, 2, "x")])
def test_out_of_range_spans_are_clamped_or_dropped(span):
    text = "abcdefghij"
    html = "".join(str(p) for p in highlighted_paragraphs(text, [span]))
    assert html.replace('<mark class="ev" data-events="x">', "").replace("</mark>", "") == text


def test_attribute_values_are_escaped():
    [p] = highlighted_paragraphs("abc", [Span(0, 3, '"><script>', 't-"x')])
    assert "<script>" not in str(p) and "&#34;&gt;&lt;script&gt;" in str(p)
