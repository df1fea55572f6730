"""Format detection by content; every signature in signatures.yml is exercised."""
from __future__ import annotations

import json

import pytest

from eventwire.readers._data import load_data
from eventwire.readers.detect import SNIFF_BYTES, count_html_tags, detect_format

SIG = load_data("signatures.yml")


def _entries(key: str):
    return [pytest.param(e, id=str(e.get("prefix") or e.get("root") or e.get("doctype"))) for e in SIG[key]]


@pytest.mark.parametrize("entry", _entries("magic") + _entries("roots") + _entries("doctypes"))
def test_every_signature_example_is_detected(entry):
    assert detect_format(entry["example"].encode("utf-8")) == entry["format"]


@pytest.mark.parametrize("entry", _entries("roots"))
def test_roots_are_found_after_prolog_comments_and_whitespace(entry):
    example = entry["example"]
    if example.startswith("<?xml"):
        decl_end = example.index("?>") + 2
        example = example[:decl_end] + "\n<!-- generated -->\n<?xml-stylesheet href='s.xsl'?>\n" + example[decl_end:]
    else:
        example = "\n\n  <!-- saved page -->\n" + example
    assert detect_format(example.encode("utf-8")) == entry["format"]


@pytest.mark.parametrize("tag", SIG["html_tags"])
def test_every_html_tag_is_counted(tag):
    assert count_html_tags(f"<{tag} class='x'>words</{tag}> <{tag}/>") == 3
    assert count_html_tags(f"<{tag}x>not this tag</{tag}x>") == 0


def test_html_tag_threshold_without_and_with_a_telling_name():
    few = b"Story text with a <b>bold</b> word.\nMore text here.\n"
    assert detect_format(few) == "text"
    assert detect_format(few, name="page.html") == "html"
    many = b"<div><p>One</p><p>Two</p><p>Three</p><span>x</span></div>"
    assert count_html_tags(many.decode()) >= SIG["html_min_tags"]
    assert detect_format(many, name="notes.txt") == "html"


@pytest.mark.parametrize("ending", SIG["html_names"])
def test_every_html_name_breaks_a_tie(ending):
    data = b"A page with one <br> tag in it.\n"
    assert detect_format(data) == "text"
    assert detect_format(data, name=f"saved{ending}") == "html"


@pytest.mark.parametrize("ending", SIG["jsonl_names"])
def test_every_jsonl_name_breaks_a_tie(ending):
    # mostly broken lines: content alone does not say JSONL, the name does
    data = b'{"text": "fine"}\n{broken\n{also broken\nnot json\n'
    assert detect_format(data) == "text"
    assert detect_format(data, name=f"dump{ending}") == "jsonl"


def test_jsonl_detected_by_content_with_some_malformed_lines():
    data = b'{"text": "one"}\n\n{"text": "two", "id": 2}\n{"text": oops}\n{"text": "three"}\n'
    assert detect_format(data, name="misleading.html") == "jsonl"


def test_jsonl_with_a_first_record_longer_than_the_sniff_window():
    record = json.dumps({"id": "a", "text": "word " * (SNIFF_BYTES // 4)})
    data = (record + "\n" + record + "\n").encode()
    assert detect_format(data) == "jsonl"


def test_a_json_array_or_prose_is_not_jsonl():
    assert detect_format(b'[{"text": "a"}, {"text": "b"}]\n') == "json"  # read as records (issue 14)
    assert detect_format(b"He said {this} was fine.\nThen he left.\n") == "text"


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "story.txt", "rss"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', "page.html", "atom"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\n", "notes.txt", "warc"),
        (b'{"text": "a"}\n{"text": "b"}\n', "feed.xml", "jsonl"),
        (b"<!doctype html><title>x</title><p>body</p>", "data.jsonl", "html"),
        (b"Kerry meets Lavrov in Rome.\n\nThe two men talked.\n", "page.html", "text"),
        (b"Kerry meets Lavrov in Rome.\n\nThe two men talked.\n", "archive.warc", "text"),
    ],
)
def test_content_wins_over_a_misleading_name(data, name, expected):
    assert detect_format(data, name=name) == expected


def test_utf16_html_is_detected():
    assert detect_format("<!DOCTYPE html><p>hé</p>".encode("utf-16")) == "html"
