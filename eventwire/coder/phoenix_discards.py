"""Phoenix discards (``eventwire.dictionaries``): phrases that mark a sentence or a whole story as no political
event - sports results, entertainment, weather ("SILVER MEDAL", "+Manchester United").

A story-level phrase stops the whole story from being coded.  A sentence-level one stops the compiled verb
dictionary in that sentence (the discards were written against PETRARCH's verb patterns); the curated
triggers keep their own context rules there ("militants attacked the football stadium" is still an attack).

    story, sentences = discarded(doc)   # True when a story-level phrase occurs; sentence starts to skip

A phrase is matched on lower-cased tokens in one pass over the Doc (a dict of first words, as the actor
lexicon does).
"""
from __future__ import annotations

import functools

from eventwire.dictionaries.tables import compiled_tables


@functools.cache
def _index() -> tuple[dict[str, tuple[tuple[tuple[str, ...], str], ...]], int]:
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, scope in compiled_tables().discards.items():
        by_first.setdefault(words[0], []).append((words, scope))
    return {k: tuple(v) for k, v in by_first.items()}, max((len(w) for w in compiled_tables().discards), default=1)


def discarded(doc) -> tuple[bool, set[int]]:
    """(whether the story is discarded, the start tokens of the sentences that are)."""
    index, _ = _index()
    lower = [t.lower_ for t in doc]
    sentences: set[int] = set()
    for i, word in enumerate(lower):
        for words, scope in index.get(word, ()):
            if tuple(lower[i:i + len(words)]) == words:
                if scope == "story":
                    return True, sentences
                sentences.add(doc[i].sent.start)
    return False, sentences
