"""HTML pages through trafilatura: article kept, furniture gone, metadata mapped."""
from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.readers import extract_html, iter_documents

ARTICLE_SENTENCES = (
    "The government of Ruritania said on Tuesday",
    "Foreign Minister Karel Dvorak told parliament",
    "Bordurian officials confirmed the date",
    "Opposition leaders in Ruritania criticised the move",
)
FURNITURE = (
    "Subscribe today",            # navigation
    "We use cookies",             # cookie banner
    "Accept all",                 # cookie banner buttons
    "riverwatcher77",             # comment author
    "Typical politicians",        # comment text
    "About time someone sat down",  # comment text
    "Related stories",            # related links
    "All rights reserved",        # footer
    "Privacy policy",             # footer links
)


@pytest.fixture
def article_html(fixtures) -> str:
    return (fixtures / "article.html").read_text(encoding="utf-8")


def test_article_paragraphs_kept_one_per_blank_line(article_html):
    doc = extract_html(article_html, origin="article.html")
    paragraphs = doc.content.split("\n\n")
    assert len(paragraphs) == len(ARTICLE_SENTENCES)
    for paragraph, opening in zip(paragraphs, ARTICLE_SENTENCES):
        assert paragraph.startswith(opening)
        assert "\n" not in paragraph


@pytest.mark.parametrize("furniture", FURNITURE)
def test_navigation_banner_comments_and_footer_are_gone(article_html, furniture):
    assert furniture not in extract_html(article_html, origin="article.html").content


def test_metadata_from_the_page(article_html):
    doc = extract_html(article_html, origin="article.html")
    assert doc.title == "Ruritania opens talks with Borduria over river border"
    assert doc.published == "2024-03-05"
    assert doc.author == "Jana Novak"
    assert doc.source == "The Daily Courier"
    assert doc.url == "https://courier.example.com/world/ruritania-borduria-talks"
    assert (doc.format, doc.content_type, doc.origin) == ("html", "text", "article.html")
    assert not doc.content.startswith(doc.title)  # the repeated headline is not body text


def test_a_page_without_an_article_is_an_input_error():
    page = "<html><head><title>Home</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>"
    with pytest.raises(InputError, match="no article text found") as err:
        extract_html(page, origin="menu.html")
    assert err.value.origin == "menu.html"


def test_page_metadata_wins_and_flags_fill_gaps(fixtures, tmp_path):
    [doc] = iter_documents(fixtures / "article.html", published="2020-01-01", source="Flag Source",
                           url="https://flag.example/")
    assert (doc.published, doc.source) == ("2024-03-05", "The Daily Courier")
    assert doc.url == "https://courier.example.com/world/ruritania-borduria-talks"

    bare = tmp_path / "bare.html"
    paragraphs = "".join(f"<p>{s} and then a good deal more was said about it by everyone.</p>"
                         for s in ARTICLE_SENTENCES)
    bare.write_text(f"<html><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    [doc] = iter_documents(bare, published="1 February 2020", source="Flag Source", url="https://flag.example/")
    assert (doc.published, doc.source, doc.url) == ("2020-02-01", "Flag Source", "https://flag.example/")
