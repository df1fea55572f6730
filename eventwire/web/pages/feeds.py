"""The feeds page (admins): each watched feed's health; add, pause and remove feeds."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import RedirectResponse

from eventwire import members
from eventwire.feeds import subscriptions
from eventwire.feeds.health import describe_age, feed_health
from eventwire.web.deps import StoreDep, UserDep, form_writer
from eventwire.web.pages.render import render

router = APIRouter()
Admin = Annotated[members.User, Depends(form_writer("admin"))]
FeedId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _page(request: Request, store, *, error: str | None = None, status_code: int = 200):
    health = feed_health(store)
    return render(request, "admin_feeds.html", status_code=status_code, title="Feeds", feeds=health["feeds"],
                  freshness=health["freshness"], age=describe_age(health["freshness"]["age_seconds"]), error=error,
                  twin="/api/v1/feeds")


@router.get("/admin/feeds")
def feeds(request: Request, store: StoreDep, user: UserDep):
    if user is None:
        return RedirectResponse("/login?next=/admin/feeds", status_code=303)
    if not members.has_role(user, "admin"):
        raise HTTPException(403, "This page is for admins.")
    return _page(request, store)


def _act(request: Request, store, fn, **kwargs):
    try:
        fn(store=store, **kwargs)
    except subscriptions.NoSuchFeed as exc:
        raise HTTPException(404, str(exc)) from None
    except subscriptions.FeedError as exc:
        return _page(request, store, error=str(exc), status_code=422)
    return RedirectResponse("/admin/feeds", status_code=303)


@router.post("/admin/feeds")
async def add(request: Request, store: StoreDep, admin: Admin):
    form = await request.form()
    return _act(request, store, subscriptions.subscribe, url=str(form.get("url") or ""),
                title=str(form.get("title") or "") or None, by=admin.username)


@router.post("/admin/feeds/{feed_id}/paused")
async def pause(request: Request, feed_id: FeedId, store: StoreDep, admin: Admin):
    form = await request.form()
    return _act(request, store, subscriptions.set_paused, feed_id=feed_id, paused=form.get("paused") == "true")


@router.post("/admin/feeds/{feed_id}/remove")
async def remove(request: Request, feed_id: FeedId, store: StoreDep, admin: Admin):
    return _act(request, store, subscriptions.unsubscribe, feed_id=feed_id)
