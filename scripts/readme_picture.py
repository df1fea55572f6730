"""Render what `eventwire demo` prints as docs/demo-output.svg (the README's picture).

    python scripts/readme_picture.py
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

import eventwire
from eventwire.render import describe_article, describe_event

COLOURS = {"ASSAULT": "red", "COERCE": "red", "THREATEN": "yellow", "PROTEST": "yellow", "SANCTION": "yellow",
           "ACCUSE": "yellow", "REJECT": "yellow", "MOBILIZE": "magenta"}


def main() -> None:
    console = Console(record=True, width=118, file=io.StringIO())
    with tempfile.TemporaryDirectory() as tmp:
        result = eventwire.demo(db=f"sqlite:///{tmp}/demo.db")
    console.print(Text("$ eventwire demo", style="bold"))
    console.print(f"Demo page: {len(result.articles)} articles, {len(result.events)} events\n")
    for article in result.articles:
        console.print(Text(describe_article(article), style="bold cyan"))
        for event in (e for e in result.events if e["article_id"] == article["id"]):
            line = describe_event(event)
            head, _, sentence = line.partition("\n")
            colour = COLOURS.get(event["event_type"], "green")
            console.print(Text("  - ") + Text(head, style=colour))
            console.print(Text(sentence, style="dim"))
        console.print()
    out = Path(__file__).resolve().parents[1] / "docs" / "demo-output.svg"
    console.save_svg(str(out), title="eventwire demo")


if __name__ == "__main__":
    main()
