"""Cleaning options: one frozen attrs class, every field documented.

Make a variant with :func:`attrs.evolve`::

    >>> import attrs, newsclean
    >>> fast = attrs.evolve(newsclean.Options(), detect_language=False)
    >>> fast.detect_language
    False
"""

from __future__ import annotations

import attrs
from attrs import validators as v

#: Up to this many lines (text) or elements (HTML) are accepted at any density:
#: five times the most elements of any page in our development corpus, far more
#: lines than any article has.
DENSE_INPUT_FLOOR = 25_000
#: Beyond the floor, a text needs this many characters per line on average ...
CHARS_PER_LINE = 64
#: ... and a page this many characters per element. Measured worst cases (every
#: line a different removed teaser; every element a tiny paragraph) cost about
#: 550 bytes a line and 750 bytes an element, so these densities keep memory
#: within ten times the input's size.
CHARS_PER_ELEMENT = 80


def _frozenset_of_str(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(str(x) for x in value)  # type: ignore[attr-defined]


def _optional_tuple_of_str(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(str(x) for x in value)  # type: ignore[attr-defined]


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
    detect_title: bool = attrs.field(default=True, validator=v.instance_of(bool))
    join_wrapped_lines: bool = attrs.field(default=True, validator=v.instance_of(bool))
    detect_language: bool = attrs.field(default=True, validator=v.instance_of(bool))
    paragraph_languages: bool = attrs.field(default=False, validator=v.instance_of(bool))
    language_threshold: float = attrs.field(default=0.80, validator=[v.ge(0.0), v.le(1.0)])
    default_timezone: int = attrs.field(default=0, validator=[v.ge(-24 * 60), v.le(24 * 60)])
    max_input_chars: int = attrs.field(default=20_000_000, validator=v.gt(0))
    max_line_chars: int = attrs.field(default=20_000, validator=v.gt(0))
    max_removed_share: float = attrs.field(default=0.5, validator=[v.ge(0.0), v.le(1.0)])
    max_html_depth: int = attrs.field(default=1000, validator=v.gt(0))
    max_html_elements: int | None = attrs.field(default=None, validator=v.optional(v.gt(0)))
    html_keep_dateline: bool = attrs.field(default=True, validator=v.instance_of(bool))
    max_lines: int | None = attrs.field(default=None, validator=v.optional(v.gt(0)))

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
