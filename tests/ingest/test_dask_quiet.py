"""``eventwire ingest --engine dask -q`` prints no INFO logs of Dask's (issue 14).

distributed sets its own loggers to INFO when imported; under ``-q`` eventwire logs warnings
only, and ``dask_client`` brings Dask's loggers down to that level (checked here in-process:
starting a cluster for it would cost half a minute; the same command printed a dozen INFO lines
under -q before).
"""
from __future__ import annotations

import logging

import pytest


@pytest.fixture
def quiet_eventwire():
    ours, theirs = logging.getLogger("eventwire"), logging.getLogger("distributed")
    before = ours.level, theirs.level
    ours.setLevel(logging.WARNING)  # what -q leaves (the CLI's root logger at WARNING)
    yield
    ours.setLevel(before[0])
    theirs.setLevel(before[1])


def test_dask_logs_follow_eventwire_under_quiet(quiet_eventwire):
    pytest.importorskip("distributed")
    from eventwire.batch.dask_engine import quiet_dask_logs

    logging.getLogger("distributed").setLevel(logging.INFO)  # as distributed's own config leaves it
    assert logging.getLogger("distributed.scheduler").isEnabledFor(logging.INFO)
    quiet_dask_logs()
    assert not logging.getLogger("distributed.scheduler").isEnabledFor(logging.INFO)
    assert logging.getLogger("distributed.scheduler").isEnabledFor(logging.WARNING)
