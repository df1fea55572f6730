"""WARC archives built in the test with warcio's writer."""
from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import InputError
from eventwire.readers import iter_documents


def _page(title: str, sentences: list[str], meta: str = "") -> bytes:
    body = "".join(f"<p>{s}</p>" for s in sentences)
    return (f"<html><head><title>{title}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8")


PAGE_ONE = _page("Ceasefire holds in the north", [
    "A ceasefire between the army and rebel groups held for a third day on Sunday, residents said.",
    "Aid convoys reached two towns that had been cut off since January, the Red Cross said.",
], meta='<meta property="article:published_time" content="2024-01-14">'
        '<meta property="og:site_name" content="Frontier Herald">')
PAGE_TWO = _page("Ministers sign trade pact", [
    "Trade ministers from both countries signed a pact cutting tariffs on grain and steel on Monday.",
    "The agreement still needs approval by both parliaments before it comes into force next year.",
])
MENU = b"<html><head><title>Index</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def _record(writer: WARCWriter, uri: str, payload: bytes, content_type: str, date: str, rec_id: str):
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(payload), http_headers=http,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": f"<urn:uuid:{rec_id}>"},
    )
    writer.write_record(record)


def _build_warc(path, *, gzip: bool) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        _record(writer, "https://herald.example/ceasefire", PAGE_ONE, "text/html; charset=utf-8",
                "2024-01-15T06:00:00Z", "00000000-0000-0000-0000-000000000001")
        _record(writer, "https://herald.example/logo.png", PNG, "image/png",
                "2024-01-15T06:00:01Z", "00000000-0000-0000-0000-000000000002")
        _record(writer, "https://herald.example/", MENU, "text/html",
                "2024-01-15T06:00:02Z", "00000000-0000-0000-0000-000000000003")
        _record(writer, "https://trade.example/pact", PAGE_TWO, "application/xhtml+xml",
                "2024-02-20T12:30:00Z", "00000000-0000-0000-0000-000000000004")
        request = writer.create_warc_record("https://trade.example/pact", "request",
                                            payload=io.BytesIO(b"GET /pact HTTP/1.1\r\n\r\n"))
        writer.write_record(request)


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True), ("crawl.txt", True)])
def test_html_responses_become_documents_and_the_rest_is_skipped(tmp_path, name, gzip):
    path = tmp_path / name
    _build_warc(path, gzip=gzip)
    first, menu_error, second = iter_documents(path)

    assert first.format == "warc"
    assert first.url == "https://herald.example/ceasefire"
    assert first.external_id == "urn:uuid:00000000-0000-0000-0000-000000000001"
    assert first.origin == f"{path}#urn:uuid:00000000-0000-0000-0000-000000000001"
    assert first.published == "2024-01-14"  # the page's own date beats the crawl date
    assert first.source == "Frontier Herald"
    assert first.content.split("\n\n")[1].startswith("Aid convoys reached")
    assert "Home" not in first.content

    assert isinstance(menu_error, InputError)
    assert menu_error.origin == f"{path}#urn:uuid:00000000-0000-0000-0000-000000000003"
    assert "no article text found" in str(menu_error)

    assert second.published == "2024-02-20"  # no date on the page: WARC-Date
    assert second.title == "Ministers sign trade pact"
    assert second.content.startswith("Trade ministers from both countries")


def test_a_broken_warc_is_an_input_error(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nonsense\r\n\r\n<html>")
    items = list(iter_documents(path))
    assert items and all(isinstance(i, InputError) for i in items)
    assert str(path) in str(items[0])


def test_a_truncated_warc_gz_yields_what_it_can_and_an_error(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    _build_warc(whole, gzip=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: int(whole.stat().st_size * 0.8)])
    items = list(iter_documents(cut))
    assert isinstance(items[-1], InputError) and str(cut) in str(items[-1])
    assert items[0].external_id == "urn:uuid:00000000-0000-0000-0000-000000000001"
