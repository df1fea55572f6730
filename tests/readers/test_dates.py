"""Publication dates to YYYY-MM-DD."""
from __future__ import annotations

import logging
import time
from datetime import date, datetime

import pytest

from eventwire.readers.dates import normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:10:00Z", "2024-03-05"),
        ("2024-03-05T10:00:00+01:00", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        (date(2023, 12, 31), "2023-12-31"),
        (datetime(2023, 1, 2, 3, 4), "2023-01-02"),
        (time.strptime("2022-07-08", "%Y-%m-%d"), "2022-07-08"),
    ],
)
def test_readable_dates(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["March 2024", "not a date", "2024-13-45", 20240305])
def test_unreadable_dates_give_none_and_a_warning(value, caplog):
    with caplog.at_level(logging.WARNING, logger="eventwire.readers.dates"):
        assert normalise_date(value, origin="feed.xml#3") is None
    assert "feed.xml#3" in caplog.text


@pytest.mark.parametrize("value", [None, ""])
def test_missing_dates_are_none_without_warning(value, caplog):
    with caplog.at_level(logging.WARNING):
        assert normalise_date(value) is None
    assert caplog.text == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [("26-FEB-1987 15:01:01.79", "1987-02-26"), ("12/31/2023", "2023-12-31"), ("2023.07.04", "2023-07-04")],
)
def test_wire_service_formats(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["Feb 26", "1987", "15:01:01"])
def test_a_date_missing_day_month_or_year_is_refused(value):
    assert normalise_date(value) is None
