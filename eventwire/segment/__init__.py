"""Segmentation: a page of text -> clean stories (title, body, dateline).

``split_stories`` finds the stories on a scraped page that may hold several; ``clean_story``
cleans one known article; ``find_dateline`` splits a lede into dateline and text.  All heuristics
are data in ``patterns/*.yml``.
"""
from eventwire.segment.datelines import find_dateline
from eventwire.segment.stories import Story, clean_story, split_stories

__all__ = ["Story", "clean_story", "find_dateline", "split_stories"]
