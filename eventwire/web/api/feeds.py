"""Watched feeds (admins): their health, and adding, pausing and removing them (``eventwire.feeds``)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path
from pydantic import BaseModel, Field

from eventwire import members
from eventwire.feeds import subscriptions
from eventwire.feeds.health import feed_health
from eventwire.web.deps import StoreDep, UserDep, api_writer

router = APIRouter(tags=["feeds"])
Admin = Annotated[members.User, Depends(api_writer("admin"))]
FeedId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class EntryCounts(BaseModel):
    pending: int
    retry: int
    stored: int
    failed: int


class FeedPublic(BaseModel):
    id: int
    url: str
    title: str | None
    state: str  # ok | failing | paused | new
    paused: bool
    last_status: str | None
    last_error: str | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_new_item_at: datetime | None
    consecutive_failures: int
    next_poll_at: datetime | None
    entries: EntryCounts


class Freshness(BaseModel):
    last_article_at: datetime | None
    last_feed_success_at: datetime | None
    age_seconds: int | None  # since the newest article was stored
    feeds: int
    failing_feeds: int


class FeedsPublic(BaseModel):
    feeds: list[FeedPublic]
    freshness: Freshness


class FeedIn(BaseModel):
    url: str = Field(max_length=subscriptions.MAX_URL)
    title: str | None = Field(default=None, max_length=subscriptions.MAX_TITLE)


class PausedIn(BaseModel):
    paused: bool


def _admin_reader(user) -> None:
    if user is None:
        raise HTTPException(401, "sign in first: this needs the admin role")
    if not members.has_role(user, "admin"):
        raise HTTPException(403, "this needs the admin role")


def _call(fn, **kwargs):
    try:
        return fn(**kwargs)
    except subscriptions.NoSuchFeed as exc:
        raise HTTPException(404, str(exc)) from None
    except subscriptions.FeedError as exc:
        raise HTTPException(422, str(exc)) from None


@router.get("/feeds", response_model=FeedsPublic, summary="Watched feeds and their health (admins)")
def list_feeds(store: StoreDep, user: UserDep) -> dict:
    _admin_reader(user)
    return feed_health(store)


@router.post("/feeds", status_code=201, response_model=FeedPublic, summary="Subscribe to a feed (admins)")
def add_feed(body: FeedIn, store: StoreDep, admin: Admin) -> dict:
    feed = _call(subscriptions.subscribe, store=store, url=body.url, title=body.title, by=admin.username)
    return next(f for f in feed_health(store)["feeds"] if f["id"] == feed["id"])


@router.post("/feeds/{feed_id}/paused", status_code=204, summary="Pause or resume a feed (admins)")
def set_paused(feed_id: FeedId, body: PausedIn, store: StoreDep, admin: Admin) -> None:
    _call(subscriptions.set_paused, store=store, feed_id=feed_id, paused=body.paused)


@router.delete("/feeds/{feed_id}", status_code=204, summary="Remove a feed (admins; its articles stay)")
def remove_feed(feed_id: FeedId, store: StoreDep, admin: Admin) -> None:
    _call(subscriptions.unsubscribe, store=store, feed_id=feed_id)
