"""The working state of one cleaning run: numbered lines and their decisions.

A :class:`Document` is built from the input lines, handed through the passes in
``passes.py`` (each pass decides about some lines and records why), and then
turned into an :class:`newsclean.Article` by ``assemble.py``. It is internal and
short-lived; the passes are its only writers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

import attrs

from newsclean.article import Removal
from newsclean.options import Options
from newsclean.rules import Rule, RuleSet

#: Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana,
#: Han): there every two characters count as a word, about the length of one,
#: so a Japanese paragraph is as many "words" long as its English translation
#: and not one run of letters.
UNSPACED_SCRIPTS = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_WORD = re.compile(f"[{UNSPACED_SCRIPTS}]{{1,2}}|[^\\W{UNSPACED_SCRIPTS}]+")
_CONTINUATION_START = re.compile(r"^[a-z\u00df-\u00ff,;:)\]}\u2019]")
_SENTENCE_END = re.compile(r"[.!?\u2026:;\"'\u201d\u2019)\]\u00bb\u3002\uff01\uff1f\u300d\u300f]$")


@attrs.frozen(weakref_slot=False)
class Hit:
    """Why a line, or a part of it, left the body: the rule, and what it told a field.

    A hit says nothing about which line it is on, so lines removed for the same
    reason share one (see :func:`hit`): a text of a hundred thousand identical
    boilerplate lines keeps one decision, not one per line. The
    :class:`~newsclean.article.Removal` records are made from the lines and their
    hits when the article is assembled.

    ``cut`` is the removed text of a partial removal (the rest of the line stayed),
    ``None`` when the whole line went.
    """

    rule: str
    reason: str
    kind: str
    field: str | None = None
    value: str | None = None
    media_kind: str = "video"
    context_only: bool = False
    cut: str | None = None

    def removal(self, line: Line) -> Removal:
        """The audit record of this hit on ``line``."""
        return Removal(
            line=line.number,
            text=line.text if self.cut is None else self.cut,
            rule=self.rule,
            reason=self.reason,
            kind=self.kind,
            partial=self.cut is not None,
            field=self.field,
            path=line.path,
        )


#: Lines up to this long are shared when they repeat (one string, one verdict of
#: the line rules) ...
SHARED_LINE_CHARS = 200
#: ... remembering at most this many distinct ones at a time.
SHARED_LINES_MAX = 4096

#: Hits with values up to this long are shared between the lines they remove;
#: longer values are rare and would keep big strings alive in the cache.
_SHARED_VALUE_CHARS = 200


_HitFields = tuple[str, str, str, str | None, str | None, str, bool]


@lru_cache(maxsize=1024)
def _shared_hit(fields: _HitFields) -> Hit:
    return Hit(*fields)


def hit(
    rule: str,
    reason: str,
    kind: str,
    *,
    field: str | None = None,
    value: str | None = None,
    media_kind: str = "video",
    context_only: bool = False,
) -> Hit:
    """The whole-line hit for these fields: one shared object per distinct decision.

    Hits are immutable, so sharing them is safe; it keeps a text of many lines
    removed by the same rule from holding a decision (and a copy of the value)
    per line.
    """
    fields: _HitFields = (rule, reason, kind, field, value, media_kind, context_only)
    if value is not None and len(value) > _SHARED_VALUE_CHARS:
        return Hit(*fields)
    return _shared_hit(fields)


@attrs.define(weakref_slot=False)
class Line:
    """One non-empty input line and what the passes decided about it.

    Slotted, without a weak-reference slot, and without the HTML fields (see
    :class:`BlockLine`): a text of many short lines holds one of these per line
    while it is cleaned.
    """

    number: int | None
    text: str
    body: str
    hit: Hit | None = None
    # A tuple, shared empty by default: most lines are never cut, and a list per
    # line would cost memory on texts of many short lines.
    cuts: tuple[Hit, ...] = ()

    @property
    def path(self) -> str | None:
        """The HTML element the line came from; ``None`` for text input."""
        return None

    @property
    def hint(self) -> str | None:
        """The paragraph kind the markup gives (HTML blocks); ``None`` for text input."""
        return None

    @property
    def kept(self) -> bool:
        """True while the line is (still) part of the story body."""
        return self.hit is None

    @property
    def words(self) -> int:
        """How many words the remaining body text has, counted up to :data:`WORD_CAP`."""
        return count_words(self.body)

    def remove(self, decision: Hit) -> None:
        """Take the whole line out of the body, for the reason ``decision`` gives.

        Make the decision with :func:`hit`, so lines removed for the same reason
        share it.
        """
        self.hit = decision

    def remove_by_rule(self, rule: Rule, value: str | None, *, context_only: bool = False) -> None:
        """Take the whole line out of the body with a data rule's id, reason and field."""
        self.remove(
            hit(
                rule.id,
                rule.reason,
                rule.kind,
                field=rule.field,
                value=value,
                media_kind=rule.media_kind,
                context_only=context_only,
            )
        )

    def cut(self, start: int, end: int, decision: Hit) -> None:
        """Remove ``body[start:end]`` for the reason ``decision`` gives; keep the rest."""
        removed = self.body[start:end].strip()
        self.cuts = (*self.cuts, attrs.evolve(decision, cut=removed))
        self.body = _join_around(self.body[:start], self.body[end:])


@attrs.define(weakref_slot=False)
class BlockLine(Line):
    """A block of an HTML page as a line: with its element path and markup kind."""

    element_path: str | None = None
    element_kind: str | None = None

    @property
    def path(self) -> str | None:
        """The HTML element the block came from."""
        return self.element_path

    @property
    def hint(self) -> str | None:
        """The paragraph kind the markup gives (heading, list item, quote), if any."""
        return self.element_kind


def _join_around(left: str, right: str) -> str:
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left or right
    return f"{left} {right}"


@attrs.define
class Document:
    """Lines plus what the passes found about the whole article."""

    lines: list[Line]
    options: Options
    rules: RuleSet
    active_rules: tuple[Rule, ...]
    title: str | None = None
    given_title: str | None = None
    dateline: str | None = None
    source: str | None = None
    story_start: int = 0
    story_end: int = -1
    #: Lines (by position) a rule limited to a position matched, decided once the
    #: story's extent is known. Few lines have one, so they are not a field of
    #: every line.
    pending: dict[int, tuple[Rule, str | None]] = attrs.field(factory=dict)

    def kept(self) -> Iterator[tuple[int, Line]]:
        """Index and line of every line still in the body, in order."""
        return ((i, line) for i, line in enumerate(self.lines) if line.kept)


#: Word counts only ever decide against small thresholds; counting stops here, so a
#: multi-megabyte line costs no list of a million words.
WORD_CAP = 64


def count_words(text: str, cap: int = WORD_CAP, pattern: re.Pattern[str] = _WORD) -> int:
    """The number of words in ``text``, or ``cap`` if there are at least that many."""
    return sum(1 for _ in islice(pattern.finditer(text), cap))


def continues(previous: Line, line: Line, *, adjacent: bool = True) -> bool:
    """True when ``line`` continues the paragraph that ``previous`` ends.

    Text split at inline links or hard wraps: ``previous`` ends mid-sentence, ``line``
    starts in lower case or with punctuation, and nothing stands between them (no
    removed line, and no blank line, which ends a paragraph). HTML blocks are never
    joined: their element boundaries are the paragraphs. ``adjacent`` says whether
    the two lines follow each other in the document (callers that skip removed
    lines know it; lines carry no position of their own, to stay small).
    """
    if previous.hint is not None or line.hint is not None:
        return False
    if previous.number is not None and line.number is not None:
        if line.number - previous.number != 1:
            return False
    elif not adjacent:
        return False
    return not _SENTENCE_END.search(previous.body) and bool(_CONTINUATION_START.match(line.body))
