"""Earlier mentions (eventwire/resolve/earlier_mentions.py) on sentences written for the test."""
from __future__ import annotations

import pytest

from tests.resolve.test_actors import entity

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text, head, nth, country", [
    ("Kenyan ministers met in Nairobi on Monday. The ministers agreed to cut fuel prices.", "ministers", 1, "KEN"),
    ("Kenyan ministers met in Nairobi on Monday. Ministers also agreed to cut fuel prices.", "Ministers", 0, "KEN"),
    # both sides named before: the phrase is either's
    ("Kenyan and Ugandan ministers met on Monday. The ministers agreed to cut tariffs.", "ministers", 1, None),
    # the phrase says itself whose it is not
    ("Kenyan ministers met in Nairobi on Monday. Some ministers agreed to cut fuel prices.", "ministers", 1, None),
])
def test_a_bare_role_noun_is_the_group_named_before_with_it(nlp, text, head, nth, country):
    e = entity(nlp, text, head, nth=nth)
    assert e is not None and e.country == country
