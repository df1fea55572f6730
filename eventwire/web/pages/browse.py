"""Reading pages: overview, events table, articles, actors, places, timeline, network, map."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request

from eventwire.store.filters import CursorError
from eventwire.web.deps import CursorDep, FilterDep, LimitDep, SortDep, StoreDep
from eventwire.web.highlight import Span, highlighted_paragraphs
from eventwire.web.pages.render import render
from eventwire.web.views import article_dict, event_page_dict, overview_dict, place_rows

router = APIRouter()
Text = Annotated[str | None, Query(max_length=200)]


def _qs(request: Request) -> str:
    """The page's query string for its JSON twin, without empty fields: a chart form's "all types" sends
    ``type=``, which the API (rightly) refuses."""
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if v != ""])


def _twin(path: str, request: Request) -> str:
    qs = _qs(request)
    return f"{path}?{qs}" if qs else path


@router.get("/")
def overview(request: Request, store: StoreDep, filters: FilterDep):
    data = overview_dict(store, filters=filters)
    weeks, coarse = calendar_weeks(data["by_week"])
    return render(request, "overview.html", title="Overview", data=data, weeks=weeks, coarse=coarse,
                  twin=_twin("/api/v1/overview", request))


def calendar_weeks(rows: list[dict], *, last: int = 52) -> tuple[list[tuple[str, int]], int]:
    """The overview's bars: every calendar week (Monday) of the last ``last`` up to the latest dated one, empty
    weeks as 0 (so bars stand where their weeks are); and how many events are dated only to a month or year."""
    from datetime import date, timedelta

    counts: dict[str, int] = {}
    coarse = 0
    for row in rows:
        if row["precision"] == "week":
            counts[row["period"]] = counts.get(row["period"], 0) + row["count"]
        else:  # the timeline shows these in their month or year
            coarse += row["count"]
    if not counts:
        return [], coarse
    end, start = date.fromisoformat(max(counts)), date.fromisoformat(min(counts))
    start = max(start, end - timedelta(weeks=last - 1))
    weeks = []
    while start <= end:
        weeks.append((start.isoformat(), counts.get(start.isoformat(), 0)))
        start += timedelta(weeks=1)
    return weeks, coarse


@router.get("/events")
def events(request: Request, store: StoreDep, filters: FilterDep, sort: SortDep = "-date", limit: LimitDep = 50,
           cursor: CursorDep = None):
    try:
        page = event_page_dict(store, filters=filters, sort=sort, limit=limit, cursor=cursor)
    except CursorError as exc:
        raise HTTPException(400, str(exc)) from None
    params = {**filters.as_params(), "sort": sort if sort != "-date" else None}
    return render(request, "events.html", title="Events", page=page, filters=filters, params=params, sort=sort,
                  paged=cursor is not None, twin=_twin("/api/v1/events", request))


@router.get("/articles")
def articles(request: Request, store: StoreDep, q: Text = None, source: Text = None, limit: LimitDep = 50,
             cursor: CursorDep = None):
    try:
        page = store.article_page(q=q or None, source=source or None, limit=limit, cursor=cursor)
    except CursorError as exc:
        raise HTTPException(400, str(exc)) from None
    return render(request, "articles.html", title="Articles", page=page, q=q or "", source=source or "",
                  twin=_twin("/api/v1/articles", request))


@router.get("/articles/{article_id}")
def article(request: Request, store: StoreDep, article_id: Annotated[str, Path(max_length=64)]):
    data = article_dict(store, article_id)
    if data is None:
        raise HTTPException(404, f"There is no article {article_id!r}.")
    spans = [Span(e["evidence"]["start"], e["evidence"]["end"], e["id"], f"t-{e['event_type']}") for e in data["events"]]
    return render(request, "article.html", title=data["title"] or "Article", article=data,
                  paragraphs=highlighted_paragraphs(data["text"], spans), twin=f"/api/v1/articles/{article_id}")


@router.get("/actors")
def actors(request: Request, store: StoreDep, filters: FilterDep, name: Text = None):
    rows = store.cached_summary("actor_counts", filters=filters, q=name or None, limit=200)
    return render(request, "actors.html", title="Actors", rows=rows, name=name or "",
                  twin=_twin("/api/v1/actors", request))


@router.get("/places")
def places(request: Request, store: StoreDep, filters: FilterDep, name: Text = None):
    rows = place_rows(store, filters=filters, q=name or None, limit=300)
    return render(request, "places.html", title="Places", rows=rows, name=name or "",
                  twin=_twin("/api/v1/places", request))


def _chart(template: str, title: str, api: str):
    def page(request: Request, filters: FilterDep):
        return render(request, template, title=title, filters=filters, api=_twin(api, request), twin=_twin(api, request))

    return page


router.add_api_route("/timeline", _chart("timeline.html", "Timeline", "/api/v1/counts/time"), methods=["GET"])
@router.get("/network")
def network(request: Request, filters: FilterDep, people: bool = False):
    api = _twin("/api/v1/network", request)
    return render(request, "network.html", title="Actor network", filters=filters, people=people, api=api, twin=api)



router.add_api_route("/map", _chart("map.html", "Map", "/api/v1/map"), methods=["GET"])
