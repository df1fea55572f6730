"""Article text, titles, names and comments are untrusted: escaped in every page; no inline script allowed."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from eventwire import members
from tests.web.factories import xss_article


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _no_injected_markup(html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("img", "iframe", "object", "embed"), f"injected <{tag}>"
        assert tag != "script" or (attrs.get("src") or "").startswith("/static/"), "a script that is not ours"
        assert not [a for a in attrs if a.startswith("on")], f"event handler attribute on <{tag}>"
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
        assert attrs.get("id") != "injected"


def test_article_and_event_pages_escape_everything(client, store, ids, users):
    article, events = xss_article()
    members.add_comment(store, event_id=events[0].id, user=users["member"],
                        body='<script>alert("comment")</script><a href="javascript:alert(5)">x</a>')
    for url in (f"/articles/{article.id}", f"/events/{events[0].id}", "/events", "/", "/actors", "/places",
                "/articles", "/events?q=%3Cscript%3E", f"/events?place={events[0].location.name}"):
        r = client.get(url)
        assert r.status_code == 200, url
        _no_injected_markup(r.text)
    html = client.get(f"/articles/{article.id}").text
    assert "&lt;script&gt;window.__xss=2;alert(1)&lt;/script&gt;" in html  # shown as text, not dropped
    assert "&lt;i&gt;condemned&lt;/i&gt; the attack &amp; called" in html


def test_evidence_is_escaped_then_marked(client, ids):
    article, events = xss_article()
    html = client.get(f"/events/{events[0].id}").text
    mark = re.search(r'<mark class="([^"]*)" data-events="([^"]*)" id="evidence">(.*?)</mark>', html, re.S)
    assert mark and "current" in mark.group(1)
    assert mark.group(3).startswith("Rebels &lt;script&gt;") and mark.group(3).endswith("of Goma.")


def test_security_headers(client, ids):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_no_inline_scripts_or_cdn_in_templates():
    from pathlib import Path

    import eventwire.web

    root = Path(eventwire.web.__file__).parent
    for template in (root / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script[^>]*>", text):
            assert 'src="/static/' in tag, f"{template.name}: inline or remote script {tag}"
        assert "http://" not in text and "https://" not in text, f"{template.name} refers to another site"
        assert " style=" not in text, f"{template.name}: inline style (the CSP forbids it)"
    assert "http" not in (root / "static" / "charts.js").read_text(encoding="utf-8")
