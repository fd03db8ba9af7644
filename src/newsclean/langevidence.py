"""Our own evidence for language identification, loaded from ``newsclean/langdata``.

langdetect's character n-gram profiles are good at telling far-apart languages
apart and weak between close ones (Catalan and Spanish, Czech and Slovak, Danish
and Norwegian) and on text that mixes scripts. This module holds the three kinds
of knowledge that fill those gaps, all kept as data (format in ``docs/language.md``):

* **Scripts** (``scripts.toml``): which writing system a letter belongs to and
  which languages use it. Hangul settles Korean outright; Cyrillic narrows the
  choice to Russian, Ukrainian, Bulgarian and Macedonian.
* **Close-pair groups** (every other ``*.toml`` with ``languages``): letters,
  words, prefixes, suffixes and infixes that each language of a small group of
  close languages uses and the others do not. Counted in a text, they move
  probability between the languages of the group and never change the group's
  total, so they cannot pull a text out of its group.
* **Word tables** (``words/<languages>.txt.gz``, generated from wordfreq by
  ``tools/build_langdata.py``): how often each language writes each common word,
  for a unigram word model among the languages of a table. Rarer words are
  read by their endings (:mod:`newsclean.langendings`).

The data is read once per process (the word tables on first use) and is
immutable afterwards.
"""

from __future__ import annotations

import bisect
import gzip
import math
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any, Protocol, TypeVar

import attrs

from newsclean.errors import RuleFileError
from newsclean.toml import parse_toml

_SPECIAL_FILES = ("scripts.toml", "codes.toml")


@attrs.frozen
class EvidenceWeights:
    """How many nats (natural-log odds) one marker is worth inside its group.

    A letter counts once per occurrence, a word, prefix, suffix or infix once per
    token it matches. The values were set by hand on the development set's
    sentences and stay the same for every group.
    """

    letter: float = 3.0
    word: float = 4.0
    affix: float = 2.0


@attrs.frozen
class Script:
    """A writing system: its code point ranges and the languages written in it."""

    name: str
    ranges: tuple[tuple[int, int], ...]
    languages: tuple[str, ...]
    weight: float = 1.0

    @property
    def settles(self) -> str | None:
        """The language, when only one is written in this script."""
        return self.languages[0] if len(self.languages) == 1 else None


@attrs.frozen
class Markers:
    """What one language of a close-pair group writes and the others do not."""

    letters: str = ""
    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    infixes: tuple[str, ...] = ()
    #: A language without a langdetect profile borrows this language's profile
    #: (Malay borrows Indonesian's) and is named only on its own markers.
    profile: str | None = None


@attrs.frozen
class Group:
    """A small set of close languages and the markers that tell them apart."""

    name: str
    languages: tuple[str, ...]
    markers: tuple[tuple[str, Markers], ...]

    def evidence(
        self, lowered: str, tokens: Sequence[str], weights: EvidenceWeights
    ) -> dict[str, float]:
        """Marker counts of ``tokens`` (and letters of ``lowered``), as nats per language.

        >>> group = Group("x", ("ca", "es"), (("ca", Markers(words=frozenset({"els"}))),
        ...                                  ("es", Markers(letters="ñ"))))
        >>> group.evidence("els anys", ["els", "anys"], EvidenceWeights())
        {'ca': 4.0, 'es': 0.0}
        """
        scores: dict[str, float] = {}
        for code, m in self.markers:
            total = 0.0
            if m.letters:
                total += weights.letter * sum(lowered.count(ch) for ch in m.letters)
            words = 0
            affixes = 0
            for token in tokens:
                if token in m.words:
                    words += 1
                if len(token) > 3 and (
                    (m.suffixes and token.endswith(m.suffixes))
                    or (m.prefixes and token.startswith(m.prefixes))
                    or (m.infixes and any(part in token for part in m.infixes))
                ):
                    affixes += 1
            scores[code] = total + weights.word * words + weights.affix * affixes
        return scores


_LN10 = math.log(10.0)


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table: each character decomposed, its combining marks dropped."""

    def __missing__(self, point: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(point))
        value = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        # Bounded: a text of random code points cannot grow the table forever.
        if len(self) < 65_536:
            self[point] = value
        return value


_FOLD = _FoldTable()


def fold_diacritics(token: str) -> str:
    """``token`` without combining marks: "příprava" -> "priprava".

    >>> fold_diacritics("perquè"), fold_diacritics("ødelagt")
    ('perque', 'ødelagt')
    """
    return token.translate(_FOLD)


#: A word's row in a :class:`WordTable`: (language index, nats above the floor)
#: for the languages that use it at least at the floor, the others left out.
WordRow = tuple[tuple[int, float], ...]


@attrs.frozen
class WordTable:
    """How often each language of a group writes a word (``langdata/words``).

    ``words`` maps a token to its :data:`WordRow`: natural-log frequency above
    the table's floor for each language that uses it that often; a language left
    out counts as the floor (0.0). A text's tokens are scored as a smoothed
    unigram model (naive Bayes over words) in which no single token can cost a
    language more than ``cap`` nats against the group's best: names, loans and
    typos are common in news, and one of them must not outvote a sentence.
    """

    languages: tuple[str, ...]
    words: Mapping[str, WordRow]
    _folded: list[Mapping[str, WordRow]] = attrs.field(
        init=False, repr=False, eq=False, factory=list
    )

    def folded(self) -> Mapping[str, WordRow]:
        """The rows that change when text is typed without diacritics.

        Words that fold to the same token add up their frequencies ("dia" is
        Catalan "dia" plus Spanish "día"); tokens not in this mapping keep their
        row in :attr:`words`. Built on first use.
        """
        if not self._folded:
            # Only plain (ASCII) text is read through this table, so only words
            # that fold to plain letters change it. Frequencies are relative to
            # the floor, which is 1.
            sums: dict[str, dict[int, float]] = {}
            for word, row in self.words.items():
                if word.isascii():
                    continue
                key = fold_diacritics(word)
                if not key.isascii():
                    continue
                if key not in sums:
                    sums[key] = {i: math.exp(v) for i, v in self.words.get(key, ())}
                linear = sums[key]
                for i, v in row:
                    linear[i] = linear.get(i, 1.0) + math.expm1(v)
            # Only the changed rows: lookups fall back to ``words``.
            table = {
                key: tuple([(i, math.log(x)) for i, x in linear.items()])
                for key, linear in sums.items()
            }
            with _word_lock:
                if not self._folded:
                    self._folded.append(table)
        return self._folded[0]

    def evidence(self, tokens: Sequence[str], *, cap: float, folded: bool) -> list[float]:
        """Summed per-token log-likelihoods of ``tokens``, one per language (in nats).

        >>> table = WordTable(("ca", "es"), {"els": ((0, 6.0),), "los": ((1, 7.0),)})
        >>> table.evidence(["els", "anys", "los", "los"], cap=4.0, folded=False)
        [12.0, 16.0]
        """
        changed = self.folded() if folded else {}
        totals = [0.0] * len(self.languages)
        # What every language gets for a token (the floor, or the cap below the
        # best); only the languages that use the token get more.
        common = 0.0
        for token, count in Counter(tokens).items():
            row = changed.get(token) or self.words.get(token)
            if not row:
                continue
            low = max(v for _, v in row) - cap
            base = low if low > 0.0 else 0.0
            common += count * base
            for i, v in row:
                totals[i] += count * ((v if v > low else low) - base)
        return [t + common for t in totals]


class _Cells(dict[str, tuple[int, float]]):
    """(language index, nats above the floor) of each ``code:zipf`` cell, parsed once."""

    def __init__(self, floor: float, languages: tuple[str, ...]) -> None:
        super().__init__()
        self._floor = floor
        self._index = {code: i for i, code in enumerate(languages)}

    def __missing__(self, cell: str) -> tuple[int, float]:
        code, _, zipf = cell.partition(":")
        value = (self._index[code], max(0.0, (int(zipf) / 10.0 - self._floor) * _LN10))
        self[cell] = value
        return value


def parse_word_table(text: str, origin: str) -> WordTable:
    """A ``langdata/words/<languages>.txt.gz`` file (see ``tools/build_langdata.py``)."""
    floor: float | None = None
    languages: tuple[str, ...] = ()
    cells: _Cells | None = None
    words: dict[str, WordRow] = {}
    rows: dict[WordRow, WordRow] = {}
    try:
        for n, line in enumerate(text.splitlines(), 1):
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if parts[0] == "floor" and floor is None:
                floor = int(parts[1]) / 10.0
            elif parts[0] == "languages" and not languages:
                languages = tuple(parts[1:])
            elif floor is None or not languages or len(parts) < 2:
                msg = f"{origin}:{n}: expected a word and its frequencies"
                raise RuleFileError(msg)
            else:
                if cells is None:
                    cells = _Cells(floor, languages)
                row = tuple(map(cells.__getitem__, parts[1:]))
                # Most rows repeat (one language at one frequency): share them.
                words[parts[0]] = rows.setdefault(row, row)
    except (ValueError, IndexError, KeyError) as exc:
        msg = f"{origin}: {exc!r}"
        raise RuleFileError(msg) from exc
    if len(languages) < 2 or not words:
        msg = f"{origin}: no languages or no words"
        raise RuleFileError(msg)
    return WordTable(languages=languages, words=words)


_TABLE_SUFFIX = ".txt.gz"
_word_lock = threading.Lock()
_word_tables: dict[str, WordTable | None] = {}


class _Table(Protocol):
    @property
    def languages(self) -> tuple[str, ...]: ...


_T = TypeVar("_T", bound=_Table)


def bundled_table_names(folder: str) -> tuple[str, ...]:
    """The tables in ``langdata/<folder>``, each named after its languages ("ru-uk-bg-mk")."""
    entries = resources.files("newsclean.langdata").joinpath(folder)
    if not entries.is_dir():
        return ()
    return tuple(
        sorted(
            entry.name.removesuffix(_TABLE_SUFFIX)
            for entry in entries.iterdir()
            if entry.name.endswith(_TABLE_SUFFIX)
        )
    )


def read_bundled_table(folder: str, name: str, parse: Callable[[str, str], _T]) -> _T | None:
    """``langdata/<folder>/<name>.txt.gz`` parsed by ``parse``; ``None`` if there is none.

    A file that is not gzipped UTF-8, or whose languages are not the ones its
    name lists, is a :class:`RuleFileError`.
    """
    entry = resources.files("newsclean.langdata").joinpath(folder).joinpath(name + _TABLE_SUFFIX)
    if not entry.is_file():
        return None
    origin = f"langdata/{folder}/{name}{_TABLE_SUFFIX}"
    try:
        text = gzip.decompress(entry.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        msg = f"{origin}: not a gzipped UTF-8 file: {exc}"
        raise RuleFileError(msg) from exc
    table = parse(text, origin)
    if table.languages != tuple(name.split("-")):
        msg = f"{origin}: languages {table.languages} do not match the file name"
        raise RuleFileError(msg)
    return table


@cache
def word_table_names() -> tuple[str, ...]:
    """The bundled word tables, each named after its languages ("ca-es-fr-it-pt-ro")."""
    return bundled_table_names("words")


def word_table(name: str) -> WordTable | None:
    """The word table ``name``, read on first use; ``None`` if there is none."""
    if name in _word_tables:
        return _word_tables[name]
    with _word_lock:
        if name not in _word_tables:
            _word_tables[name] = read_bundled_table("words", name, parse_word_table)
    return _word_tables[name]


@attrs.frozen
class LanguageData:
    """Everything in ``newsclean/langdata``: scripts, groups, hint tables."""

    scripts: tuple[Script, ...]
    groups: tuple[Group, ...]
    aliases: Mapping[str, str]
    tlds: Mapping[str, str]
    _starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)
    _spans: tuple[tuple[int, int, int], ...] = attrs.field(init=False, repr=False, eq=False)
    _cache: dict[str, int] = attrs.field(init=False, repr=False, eq=False, factory=dict)
    _lock: threading.Lock = attrs.field(init=False, repr=False, eq=False, factory=threading.Lock)

    def __attrs_post_init__(self) -> None:
        spans = sorted(
            (start, end, index)
            for index, script in enumerate(self.scripts)
            for start, end in script.ranges
        )
        object.__setattr__(self, "_spans", tuple(spans))
        object.__setattr__(self, "_starts", tuple(s[0] for s in spans))

    def script_index(self, ch: str) -> int:
        """Index in :attr:`scripts` of the letter ``ch``; -1 for non-letters and unknown scripts.

        Letters and combining marks count (Devanagari vowel signs are marks);
        digits, punctuation and symbols do not.
        """
        found = self._cache.get(ch)
        if found is not None:
            return found
        index = -1
        if unicodedata.category(ch)[0] in "LM":
            point = ord(ch)
            at = bisect.bisect_right(self._starts, point) - 1
            if at >= 0 and self._spans[at][0] <= point <= self._spans[at][1]:
                index = self._spans[at][2]
        # Bounded: a text of random code points cannot grow the cache forever.
        if len(self._cache) < 65_536:
            with self._lock:
                self._cache[ch] = index
        return index


def _str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, Iterable) and all(isinstance(v, str) for v in value):
        return tuple(value)
    msg = f"{where}: expected a string or a list of strings"
    raise RuleFileError(msg)


def _parse_range(text: Any, where: str) -> tuple[int, int]:
    try:
        start, _, end = str(text).partition("-")
        low, high = int(start, 16), int(end or start, 16)
    except ValueError as exc:
        msg = f"{where}: bad code point range {text!r}"
        raise RuleFileError(msg) from exc
    if low > high:
        msg = f"{where}: empty code point range {text!r}"
        raise RuleFileError(msg)
    return low, high


def parse_scripts(data: Mapping[str, Any], origin: str) -> tuple[Script, ...]:
    """The ``[[script]]`` tables of ``scripts.toml``."""
    scripts = []
    for n, raw in enumerate(data.get("script", [])):
        where = f"{origin}: script #{n + 1}"
        try:
            scripts.append(
                Script(
                    name=str(raw["name"]),
                    ranges=tuple(_parse_range(r, where) for r in raw["ranges"]),
                    languages=_str_tuple(raw["languages"], where),
                    weight=float(raw.get("weight", 1.0)),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            msg = f"{where}: {exc!r}"
            raise RuleFileError(msg) from exc
    if not scripts:
        msg = f"{origin}: no [[script]] tables"
        raise RuleFileError(msg)
    return tuple(scripts)


def parse_group(data: Mapping[str, Any], name: str) -> Group:
    """One close-pair file: ``languages`` plus one table of markers per language."""
    languages = _str_tuple(data.get("languages", ()), name)
    if len(languages) < 2:
        msg = f"{name}: a group needs at least two languages"
        raise RuleFileError(msg)
    markers = []
    for code in languages:
        raw = data.get(code)
        if not isinstance(raw, Mapping):
            msg = f"{name}: no table [{code}]"
            raise RuleFileError(msg)
        where = f"{name} [{code}]"
        unknown = set(raw) - {"letters", "words", "prefixes", "suffixes", "infixes", "profile"}
        if unknown:
            msg = f"{where}: unknown keys {sorted(unknown)}"
            raise RuleFileError(msg)
        profile = raw.get("profile")
        markers.append(
            (
                code,
                Markers(
                    letters=str(raw.get("letters", "")).lower(),
                    words=frozenset(w.lower() for w in _str_tuple(raw.get("words", ()), where)),
                    prefixes=_str_tuple(raw.get("prefixes", ()), where),
                    suffixes=_str_tuple(raw.get("suffixes", ()), where),
                    infixes=_str_tuple(raw.get("infixes", ()), where),
                    profile=None if profile is None else str(profile),
                ),
            )
        )
    return Group(name=name, languages=languages, markers=tuple(markers))


def _read(name: str) -> Mapping[str, Any]:
    text = resources.files("newsclean.langdata").joinpath(name).read_text(encoding="utf-8")
    return parse_toml(text, origin=f"langdata/{name}")


@cache
def language_data() -> LanguageData:
    """The bundled language data, read once per process."""
    files = sorted(
        entry.name
        for entry in resources.files("newsclean.langdata").iterdir()
        if entry.name.endswith(".toml")
    )
    groups = tuple(
        parse_group(_read(name), name.removesuffix(".toml"))
        for name in files
        if name not in _SPECIAL_FILES
    )
    codes = _read("codes.toml")
    return LanguageData(
        scripts=parse_scripts(_read("scripts.toml"), "langdata/scripts.toml"),
        groups=groups,
        aliases={str(k).lower(): str(v) for k, v in codes.get("aliases", {}).items()},
        tlds={str(k).lower(): str(v) for k, v in codes.get("tld", {}).items()},
    )
