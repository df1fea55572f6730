"""Running a coder over evaluation texts.

A *coder* is any callable ``coder(text, *, nlp=None, published=None, article_id=...)``
returning a list of :class:`eventwire.schema.Event` — by default
``eventwire.coder.code_text`` with the project's pipeline.  Tests pass small fakes.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from eventwire.schema import Event

log = logging.getLogger(__name__)

Coder = Callable[..., list[Event]]


@dataclass
class CodedTexts:
    """Events per input text, with timing and the texts the coder failed on."""

    events: list[list[Event]]
    seconds: float
    failures: list[str] = field(default_factory=list)


class PipedCoder:
    """The project's coder: ``nlp.pipe`` over a batch, then ``eventwire.coder.code_doc`` per Doc.

    Called on one text it behaves like ``eventwire.coder.code_text``.
    """

    def __init__(self, *, batch_size: int = 64):
        from eventwire.coder import code_doc

        self.code_doc = code_doc
        self.batch_size = batch_size

    def __call__(self, text: str, *, nlp=None, published: str | None = None, article_id: str = "text"):
        return self.code_doc(nlp(text), article_id=article_id, published=published)

    def code_batch(self, texts: Sequence[str], *, nlp, published: Sequence[str | None], ids: Sequence[str]):
        """Events per text, ``None`` for a text the coder failed on."""
        out: list[list[Event] | None] = []
        for i, doc in enumerate(nlp.pipe(texts, batch_size=self.batch_size)):
            try:
                out.append(list(self.code_doc(doc, article_id=ids[i], published=published[i])))
            except Exception as e:  # one bad text must not stop an evaluation run
                log.warning("coder failed on %s: %s: %s", ids[i], type(e).__name__, e)
                out.append(None)
            if (i + 1) % 1000 == 0:
                log.info("coded %d of %d", i + 1, len(texts))
        return out


def default_coder() -> Coder:
    """The project's coder (``eventwire.coder``), batched over ``nlp.pipe``."""
    return PipedCoder()


def default_nlp():
    from eventwire.nlp import load_pipeline

    return load_pipeline()


def code_texts(
    texts: Sequence[str],
    *,
    coder: Coder,
    nlp=None,
    published: Sequence[str | None] | str | None = None,
    ids: Sequence[str] | None = None,
    label: str = "texts",
) -> CodedTexts:
    """Code every text; a text the coder fails on gets no events and is listed in ``failures``."""
    start = time.perf_counter()
    events: list[list[Event]] = []
    failures: list[str] = []
    ids = list(ids) if ids is not None else [f"{label}-{i}" for i in range(len(texts))]
    dates = list(published) if isinstance(published, (list, tuple)) else [published] * len(texts)
    if hasattr(coder, "code_batch") and nlp is not None:
        for article_id, result in zip(ids, coder.code_batch(texts, nlp=nlp, published=dates, ids=ids)):
            if result is None:
                failures.append(article_id)
            events.append(result or [])
        seconds = time.perf_counter() - start
        log.info("%s: coded %d texts in %.1f s", label, len(texts), seconds)
        return CodedTexts(events=events, seconds=seconds, failures=failures)
    for i, text in enumerate(texts):
        article_id, date = ids[i], dates[i]
        try:
            events.append(list(coder(text, nlp=nlp, published=date, article_id=article_id)))
        except Exception as e:  # one bad text must not stop an evaluation run
            log.warning("coder failed on %s: %s: %s", article_id, type(e).__name__, e)
            failures.append(article_id)
            events.append([])
        if (i + 1) % 1000 == 0:
            log.info("%s: coded %d of %d", label, i + 1, len(texts))
    seconds = time.perf_counter() - start
    log.info("%s: coded %d texts in %.1f s", label, len(texts), seconds)
    return CodedTexts(events=events, seconds=seconds, failures=failures)


def top_event(events: Sequence[Event]) -> Event | None:
    """The highest-confidence event (the first of equals), or None."""
    best = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def entity_countries(entities) -> set[str]:
    return {e.country for e in entities if e.country}


def entity_sectors(entities) -> set[str]:
    return {e.sector for e in entities if e.sector}
