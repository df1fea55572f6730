"""Partitions: whole files, or JSONL byte ranges that read exactly like the whole file."""
from __future__ import annotations

import os

import pytest

from eventwire.batch.partitions import STDIN_MESSAGE, Partition, documents_in_partition, partition_inputs
from eventwire.errors import InputError
from eventwire.readers import iter_documents
from tests.batch.corpus import synthetic_records, write_jsonl


def _as_comparable(items):
    return [str(i) if isinstance(i, InputError) else (i.origin, i.content, i.external_id, i.published)
            for i in items]


def test_large_jsonl_is_cut_into_ranges_that_cover_it_at_line_ends(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", synthetic_records(300))
    parts = partition_inputs([path], partition_mb=0.004)
    assert len(parts) > 5 and all(isinstance(p, Partition) and p.is_range for p in parts)
    data = path.read_bytes()
    assert parts[0].start == 0 and parts[-1].end == len(data)
    for before, after in zip(parts, parts[1:]):
        assert before.end == after.start
        assert data[before.end - 1:before.end] == b"\n"
        assert after.first_line == data[:after.start].count(b"\n") + 1
    assert len({p.key for p in parts}) == len(parts)


def test_ranges_read_as_the_whole_file_does_errors_and_line_numbers_included(tmp_path):
    bad = ["{not json", "", "[1, 2]", '{"title": "no text"}']
    records = synthetic_records(120)
    path = write_jsonl(tmp_path / "news.jsonl", records[:60], extra_lines=bad)
    with path.open("a") as fh:
        fh.write("\n".join(__import__("json").dumps(r) for r in records[60:]) + "\n")
    parts = partition_inputs([str(path)], partition_mb=0.003)
    assert len(parts) > 3
    from_ranges = [item for p in parts for item in documents_in_partition(p)]
    whole = list(iter_documents([str(path)]))
    assert _as_comparable(from_ranges) == _as_comparable(whole)
    assert sum(isinstance(i, InputError) for i in from_ranges) == 3


def test_other_inputs_are_one_partition_each_in_the_readers_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "b.jsonl.gz", synthetic_records(300), compress=True)
    (folder / "a.txt").write_text("A page of text about talks.\n", encoding="utf-8")
    write_jsonl(folder / "c.jsonl", synthetic_records(2))
    (folder / ".hidden").write_text("skipped")
    parts = partition_inputs([folder, tmp_path / "missing.jsonl", "-"], partition_mb=0.001)
    kinds = [(p.origin, p.format, p.is_range) if isinstance(p, Partition) else str(p) for p in parts]
    assert kinds[:3] == [(str(folder / "a.txt"), "text", False), (str(folder / "b.jsonl.gz"), "jsonl", False),
                         (str(folder / "c.jsonl"), "jsonl", False)]
    assert "missing.jsonl" in kinds[3] and "no such file" in kinds[3]
    assert kinds[4] == str(InputError("<stdin>", STDIN_MESSAGE))


def test_whole_file_partition_reads_as_the_readers_do_and_keeps_the_origin_as_given(tmp_path, monkeypatch):
    write_jsonl(tmp_path / "small.jsonl", synthetic_records(3), extra_lines=["oops"])
    monkeypatch.chdir(tmp_path)
    [part] = partition_inputs(["small.jsonl"])
    assert part.path == str(tmp_path / "small.jsonl") and part.origin == "small.jsonl"
    assert _as_comparable(documents_in_partition(part)) == _as_comparable(iter_documents(["small.jsonl"]))


def test_an_empty_or_unreadable_file_is_one_partition_its_reader_reports(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    [part] = partition_inputs([tmp_path / "empty.txt"])
    [item] = list(documents_in_partition(part))
    assert isinstance(item, InputError) and "empty" in str(item)


def test_key_changes_with_the_file_and_the_range(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", synthetic_records(5))
    [before] = partition_inputs([path])
    write_jsonl(path, synthetic_records(6))
    os.utime(path, ns=(before.mtime_ns + 10**9, before.mtime_ns + 10**9))
    [after] = partition_inputs([path])
    assert before.key != after.key
    assert partition_inputs([path])[0].key == after.key  # the same bytes, the same key


def test_a_range_of_blank_lines_yields_nothing(tmp_path):
    path = tmp_path / "gaps.jsonl"
    path.write_bytes(b"\n" * 50)
    part = Partition("gaps.jsonl", str(path), 50, 0, "jsonl", start=10, end=40, first_line=11)
    assert list(documents_in_partition(part)) == []


@pytest.mark.parametrize("forced", ["jsonl", "text"])
def test_forced_format_decides_how_a_file_is_cut(tmp_path, forced):
    path = write_jsonl(tmp_path / "news.dat", synthetic_records(200))
    parts = partition_inputs([path], format=forced, partition_mb=0.004)
    assert (len(parts) > 1) == (forced == "jsonl")
