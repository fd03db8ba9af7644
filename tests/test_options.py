"""Options check their fields when made and name the option that is wrong."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean import InvalidOptionError, Options

BAD: list[tuple[str, Any]] = [
    ("language_threshold", 1.5),
    ("language_threshold", -0.1),
    ("language_threshold", float("nan")),
    ("language_threshold", "0.8"),
    ("max_removed_share", 2),
    ("max_input_chars", 0),
    ("max_input_chars", 1.5),
    ("max_input_chars", "100"),
    ("max_line_chars", -1),
    ("max_html_depth", True),
    ("max_html_elements", 0),
    ("max_lines", -5),
    ("default_timezone", 24 * 60 + 1),
    ("default_timezone", 1.5),
    ("detect_language", 1),
    ("detect_title", "yes"),
    ("languages", 5),
    ("languages", ["id", 3]),
    ("disabled_rules", None),
]


@pytest.mark.parametrize(("name", "value"), BAD, ids=[f"{n}={v!r}" for n, v in BAD])
def test_a_bad_option_is_a_typed_error_naming_it(name: str, value: Any) -> None:
    with pytest.raises(InvalidOptionError, match=f"Options.{name} must be"):
        Options(**{name: value})
    with pytest.raises(InvalidOptionError):  # evolve checks as well
        attrs.evolve(Options(), **{name: value})


def test_the_error_is_also_what_older_code_catches() -> None:
    error = InvalidOptionError("x")
    assert isinstance(error, newsclean.NewscleanError)
    assert isinstance(error, ValueError)
    assert isinstance(error, TypeError)


def test_good_values_are_kept_as_given() -> None:
    options = Options(
        languages="id",
        disabled_rules=["en.read-more"],
        language_threshold=1,
        max_lines=None,
        max_html_elements=10,
        default_timezone=-420,
    )
    assert options.languages == ("id",)
    assert options.disabled_rules == frozenset({"en.read-more"})
    assert options.language_threshold == 1
    assert options.max_html_elements == 10


@given(
    threshold=st.floats(0.0, 1.0),
    share=st.floats(0.0, 1.0),
    limit=st.integers(1, 10**9),
    minutes=st.integers(-24 * 60, 24 * 60),
    flag=st.booleans(),
)
def test_every_value_in_range_is_accepted(
    threshold: float, share: float, limit: int, minutes: int, flag: bool
) -> None:
    options = Options(
        language_threshold=threshold,
        max_removed_share=share,
        max_input_chars=limit,
        max_lines=limit,
        default_timezone=minutes,
        detect_language=flag,
    )
    assert options.line_limit(0) == limit


@given(chars=st.integers(0, 10**9))
def test_default_limits_grow_with_the_input_and_never_fall_below_the_floor(chars: int) -> None:
    options = Options()
    floor = newsclean.options.DENSE_INPUT_FLOOR
    assert options.line_limit(chars) >= floor
    assert options.element_limit(chars) >= floor
    assert options.line_limit(chars) <= options.line_limit(chars + 1)
    assert options.line_limit(chars) == max(floor, chars // newsclean.options.CHARS_PER_LINE)
