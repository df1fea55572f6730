"""The event page (text with the evidence highlighted, review history, comments) and its forms."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import RedirectResponse

from eventwire import members
from eventwire.schema import QUANTITY_KEYS
from eventwire.web.deps import StoreDep, UserDep, form_writer
from eventwire.web.highlight import Span, highlighted_paragraphs
from eventwire.web.pages.render import render
from eventwire.web.views import event_detail_dict

router = APIRouter()
EventId = Annotated[str, Path(max_length=64)]
ENTITY_FIELDS = ("text", "name", "country", "sector")


def _page(request: Request, store, event_id: str, user, *, status_code: int = 200, error: str | None = None,
          notice: str | None = None):
    event = event_detail_dict(store, event_id, user=user)
    if event is None:
        raise HTTPException(404, f"There is no event {event_id!r}.")
    article = store.get_article(event["article_id"])
    others = store.article_events(event["article_id"])
    spans = [Span(e["evidence"]["start"], e["evidence"]["end"], e["id"], "other") for e in others if e["id"] != event_id]
    spans.append(Span(event["evidence"]["start"], event["evidence"]["end"], event_id, f"t-{event['event_type']}"))
    paragraphs = highlighted_paragraphs(article.text, spans, current=event_id) if article else []
    q = event["quantities"] or {}
    has_quantities = any(q.get(k) is not None for k in QUANTITY_KEYS) or bool(q.get("money"))
    return render(request, "event.html", status_code=status_code, has_quantities=has_quantities, title=f"{event['event_type']} event", event=event,
                  paragraphs=paragraphs, error=error, notice=notice, quantity_keys=QUANTITY_KEYS,
                  can_review=members.has_role(user, "reviewer"), can_comment=members.has_role(user, "member"),
                  can_moderate=members.has_role(user, "admin"), twin=f"/api/v1/events/{event_id}")


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: EventId, store: StoreDep, user: UserDep):
    return _page(request, store, event_id, user, notice=request.query_params.get("done"))


def _blank(value: Any) -> Any:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value.strip()


def _number(value: Any, *, kind=int) -> Any:
    value = _blank(value)
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        raise members.ValidationError(f"not a number: {value!r}") from None


def _entities(form, side: str) -> list[dict[str, Any]]:
    out = []
    i = 0
    while f"{side}-{i}-name" in form or f"{side}-{i}-text" in form:
        e = {k: _blank(form.get(f"{side}-{i}-{k}")) for k in ENTITY_FIELDS}
        if e["country"]:
            e["country"] = e["country"].upper()
        if e["sector"]:
            e["sector"] = e["sector"].upper()
        if e["name"] or e["text"]:
            e["text"] = e["text"] or e["name"]
            out.append(e)
        i += 1
    return out


def corrections(form, event: dict[str, Any]) -> dict[str, Any]:
    """The fields of the correction form that differ from ``event`` (values as members.review_event takes them)."""
    changes: dict[str, Any] = {}
    for key in ("event_type", "mode", "factuality", "date", "date_precision"):
        if key in form and _blank(form.get(key)) != event.get(key):
            changes[key] = _blank(form.get(key))
    for side, key in (("actor", "actors"), ("recipient", "recipients")):
        if f"{side}-0-name" not in form:
            continue
        entities = _entities(form, side)
        if entities != [{k: e.get(k) for k in ENTITY_FIELDS} for e in event[key]]:
            kept = {e.get("name"): e for e in event[key]}  # keep a wikidata id where the name stays
            changes[key] = [{**kept.get(e["name"], {}), **e} for e in entities]
    if "location_name" in form:
        old = event["location"] or {}
        name = _blank(form.get("location_name"))
        loc = None
        if name is not None:
            same = name == old.get("name")
            loc = {"name": name, "country": (_blank(form.get("location_country")) or "").upper() or None,
                   "admin1": old.get("admin1") if same else None,
                   "lat": _number(form.get("location_lat"), kind=float),
                   "lon": _number(form.get("location_lon"), kind=float),
                   "geonameid": old.get("geonameid") if same else None,
                   "precision": old.get("precision") if same else None}
        if (loc is None) != (event["location"] is None) or (
                loc is not None and any(loc[k] != old.get(k) for k in ("name", "country", "lat", "lon"))):
            changes["location"] = loc
    quantities = {k: _number(form.get(f"q-{k}")) for k in QUANTITY_KEYS if f"q-{k}" in form}
    differ = {k: v for k, v in quantities.items() if v != (event["quantities"] or {}).get(k)}
    if differ:
        changes["quantities"] = differ
    return changes


@router.post("/events/{event_id}/review")
async def review(request: Request, event_id: EventId, store: StoreDep,
                 user: Annotated[members.User, Depends(form_writer("reviewer"))]):
    form = await request.form()
    action = form.get("action")
    event = store.event_detail(event_id)
    if event is None:
        raise HTTPException(404, f"There is no event {event_id!r}.")
    try:
        changes = corrections(form, event) if action == "correct" else None
        members.review_event(store, event_id=event_id, user=user, action=action, changes=changes,
                             reason=_blank(form.get("reason")))
    except members.ValidationError as exc:
        return _page(request, store, event_id, user, status_code=422, error=str(exc))
    return RedirectResponse(f"/events/{event_id}?done={action}#history", status_code=303)


@router.post("/events/{event_id}/comments")
async def comment(request: Request, event_id: EventId, store: StoreDep,
                  user: Annotated[members.User, Depends(form_writer("member"))]):
    form = await request.form()
    try:
        members.add_comment(store, event_id=event_id, user=user, body=form.get("body") or "")
    except members.NotFound:
        raise HTTPException(404, f"There is no event {event_id!r}.") from None
    except members.ValidationError as exc:
        return _page(request, store, event_id, user, status_code=422, error=str(exc))
    return RedirectResponse(f"/events/{event_id}?done=comment#comments", status_code=303)


@router.post("/comments/{comment_id}/hide")
async def hide(request: Request, comment_id: Annotated[int, Path(ge=1, le=2**62)], store: StoreDep,
               user: Annotated[members.User, Depends(form_writer("admin"))]):
    form = await request.form()
    try:
        members.hide_comment(store, comment_id=comment_id, user=user, reason=_blank(form.get("reason")))
    except members.NotFound:
        raise HTTPException(404, f"There is no comment {comment_id}.") from None
    except members.ValidationError as exc:
        raise HTTPException(422, str(exc)) from None
    back = form.get("event_id") or ""
    return RedirectResponse(f"/events/{back}?done=hidden#comments" if back.isalnum() else "/", status_code=303)
