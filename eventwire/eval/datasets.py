"""Where the evaluation data lives and how its files are read.

The data folder is, in order: the ``data_dir`` argument, the ``EVENTWIRE_DATA``
environment variable, ``../shared/data`` from the current directory, then the
``shared/data`` folder beside the repository.  A dataset whose folder is absent is
*skipped* (reported, not failed).
"""
from __future__ import annotations

import csv
import functools
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import InputError

log = logging.getLogger(__name__)

DATA_FILES = Path(__file__).with_name("data")
REPO_SIBLING_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@dataclass(frozen=True)
class Dataset:
    name: str
    folder: str  # relative to the data dir; ".." means the shared dir itself
    file: str  # relative to the folder
    description: str


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset("plover", "plover_gsr_cameo", "plover_gsr_dev.jsonl",
                "PLOVER gold-standard sentences (dev split): top-1 type, actor and recipient countries"),
        Dataset("conflibert", "conflibert_cameo", "cameo_class_test.jsonl",
                "ConfliBERT CAMEO PentaClass sentences (test split): quad class of the main event"),
        Dataset("india_police", "india_police_events", "sents.jsonl",
                "IndiaPoliceEvents sentences: police KILL and ARREST detection"),
        Dataset("sample", "../samples", "thelocal-two-stories.txt",
                "two-story sample page against eventwire/eval/data/sample_expected.yml"),
        Dataset("reuters", "reuters_events_dev", "stories.jsonl",
                "Reuters-21578 stories with article-level PLOVER gold: event P/R/F1 of the whole pipeline"),
    )
}


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """The folder holding the evaluation datasets (it may not exist)."""
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get("EVENTWIRE_DATA")
    if env:
        return Path(env)
    local = Path.cwd().parent / "shared" / "data"
    if local.is_dir():
        return local
    return REPO_SIBLING_DATA


def dataset_path(data_dir: Path, name: str) -> Path:
    d = DATASETS[name]
    return (data_dir / d.folder / d.file)


def missing_reason(data_dir: Path, name: str) -> str | None:
    """Why a dataset cannot run (a message naming the missing path), or None."""
    d = DATASETS[name]
    folder = data_dir / d.folder
    if not folder.is_dir():
        return f"skipped: folder {folder} is absent"
    path = folder / d.file
    if not path.is_file():
        return f"skipped: file {path} is absent"
    return None


def read_jsonl(path: Path, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Records of a JSON-lines file; a broken line raises InputError naming it."""
    count = 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(str(path), f"not valid JSON ({e.msg})", line=number) from None
            if not isinstance(record, dict):
                raise InputError(str(path), "expected a JSON object", line=number)
            count += 1
            yield record


def require(record: dict, key: str, path: Path, number: int | None = None) -> Any:
    if key not in record:
        raise InputError(str(path), f"record has no {key!r} field", line=number)
    return record[key]


@functools.cache
def load_yaml(name: str) -> Any:
    """A YAML data file shipped in eventwire/eval/data (loaded once)."""
    with open(DATA_FILES / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


@functools.cache
def cameo_country_table() -> dict[str, str]:
    """CAMEO country codes that differ from ISO alpha-3 -> the ISO code."""
    rows = (line for line in (DATA_FILES / "cameo_countries.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {row["cameo"]: row["iso3"] for row in csv.DictReader(rows, delimiter="\t")}


@functools.cache
def code_families() -> dict[str, frozenset[str]]:
    """Gold code -> the predicted codes that match it (data/code_families.yml)."""
    return {f["gold"]: frozenset(f["matches"]) for f in load_yaml("code_families.yml")["families"]}


def country_found(gold: str, predicted: set[str]) -> bool:
    """A gold actor code is matched by a predicted one (itself, or one of its family)."""
    return gold in predicted or bool(code_families().get(gold, frozenset()) & predicted)


def iso_country(code: str | None) -> str | None:
    """A gold actor code as an ISO alpha-3 (or PLOVER non-state) code."""
    if not code:
        return None
    code = code.strip().upper()
    return cameo_country_table().get(code, code)
