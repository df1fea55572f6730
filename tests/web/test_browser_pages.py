"""The charts and pages tell the truth, in a real browser (Debian's chromium through playwright; issue 12, item 7).

One server and one browser for the module, over a handful of hand-built events (tests/web/factories.py):
organisations and a person, dates known to the day, the month and the year, a country-level place
("Mali") and a town in a GeoNames division ("Kidal", ML.10).
"""
from __future__ import annotations

import re
import threading
import time

import pytest

from tests.web.test_browser import ARGS, CHROMIUM, _free_port, _login

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: apt-get install chromium to run the browser tests")
    pytest.importorskip("playwright")
    uvicorn = pytest.importorskip("uvicorn")
    from eventwire.web import create_app
    from eventwire.web.settings import WebSettings
    from tests.web.factories import actors_article, fill, make_users

    db = tmp_path_factory.mktemp("pages") / "web.db"
    app = create_app(settings=WebSettings(db=f"sqlite:///{db}", secret="pages-secret"))
    store = app.state.store
    ids = fill(store)
    article, events = actors_article()
    store.save([(article, events)], coder_version="test")
    make_users(store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "ids": ids, "actors": [e.id for e in events]}
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


def _ticks(page) -> list[str]:
    return page.locator("#timeline .x-axis .tick text").all_text_contents()


def test_timeline_axis_bars_and_coarse_dates(site, page):
    page.goto(site["base"] + "/timeline")
    page.wait_for_selector("#timeline svg[data-interval=week] rect.bar")
    weekly = _ticks(page)
    assert weekly and not [t for t in weekly if re.search(r"AM|PM|:", t)], weekly  # no "12 PM" on weekly data
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", t) for t in weekly), weekly  # Mondays: "4 Mar 2024"
    assert "4 Mar 2024" in weekly and "11 Mar 2024" in weekly
    assert page.locator("#timeline svg path.area, #timeline svg .bars path").count() == 0  # bars, no area
    # the month- and year-dated events are there, as such, in their own lane
    month = page.locator("#timeline .coarse[data-precision=month]")
    assert any(t.startswith("1 event dated only to Feb 2024") for t in month.all_text_contents())  # the protest
    assert any(t.startswith("1 event dated only to Mar 2024") for t in month.all_text_contents())  # the UN's aid
    assert "1 event dated only to 2024" in page.locator("#timeline .coarse[data-precision=year]").text_content()
    legend = page.inner_text("#legend")
    assert "One bar per week" in legend and "known only to the month or year" in legend
    page.select_option("#interval", "month")
    page.wait_for_selector("#timeline svg[data-interval=month]")
    monthly = _ticks(page)
    assert monthly and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for t in monthly), monthly
    assert page.locator("#timeline .coarse[data-precision=month]").count() == 0  # a month is a bar by month
    assert page.errors == []


def test_network_nodes_are_organisations_and_people_with_names(site, page):
    page.goto(site["base"] + "/network")
    page.wait_for_selector("#network svg .net-node circle")
    labels = set(page.locator("#network .net-node text").all_text_contents())
    assert {"NATO", "United Nations", "European Union", "Russia", "Mali", "Kenya"} <= labels, labels
    assert not labels & {"IGO", "UNO", "EUR", "RUS", "KEN"}, labels  # no codes, no single "IGO" node
    assert "John Kerry" not in labels and "United States" in labels
    title = page.locator("#network .net-node[data-id='org:IGO:NATO'] > title").text_content()
    assert "Intergovernmental organisation (IGO)" in title
    assert "an organisation" in page.inner_text("#network-legend")
    page.check("#people")
    page.click(".chart-filters button[type=submit]")
    page.wait_for_url(re.compile(r".*people=true.*"))
    page.wait_for_selector("#network .net-node.k-person")
    assert "John Kerry" in page.locator("#network .net-node.k-person text").all_text_contents()
    assert page.errors == []


def test_map_shades_a_country_level_place_and_names_places(site, page):
    page.goto(site["base"] + "/map")
    page.wait_for_selector("#map svg path.map-country-shaded")
    shaded = page.locator("#map path.map-country-shaded")
    assert shaded.count() == 1 and shaded.get_attribute("data-country") == "MLI"
    assert "Mali" in shaded.locator("title").text_content()
    dots = page.locator("#map circle.map-point title").all_text_contents()
    assert any(t.startswith("Kidal, Mali:") for t in dots) and not any(t.startswith("Mali") for t in dots), dots
    assert "a shaded country" in page.inner_text("#map-legend")
    page.goto(site["base"] + "/places")
    table = page.inner_text("table.places")
    assert "Kidal, Mali" in table and "ML.10" not in table
    page.goto(f"{site['base']}/events/{site['actors'][1]}")  # the UN's aid to Mali: a country-level place
    assert page.inner_text("#place").startswith("Mali")
    page.wait_for_selector("#minimap svg path.map-country-shaded")
    page.goto(f"{site['base']}/events/{site['actors'][4]}")
    assert page.inner_text("#place").startswith("Kidal, Mali") and "ML.10" not in page.inner_text(".facts")
    assert page.errors == []


def test_own_account_change_password_and_revoke_sessions(site, browser, page):
    from tests.web.factories import PASSWORD

    base = site["base"]
    other = browser.new_context()  # a second browser signed in as the same member
    try:
        _login(other.new_page(), base, "member1", PASSWORD)
        _login(page, base, "member1", PASSWORD)
        page.click("a[href='/account']")
        rows = page.locator("#sessions tbody tr")
        assert rows.count() == 2 and page.locator("#sessions tr.current").count() == 1
        page.click("#sessions tr:not(.current) button.revoke")
        page.wait_for_selector("text=The session is ended.")
        assert page.locator("#sessions tbody tr").count() == 1
        page.fill("input[name=current_password]", PASSWORD)
        page.fill("input[name=new_password]", "a quieter horse staple")
        page.fill("input[name=new_password2]", "a quieter horse staple")
        page.click("#change-password")
        page.wait_for_selector("text=Your password is changed.")
        page.goto(base + "/account")  # still signed in here, with a fresh session
        assert page.locator("#sessions tbody tr").count() == 1
        page.click("#logout")
        _login(page, base, "member1", "a quieter horse staple")
    finally:
        other.close()
    assert page.errors == []
