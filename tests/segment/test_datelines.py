"""Every dateline pattern finds its example's dateline and ignores its near miss."""
from __future__ import annotations

import pytest

from eventwire.segment import find_dateline
from eventwire.segment.patterns import load_patterns

ENTRIES = load_patterns("datelines")["patterns"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_pattern_finds_its_example(entry):
    dateline, rest = find_dateline(entry["example"])
    assert dateline == entry["expect"]
    assert rest == entry["example"][len(entry["expect"]):].strip()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_near_miss_has_no_dateline(entry):
    assert find_dateline(entry["near_miss"]) == (None, entry["near_miss"])


@pytest.mark.parametrize(
    "paragraph, dateline",
    [
        ("SALVADOR, Feb 26 - Showers continued in the cocoa zone.", "SALVADOR, Feb 26 -"),
        ("WASHINGTON (Reuters) - The Senate passed the bill.", "WASHINGTON (Reuters) -"),
        ("KYIV, June 16 (AFP) — Three leaders arrived by train.", "KYIV, June 16 (AFP) —"),
        ("LONDON — Britain said it would send more aid.", "LONDON —"),
        ("SAN FRANCISCO, Calif., March 3 - A bank said it would merge.", "SAN FRANCISCO, Calif., March 3 -"),
        ("NEW YORK, March 3, 2022 (Reuters) - Stocks rose.", "NEW YORK, March 3, 2022 (Reuters) -"),
        ("Caracas, april 3 - The central bank began signing.", "Caracas, april 3 -"),
        ("KYIV, Ukraine (AP) — Shelling resumed overnight.", "KYIV, Ukraine (AP) —"),
    ],
)
def test_common_datelines(paragraph, dateline):
    found, rest = find_dateline(paragraph)
    assert found == dateline
    assert rest and not rest[0].isspace() and paragraph.endswith(rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The talks in Geneva - the first in a year - ended without a deal.",
        "NATO said on Monday it would send more troops.",
        "LEAD - 1550 tonnes mainly carries cash nil",
        "In March 3 - 4 pct of voters abstained.",
    ],
)
def test_openings_without_a_dateline(paragraph):
    assert find_dateline(paragraph) == (None, paragraph)


def test_dateline_alone_leaves_empty_rest():
    assert find_dateline("ROME, May 2 -") == ("ROME, May 2 -", "")
