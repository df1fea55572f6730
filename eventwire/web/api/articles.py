"""Articles: a paged list and one article with its text and the events it yields."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from eventwire.store.filters import CursorError
from eventwire.web.deps import CursorDep, LimitDep, StoreDep
from eventwire.web.models import ArticlePagePublic, ArticlePublic
from eventwire.web.views import article_dict

router = APIRouter(tags=["articles"])


@router.get("/articles", response_model=ArticlePagePublic, summary="Articles, newest first")
def list_articles(store: StoreDep, q: Annotated[str | None, Query(max_length=200)] = None,
                  source: Annotated[str | None, Query(max_length=200)] = None, limit: LimitDep = 50,
                  cursor: CursorDep = None) -> dict:
    try:
        page = store.article_page(q=q or None, source=source or None, limit=limit, cursor=cursor)
    except CursorError as exc:
        raise HTTPException(400, str(exc)) from None
    return {"items": page.items, "next_cursor": page.next_cursor, "limit": page.limit}


@router.get("/articles/{article_id}", response_model=ArticlePublic, summary="One article with its events")
def get_article(article_id: Annotated[str, Path(max_length=64)], store: StoreDep,
                include_rejected: bool = True) -> dict:
    article = article_dict(store, article_id, include_rejected=include_rejected)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return article
