"""The dictionary compiler: formats read on small files we write, and the shipped tables rebuilt from
../shared/data/dictionaries byte for byte."""
from __future__ import annotations

import gzip
import logging
import shutil
from pathlib import Path

import pytest

from eventwire.dictionaries import compiler as build_mod
from eventwire.dictionaries.compiler import COMPILED, SOURCES, Repairs, build, map_code, parse_date, plover_for
from eventwire.dictionaries.tables import load
from tests.conftest import shared_path

COUNTRIES = """\
# a comment
ALPHA_BETA_  # CountryInfo.txt
+BETA_
+PRESIDENT_BETA_
\t[AFGELI 750101-011221]
\t[AFGGOV >011222]
\t[AFGELI]
GAMMA_DELTA_  # CountryInfo.txt
+DELTA_
\t[AFGGOV >20140929]
EPSILON_ZETA_
\t[AFGGOV 2004017-20061201]
\t[USRMIL]
AFGHAN_NATIONAL_ARMY
\t[AFGMIL]
NO_CODE_AT_ALL
"""
INTERNATIONAL = "UN_SECRETARY_GENERAL\n+UNSG\n\t[IGOUNO]\nEU_COMMISSION_ [IGOEUREEC]\n"
MILNONSTATE = "SOME_ARMED_GROUP_ [IMGMUSALQ]\n+THE_GROUP_OF_SOMEONE_\n"
AGENTS = "!MINIST! = MINISTER, MINISTERS, MINISTRY\nRIOT_POLICE [~COP]\nINSURGENT [~REB]\nCHAIRMAN {CHAIRMEN} [~GOV]\nAID_AGENCY [~NGO]\nFIRE!PERSON! {} [~GOV]\nHOME_!MINIST! [~GOV]\n"
VERBS = """\
&WEAPON
+GUN
+RIFLE_

---  RUSH   [---]  ---
RUSH
SPEED {SPEEDING SPEEDS SPED }
- * AID                                               [070]         # RUSH
- * {RELIEF SUPPLIES}                                 [070]         # RUSH
- * PEACEKEEPING_FORCE                                [070]         # RUSH
- * (TO BORDER)                                       [154]         # RUSH
- * &WEAPON                                           [194]         # RUSH
- * (TO)                                              [042:043]     # RUSH
- * STATEMENT                                         [010]         # RUSH
- * (FOR HELP)                                        [020]         # RUSH
- * MINISTER                                          [060]         # RUSH
- * (TO ELECTION)                                     [034]         # RUSH
- * ENVOY                                             [060]         # RUSH
- * (FOR ELECTION)                                    [020]         # RUSH
---  MEET   [040]  ---
MEET
"""
DISCARDS = "# header\n1914\nSILVER MEDAL\nYEARS AGO\n+Manchester United   # pas 26-Feb-2014\nMJ 18 APR 2006\n"
PLOVER = "07: AID\n070: AID,  ,  # Provide aid\n154: MOBILIZE, troops, military # Mobilize\n" \
         "03: AGREE\n034: AGREE\n06: COOPERATE\n060: COOPERATE\n19: ASSAULT\n194: ASSAULT, heavy-weapons, military # Fight with artillery\n"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("dicts")
    files = dict(zip(SOURCES, (COUNTRIES, INTERNATIONAL, MILNONSTATE, AGENTS, VERBS, DISCARDS, PLOVER)))
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def compiled(small, tmp_path_factory):
    out = tmp_path_factory.mktemp("compiled")
    manifest = build(small, out)
    return manifest, load(out), out


def test_dates_two_and_four_digit_years_and_malformed_ones_dropped_with_a_warning(caplog):
    repairs = Repairs()
    assert parse_date("011222", repairs, "x") == "2001-12-22"
    assert parse_date("750101", repairs, "x") == "1975-01-01"
    assert parse_date("20140929", repairs, "x") == "2014-09-29"
    with caplog.at_level(logging.WARNING):
        assert parse_date("2004017", repairs, "file:3") is None
        assert parse_date("19920231", repairs, "file:4") is None  # no 31 February
    assert repairs.malformed_dates == ["2004017 (file:3)", "19920231 (file:4)"]
    assert "malformed date '2004017'" in caplog.text


def test_codes_map_to_the_export_contract():
    assert map_code("USAGOV") == ("USA", "GOV")
    assert map_code("USRMIL") == ("RUS", "MIL")  # the Soviet Union as countries.tsv codes it
    assert map_code("IGOUNOREFHCR") == ("UNO", None)
    assert map_code("IGOEUREEC") == ("EUR", None)
    assert map_code("IGOAFRAU") == ("IGO", None)
    assert map_code("IMGMUSALQ") == ("IMG", "REB")
    assert map_code("MNCUSA") == ("MNC", "BUS")
    assert map_code("AFGELI") == ("AFG", None)
    assert map_code("ELI") == (None, None)
    assert map_code("KNTREB") == (None, "REB")  # CAMEO's own code with no ISO meaning: the sector survives


def test_plover_decisions_for_statements_and_appeals(small):
    table = build_mod.plover_table(small / "CAMEO2PLOVER-2021.txt")
    assert plover_for("010", table) is None  # statements: no event
    assert plover_for("020", table) == ("REQUEST", "")  # appeals
    assert plover_for("0711", table) == ("AID", "")  # the 3-digit parent
    assert plover_for("154", table) == ("MOBILIZE", "")  # "troops" is not a mode the export uses


def test_actors_roles_closed_and_surnames_kept_apart(compiled):
    manifest, t, _ = compiled
    by_name = {a.name: a for a in t.actors}
    alpha = by_name["Alpha Beta"]
    assert alpha.kind == "person"
    assert ("president", "beta") in alpha.forms and alpha.surnames == ("beta",)
    gov = [r for r in alpha.roles if r.sector == "GOV"][0]
    assert (gov.start, gov.end) == ("2001-12-22", "2014-09-28")  # closed by the later open-ended holder
    assert alpha.roles[-1].dated is False  # the undated default comes last
    assert [r for r in by_name["Gamma Delta"].roles if r.sector == "GOV"][0].end is None
    assert by_name["Epsilon Zeta"].roles == (build_mod_role("RUS", "MIL"),)  # the malformed range dropped
    assert by_name["Afghan National Army"].kind == "org"
    assert by_name["Some Armed Group"].kind == "org"  # armed groups are never people
    assert "No Code At All" not in by_name
    assert manifest["repairs"]["open_roles_closed"] == 1
    assert manifest["repairs"]["malformed_dates_dropped"] == ["2004017 (Phoenix.Countries.actors.txt:12)"]


def build_mod_role(country, sector):
    from eventwire.dictionaries.tables import CompiledRole

    return CompiledRole(country, sector, None, None, False)


def test_agents_with_plurals_and_sectors(compiled):
    _, t, _ = compiled
    forms = {f: (sector, country) for fs, sector, country in t.agents for f in fs}
    assert forms[("riot", "police")] == ("COP", None)
    assert forms[("insurgents",)] == ("REB", None)
    assert forms[("chairmen",)] == ("GOV", None)  # the file's own plural
    assert forms[("aid", "agencies")] == (None, "NGO")
    assert forms[("firemen",)] == ("GOV", None) and ("fire",) not in forms  # "FIRE!PERSON!" is no "fire"
    assert forms[("home", "ministry")] == ("GOV", None)  # the file's own "!MINIST!" substitution


def test_verbs_need_a_noun_and_go_through_cameo2plover(compiled):
    _, t, _ = compiled
    got = {(p.object, p.prep, p.pobj, p.event_type) for p in t.verbs}
    assert (frozenset({"aid"}), "", frozenset(), "AID") in got
    assert (frozenset(), "to", frozenset({"border"}), "MOBILIZE") in got
    assert (frozenset({"gun", "rifle"}), "", frozenset(), "ASSAULT") in got  # the synonym set expanded
    # a phrase keeps the word before its head: the matcher asks for it as a modifier ("relief supplies", not
    # any "supplies"; "peacekeeping force", not any "force")
    assert (frozenset({"relief supplies", "relief supply"}), "", frozenset(), "AID") in got
    assert (frozenset({"peacekeeping force"}), "", frozenset(), "AID") in got
    assert not [p for p in t.verbs if p.object & {"force", "supplies", "supply"}]
    assert (frozenset({"help"}), "", frozenset(), "REQUEST") not in got
    assert (frozenset(), "for", frozenset({"help"}), "REQUEST") in got  # CAMEO 02 -> REQUEST
    assert all(p.cameo[:2] != "01" for p in t.verbs)  # statements code nothing
    assert all(p.object or p.pobj for p in t.verbs)  # "(TO)" alone and the block's bare verbs are not compiled
    assert {v for p in t.verbs for v in p.verbs} == {"rush", "speed"}


def test_posts_and_elections_filled_or_held_are_not_compiled(compiled):
    """CAMEO's cooperation and agreement codes on a post or an election (appointments, elections held) are
    domestic politics PLOVER does not code; a demand for elections and an envoy sent stay."""
    _, t, _ = compiled
    got = {(p.object, p.pobj, p.event_type) for p in t.verbs}
    assert (frozenset({"minister"}), frozenset(), "COOPERATE") not in got
    assert (frozenset(), frozenset({"election"}), "AGREE") not in got
    assert (frozenset({"envoy"}), frozenset(), "COOPERATE") in got
    assert (frozenset(), frozenset({"election"}), "REQUEST") in got


def test_discards_story_and_sentence_without_comment_fragments(compiled):
    _, t, _ = compiled
    assert t.discards == {("silver", "medal"): "sentence", ("manchester", "united"): "story"}


def test_rebuild_is_byte_identical(small, compiled, tmp_path):
    _, _, first = compiled
    build(small, tmp_path)
    for f in first.iterdir():
        assert (tmp_path / f.name).read_bytes() == f.read_bytes(), f.name


def test_missing_source_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="Phoenix.Countries.actors.txt"):
        build(tmp_path, tmp_path / "out")


@pytest.mark.data
@pytest.mark.slow
def test_shipped_tables_are_what_the_shared_dictionaries_compile_to(tmp_path):
    src = shared_path("data", "dictionaries")
    for name in SOURCES:
        if not (src / name).is_file():
            pytest.skip(f"{src / name} is absent: cannot rebuild the compiled dictionaries")
    build(src, tmp_path)
    for f in sorted(COMPILED.glob("*.gz")) + [COMPILED / "manifest.json"]:
        built = (tmp_path / f.name).read_bytes()
        assert built == f.read_bytes(), f"{f.name} differs from a rebuild: run `eventwire dictionaries build`"
    with gzip.open(COMPILED / "actors.tsv.gz", "rt", encoding="utf-8") as fh:
        assert fh.readline().split("\t")[0] == "kind"
    shutil.rmtree(tmp_path)
