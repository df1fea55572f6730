"""Export of both tables in all three formats, read back and checked field by field."""
from __future__ import annotations

import csv
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.errors import StoreError
from eventwire.exporter import ARTICLE_FIELDS, EVENT_FIELDS, export
from eventwire.store import open_store
from tests.store.contract import contract_errors_article, contract_errors_event
from tests.store.factories import make_batch

NESTED = {"actors", "recipients", "location", "quantities", "evidence", "mentions", "review"}


@pytest.fixture
def filled(tmp_path):
    """A store with 30 coded and 5 uncoded articles, one event confirmed and one rejected."""
    db = tmp_path / "export.db"
    batch = make_batch(0, 30, events_per_article=2) + make_batch(30, 5, events_per_article=None)
    with open_store(db) as store:
        store.save(batch, coder_version="test")
        events = [e for _, evs in batch for e in (evs or [])]
        store.set_review(events[0].id, {"status": "confirmed", "by": "ana", "at": "2024-05-01T10:00:00Z"})
        store.set_review(events[1].id, {"status": "rejected", "by": "ana", "at": "2024-05-01T10:01:00Z"})
    expected_events = {}
    for e in events:
        d = e.to_dict()
        if e.id == events[0].id:
            d["review"] = {"status": "confirmed", "by": "ana", "at": "2024-05-01T10:00:00Z"}
        if e.id == events[1].id:
            d["review"] = {"status": "rejected", "by": "ana", "at": "2024-05-01T10:01:00Z"}
        expected_events[e.id] = d
    return {
        "db": db,
        "articles": {a.id: a.to_dict() for a, _ in batch},
        "events": expected_events,
        "rejected": events[1].id,
    }


# -- readers: turn each format back into export-shaped dicts --------------------------------

def read_jsonl(data: str) -> list[dict]:
    lines = data.splitlines()
    assert all(line.startswith("{") for line in lines)
    return [json.loads(line) for line in lines]


def _csv_value(field: str, cell: str):
    if cell == "":
        return None
    if field in NESTED:
        return json.loads(cell)
    if field == "date_stated":
        return {"true": True, "false": False}[cell]
    if field == "confidence":
        return float(cell)
    return cell


def read_csv(data: str, fields: tuple[str, ...]) -> list[dict]:
    rows = list(csv.reader(io.StringIO(data)))
    assert tuple(rows[0]) == fields
    return [{f: _csv_value(f, cell) for f, cell in zip(fields, row)} for row in rows[1:]]


def _drop_null_wikidata(value):
    if isinstance(value, dict):
        return {k: _drop_null_wikidata(v) for k, v in value.items() if not (k == "wikidata" and v is None)}
    if isinstance(value, list):
        return [_drop_null_wikidata(v) for v in value]
    return value


def read_parquet(data: bytes) -> list[dict]:
    return [_drop_null_wikidata(r) for r in pq.read_table(io.BytesIO(data)).to_pylist()]


def exported(db, table, fmt, **kw) -> tuple[int, list[dict]]:
    stream = io.BytesIO() if fmt == "parquet" else io.StringIO()
    n = export(db=str(db), table=table, format=fmt, stream=stream, **kw)
    data = stream.getvalue()
    if fmt == "jsonl":
        return n, read_jsonl(data)
    if fmt == "csv":
        return n, read_csv(data, ARTICLE_FIELDS if table == "articles" else EVENT_FIELDS)
    return n, read_parquet(data)


def _same(a, b, path=""):
    """Field-by-field comparison; numbers compare by value (Parquet money amounts are floats)."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert set(a) == set(b), f"{path}: keys {sorted(a)} != {sorted(b)}"
        for k in a:
            _same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    else:
        assert a == b and type(a) is type(b) or (
            isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and a == b
        ), f"{path}: {a!r} != {b!r}"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_articles_round_trip(filled, fmt):
    n, rows = exported(filled["db"], "articles", fmt)
    assert n == len(rows) == len(filled["articles"])
    for row in rows:
        assert list(row)[: len(ARTICLE_FIELDS)] == list(ARTICLE_FIELDS)
        assert contract_errors_article(row) == []
        _same(row, filled["articles"][row["id"]], row["id"])


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_events_round_trip(filled, fmt):
    n, rows = exported(filled["db"], "events", fmt)
    assert n == len(rows) == len(filled["events"])
    assert [r["id"] for r in rows] == sorted(filled["events"])
    for row in rows:
        text = filled["articles"][row["article_id"]]["text"]
        assert contract_errors_event(row, text) == []
        _same(row, filled["events"][row["id"]], row["id"])


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_a_confidence_threshold_keeps_the_surer_events(filled, fmt):
    confidences = sorted(e["confidence"] for e in filled["events"].values())
    threshold = confidences[len(confidences) // 2]
    n, rows = exported(filled["db"], "events", fmt, min_confidence=threshold)
    assert {r["id"] for r in rows} == {i for i, e in filled["events"].items() if e["confidence"] >= threshold}
    assert 0 < n < len(confidences)
    with pytest.raises(StoreError):
        exported(filled["db"], "events", fmt, min_confidence=1.5)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_rejected_events_can_be_left_out(filled, fmt):
    n, rows = exported(filled["db"], "events", fmt, include_rejected=False)
    ids = {r["id"] for r in rows}
    assert n == len(filled["events"]) - 1
    assert ids == set(filled["events"]) - {filled["rejected"]}


def test_jsonl_keeps_unicode_and_one_object_per_line(filled):
    stream = io.StringIO()
    export(db=str(filled["db"]), table="events", format="jsonl", stream=stream)
    text = stream.getvalue()
    assert "São Paulo" in text and "\\u00e3" not in text
    assert text.endswith("\n") and text.count("\n") == len(filled["events"])


def test_parquet_nested_fields_are_structs_and_streamed_in_row_groups(filled):
    stream = io.BytesIO()
    n = export(db=str(filled["db"]), table="events", format="parquet", stream=stream, row_group_size=16)
    f = pq.ParquetFile(io.BytesIO(stream.getvalue()))
    assert f.metadata.num_rows == n == len(filled["events"])
    assert f.metadata.num_row_groups == -(-n // 16)
    schema = f.schema_arrow
    assert pa.types.is_list(schema.field("actors").type)
    assert pa.types.is_struct(schema.field("actors").type.value_type)
    assert pa.types.is_struct(schema.field("quantities").type)
    assert pa.types.is_int64(schema.field("quantities").type.field("killed").type)
    assert pa.types.is_struct(schema.field("evidence").type)
    assert pa.types.is_float64(schema.field("confidence").type)
    assert pa.types.is_boolean(schema.field("date_stated").type)
    # nested values are queryable as columns, e.g. evidence.start
    starts = pq.read_table(io.BytesIO(stream.getvalue()), columns=["evidence"]).column("evidence")
    assert all(isinstance(v["start"], int) for v in starts.to_pylist())


def test_empty_table_gives_a_valid_empty_file(tmp_path):
    db = tmp_path / "empty.db"
    open_store(db).close()
    for fmt in ("jsonl", "csv", "parquet"):
        n, rows = exported(db, "events", fmt)
        assert n == 0 and rows == []
    stream = io.BytesIO()
    export(db=str(db), table="events", format="parquet", stream=stream)
    assert pq.read_table(io.BytesIO(stream.getvalue())).schema.names == list(EVENT_FIELDS)


def test_output_path_is_written_whole(filled, tmp_path):
    for fmt in ("jsonl", "csv", "parquet"):
        target = tmp_path / f"events.{fmt}"
        n = export(db=str(filled["db"]), table="events", format=fmt, output=str(target))
        assert n == len(filled["events"]) and target.stat().st_size > 0
        assert not (tmp_path / f"events.{fmt}.part").exists()
    assert len(read_parquet(target.read_bytes())) == len(filled["events"])


def test_dash_writes_to_stdout(filled, capsys):
    n = export(db=str(filled["db"]), table="articles", format="jsonl", output="-")
    out = capsys.readouterr().out
    assert n == len(read_jsonl(out)) == len(filled["articles"])


def test_parquet_to_stdout_is_binary(filled, monkeypatch):
    class FakeStdout(io.StringIO):
        buffer = io.BytesIO()

    fake = FakeStdout()
    monkeypatch.setattr("sys.stdout", fake)
    n = export(db=str(filled["db"]), table="articles", format="parquet")
    assert fake.getvalue() == ""
    assert len(read_parquet(fake.buffer.getvalue())) == n == len(filled["articles"])


def test_open_store_is_left_open(filled):
    with open_store(filled["db"]) as store:
        export(db=store, table="articles", format="jsonl", stream=io.StringIO())
        assert store.count("articles") == len(filled["articles"])


@pytest.mark.parametrize("kw, message", [
    ({"table": "people"}, "unknown table"),
    ({"format": "xlsx"}, "unknown export format"),
])
def test_bad_arguments_are_store_errors(filled, kw, message):
    with pytest.raises(StoreError, match=message):
        export(db=str(filled["db"]), stream=io.StringIO(), **kw)
