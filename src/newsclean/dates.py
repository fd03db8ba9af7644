"""Dates stated in boilerplate: absolute stamps and relative ones ("3 weeks ago").

Month names, relative-time unit words and zone abbreviations come from the rule
packs (``months``, ``time_units``, ``timezones`` tables), so a new language is a
data change, and so are the eras of era-counted years (``eras``). Nothing here
reads the clock: a relative stamp, or a date without a year, is resolved only
against a ``fetched_at`` the caller supplies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache

_UNIT_SECONDS = {
    "seconds": 1,
    "minutes": 60,
    "hours": 3600,
    "days": 86400,
    "weeks": 7 * 86400,
    # Calendar months and years have no fixed length; a 30/365-day approximation
    # is as precise as "2 months ago" itself.
    "months": 30 * 86400,
    "years": 365 * 86400,
}
#: Words for "one" before a unit: English, Indonesian/Malay, and the indefinite articles
#: German, French, Spanish and Portuguese stamps use ("vor einer Stunde", "il y a un jour").
#: Older than this, a relative stamp is noise: no news page dates itself 1,000 years back.
_MAX_AGE_SECONDS = 1000 * 365 * 86400
_COUNT_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "se": 1,
    "satu": 1,
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "einem": 1,
    "un": 1,
    "une": 1,
    "uno": 1,
    "una": 1,
    "um": 1,
    "uma": 1,
}
#: Indonesian and Malay glue "one" to the unit: "sejam", "seminggu", "sebulan".
_GLUED_ONE = "se"
_WORD = re.compile(r"[^\W\d_]+|\d+")
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?(?P<z>Z|[+-]\d{2}:?\d{2})?)?"
)
#: A number (with an ordinal ending: "24th", "1er", "1º") or a word, for written-out dates.
_DATE_TOKEN = re.compile(
    r"(?P<num>\d{1,4})(?:st|nd|rd|th|er|\u00ba|\u00aa)?|(?P<word>[^\W\d_]+\.?)"
)
_NUMERIC = re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})\b")
#: Year first: "2024年10月24日" (Chinese and Japanese), "2024/10/24", "2024.10.24".
_YEAR_FIRST = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号號]"
    r"|[/.](?P<m2>\d{1,2})[/.](?P<d2>\d{1,2})(?!\d))"
)
#: A clock time: "14:05", "14.05", "14h05" as French and Portuguese sites write it,
#: and "14時05分", "14時", "午後2時05分" / "14时05分", "下午2时" as Japanese and
#: Chinese ones do.
_CLOCK = re.compile(
    r"(?P<half>\u5348\u524d|\u5348\u5f8c|\u4e0a\u5348|\u4e0b\u5348)?\s*(?P<H>\d{1,2})"
    r"(?:[:.h\u6642\u65f6](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?|[\u6642\u65f6])"
    r"\s*(?P<ampm>[ap]\.?m\.?)?",
    re.I,
)
#: Japanese 午後 and Chinese 下午 before a clock time mean p.m.; 午前 and 上午, a.m.
_HALF_DAY = {"\u5348\u5f8c": "p", "\u4e0b\u5348": "p", "\u5348\u524d": "a", "\u4e0a\u5348": "a"}
_ZONE = re.compile(r"\b(?P<name>[A-Z]{2,5})\b|(?P<off>[+-]\d{2}:?\d{2})\b")
#: Month and day without a year: "10月24日" (Chinese and Japanese).
_MONTH_DAY = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]")
#: What may stand between a day and its month name in a date without a year:
#: punctuation and one short word ("24 de octubre", "the 24th of October").
_DAY_MONTH_GAP = re.compile(r"[\s.,]*(?:[^\W\d_]{1,3}[\s.,]+)?")
#: A date without a year is read as the latest such date no later than this
#: after the reference (a page fetched just after midnight in another zone).
_YEARLESS_SLACK = dt.timedelta(days=1)
#: A year or date "found" without a year (``None``), month, day.
_Date = tuple[int | None, int, int]


def parse_relative(text: str, units: Mapping[str, str]) -> dt.timedelta | None:
    """The age a relative stamp states ("3 weeks ago", "2 jam lalu"), or ``None``.

    The first count (a number or a word for "one") followed by a unit word
    decides, so the words around it may be in any language ("vor 3 Stunden",
    "il y a 3 heures", "hace 3 horas", "há 3 horas").

    >>> parse_relative("3 weeks ago", {"weeks": "weeks"})
    datetime.timedelta(days=21)
    >>> parse_relative("vor einer Stunde", {"stunde": "hours"})
    datetime.timedelta(seconds=3600)
    >>> parse_relative("seminggu lalu", {"minggu": "weeks"})
    datetime.timedelta(days=7)
    """
    count: int | None = None
    for word in _WORD.findall(text.lower()):
        if word.isdecimal():  # "¹" is a digit but not a number int() reads
            count = int(word)
        elif word in _COUNT_WORDS and count is None:
            count = _COUNT_WORDS[word]
        elif word in units and count is not None:
            return _age(count, units[word])
        elif count is None and word.startswith(_GLUED_ONE) and word[len(_GLUED_ONE) :] in units:
            return _age(1, units[word[len(_GLUED_ONE) :]])
    return None


def _age(count: int, unit: str) -> dt.timedelta | None:
    seconds = _UNIT_SECONDS.get(unit)
    if seconds is None or count * seconds > _MAX_AGE_SECONDS:
        return None  # "200000003 weeks ago" is no date a page could mean
    return dt.timedelta(seconds=count * seconds)


def parse_absolute(
    text: str,
    months: Mapping[str, int],
    timezones: Mapping[str, int],
    default_offset_minutes: int = 0,
    *,
    eras: Mapping[str, int] | None = None,
    reference: dt.datetime | None = None,
) -> dt.datetime | None:
    """A timezone-aware datetime for a stated date, or ``None`` when none is found.

    Understands ISO 8601, year-first dates ("2024年10月24日", "2024/10/24"),
    day/month/year with ``/ . -``, and "24 Okt 2024" or "October 24, 2024" with
    month names from the packs. A stated zone ("WIB",
    "+07:00") wins; otherwise ``default_offset_minutes`` applies.

    ``eras`` maps era names to the year their first year is ("令和": 2019), for
    dates counted in eras ("令和6年10月24日", "令和元年"). With a ``reference``
    (the time the page was fetched), a date without a year ("10月24日 14:05",
    "Oct 24, 2:05 PM", "24. Oktober") is read as the latest such date not
    more than a day after the reference; without one it is not read.

    >>> parse_absolute("Kamis, 24 Okt 2024 14:00 WIB", {"okt": 10}, {"WIB": 420}).isoformat()
    '2024-10-24T14:00:00+07:00'
    >>> parse_absolute("24 de octubre de 2024, 14:05", {"octubre": 10}, {}).isoformat()
    '2024-10-24T14:05:00+00:00'
    >>> parse_absolute("1er novembre 2024 à 9h30", {"novembre": 11}, {}).isoformat()
    '2024-11-01T09:30:00+00:00'
    >>> parse_absolute("2024年10月24日(木) 14時05分", {}, {}, 540).isoformat()
    '2024-10-24T14:05:00+09:00'
    >>> parse_absolute("令和6年10月24日", {}, {}, 540, eras={"令和": 2019}).isoformat()
    '2024-10-24T00:00:00+09:00'
    >>> fetched = dt.datetime(2025, 1, 3, tzinfo=dt.timezone.utc)
    >>> parse_absolute("12月30日 14時05分", {}, {}, 540, reference=fetched).isoformat()
    '2024-12-30T14:05:00+09:00'
    >>> parse_absolute("12月30日 14時05分", {}, {}, 540) is None
    True
    """
    date = _find_date(text, months, eras or {})
    if date is None:
        return None
    (year, month, day), rest = date
    hour, minute, second, offset = _time_of_day(text, rest, timezones, default_offset_minutes)
    try:
        tz = dt.timezone(dt.timedelta(minutes=offset))
        if year is not None:
            return dt.datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except (ValueError, OverflowError):
        return None
    if reference is None:
        return None
    latest = reference + _YEARLESS_SLACK
    for candidate in (latest.year, latest.year - 1):
        try:
            stated = dt.datetime(candidate, month, day, hour, minute, second, tzinfo=tz)
        except (ValueError, OverflowError):
            continue  # 29 February in a common year
        if stated <= latest:
            return stated
    return None


def _time_of_day(
    text: str, rest: str, timezones: Mapping[str, int], offset: int
) -> tuple[int, int, int, int]:
    """Hour, minute, second and UTC offset (minutes) stated with a date; ``rest`` follows it."""
    hour = minute = second = 0
    iso = _ISO.search(text)
    if iso and iso.group("H"):
        hour, minute = int(iso.group("H")), int(iso.group("M"))
        second = int(iso.group("S") or 0)
        if iso.group("z"):
            offset = _offset_minutes(iso.group("z"))
        return hour, minute, second, offset
    clock = _CLOCK.search(rest)
    if clock:
        hour, minute = int(clock.group("H")), int(clock.group("M") or 0)
        second = int(clock.group("S") or 0)
        ampm = (clock.group("ampm") or _HALF_DAY.get(clock.group("half") or "", "")).lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    for zone in _ZONE.finditer(rest):
        if zone.group("off"):
            return hour, minute, second, _offset_minutes(zone.group("off"))
        if zone.group("name") in timezones:
            return hour, minute, second, timezones[zone.group("name")]
    return hour, minute, second, offset


def _find_date(
    text: str, months: Mapping[str, int], eras: Mapping[str, int]
) -> tuple[_Date, str] | None:
    iso = _ISO.search(text)
    if iso:
        return (int(iso.group("y")), int(iso.group("m")), int(iso.group("d"))), text[iso.end() :]
    era = _era_pattern(tuple(eras)).search(text) if eras else None
    if era:
        count = era.group("n")
        year = eras[era.group("era")] + (0 if count == "元" else int(count) - 1)
        return (year, int(era.group("m")), int(era.group("d"))), text[era.end() :]
    year_first = _YEAR_FIRST.search(text)
    if year_first:
        month = year_first.group("m1") or year_first.group("m2")
        day = year_first.group("d1") or year_first.group("d2")
        found = (int(year_first.group("y")), int(month), int(day))
        return found, text[year_first.end() :]
    numeric = _NUMERIC.search(text)
    if numeric:
        year = int(numeric.group("y"))
        year += 2000 if year < 100 else 0
        return (year, int(numeric.group("m")), int(numeric.group("d"))), text[numeric.end() :]
    month_day = _MONTH_DAY.search(text)
    if month_day:
        return (None, int(month_day.group("m")), int(month_day.group("d"))), text[month_day.end() :]
    return _written_date(text, months)


def _written_date(text: str, months: Mapping[str, int]) -> tuple[_Date, str] | None:
    """A date with its month written as a word, with or without a year."""
    # Only numbers and month names count, so filler words between them do not
    # matter ("24 de octubre de 2024", "1er novembre 2024", "October 24th, 2024").
    tokens = [
        t
        for t in _DATE_TOKEN.finditer(text)
        if t.group("num") or t.group("word").rstrip(".").lower() in months
    ]
    yearless: tuple[_Date, str] | None = None
    for i, token in enumerate(tokens):
        if token.group("num"):
            continue
        month = months[token.group("word").rstrip(".").lower()]
        numbers = [t for t in tokens[max(0, i - 1) : i + 3] if t.group("num")]
        days = [t for t in numbers if len(t.group("num")) <= 2]
        years = [t for t in numbers if len(t.group("num")) == 4]
        if days and years:
            end = max(days[0].end(), years[0].end())
            return (int(years[0].group("num")), month, int(days[0].group("num"))), text[end:]
        if yearless is None:
            day = _day_beside(text, tokens, i)
            if day is not None:
                end = max(day.end(), token.end())
                yearless = (None, month, int(day.group("num"))), text[end:]
    return yearless


def _day_beside(text: str, tokens: list[re.Match[str]], i: int) -> re.Match[str] | None:
    """The day number written right before or right after the month name ``tokens[i]``."""
    for first, second, day in ((i - 1, i, i - 1), (i, i + 1, i + 1)):
        if first < 0 or second >= len(tokens):
            continue
        number = tokens[day].group("num")
        if number is None or len(number) > 2 or not 1 <= int(number) <= 31:
            continue
        if _DAY_MONTH_GAP.fullmatch(text[tokens[first].end() : tokens[second].start()]):
            return tokens[day]
    return None


@cache
def _era_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"(?P<era>{alternatives})\s*(?P<n>\d{{1,2}}|元)\s*年"
        r"\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    )


def _offset_minutes(zone: str) -> int:
    if zone == "Z":
        return 0
    sign = -1 if zone.startswith("-") else 1
    digits = zone[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:4]))
