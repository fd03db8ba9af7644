"""Text normalisation: small pure fixers, one job each.

Each fixer takes a line and returns it fixed; the docstring says what it fixes
and why scraped news has it. :data:`FIXERS` lists them in the order they run, and
:func:`normalize_line` returns the fixed line with the names of the fixers that
changed it, so the cleaner can record what it did.

Line splitting is not a fixer: :func:`split_lines` uses :meth:`str.splitlines`,
which treats ``\\r\\n``, ``\\r``, ``\\n`` and the Unicode line separators alike, and
its 1-based numbering is the one :class:`newsclean.Paragraph` and
:class:`newsclean.Removal` report.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from html.entities import html5

#: Zero-width and invisible formatting characters that scrapers copy from markup:
#: zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks and embeddings.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")
#: C0/C1 control characters other than tab; they carry no text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
#: Unicode spaces other than the ASCII space (no-break, thin, ideographic, ...), and
#: line breaks inside a line (a caller may pass a block), which separate words.
_ODD_SPACE = re.compile(
    "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]"
)
_RUNS_OF_SPACE = re.compile(" {2,}")
#: An HTML character reference left in text: named (&amp;), decimal or hex.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
#: Lone surrogates cannot be encoded as UTF-8 and break every writer downstream.
_SURROGATE = re.compile("[\ud800-\udfff]")


def unescape_entities(line: str) -> str:
    """Turn HTML entities left in text (``&amp;``, ``&#8220;``, ``&nbsp;``) into characters.

    Scrapers that take ``innerHTML`` or double-escape leave them behind. Only
    complete, known references are decoded (``&ampdd;`` stays as written), and
    double escaping (``&amp;amp;``) is undone to the end, so the result is stable.

    >>> unescape_entities("Tom &amp; Jerry &#8220;live&#8221; &amp;lt;b&amp;gt;")
    'Tom & Jerry “live” <b>'
    """
    while "&" in line:
        decoded = _ENTITY.sub(_decode_entity, line)
        if decoded == line:
            break
        line = decoded
    return line


def _decode_entity(found: re.Match[str]) -> str:
    reference = found.group(0)
    if reference[1] == "#":
        return html.unescape(reference)
    return html5.get(reference[1:], reference)


def compose_unicode(line: str) -> str:
    """Compose to Unicode NFC, so "é" written as e + combining accent equals "é".

    Text copied from different sources mixes composed and decomposed forms, which
    breaks matching and de-duplication.

    >>> compose_unicode("Cafe\\u0301") == "Caf\\u00e9"
    True
    """
    if line.isascii():
        return line
    return unicodedata.normalize("NFC", line)


def remove_invisible(line: str) -> str:
    """Remove zero-width characters, soft hyphens, BOMs and bidi control marks.

    They are invisible but split words ("Baca\\u200bjuga" would not match "Baca juga").

    >>> remove_invisible("Baca\\u200b juga")
    'Baca juga'
    """
    return _INVISIBLE.sub("", line)


def remove_control(line: str) -> str:
    """Remove control characters (NUL, escape, C1 controls) and lone surrogates.

    They come from broken encodings and binary junk, never from prose.

    >>> remove_control("a\\x00b\\x1bc")
    'abc'
    """
    line = _CONTROL.sub("", line)
    return _SURROGATE.sub("", line)


def normalize_spaces(line: str) -> str:
    """Make every space an ASCII space, collapse runs, and strip the ends.

    No-break and thin spaces come from ``&nbsp;`` and typesetting; tabs and runs of
    spaces come from indentation in the markup.

    >>> normalize_spaces("\\u00a0 Jakarta,\\u00a0\\u00a0CNBC  Indonesia ")
    'Jakarta, CNBC Indonesia'
    """
    line = _ODD_SPACE.sub(" ", line)
    if "  " in line:
        line = _RUNS_OF_SPACE.sub(" ", line)
    return line.strip(" ")


#: The fixers in the order they run; each name is also the step name recorded.
FIXERS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("unescape_entities", unescape_entities),
    ("compose_unicode", compose_unicode),
    ("remove_invisible", remove_invisible),
    ("remove_control", remove_control),
    ("normalize_spaces", normalize_spaces),
)


def normalize_line(line: str) -> tuple[str, tuple[str, ...]]:
    """Run every fixer on ``line``; return the result and the fixers that changed it.

    >>> normalize_line("Tom &amp;\\u00a0Jerry")
    ('Tom & Jerry', ('unescape_entities', 'normalize_spaces'))
    """
    applied: list[str] = []
    for name, fixer in FIXERS:
        fixed = fixer(line)
        if fixed != line:
            applied.append(name)
            line = fixed
    # An entity can decode to an invisible or control character; one more pass
    # over the character fixers makes the result a fixed point.
    if applied and applied[0] == "unescape_entities":
        for name, fixer in FIXERS[1:]:
            fixed = fixer(line)
            if fixed != line:
                if name not in applied:
                    applied.append(name)
                line = fixed
    return line, tuple(applied)


def normalize_text(text: str) -> str:
    """Normalise every line of ``text`` and drop empty ones; lines joined by ``\\n``.

    >>> normalize_text("a&nbsp;b\\r\\n\\r\\n  c ")
    'a b\\nc'
    """
    fixed = (normalize_line(line)[0] for line in split_lines(text))
    return "\n".join(line for line in fixed if line)


def split_lines(text: str) -> list[str]:
    """Split on every line break :meth:`str.splitlines` knows."""
    return text.splitlines()


#: Every line break :meth:`str.splitlines` knows; ``\r\n`` is one break.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def iter_lines(text: str) -> Iterator[str]:
    """The lines :func:`split_lines` gives, one at a time.

    A text of many short lines would otherwise be held twice while it is cleaned:
    once as the list of every line and once as the cleaner's own lines.

    >>> list(iter_lines("a\\r\\nb\\n\\nc\\n"))
    ['a', 'b', '', 'c']
    """
    start = 0
    for found in _LINE_BREAK.finditer(text):
        yield text[start : found.start()]
        start = found.end()
    if start < len(text):
        yield text[start:]
