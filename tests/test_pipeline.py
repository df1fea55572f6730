"""End-to-end ingest into a real SQLite database: the sample page, idempotence, resumption after a kill."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

import eventwire
from eventwire.store import open_store

SAMPLE_TITLES = ["Kerry in Rome for talks with Russian FM", "Macron, Scholz and Draghi meet Ukrainian president in Kyiv"]


def test_sample_page_gives_two_clean_articles(tmp_path, sample_page_path):
    db = f"sqlite:///{tmp_path}/t.db"
    report = eventwire.ingest([sample_page_path], db=db, events=False, published="2014-12-14")
    assert not report.failed
    assert report.articles_new == 2
    with open_store(db) as store:
        arts = list(store.iter_articles())
    assert sorted(a.title for a in arts) == sorted(SAMPLE_TITLES)
    for a in arts:
        assert "Member" not in a.text and "Photo:" not in a.text and a.title not in a.text
    again = eventwire.ingest([sample_page_path], db=db, events=False)
    assert again.articles_new == 0 and again.articles_skipped == 2


def test_bad_inputs_are_reported_and_the_rest_stored(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "a", "text": "Rebels attacked a base. Officials said so."}) + "\n"
                    + "{not json\n"
                    + json.dumps({"id": "b", "text": "Police arrested ten protesters on Monday."}) + "\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    report = eventwire.ingest([good, empty, tmp_path / "missing.txt"], db=f"sqlite:///{tmp_path}/t.db", events=False)
    assert report.articles_new == 2
    assert report.failed and len(report.errors) == 3
    assert any("good.jsonl:2" in e for e in report.errors)
    assert any("empty.txt" in e for e in report.errors)
    assert any("missing.txt" in e for e in report.errors)


def _write_corpus(path, n):
    with path.open("w") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"r{i}", "title": f"Story {i}",
                                 "text": f"Story number {i} says the council met on day {i}. It agreed on item {i * 7}."}) + "\n")


def _count(db):
    with open_store(db) as store:
        return store.count("articles"), store.count("events")


def _kill_midway(cmd, db, env, min_articles):
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    try:
        while time.time() < deadline and proc.poll() is None:
            time.sleep(0.2)
            try:
                if _count(db)[0] >= min_articles:
                    break
            except Exception:
                pass
        assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, 20000)
    db = f"sqlite:///{tmp_path}/k.db"
    env = dict(os.environ, EVENTWIRE_BATCH_SIZE="200")
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", db, "--no-events", "--quiet"]
    _kill_midway(cmd, db, env, 1000)
    partial = _count(db)[0]
    assert 0 < partial < 20000 and partial % 200 == 0  # whole batches only
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert _count(db)[0] == 20000


@pytest.mark.slow
def test_killed_coding_run_leaves_coded_articles_whole(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, 400)
    db = f"sqlite:///{tmp_path}/c.db"
    env = dict(os.environ, EVENTWIRE_BATCH_SIZE="20")
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", db, "--quiet"]
    _kill_midway(cmd, db, env, 40)
    with open_store(db) as store:
        arts = list(store.iter_articles())
        uncoded = {a.id for a in store.iter_articles(uncoded_only=True)}
        with_events = {e["article_id"] for e in store.iter_events()}
    assert not (with_events & uncoded), "events stored for an article not marked coded"
    assert len(arts) % 20 == 0
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    with open_store(db) as store:
        assert store.count("articles") == 400
        assert not list(store.iter_articles(uncoded_only=True))
        ids = [e["id"] for e in store.iter_events()]
    assert len(ids) == len(set(ids))


def test_progress_counts_files_and_records(tmp_path):
    from eventwire.pipeline import input_file_of

    assert input_file_of("a/b.jsonl:12") == "a/b.jsonl"
    assert input_file_of("feed.xml#3") == "feed.xml"
    assert input_file_of("crawl.warc.gz#urn:uuid:1234") == "crawl.warc.gz"
    assert input_file_of("page.txt") == "page.txt"
    for i in range(3):
        (tmp_path / f"s{i}.txt").write_text(f"Story {i}\n\nThe council met on day {i} and agreed on item {i}.\n")
    seen = []
    eventwire.ingest([tmp_path], db=f"sqlite:///{tmp_path}/p.db", events=False, batch_size=1,
                     progress=lambda p: seen.append((p.files_total, p.files_started, p.articles_new)))
    assert seen[-1] == (3, 3, 3)


def test_ingest_raises_when_nothing_could_be_read(tmp_path):
    """From Python as from the CLI (exit 1): a run that read nothing is an error, not a quiet empty report."""
    from eventwire.errors import NothingReadError

    with pytest.raises(NothingReadError, match="missing.txt") as caught:
        eventwire.ingest([tmp_path / "missing.txt"], db=f"sqlite:///{tmp_path}/t.db", events=False)
    assert caught.value.report.documents == 0 and len(caught.value.report.errors) == 1


def test_the_readme_python_example_runs_on_the_bundled_page(tmp_path):
    report = eventwire.ingest([eventwire.demo_page_path()], db=f"sqlite:///{tmp_path}/news.db", events=False,
                              published="2025-03-14")
    assert not report.failed and report.articles_new == 3
