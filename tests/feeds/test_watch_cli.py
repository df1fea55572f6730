"""`eventwire watch --once` end to end, events coded (the one model load), then `eventwire stats`."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import open_store
from tests.feeds.conftest import serve_story_feed

runner = CliRunner()


@pytest.mark.slow
def test_watch_once_codes_events_and_a_second_run_adds_nothing(tmp_path, site, nlp):
    serve_story_feed(site, "/rss", [1, 2], etag='"v1"')
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test\n{site.url_for('/rss')} Test wire\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    first = runner.invoke(app, ["watch", str(feeds), "--once", "--db", db])
    assert first.exit_code == 0, first.output
    assert "2 new articles" in first.output
    with open_store(db) as store:
        assert store.count("articles") == 2
        events = list(store.iter_events())
        assert events and {"ARREST", "COERCE", "PROTEST"} & {e["event_type"] for e in events}
        n_events = store.count("events")
    second = runner.invoke(app, ["watch", str(feeds), "--once", "--db", db])
    assert second.exit_code == 0 and "0 new articles, 0 events" in second.output
    with open_store(db) as store:
        assert store.count("articles") == 2 and store.count("events") == n_events

    stats = runner.invoke(app, ["stats", "--db", db, "--json"])
    feed = json.loads(stats.output)["feeds"][0]
    assert feed["state"] == "ok" and feed["entries"]["stored"] == 2 and feed["title"] == "Test wire"
    table = runner.invoke(app, ["stats", "--db", db])
    assert "feeds (1, 0 failing)" in table.output and site.url_for("/rss") in table.output
    assert "newest article stored:" in table.output


def test_watch_without_any_feed_is_a_clear_error(tmp_path):
    from eventwire.cli import main  # noqa: F401  (the error path prints one line, no traceback)

    empty = tmp_path / "feeds.txt"
    empty.write_text("not a url\n", encoding="utf-8")
    result = runner.invoke(app, ["watch", str(empty), "--once", "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0 and "lists no feed URL" in str(result.exception)
