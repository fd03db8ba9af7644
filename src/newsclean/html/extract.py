"""Find a page's story and turn it into ordered text blocks.

The method follows the content scoring of Arc90 Readability (also used by
Mozilla's reader view), which holds up across sites because it rests on the shape
of text rather than on site templates:

1. **Prune** what never is story: scripts, styles, forms controls, hidden
   elements, and (on the first attempt) elements whose class, id or role names
   navigation, comments, sharing, related links, ads and the like.
2. **Score** paragraph-like elements by length and commas, and credit their parent
   in full, grandparent by half, and farther ancestors less; an ancestor's base
   score follows its tag and class hints, and its total is scaled by ``1 - link
   density`` (menus and link lists are mostly link text).
3. **Choose** the best container, move up when several top candidates share an
   ancestor or the parent scores higher, and add siblings that score well or read
   as prose (``<article>``/``itemprop=articleBody`` is preferred when it holds text).
4. **Tidy** the container: link-dense lists, widgets and form-heavy boxes inside it
   are removed *and recorded* with their element path.
5. **Flow** the container into blocks: one block per paragraph, heading, list item,
   quote or table row, each with its kind and element path.

When the result is short (under :data:`MIN_CHARS`), the steps run again with the
class-hint pruning and tidying switched off and the longer result wins, so a page
whose story sits in an oddly named container is still read.

Everything is iterative: no step recurses over the tree, so deeply nested markup
cannot exhaust the Python stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextvars import ContextVar
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

import attrs
from lxml import etree

from newsclean.html.hints import bundled_hints
from newsclean.memory import TRIM_EVERY_CHARS, release_free_memory

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: A story shorter than this (characters) triggers the second, more lenient attempt.
MIN_CHARS = 500
#: In that comparison a character of a script written without spaces between
#: words (Chinese, Japanese, Korean syllables) counts this many times: a story of
#: 200 such characters says as much as one of 600 in a Latin script.
WIDE_CHAR_WEIGHT = 3
_WIDE = re.compile("[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: How many of the best candidates are compared when looking for a shared ancestor.
TOP_CANDIDATES = 5
#: A block with at least this share of link text is a pointer to another page ...
LINK_BLOCK_SHARE = 0.5
#: ... when it has fewer words than this (or at least 80% link text).
LINK_BLOCK_WORDS = 30
#: A mostly linked block is still a sentence of the story (not a teaser) when it
#: has this many words, unlinked text, and ends with a full stop.
LINKED_SENTENCE_WORDS = 10
LINKED_SENTENCE_MAX_SHARE = 0.95
#: The container grows to an ancestor (up to this many levels up) ...
GROW_LEVELS = 8
#: ... when at least this share of the text the ancestor adds is in siblings
#: built like the story's branch and not link lists ...
GROW_PROSE_SHARE = 0.7
#: ... and the ancestor is not a link farm.
GROW_MAX_LINK_DENSITY = 0.25
#: How many ancestors of the container are searched for lead paragraphs ...
LEAD_LEVELS = 4
#: ... while the ancestor holds at most this many times the story's text (plus a
#: few paragraphs' worth).
LEAD_GROWTH = 1.5
#: A lead paragraph has at least this many characters.
LEAD_MIN_CHARS = 80
_LEAD_TAGS = frozenset({"div", "section", "header"})
#: An ``<article>`` around the best container is taken when it holds at most this
#: many times the container's text.
ARTICLE_GROWTH = 2.0
#: Pages with at least this much markup (characters) count the text of their
#: containers piece by piece instead of building it.
LARGE_PAGE_CHARS = 1_000_000
_LARGE_PAGE: ContextVar[bool] = ContextVar("newsclean_large_page", default=False)
#: A paragraph shorter than this (characters) adds nothing to its ancestors' scores.
MIN_PARAGRAPH_CHARS = 25

#: Elements whose content is never story text (their tail text is kept).
DROP_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "template",
    "svg",
    "math",
    "canvas",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "source",
    "button",
    "input",
    "select",
    "option",
    "textarea",
    "label",
    "dialog",
    "head",
    "nav",
    "figure",
    "figcaption",
    "menu",
    # Ruby annotations (furigana, pinyin) are reading aids printed above the
    # words; their text inside the sentence would split every annotated word.
    "rt",
    "rp",
)
#: ``<noscript>`` usually holds a tracking pixel or a "please enable JavaScript"
#: line, but some sites (blog platforms, old CMSs) put the whole story there for
#: readers without scripts: it is kept when it holds at least this much text.
NOSCRIPT_STORY_CHARS = 200
#: An element whose class or id names furniture is still kept (first attempt)
#: when it holds at least this share of the page's text: a wrapper called
#: "above-footer" or "page-header-wrap" around the story is not furniture.
FURNITURE_MAX_SHARE = 0.5
#: Page regions for navigation, asides and contact details (``address`` holds the
#: contact of the page's or the article's author), pruned on the first attempt.
REGION_TAGS: frozenset[str] = frozenset({"aside", "footer", "form", "address"})
_ROLES = frozenset(
    {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner"}
)

#: Class and id hints, read from ``hints.toml`` (see :mod:`newsclean.html.hints`).
HINTS = bundled_hints()
#: Searched in lower-cased class and id strings (see ``_unlikely``).
_UNLIKELY = HINTS.unlikely
#: The credit, author or caption of a picture: furniture even inside a "post" or
#: "article" wrapper name ("post-image-credits", "article__image-author").
_IMAGE_NOTE = HINTS.image_note
#: Furniture words that also name a story's lead (see ``_lead_teaser``).
_TEASER = HINTS.teaser
_MAYBE = HINTS.maybe
#: Furniture words that a story word beside them does not forgive ("related-posts").
_FURNITURE = HINTS.furniture
#: Topic classes a CMS puts on a story's wrapper ("category-social", "tag-sharing"):
#: they say what the story is about, not what the element is.
_TOPIC_CLASS = re.compile(r"(?:^|(?<=\s))(?:category|tag)-\S*")
_POSITIVE = HINTS.positive
_NEGATIVE = HINTS.negative
_HIDDEN_XPATH = etree.XPath(
    ".//*[@hidden or @aria-hidden='true' or contains(@style, 'none') or contains(@style, 'hidden')]"
)
_ITEMPROP_XPATH = etree.XPath(".//*[@itemprop]")
_HINTED_XPATH = etree.XPath(
    ".//*[@class or @id or @role or @itemprop"
    " or self::aside or self::footer or self::form or self::address]"
)
#: Microdata properties whose item is a person or an organisation behind the page,
#: not its story: their box (name, photo, biography) is a byline, and a
#: ``description`` inside it describes the author, not the story.
_PEOPLE_PROPS = frozenset({"author", "creator", "contributor", "editor", "publisher"})
#: Item types of people and organisations (schema.org ``Person``, ``Organization``).
_PEOPLE_TYPES = re.compile(r"person|organi[sz]ation|corporation")
#: A region that holds the story's own frame is never pruned: markup that was
#: never closed can put the whole story inside a menu or a footer wrapper.
_FRAMES = etree.XPath(".//article | .//main | .//*[@itemprop='articleBody']")
#: Words of class names that mark a standfirst (the deck under the headline), in
#: the languages of the sites that use them ("bajada", "chapo", "standfirst", ...).
DECK_CLASS_WORDS: tuple[str, ...] = HINTS.deck_words
#: A standfirst inside the article's header band. The header is pruned as page
#: furniture (it holds the headline, byline and share buttons), so the deck in it
#: is protected like a frame and then taken as a lead paragraph.
_DECK_TEST = " or ".join(f"contains(@class, '{word}')" for word in DECK_CLASS_WORDS)
_DECKS = etree.XPath(
    ".//*[self::header or contains(@class, 'header')]"
    f"//*[self::p or self::h2 or self::div][{_DECK_TEST}]"
)
#: Attribute that marks the empty stand-in of a removed element.
_STAND_IN = "data-newsclean-removed"
_REGION_DROP = frozenset({"nav", "menu"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_COMMAS = re.compile("[,\u060c\u3001\uff0c\ufe50\ufe51\u2e41\u2e34\u2e32]")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"\.( |$)")
_SENTENCE_CLOSE = re.compile(r"[^.][.][\"'\u201d\u2019\u00bb)]?$")
#: A short label before a colon ("Read also:", "Related:", "Lesen Sie auch:").
_LABEL = re.compile(r"^[^\s:]+(?:\s+[^\s:]+){0,3}\s*:")

#: Block-level elements: each starts a new text block.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SCORED = frozenset({"p", "pre", "td", "section", "h2", "h3", "h4", "h5", "h6", "blockquote"})
_DIV_BLOCK_CHILDREN = frozenset(
    {"a", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section", "article"}
)
_TAG_SCORES = {
    "div": 5,
    "article": 10,
    "main": 5,
    "section": 3,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
_TIDY_TAGS = ("table", "ul", "ol", "div", "section", "form", "fieldset", "aside", "footer")


@attrs.frozen
class Block:
    """One piece of page text: its whitespace-collapsed text, kind and element path.

    ``removed`` names the rule that took it out of the story (then ``kind`` is the
    removal kind), or is ``None`` for a story block.
    """

    text: str
    kind: str
    path: str
    removed: str | None = None


@attrs.frozen
class Extraction:
    """The blocks of a page's main content, in document order."""

    blocks: tuple[Block, ...]

    @property
    def text_chars(self) -> int:
        """Characters of story text (blocks not removed)."""
        return sum(len(b.text) for b in self.blocks if b.removed is None)

    @property
    def text_weight(self) -> int:
        """:attr:`text_chars` with wide characters counted :data:`WIDE_CHAR_WEIGHT` times."""
        wide = sum(len(_WIDE.findall(b.text)) for b in self.blocks if b.removed is None)
        return self.text_chars + (WIDE_CHAR_WEIGHT - 1) * wide


def extract(
    root: HtmlElement, reparse: Any = None, *, consume: bool = False, size: int = 0
) -> Extraction:
    """The main content of the page ``root`` as blocks.

    ``reparse`` returns a fresh tree of the same page for the lenient second
    attempt (pruning changes the tree); without it there is no second attempt.
    With ``consume``, the caller is done with the tree: each element is taken out
    once its blocks are out, so a big page's tree shrinks while its blocks grow
    (see :func:`_flow`). ``size`` is the length of the page's markup when known:
    from :data:`LARGE_PAGE_CHARS` on, text lengths are counted without building
    the text (see :func:`_text_len`).
    """
    token = _LARGE_PAGE.set(size >= LARGE_PAGE_CHARS)
    try:
        first = _attempt(root, strict=True, consume=consume)
        if first.text_chars >= MIN_CHARS or reparse is None or first.text_weight >= MIN_CHARS:
            return first
        fresh = reparse()
        if fresh is None:
            return first
        second = _attempt(fresh, strict=False, consume=consume)
        return second if second.text_chars > first.text_chars else first
    finally:
        _LARGE_PAGE.reset(token)


def _attempt(root: HtmlElement, *, strict: bool, consume: bool = False) -> Extraction:
    body = _body(root)
    widgets = _prune(body, strict=strict)
    content = _choose(body, strict=strict)
    removed: list[tuple[Any, str, str]] = _tidy(content, strict=strict)
    blocks = [block for lead in _leads(content) for block in _flow(lead, [], {}, consume=consume)]
    blocks.extend(_flow(content, removed, widgets, consume=consume))
    return Extraction(tuple(_box_titles(blocks)))


#: A box's title is short; a longer "heading" is text inside an unclosed heading.
BOX_TITLE_MAX_CHARS = 100
_HEADING_STEP = re.compile(r"/h[1-6](?:\[\d+\])?$")


def _box_titles(blocks: list[Block]) -> list[Block]:
    """``blocks`` with the headings of removed boxes removed too.

    A heading followed only by removed blocks up to the next heading or the end
    of the story ("Related articles", "More from this channel", "Support us")
    titles the box that was taken out, not a section of the story: a section
    heading is followed by story text. It takes the kind of the box.
    """
    told = False  # a paragraph of the story came before
    for n, block in enumerate(blocks):
        if block.removed is None and block.kind != "heading":
            told = True
        if (
            block.removed is not None
            or block.kind != "heading"
            or len(block.text) > BOX_TITLE_MAX_CHARS
            or _HEADING_STEP.search(block.path) is None
        ):
            continue
        after = n + 1
        # A box title is a heading, not part of a box (so a second pass changes nothing).
        while after < len(blocks) and blocks[after].removed not in {None, "html.box-title"}:
            after += 1
        if after == n + 1:
            # Headings above the story's first paragraph are its kicker, headline and deck.
            if told and _empty_section(blocks, n):
                blocks[n] = attrs.evolve(block, kind="other", removed="html.box-title")
            continue
        if after == len(blocks) or blocks[after].kind == "heading":
            kind = blocks[n + 1].kind
            blocks[n] = attrs.evolve(block, kind=kind, removed="html.box-title")
    return blocks


def _empty_section(blocks: list[Block], n: int) -> bool:
    """True when nothing of the story follows the heading ``blocks[n]`` in its section.

    That is at the story's end, or at a heading of the same or a higher rank (an
    ``h2`` after an ``h2``; an ``h3`` after an ``h2`` opens a subsection). What the
    heading announced was a map, a video or an embedded post, pruned as such. A
    heading split by ``<br>`` gives several blocks of one element: one heading.
    """
    heading = blocks[n]
    if n and blocks[n - 1].path == heading.path:
        return False
    if n + 1 == len(blocks):
        return True
    following = blocks[n + 1]
    if following.kind != "heading" or following.path == heading.path:
        return False
    rank = _HEADING_RANK.search(heading.path)
    next_rank = _HEADING_RANK.search(following.path)
    return rank is not None and next_rank is not None and next_rank[1] <= rank[1]


_HEADING_RANK = re.compile(r"/h([1-6])(?:\[\d+\])?$")


def _body(root: HtmlElement) -> HtmlElement:
    found = root.find("body")
    return found if found is not None else root


# --- 1. prune --------------------------------------------------------------------------


def _hint(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


@lru_cache(maxsize=4096)
def _unlikely(hint: str) -> bool:
    """True when a class/id string names page furniture and nothing story-like.

    Cached: pages repeat the same class strings on hundreds of elements.
    """
    if len(hint) <= 1:
        return False
    # Lower case first: a case-sensitive search of the alternation is several times
    # faster than a case-insensitive one.
    lowered = hint.lower()
    if _IMAGE_NOTE.search(lowered):
        return True
    # Most names hold no furniture word at all: one search answers for them.
    if not _UNLIKELY.search(lowered):
        return False
    if "category-" in lowered or "tag-" in lowered:
        lowered = _TOPIC_CLASS.sub("", lowered)
        if not _UNLIKELY.search(lowered):
            return False
    return bool(_FURNITURE.search(lowered)) or not _MAYBE.search(lowered)


@lru_cache(maxsize=4096)
def _weight_of(value: str) -> int:
    weight = 0
    if _NEGATIVE.search(value):
        weight -= 25
    if _POSITIVE.search(value):
        weight += 25
    return weight


def _blank(el: HtmlElement) -> HtmlElement | None:
    """Replace ``el`` by an empty element of the same tag and return the stand-in.

    Keeping the tag keeps the sibling numbering, so every element path newsclean
    reports is the path in the page as the caller has it. A tag name libxml2
    accepted from broken markup but lxml cannot create ("the<p") is dropped
    instead, and there is no stand-in.
    """
    try:
        stand_in = el.makeelement(el.tag)
    except ValueError:
        el.drop_tree()
        return None
    stand_in.set(_STAND_IN, "")
    stand_in.tail = el.tail
    el.tail = None
    el.getparent().replace(el, stand_in)
    return stand_in


class _Protected:
    """The elements that hold the story's own frame (``article``, ``main``, articleBody).

    Such a region is never pruned: markup that was never closed can put the whole
    story inside a menu or a footer wrapper. The ancestors of every frame are
    collected once, so each check is a set lookup instead of a subtree search.
    """

    def __init__(self, body: HtmlElement) -> None:
        # The list keeps the element proxies alive, so that their ids stay unique.
        self._alive: list[HtmlElement] = []
        self._ids: set[int] = set()
        for frame in [*_FRAMES(body), *_DECKS(body)]:
            for ancestor in frame.iterancestors():
                if id(ancestor) in self._ids:
                    break
                self._ids.add(id(ancestor))
                self._alive.append(ancestor)

    def holds_frame(self, el: HtmlElement) -> bool:
        return id(el) in self._ids


def _prune(body: HtmlElement, *, strict: bool) -> dict[int, tuple[Any, Any, str]]:
    """Blank out what is never story; return the widgets blanked, by stand-in id.

    The widgets (class, id or role naming page furniture, and ``aside``/``footer``/
    ``form``) are returned so that those inside the story's container can be
    recorded in the trail; scripts, styles, menus and hidden elements are not.
    """
    protected = _Protected(body)
    doomed: list[tuple[Any, str | None]] = [
        (el, None)
        for el in body.iter(*DROP_TAGS)
        if (el.tag not in _REGION_DROP or not protected.holds_frame(el)) and not _table_figure(el)
    ]
    doomed.extend(
        (el, None) for el in body.iter("noscript") if len(_text(el)) < NOSCRIPT_STORY_CHARS
    )
    # XPath selects in C; only the few elements it returns are looked at in Python.
    for el in _HIDDEN_XPATH(body):
        if (
            el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(el.get("style") or "")
        ):
            doomed.append((el, None))
    if strict:
        page_chars: int | None = None
        for el in _HINTED_XPATH(body):
            tag = el.tag
            get = el.get
            hint = f"{get('class') or ''} {get('id') or ''}"  # as _hint(el)
            person = get("itemprop") is not None and _people_box(el, tag)
            if tag in REGION_TAGS or person or (get("role") or "").lower() in _ROLES:
                unwanted = True
            else:
                unwanted = (
                    tag not in _NEVER_HINTED and _unlikely(hint) and not _lead_teaser(el, hint)
                )
            if not unwanted or protected.holds_frame(el) or _story_description(el):
                continue
            if page_chars is None:
                page_chars = _story_chars(body)
            if _story_chars(el) >= FURNITURE_MAX_SHARE * page_chars > 0:
                continue
            byline = tag == "address" or person
            doomed.append((el, "byline" if byline else _removal_kind(hint)))
    widgets: dict[int, tuple[Any, Any, str]] = {}
    for el, kind in doomed:
        # A widget inside a widget already taken out stays in it (scripts there may go).
        if (
            el.getparent() is None
            or el.get(_STAND_IN) is not None
            or (kind is not None and _taken_out(el, body))
        ):
            continue
        stand_in = _blank(el)
        if kind is not None and stand_in is not None:
            widgets[id(stand_in)] = (stand_in, el, kind)
    return widgets


#: Elements never pruned for their class or id: the page itself, links, story frames.
_NEVER_HINTED = frozenset({"body", "a", "html", "article", "main"})


def _people_box(el: HtmlElement, tag: str) -> bool:
    """True when ``el`` is a block holding a microdata item of the page's author or publisher.

    ``<div itemprop="author" itemscope itemtype="https://schema.org/Person">`` is an
    author box (name, photo, biography); the metadata reader has taken the name
    from it already. An inline element (a linked name inside a byline sentence)
    is left to the text rules.
    """
    prop = el.get("itemprop")
    return (
        prop is not None
        and tag in BLOCK_TAGS
        and (el.get("itemscope") is not None or el.get("itemtype") is not None)
        and not _PEOPLE_PROPS.isdisjoint(prop.lower().split())
    )


def _story_description(el: HtmlElement) -> bool:
    """True when ``el`` is marked ``itemprop=description`` of the story, not of a person.

    The description of an author or publisher item (an author box's biography)
    describes them; the page's own description is its lead.
    """
    if "description" not in (el.get("itemprop") or "").lower().split():
        return False
    for ancestor in el.iterancestors():
        if ancestor.get("itemscope") is not None or ancestor.get("itemtype") is not None:
            props = (ancestor.get("itemprop") or "").lower().split()
            kind = (ancestor.get("itemtype") or "").lower()
            return _PEOPLE_PROPS.isdisjoint(props) and not _PEOPLE_TYPES.search(kind)
    return True


def _table_figure(el: HtmlElement) -> bool:
    """True when ``el`` is a ``<figure>`` around a table, which is story, not a picture.

    Block editors wrap every table in a figure (WordPress's ``wp-block-table``);
    only its ``figcaption`` goes, as for pictures.
    """
    return el.tag == "figure" and el.find(".//table") is not None


def _lead_teaser(el: HtmlElement, hint: str) -> bool:
    """True when ``el`` is named a teaser but is the story's own lead.

    Many CMSs call the lead paragraph under the headline the "teaser" (German
    sites above all), the same word they use for the cards that point to other
    stories. A card points somewhere, so it holds a link; a lead is prose without
    one. Only the word teaser is forgiven: a "related-teaser" is still related.
    """
    lowered = hint.lower()
    if _TEASER.search(lowered) is None or _unlikely(_TEASER.sub(" ", lowered)):
        return False
    text = _text(el)
    return (
        len(text) >= LEAD_MIN_CHARS
        and not any(a.text_content().strip() for a in el.iter("a"))
        and (_SENTENCE_END.search(text) is not None or text.endswith(("!", "?", "\u2026")))
    )


def _taken_out(el: HtmlElement, body: HtmlElement) -> bool:
    """True when an ancestor of ``el`` was already taken out of the page.

    Blanking it there would empty the removed box that the trail reports.
    """
    return all(ancestor is not body for ancestor in el.iterancestors())


def _story_chars(el: HtmlElement) -> int:
    """Characters of paragraph text under ``el`` (what scripts and styles hold aside)."""
    return sum(len(p.text_content()) for p in el.iter("p", "pre", "blockquote"))


# --- 2. and 3. score and choose ----------------------------------------------------------


def _text(el: HtmlElement) -> str:
    return collapse_spaces(el.text_content())


def _text_len(el: HtmlElement) -> int:
    """``len(_text(el))``; on a large page, counted without building the whole text.

    Scoring asks how long the text of big containers is (the body, the story's
    frame and its ancestors); on a page of megabytes, building it would copy the
    whole page's text for each question. The text nodes are taken in batches of
    :data:`_BATCH_PIECES`, each folded at C speed.
    """
    if not _LARGE_PAGE.get():
        return len(_text(el))  # libxml2 builds the text in C: fastest for a usual page
    count = _Count()
    pieces = el.itertext()
    # Batches of text nodes are taken and joined in C; only a batch is held.
    while batch := list(islice(pieces, _BATCH_PIECES)):
        count.add("".join(batch))
    return count.total


#: Text nodes counted at a time by :func:`_text_len`.
_BATCH_PIECES = 256


class _Count:
    """The length of folded text, fed in consecutive chunks."""

    __slots__ = ("space", "started", "total")

    def __init__(self) -> None:
        self.total = 0
        self.started = False  # a word has been counted
        self.space = False  # whitespace since the last word

    def add(self, chunk: str) -> None:
        folded = collapse_spaces(chunk)
        if not folded:
            self.space = self.space or bool(chunk)  # empty, or all whitespace
            return
        # The chunk's first word joins the last counted one with a space only if
        # whitespace stood between them (words can run across chunks).
        if self.started and (self.space or chunk[0].isspace()):
            self.total += 1
        self.total += len(folded)
        self.started = True
        self.space = chunk[-1].isspace()


#: Below this length the text is split in one go; above it, in chunks of this size.
_SPLIT_MAX_CHARS = 65_536
_NEXT_SPACE = re.compile(r"\s")
#: Whitespace that is not already a single space: runs, and any other space character.
_SPACE_TO_FOLD = re.compile(r"\s{2,}|(?! )\s")


def collapse_spaces(text: str, chunk: int = _SPLIT_MAX_CHARS) -> str:
    """``" ".join(text.split())`` without a list of every word of a long text.

    Splitting is several times faster than a regular expression, but on a
    multi-megabyte text the list would hold a million small strings; long texts are
    split chunk by chunk (each cut moved to the next whitespace, so no word is cut),
    keeping that list small.
    """
    if len(text) < chunk:
        return " ".join(text.split())
    if _SPACE_TO_FOLD.search(text) is None:
        return text.strip()  # nothing to fold: no copy at all
    parts: list[str] = []
    start, size = 0, len(text)
    while start < size:
        end = start + chunk
        if end < size:
            found = _NEXT_SPACE.search(text, end)
            end = found.start() if found else size
        words = text[start:end].split()
        if words:
            parts.append(" ".join(words))
        start = end
    return " ".join(parts)


def _class_weight(el: HtmlElement) -> int:
    weight = 0
    for value in (el.get("class"), el.get("id")):
        if value:
            weight += _weight_of(value)
    return weight


def _link_density(el: HtmlElement, length: int | None = None) -> float:
    total = _text_len(el) if length is None else length
    if total == 0:
        return 0.0
    linked = sum(len(_text(a)) for a in el.iter("a"))
    return min(1.0, linked / total)


def _is_paragraph_like(el: HtmlElement) -> bool:
    tag = el.tag
    if tag in _SCORED:
        return True
    if tag == "div":
        # A div without block children is a paragraph written as a div.
        return not any(child.tag in _DIV_BLOCK_CHILDREN for child in el)
    return False


def _choose(body: HtmlElement, *, strict: bool) -> HtmlElement:
    marked = _marked_body(body)
    scores: dict[Any, float] = {}
    for el in body.iter(*_SCORED, "div"):
        if not _is_paragraph_like(el):
            continue
        text = _text(el)
        if len(text) < MIN_PARAGRAPH_CHARS:
            continue
        score = 1 + len(_COMMAS.findall(text)) + min(len(text) // 100, 3)
        for level, ancestor in enumerate(el.iterancestors()):
            if level >= 5:
                break
            if ancestor not in scores:
                scores[ancestor] = _TAG_SCORES.get(ancestor.tag, 0) + (
                    _class_weight(ancestor) if strict else 0
                )
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            scores[ancestor] += score / divider
    for el in list(scores):
        scores[el] *= 1 - _link_density(el)
    if marked is not None:
        return marked
    if not scores:
        return body
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    top, top_score = ranked[0]
    if top is body or top.tag == "html":
        return body
    shared = _shared_ancestor(top, top_score, ranked, body)
    top = shared if shared is not None else top
    top = _climb(top, scores, body)
    while (parent := top.getparent()) is not None and parent is not body and _only_child(top):
        top = parent
    top = _grow(top, body)
    container = _article_ancestor(top)
    if container is not None:
        return container
    return _with_siblings(top, scores)


def _grow(top: HtmlElement, body: HtmlElement) -> HtmlElement:
    """The highest near ancestor of ``top`` whose extra text is more of the story.

    Page builders wrap every paragraph or section in its own stack of rows and
    columns, so the paragraphs sit too deep below the real container to credit
    it, and the best candidate is one section of the story. An ancestor is taken
    when what it adds to ``top`` is mostly text with few links in siblings built
    like the branch holding ``top`` (same tag and class names, numbered names
    aside), as a story continuing in the next row is; a sidebar, a link list or a
    comment thread is not.
    """
    inner_total = _text_len(top)
    best = top
    node = top
    for _ in range(GROW_LEVELS):
        parent = node.getparent()
        if parent is None or parent is body or parent.tag == "html":
            break
        total = _text_len(parent)
        added = total - inner_total
        if added > 0:
            # Only rows built like the one holding the story count as its sequel.
            key = _build_key(node)
            kin = sum(
                _plain_chars(sibling)
                for sibling in parent
                if sibling is not node and _build_key(sibling) == key
            )
            if kin < GROW_PROSE_SHARE * added:
                break
            if _link_density(parent, total) > GROW_MAX_LINK_DENSITY:
                break
            best = parent
            inner_total = total
        node = parent
    return best


def _build_key(el: HtmlElement) -> tuple[Any, frozenset[str]]:
    """Tag and class names of ``el``, without the numbered ones builders make unique."""
    names = (el.get("class") or "").split()
    return el.tag, frozenset(n for n in names if not any(c.isdigit() for c in n))


def _plain_chars(el: HtmlElement) -> int:
    """Characters of ``el`` when it is not mostly links (story text), else 0."""
    length = _text_len(el)
    return length if _link_density(el, length) <= GROW_MAX_LINK_DENSITY else 0


def _only_child(el: HtmlElement) -> bool:
    return all(c is el or c.get(_STAND_IN) is not None for c in el.getparent())


def _article_ancestor(top: HtmlElement) -> HtmlElement | None:
    """The ``<article>`` around ``top``, when it is the story's frame, not a page wrapper.

    A news page's ``<article>`` holds the headline, the lead and the body; the lead
    often sits outside the best-scoring container, in the article's header.
    """
    if top.tag == "article":
        return None
    for ancestor in top.iterancestors("article"):
        inner = _text_len(top)
        outer = _text_len(ancestor)
        if outer <= ARTICLE_GROWTH * max(inner, 1) and _link_density(ancestor, outer) < 0.3:
            return ancestor
        return None
    return None


def _marked_body(body: HtmlElement) -> HtmlElement | None:
    """The element the page marks as the story (``itemprop=articleBody``), if it has text.

    Some pages mark every paragraph (or every section) as ``articleBody`` instead
    of their container: the story is then the nearest element holding all of them.
    """
    marked = [
        el
        for el in _ITEMPROP_XPATH(body)
        if "articlebody" in (el.get("itemprop") or "").lower().split()
    ]
    if not marked:
        return None
    found = marked[0] if len(marked) == 1 else _common_ancestor(marked)
    if found is None or found is body or _text_len(found) < MIN_CHARS // 2:
        return None
    return found


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    """The nearest element that is or contains every one of ``elements``."""
    first = elements[0]
    chain = [first, *first.iterancestors()]
    depth = {id(el): i for i, el in enumerate(chain)}
    lowest = 0
    for el in elements[1:]:
        for candidate in (el, *el.iterancestors()):
            level = depth.get(id(candidate))
            if level is not None:
                lowest = max(lowest, level)
                break
        else:
            return None
    return chain[lowest]


def _shared_ancestor(
    top: HtmlElement, top_score: float, ranked: list[tuple[Any, float]], body: HtmlElement
) -> HtmlElement | None:
    others = [el for el, s in ranked[1:TOP_CANDIDATES] if s >= 0.75 * top_score]
    if len(others) < 3:
        return None
    for ancestor in top.iterancestors():
        if ancestor.tag == "html":
            return None
        shared = sum(1 for el in others if any(a is ancestor for a in el.iterancestors()))
        if shared >= 3:
            # Up to the body itself: near-equal candidates in separate top-level
            # sections are one text split across the page (a landing page, an
            # encyclopedia entry in section bands), not one story among others.
            return ancestor
        if ancestor is body:
            return None
    return None


def _climb(top: HtmlElement, scores: dict[Any, float], body: HtmlElement) -> HtmlElement:
    last = scores.get(top, 0.0)
    threshold = last / 3
    parent = top.getparent()
    while parent is not None and parent is not body and parent.tag != "html":
        score = scores.get(parent)
        if score is None:
            parent = parent.getparent()
            continue
        if score < threshold:
            break
        if score > last:
            return parent
        last = score
        parent = parent.getparent()
    return top


def _with_siblings(top: HtmlElement, scores: dict[Any, float]) -> HtmlElement:
    """``top``, or its parent when siblings also hold story (they are then kept too)."""
    parent = top.getparent()
    if parent is None:
        return top
    top_score = scores.get(top, 0.0)
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class")
    keep = []
    before = True
    for sibling in parent:
        if sibling is top:
            keep.append(sibling)
            before = False
            continue
        if not isinstance(sibling.tag, str):
            continue
        if before and _is_lead(sibling):
            keep.append(sibling)
            continue
        bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0.0
        if scores.get(sibling, 0.0) + bonus >= threshold:
            keep.append(sibling)
        elif sibling.tag == "p":
            text = _text(sibling)
            density = _link_density(sibling, len(text))
            if (len(text) > 80 and density < 0.25) or (
                0 < len(text) <= 80 and density == 0 and _SENTENCE_END.search(text)
            ):
                keep.append(sibling)
    if len(keep) == 1:
        return top
    # Blank the parent's other children, so the parent holds exactly the story.
    for child in list(parent):
        if isinstance(child.tag, str) and not any(child is k for k in keep):
            _blank(child)
    return parent


def _leads(content: HtmlElement) -> list[HtmlElement]:
    """Lead paragraphs that sit before the story's container, outside it.

    Pages without an ``<article>`` frame often put the lead (standfirst, intro)
    in a header band above the body: a sibling of the container or a child of a
    near ancestor. Looking up to :data:`LEAD_LEVELS` ancestors, as long as the
    ancestor holds little besides the story, every prose paragraph that comes
    before the container, and after the page's headline when the ancestor holds
    it, is a lead. Prose means: one paragraph (no block children), at least
    :data:`LEAD_MIN_CHARS` characters, few links, ending like a sentence.
    """
    story = _text_len(content)
    top = content
    for _ in range(LEAD_LEVELS):
        parent = top.getparent()
        if parent is None or parent.tag in {"body", "html"}:
            break
        if _text_len(parent) > LEAD_GROWTH * story + LEAD_MIN_CHARS * 5:
            break
        top = parent
    if top is content:
        return []
    # The list keeps the element proxies alive, so that their ids stay unique.
    ancestors = list(content.iterancestors())
    above = {id(a) for a in ancestors}
    leads: list[HtmlElement] = []
    for el in top.iter():
        if el is content:
            break
        tag = el.tag
        if not isinstance(tag, str) or id(el) in above:
            continue
        if tag == "h1":
            leads.clear()
        elif _is_lead(el) and not any(any(a is lead for a in el.iterancestors()) for lead in leads):
            leads.append(el)
    return leads


def _is_deck(el: HtmlElement) -> bool:
    """True when ``el`` is classed as a standfirst (see :data:`DECK_CLASS_WORDS`).

    Or marked as the article's description in microdata (``itemprop=description``
    on an element of the page, not a ``<meta>``): the page's own word for its lead.
    """
    if _story_description(el):
        return True
    classes = (el.get("class") or "").lower()
    return any(word in classes for word in DECK_CLASS_WORDS)


def _is_lead(el: HtmlElement) -> bool:
    """True when ``el`` is one paragraph of prose (see :func:`_leads`).

    A standfirst classed as one (``h2.subheadline``, ``p.excerpt``) need not end
    like a sentence: decks often have no final full stop.
    """
    tag = el.tag
    if tag in {"h2", "p", "div"} and _is_deck(el):
        text = _text(el)
        return len(text) >= LEAD_MIN_CHARS and _link_density(el, len(text)) < 0.25
    if tag != "p" and tag not in _LEAD_TAGS:
        return False
    if tag != "p" and not _is_paragraph_like(el):
        # A wrapper around a single paragraph ("<div class=intro><p>...</p></div>").
        children = [c for c in el if isinstance(c.tag, str) and c.get(_STAND_IN) is None]
        if len(children) != 1 or children[0].tag != "p" or (el.text or "").strip():
            return False
    text = _text(el)
    return (
        len(text) >= LEAD_MIN_CHARS
        and _link_density(el, len(text)) < 0.25
        and (_SENTENCE_END.search(text) is not None or text.endswith(("!", "?", "\u2026")))
    )


# --- 4. tidy -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _removal_kind(hint: str) -> str:
    """The kind a box named ``hint`` is recorded with (cached like :func:`_unlikely`)."""
    low = hint.lower()
    if _IMAGE_NOTE.search(low):
        return "caption"
    for words, kind in HINTS.kinds:
        if any(w in low for w in words):
            return kind
    return "other"


def _tidy(content: HtmlElement, *, strict: bool) -> list[tuple[Any, str, str]]:
    """Remove boxes inside the story that are not story; return them with rule and kind."""
    if not strict:
        return []
    removed: list[tuple[Any, str, str]] = []
    story_chars = _story_chars(content)
    for el in list(content.iter(*_TIDY_TAGS)):
        if el is content or _inside(el, removed):
            continue
        verdict = _box_verdict(el)
        if verdict == "html.widget" and _story_chars(el) >= FURNITURE_MAX_SHARE * story_chars > 0:
            # Most of the story: a wrapper with an unlucky name, not a widget.
            continue
        if verdict is not None:
            kind = "byline" if el.tag == "address" else _removal_kind(_hint(el))
            removed.append((el, verdict, kind))
    return removed


def _inside(el: HtmlElement, removed: list[tuple[Any, str, str]]) -> bool:
    if not removed:
        return False
    boxes = {id(box) for box, _, _ in removed}
    return any(id(a) in boxes for a in el.iterancestors())


def _data_table(table: HtmlElement) -> bool:
    """True when ``table`` is a table of data, not a layout grid or a link box.

    Header cells, a caption or a header row are written for readers of a table
    (Readability's data-table test); a data table whose first column links each
    row's subject is still the story's table, however many links it holds.
    """
    return any(table.find(f".//{tag}") is not None for tag in ("th", "caption", "thead"))


def _box_verdict(el: HtmlElement) -> str | None:
    """The rule that removes the box ``el`` (Readability's conditional cleaning), or None."""
    weight = _class_weight(el)
    tag = el.tag
    text = _text(el)
    if weight < 0 and (_UNLIKELY.search(_hint(el).lower()) or tag in REGION_TAGS):
        return "html.widget"
    if len(_COMMAS.findall(text)) >= 10 or (tag == "table" and _data_table(el)):
        return None
    is_list = tag in {"ul", "ol"}
    paragraphs = sum(1 for _ in el.iter("p"))
    items = sum(1 for _ in el.iter("li"))
    inputs = sum(1 for _ in el.iter("input", "select", "textarea"))
    density = _link_density(el, len(text))
    verdict = None
    if not is_list and tag != "table" and items > paragraphs + 3:
        verdict = "html.link-list" if density > 0.3 else None
    elif inputs > paragraphs // 3 and inputs:
        verdict = "html.form"
    elif (weight < 25 and density > 0.33 and len(text) < 1000) or density > 0.5:
        verdict = "html.link-dense"
    return verdict


# --- 5. flow into blocks -----------------------------------------------------------------


def _kind_of(tags: list[str]) -> str:
    for tag in reversed(tags):
        if tag in _HEADINGS:
            return "heading"
        if tag in {"li", "dd", "dt"}:
            return "list_item"
        if tag == "blockquote":
            return "quote"
    return "paragraph"


def _flow(
    content: HtmlElement,
    removed: list[tuple[Any, str, str]],
    widgets: dict[int, tuple[Any, Any, str]],
    *,
    consume: bool = False,
) -> Iterator[Block]:
    """Blocks of ``content`` in document order; removed boxes give removed blocks.

    A block that is mostly link text ("Read also: <a>...</a>", a teaser heading) is
    a pointer to another page, not story, and comes out removed as ``html.link-block``.

    With ``consume``, every element below ``content`` is taken out once walked, and
    the freed memory is handed back to the system now and then: the parsed tree
    of a page takes several times its size, and without this a big page would
    hold its whole tree and all its blocks at once.
    """
    tag = _tag(content)
    path = content.getroottree().getpath(content)
    flow = _Flow(content, path)
    boxes = {id(el): (el, rule, kind) for el, rule, kind in removed}
    for stand_in, original, kind in widgets.values():
        boxes[id(stand_in)] = (original, "html.widget", kind)
    # One frame per open element, with an iterator over its children: the walk
    # holds the page's depth, never the children of its widest element at once
    # (a story of sixty thousand paragraphs in one container).
    yield from flow.open(content, tag, path)
    frames: list[tuple[Any, str, str, Iterator[Any], _Steps]] = [
        (content, tag, path, iter(content), _Steps())
    ]
    while frames:
        el, tag, path, children, steps = frames[-1]
        child = next(children, None)
        if child is None:
            frames.pop()
            yield from flow.close(el, tag)
            if consume and frames:
                # Its text, tail and children are all in blocks now. The parent's
                # iterator already holds the next sibling, so the walk goes on.
                frames[-1][0].remove(el)
                if flow.chars >= TRIM_EVERY_CHARS:
                    flow.chars = 0
                    release_free_memory()
            continue
        child_tag = _tag(child)
        # Only elements that own blocks, or hold elements that may, need a path:
        # numbering costs a pass over the siblings, skipped for inline runs.
        ordinal = steps.count(child_tag)
        if child_tag and (child_tag in BLOCK_TAGS or len(child) or id(child) in boxes):
            child_path = f"{path}/{steps.step(child, child_tag, ordinal)}"
        else:
            child_path = path
        box = boxes.get(id(child))
        if box is not None and (box[0] is child or child.get(_STAND_IN) is not None):
            yield from flow.removed_box(child, child_path, *box)
            continue
        yield from flow.open(child, child_tag, child_path)
        frames.append((child, child_tag, child_path, iter(child), _Steps()))
    yield from flow.flush()


def _tag(el: HtmlElement) -> str:
    """The tag name of an element; "" for comments and other non-element nodes."""
    return el.tag if isinstance(el.tag, str) else ""


class _Steps:
    """Names the XPath step of each child of one element, as ``getpath`` writes it.

    ``p[3]`` when the element has several ``p`` children, plain ``p`` when it has
    one. Counted here in one pass over the siblings: asking libxml2 per element
    counts the preceding siblings each time, quadratic in a long flat page.
    """

    __slots__ = ("_seen", "_totals")

    def __init__(self) -> None:
        self._totals: dict[str, int] | None = None
        self._seen: dict[str, int] = {}

    def count(self, tag: str) -> int:
        """Count one more child with ``tag`` (in order); its ordinal among them."""
        seen = self._seen[tag] = self._seen.get(tag, 0) + 1
        return seen

    def step(self, child: HtmlElement, tag: str, ordinal: int) -> str:
        """The step of ``child``, the ``ordinal``-th child with ``tag``."""
        if self._totals is None:  # siblings counted once, when first needed
            # The children walked so far are counted already (and may be gone
            # from a consumed tree); the rest follow ``child``.
            totals = dict(self._seen)
            for sibling in child.itersiblings():
                name = _tag(sibling)
                if name:
                    totals[name] = totals.get(name, 0) + 1
            self._totals = totals
        return f"{tag}[{ordinal}]" if self._totals[tag] > 1 else tag


def _linked_sentence(text: str, share: float) -> bool:
    """True when a mostly linked block is a sentence of the story, not a pointer.

    Writers link the second half of a sentence ("X replaced Y, <a>who had done
    the job for eight months.</a>"); a teaser is a headline, which does not end
    with a full stop, or a label and a headline ("Read also: <a>...</a>"). So a
    block of some length that has unlinked words, does not open with a label and
    ends like a sentence is story text.
    """
    return (
        share < LINKED_SENTENCE_MAX_SHARE
        and text.count(" ") + 1 >= LINKED_SENTENCE_WORDS
        and _SENTENCE_CLOSE.search(text) is not None
        and _LABEL.match(text) is None
    )


class _Flow:
    """The running state of :func:`_flow`: text of the open block and where it is."""

    def __init__(self, content: HtmlElement, path: str) -> None:
        self.content = content
        self.parts: list[str] = []
        self.chars = 0  # characters flowed since the memory was last released
        self.linked = 0
        self.in_link = 0
        self.open_tags: list[str] = []
        # For each open table, whether it is a table of data (see _data_table).
        self.tables: list[bool] = []
        # The element paths of the open blocks; the innermost owns the text.
        self.owner: list[str] = [path]

    def add(self, text: str) -> None:
        self.parts.append(text)
        if self.in_link:
            self.linked += len(text.strip())

    def flush(self) -> Iterator[Block]:
        text = collapse_spaces("".join(self.parts))
        self.chars += len(text)
        share = self.linked / len(text) if text else 0.0
        self.parts.clear()
        self.linked = 0
        if not text:
            return
        path = self.owner[-1]
        if (
            share >= LINK_BLOCK_SHARE
            and (share >= 0.8 or text.count(" ") < LINK_BLOCK_WORDS)
            and not _linked_sentence(text, share)
            and not self._data_row()
        ):
            yield Block(text=text, kind="related", path=path, removed="html.link-block")
        else:
            yield Block(text=text, kind=_kind_of(self.open_tags), path=path)

    def _data_row(self) -> bool:
        """True inside a row of a data table: a row's linked subject is a record, not a teaser."""
        return bool(self.tables) and self.tables[-1] and self.open_tags[-1] == "tr"

    def open(self, el: HtmlElement, tag: str, path: str) -> Iterator[Block]:
        if tag in BLOCK_TAGS:
            yield from self.flush()
            self.open_tags.append(tag)
            self.owner.append(path)
            if tag == "table":
                self.tables.append(_data_table(el))
        elif tag == "a":
            self.in_link += 1
        if el.text:
            self.add(el.text)

    def close(self, el: HtmlElement, tag: str) -> Iterator[Block]:
        if tag in BLOCK_TAGS:
            yield from self.flush()
            self.open_tags.pop()
            self.owner.pop()
            if tag == "table":
                self.tables.pop()
        elif tag in {"td", "th"}:
            self.parts.append(" ")
        elif tag == "a":
            self.in_link -= 1
        if el is not self.content and el.tail:
            self.add(el.tail)

    def removed_box(
        self, el: HtmlElement, path: str, original: HtmlElement, rule: str, kind: str
    ) -> Iterator[Block]:
        yield from self.flush()
        text = _text(original)
        if text:
            yield Block(text=text, kind=kind, path=path, removed=rule)
        if el.tail:
            self.add(el.tail)
