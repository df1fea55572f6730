"""Confidence: a fitted logistic model over the features of each event candidate.

The coder's confidence is the probability that an event is right, as a logistic regression fitted on the
project's dev sets says (``eventwire fit-confidence``; ``eventwire/eval/confidence_fit.py``): a PLOVER dev
sentence's event is right when its type is the gold type, a Reuters dev story's event when it matches a gold
event of the story.  It ranks the candidates of a sentence (the top event of a sentence is the surest one),
chooses which mention of a merged event gives its evidence, and is the exported ``confidence`` that
``--min-confidence`` filters on.

Features of an event (every one named in ``FEATURE_NAMES``; each is 0/1 or a number in [0, 1]):

- the trigger: its source (``source:compiled``: a CAMEO dictionary verb, else a curated triggers.yml entry)
  and lexicon ``weight``, whether it is a noun, the event type (``type:*``);
- the parse: how the actor was found (``pattern:*``, from ``roles.py``), the clause (``clause:main``: the
  sentence's main verb or what its verb of saying reports; ``clause:subordinate``), whether another trigger
  governs it (``governed``: "suspended *aid*") or it governs one (``governing``), whether it points back to
  an earlier mention (``anaphoric``);
- factuality (``factuality:*``, asserted being the base) and whether a verb of saying reports it;
- the participants on each side (``actor:*``, ``recipient:*``): a country, another code (IGO, NGO ...), a
  named actor without a country, a generic one (a sector only: "the government"), one placed nowhere, or
  nobody; and whether the article rather than the sentence supplied it (``*:from_article``);
- the article: a text of one sentence, the lead sentence, the sentence's position, a Phoenix discard cue
  in the sentence; the number of mentions merged into the event.

There are two models, one per kind of text (``kind_of``): a text of one sentence is scored by the
``sentence`` model (fitted on the PLOVER sentences: is the type right?), an article by the ``article`` model
(fitted on the Reuters stories: is the event one of the story's?).  Which mention of a merged event speaks
for it is decided by ``rank`` — the sentence model in every text: whether a mention's type and parse are
the surer ones, which the few hundred article events cannot tell.  Their coefficients are data
(``confidence.json`` beside this module, loaded once); the runtime needs no fitting library: a dot product
and a logistic.

Today the ``article`` model is fitted (the prior alone: no feature ranks news events out of fold) and the
``sentence`` model is still the hand-set weights of before issue 11, written as a logistic model: the one
fitted on the PLOVER sentences (their 21 features, ``confidence_fit.SENTENCE_FEATURES``) types as many
sentences right and scores better on ConfliBERT, but its out-of-fold top-1 AUC is below the floor the
hand-set weights set in sample (eventwire/eval/confidence_fit.py says by how much).
"""
from __future__ import annotations

import contextlib
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..schema import EVENT_TYPES, FACTUALITY, FROM_ARTICLE, NON_STATE_CODES, Entity
from .placing import FROM_SENTENCE  # a country the sentence gave by its place or counterpart

MODEL_PATH = Path(__file__).with_name("confidence.json")

# how roles.py (and the coder's speaker fallback) found the actor; anything else is "pattern:other"
PATTERNS = ("subject", "passive-by", "passive", "control", "inherited", "statement", "acl", "between",
            "possessive", "noun-by", "noun-from", "noun-of", "modifier", "light-verb", "passive-acl", "stative",
            "speaker", "none")
PARTICIPANT_KINDS = ("country", "code", "named", "generic", "unplaced")  # "nobody" is the base
# dependency labels of a trigger in a subordinate clause ("... to protest", "who attacked")
SUBORDINATE_DEPS = frozenset({"advcl", "acl", "relcl", "csubj", "acomp", "pcomp", "amod", "xcomp"})
POSITION_SCALE = 20  # sentence index / POSITION_SCALE, capped at 1
MENTION_SCALE = 3  # extra mentions / MENTION_SCALE, capped at 1

_TRIGGER = ["source:compiled", "weight", "trigger_noun"] + [f"type:{t}" for t in EVENT_TYPES]
_PARSE = [f"pattern:{p}" for p in (*PATTERNS, "other")] + [
    "clause:main", "clause:subordinate", "governed", "governing", "anaphoric"]
_FACT = [f"factuality:{f}" for f in FACTUALITY if f != "asserted"] + ["reported"]
_ARTICLE = ["one_sentence", "lead_sentence", "sentence_position", "discard_cue"]
# set on the candidate by the coder (``speculative``: a guess, "would not be surprised to see") and on the
# event from its story (``story_features``): how economic the story's vocabulary is, whether a state the
# headline names takes part
_STORY = ["speculative", "economic_story", "headline_state"]
_SIDES = [f"{side}:{k}" for side in ("actor", "recipient") for k in (*PARTICIPANT_KINDS, "from_article")]
CANDIDATE_FEATURES = tuple(_TRIGGER + _PARSE + _FACT + _ARTICLE)  # fixed when the candidate is found
FEATURE_NAMES = CANDIDATE_FEATURES + tuple(_SIDES) + ("nobody", "mentions") + tuple(_STORY)


def clause_of(token, *, reporting) -> str:
    """``main`` (the sentence's main verb, or the clause a main verb of saying reports), ``subordinate`` or
    ``other``; ``reporting(token)`` tells a verb of saying."""
    if token.dep_ == "ROOT":
        return "main"
    if token.dep_ in ("ccomp", "conj", "parataxis") and token.head.dep_ == "ROOT" and reporting(token.head):
        return "main"
    if token.dep_ in SUBORDINATE_DEPS:
        return "subordinate"
    return "other"


def candidate_features(*, event_type: str, compiled: bool, weight: float, noun: bool, pattern: str,
                       clause: str, governed: bool, governing: bool, anaphoric: bool, factuality: str,
                       reported: bool, sentence_index: int, sentences: int, discard_cue: bool) -> dict[str, float]:
    """The features fixed when a candidate is found (its participants and mentions are added by ``score``)."""
    feats: dict[str, float] = {
        "weight": float(weight),
        f"type:{event_type}": 1.0,
        f"pattern:{pattern if pattern in PATTERNS else 'other'}": 1.0,
    }
    flags = {"source:compiled": compiled, "trigger_noun": noun, "governed": governed, "governing": governing,
             "anaphoric": anaphoric, "reported": reported, "discard_cue": discard_cue,
             f"clause:{clause}": clause in ("main", "subordinate"),
             f"factuality:{factuality}": factuality != "asserted",
             "one_sentence": sentences <= 1, "lead_sentence": sentences > 1 and sentence_index == 0}
    feats.update({k: 1.0 for k, on in flags.items() if on})
    if sentences > 1:
        feats["sentence_position"] = min(sentence_index, POSITION_SCALE) / POSITION_SCALE
    return feats


def story_features(features: dict[str, float], participants: list[Entity], *, economic: float,
                   headline: set[str]) -> dict[str, float]:
    """The candidate features with the story's: ``economic`` (discards.economic_score, the share of its
    sentences in the vocabulary of economic reporting) and whether a participant's country is one of the
    states the ``headline`` names."""
    feats = dict(features)
    feats.pop("headline_state", None)
    if economic > 0:
        feats["economic_story"] = round(economic, 3)
    if headline and any(e.country in headline for e in participants):
        feats["headline_state"] = 1.0
    return feats


def participant_kind(entity: Entity) -> str:
    """What the coder knows about one participant (one of ``PARTICIPANT_KINDS``)."""
    if entity.country and len(entity.country) == 3 and entity.country not in NON_STATE_CODES:
        return "country"
    if entity.country:
        return "code"
    if entity.name or entity.wikidata:
        return "named"
    if entity.sector:
        return "generic"
    return "unplaced"


def _as_named(entity: Entity) -> Entity:
    """A participant as the sentence named it: a country placing.py inferred (from the event's place or the state
    it acts on) is no evidence that the event is right, so it counts without it; an unnamed doer it supplied
    (no name) is left out by the caller."""
    if entity.origin != FROM_SENTENCE:
        return entity
    return Entity(entity.text, entity.name, None, entity.sector, entity.wikidata)


def side_features(side: str, entities: list[Entity]) -> dict[str, float]:
    """The best-known participant on one side (``actor`` / ``recipient``) and whether the article gave it."""
    entities = [_as_named(e) for e in entities if not (e.origin == FROM_SENTENCE and e.name is None)]
    if not entities:
        return {}
    kinds = {participant_kind(e) for e in entities}
    best = next(k for k in PARTICIPANT_KINDS if k in kinds)
    feats = {f"{side}:{best}": 1.0}
    if all(e.origin == FROM_ARTICLE for e in entities if participant_kind(e) == best):
        feats[f"{side}:from_article"] = 1.0
    return feats


def event_features(candidate: dict[str, float], actors: list[Entity], recipients: list[Entity],
                   mentions: int = 1) -> dict[str, float]:
    """Every feature of an event: its candidate features, its participants and its number of mentions."""
    feats = dict(candidate)
    feats.update(side_features("actor", actors))
    feats.update(side_features("recipient", recipients))
    if not actors and not recipients:
        feats["nobody"] = 1.0
    if mentions > 1:
        feats["mentions"] = min(mentions - 1, MENTION_SCALE) / MENTION_SCALE
    return feats


KINDS = ("sentence", "article")


def kind_of(features: dict[str, float]) -> str:
    """Which model scores an event: ``sentence`` for a text of one sentence, else ``article``."""
    return "sentence" if features.get("one_sentence") else "article"


@dataclass(frozen=True)
class LinearModel:
    """A fitted logistic regression: ``P(right) = 1 / (1 + exp(-(intercept + sum coef[f] * x[f])))``."""

    intercept: float
    coefficients: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.coefficients.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


@dataclass(frozen=True)
class ConfidenceModel:
    """One ``LinearModel`` per kind of text (``KINDS``), and what the JSON says about how it was fitted."""

    models: dict[str, LinearModel]
    about: dict[str, Any]

    def probability(self, features: dict[str, float]) -> float:
        return self.models[kind_of(features)].probability(features)


def linear_from_dict(data: dict[str, Any]) -> LinearModel:
    names, coefs = data["feature_names"], data["coefficients"]
    if len(names) != len(coefs):
        raise ValueError("confidence model: one coefficient per feature name is needed")
    return LinearModel(intercept=float(data["intercept"]), coefficients={n: float(c) for n, c in zip(names, coefs)})


def model_from_dict(data: dict[str, Any]) -> ConfidenceModel:
    missing = [k for k in KINDS if k not in data.get("models", {})]
    if missing:
        raise ValueError(f"confidence model: no {', '.join(missing)} model")
    about = {k: v for k, v in data.items() if k != "models"}
    about["sources"] = {k: data["models"][k].get("source", "fitted") for k in KINDS}
    return ConfidenceModel(models={k: linear_from_dict(data["models"][k]) for k in KINDS}, about=about)


NEUTRAL = ConfidenceModel(models={k: LinearModel(0.0, {}) for k in KINDS}, about={"neutral": True})  # all 0.5
_in_use: list[ConfidenceModel] = []  # models set by ``using_model`` (innermost last)


@functools.cache
def shipped_model() -> ConfidenceModel:
    """The shipped model (confidence.json, loaded once)."""
    with MODEL_PATH.open(encoding="utf-8") as fh:
        return model_from_dict(json.load(fh))


def confidence_model() -> ConfidenceModel:
    """The model the coder scores with: the one ``using_model`` set, else the shipped one."""
    return _in_use[-1] if _in_use else shipped_model()


@contextlib.contextmanager
def using_model(model: ConfidenceModel):
    """Code with another model inside the block (the refit codes its data with the model of its previous
    round, see eventwire/eval/confidence_fit.py)."""
    _in_use.append(model)
    try:
        yield model
    finally:
        _in_use.pop()


def score(candidate: dict[str, float], actors: list[Entity], recipients: list[Entity], mentions: int = 1,
          *, model: ConfidenceModel | None = None) -> float:
    """The probability that the event is right."""
    return (model or confidence_model()).probability(event_features(candidate, actors, recipients, mentions))


def rank(candidate: dict[str, float], actors: list[Entity], recipients: list[Entity], mentions: int = 1) -> float:
    """How sure the sentence model is of one mention (orders the mentions of a merged event)."""
    return confidence_model().models["sentence"].probability(event_features(candidate, actors, recipients, mentions))


def rescored(event, *, model: ConfidenceModel | None = None):
    """The Event with its confidence recomputed from its participants now (after the article filled some);
    an event without candidate features (read from a store) is returned as it is."""
    if event.features is None:
        return event
    mentions = max(1, len(event.mentions))
    event.confidence = round(score(event.features, event.actors, event.recipients, mentions, model=model), 3)
    return event
