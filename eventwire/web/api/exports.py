"""Exports in the schema's formats (JSONL, CSV, Parquet), with or without rejected events."""
from __future__ import annotations

import importlib
import os
import tempfile
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from eventwire.web.deps import StoreDep

router = APIRouter(tags=["exports"])
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
               "parquet": "application/vnd.apache.parquet"}


def _exporter():
    for name in ("eventwire.exporter", "eventwire.export"):  # the module was renamed; take whichever exists
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "export"):
            return module
    raise RuntimeError("eventwire's export module is missing")


@router.get("/export/{table}", summary="Download a table as JSONL, CSV or Parquet (../EVENT_SCHEMA.md)",
            response_class=FileResponse, responses={200: {"content": {t: {} for t in MEDIA_TYPES.values()}}})
def export_table(table: Literal["events", "articles"], store: StoreDep,
                 format: Literal["jsonl", "csv", "parquet"] = "jsonl",
                 include_rejected: Annotated[bool, Query(description="keep events a reviewer rejected")] = False,
                 ) -> FileResponse:
    fd, path = tempfile.mkstemp(prefix="eventwire-export-", suffix=f".{format}")
    os.close(fd)
    try:
        _exporter().export(db=store, table=table, format=format, output=path, include_rejected=include_rejected)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=MEDIA_TYPES[format], filename=f"eventwire-{table}.{format}",
                        background=BackgroundTask(os.unlink, path))
