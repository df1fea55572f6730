"""iter_documents: paths, folders, gzip, stdin, flags and every whole-file error."""
from __future__ import annotations

import gzip
import io
import json
import logging

import pytest

from eventwire.errors import InputError
from eventwire.readers import iter_documents
from eventwire.readers.decode import BINARY_MESSAGE

STORY = "Rebels seize town\n\nRebel fighters seized the town of Kessa on Friday, residents said.\n"


def _docs(items):
    return [i for i in items if not isinstance(i, InputError)]


def _errors(items):
    return [i for i in items if isinstance(i, InputError)]


def test_a_text_page_is_one_document_with_the_flags_as_metadata(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(STORY, encoding="utf-8")
    [doc] = iter_documents(str(path), published="2024-05-06", source="Wire", url="https://w.example/p")
    assert doc.content == STORY
    assert (doc.content_type, doc.format, doc.origin) == ("text", "text", str(path))
    assert (doc.published, doc.source, doc.url, doc.title) == ("2024-05-06", "Wire", "https://w.example/p", None)


def test_the_shared_sample_page_is_read_whole(sample_page_path):
    [doc] = iter_documents(sample_page_path)
    assert doc.format == "text"
    assert doc.content == sample_page_path.read_text(encoding="utf-8")


def test_gzip_is_detected_by_content_and_decompressed(tmp_path):
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress(STORY.encode(), mtime=0))
    (tmp_path / "records.bin").write_bytes(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    (tmp_path / "plain.gz").write_bytes(STORY.encode())  # not gzip despite its name
    items = list(iter_documents(tmp_path))
    assert [(d.format, d.content) for d in items] == [
        ("text", STORY), ("text", STORY), ("jsonl", "one"), ("jsonl", "two")]
    assert items[0].origin == str(tmp_path / "page.txt.gz")


def test_a_folder_tree_is_walked_sorted_skipping_hidden(tmp_path):
    for rel in ["b/2.txt", "b/1.txt", "a.txt", "c/d/e.txt", ".hidden.txt", ".git/config", "b/.secret"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Story from {rel}.\n", encoding="utf-8")
    origins = [d.origin for d in iter_documents(tmp_path)]
    assert origins == [str(tmp_path / r) for r in ["a.txt", "b/1.txt", "b/2.txt", "c/d/e.txt"]]


@pytest.mark.parametrize(
    ("data", "fmt", "expected"),
    [
        (STORY.encode(), "text", [STORY]),
        (b'{"text": "first"}\n{"text": "second"}\n', "jsonl", ["first", "second"]),
        (gzip.compress(STORY.encode(), mtime=0), "text", [STORY]),
    ],
)
def test_stdin(data, fmt, expected):
    items = list(iter_documents(["-"], stdin=io.BytesIO(data)))
    assert [(d.format, d.content) for d in items] == [(fmt, e) for e in expected]
    assert all(d.origin.startswith("<stdin>") for d in items)


def test_stdin_is_not_closed():
    stream = io.BytesIO(STORY.encode())
    list(iter_documents("-", stdin=stream))
    assert not stream.closed


def test_format_forced(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text('{"text": "<p>hello</p>"}\n', encoding="utf-8")
    [doc] = iter_documents(path, format="text")
    assert (doc.format, doc.content) == ("text", '{"text": "<p>hello</p>"}\n')


def test_cp1252_and_mojibake_files(tmp_path):
    legacy = tmp_path / "a-legacy.txt"
    legacy.write_bytes("The minister’s café plan — “rejected”.\n".encode("cp1252"))
    broken = tmp_path / "b-mojibake.txt"
    broken.write_text("The minister\u00e2\u20ac\u2122s caf\u00c3\u00a9 plan.\n", encoding="utf-8")
    first, second = iter_documents(tmp_path)
    assert first.content == "The minister’s café plan — “rejected”.\n"
    assert second.content == "The minister’s café plan.\n"


def test_invalid_utf8_byte_is_decoded_and_logged_never_dropped(tmp_path, caplog):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Zürich talks. ".encode() + b"It\x92s done.\n")
    with caplog.at_level(logging.WARNING):
        [doc] = iter_documents(path)
    assert doc.content == "Zürich talks. It’s done.\n"
    assert f"{path}: invalid UTF-8 at byte 17" in caplog.text


# ---- errors: yielded, named, and the other inputs go on -------------------------------

def test_errors_are_yielded_and_the_other_inputs_go_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    missing = tmp_path / "nope.txt"
    empty_dir = tmp_path / "empty"
    (empty_dir / ".only-hidden").mkdir(parents=True)
    (empty_dir / ".only-hidden" / "x.txt").write_text("x")
    items = list(iter_documents([missing, good, empty_dir, good]))
    assert [type(i).__name__ for i in items] == ["InputError", "RawDocument", "InputError", "RawDocument"]
    assert str(items[0]) == f"{missing}: no such file or folder"
    assert str(items[2]).startswith(f"{empty_dir}: folder holds no readable files")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.html", b"  \n\t\n", "file is empty"),
        ("empty.gz", gzip.compress(b"", mtime=0), "file is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, BINARY_MESSAGE),
        ("menu.html", b"<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>",
         "no article text found"),
        ("corrupt.txt.gz", b"\x1f\x8b\x08\x00garbage that is not deflate", "cannot read"),
    ],
)
def test_whole_file_errors_name_the_file(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    [err] = iter_documents(path)
    assert isinstance(err, InputError)
    assert err.origin == str(path)
    assert str(err) == f"{path}: {message}" or str(err).startswith(f"{path}: {message}")
    assert "Traceback" not in str(err)


@pytest.mark.slow
def test_a_page_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    line = b"Soldiers crossed the river at dawn and the villagers fled to the hills.\n"
    with open(path, "wb") as out:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    size_mb = path.stat().st_size / (1024 * 1024)
    [err] = iter_documents(path)
    assert isinstance(err, InputError)
    assert str(err) == (f"{path}: file is {size_mb:.1f} MB, larger than the 20 MB limit for one page; "
                        "split it or raise --max-page-mb")
    [doc] = iter_documents(path, max_page_mb=60)
    assert len(doc.content) == path.stat().st_size


@pytest.mark.parametrize("wrap", ["gzip", "stdin"])
def test_size_limit_applies_to_compressed_and_streamed_pages(tmp_path, wrap):
    page = b"<html><body><article>" + b"<p>Troops moved north along the coast road today.</p>" * 4000 + b"</article></body></html>"
    size_mb = len(page) / (1024 * 1024)
    if wrap == "gzip":
        path = tmp_path / "page.html.gz"
        path.write_bytes(gzip.compress(page))
        items = list(iter_documents(path, max_page_mb=0.1))
    else:
        items = list(iter_documents("-", stdin=io.BytesIO(page), max_page_mb=0.1))
    [err] = items
    assert size_mb > 0.1
    # refused at the cap, never decompressed or read further just to count it (issue 14: gzip bombs)
    what = "decompresses to" if wrap == "gzip" else "is"
    assert f": file {what} more than 0.1 MB, the limit for one page" in str(err)


def test_streamed_formats_have_no_page_limit(tmp_path):
    path = tmp_path / "big.jsonl"
    record = json.dumps({"text": "Police detained dozens of marchers in the capital. " * 50})
    path.write_text((record + "\n") * 200, encoding="utf-8")
    items = list(iter_documents(path, max_page_mb=0.1))
    assert len(items) == 200 and not _errors(items)


def test_bad_arguments_raise_at_once(tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        next(iter_documents(tmp_path, format="pdf"))
    with pytest.raises(ValueError, match="not a date"):
        next(iter_documents(tmp_path, published="whenever"))


def test_a_large_gzip_file_is_read_to_the_end(tmp_path):
    import random

    rng = random.Random(3)
    words = ["troops", "minister", "talks", "border", "protest", "river", "council", "aid", "port", "strike"]
    records = [{"id": n, "text": " ".join(rng.choice(words) for _ in range(60)) + f" {rng.random()}"}
               for n in range(5000)]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    assert len(data) > 4 * 65536  # well past the sniffed head
    path = tmp_path / "many.jsonl.gz"
    path.write_bytes(data)
    docs = list(iter_documents(path))
    assert [d.external_id for d in docs] == [str(r["id"]) for r in records]
    streamed = list(iter_documents("-", stdin=io.BytesIO(data)))
    assert len(streamed) == len(records)
