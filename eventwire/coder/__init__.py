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

__all__ = ["code_doc", "code_text", "code_events", "preload"]


def preload() -> None:
    """Load now every table the coder reads (lexicons, gazetteers, compiled dictionaries, the place index,
    the confidence model, the date rules and the date parser) instead of on the first article that needs each.

    For a long-running process (the web app, the feed watcher, a benchmark's warm-up): a one-off run pays
    the same load either way.  Output never depends on it: every table is read-only once loaded.
    """
    from datetime import datetime

    from ..nlp import components as nlp_components, truecase
    from ..resolve import actor_gazetteers, dates, place_choice, place_index, places
    from . import (anaphora, compiled_verbs, confidence, discards, discourse, factuality, fallbacks, phoenix_discards,
                   phrases, placing, quantities, roles, trigger_senses, triggers, where_when)

    for load in (triggers.trigger_index, trigger_senses.people_nouns, compiled_verbs.verb_index, roles.role_lexicon,
                 roles._role_nouns, phrases._affiliation_words, phrases._person_nouns, phrases._venue_heads,
                 phrases._affair_nouns, phrases._judging_verbs, phrases._leader_suffixes, phrases._circumstance_nouns,
                 roles._one_word_roles, anaphora._text_nouns, trigger_senses._party_nouns,
                 trigger_senses._agent_endings, trigger_senses._multitudes, where_when._history_days,
                 where_when._background_cues, factuality.factuality_lexicon,
                 quantities.quantity_lexicon, fallbacks.fallback_rules, discards.discard_rules,
                 discards._economic_terms, discards._non_agent_classes, discards._kind_heads,
                 discourse.discourse_rules, placing.placing_rules, confidence.shipped_model,
                 phoenix_discards._index, where_when.where_when_rules, actor_gazetteers.lexicon,
                 actor_gazetteers.actor_words, actor_gazetteers._fuzzy_candidates, actor_gazetteers._full_names,
                 place_index.place_index, place_index.place_words, place_index.demonyms, places._words,
                 place_choice.choice_words, place_choice.reporting_verbs, place_choice.event_location_weights,
                 dates.load_date_rules, dates._finders, truecase._rules,
                 nlp_components.dateline_patterns):
        load()
    for name in ("texts", "natural forces"):
        discards._class_lemmas(name)
    # the date parser: its import, its English data and the parser for an undated article
    dates.resolve_date_text("March 3, 2000", published=None)


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
