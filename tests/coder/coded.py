"""Shared by the coder tests: the events a text codes for one trigger word."""
from __future__ import annotations

from eventwire.coder import code_text


def coded_for(nlp, text: str, trigger: str) -> list:
    """The events ``text`` codes whose trigger is ``trigger``."""
    return [e for e in code_text(text, nlp=nlp) if e.trigger == trigger]
