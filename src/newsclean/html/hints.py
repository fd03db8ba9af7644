"""The class and id hints of the HTML extractor, read from ``hints.toml``.

Which words in a class name mark page furniture, story containers, a standfirst
or a picture credit is knowledge of how sites name their markup, in many
languages; like the rule packs it is data (``newsclean/html/hints.toml``), read
once when the extractor is imported and compiled to the same regular expressions
the extractor searches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

import attrs

from newsclean.article import REMOVAL_KINDS
from newsclean.errors import RuleFileError
from newsclean.toml import parse_toml


@attrs.frozen
class Hints:
    """The compiled hints (see ``hints.toml`` for what each one means)."""

    #: Every furniture word: the ``unlikely`` words and the ``furniture`` words.
    unlikely: re.Pattern[str]
    #: The furniture words that a ``maybe`` word does not forgive.
    furniture: re.Pattern[str]
    maybe: re.Pattern[str]
    image_note: re.Pattern[str]
    teaser: re.Pattern[str]
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    deck_words: tuple[str, ...]
    #: (words, kind) pairs, first match wins.
    kinds: tuple[tuple[tuple[str, ...], str], ...]


def _strings(data: Mapping[str, Any], table: str, key: str, origin: str) -> list[str]:
    section = data.get(table)
    values = section.get(key) if isinstance(section, dict) else None
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and v for v in values)
    ):
        msg = f"{origin}: [{table}] needs a non-empty list of strings `{key}`"
        raise RuleFileError(msg)
    return values


def _alternation(
    data: Mapping[str, Any], table: str, origin: str, flags: int = 0, *, also: str = ""
) -> re.Pattern[str]:
    """The ``patterns`` of ``table`` (and of the table ``also``) as one expression."""
    patterns = _strings(data, table, "patterns", origin)
    if also:
        patterns = patterns + _strings(data, also, "patterns", origin)
    try:
        return re.compile("|".join(patterns), flags)
    except re.error as exc:
        msg = f"{origin}: [{table}] patterns are not a valid regular expression: {exc}"
        raise RuleFileError(msg) from exc


def parse_hints(text: str, *, origin: str = "<string>") -> Hints:
    """The hints of a ``hints.toml`` text; a bad file raises :class:`RuleFileError`."""
    data = parse_toml(text, origin=origin)
    subjects = "|".join(map(re.escape, _strings(data, "image_note", "subjects", origin)))
    notes = "|".join(map(re.escape, _strings(data, "image_note", "notes", origin)))
    kinds = []
    for entry in data.get("kind", []):
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if kind not in REMOVAL_KINDS:
            msg = f"{origin}: [[kind]] {kind!r} is not a removal kind"
            raise RuleFileError(msg)
        kinds.append((tuple(_strings({"kind": entry}, "kind", "words", origin)), str(kind)))
    return Hints(
        unlikely=_alternation(data, "unlikely", origin, also="furniture"),
        furniture=_alternation(data, "furniture", origin),
        maybe=_alternation(data, "maybe", origin),
        image_note=re.compile(f"(?:{subjects})[-_]*(?:{notes})"),
        teaser=_alternation(data, "teaser", origin),
        positive=_alternation(data, "positive", origin, re.IGNORECASE),
        negative=_alternation(data, "negative", origin, re.IGNORECASE),
        deck_words=tuple(_strings(data, "deck", "words", origin)),
        kinds=tuple(kinds),
    )


def bundled_hints() -> Hints:
    """The hints shipped with newsclean (``newsclean/html/hints.toml``)."""
    text = resources.files("newsclean.html").joinpath("hints.toml").read_text(encoding="utf-8")
    return parse_hints(text, origin="bundled hints.toml")
