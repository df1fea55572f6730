"""Take the README's pictures of the web app: the demo's events served on 127.0.0.1, shot with Debian's chromium.

    python scripts/web_screenshots.py            # writes docs/web-*.png
    python scripts/web_screenshots.py --out DIR

Runs `eventwire demo` into a temporary store (the real pipeline: spaCy, resolve, code), serves it with
uvicorn in a thread, and photographs the event page (the attack in Kidal), the timeline, the actor
network and the map at 1200x760 CSS pixels (scale 1), cropped to the page's content, so each picture
stays small (~100 kB).  Needs /usr/bin/chromium and playwright (the test extra); downloads nothing.
"""
from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    import uvicorn
    from playwright.sync_api import sync_playwright

    import eventwire
    from eventwire.web import create_app
    from eventwire.web.settings import WebSettings

    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/demo.db"
        result = eventwire.demo(db=db)
        attack = next(e for e in result.events if e["event_type"] == "ASSAULT" and (e["location"] or {}).get("name"))
        app = create_app(settings=WebSettings(db=db, secret="screenshots"))
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        shots = [("web-event", f"/events/{attack['id']}", "#minimap svg path.map-land"),
                 ("web-timeline", "/timeline", "#timeline svg rect.bar"),
                 ("web-network", "/network", "#network svg .net-node circle"),
                 ("web-map", "/map", "#map svg path.map-country-shaded")]
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1200, "height": 760})
                for name, path, ready in shots:
                    page.goto(base + path)
                    page.wait_for_selector(ready)
                    if name == "web-network":
                        page.wait_for_timeout(2500)  # let the force layout settle
                    height = min(page.evaluate("document.querySelector('main').getBoundingClientRect().bottom"), 1100)
                    page.screenshot(path=str(args.out / f"{name}.png"), clip={"x": 0, "y": 0, "width": 1200,
                                                                            "height": height}, full_page=True)
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            app.state.store.close()
    for name, _, _ in shots:
        print(f"{args.out / (name + '.png')}: {(args.out / (name + '.png')).stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
