"""Full-text search behind ``EventFilter.q`` (revision 0007), on SQLite (FTS5) and PostgreSQL (tsvector)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from alembic import command

from eventwire.schema import Article, Entity, Event, Evidence, Place, article_id
from eventwire.store import open_store
from eventwire.store.engine import alembic_config, head_revision
from eventwire.store.filters import EventFilter
from eventwire.store.search import fts5_match, pg_tsquery, query_terms
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)

HOSTILE = ['"', '""', "*", "a*", "OR", "x OR y", "NEAR(", "NEAR(a b)", "(", ")", "'", "a'b", "\u2028",
           "\\", "%", "_", "-", "^", ":", "col:word", "AND NOT", "\u00e9t\u00e9 \u2603 \U0001f600", "x" * 200,
           "w " * 100, "'; DROP TABLE events; --", "\x00", " ", ""]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.slow])])
def any_store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'search.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(url) as store:
        yield store


def _article(text: str, title: str | None) -> Article:
    return Article(id=article_id(text), text=text, title=title, format="text", origin="test")


def _event(article: Article, sentence: str, *, actors=(), recipients=(), place: str | None = None,
           event_type: str = "ASSAULT") -> Event:
    start = article.text.index(sentence)
    return Event(article_id=article.id, event_type=event_type,
                 evidence=Evidence(sentence=sentence, start=start, end=start + len(sentence)),
                 actors=[Entity(text=t, name=n, country="KEN", sector="MIL") for t, n in actors],
                 recipients=[Entity(text=t, name=n, country="UGA", sector="GOV") for t, n in recipients],
                 location=Place(name=place, country="KEN") if place else None,
                 mentions=[{"article_id": article.id, "start": start, "end": start + len(sentence)}])


def _fill(store):
    """Three articles with one event each, every searchable field holding its own word."""
    a = _article("Soldiers shelled the granary at dawn.", "Drought deepens in the north")
    b = _article("Ministers signed a truce in the lakeside hall.", None)
    c = _article("Farmers blocked the highway for hours.", "Harvest protest")
    ea = _event(a, "Soldiers shelled the granary at dawn.", actors=[("soldiers", "Kenya Defence Forces")],
                recipients=[("villagers", "Civilians")], place="Lodwar")
    eb = _event(b, "Ministers signed a truce in the lakeside hall.", actors=[("ministers", "Government")],
                place="Kisumu", event_type="AGREE")
    ec = _event(c, "Farmers blocked the highway for hours.", actors=[("farmers", "Farmers")],
                event_type="PROTEST")
    store.save([(a, [ea]), (b, [eb]), (c, [ec])], coder_version="t")
    return {"a": ea, "b": eb, "c": ec}


def _found(store, q: str) -> set[str]:
    f = EventFilter(q=q)
    ids = {e["id"] for e in store.event_page(filters=f, limit=100).items}
    assert store.count_events(filters=f) == len(ids)
    return ids


def test_query_terms_are_words_only():
    assert query_terms('NEAR("a" b*) OR c:d') == ["near", "a", "b", "or", "c", "d"]
    assert fts5_match(["near", "or"]) == '"near"* "or"'  # three letters or more: a prefix
    assert pg_tsquery(["near", "or"]) == "'near':* & 'or'"
    assert query_terms("\u2028 * ' ") == []


def test_words_of_sentence_title_names_and_place_are_found(any_store):
    ev = _fill(any_store)
    a, b, c = ev["a"].id, ev["b"].id, ev["c"].id
    assert _found(any_store, "granary") == {a}  # the evidence sentence
    assert _found(any_store, "drought") == {a}  # the article's title
    assert _found(any_store, "Defence") == {a}  # an actor's name
    assert _found(any_store, "villagers") == {a}  # a recipient's text
    assert _found(any_store, "KISUMU") == {b}  # the place, any case
    assert _found(any_store, "farmers") == {c}
    assert _found(any_store, "the") == {a, b, c}
    assert _found(any_store, "shelled granary") == {a}  # every word required
    assert _found(any_store, "shelled truce") == set()
    assert _found(any_store, "gran") == {a}  # three letters or more: a prefix
    assert _found(any_store, "sol gran") == {a}
    assert _found(any_store, "gr") == set()  # shorter: whole words only
    assert _found(any_store, "granaryx") == set()


def test_field_names_and_codes_are_not_text(any_store):
    _fill(any_store)
    # (codes that begin no word of the text: "KEN" as a prefix finds the word "Kenya", as it should)
    for q in ("sector", "country", "name", "text", "MIL", "UGA", "null", "geonameid", "lat"):
        assert _found(any_store, q) == set(), q


def test_a_correction_changes_what_is_found(any_store):
    ev = _fill(any_store)
    target = ev["b"].id

    def decide(current):
        return ({"actors": {"old": current["actors"], "new": [{"text": "rebels", "name": "Sector Nine Militia",
                                                                "country": None, "sector": "REB"}]}},
                {"status": "corrected", "by": "rev", "at": "2024-05-01T12:00:00+00:00"})

    any_store.write_revision(target, decide, action="correct", user_id=None, username="rev",
                             at=datetime(2024, 5, 1, tzinfo=timezone.utc), reason="wrong actor")
    assert _found(any_store, "government") == set()  # the old name is gone
    assert _found(any_store, "militia") == {target}
    assert _found(any_store, "sector") == {target}  # now the text says it
    assert _found(any_store, "truce") == {target}  # unchanged fields still indexed


def test_recoding_deleting_and_merging_leave_no_stale_hits(any_store):
    ev = _fill(any_store)
    a = ev["a"]
    article = any_store.get_article(a.article_id)
    new = _event(article, "Soldiers shelled the granary at dawn.", actors=[("troops", "Border Guard")],
                 event_type="COERCE")
    any_store.replace_machine_events(a.article_id, [new], coder_version="t2")
    assert _found(any_store, "defence") == set()
    assert _found(any_store, "guard") == {new.id}
    with any_store._write() as conn:  # deleting an article cascades to its events, and their index rows
        conn.execute(sa.text("DELETE FROM articles WHERE id = :id"), {"id": new.article_id})
    assert _found(any_store, "granary") == set()
    # merging c into b: the merged report is no longer listed, so no hit for its own words
    any_store.save_event_merge_state({ev["c"].id: {"merged_into": ev["b"].id, "source_count": None,
                                                   "mentions": []}})
    assert _found(any_store, "highway") == set()
    assert _found(any_store, "truce") == {ev["b"].id}


def test_hostile_text_on_both_backends(any_store):
    ev = _fill(any_store)
    for q in HOSTILE:
        found = _found(any_store, q)
        assert found <= {e.id for e in ev.values()}, q
        assert any_store.event_page(filters=EventFilter(q=q), sort="confidence", limit=2).items is not None
    assert _found(any_store, '"granary"*') == {ev["a"].id}
    assert _found(any_store, "granary OR truce") == set()  # OR is a plain word (in no text), not an operator
    assert _found(any_store, '* " ( )') == set()  # no word: nothing
    assert len(_found(any_store, "   ")) == 3  # blank: no filter, as an empty form field
    assert _found(any_store, "NEAR(granary dawn)") == set()  # "near" is a word too, in no document


def test_paging_with_a_query_walks_every_match_once(any_store):
    _fill(any_store)
    seen, cursor = [], None
    while True:
        page = any_store.event_page(filters=EventFilter(q="the"), sort="-date", limit=1, cursor=cursor)
        seen += [e["id"] for e in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 3


def test_upgrade_back_fills_and_downgrade_drops(any_store):
    ev = _fill(any_store)
    engine = any_store._engine
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0006")
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
    assert not names & {"events_fts", "event_search"}
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with engine.connect() as conn:
        assert conn.execute(sa.text("select version_num from alembic_version")).scalar() == head_revision()
    assert _found(any_store, "drought") == {ev["a"].id}
    assert _found(any_store, "lakeside") == {ev["b"].id}
    assert _found(any_store, "sector") == set()


def test_relevance_puts_the_best_match_first_and_pages_every_match_once(any_store):
    ev = _fill(any_store)
    extra = _article("Police met police chiefs about police pay.", "Police and more police")
    any_store.save([(extra, [_event(extra, "Police met police chiefs about police pay.",
                                    actors=[("police", "Police")])])])
    weak = _article("A report said police came.", None)
    any_store.save([(weak, [_event(weak, "A report said police came.")])])
    page = any_store.event_page(filters=EventFilter(q="police"), sort="relevance", limit=10)
    assert [e["article_id"] for e in page.items] == [extra.id, weak.id]
    seen, cursor = [], None
    while True:  # one by one: the cursor carries the score
        page = any_store.event_page(filters=EventFilter(q="the"), sort="relevance", limit=1, cursor=cursor)
        seen += [e["id"] for e in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(e.id for e in ev.values())
    everything = any_store.event_page(filters=EventFilter(), sort="relevance", limit=50)  # no text: newest first
    assert [e["id"] for e in everything.items] == [e["id"] for e in any_store.event_page(limit=50).items]
    for q in HOSTILE:
        assert any_store.event_page(filters=EventFilter(q=q), sort="relevance", limit=2).items is not None



@pytest.mark.parametrize("drive_below", [10**9, 2], ids=["from-hits", "walk"])
def test_both_plans_for_text_give_the_same_pages_and_counts(tmp_path, monkeypatch, drive_below):
    """Few hits: read and sort them; many (``DRIVE_BELOW`` or more): walk ix_events_browse in date order,
    testing each row against the hits (issue 12: reading and sorting 20,000 hits took 22 ms of a 36 ms page).
    Either way every page, cursor and (capped) count is the same."""
    import eventwire.store.queries as queries
    from tests.store.factories import make_batch

    monkeypatch.setattr(queries, "DRIVE_BELOW", drive_below)
    with open_store(tmp_path / "walk.db") as store:
        store.save(make_batch(0, 30, events_per_article=3))
        types = {e["id"]: e["event_type"] for e in store.iter_events()}
        hits = _found(store, "the")
        assert 10 < len(hits) < len(types)
        sent: list[tuple[str, tuple]] = []

        def capture(conn, cursor, statement, parameters, context, executemany):
            if "ORDER BY events.date" in statement:
                sent.append((statement, parameters))

        sa.event.listen(store._engine, "before_cursor_execute", capture)
        try:
            for f in (EventFilter(q="the"), EventFilter(q="the", include_rejected=False),
                      EventFilter(q="the", types=("ASSAULT", "PROTEST")), EventFilter(q="nowordlikethis")):
                want = {i for i in hits if f.q == "the" and (not f.types or types[i] in f.types)}
                for sort in ("-date", "date"):
                    seen, cursor = [], None
                    while True:
                        page = store.event_page(filters=f, sort=sort, limit=7, cursor=cursor)
                        seen += [(e["date"] or "", e["id"]) for e in page.items]
                        cursor = page.next_cursor
                        if cursor is None:
                            break
                    assert seen == sorted(seen, reverse=sort == "-date")
                    assert {i for _, i in seen} == want and len(seen) == len(want)
                    assert store.count_events(filters=f) == len(want)
                    assert store.count_events(filters=f, cap=5) == min(5, len(want))
        finally:
            sa.event.remove(store._engine, "before_cursor_execute", capture)
        with store._engine.connect() as conn:
            statement, params = sent[0]  # the first page of q="the", newest first
            plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]
        assert (plan[0] == "SCAN events USING COVERING INDEX ix_events_browse") == (drive_below == 2), plan
