"""Build the word-frequency tables of the close-pair groups from ``wordfreq``.

Usage::

    pip install "wordfreq>=3.1"      # a build-time tool only, never imported by newsclean
    python tools/build_langdata.py [--out DIR] [--endings-out DIR] [--floor ZIPF]
                                   [--spread ZIPF] [--groups A,B]

For every word table of ``GROUPS`` (languages that ``wordfreq`` covers), this writes
``src/newsclean/langdata/words/<group>.txt.gz``: the words that any language of
the group uses at least ``--floor`` on the Zipf scale (log10 of occurrences per
billion words; 4.0 is ten per million), with each language's Zipf frequency.
Words whose frequencies differ by less than ``--spread`` between the group's
languages are left out: at run time they would move almost nothing. Frequencies
under the floor are not written; the run-time model reads them as the floor.
The tables of ``DEEP`` (Czech, Croatian, Slovak, Slovene) have a floor and
spread of their own, and go deeper than ``--floor``. For the tables of
``ENDINGS`` it also writes ``src/newsclean/langdata/endings/<table>.txt.gz``:
how many distinct words of each language end in each 3-5 letter ending, the
model newsclean uses for words too rare for the word table.

Words are folded to the tokens ``newsclean.language`` reads (letters and marks,
lower-cased; anything else splits a word): entries that are not one such token
are dropped, entries that fold to the same token are added up.

The data comes from wordfreq's ``small`` word lists (Wikipedia, subtitles, news,
books, web text, Twitter and Reddit, depending on the language; see wordfreq's
documentation), redistributed under CC BY-SA 4.0. The output is deterministic:
the same wordfreq version gives byte-identical files.
"""

from __future__ import annotations

import argparse
import gzip
import math
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The endings file is pruned by how newsclean reads it.
sys.path.insert(0, str(REPO / "src"))
from newsclean.langendings import EndingScale  # noqa: E402

OUT = REPO / "src" / "newsclean" / "langdata" / "words"

#: The word tables: each is named after its languages and maps newsclean's
#: codes to wordfreq's lists. One table holds every Latin-script language both
#: langdetect and wordfreq cover, so that words move probability across
#: families too (Catalan read as Portuguese, Swedish as Norwegian); the
#: Latin-script languages wordfreq lacks (af, cy, et, so, sq, sw) keep their
#: share. Malay is left out: it and Indonesian are one language in two
#: standards, and web word counts mix them. Devanagari (mr, ne) and Arabic (fa,
#: ur) groups are not built: wordfreq lacks Marathi and Nepali, and the Arabic
#: group gained too little for its size.
_LATIN = [
    *("ca", "cs", "da", "de", "en", "es", "fi", "fr", "hr", "hu", "id", "it", "lt"),
    *("lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv", "tl", "tr", "vi"),
]
_WORDFREQ_CODES = {"no": "nb", "hr": "sh", "tl": "fil"}
GROUPS: dict[str, dict[str, str]] = {
    "-".join(_LATIN): {c: _WORDFREQ_CODES.get(c, c) for c in _LATIN},
    "ru-uk-bg-mk": {"ru": "ru", "uk": "uk", "bg": "bg", "mk": "mk"},
    "cs-hr-sk-sl": {c: _WORDFREQ_CODES.get(c, c) for c in ("cs", "hr", "sk", "sl")},
}
#: Tables read deeper than ``--floor``, with their own floor and spread. Czech,
#: Slovak, Slovene and Croatian share most of their common words, so it is the
#: rarer ones that tell a short line apart ("veterinární", "nainstalovat"). The
#: run-time model reads this table after the shared Latin one, among these four
#: only. All four come from wordfreq's ``small`` lists, which stop at Zipf 3.0
#: for every language (a deeper list exists for Czech alone and would tip every
#: rare word to it). A wider spread than the shared table's keeps the file small:
#: words that the four use within 1.0 of each other say little.
DEEP: dict[str, tuple[float, float]] = {"cs-hr-sk-sl": (3.0, 1.0)}
#: The script of each table's words: word lists also count words in other
#: scripts (English in Ukrainian web text), which say nothing inside the group.
SCRIPTS = {"-".join(_LATIN): "LATIN", "ru-uk-bg-mk": "CYRILLIC", "cs-hr-sk-sl": "LATIN"}

DEFAULT_FLOOR = 3.9
DEFAULT_SPREAD = 0.6

#: Tables that also get an endings table (``langdata/endings/<name>.txt.gz``):
#: for each ending of 3 to 5 letters, how many distinct words of each language's
#: list end in it, folded to plain letters. Words too rare for the word table
#: (names, rare forms, "veterinární") are read by their ending at run time.
ENDINGS = ("-".join(_LATIN),)
ENDINGS_OUT = REPO / "src" / "newsclean" / "langdata" / "endings"
ENDING_LENGTHS = range(3, 6)
#: An ending must leave a stem of this many letters, so that "ista" is an
#: ending of "artista" but not the word "vista".
ENDING_STEM = 2
#: Endings found in fewer words than this, over all languages, are left out.
ENDING_SUPPORT = 10
#: An ending whose every language differs from its shorter ending's by at most
#: this many of the reader's levels (255 to ``ENDING_CAP`` nats) is left out.
ENDING_PRUNE = 32


def token_of(word: str) -> str | None:
    """``word`` as newsclean tokenises it, or ``None`` unless that is one token."""
    folded = "".join(ch.lower() if unicodedata.category(ch)[0] in "LM" else " " for ch in word)
    parts = folded.split()
    return parts[0] if len(parts) == 1 else None


def fold_diacritics(token: str) -> str:
    """``token`` without combining marks, as ``newsclean.langevidence`` folds it."""
    decomposed = unicodedata.normalize("NFD", token)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def in_script(token: str, script: str) -> bool:
    """Whether every letter of ``token`` belongs to ``script`` (marks go with any)."""
    return all(
        unicodedata.category(ch)[0] == "M" or unicodedata.name(ch, "").startswith(script)
        for ch in token
    )


def language_table(source: str, floor: float, script: str) -> dict[str, float]:
    """Zipf frequency per token of one wordfreq language in ``script``, at or above ``floor``."""
    from wordfreq import get_frequency_dict

    per_token: dict[str, float] = {}
    for word, freq in get_frequency_dict(source, wordlist="small").items():
        token = token_of(word)
        if token is not None and in_script(token, script):
            per_token[token] = per_token.get(token, 0.0) + freq
    table = {}
    for token, freq in per_token.items():
        zipf = round(math.log10(freq) + 9, 1)
        if zipf >= floor:
            table[token] = zipf
    return table


def ending_words(source: str, script: str) -> set[str]:
    """The distinct words of one wordfreq language, as tokens folded to plain letters."""
    from wordfreq import get_frequency_dict

    words = set()
    for word in get_frequency_dict(source, wordlist="small"):
        token = token_of(word)
        if token is None or not in_script(token, script):
            continue
        folded = fold_diacritics(token)
        if folded.isascii():
            words.add(folded)
    return words


def prune_endings(cells: dict[str, list[str]], scale: EndingScale) -> set[str]:
    """The endings that say more than the shorter ending a reader would fall back to.

    The run-time reader takes a token's longest known ending; an ending whose
    row (as ``newsclean.langendings`` reads it) is within ``ENDING_PRUNE`` levels
    of its fallback's for every language is left out, and its longer endings
    are compared with that fallback instead.
    """
    rows = {ending: scale.row(c) for ending, c in cells.items()}
    kept: set[str] = set()
    fallback: dict[str, bytes] = {}
    for ending in sorted(rows, key=lambda e: (len(e), e)):
        row = rows[ending]
        parent = fallback.get(ending[1:]) if len(ending) > min(ENDING_LENGTHS) else None
        if (
            parent is not None
            and max(abs(a - b) for a, b in zip(row, parent, strict=True)) <= ENDING_PRUNE
        ):
            fallback[ending] = parent
            continue
        kept.add(ending)
        fallback[ending] = row
    return kept


def build_endings(name: str, sources: dict[str, str]) -> tuple[list[str], list[str]]:
    """The header and the rows of one table's endings file."""
    codes = list(sources)
    counts: dict[str, list[int]] = {}
    totals = []
    for i, code in enumerate(codes):
        words = ending_words(sources[code], SCRIPTS[name])
        totals.append(len(words))
        for word in words:
            for n in ENDING_LENGTHS:
                if len(word) >= n + ENDING_STEM:
                    counts.setdefault(word[-n:], [0] * len(codes))[i] += 1
    cells = {
        ending: [f"{c}:{k}" for c, k in zip(codes, row, strict=True) if k]
        for ending, row in counts.items()
        if sum(row) >= ENDING_SUPPORT
    }
    kept = prune_endings(cells, EndingScale(codes, totals))
    rows = [" ".join([ending, *cells[ending]]) for ending in sorted(kept)]
    header = [
        f"# Word endings of {', '.join(codes)} for newsclean's {name} table.",
        "# Generated by tools/build_langdata.py; do not edit by hand.",
        f"# Source: wordfreq {version('wordfreq')} 'small' word lists"
        f" ({', '.join(f'{c}={s}' for c, s in sources.items())}),",
        "# by Robyn Speer and contributors; licence: CC BY-SA 4.0.",
        "# Format: ending, then language:number of the language's distinct words (folded",
        f"# to plain letters) that end in it after a stem of at least {ENDING_STEM} letters;",
        f"# endings of fewer than {ENDING_SUPPORT} words in all are left out.",
        "# totals: how many distinct words (folded) each list has, of any length, so that",
        "# a language of short words (Vietnamese) gets little from any ending.",
        f"lengths {min(ENDING_LENGTHS)} {max(ENDING_LENGTHS)}",
        f"stem {ENDING_STEM}",
        f"languages {' '.join(codes)}",
        f"totals {' '.join(map(str, totals))}",
    ]
    return header, rows


def write_gzip(path: Path, lines: list[str], what: str) -> None:
    """``lines`` gzipped into ``path``, byte for byte the same for the same lines."""
    text = "\n".join(lines) + "\n"
    # mtime=0 and no file name: the same input gives the same bytes.
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out,
    ):
        out.write(text.encode("utf-8"))
    print(
        f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: "
        f"{what}, {path.stat().st_size} bytes",
        file=sys.stderr,
    )


def build_group(
    name: str, sources: dict[str, str], floor: float, spread: float
) -> tuple[list[str], list[str]]:
    """The header and the rows of one group's file."""
    tables = {code: language_table(s, floor, SCRIPTS[name]) for code, s in sources.items()}
    codes = list(sources)
    vocabulary = set().union(*tables.values())
    # The run-time model also reads text typed without diacritics through the
    # table folded ("día" -> "dia"): a plain word that such a fold lands on is
    # kept even when it alone would tell nothing, so the fold adds to its real
    # frequencies instead of standing in for them.
    folds = (fold_diacritics(t) for t in vocabulary if not t.isascii())
    fold_targets = {f for f in folds if f.isascii()}
    rows = []
    for token in sorted(vocabulary):
        values = [tables[c].get(token) for c in codes]
        present = [v if v is not None else floor for v in values]
        if max(present) - min(present) < spread and token not in fold_targets:
            continue
        cells = [
            f"{c}:{round(v * 10)}" for c, v in zip(codes, values, strict=True) if v is not None
        ]
        rows.append(" ".join([token, *cells]))
    wordfreq_version = version("wordfreq")
    header = [
        f"# Word frequencies of {', '.join(codes)} for newsclean's {name} group.",
        "# Generated by tools/build_langdata.py; do not edit by hand.",
        f"# Source: wordfreq {wordfreq_version} 'small' word lists"
        f" ({', '.join(f'{c}={s}' for c, s in sources.items())}),",
        "# by Robyn Speer and contributors, from Wikipedia, OpenSubtitles 2018, SUBTLEX,",
        "# NewsCrawl, GlobalVoices, Google Books Ngrams, OSCAR, Twitter and Reddit.",
        "# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/).",
        f"# Format: token, then language:Zipf frequency x10 where it is at least {floor};",
        f"# words under {floor} everywhere, or within {spread} of each other, are left out",
        "# (unless a word with diacritics folds to them).",
        f"floor {round(floor * 10)}",
        f"languages {' '.join(codes)}",
    ]
    return header, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--endings-out", type=Path, default=ENDINGS_OUT)
    parser.add_argument("--floor", type=float, default=DEFAULT_FLOOR)
    parser.add_argument("--spread", type=float, default=DEFAULT_SPREAD)
    parser.add_argument("--groups", default=",".join(GROUPS))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.groups.split(","):
        floor, spread = DEEP.get(name, (args.floor, args.spread))
        header, rows = build_group(name, GROUPS[name], floor, spread)
        write_gzip(args.out / f"{name}.txt.gz", [*header, *rows], f"{len(rows)} words")
        if name in ENDINGS:
            args.endings_out.mkdir(parents=True, exist_ok=True)
            header, rows = build_endings(name, GROUPS[name])
            write_gzip(
                args.endings_out / f"{name}.txt.gz", [*header, *rows], f"{len(rows)} endings"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
