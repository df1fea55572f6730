"""The manifest of finished partitions: durable, torn-line safe, option-aware, never trusted when stale."""
from __future__ import annotations

from pathlib import Path

from eventwire.batch.manifest import LOG_NAME, Manifest, default_state_dir
from eventwire.batch.partitions import Partition

OPTIONS = {"format": "auto", "published": None, "source": None, "url": None, "max_page_mb": 20}


def _part(n: int) -> Partition:
    return Partition(f"in{n}.jsonl", f"/data/in{n}.jsonl", 100 + n, 7, "jsonl")


def test_finished_partitions_are_remembered_across_runs(tmp_path):
    m = Manifest(tmp_path, options=OPTIONS)
    m.mark_done(_part(1), events=True, summary={"articles_new": 4})
    again = Manifest(tmp_path, options=OPTIONS)
    assert again.is_done(_part(1), events=True) and not again.is_done(_part(2), events=True)
    assert len(again) == 1 and again.articles_added() == 4


def test_coded_satisfies_uncoded_but_not_the_other_way_round(tmp_path):
    m = Manifest(tmp_path, options=OPTIONS)
    m.mark_done(_part(1), events=True, summary={})
    m.mark_done(_part(2), events=False, summary={})
    assert m.is_done(_part(1), events=False)
    assert m.is_done(_part(2), events=False) and not m.is_done(_part(2), events=True)


def test_other_reader_options_do_not_count_as_finished(tmp_path):
    Manifest(tmp_path, options=OPTIONS).mark_done(_part(1), events=True, summary={})
    other = Manifest(tmp_path, options={**OPTIONS, "published": "2024-01-01"})
    assert not other.is_done(_part(1), events=True)


def test_a_torn_last_line_is_ignored_and_does_not_swallow_the_next_entry(tmp_path):
    Manifest(tmp_path, options=OPTIONS).mark_done(_part(1), events=True, summary={})
    with (tmp_path / LOG_NAME).open("a") as fh:
        fh.write('{"key": "half-writ')  # the client was killed mid-write
    m = Manifest(tmp_path, options=OPTIONS)
    assert len(m) == 1
    m.mark_done(_part(2), events=True, summary={})
    assert Manifest(tmp_path, options=OPTIONS).is_done(_part(2), events=True)


def test_a_log_claiming_more_articles_than_the_store_holds_is_set_aside(tmp_path):
    m = Manifest(tmp_path, options=OPTIONS)
    m.mark_done(_part(1), events=True, summary={"articles_new": 10})
    assert not m.set_aside_if_stale(10)
    assert m.set_aside_if_stale(3)  # the database was replaced
    assert not m.is_done(_part(1), events=True)
    assert not Manifest(tmp_path, options=OPTIONS).is_done(_part(1), events=True)
    assert list(tmp_path.glob(f"{LOG_NAME}.stale-*"))


def test_default_state_dir_is_beside_a_sqlite_file_else_in_the_cache(tmp_path, monkeypatch):
    assert default_state_dir(f"sqlite:///{tmp_path}/ev.db") == Path(f"{tmp_path}/ev.db.batch")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    a = default_state_dir("postgresql+psycopg://u:secret@h/db1")
    b = default_state_dir("postgresql+psycopg://u:secret@h/db2")
    assert a.parent == tmp_path / "cache" / "eventwire" / "batch" and a != b
