"""RSS 2.0 and Atom files through feedparser."""
from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.readers import iter_documents


def test_rss_entries(fixtures):
    items = list(iter_documents(fixtures / "wire-rss.xml"))
    first, second, empty = items
    assert first.format == "rss" and first.content_type == "text"
    assert first.title == "Lakeland and Norvia agree to reopen border crossing"
    assert first.url == "https://gazette.example.org/world/2024/04/lakeland-norvia-border"
    assert first.external_id == "gazette-2024-0412-001"
    assert first.published == "2024-04-12"
    assert first.source == "Harbour Gazette World Desk"
    assert first.author == "Mira Okafor"
    assert first.origin.endswith("wire-rss.xml#1")
    # content:encoded wins over the shorter description; markup and script gone
    paragraphs = first.content.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("Lakeland’s interior minister")
    assert "<" not in first.content and "trackView" not in first.content
    # an escaped-HTML description becomes paragraphs too
    assert second.content.split("\n\n")[1] == "Police said the march was peaceful."
    assert second.external_id == second.url
    assert isinstance(empty, InputError) and empty.origin.endswith("wire-rss.xml#3")
    assert "no text" in str(empty)


def test_atom_entries(fixtures):
    first, second = iter_documents(fixtures / "wire-atom.xml")
    assert first.format == second.format == "atom"
    assert first.source == "Meridian Post: Diplomacy"
    assert first.external_id == "tag:meridian.example.net,2024:diplomacy/4411"
    assert first.url == "https://meridian.example.net/diplomacy/4411"
    assert first.published == "2024-05-02"  # published, not updated
    assert first.author == "Tomas Reyes"
    assert first.content.split("\n\n")[1].startswith("No agreement was reached")
    assert second.published == "2024-05-01"  # only <updated>
    assert second.content.startswith("Esterra recalled its ambassador")


def test_feeds_detected_under_misleading_names(fixtures, tmp_path):
    (tmp_path / "a.jsonl").write_bytes((fixtures / "wire-rss.xml").read_bytes())
    (tmp_path / "b.html").write_bytes((fixtures / "wire-atom.xml").read_bytes())
    formats = [d.format for d in iter_documents(tmp_path) if not isinstance(d, InputError)]
    assert formats == ["rss", "rss", "atom", "atom"]


def test_rss_1_rdf_feed(tmp_path):
    rdf = tmp_path / "feed.rdf"
    rdf.write_text(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://w.example/"><title>RDF Wire</title><link>https://w.example/</link>'
        '<description>d</description></channel>'
        '<item rdf:about="https://w.example/1"><title>Strike ends</title><link>https://w.example/1</link>'
        '<description>Dock workers ended their strike on Monday.</description><dc:date>2024-02-03</dc:date></item>'
        '</rdf:RDF>', encoding="utf-8")
    [doc] = iter_documents(rdf)
    assert (doc.format, doc.source, doc.published) == ("rss", "RDF Wire", "2024-02-03")
    assert doc.content == "Dock workers ended their strike on Monday."


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_broken_feed_with_no_entries_is_an_input_error(tmp_path, fmt):
    bad = tmp_path / "broken.xml"
    bad.write_text("<rss version='2.0'><channel><title>x</title><item><title>unclosed", encoding="utf-8")
    items = list(iter_documents(bad, format=fmt))
    assert len(items) <= 1
    assert all(isinstance(i, InputError) or i.format == fmt for i in items)
