"""The pages in a real browser (Debian's chromium through playwright): the member's path end to end.

Screenshots of the main pages go to test-artifacts/screenshots/.
"""
from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app under uvicorn in a thread, over hand-built events plus some synthetic ones for the charts."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: apt-get install chromium to run the browser tests")
    pytest.importorskip("playwright")
    uvicorn = pytest.importorskip("uvicorn")
    from eventwire.web import create_app
    from eventwire.web.bench import synthetic_batch
    from eventwire.web.settings import WebSettings
    from tests.web.factories import fill, make_users

    db = tmp_path_factory.mktemp("browser") / "web.db"
    app = create_app(settings=WebSettings(db=f"sqlite:///{db}", secret="browser-secret", signup="open"))
    store = app.state.store
    ids = fill(store)
    make_users(store)
    store.save(synthetic_batch(0, 150, events_per_article=4), coder_version="synthetic")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.1)
    yield {"base": f"http://127.0.0.1:{port}", "ids": ids}
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def page(site):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 900})
        pg = context.new_page()
        pg.dialogs = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.errors = []
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.set_default_timeout(15_000)
        yield pg
        context.close()
        browser.close()


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#login-submit")
    page.wait_for_selector(f"text={username}")


def test_member_and_reviewer_paths(site, page):
    from tests.web.factories import PASSWORD, plain_article

    base = site["base"]
    # sign up (open sign-up signs the new member in), sign out, sign in again
    page.goto(f"{base}/signup")
    _shot(page, "signup")
    page.fill("input[name=username]", "newbie")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("#signup-submit")
    page.wait_for_selector(".who >> text=newbie")
    page.click("#logout")
    page.wait_for_selector("#login-link")
    _login(page, base, "newbie", PASSWORD)

    # filter the events table
    page.goto(f"{base}/events")
    page.check("input[name=type][value=COERCE]")
    page.fill("input[name=country]", "KEN")
    page.click("#apply")
    page.wait_for_url(re.compile(r".*type=COERCE.*"))
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    assert page.locator("table.events tbody tr >> text=Coerce").count() == rows.count()
    _shot(page, "events-filtered")

    # open the event: its sentence is highlighted in the article text
    event_id = site["ids"][plain_article()[0].id][1]
    page.click(f"a[href='/events/{event_id}']")
    mark = page.locator("mark#evidence")
    assert "Police arrested 12 protesters" in mark.inner_text()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"

    # comment as a member
    page.fill("#comment-body", "Another outlet says eleven were arrested.")
    page.click("#post-comment")
    page.wait_for_selector("text=Your comment is posted.")
    assert page.locator("#comments >> text=Another outlet says eleven were arrested.").count() == 1
    assert page.locator("#review").count() == 0, "a member sees no review form"
    page.click("#logout")
    page.wait_for_selector("#login-link")

    # a reviewer corrects the event and sees the revision
    _login(page, base, "reviewer1", PASSWORD)
    page.goto(f"{base}/events/{event_id}")
    page.click("#correct-panel summary")
    page.fill("input[name=q-arrested]", "11")
    page.fill("#c-reason", "two outlets agree on eleven")
    page.click("#save-correction")
    page.wait_for_selector("text=Review saved (correct).")
    history = page.locator("#history")
    assert "Corrected by reviewer1" in history.inner_text()
    assert "two outlets agree on eleven" in history.inner_text()
    assert "arrested: 11" in page.locator(".facts").inner_text().replace("\n", " ")
    page.wait_for_selector("#minimap svg path.map-land")
    _shot(page, "event")
    page.click("#logout")
    page.wait_for_selector("#login-link")
    assert page.context.cookies() and not [c for c in page.context.cookies() if c["name"] == "ew_session"]
    assert page.errors == [] and page.dialogs == []


def test_untrusted_text_never_runs(site, page):
    from tests.web.factories import xss_article

    base = site["base"]
    article, events = xss_article()
    for url in (f"/articles/{article.id}", f"/events/{events[0].id}", "/events?q=Goma", "/"):
        page.goto(base + url)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", url
        assert page.locator("#injected").count() == 0, url
        assert page.locator("img").count() == 0, url
    page.goto(f"{base}/articles/{article.id}")
    assert "<script>window.__xss=2;alert(1)</script>" in page.inner_text(".article-text")  # shown as text
    assert page.dialogs == [], page.dialogs


@pytest.mark.parametrize("name, path, ready", [
    ("overview", "/", "svg.hbars"),
    ("events", "/events", "table.events"),
    ("article", None, "mark.ev"),
    ("timeline", "/timeline", "#timeline svg path"),
    ("network", "/network", "#network svg .net-node circle"),
    ("map", "/map", "#map svg circle.map-point"),
    ("actors", "/actors", "table.events"),
    ("login", "/login", "#login-form"),
])
def test_main_pages_render(site, page, name, path, ready):
    from tests.web.factories import plain_article

    path = path or f"/articles/{plain_article()[0].id}"
    page.goto(site["base"] + path)
    page.wait_for_selector(ready)
    if name == "network":
        page.wait_for_timeout(2500)  # let the force layout settle
    _shot(page, name)
    assert page.errors == []


def test_api_docs_work_offline_under_the_csp(site, page):
    """/api/docs renders every operation from the vendored Swagger UI: no CDN, no CSP violation."""
    console = []
    page.on("console", lambda m: console.append(m.text))
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site["base"] + "/api/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/v1/events", "/api/v1/auth/login", "/api/v1/overview"} <= {p.replace("\u200b", "") for p in paths}
    assert not [m for m in console if "Content Security Policy" in m], console
    assert not page.errors
    assert all(url.startswith(site["base"]) for url in requested), requested
    assert page.evaluate("fetch('/favicon.ico').then(r => r.headers.get('content-type'))") == "image/x-icon"
    _shot(page, "api-docs")


def test_admin_manages_feeds_in_the_browser(site, page):
    """The Feeds page (issue 13): an admin adds, pauses and removes a feed through the real forms (CSRF included)."""
    from tests.web.factories import PASSWORD

    base = site["base"]
    _login(page, base, "admin1", PASSWORD)
    page.click("a[href='/admin/feeds']")
    page.wait_for_selector("#feeds")
    page.fill("input[name=url]", "https://wire.example/world/rss.xml")
    page.fill("input[name=title]", "Example wire")
    page.click("text=Add feed")
    row = page.wait_for_selector("#feeds tr[data-feed]")
    assert "Example wire" in row.inner_text() and "new" in row.inner_text()
    page.click("#feeds tr[data-feed] >> text=Pause")
    page.wait_for_selector("#feeds tr[data-feed] >> text=Resume")
    assert "paused" in page.inner_text("#feeds tr[data-feed]")
    _shot(page, "feeds")
    page.click("#feeds tr[data-feed] >> text=Remove")
    page.wait_for_selector("text=No feeds yet")
    assert page.errors == []
