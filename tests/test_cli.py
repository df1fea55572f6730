"""The CLI in-process (typer's runner) and once as a real subprocess."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

runner = CliRunner()
VERBS = [c.name or c.callback.__name__ for c in app.registered_commands]
README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help_and_is_documented(verb):
    result = runner.invoke(app, [verb, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    assert re.search(rf"eventwire {verb}\b", README.read_text()), f"README does not document `eventwire {verb}`"


def test_ingest_export_stats_in_process(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x1", "title": "Talks", "text": "Officials met in Paris. They talked.",
                               "published": "2021-03-04", "source": "Wire"}) + "\n")
    db = f"sqlite:///{tmp_path}/c.db"
    result = runner.invoke(app, ["ingest", str(src), "--db", db, "--no-events", "--quiet"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "articles.jsonl"
    result = runner.invoke(app, ["export", "--db", db, "--table", "articles", "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["external_id"] == "x1" and rows[0]["published"] == "2021-03-04" and rows[0]["source"] == "Wire"
    result = runner.invoke(app, ["stats", "--db", db, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"] == 1


def test_user_mistakes_exit_nonzero_without_traceback(tmp_path):
    db = f"sqlite:///{tmp_path}/c.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", db, "--no-events", "--quiet"])
    assert result.exit_code == 1
    assert "nope.txt" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "--published", "yesterday", "--no-events"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = runner.invoke(app, ["export", "--db", db, "--table", "people"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["export", "--db", db, "--min-confidence", "1.5"])
    assert result.exit_code == 2 and "between 0 and 1" in result.output


def test_cli_as_a_real_subprocess_reads_stdin(tmp_path):
    db = f"sqlite:///{tmp_path}/s.db"
    text = "Peace talks open in Geneva\n\nDelegates from both sides opened talks in Geneva on Monday.\n"
    proc = subprocess.run([sys.executable, "-m", "eventwire", "ingest", "-", "--db", db, "--no-events", "--quiet"],
                          input=text, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "1 new articles" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "eventwire", "export", "--db", db, "--table", "articles"],
                          capture_output=True, text=True, timeout=120)
    assert json.loads(proc.stdout)["title"] == "Peace talks open in Geneva"


def test_version():
    import eventwire

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"eventwire {eventwire.__version__}"


def test_an_input_error_is_printed_once(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(tmp_path / "nope.txt"), "--db",
                           f"sqlite:///{tmp_path}/o.db", "--no-events", "--quiet"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count("nope.txt: no such file or folder") == 1, proc.stderr
