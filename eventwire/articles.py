"""RawDocument -> Article: split a page into stories, clean them, give each a stable id.

Plain-text pages may hold several stories run together with site furniture, so
they go through ``split_stories``; every other input (HTML after extraction,
JSONL records, feed entries, WARC pages) is one known article and only gets
``clean_story`` (boilerplate, repeated title, dateline) — never split.
"""
from __future__ import annotations

import logging
import re

from .schema import Article, RawDocument, article_id
from .segment import Story, clean_story, split_stories

log = logging.getLogger(__name__)

_YEAR = re.compile(r"\b(19|20)\d\d\b")


def date_from_dateline(dateline: str | None) -> str | None:
    """A publication date from a dateline that names a full date ("KYIV, June 16, 2022 -").

    Datelines without a year ("SALVADOR, Feb 26 -") give no date: the year would be a guess.
    """
    if not dateline or not _YEAR.search(dateline):
        return None
    import dateparser

    body = re.sub(r"^[^,]*,", "", dateline)  # drop the place before the first comma
    body = re.sub(r"\(.*?\)|[-–—]+\s*$", " ", body).strip()
    parsed = dateparser.parse(body, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def stories_of(raw: RawDocument) -> list[Story]:
    """The stories in one input document."""
    if raw.format == "text" and raw.content_type == "text":
        return split_stories(raw.content)
    return [clean_story(raw.content, title=raw.title)]


def articles_from_document(raw: RawDocument, *, published: str | None = None) -> list[Article]:
    """The clean articles one input document holds (empty when nothing is left after cleaning).

    ``published`` (the ``--published`` flag) wins for plain text; otherwise the
    input's own metadata, then a dateline with a full date.
    """
    stories = [s for s in stories_of(raw) if s.text.strip()]
    articles = []
    for n, story in enumerate(stories, start=1):
        external = raw.external_id
        if external is not None and len(stories) > 1:
            external = f"{external}#{n}"
        date = (published if raw.format == "text" else None) or raw.published or date_from_dateline(story.dateline) or published
        articles.append(
            Article(
                id=article_id(story.text),
                text=story.text,
                external_id=external,
                title=story.title or raw.title,
                published=date,
                source=raw.source,
                url=raw.url,
                dateline=story.dateline,
                format=raw.format,
                origin=raw.origin,
            )
        )
    if not articles:
        log.info("%s: no article text left after removing boilerplate", raw.origin)
    return articles
