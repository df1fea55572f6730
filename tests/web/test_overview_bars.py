"""The overview's weekly bars stand in their calendar weeks; events dated only to a month or year are counted apart."""
from __future__ import annotations


def test_the_overview_bars_are_calendar_weeks_with_empty_ones_and_coarse_dates_counted_apart():
    from eventwire.web.pages.browse import calendar_weeks

    rows = [{"period": "2024-03-04", "precision": "week", "count": 2}, {"period": "2024-03-25", "precision": "week",
            "count": 1}, {"period": "2024-03", "precision": "month", "count": 4}, {"period": "2024", "precision": "year",
            "count": 1}]
    assert calendar_weeks(rows) == ([("2024-03-04", 2), ("2024-03-11", 0), ("2024-03-18", 0), ("2024-03-25", 1)], 5)
    assert calendar_weeks(rows, last=2) == ([("2024-03-18", 0), ("2024-03-25", 1)], 5)
    assert calendar_weeks([]) == ([], 0)
