"""Word endings as language evidence for words too rare for the word tables.

A word table (``langdata/words``) knows the few thousand commonest words of each
language; a news line is full of rarer ones: names, technical terms, inflected
forms ("veterinární", "divadélka", "Suchánek"). Their endings still tell the
language (Czech -ární against Slovak -árny, Spanish -ción against Catalan -ció,
Portuguese -ção), so each such token is read by its longest known ending of 3 to
5 letters, through a table of how many distinct words of each language end so
(``langdata/endings/<languages>.txt.gz``, built from wordfreq's lists by
``tools/build_langdata.py``).

Endings are kept folded to plain letters ("ció" as "cio") and tokens are folded
before they are looked up, so text typed without diacritics is read by the same
table; the diacritics themselves are weighed by the profiles and the word
tables. One ending can cost a language at most :data:`ENDING_CAP` nats against
the best, so a foreign name weighs no more than a word.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from functools import cache

import attrs

from newsclean.errors import RuleFileError
from newsclean.langevidence import bundled_table_names, fold_diacritics, read_bundled_table

#: The most nats one ending can cost a language against the best language.
ENDING_CAP = 4.0
#: Evidence is kept as one byte per language: 0 is the cap below the best, 255 the best.
_LEVELS = 255
#: Tokens shorter than this are left to the profiles and the word tables.
MIN_TOKEN = 5


@attrs.frozen
class EndingTable:
    """How strongly each known ending points to each language of a table.

    ``rows`` maps an ending to one byte per language of ``languages``: the
    language's log-share of words with that ending, relative to the best
    language's and capped at :data:`ENDING_CAP` below it, on a scale of 0 to 255.
    """

    languages: tuple[str, ...]
    shortest: int
    longest: int
    stem: int
    rows: Mapping[str, bytes]

    def row(self, token: str) -> bytes | None:
        """The row of ``token``'s longest known ending, or ``None``.

        >>> table = EndingTable(("ca", "es"), 3, 4, 2, {"cio": b"\\xff\\x00"})
        >>> table.row("nacio"), table.row("relació"), table.row("cio")
        (b'\\xff\\x00', b'\\xff\\x00', None)
        """
        folded = fold_diacritics(token)
        for n in range(min(self.longest, len(folded) - self.stem), self.shortest - 1, -1):
            row = self.rows.get(folded[-n:])
            if row is not None:
                return row
        return None

    def evidence(self, tokens: Sequence[str]) -> list[float]:
        """Nats per language for ``tokens`` (each read by its longest known ending).

        Only differences between languages matter to the caller, so a language
        starts from 0 and gains up to :data:`ENDING_CAP` per token.

        >>> table = EndingTable(("ca", "es"), 3, 4, 2, {"cio": b"\\xff\\x00"})
        >>> table.evidence(["nacio", "relacio", "casa"])
        [8.0, 0.0]
        """
        totals = [0] * len(self.languages)
        for token in tokens:
            row = self.row(token) if len(token) >= MIN_TOKEN else None
            if row is not None:
                totals = [t + b for t, b in zip(totals, row, strict=True)]
        return [t * ENDING_CAP / _LEVELS for t in totals]


def parse_ending_table(text: str, origin: str) -> EndingTable:
    """A ``langdata/endings/<languages>.txt.gz`` file (see ``tools/build_langdata.py``)."""
    header: dict[str, list[str]] = {}
    rows: dict[str, bytes] = {}
    scale: EndingScale | None = None
    try:
        for n, line in enumerate(text.splitlines(), 1):
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if parts[0] in _HEADER and scale is None:
                header[parts[0]] = parts[1:]
                continue
            if len(parts) < 2 or (scale is None and len(header) < len(_HEADER)):
                msg = f"{origin}:{n}: expected an ending and its word counts"
                raise RuleFileError(msg)
            if scale is None:
                scale = EndingScale(header["languages"], [int(x) for x in header["totals"]])
            rows[parts[0]] = scale.row(parts[1:])
        languages = tuple(header["languages"])
        shortest, longest = (int(x) for x in header["lengths"])
        stem = int(header["stem"][0])
    except (ValueError, IndexError, KeyError) as exc:
        msg = f"{origin}: {exc!r}"
        raise RuleFileError(msg) from exc
    if len(languages) < 2 or not rows or not 1 <= shortest <= longest:
        msg = f"{origin}: no languages, no endings or no lengths"
        raise RuleFileError(msg)
    return EndingTable(languages, shortest, longest, stem, rows)


_HEADER = ("lengths", "stem", "languages", "totals")


class EndingScale:
    """Turns an ending's word counts into its row of bytes (see :class:`EndingTable`).

    >>> scale = EndingScale(["ca", "es"], [1000, 1000])
    >>> list(scale.row(["ca:200", "es:1"])), list(scale.row(["ca:40", "es:40"]))
    ([255, 0], [255, 255])
    """

    def __init__(self, languages: Sequence[str], totals: Sequence[int]) -> None:
        if len(totals) != len(languages) or min(totals) <= 0:
            msg = "totals must give a positive count for every language"
            raise ValueError(msg)
        self._index = {code: i for i, code in enumerate(languages)}
        self._log_totals = [math.log(t) for t in totals]
        self._log_counts: dict[str, float] = {}

    def row(self, cells: Sequence[str]) -> bytes:
        """The row of ``code:count`` cells; languages left out have no such word."""
        # Half a word for an ending a language never shows: rare is not impossible.
        shares = [math.log(0.5) - t for t in self._log_totals]
        for cell in cells:
            code, _, count = cell.partition(":")
            log_count = self._log_counts.get(count)
            if log_count is None:
                log_count = self._log_counts[count] = math.log(int(count) + 0.5)
            i = self._index[code]
            shares[i] = log_count - self._log_totals[i]
        floor = max(shares) - ENDING_CAP
        step = ENDING_CAP / _LEVELS
        return bytes(round((s - floor) / step) if s > floor else 0 for s in shares)


_lock = threading.Lock()
_tables: dict[str, EndingTable | None] = {}


@cache
def ending_table_names() -> tuple[str, ...]:
    """The bundled ending tables, each named after its languages."""
    return bundled_table_names("endings")


def ending_table(name: str) -> EndingTable | None:
    """The ending table ``name``, read on first use; ``None`` if there is none."""
    if name in _tables:
        return _tables[name]
    with _lock:
        if name not in _tables:
            _tables[name] = read_bundled_table("endings", name, parse_ending_table)
    return _tables[name]
