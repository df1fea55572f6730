"""Places named for people: the division's name where known, the country's name, never a bare GeoNames code."""
from __future__ import annotations

from eventwire.web.places import admin1_name, country_numeric, labelled, place_label


def test_a_place_is_named_with_its_country_not_its_division_code():
    assert place_label({"name": "Kidal", "country": "MLI", "admin1": "ML.10", "precision": "city"}) == "Kidal, Mali"
    assert place_label({"name": "Austin", "country": "USA", "admin1": "TX", "precision": "city"}) == \
        "Austin, Texas, United States"
    assert place_label({"name": "Texas", "country": "USA", "admin1": "TX", "precision": "region"}) == \
        "Texas, United States"
    assert place_label({"name": "Mali", "country": "MLI", "precision": "country"}) == "Mali"
    assert place_label({"name": "Gaza Strip", "country": "PSE", "precision": "region"}) == "Gaza Strip, Palestine"
    assert place_label(None) is None and place_label({"name": "Atlantis", "country": None}) == "Atlantis"


def test_division_names_and_numeric_codes():
    assert admin1_name("USA", "NY") == "New York" and admin1_name("MLI", "ML.10") is None
    assert country_numeric("MLI") == "466" and country_numeric("IGO") is None and country_numeric(None) is None
    row = labelled([{"name": "Kidal", "country": "MLI", "admin1": "ML.10", "precision": "city"}])[0]
    assert (row["label"], row["region"], row["country_name"], row["country_numeric"]) == ("Kidal, Mali", None, "Mali",
                                                                                         "466")

