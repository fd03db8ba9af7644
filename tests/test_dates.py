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


JST = dt.timezone(dt.timedelta(hours=9))
FETCHED = dt.datetime(2024, 11, 14, 12, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("令和6年10月24日", "2024-10-24T00:00:00+09:00"),
        ("令和元年5月1日 10時00分", "2019-05-01T10:00:00+09:00"),
        ("平成31年4月30日", "2019-04-30T00:00:00+09:00"),
        ("昭和64年1月7日", "1989-01-07T00:00:00+09:00"),
    ],
)
def test_era_dates(stamp: str, expected: str) -> None:
    found = parse_absolute(stamp, {}, {}, 540, eras=RULES.eras)
    assert found is not None
    assert found.isoformat() == expected


def test_era_dates_need_the_eras() -> None:
    assert parse_absolute("令和6年10月24日", {}, {}) is None


@pytest.mark.parametrize(
    ("stamp", "fetched", "expected"),
    [
        ("10月24日 14時05分", FETCHED, "2024-10-24T14:05:00+09:00"),
        # Read as the latest such date: late December seen in early January.
        ("12月30日", dt.datetime(2025, 1, 3, tzinfo=dt.timezone.utc), "2024-12-30T00:00:00+09:00"),
        # A day ahead of the fetch time is allowed (zones), more is last year.
        ("11月15日 08:00", FETCHED, "2024-11-15T08:00:00+09:00"),
        ("11月16日", FETCHED, "2023-11-16T00:00:00+09:00"),
        # 29 February is read in the latest year that has one.
        ("2月29日", dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc), "2024-02-29T00:00:00+09:00"),
        ("Oct 24, 2:05 PM", FETCHED, "2024-10-24T14:05:00+09:00"),
        ("24. Oktober, 14:05 Uhr", FETCHED, "2024-10-24T14:05:00+09:00"),
        ("24 de octubre", FETCHED, "2024-10-24T00:00:00+09:00"),
        ("Diperbarui 24 Okt, 14:00 WIB", FETCHED, "2024-10-24T14:00:00+07:00"),
    ],
)
def test_dates_without_a_year_read_against_the_fetch_time(
    stamp: str, fetched: dt.datetime, expected: str
) -> None:
    found = parse_absolute(stamp, RULES.months, RULES.timezones, 540, reference=fetched)
    assert found is not None
    assert found.isoformat() == expected


@pytest.mark.parametrize(
    "stamp", ["10月24日 14時05分", "Oct 24, 2:05 PM", "24 de octubre", "12月30日"]
)
def test_dates_without_a_year_need_a_fetch_time(stamp: str) -> None:
    assert parse_absolute(stamp, RULES.months, RULES.timezones) is None


@pytest.mark.parametrize(
    "text", ["14:00 Oct", "Oct 99", "Oct 2024", "October", "0月5日", "13月40日", "2 jam lalu"]
)
def test_no_date_without_a_year_is_made_up(text: str) -> None:
    assert parse_absolute(text, RULES.months, RULES.timezones, reference=FETCHED) is None


@given(st.text(max_size=60), st.datetimes(timezones=st.just(dt.timezone.utc)))
def test_reference_only_fills_a_missing_year(text: str, fetched: dt.datetime) -> None:
    """With a fetch time a stamp reads as before, or as a date no later than a day after it."""
    plain = parse_absolute(text, RULES.months, RULES.timezones, eras=RULES.eras)
    found = parse_absolute(text, RULES.months, RULES.timezones, eras=RULES.eras, reference=fetched)
    if plain is not None:
        assert found == plain
    elif found is not None:
        assert found <= fetched + dt.timedelta(days=1)
        assert found.tzinfo is not None


JA_STORY = (
    "大阪市北区の天神橋筋商店街で24日、秋祭りが開かれ、3年ぶりに山車が商店街を練り歩いた。\n"
    "主催した商店街振興組合によると、午前中だけで約2万人が訪れたという。\n"
    "組合の理事長は「地域のにぎわいを取り戻したい」と話した。"
)


@pytest.mark.parametrize(
    ("stamp", "fetched", "published"),
    [
        ("令和6年10月24日", None, dt.datetime(2024, 10, 24, tzinfo=JST)),
        ("10月24日 14時05分", FETCHED, dt.datetime(2024, 10, 24, 14, 5, tzinfo=JST)),
        ("10月24日 14時05分", None, None),
        ("10/24(木) 14:00配信", FETCHED, None),
    ],
)
def test_a_stamp_is_kept_as_text_even_when_it_cannot_be_read(
    stamp: str, fetched: dt.datetime | None, published: dt.datetime | None
) -> None:
    options = newsclean.Options(detect_language=False, default_timezone=9 * 60)
    article = newsclean.Cleaner(options).clean_text(f"{stamp}\n{JA_STORY}", fetched_at=fetched)
    assert article.published == published
    assert article.published_text is not None
    assert stamp.startswith(article.published_text)
    assert article.removed[0].rule == "ja.date-stamp"


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2024年10月24日 午後2時05分", "2024-10-24T14:05:00+00:00"),
        ("2024年10月24日 午後0時", "2024-10-24T12:00:00+00:00"),
        ("2024年10月24日 午前9時30分", "2024-10-24T09:30:00+00:00"),
        ("2024年10月24日 14時配信", "2024-10-24T14:00:00+00:00"),
        ("2024年10月24日 下午3时", "2024-10-24T15:00:00+00:00"),
        ("2024年10月24日 上午10时15分", "2024-10-24T10:15:00+00:00"),
    ],
)
def test_japanese_and_chinese_clock_times(stamp: str, expected: str) -> None:
    found = parse_absolute(stamp, {}, {})
    assert found is not None
    assert found.isoformat() == expected
