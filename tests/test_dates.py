"""Dates stated by boilerplate lines."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.dates import parse_absolute, parse_relative
from newsclean.rules import RuleSet

RULES = RuleSet.bundled()
STORY = "The council approved the budget on Tuesday after a long debate about road repairs."


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Kamis, 24 Okt 2024 14:00 WIB", "2024-10-24T14:00:00+07:00"),
        ("24 Oktober 2024", "2024-10-24T00:00:00+00:00"),
        ("October 24, 2024 2:05 pm EDT", "2024-10-24T14:05:00-04:00"),
        ("2024-10-24T14:00:00Z", "2024-10-24T14:00:00+00:00"),
        ("2024-10-24 08:15:30+08:00", "2024-10-24T08:15:30+08:00"),
        ("24/10/2024 14.00 WITA", "2024-10-24T14:00:00+08:00"),
        ("12 Jan 2025 12:30 am", "2025-01-12T00:30:00+00:00"),
    ],
)
def test_absolute_dates(text: str, iso: str) -> None:
    parsed = parse_absolute(text, RULES.months, RULES.timezones)
    assert parsed is not None
    assert parsed.isoformat() == iso


@pytest.mark.parametrize("text", ["no date here", "31/02/2024", "99 Foo 2024", ""])
def test_no_or_impossible_date(text: str) -> None:
    assert parse_absolute(text, RULES.months, RULES.timezones) is None


def test_default_timezone_applies_to_stated_times_without_zone() -> None:
    parsed = parse_absolute("24 Okt 2024 14:00", RULES.months, RULES.timezones, 420)
    assert parsed is not None
    assert parsed.isoformat() == "2024-10-24T14:00:00+07:00"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("3 weeks ago", dt.timedelta(weeks=3)),
        ("an hour ago", dt.timedelta(hours=1)),
        ("2 jam lalu", dt.timedelta(hours=2)),
        ("5 menit yang lalu", dt.timedelta(minutes=5)),
        ("1 year ago", dt.timedelta(days=365)),
    ],
)
def test_relative_ages(text: str, age: dt.timedelta) -> None:
    assert parse_relative(text, RULES.time_units) == age


def test_relative_stamp_needs_fetched_at() -> None:
    text = f"2 jam lalu\n{STORY}"
    assert newsclean.clean_text(text).published is None
    fetched = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc)
    article = newsclean.clean_text(text, fetched_at=fetched)
    assert article.published == dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.timezone.utc)
    assert article.published_text == "2 jam lalu"


def test_published_stamp_line_before_story() -> None:
    article = newsclean.clean_text(f"Published: 24 Oct 2024, 14:00 GMT\n{STORY}")
    assert article.published is not None
    assert article.published.isoformat() == "2024-10-24T14:00:00+00:00"
    assert article.removed[0].rule == "en.date-stamp"


@given(st.text(max_size=80))
def test_parsers_are_total(text: str) -> None:
    result = parse_absolute(text, RULES.months, RULES.timezones)
    assert result is None or result.tzinfo is not None
    age = parse_relative(text, RULES.time_units)
    assert age is None or age >= dt.timedelta(0)


def test_absurd_relative_stamps_are_no_date() -> None:
    """Found by fuzzing: a huge count overflowed timedelta; it is simply no date now."""
    assert parse_relative("200000003 weeks ago", RULES.time_units) is None
    early = dt.datetime(1, 6, 1, tzinfo=dt.timezone.utc)
    article = newsclean.clean_text(f"900 years ago\n{STORY}", fetched_at=early)
    assert article.published is None
    assert article.published_text == "900 years ago"


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2024年10月24日 14:00", "2024-10-24T14:00:00+00:00"),
        ("2024年10月24日(木) 14時05分 配信", "2024-10-24T14:05:00+00:00"),
        ("发布时间：2024年1月5号 9时30分", "2024-01-05T09:30:00+00:00"),
        ("2024/10/24 14:00", "2024-10-24T14:00:00+00:00"),
        ("2023/10/05", "2023-10-05T00:00:00+00:00"),  # year first, never day first
        ("2024.10.24", "2024-10-24T00:00:00+00:00"),
        ("24.10.2024 14.30", "2024-10-24T14:30:00+00:00"),  # day first still
    ],
)
def test_year_first_dates(stamp: str, expected: str) -> None:
    found = parse_absolute(stamp, {}, {})
    assert found is not None
    assert found.isoformat() == expected


def test_a_japanese_stamp_fills_published() -> None:
    text = (
        "北の桟橋を建て直します\n2024/10/24 14:00\n"
        "港の委員会は火曜日、冬の嵐で閉鎖されていた北の桟橋を建て直すことを決めました。"
        "工事は五月に始まる予定です。\n"
        "漁師たちは決定を歓迎しましたが、仮のスロープを増やしてほしいと話しています。"
    )
    options = newsclean.Options(detect_language=False, default_timezone=9 * 60)
    article = newsclean.Cleaner(options).clean_text(text)
    assert article.published == dt.datetime(
        2024, 10, 24, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))
    )
    assert article.published_text == "2024/10/24 14:00"
