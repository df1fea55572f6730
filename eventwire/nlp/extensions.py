"""All custom Doc/Span/Token attributes of eventwire, registered in this one module.

``register_extensions()`` is idempotent; ``load_pipeline`` calls it, and so may any stage that reads
or writes these attributes on Docs it did not get from ``load_pipeline``.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# name -> default value; the attribute is writable (``doc._.published = "2014-12-14"``)
DOC_EXTENSIONS: dict[str, object] = {
    "article_id": None,  # the Article this Doc was made from
    "published": None,  # YYYY-MM-DD or None: used to date people's offices
    "events": None,  # list[Event] once coded
    "source_text": None,  # the article's text where the parsed one had its case restored (nlp/truecase.py)
}
SPAN_EXTENSIONS: dict[str, object] = {
    "entity": None,  # eventwire.schema.Entity once the span has been resolved as an actor
    "gazetteer_id": None,  # code of the gazetteer entry the span matched (ISO code, IGO code, person name)
}
TOKEN_EXTENSIONS: dict[str, object] = {}


def register_extensions() -> None:
    """Declare every eventwire extension attribute (safe to call more than once)."""
    for cls, table in ((Doc, DOC_EXTENSIONS), (Span, SPAN_EXTENSIONS), (Token, TOKEN_EXTENSIONS)):
        for name, default in table.items():
            if not cls.has_extension(name):
                cls.set_extension(name, default=default)
