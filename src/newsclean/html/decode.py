"""From what the caller holds (bytes, text or a BeautifulSoup tree) to one lxml tree.

Bytes are decoded with bs4's :class:`~bs4.dammit.UnicodeDammit`: a byte-order mark
first, then the encoding the page declares (``<meta charset>``, the HTTP-equiv
``Content-Type``), then detection. The decoded text is handed to libxml2's HTML
parser through lxml as UTF-8, so neither a stale ``<meta charset>`` nor an XML
declaration can make the parser re-decode it. A BeautifulSoup object a scraper
already holds is serialised and parsed the same way, so every input meets the
same tree and the same extractor (``docs/html.md`` says why the tree is lxml's).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsclean.errors import InputTooDeepError, InputTooLargeError, InvalidInputError

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: File signatures of common binary formats that are sometimes fetched by mistake.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
    b"\x7fELF",
)
#: Control characters that never occur in text (tab, newline and carriage return do).
#: Characters XML (and so lxml's tree) cannot hold: C0 controls but tab and line breaks.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
#: Byte-order marks of UTF-8, UTF-16 and UTF-32 (UTF-16/32 text has NUL bytes).
_BOMS: tuple[bytes, ...] = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_CONTROL_BYTES = re.compile(b"[\x00-\x08\x0e-\x1f\x7f]")
#: The charset a page declares in its ``<meta>`` (only the start is searched).
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_DECLARED_SPAN = 16384
_UTF8_NAMES = frozenset({"utf-8", "utf8", "unicode-1-1-utf-8"})
#: Lead bytes of UTF-8 multibyte sequences that are followed by a continuation byte.
_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
#: A page declared (or taken) as UTF-8 may have one broken sequence per this many
#: well-formed ones and still be decoded as UTF-8.
_MAX_BROKEN_SHARE = 100
#: How much of the start of a document is inspected to tell text from binary.
_SNIFF_CHARS = 4096
#: Above this share of control characters in the sniffed start, the input is binary.
_MAX_CONTROL_SHARE = 0.05


def decode(source: bytes, *, max_chars: int) -> str:
    """The text of an HTML document given as bytes.

    Raises :class:`InvalidInputError` for binary data (an image, an archive, a PDF,
    or bytes that are mostly control codes; UTF-16 and UTF-32 need their
    byte-order mark) and :class:`InputTooLargeError` when the bytes are over
    ``max_chars``.

    >>> decode(b'<meta charset="latin-1"><p>caf\\xe9</p>', max_chars=100)
    '<meta charset="latin-1"><p>café</p>'
    """
    if len(source) > max_chars:
        msg = f"html has {len(source):,} bytes, over max_input_chars={max_chars:,}"
        raise InputTooLargeError(msg)
    if source.startswith(_BINARY_MAGIC):
        msg = "input is binary data (a known file signature), not HTML"
        raise InvalidInputError(msg)
    if not source.startswith(_BOMS):
        head = source[:_SNIFF_CHARS]
        if head and len(_CONTROL_BYTES.findall(head)) > _MAX_CONTROL_SHARE * len(head):
            msg = "input looks like binary data, not HTML (control bytes)"
            raise InvalidInputError(msg)
    text = _as_utf8(source)
    if text is not None:
        check_text(text)
        return text
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(source, is_html=True)
    text = dammit.unicode_markup
    if text is None:  # pragma: no cover - UnicodeDammit falls back to windows-1252
        msg = "html bytes could not be decoded in any encoding"
        raise InvalidInputError(msg)
    check_text(text)
    return text


def _as_utf8(source: bytes) -> str | None:
    """``source`` decoded as UTF-8 when it is UTF-8, else ``None``.

    Bytes that decode as UTF-8 are UTF-8 whatever the page declares (text in a
    legacy 8-bit encoding is almost never valid UTF-8). A page that declares UTF-8
    (or nothing) and holds a few broken sequences, say one truncated character, is
    still UTF-8: decoding it with replacement loses those few characters, whereas
    statistical detection would pick an 8-bit encoding and garble every non-ASCII
    letter of the page.
    """
    if source.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return None
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(source[:_DECLARED_SPAN])
    if (
        declared is not None
        and declared.group(1).decode("ascii", "replace").lower().replace("_", "-")
        not in _UTF8_NAMES
    ):
        return None
    text = source.decode("utf-8-sig", errors="replace")
    broken = text.count("\ufffd") - source.count(b"\xef\xbf\xbd")
    multibyte = len(_MULTIBYTE.findall(source))
    if broken <= max(2, multibyte // _MAX_BROKEN_SHARE) and multibyte > broken:
        return text
    return None


def check_text(text: str) -> None:
    """Reject text whose start is mostly control characters (binary read as text)."""
    head = text[:_SNIFF_CHARS]
    if head and len(_CONTROL.findall(head)) > _MAX_CONTROL_SHARE * len(head):
        msg = "input looks like binary data, not HTML (control characters)"
        raise InvalidInputError(msg)


def soup_markup(soup: Any) -> str:
    """The markup of a BeautifulSoup tree, for parsing into the tree newsclean walks."""
    markup: str = soup.decode()
    return markup


def parse(text: str) -> HtmlElement | None:
    """The lxml tree of an HTML document, or ``None`` when it holds no markup or text.

    libxml2 recovers from any malformed markup; what it cannot recover is only the
    empty document, reported here as ``None``.
    """
    if not text.strip():
        return None
    from lxml import etree
    from lxml.html import (
        HtmlComment,
        HtmlElement,
        HtmlEntity,
        HTMLParser,
        HtmlProcessingInstruction,
        document_fromstring,
    )

    # huge_tree lifts libxml2's safety limits (nesting depth, text node size) that
    # would otherwise silently drop the text of deeply nested or very large pages.
    parser = HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    # Every element is a plain HtmlElement, chosen in C. lxml.html's own lookup runs
    # Python code for each element the walk touches (to give form controls classes
    # of their own, which nothing here uses): a few per cent of a page's time.
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    # Control characters are not allowed in markup; lxml refuses them when the tree
    # is edited later, so they go now. Surrogates cannot be encoded; they carry
    # no text, so they are replaced.
    data = _XML_ILLEGAL.sub("", text).encode("utf-8", errors="replace")
    try:
        root: HtmlElement = document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


#: libxml2 stops nesting elements at this depth and silently drops what lies deeper.
MAX_PARSER_DEPTH = 2046


def check_depth(root: HtmlElement, limit: int) -> None:
    """Refuse a page nested deeper than ``limit`` (or than the parser keeps).

    Past libxml2's own limit, text is dropped without a word; a typed error says so
    instead of returning an article that silently lacks part of the page. The test
    is one XPath of ``limit`` child steps from the root element, evaluated in C level
    by level (each element is visited once), so no depth can exhaust Python's stack
    and no element needs a Python object.
    """
    limit = min(limit, MAX_PARSER_DEPTH)
    if limit <= 0 or _depth_probe(limit)(root):
        msg = f"html is nested deeper than max_html_depth={limit} elements"
        raise InputTooDeepError(msg)


@lru_cache(maxsize=8)
def _depth_probe(depth: int) -> Any:
    """An XPath that is true when some element lies ``depth`` levels below the root element."""
    from lxml import etree

    return etree.XPath("boolean(/*" + "/*" * depth + ")")


def check_tag_count(text: str, limit: int) -> None:
    """Refuse, before parsing, a page with more than ``limit`` elements.

    Parsed elements cost far more memory than their markup; a page of millions of
    tiny tags would take many times its size in memory and long to walk. Each
    element has one start tag (its end tag may be left out), so the count is of
    ``<`` not followed by ``/``: two scans in C, no parsing.
    """
    if text.count("<") - text.count("</") > limit:
        msg = (
            f"html has more than {limit:,} elements for its {len(text):,} characters"
            " (Options.max_html_elements)"
        )
        raise InputTooLargeError(msg)
