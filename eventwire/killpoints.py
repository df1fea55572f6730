"""Named points where a test may kill the process, to prove a kill at any stage loses nothing.

``checkpoint(stage)`` does nothing unless the environment variable ``EVENTWIRE_TEST_KILL_AT``
names ``stage`` (``read``, ``code``, ``store``, ``merge`` or ``summaries``), optionally with a count
(``code:3`` = the third time the code stage is reached); then the process sends itself
SIGKILL there -- no clean-up, no ``finally``, exactly as ``kill -9`` from outside.  For tests
only (tests/ingest/test_kill_stages.py): deterministic kill points instead of sleeps and
polling.  Unset, each call costs one dictionary look-up.
"""
from __future__ import annotations

import os
import signal

ENV = "EVENTWIRE_TEST_KILL_AT"
STAGES = ("read", "code", "store", "merge", "summaries")
_seen: dict[str, int] = {}


def checkpoint(stage: str) -> None:
    """Kill this process with SIGKILL if ``EVENTWIRE_TEST_KILL_AT`` asks for ``stage`` now."""
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    name, _, count = wanted.partition(":")
    if name != stage:
        return
    _seen[stage] = _seen.get(stage, 0) + 1
    if _seen[stage] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
