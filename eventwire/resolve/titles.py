"""Titles and role nouns in an actor phrase: which sector the phrase's titles give it (``actor_words.yml``,
``gazetteers/sectors.tsv``; used by ``actors.ActorResolver``).

- The right-most *strong* role noun up to the phrase's head decides ("government forces" -> MIL), a *weak*
  one only when no strong one is there ("rebel leader" -> REB, "Moroccan officials" -> GOV).
- A rank that is also an adjective ("General") counts only as the head or right before a person's name
  ("General Motors", "the General Agreement" are not military; ``adjective_ranks``).
- A state title after an organisation's name that no gazetteer knows is that organisation's ("UAW president",
  "a Noranda official": no sector; ``org_title_sectors``).
- A weak title linked by "for" to a group speaks for it ("a spokesman for the union" -> LAB, "a spokesman for
  Hamas" -> REB), and linked to an organisation no gazetteer knows it gets no state sector ("a spokesman for
  C. Itoh and Co Ltd"; ``title_links``).

A hit is ``hits.Hit`` (``start``, ``end``, ``entry``); tokens are the phrase's spaCy tokens.
"""
from __future__ import annotations

from eventwire.resolve import actor_gazetteers as gz

PERSON_LABELS = frozenset({"PERSON"})


def phrase_sector(tokens, hits, region, covered: set[int], head_i: int, head_hit, *, country: str | None,
                  former: bool) -> str | None:
    """The sector the phrase's titles give it (see the module doc); ``region`` holds the hits before the
    phrase's first break, ``covered`` the positions of every hit, ``head_hit`` the hit at the head (or None)."""
    region = [h for h in region if not adjective_rank(tokens, h, head_i)]
    sector = None if former else _sector(region, head_i)
    if sector is not None and sector.lower() in gz.word_set("org_title_sectors") and country is None \
            and _unknown_org_before(tokens, covered, region, head_i):
        sector = None  # "UAW president Owen Bieber": the union's officer, not a state's
    if head_hit is None or head_hit.entry.kind != gz.SECTOR:
        return sector
    owner = _title_owner(tokens, hits, head_hit)
    if owner is not None and not former:  # "a spokesman for the union": the union's (LAB)
        return owner.sector
    if sector is not None and country is None and _linked_unknown_org(tokens, covered, head_hit):
        return None  # "a spokesman for C. Itoh and Co Ltd": the firm's officer, not a state's
    return sector


def adjective_rank(tokens, hit, head_i: int) -> bool:
    """A rank that is also an adjective ("General") used as the adjective: not the phrase's head and not
    right before a person's name ("General Motors", "the General Agreement", "the general public")."""
    if hit.end - hit.start != 1 or tokens[hit.start].lower_ not in gz.word_set("adjective_ranks"):
        return False
    if hit.start <= head_i < hit.end or hit.end >= len(tokens):
        return False
    after = tokens[hit.end]
    if after.doc.has_annotation("ENT_IOB"):
        return after.ent_type_ not in PERSON_LABELS
    return not after.is_title  # no entities read: a capitalised word after the rank may be a name


def _sector(region, head_i: int) -> str | None:
    """The right-most strong role noun up to the head, else the right-most weak one."""
    roles = [h.entry for h in region if h.entry.kind == gz.SECTOR and h.start <= head_i and h.entry.sector]
    strong = [r for r in roles if r.strong]
    pick = strong or roles
    return pick[-1].sector if pick else None


def _is_unknown_org(token) -> bool:
    """A name the NER reads as an organisation, or an acronym (a person's name is not an organisation:
    "Aquino spokesman" keeps the title's sector)."""
    return token.is_alpha and (token.ent_type_ == "ORG" or (token.is_upper and len(token) > 1))


def _unknown_org_before(tokens, covered: set[int], region, head_i: int) -> bool:
    """An organisation's name that no gazetteer knows stands before the phrase's title ("a Noranda
    official", "FNV spokesman")."""
    titles = [h.start for h in region if h.entry.kind == gz.SECTOR and h.start <= head_i]
    if not titles:
        return False
    skip = gz.word_set("name_skip")
    return any(i not in covered and t.lower_ not in skip and _is_unknown_org(t)
               for i, t in enumerate(tokens[:min(titles)]))


def _linked(tokens, head_hit) -> bool:
    """A weak title followed by a linking word ("spokesman for")."""
    end = head_hit.end
    return not head_hit.entry.strong and end < len(tokens) and tokens[end].lower_ in gz.word_set("title_links")


def _title_owner(tokens, hits, head_hit):
    """The group a weak title speaks for, named right after it by a linking word ("a spokesman for the union",
    "a spokesman for Hamas"): the first strong role noun, or organisation with a sector, after the link, or
    None."""
    if not _linked(tokens, head_hit):
        return None
    return next((h.entry for h in hits if h.start > head_hit.end and h.entry.sector and (
        (h.entry.kind == gz.SECTOR and h.entry.strong) or h.entry.kind in (gz.ORG, gz.IGO))), None)


def _linked_unknown_org(tokens, covered: set[int], head_hit) -> bool:
    """A weak title linked to an organisation's name no gazetteer knows."""
    if not _linked(tokens, head_hit):
        return False
    return any(i not in covered and _is_unknown_org(t)
               for i, t in enumerate(tokens[head_hit.end + 1:], start=head_hit.end + 1))
