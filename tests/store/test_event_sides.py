"""event_sides (revision 0005): written with the events, kept in step by reviews, gone with its event,
back-filled by the migration; and the plans that read it."""
from __future__ import annotations

import importlib.util
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from alembic import command

from eventwire import members
from eventwire.store import open_store
from eventwire.store.engine import MIGRATIONS, alembic_config, head_revision
from eventwire.store.filters import EventFilter
from eventwire.store.rows import event_side_rows
from eventwire.store.tables import event_sides, events
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)
from tests.store.factories import make_batch, make_events


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.slow])])
def any_store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'sides.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(url) as store:
        yield store


def _stored_sides(store) -> list[tuple]:
    with store._engine.connect() as conn:
        rows = conn.execute(sa.select(event_sides.c.event_id, event_sides.c.side, event_sides.c.country,
                                      event_sides.c.sector, event_sides.c.event_type, event_sides.c.date))
        return sorted((tuple(r) for r in rows), key=repr)


def _expected_sides(store) -> list[tuple]:
    """What event_side_rows gives for every stored event, as the events are now (with the event's date)."""
    with store._engine.connect() as conn:
        rows = conn.execute(sa.select(events.c.id, events.c.event_type, events.c.actors, events.c.recipients,
                                      events.c.date))
        sides = [{**s, "date": r.date} for r in rows
                 for s in event_side_rows(r.id, r.event_type, r.actors, r.recipients)]
    return sorted(((s["event_id"], s["side"], s["country"], s["sector"], s["event_type"], s["date"])
                   for s in sides), key=repr)


# -- the rows ----------------------------------------------------------------------------------


def test_side_rows_are_distinct_per_side_and_skip_unknown_entities():
    actors = [{"text": "a", "country": "USA", "sector": "GOV"}, {"text": "b", "country": "USA", "sector": "GOV"},
              {"text": "c", "country": None, "sector": None}, {"text": "d", "sector": "MIL"}]
    recipients = [{"text": "e", "country": "USA", "sector": "GOV"}, {"text": "f", "country": "", "sector": "REB"}]
    rows = event_side_rows("ev1", "ASSAULT", actors, recipients)
    assert [(r["side"], r["country"], r["sector"]) for r in rows] == [
        ("actor", "USA", "GOV"), ("actor", None, "MIL"), ("recipient", "USA", "GOV"), ("recipient", None, "REB")]
    assert {r["event_id"] for r in rows} == {"ev1"} and {r["event_type"] for r in rows} == {"ASSAULT"}
    assert event_side_rows("ev2", "AGREE", None, []) == []


def test_the_migrations_frozen_copy_agrees_with_the_write_path():
    path = next((MIGRATIONS / "versions").glob("0005_*.py"))
    spec = importlib.util.spec_from_file_location("migration_0005", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for article, evs in make_batch(0, 40):
        for e in evs:
            d = e.to_dict()
            assert module._side_rows(e.id, e.event_type, d["actors"], d["recipients"]) == \
                event_side_rows(e.id, e.event_type, d["actors"], d["recipients"])


# -- kept in step ------------------------------------------------------------------------------


def test_save_writes_the_sides_of_every_event(any_store):
    any_store.save(make_batch(0, 20))
    stored = _stored_sides(any_store)
    assert stored and stored == _expected_sides(any_store)
    any_store.save(make_batch(0, 20))  # the same batch again adds nothing
    assert _stored_sides(any_store) == stored


def test_recoding_replaces_machine_sides_and_keeps_reviewed_ones(any_store):
    batch = make_batch(0, 5)
    any_store.save(batch)
    article, old = batch[0]
    any_store.set_review(old[0].id, {"status": "confirmed", "by": "ana", "at": "2024-05-01"})
    fresh = make_events(article, 3, seed=7)
    any_store.replace_machine_events(article.id, fresh, coder_version="v2")
    stored = _stored_sides(any_store)
    assert stored == _expected_sides(any_store)
    ids = {s[0] for s in stored}
    assert old[0].id in ids and (old[1].id in ids) == (old[1].id in {e.id for e in fresh})
    assert {e.id for e in fresh if e.actors or e.recipients} <= ids


def test_a_correction_moves_the_event_between_countries_sectors_and_types(any_store):
    batch = make_batch(0, 4)
    any_store.save(batch, coder_version="c1")
    event = batch[0][1][0]
    new_actors = [{"text": "police", "name": "Police", "country": "ZZZ", "sector": "COP"}]
    assert any_store.count_events(filters=EventFilter(actor_country="ZZZ")) == 0

    def decide(current):
        return ({"actors": {"old": current["actors"], "new": new_actors},
                 "event_type": {"old": current["event_type"], "new": "SANCTION"},
                 "date": {"old": current["date"], "new": "1999-12-31"}},
                {"status": "corrected", "by": "rev", "at": "2024-05-01T12:00:00+00:00"})

    any_store.write_revision(event.id, decide, action="correct", user_id=None, username="rev",
                             at=datetime(2024, 5, 1, tzinfo=timezone.utc), reason="wrong actor")
    assert _stored_sides(any_store) == _expected_sides(any_store)
    for f in (EventFilter(actor_country="ZZZ"), EventFilter(country="ZZZ", types=("SANCTION",)),
              EventFilter(actor_sector="COP", types=("SANCTION",))):
        assert [e["id"] for e in any_store.event_page(filters=f).items] == [event.id], f
        assert any_store.count_events(filters=f) == 1
    assert any_store.count_events(filters=EventFilter(country="ZZZ", types=(batch[0][1][0].event_type,))) == 0


def test_sides_go_with_their_event(any_store):
    batch = make_batch(0, 6)
    any_store.save(batch)
    gone = batch[0][0].id
    with any_store._write() as conn:  # deleting an article cascades to its events, and on to their sides
        conn.execute(sa.text("DELETE FROM articles WHERE id = :id"), {"id": gone})
    assert _stored_sides(any_store) == _expected_sides(any_store)
    assert not {s[0] for s in _stored_sides(any_store)} & {e.id for e in batch[0][1]}


# -- the migration -----------------------------------------------------------------------------


def test_upgrade_back_fills_and_downgrade_drops(tmp_path):
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.save(make_batch(0, 30))
        expected = _expected_sides(store)
        assert expected and _stored_sides(store) == expected
        with store._engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0004")
        with store._engine.connect() as conn:
            assert not sa.inspect(conn).has_table("event_sides")
            names = {ix["name"] for ix in sa.inspect(conn).get_indexes("events")}
            assert "ix_events_type_confidence" not in names
    with open_store(db) as store:  # opening upgrades to the head, back-filling the table
        with store._engine.connect() as conn:
            assert conn.execute(sa.text("select version_num from alembic_version")).scalar() == head_revision()
        assert _stored_sides(store) == expected


# -- plans -------------------------------------------------------------------------------------


def _plans(store, run, *, sides: bool = True) -> list[list[str]]:
    """The EXPLAIN QUERY PLAN lines of every SELECT on events that ``run()`` sends (those reading event_sides
    where ``sides``)."""
    sent = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if (statement.lstrip().upper().startswith("SELECT") and "FROM events" in statement
                and (not sides or "event_sides" in statement)):
            sent.append((statement, parameters))

    sa.event.listen(store._engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        sa.event.remove(store._engine, "before_cursor_execute", capture)
    with store._engine.connect() as conn:
        return [[r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + s, p)] for s, p in sent]


@pytest.mark.parametrize("f, index", [
    (EventFilter(country="USA"), "ix_event_sides_country"),
    (EventFilter(types=("ASSAULT", "AGREE"), country="USA"), "ix_event_sides_country"),
    (EventFilter(actor_country="RUS", recipient_country="USA"), "ix_event_sides_country"),
    (EventFilter(sector="MIL", include_rejected=False), "ix_event_sides_sector"),
], ids=lambda x: str(x.as_params()) if isinstance(x, EventFilter) else x)
def test_few_events_of_a_side_filter_are_found_through_its_index(store, f, index):
    """A side filter with few events (all of them here) starts from its index of event_sides: no scan of
    events or of event_sides for the page; its count reads summary_sides alone (migration 0010)."""
    store.save(make_batch(0, 10))
    with store._engine.connect() as conn:
        assert store._driving_side(conn, f) is not None
    assert _plans(store, lambda: store.count_events(filters=f, cap=1001), sides=False) == []
    plans = _plans(store, lambda: store.event_page(filters=f))
    assert len(plans) == 1
    for plan in plans:
        text = "\n".join(plan)
        assert f"SEARCH event_sides USING COVERING INDEX {index} (" in text, text
        assert "SEARCH events USING INDEX sqlite_autoindex_events_1 (id=?)" in text, text
        assert not any(line.startswith(("SCAN events", "SCAN event_sides")) for line in plan), text


def test_many_events_of_a_side_filter_walk_the_browse_index(store, monkeypatch):
    """A common country (more rows than DRIVE_BELOW) walks ix_events_browse in date order, testing the
    countries the index holds, and stops at the page's end."""
    import eventwire.store.queries as queries

    monkeypatch.setattr(queries, "DRIVE_BELOW", 3)
    store.save(make_batch(0, 10))
    f = EventFilter(country="USA", include_rejected=False)
    with store._engine.connect() as conn:
        assert store._driving_side(conn, f) is None
        assert store._driving_side(conn, EventFilter(country="XXX")) == ("country", None, "XXX")
    plans = _plans(store, lambda: store.event_page(filters=f), sides=False)
    assert plans[0] == ["SCAN events USING COVERING INDEX ix_events_browse"]


def test_a_rare_side_filters_page_sorts_its_candidates_in_event_sides(store):
    """Revision 0012: newest first, a side filter with few events sorts its candidates by event_sides.date in
    ix_event_sides_country alone and reads only a window of them (LIMIT) from events, not every candidate
    (~780 lookups by id for type=ASSAULT&type=COERCE&country=UKR at 100,000 events)."""
    store.save(make_batch(0, 10))
    f = EventFilter(types=("ASSAULT", "AGREE"), country="USA", include_rejected=False)
    sent = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().startswith("SELECT events.id, events.date AS sort_key"):
            sent.append((statement, parameters))

    sa.event.listen(store._engine, "before_cursor_execute", capture)
    try:
        page = store.event_page(filters=f, limit=2)
        store.event_page(filters=f, limit=2, cursor=page.next_cursor)
    finally:
        sa.event.remove(store._engine, "before_cursor_execute", capture)
    assert len(sent) == 2
    for statement, parameters in sent:
        window = statement[statement.index("FROM event_sides"):]
        assert "ORDER BY event_sides.date DESC, event_sides.event_id DESC" in window and "LIMIT" in window, statement
        with store._engine.connect() as conn:
            plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
        assert ("SEARCH event_sides USING COVERING INDEX ix_event_sides_country (country=? AND side=? AND "
                "event_type=?)") in plan, plan


def test_a_window_too_small_for_the_page_grows_and_pages_stay_the_same(store, monkeypatch):
    """Merged and rejected events inside the window leave it short of a page: it grows until the page is
    full or it holds every candidate; pages, order and cursors are those of the plan that walks the events."""
    import eventwire.store.queries as queries

    store.save(make_batch(0, 30))
    reviewer = members.add_user(store, username="rev", password="correct horse battery", role="reviewer")
    with store._engine.connect() as conn:
        ids = list(conn.execute(sa.select(events.c.id).order_by(events.c.date.desc(), events.c.id.desc())).scalars())
    for event_id in ids[:12:3]:
        members.review_event(store, event_id=event_id, user=reviewer, action="reject", reason="no")
    with store._write() as conn:  # a cluster of reports: the newest ones merged into another
        conn.execute(events.update().where(events.c.id.in_(ids[1:12:3])).values(merged_into=ids[-1]))

    def pages(f, sort):
        out, cursor = [], None
        while True:
            page = store.event_page(filters=f, sort=sort, limit=3, cursor=cursor)
            out.append(([e["id"] for e in page.items], page.next_cursor))
            cursor = page.next_cursor
            if cursor is None:
                return out

    filters = [EventFilter(country="USA", include_rejected=False),
               EventFilter(types=("ASSAULT", "AGREE"), country="USA"),
               EventFilter(actor_country="FRA", recipient_country="USA", include_rejected=False),
               EventFilter(sector="GOV", date_from="2024-03")]
    monkeypatch.setattr(queries, "WINDOW_PAGES", 1)
    sent = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().startswith("SELECT events.id, events.date AS sort_key"):
            sent.append(statement)

    sa.event.listen(store._engine, "before_cursor_execute", capture)
    try:
        windowed = {(f, sort): pages(f, sort) for f in filters for sort in ("-date", "date")}
    finally:
        sa.event.remove(store._engine, "before_cursor_execute", capture)
    assert len(sent) > sum(len(got) for got in windowed.values())  # some windows grew
    monkeypatch.setattr(queries, "DRIVE_BELOW", 0)
    store.close_summary_cache()  # the plans chosen are kept per store version
    for (f, sort), got in windowed.items():
        assert got == pages(f, sort), (f, sort)
    assert sum(len(ids) for got in windowed.values() for ids, _ in got) > 40


def test_one_type_by_confidence_reads_its_index_in_order(store):
    store.save(make_batch(0, 10))
    f = EventFilter(types=("PROTEST",), include_rejected=False)
    plans = _plans(store, lambda: store.event_page(filters=f, sort="-confidence"), sides=False)
    assert plans[0] == ["SEARCH events USING COVERING INDEX ix_events_type_confidence (event_type=?)"]


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_plans_use_the_side_indexes(pg_url):
    """On PostgreSQL (20,000 synthetic events, analysed) a rare country with types is found through
    ix_event_sides_country."""
    from eventwire.web.bench import fill_store

    fill_store(pg_url, n_events=20_000, batch_articles=1_000)
    with open_store(pg_url) as store:
        with store._engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        f = EventFilter(types=("ASSAULT", "COERCE"), country="UKR", include_rejected=False)
        with store._engine.connect() as conn:
            drive = store._driving_side(conn, f)
            assert drive is not None
            query = sa.select(events.c.id).where(*store._conditions(f, drive=drive)) \
                .order_by(events.c.date.desc().nulls_last(), events.c.id.desc()).limit(51)
            sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))
            assert "ix_event_sides_country" in plan and "Seq Scan on event_sides" not in plan, plan


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_pages_newest_first_from_the_browse_index_without_sorting(pg_url):
    """Migration 0011: undated events sort lowest (``DESC NULLS LAST``), which PostgreSQL's default index order
    read backwards could not give, so each page sorted every matching event (134 ms for the plain list at
    100,000 events).  Now the page reads ix_events_browse backwards and stops at its end."""
    with open_store(pg_url) as store:
        store.save(make_batch(0, 10))
        sent = []

        def capture(conn, cursor, statement, parameters, context, executemany):
            if statement.startswith("SELECT events.id, events.date AS sort_key"):
                sent.append((statement, parameters))

        sa.event.listen(store._engine, "before_cursor_execute", capture)
        try:
            for f in (EventFilter(include_rejected=False), EventFilter(types=("ASSAULT",), factuality=("asserted",))):
                store.event_page(filters=f)
        finally:
            sa.event.remove(store._engine, "before_cursor_execute", capture)
        assert len(sent) == 2
        with store._engine.connect() as conn:
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):  # ten rows: show what it can do
                conn.exec_driver_sql(f"SET {setting} = off")
            for statement, parameters in sent:
                plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, parameters))
                assert "Scan Backward using ix_events_browse" in plan and "Sort" not in plan, plan
