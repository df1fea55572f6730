"""The API explorer, the site icon and the login page's advice work for a newcomer with no network."""
from __future__ import annotations

import re

from typer.testing import CliRunner

from eventwire.cli import app as cli_app


def test_api_docs_load_only_local_assets(client):
    page = client.get("/api/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    assert "<script>" not in page.text  # no inline script: the CSP would block it
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_favicon(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon"
    assert icon.content[:4] == b"\0\0\1\0"  # an ICO header


def test_login_page_names_a_command_that_exists(client):
    page = client.get("/login").text
    command = re.search(r"<code>eventwire user ([a-z-]+) NAME</code>", page)
    assert command, "the login page says how to reset a password"
    result = CliRunner().invoke(cli_app, ["user", command.group(1), "--help"])
    assert result.exit_code == 0, result.output
