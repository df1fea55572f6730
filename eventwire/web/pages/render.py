"""Rendering a template with what every page needs: the user, the CSRF token, the vocabulary."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from eventwire.web import places, vocabulary
from eventwire.web.deps import csrf_for
from eventwire.web.security import CSRF_FIELD

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def _query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` (None removes a key)."""
    merged = {**params, **changes}
    pairs = []
    for k, v in merged.items():
        if v is None or v == "" or v == []:
            continue
        for item in v if isinstance(v, list) else [v]:
            pairs.append((k, item))
    return urlencode(pairs)


def _entity(e: dict[str, Any]) -> str:
    name = e.get("name") or e.get("text") or "?"
    return name


@functools.cache
def _country_names() -> dict[str, str]:
    return dict(vocabulary.country_choices())


def _codes_title(e: dict[str, Any]) -> str:
    """The legend of an entity's codes, for their tooltip: "Kenya · Police" for KEN·COP."""
    country, sector = e.get("country"), e.get("sector")
    parts = [_country_names().get(country, country) if country else None,
             vocabulary.sectors().get(sector, sector) if sector else None]
    return " · ".join(p for p in parts if p)


def _web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a stored url may be ``javascript:``."""
    if isinstance(url, str) and url.split(":", 1)[0].strip().lower() in ("http", "https") and "://" in url:
        return url
    return None


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True,
                      default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    env.globals["vocab"] = vocabulary.vocabulary()
    env.globals["query"] = _query
    env.globals["countries"] = vocabulary.country_choices()
    env.globals["csrf_field"] = CSRF_FIELD
    env.filters["entity"] = _entity
    env.filters["web_url"] = _web_url
    env.filters["codes_title"] = _codes_title
    env.filters["place_label"] = places.place_label
    env.filters["place_title"] = places.place_title
    env.filters["country_numeric"] = places.country_numeric
    env.filters["fmt_dt"] = lambda d: d.strftime("%Y-%m-%d %H:%M UTC") if hasattr(d, "strftime") else (d or "")
    return env


def render(request: Request, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    from eventwire.web.deps import current_user

    user = current_user(request, request.app.state.store)
    page = {"request": request, "user": user, "csrf_token": csrf_for(request), "path": request.url.path,
            "twin": context.pop("twin", None), "title": context.pop("title", "eventwire"), **context}
    html = environment().get_template(template).render(page)
    return HTMLResponse(html, status_code=status_code)
