from eventwire.eval.locations import iso3, name_resolved, same_place, score_locations
from eventwire.schema import Place

ROME = Place(name="Rome", country="ITA", lat=41.89, lon=12.51, precision="city")


def test_iso3_from_two_and_three_letters():
    assert iso3("IR") == "IRN" and iso3("irn") == "IRN" and iso3(None) is None


def test_name_resolution_needs_coordinates_and_the_gold_country():
    assert name_resolved(ROME, country="ITA") and name_resolved(ROME, country=None)
    assert not name_resolved(ROME, country="USA")
    assert not name_resolved(Place(name="Rome"), country=None)
    assert not name_resolved(None, country="ITA")


def test_same_place_by_name_or_containment():
    assert same_place(ROME, "Rome") and same_place(Place(name="West Bank"), "the West Bank")
    assert not same_place(ROME, "Milan") and not same_place(None, "Rome")


def test_score_locations():
    items = [{"name": "Rome", "country": "ITA", "resolved": ROME, "event_location": ROME},
             {"name": "Milan", "country": "ITA", "resolved": None, "event_location": ROME}]
    r = score_locations(items)
    assert r == {"n": 2, "name_resolution": 0.5, "misses": ["Milan"], "event_location": 0.5}
