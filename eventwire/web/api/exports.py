"""Exports in the schema's formats (JSONL, CSV, Parquet), with or without rejected events.

Signed-in members (and higher roles) only: an export reads the whole store.  It is
streamed (``eventwire.exporter.export_stream``), so the first bytes leave at once and
the server never holds a whole export; each user may start ``exports_per_window``
exports per ``export_window_s`` seconds (429 after), and at most ``exports_at_once``
run on the server at a time (503 with ``Retry-After`` when they are all busy), so
downloads cannot starve the pages.
"""
from __future__ import annotations

import itertools
import threading
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from eventwire import exporter, members
from eventwire.web.deps import StoreDep, UserDep

router = APIRouter(tags=["exports"])
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
               "parquet": "application/vnd.apache.parquet"}


def _limited(chunks, slot: threading.Semaphore):
    """``chunks``, releasing ``slot`` when the download ends (finished, failed or abandoned)."""
    try:
        yield from chunks
    finally:
        slot.release()


@router.get("/export/{table}", summary="Download a table as JSONL, CSV or Parquet (members; ../EVENT_SCHEMA.md)",
            response_class=StreamingResponse,
            responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}},
                       401: {"description": "sign in first"}, 429: {"description": "too many exports"},
                       503: {"description": "every export slot is busy"}})
def export_table(request: Request, table: Literal["events", "articles"], store: StoreDep, user: UserDep,
                 format: Literal["jsonl", "csv", "parquet"] = "jsonl",
                 include_rejected: Annotated[bool, Query(description="keep events a reviewer rejected")] = False,
                 ) -> StreamingResponse:
    if user is None:
        raise HTTPException(401, "sign in first: exports are for members")
    if not members.has_role(user, "member"):
        raise HTTPException(403, f"{user.username} is a {user.role}; exports need the member role")
    state = request.app.state
    if not state.export_limiter.allow(f"user:{user.id}"):
        raise HTTPException(429, "too many exports; wait a few minutes and try again",
                            headers={"Retry-After": str(int(state.settings.export_window_s))})
    if not state.export_slots.acquire(blocking=False):
        raise HTTPException(503, "every export slot is busy; try again in a minute", headers={"Retry-After": "60"})
    chunks = _limited(exporter.export_stream(db=store, table=table, format=format,
                                             include_rejected=include_rejected), state.export_slots)
    try:
        first = next(chunks)  # started, so that closing the generator (even unread) releases the slot
    except StopIteration:
        first = b""
    return StreamingResponse(itertools.chain([first], chunks), media_type=MEDIA_TYPES[format],
                             headers={"Content-Disposition": f'attachment; filename="eventwire-{table}.{format}"',
                                      "Cache-Control": "no-store"})
