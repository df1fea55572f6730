"""Export the store's articles or events as JSONL, CSV or Parquet (../shared/EVENT_SCHEMA.md).

- **jsonl**: one JSON object per line, UTF-8, non-ASCII kept as is.
- **csv**: a header row, then one row per record.  Nested fields (``actors``,
  ``recipients``, ``location``, ``quantities``, ``evidence``, ``mentions``,
  ``review``) are compact JSON strings in their column; booleans are ``true`` /
  ``false``; an unknown value (null) is an empty cell -- the store never holds
  empty strings, so an empty cell always means null.  A text cell that a spreadsheet
  would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return) is written with a leading apostrophe (``'=HYPERLINK(...)``), the OWASP
  neutralisation: Excel and LibreOffice show it as text; a program reading the CSV
  strips a leading ``'`` from such a cell to get the stored value back.  JSON cells
  (``{``/``[``) and numbers are never touched.
- **parquet**: written with pyarrow against an explicit schema in which nested
  fields are real structs and lists (pandas, DuckDB and Spark read them as such),
  in row groups of ``row_group_size`` records, so big tables are streamed, never
  held in memory whole.  ``review`` keeps ``status``, ``by`` and ``at``; the
  optional entity ``wikidata`` is a null column where it is unknown.

``partition_by`` (``year``, ``month`` or ``day``; Parquet only) writes a dataset
instead of a file: a folder of Hive-style partitions (``month=2024-05/part-0.parquet``)
that DuckDB (``read_parquet('DIR/**/*.parquet', hive_partitioning=true)``), pandas
(``pd.read_parquet(DIR)``) and Spark (``spark.read.parquet(DIR)``) read directly, the
partition value coming back as a column.  Events are partitioned by their own
``date``, articles by ``published``; where the date is unknown or less precise than
the partition (an event dated only ``2024`` under ``month``) the row goes to the
``month=unknown`` folder (not Hive's null folder: pandas cannot read a dataset with
a null partition value).

Rows come out in id order.  ``output="-"`` writes to standard output; a path is
written to a temporary file beside it and renamed into place when complete.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import shutil

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from eventwire.errors import StoreError
from eventwire.schema import Article
from eventwire.store import Store, open_store

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "events")
PARTITION_KEYS = {"year": 4, "month": 7, "day": 10}  # partition -> length of its date prefix
UNKNOWN_PARTITION = "unknown"  # a null partition value trips pandas (pyarrow cannot unify its dictionaries)
PARTITION_DATE_FIELD = {"articles": "published", "events": "date"}
ARTICLE_FIELDS = Article.EXPORT_FIELDS
EVENT_FIELDS = ("id", "article_id", "event_type", "mode", "actors", "recipients", "date",
                "date_precision", "date_stated", "location", "factuality", "quantities",
                "evidence", "confidence", "trigger", "mentions", "source_count", "review")

_ENTITY = pa.struct([
    ("text", pa.string()), ("name", pa.string()), ("country", pa.string()),
    ("sector", pa.string()), ("wikidata", pa.string()),
])
_PLACE = pa.struct([
    ("name", pa.string()), ("country", pa.string()), ("admin1", pa.string()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("geonameid", pa.int64()),
    ("precision", pa.string()),
])
_MONEY = pa.struct([("amount", pa.float64()), ("currency", pa.string()), ("text", pa.string())])
_QUANTITIES = pa.struct([
    ("killed", pa.int64()), ("injured", pa.int64()), ("arrested", pa.int64()),
    ("displaced", pa.int64()), ("troops", pa.int64()), ("money", pa.list_(_MONEY)),
])
_EVIDENCE = pa.struct([("sentence", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
_MENTION = pa.struct([("article_id", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
_REVIEW = pa.struct([("status", pa.string()), ("by", pa.string()), ("at", pa.string())])

PARQUET_SCHEMAS = {
    "articles": pa.schema([(name, pa.string(), name != "id" and name != "text") for name in ARTICLE_FIELDS]),
    "events": pa.schema([
        pa.field("id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("mode", pa.string()),
        pa.field("actors", pa.list_(_ENTITY), nullable=False),
        pa.field("recipients", pa.list_(_ENTITY), nullable=False),
        pa.field("date", pa.string()),
        pa.field("date_precision", pa.string(), nullable=False),
        pa.field("date_stated", pa.bool_(), nullable=False),
        pa.field("location", _PLACE),
        pa.field("factuality", pa.string(), nullable=False),
        pa.field("quantities", _QUANTITIES, nullable=False),
        pa.field("evidence", _EVIDENCE, nullable=False),
        pa.field("confidence", pa.float64(), nullable=False),
        pa.field("trigger", pa.string()),
        pa.field("mentions", pa.list_(_MENTION), nullable=False),
        pa.field("source_count", pa.int64()),
        pa.field("review", _REVIEW),
    ]),
}


def export(
    *,
    db: str | Store | None = None,
    table: str = "events",
    format: str = "jsonl",
    output: str | Path = "-",
    include_rejected: bool = True,
    stream: IO | None = None,
    row_group_size: int = 10_000,
    partition_by: str | None = None,
    min_confidence: float | None = None,
) -> int:
    """Write ``table`` of the store at ``db`` to ``output`` in ``format``; returns rows written.

    ``db`` is a URL, a path, an open ``Store`` (left open) or ``None`` (the configured
    default).  ``stream`` (a text stream for jsonl/csv, a binary one for parquet)
    takes the place of ``output``.  ``include_rejected=False`` leaves out events a
    reviewer rejected.  ``partition_by`` (``year``/``month``/``day``, Parquet only) makes
    ``output`` a folder holding a Hive-partitioned dataset.  ``min_confidence`` (0-1, events only)
    keeps the events whose confidence is at least that.
    """
    if partition_by is not None:
        _check_partitioned_target(format=format, partition_by=partition_by, output=output, stream=stream)
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise StoreError(f"min_confidence must lie between 0 and 1, not {min_confidence}")
    store = db if isinstance(db, Store) else open_store(db)
    try:
        records = _records(store, table, include_rejected=include_rejected, min_confidence=min_confidence)
        binary = format == "parquet"
        if partition_by is not None:
            n = write_parquet_dataset(records, Path(output), schema=PARQUET_SCHEMAS[table], partition_by=partition_by,
                                      date_field=PARTITION_DATE_FIELD[table], row_group_size=row_group_size)
            log.info("exported %d %s as a Parquet dataset partitioned by %s to %s", n, table, partition_by, output)
            return n
        with _target(output, stream, binary=binary) as out:
            if format == "jsonl":
                n = write_jsonl(records, out)
            elif format == "csv":
                n = write_csv(records, out, fields=_fields(table))
            else:
                n = write_parquet(records, out, schema=PARQUET_SCHEMAS[table], row_group_size=row_group_size)
    finally:
        if store is not db:
            store.close()
    log.info("exported %d %s as %s to %s", n, table, format, "stream" if stream is not None else output)
    return n


class _Drain:
    """A write-only binary sink that hands out what was written since the last :meth:`take`."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._pos = 0
        self.closed = False

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        out, self._parts = b"".join(self._parts), []
        return out


def export_stream(*, db: Store, table: str = "events", format: str = "jsonl", include_rejected: bool = True,
                  chunk_rows: int = 2_000) -> Iterator[bytes]:
    """``table`` in ``format`` as a stream of byte chunks (about ``chunk_rows`` records each), for a web
    response that starts at once and never holds the whole export: the same bytes :func:`export` writes."""
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    records = _records(db, table, include_rejected=include_rejected)
    if format == "parquet":
        sink = _Drain()
        schema = PARQUET_SCHEMAS[table]
        with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
            group: list[dict[str, Any]] = []
            for record in records:
                group.append(record)
                if len(group) >= chunk_rows:
                    writer.write_table(pa.Table.from_pylist(group, schema=schema))
                    group = []
                    yield sink.take()
            if group:
                writer.write_table(pa.Table.from_pylist(group, schema=schema))
        yield sink.take()
        return
    buffer = io.StringIO()
    if format == "csv":
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_fields(table))
        fields = _fields(table)
    n = 0
    for record in records:
        if format == "csv":
            writer.writerow([_csv_cell(record.get(f)) for f in fields])
        else:
            buffer.write(json.dumps(record, ensure_ascii=False))
            buffer.write("\n")
        n += 1
        if n % chunk_rows == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _fields(table: str) -> tuple[str, ...]:
    return ARTICLE_FIELDS if table == "articles" else EVENT_FIELDS


def _records(store: Store, table: str, *, include_rejected: bool,
             min_confidence: float | None = None) -> Iterator[dict[str, Any]]:
    if table == "articles":
        return (a.to_dict() for a in store.iter_articles())
    events = store.iter_events(include_rejected=include_rejected)
    if min_confidence is None:
        return events
    return (e for e in events if e["confidence"] >= min_confidence)


@contextmanager
def _target(output: str | Path, stream: IO | None, *, binary: bool) -> Iterator[IO]:
    if stream is not None:
        yield stream
        stream.flush()
        return
    if str(output) == "-":
        out = sys.stdout.buffer if binary else sys.stdout
        yield out
        out.flush()
        return
    path = Path(output)
    part = path.with_name(path.name + ".part")
    mode = "wb" if binary else "w"
    kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        with open(part, mode, **kwargs) as f:
            yield f
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # neutralised: shown as text, never evaluated (see the module's docstring)
    return value


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], *, fields: tuple[str, ...]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    n = 0
    for record in records:
        writer.writerow([_csv_cell(record.get(f)) for f in fields])
        n += 1
    return n


def write_parquet(
    records: Iterable[dict[str, Any]],
    out: IO[bytes],
    *,
    schema: pa.Schema,
    row_group_size: int = 10_000,
) -> int:
    """Stream ``records`` into a Parquet file, one row group per ``row_group_size`` records."""
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        group: list[dict[str, Any]] = []
        for record in records:
            group.append(record)
            if len(group) >= row_group_size:
                writer.write_table(pa.Table.from_pylist(group, schema=schema), row_group_size=row_group_size)
                n += len(group)
                group = []
        if group or n == 0:
            writer.write_table(pa.Table.from_pylist(group, schema=schema), row_group_size=row_group_size)
            n += len(group)
    return n


def _check_partitioned_target(*, format: str, partition_by: str, output: str | Path, stream: IO | None) -> None:
    if partition_by not in PARTITION_KEYS:
        raise StoreError(f"unknown partition {partition_by!r}; choose one of {', '.join(PARTITION_KEYS)}")
    if format != "parquet":
        raise StoreError("--partition-by writes a Parquet dataset: use it with --format parquet")
    if stream is not None or str(output) == "-":
        raise StoreError("a partitioned dataset is a folder: give -o FOLDER, not standard output")


def _partition_value(date: str | None, length: int) -> str | None:
    """The date's first ``length`` characters, or None when it is unknown or less precise."""
    return date[:length] if date and len(date) >= length else UNKNOWN_PARTITION


def write_parquet_dataset(
    records: Iterable[dict[str, Any]],
    directory: Path,
    *,
    schema: pa.Schema,
    partition_by: str,
    date_field: str,
    row_group_size: int = 10_000,
) -> int:
    """Stream ``records`` into a Hive-partitioned Parquet dataset in ``directory``; returns rows written.

    The dataset is written beside ``directory`` and moved into its place when complete
    (an existing dataset there is replaced only then).
    """
    length = PARTITION_KEYS[partition_by]
    full = schema.append(pa.field(partition_by, pa.string()))
    count = [0]

    def batches() -> Iterator[pa.RecordBatch]:
        group: list[dict[str, Any]] = []
        for record in records:
            group.append({**record, partition_by: _partition_value(record.get(date_field), length)})
            if len(group) >= row_group_size:
                yield pa.RecordBatch.from_pylist(group, schema=full)
                count[0] += len(group)
                group = []
        if group:
            yield pa.RecordBatch.from_pylist(group, schema=full)
            count[0] += len(group)

    directory = directory.resolve()
    part = directory.with_name(f"{directory.name}.part-{os.getpid()}")
    shutil.rmtree(part, ignore_errors=True)
    try:
        ds.write_dataset(
            batches(), part, schema=full, format="parquet",
            partitioning=ds.partitioning(pa.schema([(partition_by, pa.string())]), flavor="hive"),
            basename_template="part-{i}.parquet", max_rows_per_group=row_group_size,
            file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
        )
        if count[0] == 0:  # an empty dataset still has a file with the schema
            part.mkdir(parents=True, exist_ok=True)
            pq.write_table(full.empty_table().drop_columns([partition_by]), part / "part-0.parquet")
        old = directory.with_name(f"{directory.name}.old-{os.getpid()}")
        if directory.exists():
            os.replace(directory, old)
        os.replace(part, directory)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    return count[0]
