"""The sector a phrase's titles give it (eventwire/resolve/titles.py), on tiny blank-pipeline Docs."""
from __future__ import annotations

import functools

import pytest
import spacy

from eventwire.resolve.actors import find_hits
from eventwire.resolve.titles import adjective_rank, phrase_sector


@functools.cache
def _blank():
    return spacy.blank("en")


def sector_of(text: str, *, head: str | None = None, country: str | None = None, former: bool = False) -> str | None:
    """``head``: the phrase's head word (the parse's; by default its last word)."""
    tokens = list(_blank()(text))
    hits = find_hits([t.text for t in tokens])
    covered = {i for h in hits for i in range(h.start, h.end)}
    cut = next((i for i, t in enumerate(tokens) if i > 0 and t.lower_ in ("of", "in")), len(tokens))
    head_i = next(i for i, t in enumerate(tokens) if t.text == head) if head else cut - 1
    region = [h for h in hits if h.end <= cut]
    head_hit = next((h for h in region if h.start <= head_i < h.end), None)
    return phrase_sector(tokens, hits, region, covered, head_i, head_hit, country=country, former=former)


@pytest.mark.parametrize("text, head, sector", [
    ("government forces", None, "MIL"),  # the right-most strong role noun
    ("rebel leader", None, "REB"),  # a weak title yields to a strong group noun
    ("officials", None, "GOV"),  # alone, the weak title decides
    ("UAW president", None, None),  # an organisation no gazetteer knows owns the title
    ("a spokesman for the union", "spokesman", "LAB"),  # linked by "for" to a group
    ("a spokesman for ACME", "spokesman", None),  # linked to an organisation no gazetteer knows
    ("a spokesman", "spokesman", "GOV"),
])
def test_the_phrase_sector(text, head, sector):
    assert sector_of(text, head=head) == sector


def test_a_country_or_a_former_title_decides_first():
    assert sector_of("UAW president", country="USA") == "GOV"  # placed: the title stands
    assert sector_of("officials", former=True) is None


def test_an_adjective_rank_counts_only_before_a_name_or_as_the_head():
    tokens = list(_blank()("the general public"))
    hit = next(h for h in find_hits([t.text for t in tokens]) if h.start == 1)
    assert adjective_rank(tokens, hit, head_i=2)  # an adjective
    tokens = list(_blank()("General Salah"))
    hit = next(h for h in find_hits([t.text for t in tokens]) if h.start == 0)
    assert not adjective_rank(tokens, hit, head_i=1)  # before a name: the rank


@pytest.mark.slow
@pytest.mark.parametrize("text, sector", [
    # a title after an organisation no gazetteer knows: the NER reads it, or it is an acronym
    ("A Noranda official criticised the plan.", None),
    ("FNV spokesman Bert Duim criticised the plan.", None),
    ("Reagan spokesman Marlin Fitzwater criticised the plan.", "GOV"),  # a person's spokesman
    ("The Kenyan president criticised the plan.", "GOV"),
    # a title linked by "for": an unknown organisation, a known one's sector, a state organ
    ("A spokesman for C. Itoh and Co Ltd criticised the plan.", None),
    ("A spokesman for Hamas criticised the plan.", "REB"),
    ("A spokesman for the Kenyan government criticised the plan.", "GOV"),
])
def test_the_actor_of_a_parsed_sentence_gets_its_titles_sector(nlp, text, sector):
    from eventwire.coder import code_text

    (event,) = code_text(text, nlp=nlp)
    assert event.actors[0].sector == sector
