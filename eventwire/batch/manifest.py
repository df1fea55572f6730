"""Which partitions a batch run has finished: an append-only log in a state folder.

One JSON line per finished partition, appended (flushed and fsynced) only after the
partition's articles and events are committed to the store.  A run killed midway
leaves at worst a torn last line, which is ignored: that partition is redone, and
redoing is harmless because articles are keyed by their content (stored ones are
skipped, stored-but-uncoded ones coded).  Nothing is lost, nothing duplicated.

Entries are keyed by the partition's key (path, size, mtime, range) and the run's
reader options; an entry written with events coded also satisfies a ``--no-events``
run, not the other way round.  When the store holds fewer articles than the log
says were added (the database was replaced or emptied), the log is stale and is
set aside rather than trusted.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from eventwire.batch.partitions import Partition

log = logging.getLogger(__name__)

LOG_NAME = "done.jsonl"


def default_state_dir(db_url: str) -> Path:
    """Beside a SQLite file (``events.db.batch``); for a server database, under the user's cache folder."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" \
            and not url.database.startswith("file:"):
        return Path(url.database + ".batch")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha1(url.render_as_string(hide_password=True).encode("utf-8")).hexdigest()[:16]
    return cache / "eventwire" / "batch" / digest


def options_signature(options: dict[str, Any]) -> str:
    """A short digest of the reader options that change what a partition yields."""
    text = json.dumps(options, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


class Manifest:
    """The finished partitions recorded in ``state_dir`` for runs with ``options``."""

    def __init__(self, state_dir: str | Path, *, options: dict[str, Any]):
        self.state_dir = Path(state_dir)
        self.path = self.state_dir / LOG_NAME
        self.signature = options_signature(options)
        self._entries: dict[str, dict[str, Any]] = {}
        self._articles_added = 0
        self._torn = False
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        with self.path.open("rb") as fh:  # a torn last line must not swallow the next entry
            fh.seek(0, os.SEEK_END)
            if fh.tell():
                fh.seek(-1, os.SEEK_END)
                self._torn = fh.read(1) != b"\n"
        with self.path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:  # a torn last line from a killed run
                    log.info("%s:%d: unreadable entry ignored (its partition will be redone)", self.path, number)
                    continue
                self._articles_added += int(entry.get("articles_new", 0))
                if entry.get("signature") == self.signature:
                    self._entries[entry["key"]] = entry

    def __len__(self) -> int:
        return len(self._entries)

    def articles_added(self) -> int:
        """How many new articles all recorded partitions (of any options) say they stored."""
        return self._articles_added

    def set_aside_if_stale(self, stored_articles: int) -> bool:
        """Forget the log when the store holds fewer articles than it records; True when it did."""
        if self._articles_added <= stored_articles:
            return False
        aside = self.path.with_name(f"{LOG_NAME}.stale-{int(time.time())}")
        log.warning("%s records %d new articles but the store holds %d: the log is stale, set aside as %s",
                    self.path, self._articles_added, stored_articles, aside.name)
        os.replace(self.path, aside)
        self._entries.clear()
        self._articles_added = 0
        return True

    def is_done(self, partition: Partition, *, events: bool) -> bool:
        entry = self._entries.get(partition.key)
        return entry is not None and (entry.get("events", False) or not events)

    def mark_done(self, partition: Partition, *, events: bool, summary: dict[str, Any]) -> None:
        """Record ``partition`` as finished (after its rows are committed): one fsynced line."""
        entry = {"key": partition.key, "signature": self.signature, "events": events,
                 "label": partition.label, "at": time.strftime("%Y-%m-%dT%H:%M:%S"), **summary}
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            if self._torn:
                fh.write("\n")
                self._torn = False
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self._entries[partition.key] = entry
        self._articles_added += int(summary.get("articles_new", 0))
