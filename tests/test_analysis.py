"""Analysis formats: the month-partitioned Parquet dataset (read by DuckDB and pandas) and
``read_events``'s flat DataFrame, the same from a store, a Parquet file or dataset, or JSONL."""
from __future__ import annotations

import io

import pytest

from eventwire.analysis import COLUMNS, flatten_event, read_events
from eventwire.errors import StoreError
from eventwire.exporter import PARTITION_KEYS, export
from eventwire.store import open_store
from tests.store.factories import make_batch

pd = pytest.importorskip("pandas")


@pytest.fixture
def filled(tmp_path):
    db = tmp_path / "ev.db"
    with open_store(db) as store:
        store.save(make_batch(0, 40))
        some = next(store.iter_events())
        store.set_review(some["id"], {"status": "rejected", "by": "ana", "at": "2024-05-01"})
        events = list(store.iter_events())
    return db, events


def _month(event) -> str:
    date = event["date"]
    return date[:7] if date and len(date) >= 7 else "unknown"


@pytest.mark.parametrize("partition_by", sorted(PARTITION_KEYS))
def test_partitioned_dataset_puts_each_row_under_its_date(filled, tmp_path, partition_by):
    db, events = filled
    out = tmp_path / "events"
    n = export(db=db, table="events", format="parquet", output=out, partition_by=partition_by, row_group_size=7)
    assert n == len(events)
    length = PARTITION_KEYS[partition_by]
    expected = {f"{partition_by}={e['date'][:length]}" if e["date"] and len(e["date"]) >= length
                else f"{partition_by}=unknown" for e in events}
    assert {p.name for p in out.iterdir()} == expected
    assert not list(tmp_path.glob("events.part-*"))


def test_duckdb_and_pandas_read_the_month_dataset_directly(filled, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    db, events = filled
    out = tmp_path / "events"
    export(db=db, table="events", format="parquet", output=out, partition_by="month")
    by_id = {e["id"]: e for e in events}

    con = duckdb.connect()
    got = con.execute(f"SELECT id, month, actors[1].country, evidence.start FROM "
                      f"read_parquet('{out}/**/*.parquet', hive_partitioning=true)").fetchall()
    assert len(got) == len(events)
    for event_id, month, country, start in got:
        e = by_id[event_id]
        assert month == _month(e) and country == e["actors"][0]["country"] and start == e["evidence"]["start"]

    frame = pd.read_parquet(out)
    assert sorted(frame["id"]) == sorted(by_id)
    months = dict(zip(frame["id"], frame["month"].astype(str)))
    assert all(months[i] == _month(e) for i, e in by_id.items())


def test_a_second_export_replaces_the_dataset_whole(filled, tmp_path):
    db, events = filled
    out = tmp_path / "events"
    export(db=db, table="events", format="parquet", output=out, partition_by="month")
    (out / "stray.txt").write_text("left from before")
    assert export(db=db, table="articles", format="parquet", output=out, partition_by="year") == 40
    assert not (out / "stray.txt").exists() and all(p.name.startswith("year=") for p in out.iterdir())


@pytest.mark.parametrize("kwargs, message", [
    ({"format": "jsonl", "output": "x"}, "--format parquet"),
    ({"format": "parquet", "output": "-"}, "folder"),
    ({"format": "parquet", "output": "x", "partition_by": "week"}, "unknown partition"),
])
def test_partitioned_export_refuses_what_it_cannot_write(filled, kwargs, message):
    kwargs = {"partition_by": "month", **kwargs}
    with pytest.raises(StoreError, match=message):
        export(db=filled[0], table="events", **kwargs)


def test_flatten_event_names_actor_recipient_place_and_counts(filled):
    _, events = filled
    e = next(e for e in events if e["recipients"] and e["location"])
    row = flatten_event(e)
    assert row["actor1_country"] == e["actors"][0]["country"] and row["actor1_sector"] == e["actors"][0]["sector"]
    assert row["actor2_name"] == e["recipients"][0]["name"]
    assert row["actors_count"] == len(e["actors"]) and row["actors"] == e["actors"]
    assert row["location_geonameid"] == e["location"]["geonameid"]
    assert row["killed"] == e["quantities"]["killed"] and row["money"] == e["quantities"]["money"]
    assert (row["evidence_start"], row["evidence_end"]) == (e["evidence"]["start"], e["evidence"]["end"])
    lone = flatten_event({**e, "recipients": [], "location": None, "review": None})
    assert lone["actor2_country"] is None and lone["location_name"] is None and lone["review_status"] is None


def _normalised(frame):
    frame = frame[list(COLUMNS)].sort_values("id").reset_index(drop=True)
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_read_events_is_the_same_from_store_parquet_dataset_and_jsonl(filled, tmp_path):
    db, events = filled
    export(db=db, table="events", format="parquet", output=tmp_path / "e.parquet")
    export(db=db, table="events", format="parquet", output=tmp_path / "ds", partition_by="month")
    export(db=db, table="events", format="jsonl", output=tmp_path / "e.jsonl")
    from_store = read_events(str(db))
    assert list(from_store.columns) == list(COLUMNS) and len(from_store) == len(events)
    assert str(from_store["killed"].dtype) == "Int64" and from_store["confidence"].dtype == "float64"
    reference = _normalised(from_store)
    for source in (f"sqlite:///{db}", tmp_path / "e.parquet", tmp_path / "ds", tmp_path / "e.jsonl"):
        frame = read_events(source)
        assert _normalised(frame) == reference, source
    assert "month" in read_events(tmp_path / "ds").columns


def test_read_events_filters_types_rejections_and_columns(filled):
    db, events = filled
    kinds = {e["event_type"] for e in events}
    one = sorted(kinds)[0]
    frame = read_events(db, event_types=[one], columns=["id", "event_type", "actor1_country"])
    assert list(frame.columns) == ["id", "event_type", "actor1_country"]
    assert len(frame) == sum(e["event_type"] == one for e in events) and set(frame["event_type"]) == {one}
    kept = read_events(db, include_rejected=False)
    assert len(kept) == len(events) - 1 and "rejected" not in set(kept["review_status"].dropna())
    empty = read_events(db, event_types=["NO_SUCH_TYPE"])
    assert empty.empty and list(empty.columns) == list(COLUMNS)


def test_export_stream_still_writes_one_file_without_partitions(filled):
    stream = io.BytesIO()
    assert export(db=filled[0], table="events", format="parquet", stream=stream) == len(filled[1])
