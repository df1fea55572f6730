"""What a title (headline) line looks like; the rules live in ``patterns/titles.yml``."""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from eventwire.segment.patterns import load_patterns

_LETTER = re.compile(r"[^\W\d_]")


@cache
def _shape() -> dict[str, Any]:
    shape = {name: dict(rule) for name, rule in load_patterns("titles")["shape"].items()}
    for rule in shape.values():
        if "regex" in rule:
            rule["compiled"] = re.compile(rule["regex"])
    return shape


def boundary_rules() -> dict[str, Any]:
    """Evidence weights and threshold for a title line starting a new story."""
    return load_patterns("titles")["boundary"]


def is_uppercase(line: str) -> bool:
    """True when ``line`` has letters and none of them is lower case."""
    return line.upper() == line and _LETTER.search(line) is not None


def starts_like_sentence(paragraph: str) -> bool:
    """True unless ``paragraph`` opens in lower case (then it continues the line before)."""
    return _shape()["followed_by_sentence"]["compiled"].match(paragraph) is not None


def title_shape_failure(line: str) -> str | None:
    """The name of the first title rule ``line`` breaks, or None when it is title-shaped."""
    shape = _shape()
    if len(line) > shape["max_chars"]["value"]:
        return "max_chars"
    if len(line.split()) > shape["max_words"]["value"]:
        return "max_words"
    if not shape["starts_like_title"]["compiled"].match(line):
        return "starts_like_title"
    if shape["no_sentence_end"]["compiled"].search(line):
        allowed = line.endswith(".") and (
            shape["final_period_exceptions"]["compiled"].search(line)
            or (shape["uppercase_final_period"]["value"] and is_uppercase(line))
        )
        if not allowed:
            return "no_sentence_end"
    if shape["no_inner_sentence_break"]["compiled"].search(line):
        return "no_inner_sentence_break"
    if not shape["has_letters"]["compiled"].search(line):
        return "has_letters"
    return None


def is_title_shaped(line: str) -> bool:
    """True when ``line`` looks like a headline: short, capitalised, no closing full stop."""
    return title_shape_failure(line) is None
