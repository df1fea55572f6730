"""``eventwire user ...``: manage members from the command line (thin wrappers over eventwire.members)."""
from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from eventwire import members
from eventwire.errors import EventwireError

app = typer.Typer(help="Manage members: add users, set passwords and roles, list them.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

DbOpt = Annotated[Optional[str], typer.Option("--db", help="Database URL or path (default sqlite:///eventwire.db, or $EVENTWIRE_DB).")]
StdinOpt = Annotated[bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input instead of prompting.")]


def _fail(exc: Exception) -> None:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _run(db: str | None, action):
    from eventwire.store import open_store

    try:
        with open_store(db) as store:
            return action(store)
    except EventwireError as exc:  # a user's mistake: one red line, no traceback
        _fail(exc)


@app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="3 to 40 characters: letters, digits, _ . -")],
    role: Annotated[str, typer.Option("--role", help=f"One of {', '.join(members.ROLES)}.")] = "member",
    email: Annotated[Optional[str], typer.Option("--email", help="Email address (optional).")] = None,
    password_stdin: StdinOpt = False,
    db: DbOpt = None,
) -> None:
    """Add a user (asks for the password twice, hidden)."""
    password = _password(password_stdin)
    user = _run(db, lambda s: members.add_user(s, username=username, password=password, email=email, role=role))
    typer.echo(f"added {user.username} ({user.role})")


@app.command("set-password")
def set_password(
    username: Annotated[str, typer.Argument(help="An existing user.")],
    password_stdin: StdinOpt = False,
    db: DbOpt = None,
) -> None:
    """Set a user's password (and sign them out everywhere)."""
    password = _password(password_stdin)
    _run(db, lambda s: members.set_password(s, username=username, password=password))
    typer.echo(f"password of {username} changed")


@app.command("set-role")
def set_role(
    username: Annotated[str, typer.Argument(help="An existing user.")],
    role: Annotated[str, typer.Argument(help=f"One of {', '.join(members.ROLES)}.")],
    db: DbOpt = None,
) -> None:
    """Set a user's role."""
    _run(db, lambda s: members.set_role(s, username=username, role=role))
    typer.echo(f"role of {username} is now {role}")


@app.command("list")
def list_(db: DbOpt = None) -> None:
    """List users: name, role, email, created, status."""
    users = _run(db, members.list_users)
    if not users:
        typer.echo("no users")
        return
    width = max(len(u.username) for u in users)
    for u in users:
        status = "disabled" if u.disabled else "active"
        typer.echo(f"{u.username:<{width}}  {u.role:<8}  {u.email or '-':<30}  "
                   f"{u.created_at:%Y-%m-%d %H:%M}  {status}")
