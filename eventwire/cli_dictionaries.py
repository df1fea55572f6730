"""``eventwire dictionaries build``: a thin wrapper over ``eventwire.dictionaries.build``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(help="The field's event-coding dictionaries, compiled into eventwire's tables.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


@app.command("build")
def build(
    source: Annotated[Optional[Path], typer.Option("--source", help="Folder of the PETRARCH2/Phoenix and CAMEO2PLOVER files (default ../shared/data/dictionaries).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the compiled tables (default: the package's eventwire/dictionaries/compiled).")] = None,
) -> None:
    """Compile actors, agents, verbs and discards into compact versioned tables (byte-identical on rebuild)."""
    from eventwire.dictionaries import build as _build

    try:
        manifest = _build(source=source, out=out)
    except FileNotFoundError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    rows = ", ".join(f"{k} {v}" for k, v in manifest["rows"].items())
    repairs = manifest["repairs"]
    typer.echo(f"compiled {rows}; {len(repairs['malformed_dates_dropped'])} malformed dates dropped, "
               f"{repairs['open_roles_closed']} open-ended roles closed")
