"""Coding one article at a time: over-long texts in sections, failures kept to their article.

spaCy refuses a text over ``nlp.max_length`` characters (E088) and needs memory in proportion
to the text, so an article longer than ``section_limit(nlp)`` is cut into sections -- at
paragraph breaks where it can, else at line ends, sentence ends, spaces, and only as a last
resort in a word -- each parsed and coded on its own.  Each section's event offsets (evidence,
mentions) are shifted by the section's start, so they point into the stored article text as
for any other article, and the event ids are recomputed from the shifted offsets.

``code_each`` parses every section of a batch with one ``nlp.pipe`` and codes them; an article
whose parse or coding raises comes back as ``None`` with its error (``file:line``, article id)
and the other articles go on: a failure inside ``nlp.pipe`` falls back to one text at a time
for the texts the pipe had not yet given back.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from .schema import Article, Event, event_id

log = logging.getLogger(__name__)

# spaCy's parser and NER need roughly 1 GB of working memory per 100,000 characters (its own
# E088 message); no news article is that long, so only run-together dumps are ever cut.
SECTION_CHARS = 100_000
# nlp.pipe parses a whole batch at once, so a batch of long sections is held together: the
# batch is cut to about this many characters (two full sections; ordinary batches of news
# articles, a few thousand characters each, keep their size).
PIPE_BATCH_CHARS = 2 * SECTION_CHARS
_BREAKS = ("\n\n", "\n", ". ", " ")  # where to cut, best first


def section_limit(nlp) -> int:
    """The longest text coded whole: the model's ``max_length``, at most SECTION_CHARS."""
    return max(1, min(int(getattr(nlp, "max_length", SECTION_CHARS)), SECTION_CHARS))


def split_sections(text: str, limit: int) -> list[tuple[int, str]]:
    """``(offset, section)`` pairs covering ``text`` exactly, each at most ``limit`` characters.

    A cut goes after the last paragraph break in the second half of the window, else after the
    last line end, sentence end or space there, else at the window's end.
    """
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = window_end
        for brk in _BREAKS:
            at = text.rfind(brk, start + limit // 2, window_end - len(brk) + 1)
            if at >= 0:
                cut = at + len(brk)
                break
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


def shift_events(events: list[Event], offset: int) -> list[Event]:
    """Events of a section starting at ``offset``, their offsets (and ids) made article-relative."""
    if not offset:
        return events
    shifted = []
    for e in events:
        evidence = replace(e.evidence, start=e.evidence.start + offset, end=e.evidence.end + offset)
        mentions = [{**m, "start": m["start"] + offset, "end": m["end"] + offset} for m in e.mentions]
        moved = replace(e, evidence=evidence, mentions=mentions)
        moved.id = event_id(moved.article_id, moved.event_type, evidence.start, moved.trigger)
        shifted.append(moved)
    return shifted


@dataclass
class _Part:
    index: int  # the article's place in the batch
    offset: int
    text: str


def _docs(nlp, texts: Sequence[str], *, batch_size: int) -> Iterator[object]:
    """A Doc (or the exception its parse raised) per text, in order."""
    done = 0
    try:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            done += 1
            yield doc
        return
    except Exception:  # which text failed is unknown: parse the rest one at a time
        log.debug("nlp.pipe failed after %d of %d texts; parsing the rest one at a time", done, len(texts))
    for text in texts[done:]:
        try:
            yield nlp(text)
        except Exception as exc:
            yield exc


def coding_error(article: Article, exc: BaseException) -> str:
    """How a coding failure is reported: the record (``file:line``), the article id, the cause."""
    where = article.origin or "<input>"
    return f"{where}: article {article.id}: coding failed: {type(exc).__name__}: {exc}"


def code_each(articles: Sequence[Article], *, nlp, batch_size: int,
              errors: list[str] | None = None) -> list[list[Event] | None]:
    """Events for each article, in order; ``None`` where parsing or coding failed (its message
    appended to ``errors``)."""
    from .coder import code_doc

    limit = section_limit(nlp)
    parts = [_Part(i, offset, text) for i, a in enumerate(articles) for offset, text in split_sections(a.text, limit)]
    out: list[list[Event] | None] = [[] for _ in articles]
    failed: dict[int, BaseException] = {}
    longest = max((len(p.text) for p in parts), default=1)
    pipe_batch = max(1, min(batch_size, PIPE_BATCH_CHARS // max(1, longest)))  # memory bounded by characters
    for part, doc in zip(parts, _docs(nlp, [p.text for p in parts], batch_size=pipe_batch)):
        if part.index in failed:
            continue
        article = articles[part.index]
        try:
            if isinstance(doc, BaseException):
                raise doc
            found = code_doc(doc, article_id=article.id, published=article.published, dateline=article.dateline,
                             title=article.title)
            out[part.index].extend(shift_events(found, part.offset))
        except Exception as exc:  # a coder or parser bug must not lose the batch; the article stays uncoded
            failed[part.index] = exc
            log.warning("%s", coding_error(article, exc), exc_info=exc)
    for index, exc in failed.items():
        out[index] = None
        if errors is not None:
            errors.append(coding_error(articles[index], exc))
    for index, article in enumerate(articles):
        if out[index] is not None and len(article.text) > limit:
            unique = {e.id: e for e in out[index]}
            out[index] = list(unique.values())
            log.info("%s: article %s (%d characters) coded in sections of at most %d",
                     article.origin, article.id, len(article.text), limit)
    return out
