"""Every entry of every actor gazetteer resolves to what it says (tiny blank-pipeline Docs, no model)."""
from __future__ import annotations

import functools

import pytest
import spacy

from eventwire.resolve import actor_gazetteers as gz
from eventwire.resolve.actors import ActorResolver, find_hits

ISO_EXTRA = {"XKX", "PSE", "VAT", "TWN", "HKG"}  # codes beyond the 193 UN members that countries.tsv adds


@functools.cache
def _blank():
    return spacy.blank("en")


def resolve(text: str, *, published: str | None = None):
    doc = _blank()(text)
    return ActorResolver(doc, published=published).entity_for_span(doc[:])


def _params(rows, fields):
    return [pytest.param(r, n, id=f"{r.get('code') or r.get('name')}:{n}") for r in rows for f in fields for n in (
        [r[f]] if isinstance(r[f], str) else r[f])]


def test_countries_cover_the_un_members():
    import pycountry

    codes = {r["code"] for r in gz.country_rows()}
    assert len(codes) == len(gz.country_rows())
    assert len(codes - ISO_EXTRA) >= 193
    assert all(pycountry.countries.get(alpha_3=c) for c in codes - {"XKX"})


@pytest.mark.parametrize("row, name", _params(gz.country_rows(), ["name", "aliases"]))
def test_country_names(row, name):
    e = resolve(name)
    assert (e.country, e.name, e.sector) == (row["code"], row["name"], None)


@pytest.mark.parametrize("row, name", _params(gz.country_rows(), ["demonyms"]))
def test_demonyms(row, name):
    assert resolve(name).country == row["code"]
    assert resolve(f"{name} lawmakers").country == row["code"]


@pytest.mark.parametrize("row, name", _params(gz.country_rows(), ["capitals"]))
def test_capitals_are_the_government(row, name):
    e = resolve(name)
    assert (e.country, e.sector, e.name) == (row["code"], "GOV", row["name"])


@pytest.mark.parametrize("row, name", _params(gz.country_rows(), ["cities"]))
def test_cities_give_the_country_only(row, name):
    e = resolve(name)
    assert (e.country, e.sector) == (row["code"], None)


@pytest.mark.parametrize("row, name", _params(gz.igo_rows(), ["name", "aliases"]))
def test_igos(row, name):
    e = resolve(name)
    assert (e.country, e.name, e.sector) == (row["code"], row["name"], row["sector"])


@pytest.mark.parametrize("row, name", _params(gz.organization_rows(), ["name", "aliases"]))
def test_organizations(row, name):
    e = resolve(name)
    assert (e.country, e.name, e.sector) == (row["country"], row["name"], row["sector"])


@pytest.mark.parametrize("row, name", _params(gz.region_rows(), ["name", "aliases"]))
def test_regions_name_no_state(row, name):
    # "Latin American" holds "American", "South American" holds no "South African": the region wins, no country
    e = resolve(name)
    assert (e.name, e.country) == (row["name"], None)
    assert resolve(row["example"]) is None or resolve(row["example"]).country is None


def _in_office_year(row) -> int:
    return row["end"] if row["end"] else max(row["start"], 2025)


@pytest.mark.parametrize("row, name", _params(gz.people_rows(), ["name", "aliases"]))
def test_people_in_office(row, name):
    year = _in_office_year(row)
    e = resolve(f"{name}", published=f"{year}-06-15")
    assert e.name == row["name"]
    held = [r for r in gz.people_rows() if r["name"] == row["name"] and (r["start"] or 0) <= year <= (r["end"] or 9999)]
    assert (e.country, e.sector) == (held[0]["country"], held[0]["sector"])
    if row["wikidata"]:
        assert e.wikidata == row["wikidata"]


def _first_start(name: str) -> int:
    return min(r["start"] for r in gz.people_rows() if r["name"] == name)


# people in office since before any news year tested have no "before" to test
@pytest.mark.parametrize("row, name", _params([r for r in gz.people_rows() if _first_start(r["name"]) > 1950], ["name"]))
def test_people_out_of_office_keep_the_country_only(row, name):
    terms = [r for r in gz.people_rows() if r["name"] == row["name"]]
    e = resolve(name, published=f"{min(r['start'] for r in terms) - 1}-06-15")
    assert e.sector is None and e.country is not None
    undated = resolve(name)
    assert undated.sector is None and undated.country in {r["country"] for r in terms}


@pytest.mark.parametrize("row, form", [pytest.param(r, f, id=f"{r['country']}:{f}")
                                       for r in gz.ethnic_rows() for f in r["forms"]])
def test_ethnic_groups_as_head_and_modifier(row, form):
    assert resolve(f"the {form}").country == row["country"]
    assert resolve(f"{form} leaders").country == row["country"]


@pytest.mark.parametrize("row", gz.ethnic_rows(), ids=lambda r: r["forms"][0])
def test_ethnic_group_examples(row):
    assert resolve(row["example"]).country == row["country"]


@pytest.mark.parametrize("row, form", _params(gz.sector_rows(), ["forms"]))
def test_sector_forms(row, form):
    e = resolve(f"the {form}")
    assert (e.sector, e.country) == (row["sector"], row["country"])


@pytest.mark.parametrize("row", gz.sector_rows(), ids=lambda r: r["forms"][0])
def test_sector_examples(row):
    assert resolve(row["example"]).sector == row["sector"]


def test_people_rows_are_well_formed():
    for r in gz.people_rows():
        assert r["country"] in gz.country_names() or r["country"] in {"UNO", "EUR", "IGO"}, r
        assert r["start"] and (r["end"] is None or r["end"] >= r["start"]), r


def test_no_name_points_at_two_entries():
    seen: dict[tuple[str, ...], tuple[str, str]] = {}
    clashes = []
    for kind, rows, fields, key in (
        ("country", gz.country_rows(), ["name", "aliases", "demonyms", "capitals", "cities"], "code"),
        ("igo", gz.igo_rows(), ["name", "aliases"], "name"),
        ("org", gz.organization_rows(), ["name", "aliases"], "name"),
        ("region", gz.region_rows(), ["name", "aliases"], "name"),
    ):
        for r in rows:
            for f in fields:
                for n in [r[f]] if isinstance(r[f], str) else r[f]:
                    k = gz.tokens_of(n)
                    if k in seen and seen[k] != (kind, r[key]):
                        clashes.append((n, seen[k], (kind, r[key])))
                    seen.setdefault(k, (kind, r[key]))
    assert not clashes


# ---- actor_words.yml: each entry's own example
@pytest.mark.parametrize("entry", gz.actor_words()["former"], ids=lambda e: e["word"])
def test_former_drops_the_sector(entry):
    e = resolve(entry["example"])
    assert e is not None and e.sector is None
    assert resolve(entry["example"].replace(f"{entry['word']}-", "").replace(f"{entry['word']} ", "")).sector


@pytest.mark.parametrize("entry", gz.actor_words()["title_links"], ids=lambda e: e["word"])
def test_a_title_linked_to_a_group_speaks_for_it(entry):
    assert resolve(entry["example"]).sector == entry["sector"]
    assert resolve(entry["example"].split(f" {entry['word']} ")[0]).sector == "GOV"  # the bare title: a state's


@pytest.mark.parametrize("entry", gz.actor_words()["org_title_sectors"], ids=lambda e: e["word"])
def test_a_title_after_an_unknown_organisation_is_not_the_states(entry):
    assert resolve(entry["example"]).sector is None
    assert resolve(entry["counter_example"]).sector == entry["word"]
    # the same title without the organisation's name is the state's
    assert resolve(entry["example"].split(" ", 1)[1]).sector == entry["word"]


@pytest.mark.parametrize(
    "entry", gz.actor_words()["affiliation_prefixes"] + gz.actor_words()["affiliation_suffixes"],
    ids=lambda e: e["word"],
)
def test_affiliation_does_not_give_the_country(entry):
    text = entry["example"]
    located = text.split(" in ")[-1]
    expected = resolve(located).country
    e = resolve(text)
    assert e.country == expected and e.sector is not None


@pytest.mark.parametrize("entry", gz.actor_words()["phrase_breaks"], ids=lambda e: e["word"])
def test_phrase_breaks_end_the_head(entry):
    words = list(gz.tokens_of(entry["example"]))
    cut = words.index(str(entry["word"]), 1)
    head = " ".join(words[:cut])
    e = resolve(entry["example"])
    assert e.sector is not None and e.sector == resolve(head).sector
    assert e.country is not None  # what follows the break locates the group


@pytest.mark.parametrize("entry", gz.actor_words()["name_skip"], ids=lambda e: e["word"])
def test_name_skip_words_leave_the_name(entry):
    e = resolve(entry["example"])
    assert e is not None and not e.name.lower().startswith(f"{entry['word']} ")


@pytest.mark.parametrize("entry", gz.actor_words()["ethnic_markers"], ids=lambda e: e["word"])
def test_ethnic_markers_make_a_demonym_an_ethnic_group(entry):
    text = entry["example"]
    placed = resolve(text.split(" in ")[-1]).country
    demonym = resolve(text.split(" in ")[0].split()[-1]).country
    assert placed != demonym and resolve(text).country == placed


@pytest.mark.parametrize("entry", gz.actor_words()["fuzzy_names"], ids=lambda e: e["word"])
def test_fuzzy_names_read_a_misspelling_as_the_one_entry_it_is_close_to(entry):
    e = resolve(entry["example"], published="2005-01-01")
    assert e is not None and e.name == entry["expect"] and e.country is not None
    kinds = gz.FUZZY_KINDS[entry["word"]]
    assert any(h.entry.kind in kinds for h in find_hits(entry["example"].split()))
    # the counter-example is no gazetteer name, and nothing in it is read as a misspelt one
    assert not any(h.entry.kind in kinds for h in find_hits(entry["counter_example"].split()))


def test_fuzzy_names_need_one_edit_and_one_entry():
    assert gz.edit_distance("ethopia", "ethiopia", limit=1) == 1
    assert gz.edit_distance("ukriane", "ukraine", limit=1) == 1  # neighbours swapped
    assert gz.edit_distance("sontas", "santos", limit=1) == 2
    assert gz.fuzzy_entry("Ethiopia") is None  # an exact name is no misspelling
    assert gz.fuzzy_entry("ethopia") is None  # only capitalised words
    assert gz.fuzzy_entry("Ethopia", alone=False) is None  # "Ethopia Smith": part of an unknown name


@pytest.mark.parametrize("entry", gz.actor_words()["fuzzy_full_names"], ids=lambda e: e["word"])
def test_a_full_name_misspelt_in_its_last_word_is_the_one_person(entry):
    words = entry["example"].split()[1:]
    assert gz.fuzzy_full_name(words).name == entry["expect"]
    assert gz.fuzzy_full_name(entry["counter_example"].split()[1:]) is None
    assert gz.fuzzy_full_name([w.lower() for w in words]) is None  # only capitalised names
    assert gz.fuzzy_full_name(entry["expect"].split()) is None  # the exact name is no misspelling


def test_a_short_surname_one_letter_off_is_another_person():
    # Canada's trade minister Pat Carney is not Ireland's Pat Carey (a compiled name): a short name with a letter more
    assert gz.fuzzy_full_name(["Pat", "Carney"]) is None


@pytest.mark.parametrize("entry", gz.actor_words()["adjective_ranks"], ids=lambda e: e["word"])
def test_an_adjective_rank_is_a_rank_only_as_a_title_or_head(entry, nlp):
    def subject(text):  # the sentence's subject phrase, read with the parse and the entities
        doc = nlp(text)
        root = next(t for t in doc if t.dep_ == "ROOT")
        head = next(t for t in root.children if t.dep_ == "nsubj")
        return ActorResolver(doc).entity_for_token(head)
    assert subject(entry["example"]).sector is not None
    counter = subject(entry["counter_example"])
    assert counter is None or counter.sector is None
    assert resolve(f"the {entry['word']}s").sector is not None  # the head noun


@pytest.mark.parametrize("text, sector", [
    ("union negotiators", "LAB"), ("rebel envoys", "REB"),  # a role held inside a group: the group's
    ("US negotiators", "GOV"), ("the UN envoy", "GOV"),  # on its own, a state's
])
def test_negotiators_and_envoys_belong_to_the_group_named_with_them(text, sector):
    assert resolve(text).sector == sector


@pytest.mark.parametrize("phrase, sector", [
    # working people named by their trade are labour; people of the land civilians
    ("1,000 unemployed miners", "LAB"), ("the strikers", "LAB"), ("Brazil's 40,000 seamen", "LAB"),
    ("sugar cane planters", "CVL"), ("the peasants", "CVL"),
    # police ranks (South Asian usage too): a constable, a superintendent of police
    ("two police constables", "COP"), ("the superintendent of police", "COP"), ("the DSP", "COP"),
])
def test_trades_and_people_of_the_land_have_a_sector(phrase, sector):
    assert resolve(phrase).sector == sector


@pytest.mark.parametrize("phrase", ["Democrats", "the Republicans", "the Social Democrats", "the Tories"])
def test_party_members_named_by_their_party_are_a_party(phrase):
    # a party named by its members has no country of its own: the article must not lend it the other side's
    e = resolve(phrase)
    assert (e.sector, e.country) == ("PTY", None)


@pytest.mark.parametrize("entry", gz.actor_words()["away_nouns"], ids=lambda e: e["word"])
def test_an_away_noun_takes_no_country_from_where_it_is(entry):
    text = entry["example"]
    place = text.split()[-1]
    assert resolve(place).country is not None  # the place alone is a country's
    e = resolve(text)
    assert e is None or e.country is None
    # a police force is where it serves
    assert resolve(f"police in {place}").country == resolve(place).country


@pytest.mark.parametrize("entry", gz.actor_words()["relational_nouns"], ids=lambda e: e["word"])
def test_a_relational_noun_is_not_the_state_it_relates_to(entry):
    e = resolve(entry["example"])
    assert e is None or e.country is None
    assert gz.is_relational_noun(entry["example"].split()[-1])


@pytest.mark.parametrize("phrase, country", [
    # the state on the other side of a relation does not give the phrase its country; a place still does
    ("the deputy chief of Israel's militia ally in southern Lebanon", "LBN"),
    ("the leader of Iraq's Kurds", "IRQ"),
])
def test_the_other_side_of_a_relation_is_not_whose_the_phrase_is(phrase, country):
    assert resolve(phrase).country == country


@pytest.mark.parametrize("entry", gz.actor_words()["money_heads"], ids=lambda e: e["word"])
def test_a_currency_is_no_actor(entry):
    assert resolve(entry["example"]) is None
    # the country that modifies it still is one
    assert resolve(entry["example"].rsplit(" ", 1)[0].removeprefix("the ")).country is not None
