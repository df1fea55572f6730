"""``eventwire ingest --engine dask -q`` prints no INFO logs of Dask's (issue 14)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_dask_prints_no_info_logs_under_quiet(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": "Police arrested ten protesters in Nairobi on Monday."}) + "\n")
    done = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(src), "--db", str(tmp_path / "t.db"),
                           "--engine", "dask", "--workers", "1", "--no-events", "-q"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "INFO" not in done.stderr, done.stderr
