"""``eventwire user ...``: add, set-password, set-role, list; errors as one red line, exit 1."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner

from eventwire import members
from eventwire.cli_user import app
from eventwire.store import open_store

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(members, "_hasher", lambda: cheap)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "users.db")


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input)


def _can_sign_in(db, username, password) -> bool:
    with open_store(db) as store:
        try:
            members.authenticate(store, username=username, password=password)
        except members.AuthError:
            return False
    return True


def test_add_prompts_twice_with_hidden_input(db):
    result = run("add", "ana", "--role", "reviewer", "--email", "ana@example.org", "--db", db,
                 input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "added ana (reviewer)" in result.output
    assert PASSWORD not in result.output  # hidden
    assert _can_sign_in(db, "ana", PASSWORD)


def test_add_asks_again_when_the_two_entries_differ(db):
    result = run("add", "bob", "--db", db, input=f"{PASSWORD}\nsomething else\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert _can_sign_in(db, "bob", PASSWORD)


def test_add_reads_the_password_from_stdin(db):
    result = run("add", "cleo", "--password-stdin", "--db", db, input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "added cleo (member)" in result.output
    assert _can_sign_in(db, "cleo", PASSWORD)


@pytest.mark.parametrize("args, stdin, message", [
    (["add", "x"], PASSWORD, "username"),
    (["add", "dora"], "short", "password"),
    (["add", "dora", "--role", "owner"], PASSWORD, "unknown role"),
    (["add", "dora", "--email", "nope"], PASSWORD, "email"),
])
def test_add_errors_are_one_line_and_exit_1(db, args, stdin, message):
    result = run(*args, "--password-stdin", "--db", db, input=stdin + "\n")
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")


def test_duplicate_user_is_an_error(db):
    assert run("add", "eve", "--password-stdin", "--db", db, input=PASSWORD + "\n").exit_code == 0
    result = run("add", "EVE", "--password-stdin", "--db", db, input=PASSWORD + "\n")
    assert result.exit_code == 1 and "taken" in result.output


def test_set_password(db):
    run("add", "fay", "--password-stdin", "--db", db, input=PASSWORD + "\n")
    result = run("set-password", "fay", "--db", db, input="a brand new secret\na brand new secret\n")
    assert result.exit_code == 0, result.output
    assert _can_sign_in(db, "fay", "a brand new secret") and not _can_sign_in(db, "fay", PASSWORD)
    result = run("set-password", "nobody", "--password-stdin", "--db", db, input=PASSWORD + "\n")
    assert result.exit_code == 1 and "no user" in result.output


def test_set_role_and_list(db):
    run("add", "gil", "--password-stdin", "--db", db, input=PASSWORD + "\n")
    run("add", "hal", "--email", "hal@example.org", "--password-stdin", "--db", db, input=PASSWORD + "\n")
    result = run("set-role", "gil", "admin", "--db", db)
    assert result.exit_code == 0 and "role of gil is now admin" in result.output
    assert run("set-role", "gil", "king", "--db", db).exit_code == 1
    assert run("set-role", "nobody", "admin", "--db", db).exit_code == 1
    listing = run("list", "--db", db)
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    assert [line.split()[:2] for line in lines] == [["gil", "admin"], ["hal", "member"]]
    assert "hal@example.org" in lines[1] and all(line.endswith("active") for line in lines)


def test_list_of_an_empty_store(db):
    result = run("list", "--db", db)
    assert result.exit_code == 0 and result.output.strip() == "no users"


def test_a_bad_database_is_one_red_line(tmp_path):
    result = run("list", "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.exit_code == 1 and "does not exist" in result.output and "Traceback" not in result.output
