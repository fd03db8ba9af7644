"""The cleaning passes, in the order they run.

Each pass is one function over the :class:`~newsclean.document.Document` with one
job; each decision it makes is recorded with a rule id. Passes that use the rule
packs (``rules.*``) rest on direct evidence; structural passes (``structure.*``)
use the shape of the article; context passes (``context.*``) use position alone
and are the ones the document guard may undo. :data:`PASSES` is the ordered table
the cleaner runs; :data:`STRUCTURAL_RULES` lists the ids and reasons the code-based
passes record, so they can be disabled like any data rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from newsclean.document import Document, Hit, Line
from newsclean.rules import Rule

#: Rule ids recorded by code-based passes, with the reason given to people.
STRUCTURAL_RULES: dict[str, str] = {
    "structure.title": "First line reads as the headline; kept as the title",
    "structure.given-title": "Line repeats the title the caller supplied",
    "structure.dateline": "Dateline before the story (place and/or publisher); kept as fields",
    "structure.duplicate": "Paragraph repeats an earlier paragraph word for word (scraped twice)",
    "structure.container": "Line concatenates later paragraphs (a scraped container element)",
    "context.tail-residue": "Short line among boilerplate after the story's last paragraph",
}

#: A line with this many words, not matched by any rule, is taken as story text.
STORY_WORDS = 10
#: Longest title or heading, in words.
TITLE_MAX_WORDS = 25
#: A duplicate or contained paragraph must be at least this long to count.
DUPLICATE_MIN_CHARS = 40
#: How far ahead a container line is compared with the lines it may contain.
CONTAINER_WINDOW = 60

_SENTENCE_END = re.compile(r"[.!?\u2026:;\"'\u201d\u2019)\]]$")
_TERMINAL_STOP = re.compile(r"(?<!\.)\.$")
_WORD = re.compile(r"\w+")
_KEY_JUNK = re.compile(r"[\W_]+")


def _enabled(doc: Document, rule_id: str) -> bool:
    return rule_id not in doc.options.disabled_rules


def _title_like(text: str) -> bool:
    """Short, not a sentence ending in a full stop, and not starting in lower case."""
    words = _WORD.findall(text)
    if not words or len(words) > TITLE_MAX_WORDS:
        return False
    if _TERMINAL_STOP.search(text) or text.endswith((",", ";")):
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    return not first.islower()


# --- rules.* : the data rule packs ------------------------------------------------


def _match_line_rule(rule: Rule, text: str) -> tuple[bool, str | None]:
    if rule.match == "line":
        found = rule.regex.fullmatch(text)
        if found is None:
            return False, None
        value = found.groupdict().get("value")
        return True, value.strip() if value else None
    found = rule.regex.match(text)
    if found is None:
        return False, None
    groups = found.groupdict()
    value = (groups.get("value") or "").strip()
    if not _WORD.search(value):
        # Only trailing decoration ("Lire aussi…", "Subscribe!"): the phrase is the line.
        value = ""
    has_separator = bool(groups.get("sep"))
    if rule.separator == "required" and not has_separator and "sep" in groups:
        return False, None
    if value and not has_separator and "sep" in groups and not _title_like(value):
        return False, None
    return True, value or None


def apply_line_rules(doc: Document) -> None:
    """Whole-line and prefix rules from the rule packs; the first rule that matches wins.

    Rules limited to a position ("tail", "edge") are only noted here and decided
    once the story's extent is known.
    """
    rules = [r for r in doc.active_rules if r.match != "inline"]
    limit = doc.options.max_line_chars
    for line in doc.lines:
        if len(line.text) > limit:
            continue
        for rule in rules:
            matched, value = _match_line_rule(rule, line.text)
            if not matched:
                continue
            if rule.position == "any":
                line.remove(
                    rule.id,
                    rule.reason,
                    rule.kind,
                    field=rule.field,
                    value=value,
                    media_kind=rule.media_kind,
                )
            else:
                line.pending = (rule, value)
            break


def find_story(doc: Document) -> None:
    """Mark the story's extent: from the first to the last long line no rule matched."""
    story = [i for i, line in doc.kept() if line.pending is None and _story_like(line)]
    if story:
        doc.story_start, doc.story_end = story[0], story[-1]
    else:
        doc.story_start, doc.story_end = len(doc.lines), -1


def _story_like(line: Line) -> bool:
    """Long enough to be story text, and not shaped like a headline."""
    if line.words >= STORY_WORDS // 2 and _TERMINAL_STOP.search(line.body):
        return True
    return line.words >= STORY_WORDS and not _title_like(line.body)


def apply_positional_rules(doc: Document) -> None:
    """Decide rules that count only outside the story ("edge") or after it ("tail").

    A date line or a name in brackets is a byline or stamp before or after the
    story, but may be story text (a schedule, a quoted name) in its middle.
    """
    for i, line in enumerate(doc.lines):
        if line.pending is None or not line.kept:
            continue
        rule, value = line.pending
        line.pending = None
        after = i > doc.story_end
        before = i < doc.story_start
        if (rule.position == "tail" and after) or (rule.position == "edge" and (before or after)):
            line.remove(
                rule.id,
                rule.reason,
                rule.kind,
                field=rule.field,
                value=value,
                media_kind=rule.media_kind,
                context_only=True,
            )


def apply_inline_rules(doc: Document) -> None:
    """Cut inline boilerplate (ad markers, glued "Read also" teasers) out of story lines.

    When nothing but punctuation is left, the whole line goes with that rule.
    """
    rules = [r for r in doc.active_rules if r.match == "inline"]
    if not rules:
        return
    limit = doc.options.max_line_chars
    for _, line in doc.kept():
        if len(line.body) > limit:
            continue
        for rule in rules:
            found = rule.regex.search(line.body)
            while found is not None and found.end() > found.start():
                value = found.groupdict().get("value")
                line.cut(
                    found.start(),
                    found.end(),
                    rule.id,
                    rule.reason,
                    rule.kind,
                    field=rule.field,
                    value=value.strip() if value else None,
                    media_kind=rule.media_kind,
                )
                found = rule.regex.search(line.body)
        if line.cuts and not _WORD.search(line.body):
            # Nothing of the story is left: the whole line was boilerplate.
            first = line.cuts[0]
            line.cuts.clear()
            line.body = line.text
            whole = attrs.evolve(first.removal, text=line.text, partial=False)
            line.hit = Hit(whole, first.value, first.media_kind)


def detect_title(doc: Document) -> None:
    """Take the headline: the caller's title, or a first line that reads like one.

    Aggregators put the headline first; it is kept as ``Article.title`` and its
    line is recorded as removed from the body.
    """
    head = [(i, line) for i, line in doc.kept() if i <= max(doc.story_start, 0) and line.kept]
    if doc.given_title is not None:
        doc.title = doc.given_title
        key = _key(doc.given_title)
        if _enabled(doc, "structure.given-title"):
            for i, line in head:
                if i < doc.story_start and _key(line.text) == key:
                    _remove_structural(line, "structure.given-title", "title", field="title")
        return
    if not doc.options.detect_title or not _enabled(doc, "structure.title") or not head:
        return
    i, line = head[0]
    if i >= doc.story_start or not _title_like(line.text):
        return
    doc.title = line.text
    _remove_structural(line, "structure.title", "title", field="title")


def _remove_structural(
    line: Line, rule: str, kind: str, *, field: str | None = None, value: str | None = None
) -> None:
    line.remove(rule, STRUCTURAL_RULES[rule], kind, field=field, value=value)


def _key(text: str) -> str:
    return _KEY_JUNK.sub(" ", text.casefold()).strip()


# --- structure.dateline ----------------------------------------------------------

_TOKEN = r"(?:[A-Z\u00c0-\u024f][\w.'\u2019&-]*|\d[\w.]*)"  # noqa: S105 - a regex
_PART = rf"{_TOKEN}(?: {_TOKEN}){{0,3}}"
_DASH = r"[-\u2013\u2014\u2012]+"
_DATELINE = re.compile(
    rf"(?P<a>{_PART})(?:\s*,\s*(?P<b>{_PART}))?(?:\s*\((?P<paren>[^()]{{2,40}})\))?"
    rf"\s*{_DASH}\s+(?=[\"'\u201c\u2018A-Z\u00c0-\u024f0-9])"
)
_DATELINE_ONLY = re.compile(
    rf"(?P<a>{_PART})(?:\s*,\s*(?P<b>{_PART}))?(?:\s*\((?P<paren>[^()]{{2,40}})\))?(?:\s*{_DASH})?"
)
_DASH_ONLY = re.compile(rf"{_DASH}")
_DOMAIN = re.compile(r"\.[a-z]{2,}(?:\.[a-z]{2})?$", re.IGNORECASE)


def _split_dateline(a: str, b: str | None, paren: str | None) -> tuple[str | None, str | None]:
    """Place and publisher from the parts of a dateline."""
    if paren:
        place = a if b is None else f"{a}, {b}"
        return _tidy_place(place), paren.strip()
    if b is None:
        return (None, a) if _DOMAIN.search(a) else (_tidy_place(a), None)
    if _DOMAIN.search(a) and not _DOMAIN.search(b):
        return _tidy_place(b), a
    return _tidy_place(a), b


def _tidy_place(place: str) -> str:
    # "JAKARTA" is a typographic convention, not the name: store "Jakarta".
    return place.title() if place.isupper() else place


def detect_dateline(doc: Document) -> None:
    """Strip the dateline ("Jakarta, CNBC Indonesia - ") off the story's first line.

    The place goes to ``Article.dateline`` and the publisher to ``Article.source``.
    A dateline split over lines ("Jakarta" / "-" / story) is removed whole.
    """
    if not _enabled(doc, "structure.dateline"):
        return
    candidates = [(i, line) for i, line in doc.kept()][:3]
    for n, (i, line) in enumerate(candidates):
        if i > doc.story_end:
            return
        found = _DATELINE.match(line.body)
        if found and found.end() < len(line.body):
            place, source = _split_dateline(found["a"], found["b"], found["paren"])
            doc.dateline, doc.source = place, source
            line.cut(
                0,
                found.end(),
                "structure.dateline",
                STRUCTURAL_RULES["structure.dateline"],
                "dateline",
                field="dateline",
                value=found.group(0).strip(),
            )
            return
        alone = _DATELINE_ONLY.fullmatch(line.body)
        if alone and line.words <= STORY_WORDS // 2 and n + 1 < len(candidates):
            nxt = candidates[n + 1][1]
            ends_in_dash = bool(_DASH_ONLY.search(line.body[-1:]))
            if ends_in_dash or _DASH_ONLY.fullmatch(nxt.body):
                doc.dateline, doc.source = _split_dateline(alone["a"], alone["b"], alone["paren"])
                _remove_structural(line, "structure.dateline", "dateline", field="dateline")
                if not ends_in_dash:
                    _remove_structural(nxt, "structure.dateline", "dateline", field="dateline")
                return
        if line.words >= STORY_WORDS:
            return


def remove_duplicates(doc: Document) -> None:
    """Remove paragraphs scraped twice, and container lines that repeat the ones after them."""
    seen: set[str] = set()
    kept = list(doc.kept())
    keys = [_key(line.body) for _, line in kept]
    if _enabled(doc, "structure.container"):
        for n, (_, line) in enumerate(kept):
            if len(keys[n]) < 2 * DUPLICATE_MIN_CHARS:
                continue
            later = [
                k
                for k in keys[n + 1 : n + 1 + CONTAINER_WINDOW]
                if len(k) >= DUPLICATE_MIN_CHARS and k != keys[n]
            ]
            if sum(1 for k in later if k in keys[n]) >= 2:
                _remove_structural(line, "structure.container", "duplicate")
    if not _enabled(doc, "structure.duplicate"):
        return
    for n, (_, line) in enumerate(kept):
        if not line.kept or len(keys[n]) < DUPLICATE_MIN_CHARS:
            continue
        if keys[n] in seen:
            _remove_structural(line, "structure.duplicate", "duplicate")
        seen.add(keys[n])


def remove_tail_residue(doc: Document) -> None:
    """After the story, a short line with boilerplate before it and after it is boilerplate.

    Footers mix rule-matched lines with short residue a rule cannot name (a video's
    title, a lone teaser); in the middle of a story the same line would stay.
    """
    if not _enabled(doc, "context.tail-residue"):
        return
    lines = doc.lines
    for i in range(max(doc.story_end + 1, 0), len(lines)):
        line = lines[i]
        if not line.kept or line.words > TITLE_MAX_WORDS // 2 or _TERMINAL_STOP.search(line.body):
            continue
        before = any(not lines[j].kept for j in range(doc.story_end + 1, i))
        after = i + 1 >= len(lines) or not lines[i + 1].kept
        if before and after:
            line.remove(
                "context.tail-residue",
                STRUCTURAL_RULES["context.tail-residue"],
                "other",
                context_only=True,
            )


def guard_document(doc: Document) -> None:
    """Undo context-only removals when they would take most of the story.

    Position is weak evidence; if trusting it would leave less than
    ``Options.max_removed_share`` of the lines that direct rules kept, the
    context decisions are wrong for this article and are reverted.
    """
    body = [line for line in doc.lines if line.kept or (line.hit and line.hit.context_only)]
    context = [line for line in body if not line.kept]
    if not body or not context:
        return
    if len(body) - len(context) < doc.options.max_removed_share * len(body):
        for line in context:
            line.hit = None


#: The passes in the order they run.
PASSES: tuple[tuple[str, Callable[[Document], None]], ...] = (
    ("line_rules", apply_line_rules),
    ("find_story", find_story),
    ("positional_rules", apply_positional_rules),
    ("title", detect_title),
    ("inline_rules", apply_inline_rules),
    ("dateline", detect_dateline),
    ("duplicates", remove_duplicates),
    ("tail_residue", remove_tail_residue),
    ("guard", guard_document),
)
