"""Format detection and decoding that no longer lose records (issue 14): a JSONL file whose first
record is longer than the sniff window, JSON arrays and single objects, byte-order marks and
UTF-16 in every text format, Latin-1 not taken for cp1250, feeds with a DOCTYPE internal subset
(entities not expanded), and text with a few NUL bytes."""
from __future__ import annotations

import codecs
import json

import pytest

from eventwire.errors import InputError
from eventwire.readers import iter_documents
from eventwire.readers.detect import SNIFF_BYTES

STORY = "Police arrested ten protesters in Nairobi on Monday."
OTHER = "Kenya and Uganda held talks in Nairobi on Tuesday."


def _read(path):
    found = list(iter_documents([path]))
    return [d for d in found if not isinstance(d, InputError)], [str(e) for e in found if isinstance(e, InputError)]


def test_jsonl_whose_first_record_is_longer_than_the_sniff_window(tmp_path):
    long_text = " ".join([STORY] * (SNIFF_BYTES // len(STORY) + 10))
    src = tmp_path / "big.data"  # no telling name: the content decides
    src.write_text(json.dumps({"id": "a", "text": long_text}) + "\n" + json.dumps({"id": "b", "text": OTHER}) + "\n")
    docs, errors = _read(src)
    assert errors == [] and [d.format for d in docs] == ["jsonl", "jsonl"]
    assert [d.external_id for d in docs] == ["a", "b"] and docs[0].content == long_text


def test_a_json_array_is_read_as_records(tmp_path):
    src = tmp_path / "export.json"
    src.write_text(json.dumps([{"id": "a", "title": "Arrests", "text": STORY}, {"id": "b", "text": OTHER},
                               {"id": "c"}], indent=2))
    docs, errors = _read(src)
    assert [(d.external_id, d.content, d.format) for d in docs] == [("a", STORY, "json"), ("b", OTHER, "json")]
    assert docs[0].origin == f"{src}#1" and docs[0].title == "Arrests"
    assert len(errors) == 1 and f"{src}#3" in errors[0] and "text" in errors[0]


def test_a_single_pretty_printed_object_is_one_record(tmp_path):
    src = tmp_path / "story.txt"
    src.write_text(json.dumps({"id": "one", "text": STORY, "published": "2024-05-01"}, indent=4))
    docs, errors = _read(src)
    assert errors == [] and [(d.external_id, d.content, d.published) for d in docs] == [("one", STORY, "2024-05-01")]


@pytest.mark.parametrize("body", ['[{"text": "cut off', '[1, 2, 3]', '{"text": "cut\n'])
def test_broken_json_is_refused_never_stored_as_text(tmp_path, body):
    src = tmp_path / "bad.json"
    src.write_text(body)
    docs, errors = _read(src)
    assert docs == [] and errors and all(str(src) in e for e in errors)


def _jsonl_bytes() -> str:
    return json.dumps({"id": "a", "text": "Le président a parlé à Genève."}, ensure_ascii=False) + "\n" \
        + json.dumps({"id": "b", "text": OTHER}) + "\n"


@pytest.mark.parametrize("encoding,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                          ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_jsonl_with_a_bom_keeps_every_record(tmp_path, encoding, bom):
    src = tmp_path / "in.jsonl"
    src.write_bytes(bom + _jsonl_bytes().encode(encoding))
    docs, errors = _read(src)
    assert errors == [] and [d.external_id for d in docs] == ["a", "b"]
    assert docs[0].content == "Le président a parlé à Genève."


@pytest.mark.parametrize("encoding,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)])
def test_json_array_and_feed_and_text_with_a_bom(tmp_path, encoding, bom):
    array = tmp_path / "a.json"
    array.write_bytes(bom + json.dumps([{"text": STORY}]).encode(encoding))
    feed = tmp_path / "f.xml"
    feed.write_bytes(bom + (f'<?xml version="1.0" encoding="{"utf-8" if encoding == "utf-8" else "utf-16"}"?>'
                            f'<rss version="2.0"><channel><title>Wire</title><item><title>Arrests</title>'
                            f'<description>{STORY}</description></item></channel></rss>').encode(encoding))
    page = tmp_path / "p.txt"
    page.write_bytes(bom + f"{STORY}\n\n{OTHER}\n".encode(encoding))
    for path, fmt in ((array, "json"), (feed, "rss"), (page, "text")):
        docs, errors = _read(path)
        assert errors == [] and [d.format for d in docs] == [fmt], path
        assert STORY in docs[0].content


def test_latin1_is_not_taken_for_cp1250(tmp_path):
    src = tmp_path / "old.txt"
    src.write_bytes("Talks in Bogotá ended à minuit.\n".encode("latin-1"))
    docs, errors = _read(src)
    assert errors == [] and "Bogotá ended à minuit" in docs[0].content


def test_a_feed_with_a_doctype_internal_subset_is_a_feed_without_entity_expansion(tmp_path):
    laughs = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 9))
    src = tmp_path / "feed.xml"
    src.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY l0 "lol">\n{laughs}\n]>\n'
                   '<rss version="2.0"><channel><title>Wire</title>'
                   f'<item><title>Boom &l8;</title><description>{STORY}</description></item>'
                   f'<item><title>Talks</title><description>{OTHER}</description></item></channel></rss>')
    docs, errors = _read(src)
    assert [d.format for d in docs] == ["rss", "rss"]
    assert [d.content for d in docs] == [STORY, OTHER]
    assert all(len(d.title or "") < 100 for d in docs), "entities must not be expanded"


def test_a_text_with_a_few_nul_bytes_is_read(tmp_path):
    src = tmp_path / "page.txt"
    src.write_bytes(f"{STORY}\x00\n\n{OTHER} The talks went on for three days and ended with a joint statement.\n"
                    .encode())
    docs, errors = _read(src)
    assert errors == [] and "\x00" not in docs[0].content and STORY in docs[0].content
