"""The compiled actor and agent dictionaries (``eventwire.dictionaries``) added to the actor lexicon.

Rules (issue 10):

* every curated entry wins: a compiled form the gazetteers already read - as a name, or word by word as names
  and role nouns ("German Chancellor") - is not added, and a person
  that ``people.tsv`` knows (by name or alias) keeps its people.tsv offices - the compiled forms of that person
  ("President Barack Obama") point at the people.tsv person;
* people: offices from the dated roles (day precision), then the undated default role; "ELI" roles (elites,
  out of office) carry no sector;
* a bare surname (the file's one-word synonyms, and the last word of every person's name) is no name of its
  own: it resolves through the article's full mention (the resolver's coreference), or when it is unique
  among the people holding a dated office (with a sector) on the article's date (``surname_holder``);
* agents ("riot police" COP, "insurgents" REB) become role nouns, below the curated ``sectors.tsv`` ones; as in
  PETRARCH, where an agent code (``[~COP]``) is a suffix of an actor's code, an agent gives the sector of an
  actor whose country the phrase names ("Afghan riot police", "firemen in Kabul"), and alone names no actor.
  Off by default (``agents_in_resolver`` in ``dictionaries/cameo.yml``: measured, they add false events).

Compiled names are matched on lower-cased token tuples, only where the text capitalises the name's first
and last words (``capitalised``): "Hamas", "the Afghan National Army", not "the army".
"""
from __future__ import annotations

import logging

from eventwire.dictionaries.formats import settings
from eventwire.dictionaries.tables import compiled_tables
from eventwire.resolve import actor_gazetteers as gz

log = logging.getLogger(__name__)

_KIND = {"person": gz.PERSON, "org": gz.ORG, "place": gz.CITY}
AGENT = "agent"  # the name of a compiled agent's entry: the resolver reads it only beside a country


def _year(day: str | None) -> int | None:
    return int(day[:4]) if day else None


def add_compiled(lex: gz.Lexicon) -> None:
    """Add the compiled actors and agents to ``lex`` (called once by ``actor_gazetteers.lexicon``)."""
    known_lower = {tuple(w.lower() for w in key) for key in lex.names}
    people = {}  # lower token tuple of a people.tsv name or alias -> its canonical name
    for r in gz.people_rows():
        for n in [r["name"], *r["aliases"]]:
            people[tuple(w.lower() for w in gz.tokens_of(n))] = r["name"]
    countries = {tuple(w.lower() for w in gz.tokens_of(n)): r["code"]
                 for r in gz.country_rows() for n in [r["name"], *r["aliases"]]}
    t = compiled_tables()
    for actor in t.actors:
        kind = _KIND[actor.kind]
        name = actor.name
        if kind == gz.PERSON:
            curated = next((people[f] for f in actor.forms if f in people), None)
            if curated is not None:
                name = curated  # people.tsv wins: its offices, its canonical name
            else:
                lex.offices.setdefault(name, [_office(name, r) for r in _ordered(actor.roles)])
                last = actor.forms[0][-1] if actor.forms and len(actor.forms[0]) > 1 else None
                for s in {*actor.surnames, *([last] if last and last.isalpha() else [])}:
                    lex.surnames.setdefault(s, []).append(name)
            entry = gz.Entry(gz.PERSON, name)
        else:
            role = next((r for r in actor.roles if not r.dated), actor.roles[-1])
            entry = gz.Entry(kind, name, role.country, role.sector)
            if kind == gz.CITY and countries.get(actor.forms[0]) == role.country:
                # the country's own entry: its synonyms ("Ethopia", "Afghanestan") are the country
                entry = gz.Entry(gz.COUNTRY, gz.country_names()[role.country], role.country)
        for form in actor.forms:
            if form in lex.compiled or _curated_reading(form, known_lower, lex):
                continue
            lex.compiled[form] = entry
            lex.compiled_len[form[0]] = max(lex.compiled_len.get(form[0], 0), len(form))
        lex.sources.setdefault(name, "compiled")
    if not settings()["agents_in_resolver"]:
        log.info("actor lexicon: %d compiled names, %d surnames (agents off)", len(lex.compiled), len(lex.surnames))
        return
    for forms, sector, country in t.agents:
        entry = gz.Entry(gz.SECTOR, AGENT, country, sector, True)
        for form in forms:
            if form not in lex.roles:
                lex.roles[form] = entry
                lex.max_len = max(lex.max_len, len(form))
                lex.sources.setdefault(f"agent:{' '.join(form)}", "compiled")
    log.info("actor lexicon: %d compiled names, %d surnames", len(lex.compiled), len(lex.surnames))


def _curated_reading(form: tuple[str, ...], known_lower: set[tuple[str, ...]], lex: gz.Lexicon) -> bool:
    """The curated names and role nouns already read every word of the form ("German Chancellor", "US
    President Barack Obama"): the resolver's own reading (country from the demonym, sector from the title,
    the person from people.tsv) is kept."""
    i = 0
    while i < len(form):
        for n in range(min(len(form) - i, lex.max_len), 0, -1):
            if form[i:i + n] in known_lower or form[i:i + n] in lex.roles:
                i += n
                break
        else:
            return False
    return True


def _ordered(roles):
    """Dated roles first (they decide when they hold), the undated default last."""
    return [r for r in roles if r.dated] + [r for r in roles if not r.dated]


def _office(name: str, role) -> gz.Office:
    return gz.Office(name, role.country or "", role.sector, _year(role.start), _year(role.end), "compiled", None,
                     role.start, role.end)


def capitalised(words: list[str], start: int, end: int) -> bool:
    """The text writes the name as a name: its first and last words start with a capital (or are not words)."""
    first, last = words[start], words[end - 1]
    return (first[:1].isupper() or not first[:1].isalpha()) and (last[:1].isupper() or not last[:1].isalpha())


def compiled_hit(words: list[str], lower: list[str], i: int, limit: int) -> tuple[int, gz.Entry] | None:
    """The longest compiled name starting at ``i`` (at most ``limit`` tokens long), as (length, entry)."""
    lex = gz.lexicon()
    longest = min(lex.compiled_len.get(lower[i], 0), len(words) - i)
    for n in range(longest, limit, -1):
        entry = lex.compiled.get(tuple(lower[i:i + n]))
        if entry is not None and capitalised(words, i, i + n):
            if n == 1 and any(0 <= j < len(words) and gz.unknown_name(words[j]) for j in (i - 1, i + 1)):
                continue  # one word beside an unknown capitalised one: part of a name nobody knows ("Jordan Smith")
            return n, entry
    return None


def surname_holder(surname: str, year: int | None, day: str | None) -> str | None:
    """The one person of that surname holding a dated office on ``day`` (or in ``year``), else None."""
    if year is None:
        return None
    lex = gz.lexicon()
    holders = {
        name for name in lex.surnames.get(surname.lower(), ())
        if any(o.start_day or o.end_day for o in lex.offices.get(name, ()) if o.holds(year, day) and o.sector)
    }
    return holders.pop() if len(holders) == 1 else None
