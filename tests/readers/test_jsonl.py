"""JSON Lines records, with bad lines reported by number and the rest read on."""
from __future__ import annotations

import json
import logging

import pytest

from eventwire.errors import InputError
from eventwire.readers import iter_documents

GOOD = {"id": "r-1", "title": "Talks resume", "text": "Delegates resumed talks in Oslo on Monday.",
        "published": "2024-06-03T08:00:00Z", "url": "https://n.example/1", "source": "Nordic Wire"}


def _write(tmp_path, lines, name="records.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_good_and_malformed_lines_with_their_numbers(tmp_path):
    path = _write(tmp_path, [
        json.dumps(GOOD),                                    # 1
        "",                                                  # 2 blank: skipped silently
        '{"text": "unterminated',                            # 3 malformed
        json.dumps(["a", "list"]),                           # 4 not an object
        json.dumps({"id": 5, "title": "No text here"}),      # 5 no text
        json.dumps({"text": "   "}),                         # 6 empty text
        json.dumps({"id": 7, "text": "Police arrested 12 protesters in Lima."}),  # 7
    ])
    items = list(iter_documents(path))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if not isinstance(i, InputError)]
    assert [e.line for e in errors] == [3, 4, 5, 6]
    assert all(e.origin == str(path) for e in errors)
    assert str(errors[0]).startswith(f"{path}:3: malformed JSON")
    assert "not a JSON object" in str(errors[1])
    assert '"text"' in str(errors[2]) and '"text"' in str(errors[3])
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:7"]
    first, last = docs
    assert (first.external_id, first.title, first.published, first.url, first.source) == (
        "r-1", "Talks resume", "2024-06-03", "https://n.example/1", "Nordic Wire")
    assert first.content == GOOD["text"] and first.format == "jsonl"
    assert last.external_id == "7" and last.title is None and last.published is None


def test_unparseable_published_is_none_with_a_warning(tmp_path, caplog):
    path = _write(tmp_path, [json.dumps({"text": "A story.", "published": "sometime last spring"})])
    with caplog.at_level(logging.WARNING):
        [doc] = iter_documents(path)
    assert doc.published is None
    assert f"{path}:1" in caplog.text


def test_html_text_is_stripped_to_paragraphs(tmp_path):
    path = _write(tmp_path, [json.dumps({
        "text": "<p>Rebels shelled the town of Kessa on Friday.</p><p>Two people were hurt &amp; "
                "a school was damaged.</p><script>ad()</script>"})])
    [doc] = iter_documents(path)
    assert doc.content == ("Rebels shelled the town of Kessa on Friday.\n\n"
                           "Two people were hurt & a school was damaged.")


def test_a_whole_html_page_in_text_goes_through_trafilatura(tmp_path, fixtures):
    page = (fixtures / "article.html").read_text(encoding="utf-8")
    path = _write(tmp_path, [json.dumps({"text": page, "id": "p"})])
    [doc] = iter_documents(path)
    assert doc.content.startswith("The government of Ruritania said on Tuesday")
    assert "cookies" not in doc.content and "riverwatcher77" not in doc.content


def test_mojibake_in_records_is_repaired(tmp_path):
    path = _write(tmp_path, [json.dumps({"text": "The minister\u00e2\u20ac\u2122s visit", "title": "Caf\u00c3\u00a9 talks"})])
    [doc] = iter_documents(path)
    assert (doc.content, doc.title) == ("The minister’s visit", "Café talks")


def test_a_non_utf8_line_is_decoded(tmp_path):
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(b'{"text": "Talks in Z\xfcrich ended."}\n{"text": "ok"}\n')
    docs = list(iter_documents(path))
    assert [d.content for d in docs] == ["Talks in Zürich ended.", "ok"]


@pytest.mark.parametrize("content", [b"\n\n   \n", b""])
def test_a_blank_jsonl_file_is_an_error(tmp_path, content):
    path = tmp_path / "blank.jsonl"
    path.write_bytes(content)
    [err] = iter_documents(path, format="jsonl")
    assert isinstance(err, InputError) and "empty" in str(err)
