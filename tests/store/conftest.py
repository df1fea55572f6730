from __future__ import annotations

import pytest

from eventwire.store import open_store


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "eventwire.db"


@pytest.fixture
def store(db_path):
    with open_store(db_path) as s:
        yield s
