"""The README's demo command, run for real on the page that ships with the package."""
import subprocess
import sys

import pytest

import eventwire
from eventwire.demo_page import demo_page_path

DEMO_TITLES = [
    "Kenya and Ethiopia agree to reopen border talks",
    "Rebels kill 12 soldiers in attack on army base in northern Mali",
    "EU sends humanitarian aid as protests spread in Khartoum",
]


def test_demo_page_ships_with_the_package():
    assert demo_page_path().is_file()


@pytest.mark.slow
def test_demo_finds_the_three_stories_and_their_events(tmp_path):
    result = eventwire.demo(db=f"sqlite:///{tmp_path}/demo.db")
    assert [a["title"] for a in result.articles] == DEMO_TITLES
    for a in result.articles:
        assert "comment" not in a["text"].lower() and "Photo:" not in a["text"]
    types = {e["event_type"] for e in result.events}
    assert {"CONSULT", "AGREE", "ASSAULT", "COERCE", "AID", "PROTEST"} <= types
    attack = [e for e in result.events if e["event_type"] == "ASSAULT" and e["quantities"]["killed"] == 12]
    # the attacked army base in Mali: the Malian army (MLI and/or MIL) is the recipient
    assert attack and any(r["country"] == "MLI" or r["sector"] == "MIL" for r in attack[0]["recipients"])
    aid = [e for e in result.events if e["event_type"] == "AID"]
    assert aid[0]["quantities"]["money"][0]["amount"] == 50_000_000 and aid[0]["quantities"]["money"][0]["currency"] == "EUR"


@pytest.mark.slow
def test_demo_cli_prints_articles_and_events(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "eventwire", "demo", "--db", f"sqlite:///{tmp_path}/d.db"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Demo page: 3 articles" in proc.stdout
    assert "ASSAULT" in proc.stdout and "CONSULT" in proc.stdout
