"""The coder on the PLOVER gold-standard dev split (../shared): type accuracy of the top event per
sentence, actor countries, and whether confidence ranks right events above wrong ones."""
from __future__ import annotations

import json

import pytest

from tests.conftest import shared_path

pytestmark = [pytest.mark.slow, pytest.mark.data]


@pytest.fixture(scope="module")
def scored(nlp):
    from eventwire.coder.coder import code_events

    path = shared_path("data", "plover_gsr_cameo", "plover_gsr_dev.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        events = code_events(doc, article_id=row["id"], keep_unattributed=True)
        top = max(events, key=lambda e: e.confidence) if events else None
        out.append((row, top))
    return out


def test_top1_type_accuracy(scored):
    right = sum(1 for row, top in scored if top and top.event_type == row["event_plover_current"])
    assert right / len(scored) >= 0.85


def test_actor_country_accuracy(scored):
    n = ok = 0
    for row, top in scored:
        if not top or top.event_type != row["event_plover_current"]:
            continue
        gold = {s.get("code") for s in row["source"] if s.get("code")}
        got = {a.country for a in top.actors if a.country}
        if gold and got:
            n += 1
            ok += bool(gold & got)
    assert n >= 100 and ok / n >= 0.88


def test_confidence_ranks_right_above_wrong(scored):
    right = [top.confidence for row, top in scored if top and top.event_type == row["event_plover_current"]]
    wrong = [top.confidence for row, top in scored if top and top.event_type != row["event_plover_current"]]
    assert sum(right) / len(right) > sum(wrong) / len(wrong) + 0.05
    auc = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong) / (len(right) * len(wrong))
    assert auc > 0.70
