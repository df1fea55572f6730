"""Pages -> stories: where one story ends and the next begins, and what belongs to each.

The cascade, for every paragraph of a page in order:

1. furniture (``boilerplate.yml``, kind ``line``) is dropped; end-of-story furniture (comment
   prompts, sign-offs) is remembered as evidence for a boundary;
2. ``trailing`` furniture is kept provisionally and dropped if the story ends right after it;
3. a line equal to the current title is a repeated headline: dropped, and so is the caption on
   the line right under it;
4. before any body text, a title-shaped line followed by text (or standing as a block of its own)
   is the first story's title;
5. once the current story has prose, a title-shaped line followed by text is scored on the
   evidence in ``titles.yml`` (furniture before it, a dateline after it, its repetition under the
   lede, a wide gap, capitals): at the threshold it starts a new story, below it it is a
   subheading and stays in the body;
6. everything else is body text.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from eventwire.segment.boilerplate import Furniture, furniture_of, strip_inline
from eventwire.segment.datelines import find_dateline
from eventwire.segment.paragraphs import Paragraph, normalise_space, split_paragraphs
from eventwire.segment.titles import (
    boundary_rules,
    is_title_shaped,
    is_uppercase,
    starts_like_sentence,
)
from eventwire.segment.patterns import compiled, load_patterns

logger = logging.getLogger(__name__)

_FOLD_STRIP = re.compile(r"[\s\"“”‘’'.,:;!?-]+")


@dataclass
class Story:
    title: str | None
    text: str  # body only: paragraphs separated by one blank line, no boilerplate, no title
    dateline: str | None


@dataclass
class _Draft:
    title: str | None = None
    body: list[int] = field(default_factory=list)  # paragraph indices
    trailing: set[int] = field(default_factory=set)  # indices that are trailing furniture


def _same_line(a: str, b: str) -> bool:
    return _FOLD_STRIP.sub(" ", a).strip().casefold() == _FOLD_STRIP.sub(" ", b).strip().casefold()


class _Page:
    """A page's paragraphs with what is known about each (computed once)."""

    def __init__(self, text: str) -> None:
        self.paragraphs: list[Paragraph] = split_paragraphs(text)
        self.furniture = [furniture_of(p.text) for p in self.paragraphs]
        self.shaped = [
            p.lines == 1 and f is None and is_title_shaped(p.text)
            for p, f in zip(self.paragraphs, self.furniture)
        ]
        self.datelined = [
            f is None and find_dateline(p.text)[0] is not None
            for p, f in zip(self.paragraphs, self.furniture)
        ]
        prose = [
            p.text for p, f, s in zip(self.paragraphs, self.furniture, self.shaped) if f is None and not s
        ]
        self.prose_is_uppercase = bool(prose) and sum(map(is_uppercase, prose)) * 2 > len(prose)

    def next_text(self, i: int) -> int | None:
        """Index of the first paragraph after ``i`` that is not furniture."""
        for j in range(i + 1, len(self.paragraphs)):
            if self.furniture[j] is None:
                return j
        return None

    def opens_story(self, i: int) -> bool:
        """True when paragraph ``i`` is title-shaped and followed by text (prose or a lede)."""
        if not self.shaped[i]:
            return False
        j = self.next_text(i)
        return (
            j is not None
            and (not self.shaped[j] or self.datelined[j])
            and self._not_continued(j)
        )

    def stands_alone(self, i: int) -> bool:
        """True when title-shaped paragraph ``i`` is a block of its own with text after it."""
        paragraph = self.paragraphs[i]
        alone = all(
            p.block != paragraph.block
            for p in self.paragraphs[max(0, i - 1) : i + 2]
            if p is not paragraph
        )
        j = self.next_text(i)
        return self.shaped[i] and alone and j is not None and self._not_continued(j)

    def _not_continued(self, j: int) -> bool:
        """False when paragraph ``j`` continues the line above it (same block, lower case)."""
        paragraph = self.paragraphs[j]
        return paragraph.gap_before > 0 or starts_like_sentence(paragraph.text)

    def boundary_evidence(self, i: int, *, furniture_before: bool) -> dict[str, int]:
        """The evidence (name -> weight) that title line ``i`` starts a new story."""
        rules = boundary_rules()
        weights = {name: spec["weight"] for name, spec in rules["evidence"].items()}
        paragraph = self.paragraphs[i]
        found: dict[str, int] = {}
        if furniture_before:
            found["end_furniture_before"] = weights["end_furniture_before"]
        j = self.next_text(i)
        if j is not None and self.datelined[j]:
            found["dateline_after"] = weights["dateline_after"]
        lede_end = compiled(rules["evidence"]["repeated_after_lede"]["lede_end"])
        if j is not None and not self.shaped[j] and lede_end.search(self.paragraphs[j].text):
            window = self.paragraphs[j + 1 : j + 1 + rules["repeat_window"]]
            if any(_same_line(p.text, paragraph.text) for p in window):
                found["repeated_after_lede"] = weights["repeated_after_lede"]
        if paragraph.gap_before >= rules["evidence"]["wide_gap_before"]["min_blank_lines"]:
            found["wide_gap_before"] = weights["wide_gap_before"]
        if is_uppercase(paragraph.text) and not self.prose_is_uppercase:
            found["uppercase_headline"] = weights["uppercase_headline"]
        return found


def _has_prose(page: _Page, draft: _Draft) -> bool:
    """True when the draft's body holds a paragraph that is neither furniture nor title-shaped."""
    return any(not page.shaped[j] and j not in draft.trailing for j in draft.body)


def _finish(page: _Page, draft: _Draft) -> Story | None:
    """The Story a draft holds: trailing furniture cut, inline furniture stripped, dateline found."""
    body = list(draft.body)
    while body and body[-1] in draft.trailing:
        body.pop()
    texts = [normalise_space(strip_inline(page.paragraphs[i].text)) for i in body]
    return story_from_paragraphs([t for t in texts if t], title=draft.title)


def story_from_paragraphs(paragraphs: list[str], *, title: str | None) -> Story | None:
    """A Story from clean body paragraphs: the dateline moved out of the first; None if empty."""
    dateline = None
    if paragraphs:
        dateline, rest = find_dateline(paragraphs[0])
        paragraphs = ([rest] if rest else []) + paragraphs[1:]
    if not paragraphs and title is None:
        return None
    return Story(title=title, text="\n\n".join(paragraphs), dateline=dateline)


def _caption_max() -> int:
    return load_patterns("titles")["repeated_headline"]["caption_max_chars"]


def _is_caption_under(page: _Page, i: int, headline: int | None) -> bool:
    """True when paragraph ``i`` is the line right under a repeated headline (its caption)."""
    if headline is None or i != headline + 1:
        return False
    paragraph = page.paragraphs[i]
    return paragraph.block == page.paragraphs[headline].block and len(paragraph.text) <= _caption_max()


def _keep_furniture(draft: _Draft, i: int, furniture: Furniture) -> None:
    """Trailing furniture stays in the body until we know whether the story ends after it."""
    if furniture.kind == "trailing":
        draft.body.append(i)
        draft.trailing.add(i)


def split_stories(text: str) -> list[Story]:
    """The stories on a page that may hold several, each with its title and dateline."""
    page = _Page(text)
    threshold = boundary_rules()["threshold"]
    drafts = [_Draft()]
    furniture_before = False  # end-of-story furniture since the last body paragraph
    headline: int | None = None  # the last repeated headline seen
    for i, paragraph in enumerate(page.paragraphs):
        draft = drafts[-1]
        furniture = page.furniture[i]
        if _is_caption_under(page, i, headline):
            continue
        if furniture is not None:
            furniture_before = furniture_before or (furniture.ends_story and bool(draft.body))
            _keep_furniture(draft, i, furniture)
            continue
        if draft.title is not None and page.shaped[i] and _same_line(paragraph.text, draft.title):
            headline = i
            continue
        page_start = draft.title is None and all(j in draft.trailing for j in draft.body)
        if page_start and (page.opens_story(i) or page.stands_alone(i)):
            draft.title = paragraph.text
            continue
        if page.opens_story(i) and _has_prose(page, draft):
            evidence = page.boundary_evidence(i, furniture_before=furniture_before)
            if sum(evidence.values()) >= threshold:
                logger.debug("new story at paragraph %d %r: %s", i, paragraph.text, evidence)
                drafts.append(_Draft(title=paragraph.text))
                furniture_before = False
                continue
        draft.body.append(i)
        furniture_before = False
    stories = [story for draft in drafts if (story := _finish(page, draft)) is not None]
    return [story for story in stories if story.text or len(stories) == 1]


def clean_story(text: str, *, title: str | None = None) -> Story:
    """One known article: furniture and a repeated title dropped, the dateline found; never split."""
    page = _Page(text)
    title = normalise_space(title) if title else None
    draft = _Draft(title=title)
    headline: int | None = None
    for i, paragraph in enumerate(page.paragraphs):
        furniture = page.furniture[i]
        if _is_caption_under(page, i, headline):
            continue
        if furniture is not None:
            _keep_furniture(draft, i, furniture)
            continue
        if title is not None and _same_line(paragraph.text, title):
            headline = i
            continue
        draft.body.append(i)
    story = _finish(page, draft)
    return story if story is not None else Story(title=title, text="", dateline=None)
