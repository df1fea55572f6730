"""The bundled demo: a page of three stories with a news site's furniture, ingested and coded."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .pipeline import IngestReport, ingest

DEMO_PUBLISHED = "2025-03-14"
DEMO_DB = "sqlite:///eventwire-demo.db"


def demo_page_path() -> Path:
    """The bundled demo page (three stories with a news site's furniture): an input every install has."""
    return Path(str(resources.files("eventwire") / "samples" / "demo-page.txt"))


@dataclass
class DemoResult:
    report: IngestReport
    articles: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def demo(*, db: str | None = None, events: bool = True, model: str | None = None) -> DemoResult:
    """Ingest the demo page (published 2025-03-14) into ``db`` and return what was found."""
    from .store import open_store

    db = db or DEMO_DB
    report = ingest([demo_page_path()], db=db, published=DEMO_PUBLISHED, source="eventwire demo",
                    events=events, model=model)
    result = DemoResult(report=report)
    with open_store(db) as store:
        for aid in dict.fromkeys(report.article_ids):
            article = store.get_article(aid)
            if article is not None:
                result.articles.append(article.to_dict())
                result.events.extend(store.iter_events(article_id=aid, include_merged=True))
    return result
