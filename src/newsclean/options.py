"""Cleaning options: one frozen attrs class, every field documented.

Make a variant with :func:`attrs.evolve`::

    >>> import attrs, newsclean
    >>> fast = attrs.evolve(newsclean.Options(), detect_language=False)
    >>> fast.detect_language
    False
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

import attrs

from newsclean.errors import InvalidOptionError

#: Up to this many lines (text) or elements (HTML) are accepted at any density:
#: five times the most elements of any page in our development corpus, far more
#: lines than any article has.
DENSE_INPUT_FLOOR = 25_000
#: Beyond the floor, a text needs this many characters per line on average ...
CHARS_PER_LINE = 64
#: ... and a page this many characters per element. The costliest units (every
#: line or paragraph a different teaser that is removed) take about 520 bytes a
#: line and 700 bytes an element at their peak (bench/bench_scaling.py), so these
#: densities keep memory within ten times the input's size.
CHARS_PER_ELEMENT = 80


def _strings(value: object, name: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    try:
        items: list[object] = list(value)  # type: ignore[call-overload]
    except TypeError:
        msg = f"Options.{name} must be a string or strings, got {value!r}"
        raise InvalidOptionError(msg) from None
    strings = [item for item in items if isinstance(item, str)]
    if len(strings) != len(items):
        msg = f"Options.{name} must be a string or strings, got {value!r}"
        raise InvalidOptionError(msg)
    return strings


def _frozenset_of_str(value: object) -> frozenset[str]:
    return frozenset(_strings(value, "disabled_rules"))


def _optional_tuple_of_str(value: object) -> tuple[str, ...] | None:
    return None if value is None else tuple(_strings(value, "languages"))


def _whole(value: object) -> int | None:
    """``value`` as an int when it is a whole number (not a bool, not a float)."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return None


def _real(value: object) -> float | None:
    """``value`` as a float when it is a real number (not a bool, not NaN)."""
    if isinstance(value, bool) or (_whole(value) is None and not isinstance(value, float)):
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _check(test: Callable[[Any], bool], wanted: str, *, optional: bool = False) -> Any:
    """An attrs validator raising :class:`InvalidOptionError` that names the option."""

    def validate(_options: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if optional and value is None:
            return
        if not test(value):
            msg = f"Options.{attribute.name} must be {wanted}, got {value!r}"
            raise InvalidOptionError(msg)

    return validate


def _is_positive(value: object) -> bool:
    return (n := _whole(value)) is not None and n > 0


_POSITIVE = _check(_is_positive, "a whole number above 0")
_POSITIVE_OR_NONE = _check(_is_positive, "a whole number above 0 or None", optional=True)
_SHARE = _check(lambda x: (r := _real(x)) is not None and 0.0 <= r <= 1.0, "a number from 0 to 1")
_FLAG = _check(lambda x: isinstance(x, bool), "True or False")
_MINUTES = _check(
    lambda x: (n := _whole(x)) is not None and -24 * 60 <= n <= 24 * 60,
    "whole minutes from -1440 to 1440",
)


@attrs.frozen
class Options:
    """How a :class:`newsclean.Cleaner` cleans.

    Attributes:
        languages: Which bundled language rule packs run, as ISO 639-1 codes.
            ``None`` (the default) runs every bundled pack, because scraped pages
            mix languages: an Indonesian story often ends in English "Read Entire
            Article". The language-free structural rules always run.
        disabled_rules: Rule ids that never fire (``{"en.read-more"}``). Applies to
            bundled, user and structural rules alike.
        detect_title: Take the first line as the title when it reads like one
            (short, no closing full stop, followed by story text). Off when the
            scraper's text never starts with the headline. A ``title`` passed to
            ``clean_text`` always wins over the guess.
        join_wrapped_lines: Join a line into the paragraph before it when the
            paragraph does not end a sentence and the line continues it (starts in
            lower case or with punctuation): text split at inline links or hard
            wraps becomes one paragraph again.
        detect_language: Detect the body's language. Off gives ``"und"``.
        paragraph_languages: Also detect each long paragraph's language and set
            ``Paragraph.language`` where it confidently differs from the article's
            (a quoted statement, a bilingual lead). Off by default: it costs about
            as much as the rest of cleaning a page.
        language_threshold: The lowest probability at which a language is named;
            below it the answer is ``"und"``.
        default_timezone: UTC offset in minutes given to stated times that carry no
            zone ("24/10/2024 14:00"). Relative stamps use ``fetched_at``'s zone.
        max_input_chars: Longest text accepted; longer input raises
            :class:`newsclean.InputTooLargeError`.
        max_line_chars: Longest line the phrase rules look at. Longer lines are
            story text or junk no phrase rule describes, and skipping them keeps
            the cost linear.
        max_html_depth: Deepest element nesting accepted in HTML input; deeper
            pages raise :class:`newsclean.InputTooDeepError`. The parser itself
            keeps at most 2046 levels, so higher values act as 2046.
        max_html_elements: Most elements accepted in HTML input, judged from its
            tags before parsing; more raise :class:`newsclean.InputTooLargeError`.
            ``None`` (the default) scales with the page: :data:`DENSE_INPUT_FLOOR`
            elements, or one per :data:`CHARS_PER_ELEMENT` characters when that is
            more. A parsed element takes hundreds of bytes, many times its markup.
        max_removed_share: The document guard. When rules that rely on context
            alone (position, shortness) would leave less than this share of the
            story lines, those context decisions are undone; phrase and structural
            rules with direct evidence stand.
        html_keep_dateline: On HTML pages, leave the dateline ("KOBE \u2013 ",
            "WASHINGTON (AP) \u2014 ") at the start of the first paragraph, where the
            page prints it, and still fill ``Article.dateline``/``source``. The
            text path always cuts it (scraped text repeats it in other lines).
        max_lines: Most non-empty lines accepted in a text; more raise
            :class:`newsclean.InputTooLargeError`. ``None`` (the default) scales
            with the input: :data:`DENSE_INPUT_FLOOR` lines, or one line per
            :data:`CHARS_PER_LINE` characters when that is more. Each line costs a
            few hundred bytes while it is cleaned and in the result, so a dump of
            a million tiny lines would take many times its size in memory; no
            article comes near the limit.
    """

    languages: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_tuple_of_str)
    disabled_rules: frozenset[str] = attrs.field(factory=frozenset, converter=_frozenset_of_str)
    detect_title: bool = attrs.field(default=True, validator=_FLAG)
    join_wrapped_lines: bool = attrs.field(default=True, validator=_FLAG)
    detect_language: bool = attrs.field(default=True, validator=_FLAG)
    paragraph_languages: bool = attrs.field(default=False, validator=_FLAG)
    language_threshold: float = attrs.field(default=0.80, validator=_SHARE)
    default_timezone: int = attrs.field(default=0, validator=_MINUTES)
    max_input_chars: int = attrs.field(default=20_000_000, validator=_POSITIVE)
    max_line_chars: int = attrs.field(default=20_000, validator=_POSITIVE)
    max_removed_share: float = attrs.field(default=0.5, validator=_SHARE)
    max_html_depth: int = attrs.field(default=1000, validator=_POSITIVE)
    max_html_elements: int | None = attrs.field(default=None, validator=_POSITIVE_OR_NONE)
    html_keep_dateline: bool = attrs.field(default=True, validator=_FLAG)
    max_lines: int | None = attrs.field(default=None, validator=_POSITIVE_OR_NONE)

    def line_limit(self, chars: int) -> int:
        """The most lines a text of ``chars`` characters may have (see ``max_lines``)."""
        if self.max_lines is not None:
            return self.max_lines
        return max(DENSE_INPUT_FLOOR, chars // CHARS_PER_LINE)

    def element_limit(self, chars: int) -> int:
        """The most elements a page of ``chars`` characters may have (``max_html_elements``)."""
        if self.max_html_elements is not None:
            return self.max_html_elements
        return max(DENSE_INPUT_FLOOR, chars // CHARS_PER_ELEMENT)
