"""A throwaway PostgreSQL server for any test directory: ``from tests.pg import pg_url``.

``pg_server`` starts one server per test session from the machine's own binaries
(``initdb``, ``pg_ctl``) listening on 127.0.0.1 at a free port; ``pg_url`` gives each
test a fresh, empty database on it (SQLAlchemy URL with the psycopg driver).  initdb
refuses to run as root, so as root the server runs as the ``postgres`` account
(via ``runuser``).  Tests skip, saying why, where the binaries, the account or the
psycopg driver are missing.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "eventwire"


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@{self.host}:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=self.host, port=self.port, user=USER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' account to run PostgreSQL as")
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_binary(name: str) -> str | None:
    """``initdb``/``pg_ctl`` on the PATH, else from Debian's versioned folder (the newest version)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    return str(candidates[-1]) if candidates else None


@pytest.fixture(scope="session")
def pg_server():
    pytest.importorskip("psycopg")
    initdb, pg_ctl = _server_binary("initdb"), _server_binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    home = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    cmd_prefix = _as_server_user([])
    if cmd_prefix:
        shutil.chown(home, user="postgres")
    data, port = home / "data", _free_port()
    subprocess.run(_as_server_user([initdb, "-D", str(data), "-A", "trust", "-U", USER]),
                   check=True, capture_output=True)
    started = subprocess.run(
        _as_server_user([pg_ctl, "-D", str(data), "-l", str(home / "log"), "-w", "-o",
                         f"-k {home} -p {port} -c listen_addresses=127.0.0.1 -c max_connections=200",
                         "start"]),
        capture_output=True, text=True)
    if started.returncode != 0:
        log = (home / "log").read_text(errors="replace") if (home / "log").exists() else ""
        shutil.rmtree(home, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {started.stderr}\n{log}")
    try:
        yield PgServer("127.0.0.1", port)
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh empty database on the session's PostgreSQL server."""
    return pg_server.create_database()
