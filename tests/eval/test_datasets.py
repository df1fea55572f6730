import json

import pycountry
import pytest

from eventwire.errors import InputError
from eventwire.eval import datasets
from eventwire.eval.datasets import (
    DATASETS, cameo_country_table, iso_country, missing_reason, read_jsonl, resolve_data_dir,
)


def test_explicit_data_dir_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"


def test_environment_overrides_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path / "env"))
    assert resolve_data_dir() == tmp_path / "env"


def test_shared_data_beside_cwd_then_repo_sibling(tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_DATA", raising=False)
    (tmp_path / "shared" / "data").mkdir(parents=True)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert resolve_data_dir() == tmp_path / "shared" / "data"
    monkeypatch.chdir(tmp_path)
    assert resolve_data_dir() == datasets.REPO_SIBLING_DATA


def test_missing_folder_and_file_are_reasons_to_skip(tmp_path):
    assert "absent" in missing_reason(tmp_path, "plover")
    (tmp_path / DATASETS["plover"].folder).mkdir()
    assert "plover_gsr_dev.jsonl" in missing_reason(tmp_path, "plover")
    (tmp_path / DATASETS["plover"].folder / DATASETS["plover"].file).write_text("")
    assert missing_reason(tmp_path, "plover") is None


def test_read_jsonl_limit_and_blank_lines(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(json.dumps({"n": i}) for i in range(5)) + "\n\n")
    assert [r["n"] for r in read_jsonl(path, limit=3)] == [0, 1, 2]
    assert len(list(read_jsonl(path))) == 5


def test_read_jsonl_names_the_broken_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n{broken\n')
    with pytest.raises(InputError) as e:
        list(read_jsonl(path))
    assert e.value.line == 2 and str(path) in str(e.value)


@pytest.mark.parametrize("cameo,iso", sorted(cameo_country_table().items()))
def test_every_cameo_country_entry_maps_a_non_iso_code_to_iso(cameo, iso):
    assert pycountry.countries.get(alpha_3=cameo) is None, f"{cameo} is already ISO; the entry is not needed"
    assert pycountry.countries.get(alpha_3=iso) is not None
    assert iso_country(cameo) == iso
    assert iso_country(cameo.lower()) == iso


def test_codes_not_in_the_table_pass_through():
    assert iso_country("USA") == "USA"
    assert iso_country("IGO") == "IGO"
    assert iso_country(None) is None and iso_country("") is None
