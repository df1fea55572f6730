"""Bounded reading (issue 14): FIFOs, sockets and devices in a folder skipped with a warning, a
configurable line-size cap for JSONL, a compressed page refused as soon as it decompresses past the
cap, damaged ``.warc.gz`` members skipped to the next intact one, truncated WARC records reported
instead of stored, and no raw bytes in any error."""
from __future__ import annotations

import gzip
import io
import json
import logging
import os
import socket

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import InputError
from eventwire.readers import iter_documents

STORY = "Police arrested ten protesters in Nairobi on Monday after a march on parliament."


def _read(paths, **options):
    found = list(iter_documents(paths, **options))
    return [d for d in found if not isinstance(d, InputError)], [str(e) for e in found if isinstance(e, InputError)]


@pytest.mark.timeout(30)
def test_fifos_and_sockets_in_a_folder_are_skipped_with_a_warning(tmp_path, caplog):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY + "\n")
    os.mkfifo(folder / "b.pipe")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "c.sock"))
    try:
        with caplog.at_level(logging.WARNING):
            docs, errors = _read([folder])
    finally:
        sock.close()
    assert [d.content.strip() for d in docs] == [STORY] and errors == []
    assert "b.pipe" in caplog.text and "c.sock" in caplog.text


def test_a_named_device_is_refused(tmp_path):
    docs, errors = _read(["/dev/zero"])
    assert docs == [] and len(errors) == 1 and "not a regular file" in errors[0]


def test_jsonl_lines_over_the_cap_are_that_lines_error(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": STORY}) + "\n" + json.dumps({"text": "x " * 5000}) + "\n"
                   + json.dumps({"text": STORY + " Again."}) + "\n")
    docs, errors = _read([src], max_line_mb=0.004)  # about 4 KB
    assert [d.origin for d in docs] == [f"{src}:1", f"{src}:3"]
    assert len(errors) == 1 and f"{src}:2" in errors[0] and "--max-line-mb" in errors[0]


def test_a_compressed_page_is_refused_once_it_passes_the_cap(tmp_path):
    src = tmp_path / "bomb.txt.gz"
    src.write_bytes(gzip.compress(b"word " * (3 << 20)))  # 15 MB of text in a few KB
    docs, errors = _read([src], max_page_mb=1)
    assert docs == [] and len(errors) == 1
    assert "more than 1 MB" in errors[0]  # refused at the cap: the rest never decompressed to count it


def _warc_record(writer, n: int) -> None:
    page = (f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            + "".join(f"<p>{STORY} Report number {n} says the council met on day {n} and heard witness {k}, "
                      f"who said the march had been peaceful until the police moved in with batons.</p>"
                      for k in range(4)) +
            "</article></body></html>").encode()
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        f"https://news.example/{n}", "response", payload=io.BytesIO(page), http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-01-15T06:00:00Z", "WARC-Record-ID": f"<urn:uuid:rec-{n}>"}))


def _warc(n: int, *, gzip_: bool) -> list[bytes]:
    """Each record's bytes (one gzip member each when compressed)."""
    parts = []
    for i in range(1, n + 1):
        out = io.BytesIO()
        _warc_record(WARCWriter(out, gzip=gzip_), i)
        parts.append(out.getvalue())
    return parts


def _no_raw_bytes(message: str) -> None:
    assert "\\x" not in message and "b'" not in message and all(ch.isprintable() for ch in message), message


def test_a_damaged_warc_gz_member_is_skipped_and_the_rest_read(tmp_path):
    parts = _warc(5, gzip_=True)
    damaged = bytearray(parts[1])
    damaged[20:60] = bytes(range(200, 240))  # inside the deflate data of member 2
    src = tmp_path / "crawl.warc.gz"
    src.write_bytes(parts[0] + bytes(damaged) + b"".join(parts[2:]))
    docs, errors = _read([src])
    assert sorted(d.external_id for d in docs) == ["urn:uuid:rec-1", "urn:uuid:rec-3", "urn:uuid:rec-4",
                                                   "urn:uuid:rec-5"]
    assert errors and all(str(src) in e for e in errors)
    for e in errors:
        _no_raw_bytes(e)


def test_a_truncated_warc_record_is_reported_not_stored(tmp_path):
    parts = _warc(3, gzip_=False)
    src = tmp_path / "crawl.warc"
    src.write_bytes(b"".join(parts)[:-120])  # the last record's page cut short
    docs, errors = _read([src])
    assert [d.external_id for d in docs] == ["urn:uuid:rec-1", "urn:uuid:rec-2"]
    assert len(errors) == 1 and "rec-3" in errors[0] and "truncated" in errors[0]
    _no_raw_bytes(errors[0])
