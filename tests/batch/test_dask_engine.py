"""The Dask engine on a real LocalCluster (2 worker processes): the local engine's results,
event for event; resumable after a killed worker or a killed client; bad inputs contained;
PostgreSQL with workers writing concurrently."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from eventwire.batch import dask_client, partition_inputs, run_dask_ingest
from eventwire.batch.manifest import LOG_NAME
from eventwire.pipeline import ingest
from tests.batch.corpus import reuters_records, store_contents, synthetic_records, write_jsonl
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    """One local cluster of 2 worker processes for the tests that do not kill anything."""
    with dask_client(workers=2) as c:
        yield c


def _code_one_story() -> int:
    """Load the pipeline and the coder's data in this process (as ingest will)."""
    from eventwire.pipeline import code_articles
    from eventwire.schema import Article, article_id

    text = "Rebels attacked the town on Monday. The president met the envoy in Paris."
    article = Article(id=article_id(text), text=text)
    [events] = code_articles([article], nlp=_nlp(), batch_size=1)
    return len(events or [])


def _nlp():
    from eventwire.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="module")
def reuters(tmp_path_factory, client):
    """50 Reuters stories, their local-engine store (coded) as the reference.

    The workers load the pipeline and the coder's data first, right before the local
    run does, so that both code with the same version of the data files."""
    folder = tmp_path_factory.mktemp("reuters")
    path = write_jsonl(folder / "reuters.jsonl", reuters_records(50), extra_lines=["{broken"])
    db = f"sqlite:///{folder / 'local.db'}"
    client.run(_code_one_story)
    _code_one_story()
    report = ingest([path], db=db, events=True)
    return path, db, report


def _pipeline_loads(dask) -> dict[str, int]:
    def loads() -> int:
        from eventwire.nlp import _load

        return _load.cache_info().misses

    return dask.run(loads)


def test_dask_codes_the_same_events_as_the_local_engine(client, reuters, tmp_path):
    path, local_db, local = reuters
    db = f"sqlite:///{tmp_path / 'dask.db'}"
    report = run_dask_ingest([path], db=db, client=client, events=True, partition_mb=0.006)
    assert report.workers == 2 and report.count("done") == len(partition_inputs([path], partition_mb=0.006)) > 3
    assert report.count("failed") == 0 and report.errors == local.errors != []
    assert (report.documents, report.articles_new, report.events_new) == \
        (local.documents, local.articles_new, local.events_new)
    local_articles, local_events = store_contents(local_db)
    dask_articles, dask_events = store_contents(db)
    assert len(local_events) > 10
    assert dask_articles == local_articles
    assert dask_events == local_events
    assert set(_pipeline_loads(client).values()) == {1}  # each worker loaded the pipeline once

    again = run_dask_ingest([path], db=db, client=client, events=True, partition_mb=0.006)
    assert again.count("skipped") == report.count("done") and again.count("done") == 0
    assert store_contents(db) == (dask_articles, dask_events)


def test_postgresql_with_workers_writing_gives_the_same_events(client, reuters, pg_url):
    path, local_db, local = reuters
    report = run_dask_ingest([path], db=pg_url, client=client, events=True, partition_mb=0.006,
                             state_dir=None)
    assert report.count("failed") == 0 and report.workers == 2
    # workers write concurrently: a story that two partitions share can be coded and saved by both,
    # so the report's events_new may count its events twice; the stored events must still be identical
    assert {p.worker for p in report.partitions} and report.events_new >= local.events_new
    local_articles, local_events = store_contents(local_db)
    pg_articles, pg_events = store_contents(pg_url)
    assert [a["id"] for a in pg_articles] == [a["id"] for a in local_articles]
    assert pg_events == local_events


def test_bad_inputs_and_a_failing_partition_do_not_stop_the_others(client, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", synthetic_records(5))
    (folder / "b.bin").write_bytes(bytes(range(256)) * 40)
    big = write_jsonl(folder / "c.jsonl", synthetic_records(60, start=100))
    write_jsonl(folder / "d.jsonl", synthetic_records(5, start=500), extra_lines=["[1]"])
    saved = big.read_bytes()
    db = f"sqlite:///{tmp_path / 'ev.db'}"

    def vanish_big_file(tick) -> None:  # after the first partition: c.jsonl's ranges will fail to open
        if big.exists():
            big.unlink()

    report = run_dask_ingest([folder], db=db, client=client, events=False, partition_mb=0.002,
                             in_flight=1, progress=vanish_big_file)
    failed = [p for p in report.partitions if p.status == "failed"]
    assert failed and all(p.label.startswith(str(big)) for p in failed)
    assert any("b.bin" in e for e in report.errors) and any("d.jsonl:6" in e for e in report.errors)
    assert any("partition failed" in e and "c.jsonl" in e for e in report.errors)
    assert report.articles_new == 10 + sum(1 for p in report.partitions if p.status == "done"
                                           and p.label.startswith(str(big)))

    big.write_bytes(saved)  # put it back: the next run does what is missing, nothing twice
    again = run_dask_ingest([folder], db=db, client=client, events=False, partition_mb=0.002)
    assert again.count("failed") == 0
    articles, _ = store_contents(db)
    assert len(articles) == len({a["id"] for a in articles}) == 70


def _reference(tmp_path, path) -> list[str]:
    db = f"sqlite:///{tmp_path / 'reference.db'}"
    ingest([path], db=db, events=False)
    return [a["id"] for a in store_contents(db)[0]]


def test_killing_a_worker_midway_loses_nothing_and_duplicates_nothing(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", synthetic_records(400))
    db = f"sqlite:///{tmp_path / 'ev.db'}"
    killed: list[int] = []
    with dask_client(workers=2) as dask:
        def kill_a_busy_worker(tick) -> None:
            if killed or tick.documents < 40:
                return
            busy = [addr for addr, keys in dask.processing().items() if keys]
            if busy:
                pid = dask.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        report = run_dask_ingest([path], db=db, client=dask, events=False, partition_mb=0.001,
                                 progress=kill_a_busy_worker)
        assert killed and killed[0] not in dask.run(os.getpid).values()
    assert report.count("failed") == 0 and report.errors == []
    assert report.count("done") == len(partition_inputs([path], partition_mb=0.001))
    assert [a["id"] for a in store_contents(db)[0]] == _reference(tmp_path, path)


def test_killing_the_client_midway_then_rerunning_resumes(client, tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", synthetic_records(600))
    db = f"sqlite:///{tmp_path / 'ev.db'}"
    state = tmp_path / "state"
    total = len(partition_inputs([path], partition_mb=0.0005))
    script = textwrap.dedent(f"""
        from eventwire.batch import run_dask_ingest
        if __name__ == "__main__":
            run_dask_ingest([{str(path)!r}], db={db!r}, workers=2, events=False, partition_mb=0.0005,
                            state_dir={str(state)!r})
    """)
    (tmp_path / "client.py").write_text(script)
    proc = subprocess.Popen([sys.executable, str(tmp_path / "client.py")], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = state / LOG_NAME
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if log.exists() and log.read_text().count("\n") >= 20:
                break
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client and the cluster it started
        proc.wait()
    finished = log.read_text().count("\n")
    assert 20 <= finished < total, "the client was not killed midway"

    # the rerun connects to a running cluster by its address, as --scheduler tcp://HOST:PORT does
    report = run_dask_ingest([path], db=db, scheduler=client.scheduler.address, events=False,
                             partition_mb=0.0005, state_dir=state)
    assert report.count("skipped") >= finished and report.count("skipped") + report.count("done") == total
    assert report.count("failed") == 0
    assert [a["id"] for a in store_contents(db)[0]] == _reference(tmp_path, path)
