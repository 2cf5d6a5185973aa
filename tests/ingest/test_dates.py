"""Strict parsing of metadata dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from timeline.ingest.dates import DateValueError, parse_strict_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-08", date(2024, 2, 8)),
        ("  2024-02-29 ", date(2024, 2, 29)),
        ("2024-02-08T14:30", date(2024, 2, 8)),
        ("2024-02-08 14:30:15", date(2024, 2, 8)),
        ("2024-02-08T14:30:15.123456", date(2024, 2, 8)),
        ("2024-02-08T23:30:00-05:00", date(2024, 2, 9)),
        ("2024-02-08T01:00:00+02:00", date(2024, 2, 7)),
        ("2024-02-08T14:30Z", date(2024, 2, 8)),
        ("2024-02-08t14:30z", date(2024, 2, 8)),
        ("2024-02-08T14:30:00+0100", date(2024, 2, 8)),
        (date(2024, 2, 8), date(2024, 2, 8)),
        (datetime(2024, 2, 8, 23, tzinfo=timezone(timedelta(hours=-5))), date(2024, 2, 9)),
    ],
)
def test_valid_dates(value: object, expected: date) -> None:
    assert parse_strict_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "2024-2-8",
        "20240208",
        "08/02/2024",
        "Feb 8, 2024",
        "yesterday",
        "",
        "2024-02-08T25:00",
        "2024-02-08T14:30:00+25:00",
        "2024-02-08 garbage",
        "99999-01-01",
        "12024-02-08T10:00",
        "+2024-02-08",
        20240208,
        None,
        ["2024-02-08"],
    ],
)
def test_invalid_dates(value: object) -> None:
    with pytest.raises(DateValueError):
        parse_strict_date(value)
