"""Errors a user can act on: each names the input (file and line) and what went wrong."""
from __future__ import annotations


class EventwireError(Exception):
    """Base class; ``code`` is a short stable identifier (E-INPUT-404 style)."""

    code = "E-EVENTWIRE"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class InputError(EventwireError):
    """A problem with one input (file, record or line); other inputs go on."""

    code = "E-INPUT"

    def __init__(self, origin: str, message: str, *, line: int | None = None):
        self.origin = origin
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {message}")


class NothingReadError(EventwireError):
    """``eventwire.ingest`` could read none of its inputs; ``report`` names each failure."""

    code = "E-NOTHING-READ"

    def __init__(self, report):
        self.report = report
        first = report.errors[0] if report.errors else "no input given"
        more = f" (and {len(report.errors) - 1} more errors)" if len(report.errors) > 1 else ""
        super().__init__(f"nothing could be read: {first}{more}")


class ConfigError(EventwireError):
    code = "E-CONFIG"


class StoreError(EventwireError):
    code = "E-STORE"


class StoreWriteError(StoreError):
    """The database refused a write for what it holds (a bad value, a constraint): the records
    of that write are at fault, not the store, so they are retried one by one and reported."""

    code = "E-STORE-WRITE"


class ModelError(EventwireError):
    """The spaCy model named in the settings cannot be loaded."""

    code = "E-MODEL"
