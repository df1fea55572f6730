"""Events: the filtered list, one event with its evidence and history, reviews and comments."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from eventwire import members
from eventwire.store.filters import CursorError
from eventwire.web.deps import CursorDep, FilterDep, LimitDep, SortDep, StoreDep, UserDep, api_writer
from eventwire.web.models import (CommentIn, CommentPublic, EventDetailPublic, EventPagePublic, HideIn, ReviewIn,
                                  RevisionPublic)
from eventwire.web.views import event_detail_dict, event_page_dict

router = APIRouter(tags=["events"])
EventId = Annotated[str, Path(max_length=64)]


@router.get("/events", response_model=EventPagePublic, summary="Events, filtered, sorted and paged by cursor")
def list_events(store: StoreDep, filters: FilterDep, sort: SortDep = "-date", limit: LimitDep = 50,
                cursor: CursorDep = None,
                exact_total: Annotated[bool, Query(description="count every match (slower on big stores)")] = False,
                ) -> dict:
    try:
        return event_page_dict(store, filters=filters, sort=sort, limit=limit, cursor=cursor, exact_total=exact_total)
    except CursorError as exc:
        raise HTTPException(400, str(exc)) from None


@router.get("/events/{event_id}", response_model=EventDetailPublic,
            summary="One event with its evidence, article, review history and comments")
def get_event(event_id: EventId, store: StoreDep, user: UserDep) -> dict:
    event = event_detail_dict(store, event_id, user=user)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return event


def _members_call(fn, **kwargs):
    try:
        return fn(**kwargs)
    except members.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except members.PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from None
    except members.ValidationError as exc:
        raise HTTPException(422, str(exc)) from None


@router.post("/events/{event_id}/reviews", response_model=RevisionPublic, status_code=201,
             summary="Confirm, correct or reject an event (reviewers)")
def review(event_id: EventId, body: ReviewIn, store: StoreDep,
           user: Annotated[members.User, Depends(api_writer("reviewer"))]) -> dict:
    r = _members_call(members.review_event, store=store, event_id=event_id, user=user, action=body.action,
                      changes=body.changes, reason=body.reason)
    return {"number": r.number, "action": r.action, "by": r.by, "at": r.at, "changes": r.changes,
            "reason": r.reason, "fields": r.fields}


@router.post("/events/{event_id}/comments", response_model=CommentPublic, status_code=201,
             summary="Comment on an event (members)")
def comment(event_id: EventId, body: CommentIn, store: StoreDep,
            user: Annotated[members.User, Depends(api_writer("member"))]) -> members.Comment:
    return _members_call(members.add_comment, store=store, event_id=event_id, user=user, body=body.body)


@router.post("/comments/{comment_id}/hide", status_code=204, summary="Hide a comment (admins)")
def hide(comment_id: Annotated[int, Path(ge=1, le=2**62)], body: HideIn, store: StoreDep,
         user: Annotated[members.User, Depends(api_writer("admin"))]) -> None:
    _members_call(members.hide_comment, store=store, comment_id=comment_id, user=user, reason=body.reason)
