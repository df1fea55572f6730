"""Server-rendered pages; each has a JSON twin under /api/v1 (``TWINS``), linked from the page."""
from __future__ import annotations

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.web.pages import account, admin, auth, browse, docs, event, feeds
from eventwire.web.pages.render import render

router = APIRouter(include_in_schema=False)
for module in (browse, event, auth, account, admin, docs, feeds):
    router.include_router(module.router)

# page path -> its JSON twin (the same data; query strings carry over)
TWINS = {
    "/": "/api/v1/overview",
    "/events": "/api/v1/events",
    "/events/{event_id}": "/api/v1/events/{event_id}",
    "/articles": "/api/v1/articles",
    "/articles/{article_id}": "/api/v1/articles/{article_id}",
    "/actors": "/api/v1/actors",
    "/places": "/api/v1/places",
    "/timeline": "/api/v1/counts/time",
    "/network": "/api/v1/network",
    "/map": "/api/v1/map",
    "/login": "/api/v1/me",
    "/signup": "/api/v1/me",
    "/account": "/api/v1/me/sessions",
    "/admin/users": "/api/v1/users",
    "/admin/feeds": "/api/v1/feeds",
}


def install_error_pages(app: FastAPI) -> None:
    """Errors as JSON under /api/, as a readable page elsewhere."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render(request, "error.html", status_code=exc.status_code, status=exc.status_code, message=exc.detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable(exc.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors())
        return render(request, "error.html", status_code=422, status=422, message=f"Check the form: {problems}")


def jsonable(errors: list) -> list:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors, custom_encoder={Exception: str, bytes: lambda b: b.decode("utf-8", "replace")})


__all__ = ["router", "TWINS", "install_error_pages", "HTTPException"]
