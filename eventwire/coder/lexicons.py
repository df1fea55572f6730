"""Loading the coder's data files (``lexicon/*.yml``), once per process."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).with_name("lexicon")
# the NER labels of a date or a time: "when", never who or where ("last Friday's attack", "on the same day")
TIME_LABELS = frozenset({"DATE", "TIME"})


@functools.cache
def load_lexicon(name: str) -> dict[str, Any]:
    """The parsed ``lexicon/<name>.yml`` (cached: callers must not mutate it)."""
    with (LEXICON_DIR / f"{name}.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def word_keys(entry: dict[str, Any], field: str = "lemma") -> list[str]:
    """The lower-cased keys an entry is found under: its lemma plus any extra ``forms``."""
    keys = [str(entry[field]).lower()]
    keys.extend(str(f).lower() for f in entry.get("forms", ()))
    return keys


def token_keys(token) -> tuple[str, str]:
    """The two keys a token is looked up by: its lemma and its lower-cased text."""
    return token.lemma_.lower(), token.lower_
