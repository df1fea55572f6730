"""The coding benchmark's children: start-up measured before the clock and reported, CPU time beside wall time
(figures are printed, never asserted)."""
from __future__ import annotations

import json
import queue

import pytest

from eventwire.bench import _child_bare, _child_ingest, format_bench

pytestmark = pytest.mark.slow

TEXTS = ["Kenya and Uganda held talks in Nairobi on Monday.", "Police arrested 12 protesters in Kampala."]


def test_both_children_report_startup_apart_from_the_clock_and_cpu_time(tmp_path):
    bare_q, ours_q = queue.Queue(), queue.Queue()
    _child_bare(TEXTS, None, 64, bare_q)
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": f"t{i}", "title": None, "text": t}) + "\n"
                             for i, t in enumerate(TEXTS)))
    _child_ingest(str(jsonl), f"sqlite:///{tmp_path}/c.db", True, None, ours_q)
    bare, ours = bare_q.get_nowait(), ours_q.get_nowait()
    assert bare["docs"] == 2 and ours["articles"] == 2 and ours["errors"] == 0
    for r in (bare, ours):
        assert r["startup_seconds"] > 0 and r["seconds"] > 0 and r["cpu_seconds"] > 0
    words = sum(len(t.split()) for t in TEXTS)
    bare["words_per_s"], ours["words_per_s"] = words / bare["seconds"], words / ours["seconds"]
    text = format_bench({"stories": 2, "words": words, "bare_spacy": bare, "ingest_and_code": ours,
                         "ratio_vs_bare_spacy": ours["words_per_s"] / bare["words_per_s"],
                         "cpu_ratio_vs_bare_spacy": bare["cpu_seconds"] / ours["cpu_seconds"]})
    assert "start-up before the clock" in text and "in CPU time" in text
