"""The YAML data files in ``patterns/`` beside this package, loaded once and compiled."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_patterns(name: str) -> dict[str, Any]:
    """The parsed YAML file ``patterns/<name>.yml`` (cached)."""
    path = resources.files(__package__).joinpath("patterns", f"{name}.yml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def compiled(regex: str) -> re.Pattern[str]:
    """``regex`` compiled once."""
    return re.compile(regex)
