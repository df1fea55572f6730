"""The NLP stage: load a spaCy pipeline with eventwire's entity ruler and extensions.

    nlp = load_pipeline()          # Settings().model, cached per model name
    doc = nlp(article.text)
"""
from __future__ import annotations

import functools
import logging

import spacy

from eventwire.config import get_settings
from eventwire.errors import ModelError
from eventwire.nlp.components import MERGE_NAME, RULER_NAME, SPANS_KEY, add_datelines, add_entity_ruler
from eventwire.nlp.extensions import register_extensions
from eventwire.nlp.truecase import TruecasingTokenizer, english_verbs, lower_case_names

log = logging.getLogger(__name__)

__all__ = ["load_pipeline", "add_entity_ruler", "register_extensions", "MERGE_NAME", "RULER_NAME", "SPANS_KEY"]


def load_pipeline(model: str | None = None) -> spacy.Language:
    """The spaCy pipeline ``model`` (default: the configured model) plus eventwire's entity ruler.

    Cached per model name for the life of the process; any installed spaCy pipeline works.
    Raises ``ModelError`` when the model cannot be loaded.
    """
    return _load(model or get_settings().model)


@functools.cache
def _load(model: str) -> spacy.Language:
    register_extensions()
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"cannot load the spaCy model {model!r} ({exc}); install it (pip install {model}) "
            "or set EVENTWIRE_MODEL to an installed pipeline"
        ) from exc
    add_entity_ruler(nlp)
    add_datelines(nlp)  # a digest's items begin sentences, their datelines apart (nlp/datelines.yml)
    # a wire's capitals after "U.S." (nlp/truecase.py)
    verbs = english_verbs(nlp)
    nlp.tokenizer = TruecasingTokenizer(nlp.tokenizer, verbs, lower_case_names(verbs))
    log.info("loaded spaCy pipeline %s: %s", model, ", ".join(nlp.pipe_names))
    return nlp
