"""The API explorer at /api/docs and the site icon, served from the package (no CDN).

Swagger UI is vendored in ``static/vendor/swagger-ui`` (see its README); its start-up script is the
static file ``static/api-docs.js``, so the page runs under the app's Content-Security-Policy
(``script-src 'self'``) with no inline script.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parents[1] / "static"
OPENAPI_URL = "/api/v1/openapi.json"

DOCS_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>eventwire API</title>
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{OPENAPI_URL}"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    return HTMLResponse(DOCS_PAGE)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon",
                        headers={"Cache-Control": "public, max-age=86400"})
