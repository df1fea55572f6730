"""The JSON API under /api/v1: one small router per resource."""
from __future__ import annotations

from fastapi import APIRouter

from eventwire.web.api import articles, auth, events, exports, feeds, summaries, users

router = APIRouter(prefix="/api/v1")
for module in (events, articles, summaries, exports, auth, users, feeds):
    router.include_router(module.router)
