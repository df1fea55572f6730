"""What a page and its JSON twin both show, built once: the API returns it, the template renders it."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from eventwire import members
from eventwire.store import Store
from eventwire.store.filters import EventFilter
from eventwire.web.places import country_name, labelled
from eventwire.web.vocabulary import tone_of

def country_label(code: str) -> str:
    """The country's name (``web.places.country_name``), or the code itself when it names no country."""
    return country_name(code) or code


TOTAL_CAP = 1000  # counting stops here unless an exact total is asked for: a count is a scan


def event_page_dict(store: Store, *, filters: EventFilter, sort: str, limit: int, cursor: str | None,
                    exact_total: bool = False) -> dict[str, Any]:
    page = store.event_page(filters=filters, sort=sort, limit=limit, cursor=cursor)
    if cursor and not exact_total:  # the first page told the total; a count is a scan
        total, exact = None, False
    elif cursor is None and page.next_cursor is None:  # everything fits on this page
        total, exact = len(page.items), True
    elif filters.is_empty() or exact_total:  # counts are kept while the store is unchanged (store.summary_cache)
        total, exact = store.cached_summary("count_events", filters=filters), True
    else:
        total = store.cached_summary("count_events", filters=filters, cap=TOTAL_CAP + 1)
        exact = total <= TOTAL_CAP
        total = min(total, TOTAL_CAP)
    return {"items": page.items, "next_cursor": page.next_cursor, "total": total, "total_exact": exact,
            "sort": page.sort, "limit": page.limit, "filters": filters.as_params()}


def event_detail_dict(store: Store, event_id: str, *, user: members.User | None) -> dict[str, Any] | None:
    """The event with its article reference, revisions (oldest first) and comments.

    Hidden comments are listed for admins only.
    """
    event = store.event_detail(event_id)
    if event is None:
        return None
    history = [{"number": r.number, "action": r.action, "by": r.by, "at": r.at, "changes": r.changes,
                "reason": r.reason, "fields": r.fields} for r in members.event_history(store, event_id)]
    admin = members.has_role(user, "admin")
    comments = [asdict(c) for c in members.list_comments(store, event_id, include_hidden=admin)]
    return {**event, "history": history, "comments": comments}


def article_dict(store: Store, article_id: str, *, include_rejected: bool = True) -> dict[str, Any] | None:
    article = store.get_article(article_id)
    if article is None:
        return None
    return {**article.to_dict(), "events": store.article_events(article_id, include_rejected=include_rejected)}


def node_label(node: str) -> dict[str, Any]:
    """A network node id as shown: ``{id, kind, code, name, label, title}``; ``label`` is a name (the country's
    for a country), ``title`` (the tooltip) adds what the code means."""
    from eventwire.store.event_counts import parse_node
    from eventwire.web.vocabulary import vocabulary

    got = parse_node(node)
    code = got["code"]
    non_state = vocabulary()["non_state_countries"]
    code_label = non_state.get(code) or (country_label(code) if code else None)
    if got["kind"] == "country":
        label = code_label or node
        title = f"{label} ({code})" if label != code else code
    else:
        label = got["name"]
        kind = "organisation" if got["kind"] == "organisation" else "person"
        title = f"{label} · {kind}" + (f" · {code_label} ({code})" if code else "")
    return {"id": node, **got, "label": label, "title": title}


def network_dict(store: Store, *, filters: EventFilter, limit: int, people: bool = False) -> dict[str, Any]:
    """Actors as nodes (countries, each organisation, on request each known person), who-acts-on-whom as
    edges split into cooperation and conflict."""
    edges = []
    weight: dict[str, int] = {}
    for e in store.cached_summary("network_edges", filters=filters, limit=limit, people=people):
        tones = {"cooperation": 0, "conflict": 0}
        for event_type, n in e["by_type"].items():
            tone = tone_of(event_type)
            if tone:
                tones[tone] += n
        edges.append({**e, **tones, "tone": "conflict" if tones["conflict"] > tones["cooperation"] else "cooperation"})
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["count"]
    nodes = [{**node_label(c), "count": n} for c, n in sorted(weight.items(), key=lambda x: (-x[1], x[0]))]
    return {"nodes": nodes, "edges": edges}


def place_rows(store: Store, *, filters: EventFilter, q: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The places page and ``/api/v1/places``: ``place_counts`` with human names (``web.places.labelled``)."""
    return labelled(store.cached_summary("place_counts", filters=filters, q=q, limit=limit))


def map_rows(store: Store, *, filters: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
    """The map and ``/api/v1/map``: ``map_points`` with human names and the ISO numeric code its country's
    shape has (a country-level place is drawn as its country, shaded)."""
    return labelled(store.cached_summary("map_points", filters=filters, limit=limit))


def overview_dict(store: Store, *, filters: EventFilter, freshness: bool = True) -> dict[str, Any]:
    """The overview's counts, top actors and latest events (each from memory while the store is unchanged),
    and, unless ``freshness`` is false, how old the data is (computed on every call: it changes with time)."""
    out = {
        "articles": store.cached_summary("count", table="articles"),
        "events": store.cached_summary("count_events", filters=filters),
        "by_type": store.cached_summary("counts_by_type", filters=filters),
        "by_week": store.cached_summary("counts_over_time", filters=filters, interval="week"),
        "top_actors": store.cached_summary("actor_counts", filters=filters, limit=10),
        "latest": store.cached(("latest", filters), lambda: store.event_page(filters=filters, sort="-date",
                                                                             limit=10).items),
    }
    if freshness:
        out["freshness"] = feed_health_freshness(store)
    return out


def overview_json(store: Store, *, filters: EventFilter) -> bytes:
    """``/api/v1/overview``'s body, as the ``Overview`` model encodes it.

    Everything but ``freshness`` is encoded once per change of the store and kept (``Store.cached``):
    validating and encoding its ~2,600 weekly rows and 10 events took ~4 ms a request at 100,000 events.
    ``freshness`` is encoded on each request and written last, where the model puts it.
    """
    from eventwire.web.models import Overview, OverviewFreshness

    body = store.cached(("overview_json", filters), lambda: Overview.model_validate(
        overview_dict(store, filters=filters, freshness=False)).model_dump_json(exclude={"freshness"}).encode())
    fresh = OverviewFreshness.model_validate(feed_health_freshness(store)).model_dump_json().encode()
    return body[:-1] + b',"freshness":' + fresh + b"}"


def feed_health_freshness(store: Store) -> dict[str, Any]:
    """How old the newest stored article is, and how the watched feeds fare (``eventwire.feeds.health``)."""
    from eventwire.feeds.health import describe_age, freshness

    fresh = freshness(store)
    return {**fresh, "age": describe_age(fresh["age_seconds"])}
