"""Actor resolution: an argument of an event -> ``Entity(text, name, country, sector)``.

    resolver = ActorResolver(doc, published="2014-12-14")
    resolver.entity_for_token(token)      # head of nsubj/dobj/pobj/... -> Entity or None
    resolver.entities_for_token(token)    # the same, following conjuncts ("Macron, Scholz and Draghi")
    resolver.entity_for_span(span)

All words are data (``gazetteers/*.tsv``, ``actor_words.yml``, see ``actor_gazetteers``).  A phrase is
read in four steps:

1. gazetteer hits (``hits.find_hits``): the longest name (country, demonym, capital, city, IGO,
   organisation, known person) or role noun ("foreign minister", "army", "lawmakers") starting at
   each token;
2. the head region: the tokens before the first phrase break ("in", "of", ",") - what follows may only
   *locate* a group ("separatists in eastern Ukraine");
3. the head decides what the phrase is: a person (known, or a capitalised name after a title), a country,
   a capital (its government), an IGO or organisation, a group (a role noun), a pronoun - or nothing
   ("the prospect", "weapons": None);
4. modifiers fill country and sector: the last country-like modifier that is not marked as an affiliation
   ("pro-Russian", "Russia-backed"), the right-most strong role noun ("government forces" -> MIL), weak
   ones only alone ("rebel leader" -> REB); "former" drops the sector (``titles.phrase_sector``).

Names: a person's canonical name ("John Kerry" for "Kerry"); a country, capital, IGO or organisation: the
entry's canonical name (a capital used as a metonym is named by its country: "Moscow" -> "Russia");
a group: its own words without leading determiners ("US lawmakers", "Ukrainian army").

People - the article's one scan of its PERSON mentions, and the coreference it gives ("Kerry" after
"Top US diplomat John Kerry", "he", "the trio") - are ``people``.  Nationality is never guessed from
the wider sentence.
"""
from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

from eventwire.nlp.syntax import subject_read_as_object
from eventwire.resolve import actor_gazetteers as gz
from eventwire.resolve.compiled_actors import AGENT
from eventwire.resolve.hits import COUNTRY_KINDS, Hit, find_hits, first_country
from eventwire.resolve.earlier_mentions import EarlierMentions
from eventwire.resolve.people import ArticlePeople, office_country
from eventwire.resolve.titles import PERSON_LABELS, phrase_sector
from eventwire.schema import FROM_ARTICLE, Entity

log = logging.getLogger(__name__)

NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
RIGHT_DEPS = frozenset({"prep", "compound", "flat", "nmod"})  # right children kept in an argument's phrase


def _year(published: str | None) -> int | None:
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


def _relation_owner(words: list[str], hit: Hit, breaks: frozenset[str]) -> bool:
    """The hit owns a relational noun that follows it in its own phrase ("Israel's militia ally")."""
    for w in words[hit.end : hit.end + 4]:
        if w.lower() in breaks:
            return False
        if gz.is_relational_noun(w):
            return True
    return False


class ActorResolver(ArticlePeople, EarlierMentions):
    """Resolves argument tokens and spans of one Doc to ``Entity`` records."""

    def __init__(self, doc: Doc, *, published: str | None = None):
        self.doc = doc
        self.year = _year(published)
        self.day = published[:10] if published and len(published) >= 10 else None
        self.parsed = doc.has_annotation("DEP")
        self._ent_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
        self._same_role: dict[tuple[str, int, str], str | None] = {}  # (lemma, sentence start, sector) -> country
        self._scan()

    # ------------------------------------------------------------------ public API
    def entity_for_token(self, token: Token) -> Entity | None:
        """The actor the noun phrase headed by ``token`` names, or None when it is not an actor."""
        token = self._climb(token)
        if token.lower_ in gz.word_set("personal_pronouns"):
            return self._pronoun(token)
        tokens = self._phrase(token)
        entity = self._resolve(tokens, token)
        appos = [c for c in token.rights if c.dep_ == "appos"] if self.parsed else []
        for a in appos:  # "Volodymyr Zelensky, Ukraine's president" / "Ukraine's leader, Volodymyr Zelensky"
            other = self._resolve(self._phrase(a), a) or self._described_state(a)
            name_tok, title_tok = token, a
            if a.ent_type_ in PERSON_LABELS and token.ent_type_ not in PERSON_LABELS:
                entity, other = other, entity
                name_tok, title_tok = a, token
            if self._title_outranks(entity, other, name_tok):
                entity = Entity(entity.text, entity.name, other.country, other.sector or entity.sector,
                                entity.wikidata)
            entity = self._merge_appos(entity, other)
        if entity is not None and entity.country is None and entity.sector and self.parsed:
            owner = self._owner_country(token) or self._member_country(token)  # "their forces", "workers
            # affiliated with the Serbian trade union"
            if owner:
                entity = Entity(entity.text, entity.name, owner, entity.sector, entity.wikidata)
        if entity is not None and entity.country is None and entity.sector and self.parsed:
            earlier = self._earlier_same_role(token, entity.sector)
            if earlier:  # (the article's word, not the sentence's: a nearer cue of the sentence may outrank it)
                entity = Entity(entity.text, entity.name, earlier, entity.sector, entity.wikidata, origin=FROM_ARTICLE)
        return entity

    def _title_outranks(self, person: Entity | None, title: Entity | None, name_tok: Token) -> bool:
        """The apposition's title says whose the person is when the name's own mention does not: "Kenzo Oshima,
        the United Nations Emergency Relief Coordinator" is the UN's, whatever office the dictionaries once
        gave him (the text is about now; the dictionaries are dated and incomplete)."""
        if person is None or title is None or not title.country or title.country == person.country:
            return False
        if name_tok.ent_type_ not in PERSON_LABELS and person.name not in gz.lexicon().offices:
            return False  # not a person: "Ukraine, the war's victim"
        own = self._resolve(self._phrase(name_tok), name_tok, coref=False)
        return own is not None and own.country is None

    def _member_country(self, token: Token) -> str | None:
        """The country of the organisation or person a group belongs to ("affiliated with", "loyal to"), not of
        a state it is loyal to."""
        for word in token.rights:
            if word.dep_ not in ("acl", "amod") or word.lower_ not in gz.word_set("membership_words"):
                continue
            for prep in (c for c in word.children if c.dep_ == "prep"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    if any(h.entry.kind in (gz.COUNTRY, gz.CAPITAL, gz.CITY) for h in find_hits([obj.text])):
                        return None
                    member_of = self.entity_for_token(obj)
                    return member_of.country if member_of is not None else None
        return None

    def _owner_country(self, token: Token) -> str | None:
        """The country of the subject "their"/"its" before ``token`` points at: the nearest subject of a
        clause above the phrase, left of it."""
        if not any(c.dep_ == "poss" and c.lower_ in gz.word_set("possessive_pronouns") for c in token.children):
            return None
        if gz.has_relational_compound(token):
            return None  # "its creditor banks": the other side of a relation, not the owner's
        node = token
        while node.head.i != node.i:
            node = node.head
            for subj in node.children:
                if subj.dep_ in ("nsubj", "nsubjpass") and subj.i < token.i and not _within(token, subj):
                    if subj.lower_ in gz.word_set("possessive_pronouns") | gz.word_set("personal_pronouns"):
                        return None
                    owner = self._resolve(self._phrase(self._climb(subj)), self._climb(subj), coref=True)
                    return owner.country if owner is not None else None
        return None

    def entities_for_token(self, token: Token) -> list[Entity]:
        """Every actor of a coordinated argument: "Macron, Scholz and Draghi" -> three entities."""
        token = self._climb(token)
        group = self._collective(token)
        if group is not None:
            return group
        # ("shelled a platform and special forces boarded another": the forces are no object, the platform no actor)
        heads = [token, *(c for c in token.conjuncts if subject_read_as_object(c) is None)] \
            if self.parsed and subject_read_as_object(token) is None else [token]
        out = []
        for t in sorted(set(heads), key=lambda t: t.i):
            e = self.entity_for_token(t)
            split = self._conjoined_modifiers(t, e)
            if split:
                out.extend(split)
            elif e is not None:
                out.append(e)
        return out

    def _conjoined_modifiers(self, token: Token, entity: Entity | None) -> list[Entity]:
        """"Hungarian and Romanian officials", "the Turkish and Greek sides": one group per country named."""
        if not self.parsed:
            return []
        for mod in token.children:
            if mod.dep_ not in ("amod", "compound", "nmod") or not any(c.dep_ == "conj" for c in mod.children):
                continue
            countries: list[str] = []
            for m in sorted([mod, *mod.conjuncts], key=lambda t: t.i):
                hits = [h for h in find_hits([m.text]) if h.entry.kind in COUNTRY_KINDS and h.entry.country]
                if hits and hits[0].entry.country not in countries:
                    countries.append(hits[0].entry.country)
            if len(countries) < 2:
                continue
            text = _text(self._phrase(token))
            base = entity or Entity(text, None, None, None)
            mods = {h.entry.country: m.text for m in [mod, *mod.conjuncts]
                    for h in find_hits([m.text])[:1] if h.entry.kind in COUNTRY_KINDS}
            return [Entity(base.text, f"{mods.get(c, '')} {token.text}".strip(), c, base.sector, base.wikidata)
                    for c in countries]
        return []

    def entity_for_span(self, span: Span) -> Entity | None:
        """The actor ``span`` names (any span: a whole phrase, an NER entity, a gold annotation)."""
        tokens = [t for t in span if not t.is_space]
        while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "'")) and len(tokens) > 1:
            tokens.pop()
        if not tokens:
            return None
        if len(tokens) == 1 and tokens[0].lower_ in gz.word_set("personal_pronouns"):
            return self._pronoun(tokens[0])
        head = span.root if self.parsed else None
        return self._resolve(tokens, head)

    # ------------------------------------------------------------------ phrase reading
    def _climb(self, token: Token) -> Token:
        while self.parsed and token.dep_ in ("compound", "flat") and token.head.i != token.i:
            token = token.head
        return self._counted(token)

    def _counted(self, token: Token) -> Token:
        """"Thousands of protesters", "a group of students": the group counted, not the count."""
        while self.parsed and token.lower_ in gz.word_set("quantity_heads"):
            of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is None:
                break
            token = obj
        return token

    def _phrase(self, token: Token) -> list[Token]:
        """``token`` with its left modifiers and the right-hand prepositional and name parts."""
        if not self.parsed:
            return [token]
        start = token.left_edge.i
        end = token.i + 1
        for child in token.rights:  # "separatists in eastern Ukraine"; stop at ",", conjuncts, clauses
            if child.dep_ not in RIGHT_DEPS:
                break
            end = max(end, child.right_edge.i + 1)
        ent = self._ent_of.get(token.i)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end)
            if ent.label_ in PERSON_LABELS and start == ent.start:
                start = self._title_start(ent.start)
        sent = token.sent if self.doc.has_annotation("SENT_START") else self.doc[:]
        start, end = max(start, sent.start), min(end, sent.end)
        for t in self.doc[start : token.i]:  # a line break ends a headline or caption
            if "\n" in t.text or "\n" in t.whitespace_:
                start = t.i + 1
        for t in self.doc[token.i : end]:
            if "\n" in t.text or "\n" in t.whitespace_:
                end = t.i + 1
                break
        toks = [t for t in self.doc[start:end] if not t.is_space]
        while toks and toks[0].is_punct and toks[0].i != token.i:
            toks.pop(0)
        while toks and toks[-1].lower_ in ("'s", "'", "’s") and toks[-1].i != token.i:
            toks.pop()
        return toks

    def _title_start(self, i: int) -> int:
        """Where a title the parser left outside a name begins: "President | Barack Obama" -> at President."""
        j = i
        while j > 0 and i - j < 6:
            t = self.doc[j - 1]
            if t.is_sent_start and not t.is_space or "\n" in t.text + t.whitespace_:
                break
            if not (t.is_space or t.is_title or t.is_upper):
                break
            j -= 1
        toks = [t for t in self.doc[j:i] if not t.is_space]
        hits = find_hits([t.text for t in toks])
        if hits and hits[-1].end == len(toks) and hits[-1].entry.kind == gz.SECTOR:
            return toks[hits[0].start].i
        return i

    def _resolve(self, tokens: list[Token], head: Token | None, *, coref: bool = True) -> Entity | None:
        words = [t.text for t in tokens]
        hits = find_hits(words)
        breaks = gz.word_set("phrase_breaks")
        covered = {i for h in hits for i in range(h.start, h.end)}
        cut = next((i for i, w in enumerate(words) if i > 0 and w.lower() in breaks and i not in covered), len(words))
        head_i = self._head_index(tokens, head, cut)
        if head_i is None or words[head_i].lower() in gz.word_set("money_heads"):
            return None  # (a currency is no actor: "the U.S. Dollar")
        posted = head_i + 1 < cut and words[head_i + 1].lower() in gz.word_set("host_breaks")
        # "Western diplomats in Moscow", "the nations in Paris": where they are, not whose (away_nouns)
        posted = posted or (head_i + 1 < len(words) and words[head_i + 1].lower() in ("in", "at")
                            and gz.is_away_noun(words[head_i]))
        cut = head_i + 1 if posted else cut  # "the ambassador to Kuwait": posted there, not Kuwait's
        # ... and so in a title before a name: "French Ambassador to Tokyo Pierre Dumont" is French
        hosts = {i + 1 for i in range(1, head_i) if words[i].lower() in gz.word_set("host_breaks")
                 and gz.is_away_noun(words[i - 1])}
        hosts |= {i + 1 for i in hosts if words[i].lower() == "the"}
        region = [h for h in hits if h.end <= cut and h.start not in hosts]
        # a state the tail names as the other side of a relation is not whose the phrase is: "the deputy chief of
        # Israel's militia ally in southern Lebanon" is Lebanese (actor_words.yml relational_nouns)
        tail = [h for h in hits if h.start >= cut and not _relation_owner(words, h, breaks)]
        text = _text(tokens)
        head_text = _text(tokens[:cut])
        head_hit = next((h for h in region if h.start <= head_i < h.end), None)
        former = any(w.lower() in gz.word_set("former") for w in words[:head_i])
        country = self._modifier_country(words, region, head_hit)
        if (head_hit is None and gz.is_relational_noun(words[head_i])) or (
                self.parsed and gz.has_relational_compound(tokens[head_i])):
            country = None  # "Israel's militia ally", "U.S. trading partners", "Brazil's creditor banks"
        sector = phrase_sector(tokens, hits, region, covered, head_i, head_hit, country=country, former=former)
        kind = head_hit.entry.kind if head_hit else None

        if cut < len(words) and words[cut].lower() == "of" and kind in (gz.PERSON, None):
            # "King Hassan of Morocco", "a colonel of the Iraqi army"; not "criticism by Baker of West German
            # monetary policy" (the parser's "of" on the name: a nationality on a thing is no one's affiliation)
            country = country or first_country([h for h in tail if _names_party_after(words, h, hits)])
        if kind == gz.PERSON and head_hit.end - head_hit.start == 1 and self._before_office(head_hit.entry.name):
            # a bare surname in a story older than every office its gazetteer person held is someone else ("said
            # Carney at Merrill Lynch" in 1987 is not the prime minister of 2025)
            return self._person(head_text, words[head_i], country, sector, former, coref, known=False)
        if kind == gz.PERSON:
            return self._person(head_text, head_hit.entry.name, country, sector, former, coref)
        if kind == gz.DEMONYM and head_hit.start > 0 and words[head_hit.start - 1].lower() in gz.word_set(
            "ethnic_markers"
        ):  # "ethnic Albanians in southern Serbia": an ethnic group, placed by the phrase or not at all
            return Entity(text, _group_name(tokens, words, head_hit.end), first_country(tail), None)
        if kind in (gz.COUNTRY, gz.DEMONYM):
            e = head_hit.entry
            if kind == gz.DEMONYM and country:  # "Bosnian Serbs": the group of that country
                return Entity(head_text, _group_name(tokens, words, head_hit.end), country, None)
            return Entity(head_text, e.name, e.country, None)
        if kind == gz.CAPITAL:
            e = head_hit.entry
            return Entity(head_text, e.name, e.country, None if former else "GOV")
        if kind == gz.CITY:
            return Entity(head_text, head_hit.entry.name, head_hit.entry.country, None)
        if kind == gz.REGION:  # "Latin America": a region, no state
            return Entity(head_text, head_hit.entry.name, None, None)
        if kind in (gz.IGO, gz.ORG):
            e = head_hit.entry
            if kind == gz.ORG and country and country != e.country and country in gz.country_names() \
                    and e.country in gz.country_names():  # "the Zimbabwe Congress", "the Mexican Congress": not
                # the US Congress - a national body's bare name, given another country, is that country's body (of
                # the same kind when nothing follows the name: "Brazil's Congress" is a legislature, "the Zimbabwe
                # Congress of Trade Unions" is not)
                sector = e.sector if head_hit.end == len(words) else None
                return Entity(head_text, _group_name(tokens, words, head_hit.end), country, sector)
            return Entity(head_text, e.name, e.country, e.sector)
        if kind == gz.SECTOR:
            role = head_hit.entry
            if country is None and not posted:
                country = first_country(tail) or self._person_country(tail) or role.country
            if country is None and role.name == AGENT:
                return None  # a dictionary agent noun names a role of an actor, not an actor (compiled_actors)
            if coref:
                person = self._titled_person(text, words, head_hit, country)
                if person is not None:
                    return person
            return Entity(text, _group_name(tokens, words, head_hit.end), country, sector)
        head_tok = tokens[head_i]
        if head_hit is None and sector is not None and head_tok.pos_ == "NOUN" and any(
                h.entry.kind == gz.SECTOR and h.end == head_i for h in region):
            # "police sentries", "army jawans": a role the noun before names
            return Entity(text, None, country or first_country(tail), sector)
        # the head is not in a gazetteer: a name the NER or capitalisation marks, or nothing
        # (a surname the article gave a person is a name, whatever the tagger calls it: "Conable")
        if head_tok.lower_ in gz.word_set("name_skip"):
            # a word dropped from names is none itself ("Senior" of "Senior Reagan Administration officials")
            return None
        surname = coref and head_tok.is_title and (self._article_surname(head_tok.text)
                                                   or self._office_surname(head_tok))
        if not self._looks_named(head_tok) and not surname:
            return None
        name_toks = self._name_run(tokens, covered, head_i)
        misspelt = gz.fuzzy_full_name([t.text for t in name_toks]) if len(name_toks) >= 2 else None
        if misspelt is not None:  # "President Laurent Gbago": a known person's name, misspelt
            return self._person(head_text, misspelt.name, country, sector, former, coref)
        name = " ".join(t.text for t in name_toks) if name_toks else text
        if coref and self.parsed and country is None and sector is None and len(tokens) == 2 \
                and words[0].lower() == "the" and head_i == 1 and head_tok.ent_type_ not in PERSON_LABELS:
            earlier = self._short_form_of(head_tok)
            if earlier is not None:  # "the Commission" after "the EC's Executive Commission"
                return Entity(head_text, earlier.name, earlier.country, earlier.sector, earlier.wikidata)
        # or a surname the article gave a person, whatever the NER calls it alone ("Lyng" after "Richard Lyng")
        is_person = head_tok.ent_type_ in PERSON_LABELS or (not head_tok.ent_type_ and sector is not None) or (
            coref and (self._article_surname(name) or (surname and name == head_tok.text)))
        if is_person:
            return self._person(head_text, name, country, sector, former, coref, known=False)
        return Entity(head_text, name, country or first_country(tail), sector)

    def _before_office(self, name: str) -> bool:
        """The article is dated before the first year of every office ``name`` held."""
        starts = [o.start for o in gz.lexicon().offices.get(name, [])]
        return self.year is not None and bool(starts) and all(s is not None and self.year < s for s in starts)

    def _head_index(self, tokens: list[Token], head: Token | None, cut: int) -> int | None:
        if head is not None:
            for i, t in enumerate(tokens[:cut]):
                if t.i == head.i:
                    return i
        for i in range(cut - 1, -1, -1):
            if not tokens[i].is_punct and tokens[i].lower_ not in ("'s", "'"):
                return i
        return None

    def _looks_named(self, tok: Token) -> bool:
        if tok.ent_type_:
            return tok.ent_type_ in NAMED_LABELS
        if self.parsed and tok.pos_:
            return tok.pos_ == "PROPN"
        return tok.is_title and tok.is_alpha

    def _name_run(self, tokens: list[Token], covered: set[int], head_i: int) -> list[Token]:
        """The capitalised tokens around the head that are not gazetteer hits: "Sergei Ryabkov"."""
        skip = gz.word_set("name_skip")

        def named(i: int) -> bool:
            t = tokens[i]
            return i not in covered and (t.is_title or t.is_upper or t.text == "-") and t.lower_ not in skip

        s = head_i
        while s > 0 and named(s - 1):
            s -= 1
        e = head_i + 1
        while e < len(tokens) and named(e):
            e += 1
        return tokens[s:e]

    def _modifier_country(self, words: list[str], region: list[Hit], head_hit: Hit | None) -> str | None:
        """The country (or IGO code) the last non-affiliation modifier of the head region gives."""
        prefixes, suffixes = gz.word_set("affiliation_prefixes"), gz.word_set("affiliation_suffixes")
        found = None
        for h in region:
            if h is not head_hit and h.entry.kind == gz.PERSON and head_hit is not None \
                    and head_hit.entry.kind == gz.SECTOR and h.end == head_hit.start:
                offices = gz.lexicon().offices.get(h.entry.name, [])
                office = next((o for o in offices if o.holds(self.year, self.day)), None) if self.year else None
                found = office_country(offices, office) or found  # "the Bush administration"
                continue
            if h is head_hit or h.entry.kind not in COUNTRY_KINDS or not h.entry.country:
                continue
            before = words[h.start - 2].lower() if h.start >= 2 and words[h.start - 1] == "-" else None
            after = words[h.end + 1].lower() if h.end + 1 < len(words) and words[h.end] == "-" else None
            if before == "anti" and h.entry.kind == gz.CAPITAL and head_hit is not None and (
                    head_hit.entry.sector or "").lower() in gz.word_set("capital_opponent_sectors"):
                found = h.entry.country  # "anti-Baghdad Kurdish rebels": fighting their own capital
                continue
            if before in prefixes or after in suffixes:
                continue
            found = h.entry.country
        return found

    def _described_state(self, noun: Token) -> Entity | None:
        """The state a description names before its noun, when the noun names no actor itself: "Coface, the
        French export credit agency" is French."""
        words = [t.text for t in noun.subtree if t.i < noun.i]
        country = first_country([h for h in find_hits(words) if h.entry.kind in (gz.COUNTRY, gz.DEMONYM)])
        return Entity(noun.text, None, country, None) if country else None

    @staticmethod
    def _merge_appos(base: Entity | None, extra: Entity | None) -> Entity | None:
        """``base`` with what an apposition adds (country, sector) where ``base`` lacks it."""
        if base is None or extra is None:
            return base or extra
        return Entity(
            base.text, base.name, base.country or extra.country, base.sector or extra.sector,
            base.wikidata or extra.wikidata,
        )


# ---------------------------------------------------------------------- helpers


def _names_party_after(words: list[str], hit: Hit, hits: list[Hit]) -> bool:
    """A tail hit that names a party: anything but a nationality adjective, which does only when the phrase ends
    with it or a role the gazetteer knows follows it ("of the Iraqi army")."""
    if hit.entry.kind != gz.DEMONYM or hit.end == len(words):
        return True
    return any(h.start == hit.end and h.entry.kind == gz.SECTOR for h in hits)


def _within(token: Token, top: Token) -> bool:
    """``token`` is ``top`` or lies in its subtree."""
    return top.left_edge.i <= token.i <= top.right_edge.i


def _text(tokens: list[Token]) -> str:
    # a Span's text is built from its own tokens; Doc.text would join the whole document every call
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _group_name(tokens: list[Token], words: list[str], end: int) -> str:
    skip = gz.word_set("name_skip")
    s = 0
    while s < end - 1 and (words[s].lower() in skip or tokens[s].is_punct):
        s += 1
    return " ".join(w for w in words[s:end] if w not in ("'s",)).replace(" - ", "-")
