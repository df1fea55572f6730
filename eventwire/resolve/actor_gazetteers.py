"""Actor gazetteers: the TSV/YAML files in ``gazetteers/`` loaded once and indexed by token sequence.

The files are the heuristics; this module only reads them.  Every name is tokenised with spaCy's
English tokenizer so that a name matches the tokens of a Doc made by any English pipeline.

* ``countries.tsv``     code, name, aliases, demonyms, capitals, cities
* ``ethnic_groups.tsv`` country, forms, example (groups read like demonyms: "Yoruba leaders" -> NGA)
* ``igos.tsv``          code (UNO/EUR/IGO/NGO), name, aliases, sector
* ``organizations.tsv`` name, aliases, country, sector (national bodies, armed groups, media)
* ``regions.tsv``       name, aliases, example (world regions: "Latin American" names no state)
* ``people.tsv``        name, aliases, country, sector, start, end, role, wikidata (one row per office)
* ``sectors.tsv``       sector, forms, strength, country, example (role and group nouns)
* ``actor_words.yml``   small word lists (former, pro-/-backed, phrase breaks, pronouns, collectives) and the
                        settings of fuzzy name matching (``fuzzy_names``: misspelled countries and people)
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

GAZETTEERS = Path(__file__).with_name("gazetteers")

# kinds of gazetteer hit
COUNTRY, DEMONYM, CAPITAL, CITY, IGO, ORG, PERSON, SECTOR, REGION = (
    "country", "demonym", "capital", "city", "igo", "org", "person", "sector", "region",
)


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry a name points at."""

    kind: str
    name: str  # canonical name (for SECTOR: the sector code)
    country: str | None = None
    sector: str | None = None
    strong: bool = True  # SECTOR only: a strong role noun decides the sector


@dataclass(frozen=True)
class Office:
    """One row of people.tsv."""

    name: str
    country: str
    sector: str | None
    start: int | None
    end: int | None
    role: str
    wikidata: str | None
    start_day: str | None = None  # compiled dictionaries: YYYY-MM-DD bounds (inclusive) where known
    end_day: str | None = None

    def holds(self, year: int, day: str | None = None) -> bool:
        if day and (self.start_day or self.end_day):
            return (self.start_day is None or self.start_day <= day) and (self.end_day is None or day <= self.end_day)
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass
class Lexicon:
    """Token-sequence index: exact-case names and lower-case role nouns."""

    names: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    roles: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    max_len: int = 1
    offices: dict[str, list[Office]] = field(default_factory=dict)
    # the compiled dictionaries (eventwire.dictionaries): lower-cased token tuples, matched only where the text
    # capitalises the name; the longest compiled form per first word; surname -> office holders of that name
    compiled: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    compiled_len: dict[str, int] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # canonical name -> "curated" / "compiled"

    def add_name(self, text: str, entry: Entry) -> None:
        key = tokens_of(text)
        if key and key not in self.names:  # first writer wins: countries < IGOs < organisations < people
            self.names[key] = entry
            self.max_len = max(self.max_len, len(key))

    def add_role(self, text: str, entry: Entry) -> None:
        key = tuple(t.lower() for t in tokens_of(text))
        if key:
            self.roles.setdefault(key, entry)
            self.max_len = max(self.max_len, len(key))


def _rows(filename: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV file (``#`` lines are comments), empty cells as ''."""
    with (GAZETTEERS / filename).open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items()}


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _year(cell: str) -> int | None:
    return int(cell) if cell else None


@functools.cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


@functools.lru_cache(maxsize=65536)
def tokens_of(text: str) -> tuple[str, ...]:
    """The token texts spaCy's English tokenizer makes of ``text``."""
    return tuple(t.text for t in _tokenizer()(text) if not t.is_space)


@functools.cache
def country_rows() -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "code": r["code"], "name": r["name"], "aliases": _split(r["aliases"]),
            "demonyms": _split(r["demonyms"]), "capitals": _split(r["capitals"]), "cities": _split(r["cities"]),
        }
        for r in _rows("countries.tsv")
    )


@functools.cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 code -> canonical country name."""
    return {r["code"]: r["name"] for r in country_rows()}


@functools.cache
def ethnic_rows() -> tuple[dict[str, Any], ...]:
    return tuple({"country": r["country"], "forms": _split(r["forms"]), "example": r["example"]}
                 for r in _rows("ethnic_groups.tsv"))


@functools.cache
def igo_rows() -> tuple[dict[str, Any], ...]:
    return tuple(
        {"code": r["code"], "name": r["name"], "aliases": _split(r["aliases"]), "sector": r["sector"] or None}
        for r in _rows("igos.tsv")
    )


@functools.cache
def organization_rows() -> tuple[dict[str, Any], ...]:
    return tuple(
        {"name": r["name"], "aliases": _split(r["aliases"]), "country": r["country"], "sector": r["sector"] or None}
        for r in _rows("organizations.tsv")
    )


@functools.cache
def region_rows() -> tuple[dict[str, Any], ...]:
    return tuple({"name": r["name"], "aliases": _split(r["aliases"]), "example": r["example"]}
                 for r in _rows("regions.tsv"))


@functools.cache
def region_names() -> frozenset[str]:
    """The canonical names of the world regions ("Gulf", "Latin America"): places no state owns."""
    return frozenset(r["name"] for r in region_rows())


@functools.cache
def people_rows() -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "name": r["name"], "aliases": _split(r["aliases"]), "country": r["country"],
            "sector": r["sector"] or None, "start": _year(r["start"]), "end": _year(r["end"]),
            "role": r["role"], "wikidata": r["wikidata"] or None,
        }
        for r in _rows("people.tsv")
    )


@functools.cache
def _known_names() -> tuple[frozenset[str], frozenset[str]]:
    """Canonical names of the organisations (igos.tsv, organizations.tsv) and people (people.tsv)."""
    orgs = frozenset(r["name"] for r in igo_rows()) | frozenset(r["name"] for r in organization_rows())
    return orgs, frozenset(r["name"] for r in people_rows())


def actor_kind(name: str | None, country: str | None, wikidata: str | None = None) -> str | None:
    """What a resolved entity names: ``"organisation"``, ``"person"`` or None (a state, a group, unknown).

    An organisation: an entity with one of PLOVER's non-state codes (UN, EU, NATO, NGOs, militant
    groups, companies) or a name of igos.tsv / organizations.tsv.  A person: a name of people.tsv,
    or any entity carrying a Wikidata id (only people get one).  Everything else ("Kenyan police",
    "Kenya") speaks for its country.
    """
    from eventwire.schema import NON_STATE_CODES

    if not name:
        return None
    orgs, people = _known_names()
    if name in orgs or (country in NON_STATE_CODES):
        return "organisation"
    if name in people or wikidata:
        return "person"
    return None


@functools.cache
def sector_rows() -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "sector": r["sector"] or None, "forms": _split(r["forms"]), "strong": r["strength"] == "strong",
            "country": r["country"] or None, "example": r["example"],
        }
        for r in _rows("sectors.tsv")
    )


@functools.cache
def actor_words() -> dict[str, list[dict[str, Any]]]:
    with (GAZETTEERS / "actor_words.yml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@functools.cache
def word_set(section: str) -> frozenset[str]:
    """The lower-cased words of one section of actor_words.yml."""
    return frozenset(str(e["word"]).lower() for e in actor_words()[section])


def is_away_noun(word: str) -> bool:
    """A head noun (singular or a regular plural) of actor_words.yml `away_nouns`: its "in" place is where it is,
    not whose it is ("diplomats in Moscow", "the countries at Geneva")."""
    return _in_section(word, "away_nouns")


def is_relational_noun(word: str) -> bool:
    """A head noun (singular or a regular plural) of actor_words.yml `relational_nouns`: whose it is names the
    other side of a relation ("U.S. trading partners", "Iraq's neighbours")."""
    return _in_section(word, "relational_nouns")


def has_relational_compound(token) -> bool:
    """A noun a relational noun modifies ("its creditor banks", "Brazil's creditor banks"): the other side of the
    relation, as the relational noun itself would be."""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" and is_relational_noun(c.text) for c in token.children)


def _in_section(word: str, section: str) -> bool:
    """Is ``word``, or the singular of a regular plural, in ``section``?"""
    low = word.lower()
    words = word_set(section)
    return low in words or (low.endswith("ies") and low[:-3] + "y" in words) or (
        low.endswith("s") and low[:-1] in words)


@functools.cache
def word_sizes(section: str) -> dict[str, int | None]:
    return {str(e["word"]).lower(): e.get("size") for e in actor_words()[section]}


@functools.cache
def subdivision_names() -> tuple[tuple[str, str], ...]:
    """Two-word subdivision names (pycountry) opening with one of ``subdivision_modifiers``, and their demonyms
    ("British Columbia", "British Columbian(s)"), with the subdivision's country; a name two countries share is
    left out."""
    import pycountry

    modifiers = {str(e["word"]) for e in actor_words()["subdivision_modifiers"]}
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        words = sub.name.split()
        if len(words) != 2 or words[0] not in modifiers or not words[1].isalpha() or len(words[1]) < 4:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        forms = [sub.name]
        if sub.name.endswith("a"):
            forms += [sub.name + "n", sub.name + "ns"]
        elif sub.name.endswith("o"):
            forms += [sub.name[:-1] + "an", sub.name[:-1] + "ans"]
        for form in forms:
            found.setdefault(form, set()).add(country.alpha_3)
    return tuple(sorted((form, codes.pop()) for form, codes in found.items() if len(codes) == 1))


@functools.cache
def lexicon() -> Lexicon:
    """All actor names and role nouns, indexed by token sequence (built once per process)."""
    lex = Lexicon()
    for r in country_rows():
        code, name = r["code"], r["name"]
        for n in [name, *r["aliases"]]:
            lex.add_name(n, Entry(COUNTRY, name, code))
        for n in r["demonyms"]:
            lex.add_name(n, Entry(DEMONYM, name, code))
        for n in r["capitals"]:
            lex.add_name(n, Entry(CAPITAL, name, code, "GOV"))
        for n in r["cities"]:
            lex.add_name(n, Entry(CITY, n, code))
    names = country_names()
    for r in ethnic_rows():  # a group of that country, read like a demonym
        for n in r["forms"]:
            lex.add_name(n, Entry(DEMONYM, names[r["country"]], r["country"]))
    for r in igo_rows():
        for n in [r["name"], *r["aliases"]]:
            lex.add_name(n, Entry(IGO, r["name"], r["code"], r["sector"]))
    for r in organization_rows():
        for n in [r["name"], *r["aliases"]]:
            lex.add_name(n, Entry(ORG, r["name"], r["country"], r["sector"]))
    for name, code in subdivision_names():  # "British Columbian": Canada's, not Britain's or Colombia's
        lex.add_name(name, Entry(CITY, name, code))
    for r in region_rows():  # no state: the longer name keeps "American" of "Latin American" from the USA
        for n in [r["name"], *r["aliases"]]:
            lex.add_name(n, Entry(REGION, r["name"]))
    for r in people_rows():
        lex.offices.setdefault(r["name"], []).append(
            Office(r["name"], r["country"], r["sector"], r["start"], r["end"], r["role"], r["wikidata"])
        )
        for n in [r["name"], *r["aliases"]]:
            lex.add_name(n, Entry(PERSON, r["name"]))
    for r in sector_rows():
        for form in r["forms"]:
            lex.add_role(form, Entry(SECTOR, r["sector"] or "", r["country"], r["sector"], r["strong"]))
    lex.sources = {e.name: "curated" for e in (*lex.names.values(), *lex.roles.values())}
    from eventwire.resolve.compiled_actors import add_compiled

    add_compiled(lex)  # below every curated entry: the project's own names, roles and people win
    return lex


# ---------------------------------------------------------------------- misspelled names
FUZZY_KINDS = {"country": (COUNTRY, DEMONYM), "person": (PERSON,)}


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap neighbours), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@functools.cache
def _fuzzy_candidates() -> tuple[tuple[dict[str, Any], dict[str, list[tuple[str, Entry]]]], ...]:
    """Per fuzzy_names rule: one-word names of its kinds, bucketed by first letter (a misspelling keeps it)."""
    lex = lexicon()
    out = []
    for rule in actor_words().get("fuzzy_names", []):
        kinds = FUZZY_KINDS[rule["word"]]
        buckets: dict[str, list[tuple[str, Entry]]] = {}
        for key, entry in lex.names.items():
            if len(key) == 1 and entry.kind in kinds and len(key[0]) >= rule["min_length"] and key[0].isalpha():
                buckets.setdefault(key[0][0].lower(), []).append((key[0].lower(), entry))
        out.append((rule, buckets))
    return tuple(out)


def unknown_name(word: str) -> bool:
    """A capitalised word that is no gazetteer name (nor a leading determiner): a part of an unknown name."""
    return word[:1].isupper() and word.isalpha() and tokens_of(word) not in lexicon().names \
        and word.lower() not in word_set("name_skip")


def other_name_part(word: str, person: Entry) -> bool:
    """Is ``word``, just before or after a known person's one-word name, part of another person's name: a
    title-case word that is no gazetteer name, no role and no part of the person's own name?  "Bandar Abbas" (a
    port), "Ali Abbas" and "Albert Melnikov" are not Mahmoud Abbas nor Prince Albert; "President Abbas" and
    "Mahmoud Abbas" are.  An all-capitals word (a headline) says nothing."""
    return unknown_name(word) and word[1:].islower() and (word.lower(),) not in lexicon().roles \
        and word.lower() not in person.name.lower().split()


@functools.lru_cache(maxsize=8192)
def fuzzy_entry(word: str, *, alone: bool = True) -> Entry | None:
    """The one gazetteer entry a capitalised, unknown word is a misspelling of (``fuzzy_names``), else None.

    ``alone``: the word touches no other unknown capitalised word (rules marked ``alone`` need it)."""
    if not unknown_name(word):
        return None
    low = word.lower()
    for rule, buckets in _fuzzy_candidates():
        if len(low) < rule["min_length"] or (rule.get("alone") and not alone):
            continue
        limit = rule["max_edits"]
        found = {(e.kind, e.name): e for name, e in buckets.get(low[0], [])
                 if edit_distance(low, name, limit=limit) <= limit}
        entries = {e.name for e in found.values()}
        if len(entries) == 1:
            return next(iter(found.values()))
    return None


@functools.cache
def _full_names() -> dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]:
    """People's names of two or more words (curated and compiled), lower-cased, by their first word."""
    lex = lexicon()
    out: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    for key, entry in [*lex.names.items(), *lex.compiled.items()]:
        if entry.kind == PERSON and len(key) >= 2:
            out.setdefault(key[0].lower(), []).append((tuple(w.lower() for w in key), entry))
    return {k: tuple(v) for k, v in out.items()}


def fuzzy_full_name(words: list[str]) -> Entry | None:
    """The one known person whose full name ``words`` misspells in its last word (``fuzzy_full_names``)."""
    rules = actor_words().get("fuzzy_full_names") or []
    low = tuple(w.lower() for w in words)
    if len(low) < 2 or not all(w[:1].isupper() for w in words):
        return None
    for rule in rules:
        limit = rule["max_edits"]
        if len(low[-1]) < rule["min_length"]:
            continue
        longer = rule.get("min_length_longer", 0)  # a short name with a letter more is most often another name
        found = {e.name: e for key, e in _full_names().get(low[0], ())
                 if len(key) == len(low) and key[:-1] == low[:-1] and key[-1] != low[-1]
                 and (len(low[-1]) <= len(key[-1]) or len(low[-1]) >= longer)
                 and edit_distance(low[-1], key[-1], limit=limit) <= limit}
        if len(found) == 1:
            return next(iter(found.values()))
    return None
