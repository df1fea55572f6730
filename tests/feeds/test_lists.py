from __future__ import annotations

import pytest

from eventwire.errors import ConfigError, InputError
from eventwire.feeds.lists import read_feed_list
from eventwire.feeds.options import default_options, parse_duration


def test_text_list_with_comments_titles_duplicates_and_a_bad_line(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# my feeds\n\nhttps://a.example/rss  A wire\nftp://nope/x\nhttp://b.example/feed\n"
                    "https://a.example/rss\n", encoding="utf-8")
    specs, problems = read_feed_list(path)
    assert [(s.url, s.title) for s in specs] == [("https://a.example/rss", "A wire"), ("http://b.example/feed", None)]
    assert problems == [f"{path}:4: not an http(s) URL: 'ftp://nope/x'"]


def test_opml_list(tmp_path):
    path = tmp_path / "subs.opml"
    path.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>'
                    '<outline text="World"><outline type="rss" text="Wire A" xmlUrl="https://a.example/rss"/>'
                    '<outline type="rss" text="Wire B" xmlUrl="https://b.example/atom.xml"/></outline>'
                    "</body></opml>", encoding="utf-8")
    specs, problems = read_feed_list(path)
    assert [(s.url, s.title) for s in specs] == [("https://a.example/rss", "Wire A"),
                                                 ("https://b.example/atom.xml", "Wire B")]
    assert problems == []


def test_empty_or_missing_list_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(InputError, match="lists no feed URL"):
        read_feed_list(empty)
    with pytest.raises(InputError, match="cannot read the feeds list"):
        read_feed_list(tmp_path / "absent.txt")


def test_durations_and_options():
    assert parse_duration("15m") == 900 and parse_duration("2h") == 7200 and parse_duration(90) == 90
    with pytest.raises(ConfigError):
        parse_duration("soon")
    defaults = default_options()
    assert defaults.every == 900 and defaults.per_host >= 1
    assert defaults.but(every="1h", per_host=None).every == 3600
    with pytest.raises(ConfigError, match="unknown watch option"):
        defaults.but(speed=3)
    with pytest.raises(ConfigError):
        defaults.but(workers=0)
