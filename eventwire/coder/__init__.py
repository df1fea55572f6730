"""The event coder: spaCy Doc -> PLOVER events (type, mode, actors, recipients, factuality,
quantities, evidence, confidence), one per real event in the article.

    events = code_doc(doc, article_id=article.id, published=article.published)
    events = code_text("Kenya and Uganda held talks in Nairobi.")

Stages, one module each: ``triggers`` (lexicon look-up), ``roles`` (who did what to whom), ``fallbacks``
(recipients the parse leaves out),
``factuality``, ``quantities``, ``coder`` (assembly, merging of mentions), ``confidence`` (the fitted
model that ranks and scores each event), ``discourse`` (participants the article supplies where a sentence
leaves them out), ``discards`` (company news).  The word lists are data in ``lexicon/*.yml``; the confidence
model's coefficients are data in ``confidence.json`` (``eventwire fit-confidence`` refits them).
"""
from __future__ import annotations

from ..schema import Event
from .coder import code_events
from .confidence import rescored, story_features
from .discards import drop_company_news, economic_score
from .discourse import fill_from_article, headline_states

__all__ = ["code_doc", "code_text", "code_events"]


def code_doc(doc, *, article_id: str, published: str | None = None, resolver=None,
             dateline: str | None = None, title: str | None = None) -> list[Event]:
    """Events of one article's Doc; evidence offsets point into ``doc.text``.

    ``resolver`` maps argument tokens to entities (default: ``eventwire.resolve.actors.ActorResolver``);
    ``title`` (the headline, not part of ``doc``) is article-level evidence for missing participants.
    """
    events = code_events(doc, article_id=article_id, published=published, resolver=resolver, dateline=dateline)
    events = drop_company_news(fill_from_article(doc, events, title=title), doc)
    if events:
        economic, headline = economic_score(doc), set(headline_states(title)[0])
        for e in events:
            if e.features is not None:
                e.features = story_features(e.features, [*e.actors, *e.recipients], economic=economic,
                                            headline=headline)
    return [rescored(e) for e in events]


def code_text(text: str, *, nlp=None, published: str | None = None, article_id: str = "text") -> list[Event]:
    """Events of a text (parsed with ``nlp``, by default ``eventwire.nlp.load_pipeline()``)."""
    if nlp is None:
        from ..nlp import load_pipeline

        nlp = load_pipeline()
    return code_doc(nlp(text), article_id=article_id, published=published)
