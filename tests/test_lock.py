"""uv.lock matches pyproject.toml: every declared requirement is locked as written, each bounded above.

`bash scripts/test.sh` also runs `uv sync --locked`, which refuses a stale lock; this test says which
requirement differs.  Refresh the lock with `uv lock` (same versions where allowed) or `uv lock --upgrade`.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> dict[tuple[str, str | None], Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    out = {}
    for extra, reqs in [(None, project["dependencies"]), *project["optional-dependencies"].items()]:
        for text in reqs:
            req = Requirement(text)
            out[(canonicalize_name(req.name), extra)] = req
    return out


def _locked() -> tuple[dict[tuple[str, str | None], dict], dict[str, str]]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    versions = {canonicalize_name(p["name"]): p.get("version") for p in lock["package"]}
    ours = next(p for p in lock["package"] if p["name"] == "eventwire")
    out = {}
    for dist in ours["metadata"]["requires-dist"]:
        extra = re.search(r"extra == '([^']+)'", dist.get("marker", ""))
        out[(canonicalize_name(dist["name"]), extra.group(1) if extra else None)] = dist
    return out, versions


def test_the_lock_records_every_requirement_as_pyproject_declares_it():
    declared, (locked, _) = _declared(), _locked()
    assert set(declared) == set(locked), "run `uv lock`: the lock and pyproject.toml list different requirements"
    for key, req in declared.items():
        dist = locked[key]
        assert SpecifierSet(dist.get("specifier", "")) == req.specifier, f"{key}: run `uv lock`"
        assert set(dist.get("extras", [])) == req.extras, f"{key}: run `uv lock`"


def test_every_third_party_requirement_has_an_upper_bound_that_the_locked_version_meets():
    _, versions = _locked()
    for (name, _extra), req in _declared().items():
        if name == "eventwire":
            continue
        assert any(s.operator in ("<", "<=", "==", "~=") for s in req.specifier), f"{name} has no upper bound"
        assert req.specifier.contains(versions[name], prereleases=True), f"{name} {versions[name]} outside {req.specifier}"
