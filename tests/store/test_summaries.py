"""Summary tables (revision 0008): kept by every write in the same transaction, equal to a recount, read alone."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import members
from eventwire.store import open_store
from eventwire.store.engine import alembic_config, head_revision
from eventwire.store.event_counts import EventCounts
from eventwire.store.filters import EventFilter
from eventwire.store.queries import EventQueries
from eventwire.store.summaries import rebuild_summaries, served_from_tables, side_row
from eventwire.store.tables import articles, events
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)
from tests.store.factories import make_article, make_batch, make_events

REPO = Path(__file__).resolve().parents[2]
WEB_DEFAULT = EventFilter(include_rejected=False)
SERVED = [EventFilter(), WEB_DEFAULT, EventFilter(types=("ASSAULT", "PROTEST"), include_rejected=False),
          EventFilter(date_from="2024-03", date_to="2024-03-01")]
SUMMARIES = [("counts_by_type", {}), ("count_events", {}), ("counts_over_time", {"interval": "week"}),
             ("counts_over_time", {"interval": "year"}), ("actor_counts", {"limit": 500}),
             ("actor_counts", {"q": "pol", "country": "USA"}), ("place_counts", {"q": "paulo"}), ("map_points", {}),
             ("network_edges", {}), ("network_edges", {"people": True})]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.slow])])
def any_store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'summ.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(url) as store:
        yield store


def _reviewer(store) -> members.User:
    return members.add_user(store, username="rita", password="amber-kestrel-orbit-71", role="reviewer")


def _normal(value):
    return sorted(json.dumps(v, sort_keys=True) for v in value) if isinstance(value, list) else value


def assert_agree(store) -> None:
    """The tables equal a recount, and every summary read from them equals the query over the events."""
    assert store.verify_summaries() == {}
    assert_sides_agree(store)
    for f in SERVED:
        for name, kwargs in SUMMARIES:
            if name in ("count_events", "counts_by_type", "counts_over_time") or not (f.date_from or f.date_to):
                assert served_from_tables(f, dates=name in ("count_events", "counts_by_type", "counts_over_time"))
            got = getattr(store, name)(filters=f, **kwargs)
            want = getattr(EventCounts, name)(store, filters=f, **kwargs)
            assert _normal(got) == _normal(want), (name, kwargs, f)


# side filters whose count summary_sides answers (revision 0010), with and without types / rejected events
SIDE_COUNTED = [EventFilter(country="USA"), EventFilter(actor_country="FRA", include_rejected=False),
                EventFilter(recipient_country="USA", types=("ASSAULT", "AID")), EventFilter(sector="GOV"),
                EventFilter(actor_sector="MIL", include_rejected=False), EventFilter(recipient_sector="CVL"),
                EventFilter(actor_country="FRA", recipient_country="USA", include_rejected=False),
                EventFilter(country="IGO", types=("AID",), include_rejected=False), EventFilter(country="XXX")]


def assert_sides_agree(store) -> None:
    for f in SIDE_COUNTED:
        assert side_row(f) is not None
        assert store.count_events(filters=f) == EventQueries.count_events(store, filters=f), f
        assert store.count_events(filters=f, cap=2) == min(2, EventQueries.count_events(store, filters=f)), f


def _event_ids(store) -> list[str]:
    with store._engine.connect() as conn:
        return list(conn.execute(sa.select(events.c.id).order_by(events.c.id)).scalars())


def test_every_write_path_keeps_the_counts(any_store):
    store = any_store
    REVIEWER = _reviewer(store)
    store.save(make_batch(0, 12, events_per_article=3))
    assert store.count_events() == 36
    assert_agree(store)
    ids = _event_ids(store)
    members.review_event(store, event_id=ids[0], user=REVIEWER, action="reject", reason="not an event")
    assert store.count_events(filters=WEB_DEFAULT) == 35
    members.review_event(store, event_id=ids[1], user=REVIEWER, action="confirm")
    members.review_event(store, event_id=ids[2], user=REVIEWER, action="correct", reason="wrong coding", changes={
        "event_type": "AID", "actors": [{"text": "medics", "name": "Red Cross", "country": "IGO", "sector": "NGO"}],
        "recipients": [], "date": "2023-12-24", "date_precision": "day",
        "location": {"name": "Lodwar", "country": "KEN", "lat": 3.12, "lon": 35.6, "precision": "city"}})
    assert store.actor_counts(q="Red Cross")[0]["events"] == 1
    assert_agree(store)
    # a merge: two events become reports of a third
    store.save_event_merge_state({ids[3]: {"merged_into": ids[5], "source_count": None, "mentions": []},
                                  ids[4]: {"merged_into": ids[5], "source_count": None, "mentions": []},
                                  ids[5]: {"merged_into": None, "source_count": 3, "mentions": []}})
    assert store.count_events() == 34
    assert_agree(store)
    # re-coding an article: its machine events replaced, its clusters taken apart
    article = store.get_article(store.event_detail(ids[5])["article_id"])
    store.replace_machine_events(article.id, make_events(article, 2, seed=9), coder_version="v2")
    assert_agree(store)
    # deleting articles: their events go by the foreign key's cascade
    with store._write() as conn:
        conn.execute(articles.delete().where(articles.c.id.in_([make_article(i).id for i in range(6)])))
    assert_agree(store)
    with store._write() as conn:
        conn.execute(events.delete())
    assert store.verify_summaries() == {}
    assert store.counts_by_type() == {} and store.actor_counts() == [] and store.network_edges() == []


def test_a_summary_after_a_write_reads_no_event_rows(store):
    """The issue: the first request after any write recomputed from every event (5 s at 100k)."""
    store.save(make_batch(0, 5))
    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    sa.event.listen(store._engine, "before_cursor_execute", record)
    try:
        for f in (WEB_DEFAULT, EventFilter(types=("PROTEST",), include_rejected=False)):
            for name, kwargs in SUMMARIES:
                store.save(make_batch(100 + len(seen), 1))  # a write before each: nothing can be cached
                seen.clear()
                getattr(store, name)(filters=f, **kwargs)
                assert seen and not [s for s in seen if re.search(r'\b(FROM|JOIN)\s+"?events"?\b', s)], name
    finally:
        sa.event.remove(store._engine, "before_cursor_execute", record)


def test_filters_the_tables_cannot_serve_fall_back_to_the_events(store):
    store.save(make_batch(0, 8))
    for f in (EventFilter(country="USA"), EventFilter(sector="MIL"), EventFilter(q="convoy"),
              EventFilter(review=("unreviewed",)), EventFilter(factuality=("negated",)), EventFilter(place="x"),
              EventFilter(min_confidence=0.5)):
        assert not served_from_tables(f, dates=True)
        assert store.actor_counts(filters=f) == EventCounts.actor_counts(store, filters=f)
        assert store.counts_by_type(filters=f) == EventCounts.counts_by_type(store, filters=f)
    assert served_from_tables(EventFilter(q="  "), dates=False)
    assert not served_from_tables(EventFilter(date_from="2024"), dates=False)
    f = EventFilter(date_from="2024-03-02")
    assert store.actor_counts(filters=f) == EventCounts.actor_counts(store, filters=f)


def test_verify_finds_a_wrong_count_and_rebuild_repairs_it(any_store):
    store = any_store
    store.save(make_batch(0, 6))
    with store._engine.begin() as conn:
        conn.execute(sa.text("UPDATE summary_dates SET n = n + 5"))
        conn.execute(sa.text("DELETE FROM summary_actors WHERE key IN (SELECT key FROM summary_actors LIMIT 2)"))
    wrong = store.verify_summaries()
    assert set(wrong) == {"summary_dates", "summary_actors"}
    assert all(w["stored"] != w["expected"] for rows in wrong.values() for w in rows)
    assert store.rebuild_summaries() == 12
    assert_agree(store)


def test_upgrade_back_fills_and_downgrade_drops(any_store):
    store = any_store
    store.save(make_batch(0, 6))
    store.save_event_merge_state({_event_ids(store)[0]: {"merged_into": _event_ids(store)[1],
                                                         "source_count": None, "mentions": []}})
    want = store.actor_counts(limit=500)
    with store._engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0007")
    with store._engine.connect() as conn:
        assert not {n for n in sa.inspect(conn).get_table_names() if n.startswith("summary_")}
    with open_store(store.url if store.dialect == "sqlite" else store._engine.url) as again:
        assert again.verify_summaries() == {}
        assert again.actor_counts(limit=500) == want
        assert again.count_events() == 11
        with again._engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM summary_journal")).scalar() == 0
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == head_revision()


def test_side_counts_come_from_summary_sides_only_when_it_can_answer(store):
    """One side filter, or an actor and a recipient country, with types: summary_sides (no event read;
    issue 12: the list's capped total walked up to 1,001 events, 155 ms at 1M); anything more: the events."""
    store.save(make_batch(0, 12, events_per_article=3))
    for f in (EventFilter(actor_country="FRA", actor_sector="MIL"), EventFilter(country="USA", q="the"),
              EventFilter(sector="GOV", date_from="2024"), EventFilter(country="USA", recipient_country="FRA"),
              EventFilter(country="USA", place="x"), EventFilter(actor_country="FRA", review=("confirmed",))):
        assert side_row(f) is None
        assert store.count_events(filters=f) == EventQueries.count_events(store, filters=f)
    assert_sides_agree(store)
    seen: list[str] = []
    sa.event.listen(store._engine, "before_cursor_execute", lambda c, cur, s, *a: seen.append(s))
    for f in SIDE_COUNTED:
        store.count_events(filters=f, cap=1001)
    assert seen and not [s for s in seen if re.search(r'\b(FROM|JOIN)\s+"?(events|event_sides)"?\b', s)]


def test_upgrade_from_0009_counts_the_sides_of_every_live_event(any_store):
    """Migration 0010 back-fills summary_sides from the events (no journal to fold at 0009)."""
    store = any_store
    store.save(make_batch(0, 8, events_per_article=2))
    ids = _event_ids(store)
    store.save_event_merge_state({ids[0]: {"merged_into": ids[1], "source_count": None, "mentions": []}})
    members.review_event(store, event_id=ids[2], user=_reviewer(store), action="reject", reason="no")
    want = [EventQueries.count_events(store, filters=f) for f in SIDE_COUNTED]
    with store._engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0009")
    with open_store(store.url if store.dialect == "sqlite" else store._engine.url) as again:
        assert again.verify_summaries() == {}
        assert [again.count_events(filters=f) for f in SIDE_COUNTED] == want
    with store._engine.begin() as conn:  # and a journal row left over is refused, not counted twice
        conn.execute(sa.text("DELETE FROM summary_sides"))
        conn.execute(sa.text("INSERT INTO summary_journal (sign, event_type) VALUES (1, 'AID')"))
        with pytest.raises(RuntimeError):
            rebuild_summaries(conn, only=("summary_sides",))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["save", "reject", "correct", "merge", "unmerge", "recode", "delete"]),
                          st.integers(0, 40)), min_size=1, max_size=8))
def test_any_sequence_of_writes_keeps_the_tables_equal_to_a_recount(tmp_path_factory, ops):
    with open_store(tmp_path_factory.mktemp("seq") / "s.db") as store:
        REVIEWER = _reviewer(store)
        for op, k in ops:
            ids = _event_ids(store)
            if op == "save" or not ids:
                store.save(make_batch(k % 9, 1 + k % 3, events_per_article=1 + k % 3, seed=k % 2))
            elif op == "reject":
                members.review_event(store, event_id=ids[k % len(ids)], user=REVIEWER, action="reject", reason="no")
            elif op == "correct":
                try:
                    members.review_event(store, event_id=ids[k % len(ids)], user=REVIEWER, action="correct",
                                         reason="r", changes={"event_type": ("AID", "PROTEST")[k % 2], "location": None,
                                                              "recipients": [{"text": "x", "name": f"N{k}",
                                                                              "country": "FRA"}]})
                except members.ValidationError:  # the same correction again changes nothing: refused, no write
                    pass
            elif op == "merge" and len(ids) > 1:
                a, b = ids[k % len(ids)], ids[(k + 1) % len(ids)]
                store.save_event_merge_state({a: {"merged_into": b, "source_count": None, "mentions": []}})
            elif op == "unmerge":
                store.save_event_merge_state({i: {"merged_into": None, "source_count": None, "mentions": []}
                                              for i in ids[: 1 + k % 4]})
            elif op == "recode":
                article = store.get_article(store.event_detail(ids[k % len(ids)])["article_id"])
                store.replace_machine_events(article.id, make_events(article, k % 3, seed=k), coder_version="v")
            elif op == "delete":
                with store._write() as conn:
                    conn.execute(events.delete().where(events.c.id == ids[k % len(ids)]))
            assert store.verify_summaries() == {}


WRITER = textwrap.dedent(
    """
    import sys
    from eventwire.store import open_store
    from tests.store.factories import make_batch

    with open_store(sys.argv[1]) as store:
        for n in range(3):
            store.save(make_batch(n * 10, 10, events_per_article=2))
    """
)


@pytest.mark.parametrize("stage", ["store:2", "summaries:2"])
def test_a_kill_before_commit_leaves_counts_and_events_agreeing(tmp_path, stage):
    """Killed with the second batch written (and, at ``summaries``, its counts too) but not committed."""
    db = tmp_path / "kill.db"
    open_store(db).close()
    proc = subprocess.run([sys.executable, "-c", WRITER, str(db)], cwd=REPO, timeout=120,
                          env={**os.environ, "EVENTWIRE_TEST_KILL_AT": stage})
    assert proc.returncode == -signal.SIGKILL
    with open_store(db) as store:
        assert store.count("events") == 20
        assert store.count_events() == 20
        assert store.verify_summaries() == {}


def test_the_summaries_verb_checks_and_rebuilds(tmp_path):
    from typer.testing import CliRunner

    import eventwire
    from eventwire.cli import app

    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        store.save(make_batch(0, 3))
        with store._engine.begin() as conn:
            conn.execute(sa.text("UPDATE summary_places SET n = n + 1"))
    assert eventwire.summaries(db=db)["differences"].keys() == {"summary_places"}
    runner = CliRunner()
    assert runner.invoke(app, ["summaries", "--db", db]).exit_code == 1
    result = runner.invoke(app, ["summaries", "--db", db, "--rebuild"])
    assert result.exit_code == 0, result.output
    assert eventwire.summaries(db=db) == {"rebuilt": None, "differences": {}}


def test_the_overview_reads_no_whole_table(store):
    """At 1M events the overview's freshness (the newest article stored) read every article: 59 ms a request."""
    store.save(make_batch(0, 5))
    with store._engine.connect() as conn:
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN SELECT max(ingested_at) FROM articles").all()
    assert any("ix_articles_ingested_at" in str(row) for row in plan), plan
    assert store.freshness()["last_article_at"] is not None
