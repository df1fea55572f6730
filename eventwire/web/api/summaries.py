"""Summaries the pages draw: overview, counts over time, actors, places, the network and the map."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from eventwire.web.deps import CODE, FilterDep, StoreDep
from eventwire.web.models import ActorCount, MapPoint, NetworkPublic, Overview, PeriodCount, PlaceCount
from eventwire.web.views import map_rows, network_dict, overview_json, place_rows

router = APIRouter(tags=["summaries"])
Text = Annotated[str | None, Query(max_length=200)]


@router.get("/overview", response_model=Overview, summary="Counts by type and week, top actors, latest events")
def overview(store: StoreDep, filters: FilterDep) -> Response:
    return Response(overview_json(store, filters=filters), media_type="application/json")


@router.get("/counts/types", response_model=dict[str, int], summary="Events by type")
def counts_by_type(store: StoreDep, filters: FilterDep) -> dict:
    return store.cached_summary("counts_by_type", filters=filters)


@router.get("/counts/time", response_model=list[PeriodCount], summary="Events by type over time")
def counts_over_time(store: StoreDep, filters: FilterDep,
                     interval: Literal["day", "week", "month", "year"] = "week") -> list:
    return store.cached_summary("counts_over_time", filters=filters, interval=interval)


@router.get("/actors", response_model=list[ActorCount], summary="Actors and recipients by number of events")
def actors(store: StoreDep, filters: FilterDep, name: Text = None,
           in_country: Annotated[str | None, Query(pattern=CODE, description="the entity's own country")] = None,
           limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0, le=10**6)] = 0) -> list:
    return store.cached_summary("actor_counts", filters=filters, q=name or None,
                                country=(in_country or "").upper() or None,
                                limit=limit, offset=offset)


@router.get("/places", response_model=list[PlaceCount], summary="Places by number of events")
def places(store: StoreDep, filters: FilterDep, name: Text = None,
           limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> list:
    return place_rows(store, filters=filters, q=name or None, limit=limit)


@router.get("/map", response_model=list[MapPoint], summary="Places with coordinates, with counts by type")
def map_points(store: StoreDep, filters: FilterDep, limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> list:
    return map_rows(store, filters=filters, limit=limit)


@router.get("/network", response_model=NetworkPublic,
            summary="Who acts on whom (countries, organisations, people), edges weighted by events, cooperation vs conflict")
def network(store: StoreDep, filters: FilterDep, limit: Annotated[int, Query(ge=1, le=2000)] = 150,
            people: Annotated[bool, Query(description="known people as nodes of their own")] = False) -> dict:
    return network_dict(store, filters=filters, limit=limit, people=people)


@router.get("/vocabulary", summary="Labels, colours and cooperation/conflict tones of the codes")
def vocabulary_codes() -> dict:
    from eventwire.web.vocabulary import vocabulary

    return vocabulary()
