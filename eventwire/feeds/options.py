"""The watcher's settings: defaults in ``watch.yml`` beside this module, overridable per call."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

import yaml

from eventwire import __version__
from eventwire.errors import ConfigError

DEFAULTS = Path(__file__).with_name("watch.yml")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT = {"ms": 0.001, "s": 1, None: 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str | float | int) -> float:
    """Seconds from ``90``, ``"90s"``, ``"15m"``, ``"2h"``, ``"1d"``; a ConfigError otherwise."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ConfigError(f"not a duration: {value!r} (write e.g. 90s, 15m, 2h)")
        seconds = float(match.group(1)) * _UNIT[match.group(2)]
    if seconds < 0:
        raise ConfigError(f"a duration cannot be negative: {value!r}")
    return seconds


@dataclass(frozen=True)
class WatchOptions:
    user_agent: str
    every: float
    backoff_max: float
    timeout_s: float
    total_timeout_s: float
    attempts: int
    retry_wait_s: float
    retry_wait_max_s: float
    max_redirects: int
    max_bytes: int
    workers: int
    per_host: int
    host_delay_s: float
    max_crawl_delay_s: float
    page_attempts: int

    def but(self, **changes) -> "WatchOptions":
        """A copy with ``changes`` (None values ignored; durations may be strings like '15m')."""
        clean = {k: v for k, v in changes.items() if v is not None}
        unknown = set(clean) - {f.name for f in fields(self)}
        if unknown:
            raise ConfigError(f"unknown watch option(s): {', '.join(sorted(unknown))}")
        return _checked(replace(self, **_typed(clean)))


def _typed(raw: dict) -> dict:
    out = {}
    types = {f.name: f.type for f in fields(WatchOptions)}
    for key, value in raw.items():
        kind = types.get(key)
        if key in ("every", "backoff_max"):
            out[key] = parse_duration(value)
        elif kind == "int":
            out[key] = int(value)
        elif kind == "float":
            out[key] = float(value)
        else:
            out[key] = value
    return out


def _checked(options: WatchOptions) -> WatchOptions:
    for name in ("attempts", "workers", "per_host", "page_attempts", "max_bytes"):
        if getattr(options, name) < 1:
            raise ConfigError(f"watch option {name} must be at least 1")
    if options.timeout_s <= 0 or options.total_timeout_s <= 0:
        raise ConfigError("watch timeouts must be positive")
    return options


@lru_cache(maxsize=1)
def default_options() -> WatchOptions:
    raw = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))
    raw["user_agent"] = raw["user_agent"].format(version=__version__)
    return _checked(WatchOptions(**_typed(raw)))
