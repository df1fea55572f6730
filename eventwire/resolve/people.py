"""People in one article: what its mentions say of each person, for ``actors.ActorResolver``.

Coreference stays inside the Doc: the constructor scans the PERSON entities once and keeps, per person,
the country and sector its fullest mentions give ("Top US diplomat John Kerry" -> a later "Kerry" is
USA/GOV), the titles they carried ("the top US diplomat" -> Kerry when he is the only one so described),
who is mentioned in which sentence ("he" -> the one person of the previous sentence and this one) and
lists of conjoined people ("the trio").  Nationality is never guessed from the wider sentence.

A person's mention resolves (``_person``) by its own title and nationality first, then by the article's fuller
mentions, then by ``people.tsv`` (and the compiled dictionaries): the office held on the publication date, or,
undated, the person's country without a sector.  ``ArticlePeople`` is mixed into ``ActorResolver``, which
reads the phrases (``_phrase``, ``_resolve``) and sets ``doc``, ``parsed``, ``year`` and ``day``.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.resolve import actor_gazetteers as gz
from eventwire.resolve.compiled_actors import surname_holder
from eventwire.resolve.hits import Hit, find_hits
from eventwire.resolve.titles import PERSON_LABELS
from eventwire.schema import Entity

PRONOUN_WINDOW = 1  # previous sentences searched for a pronoun's person
GROUP_WINDOW = 2  # previous sentences searched for a collective's list of people


@dataclass
class _Person:
    name: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None


class ArticlePeople:
    """The people of one article (see the module doc); mixed into ``actors.ActorResolver``."""

    doc: Doc
    parsed: bool
    year: int | None
    day: str | None

    def _person_country(self, hits: list[Hit]) -> str | None:
        """The country of the first known person among ``hits``: "supporters of President X" -> X's."""
        for h in hits:
            if h.entry.kind == gz.PERSON:
                offices = gz.lexicon().offices.get(h.entry.name, [])
                office = next((o for o in offices if o.holds(self.year, self.day)), None) if self.year else None
                return office_country(offices, office)
        return None

    def _person(self, text, name, country, sector, former, coref, *, known=True) -> Entity:
        """A person: the mention's own title and nationality first, then the article's fuller mentions
        (``coref``), then people.tsv - the office held in the publication year, or, undated, the
        person's country without a sector."""
        record = self._people.get(self._aliases.get(name, name)) if coref else None
        if record is None and coref and not known:
            record = self._people.get(self._aliases.get(name.split()[-1], ""))
        if record is not None and not known and " " not in record.name and record.country is None:
            # the article's only "mention" of this surname is a bare one ("Prime Minister Nakasone"): who held an
            # office under that name on the day says more
            holder = surname_holder(record.name, self.year, self.day)
            record, name = (None, holder) if holder else (record, name)
        if record is not None:
            name = record.name
        elif coref and not known and " " not in name:  # a bare surname no full mention explains
            name = surname_holder(name, self.year, self.day) or name
        offices = gz.lexicon().offices.get(name, [])
        wikidata = next((o.wikidata for o in offices if o.wikidata), None)
        if not coref:  # the scan: what this mention itself says
            return Entity(text, name, country, sector, wikidata)
        office = next((o for o in offices if o.holds(self.year, self.day)), None) if self.year is not None else None
        country = country or (record.country if record else None) or office_country(offices, office)
        if sector is None and not former:
            sector = (record.sector if record else None) or (office.sector if office else None)
        return Entity(text, name, country, sector, wikidata)

    def _office_surname(self, token) -> bool:
        """A bare capitalised word, with no determiner, that is the surname of exactly one holder of a dated office
        on the article's day ("Nakasone hopes to meet President Reagan", where the tagger calls the sentence's
        first word a common noun): that office holder."""
        return token.is_title and token.is_alpha and self.year is not None \
            and not any(c.dep_ == "det" for c in token.children) \
            and surname_holder(token.text, self.year, self.day) is not None

    def _article_surname(self, name: str) -> bool:
        """``name`` is one word, the surname of a person the article names in full."""
        return " " not in name and name in self._aliases and self._aliases[name] != name \
            and self._aliases[name] in self._people

    def _titled_person(self, text: str, words, head_hit: Hit, country: str | None) -> Entity | None:
        """ "the top US diplomat" -> the one person the article described with that title and country."""
        if words[0].lower() != "the":
            return None
        key = (" ".join(words[head_hit.start : head_hit.end]).lower(), country)
        names = self._titles.get(key, set())
        if len(names) != 1:
            return None
        p = self._people[next(iter(names))]
        return Entity(text, p.name, p.country, p.sector, p.wikidata)

    def _pronoun(self, token: Token) -> Entity | None:
        sents = self._sentence_starts()
        cur = _sentence_index(sents, token.i)
        lo = sents[max(0, cur - PRONOUN_WINDOW)]
        names = {n for s, i, n in self._mentions if lo <= i < token.i}
        if len(names) != 1:
            return None
        p = self._people[names.pop()]
        return Entity(token.text, p.name, p.country, p.sector, p.wikidata)

    def _collective(self, token: Token) -> list[Entity] | None:
        sizes = gz.word_sizes("collectives")
        if not self.parsed or token.lower_ not in sizes:
            return None
        size = sizes[token.lower_]
        numbers = gz.word_sizes("numbers")
        for left in token.lefts:
            if left.lower_ in numbers:
                size = numbers[left.lower_]
        sents = self._sentence_starts()
        lo = sents[max(0, _sentence_index(sents, token.i) - GROUP_WINDOW)]
        for i, names in reversed(self._lists):
            if lo <= i < token.i and (size is None or size == len(names)):
                return [
                    Entity(token.text, p.name, p.country, p.sector, p.wikidata)
                    for p in (self._people[n] for n in names)
                ]
        return None

    def _sentence_starts(self) -> list[int]:
        if not hasattr(self, "_sent_starts"):
            if self.doc.has_annotation("SENT_START"):
                self._sent_starts = [s.start for s in self.doc.sents]
            else:
                self._sent_starts = [0]
        return self._sent_starts

    def _scan(self) -> None:
        """Read every PERSON mention once: full mentions, titles, sentences and conjoined lists."""
        self._people: dict[str, _Person] = {}  # canonical name -> what the article says of them
        self._aliases: dict[str, str] = {}  # surname / full mention text -> canonical name
        self._titles: dict[tuple[str, str | None], set[str]] = {}  # (role noun, country) -> people
        self._mentions: list[tuple[int, int, str]] = []  # (sentence start, token i, person name)
        self._lists: list[tuple[int, list[str]]] = []  # (token i, conjoined people)
        ents = [e for e in self.doc.ents if e.label_ in PERSON_LABELS]
        if not ents:
            return
        resolved: list[tuple[Span, Entity]] = []
        for ent in ents:
            title = self._title_to(ent.root) if self.parsed else []
            tokens = list(ent) if title else self._phrase(ent.root) if self.parsed else list(ent)
            e = self._resolve(tokens, ent.root, coref=False) if tokens else None
            if e is None or not e.name:
                continue
            if title:  # "Portuguese Ambassador to Peking Octavio Valerio": Portugal's ambassador, not Peking's
                e = self._merge_appos(e, self._resolve(title, title[-1], coref=False))
            resolved.append((ent, self._with_apposition(ent.root, e)))
        # full names first, so that a bare surname joins the full mention that carries it
        for ent, e in sorted(resolved, key=lambda p: -len(p[1].name.split())):
            canonical = self._aliases.get(e.name) or self._aliases.get(e.name.split()[-1]) or e.name
            p = self._people.setdefault(canonical, _Person(canonical))
            p.country = p.country or e.country
            p.sector = p.sector or e.sector
            p.wikidata = p.wikidata or e.wikidata
            for key in (e.name, e.name.split()[-1], ent.text):
                self._aliases.setdefault(key, canonical)
        sents = self._sentence_starts()
        for ent, e in resolved:
            canonical = self._aliases.get(e.name, e.name)
            self._mentions.append((sents[_sentence_index(sents, ent.start)], ent.root.i, canonical))
            self._record_title(ent, canonical)
            if self.parsed and ent.root.dep_ != "conj":
                names = [canonical]
                for c in ent.root.conjuncts:
                    if c.ent_type_ in PERSON_LABELS:
                        other = self._resolve(self._phrase(c), c, coref=False)
                        if other and other.name:
                            names.append(self._aliases.get(other.name, other.name))
                if len(names) > 1:
                    self._lists.append((ent.root.i, names))
        # the resolved person records now include what every mention said: fill the country from known offices
        for p in self._people.values():
            offices = gz.lexicon().offices.get(p.name, [])
            office = next((o for o in offices if o.holds(self.year, self.day)), None) if self.year is not None else None
            p.country = p.country or office_country(offices, office)
            p.sector = p.sector or (office.sector if office else None)

    @staticmethod
    def _title_to(root: Token) -> list[Token]:
        """The title before "to" (actor_words.yml ``host_breaks``, on an ``away_nouns`` head) when the parser made the
        person its destination ("Portuguese Ambassador to Peking
        Octavio Valerio": "Valerio" hangs on "to", "Peking" on the name): the words before "to" name the person's
        office and country; the place after it is where the office is held."""
        prep = root.head
        if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in gz.word_set("host_breaks"):
            return []
        title = prep.head
        if title.pos_ not in ("NOUN", "PROPN") or title.ent_type_ in PERSON_LABELS or not gz.is_away_noun(title.lower_):
            return []
        return [t for t in title.subtree if t.i < prep.i and t.ent_type_ not in PERSON_LABELS]

    def _with_apposition(self, root: Token, e: Entity) -> Entity:
        """The person with the country and sector a title in apposition gives ("Alexander Ivanov, head of the Gulf
        desk at the Soviet Foreign Ministry"), as its own mention reads (``entity_for_token``): so a later bare
        "Ivanov" is Soviet too."""
        if not self.parsed or (e.country and e.sector):
            return e
        around = [c for c in root.rights if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        for a in around:
            if a.ent_type_ not in PERSON_LABELS:
                e = self._merge_appos(e, self._resolve(self._phrase(a), a, coref=False))
        return e

    def _record_title(self, ent: Span, canonical: str) -> None:
        if not self.parsed:
            return
        tokens = self._phrase(ent.root)
        words = [t.text for t in tokens]
        breaks = gz.word_set("phrase_breaks")
        cut = next((i for i, w in enumerate(words) if i > 0 and w.lower() in breaks), len(words))
        p = self._people[canonical]
        for h in find_hits(words[:cut]):
            if h.entry.kind == gz.SECTOR and h.entry.strong:
                key = (" ".join(words[h.start : h.end]).lower(), p.country)
                self._titles.setdefault(key, set()).add(canonical)


def _sentence_index(starts: list[int], i: int) -> int:
    lo = 0
    for k, s in enumerate(starts):
        if s <= i:
            lo = k
        else:
            break
    return lo


def office_country(offices: list[gz.Office], office: gz.Office | None) -> str | None:
    """The country of the office held, else the person's own (first state, not an IGO, they served)."""
    if office is not None:
        return office.country
    states = [o for o in offices if o.country in gz.country_names()] or offices
    return states[0].country if states else None
