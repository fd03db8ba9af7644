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

from newsclean.document import (
    SHARED_LINE_CHARS,
    SHARED_LINES_MAX,
    Document,
    Line,
    continues,
    count_words,
    hit,
)
from newsclean.rules import Rule, line_gate

#: Rule ids recorded by code-based passes, with the reason given to people.
STRUCTURAL_RULES: dict[str, str] = {
    "structure.title": "First line reads as the headline; kept as the title",
    "structure.title-repeat": "Line repeats the title before the story starts",
    "structure.dateline": "Dateline before the story (place and/or publisher); kept as fields",
    "structure.duplicate": "Paragraph repeats an earlier paragraph word for word (scraped twice)",
    "structure.container": "Line concatenates later paragraphs (a scraped container element)",
    "context.related-list": "Headline under a bare 'Read also' header: a link to another article",
    "context.tail-residue": "Short line among boilerplate after the story's last paragraph",
}

#: A line with this many words, not matched by any rule, is taken as story text.
STORY_WORDS = 10
#: Longest title or heading, in words.
TITLE_MAX_WORDS = 25
#: A dateline prefix is followed by at least this many words of story.
DATELINE_MIN_REST_WORDS = 2
#: Most teaser titles taken under one "Read also" header.
RELATED_LIST_MAX = 8
#: A duplicate or contained paragraph must be at least this long to count.
DUPLICATE_MIN_CHARS = 40
#: Longest line whose repeat key ignores punctuation (see ``_key``).
KEY_MAX_CHARS = 100_000
#: Share of a container line that the paragraphs it repeats must cover.
CONTAINER_SHARE = 0.6
#: How far ahead a container line is compared with the lines it may contain.
CONTAINER_WINDOW = 60

# The ideographic and fullwidth full stops end sentences in Chinese and Japanese.
_TERMINAL_STOP = re.compile(r"(?:(?<!\.)\.|[\u3002\uff0e])$")
_WORD = re.compile(r"\w+")
#: A sentence ending inside the text: ". Next" or, glued by scraping, ".Next"; in
#: Chinese and Japanese any character after an ideographic stop.
_SENTENCE_BREAK = re.compile(
    r"[a-z\u00df-\u00ff)][.!?][\"'\u201d\u2019]?\s*[A-Z\u00c0-\u00de]|[\u3002\uff01\uff1f]\s*\S"
)
_LETTER_WORD = re.compile(r"\w*[^\W\d_]\w*")
_KEY_JUNK = re.compile(r"[\W_]+")


def _enabled(doc: Document, rule_id: str) -> bool:
    return rule_id not in doc.options.disabled_rules


def _title_like(text: str) -> bool:
    """Short, not a sentence ending in a full stop, and not starting in lower case."""
    words = count_words(text)
    if not words or words > TITLE_MAX_WORDS:
        return False
    if _TERMINAL_STOP.search(text) or text.endswith((",", ";", ":")):
        return False
    if _SENTENCE_BREAK.search(text):
        return False  # two sentences are a lead paragraph, not a headline
    first = next((ch for ch in text if ch.isalnum()), "")
    return not first.islower()


# --- rules.* : the data rule packs ------------------------------------------------


def match_line_rule(rule: Rule, text: str) -> tuple[bool, str | None]:
    """Whether a whole-line or prefix ``rule`` takes ``text``, and the value it captures."""
    if rule.match == "line":
        found = rule.regex.fullmatch(text)
        if found is None:
            return False, None
        value = found.groupdict().get("value")
        return True, value.strip() if value else None
    found = rule.regex.fullmatch(text)
    if found is None:
        return False, None
    groups = found.groupdict()
    # A trailing colon points at what follows ("Lihat Video 'X':"); it is not the value.
    value = (groups.get("value") or "").strip().rstrip(":").rstrip()
    if not _WORD.search(value):
        value = ""  # trailing decoration ("!", "»", "...") is not a value
    # A value glued to the phrase ("Baca juga:ASN", "lainnya4 Member") marks a link
    # boundary as surely as a colon does.
    glued = (
        "phrase" in groups
        and found.end("phrase") < len(text)
        and text[found.end("phrase")].isalnum()
    )
    has_separator = bool(groups.get("sep")) or glued
    if rule.separator == "required" and not has_separator and "sep" in groups:
        return False, None
    unmarked = value and not has_separator and "sep" in groups
    if unmarked and rule.rest == "title" and not _title_like(value):
        return False, None
    return True, value or None


def apply_line_rules(doc: Document) -> None:
    """Whole-line and prefix rules from the rule packs; the first rule that matches wins.

    Rules limited to a position ("tail", "edge") are only noted here and decided
    once the story's extent is known.
    """
    rules = [r for r in doc.active_rules if r.match != "inline"]
    gate = line_gate(doc.active_rules)
    limit = doc.options.max_line_chars
    # Boilerplate lines repeat ("ADVERTISEMENT" after every paragraph, a text of
    # nothing else): the verdict on a short line is remembered, so a repeat costs
    # one lookup instead of a pass over every rule. Bounded, like the line table.
    seen: dict[str, tuple[Rule, str | None] | None] = {}
    for i, line in enumerate(doc.lines):
        text = line.text
        if len(text) > limit:
            continue
        short = len(text) <= SHARED_LINE_CHARS
        if short and text in seen:
            verdict = seen[text]
        else:
            # The gate rules out a line no rule can take in one attempt.
            shut = gate is not None and not gate.admits(text)
            verdict = None if shut else _first_line_rule(rules, text)
            if short:
                if len(seen) >= SHARED_LINES_MAX:
                    seen.clear()
                seen[text] = verdict
        if verdict is None:
            continue
        rule, value = verdict
        if rule.position == "any":
            line.remove_by_rule(rule, value)
        else:
            doc.pending[i] = verdict


def _first_line_rule(rules: list[Rule], text: str) -> tuple[Rule, str | None] | None:
    """The first whole-line or prefix rule that takes ``text``, and its value."""
    for rule in rules:
        matched, value = match_line_rule(rule, text)
        if matched:
            return rule, value
    return None


def find_story(doc: Document) -> None:
    """Mark the story's extent: from the first to the last long paragraph no rule matched.

    Lines that continue one another (see :func:`~newsclean.document.continues`) are
    judged together, as the paragraph they will form.
    """
    # Blocks are judged as they close, so only the open one is held.
    first = last = -1
    block: list[Line] = []
    start = previous = -1  # positions of the open block's first and last line
    for i, line in doc.kept():
        if i in doc.pending:
            continue
        if (
            block
            and doc.options.join_wrapped_lines
            and continues(block[-1], line, adjacent=i == previous + 1)
        ):
            block.append(line)
        else:
            if block and _story_like(_joined(block)):
                first, last = (start if first < 0 else first), previous
            block, start = [line], i
        previous = i
    if block and _story_like(_joined(block)):
        first, last = (start if first < 0 else first), previous
    if first >= 0:
        doc.story_start, doc.story_end = first, last
    else:
        doc.story_start, doc.story_end = len(doc.lines), -1


def _joined(block: list[Line]) -> Line:
    if len(block) == 1:
        return block[0]
    text = " ".join(line.body for line in block)
    return Line(number=block[0].number, text=text, body=text)


def _story_like(line: Line) -> bool:
    """Long enough to be story text, and not shaped like a headline."""
    if line.words >= STORY_WORDS // 2 and _TERMINAL_STOP.search(line.body):
        return True
    return line.words >= STORY_WORDS and not _title_like(line.body)


def apply_positional_rules(doc: Document) -> None:
    """Decide rules that count only outside the story ("edge") or after it ("tail").

    A date line or a name in brackets is a byline or stamp before or after the
    story, but may be story text (a schedule, a quoted name) in its middle. "edge"
    rules fire before the story, or after it when no kept line follows (a date
    heading a list of schedule items after the last paragraph stays).
    """
    # Decided from the end backwards, so "nothing kept after it" sees the decisions
    # already made for the lines below.
    kept_below = False
    for i in range(len(doc.lines) - 1, -1, -1):
        line = doc.lines[i]
        found = doc.pending.pop(i, None)
        if found is None or not line.kept:
            kept_below = kept_below or line.kept
            continue
        rule, value = found
        after = i > doc.story_end
        before = i < doc.story_start
        trailing = after and not kept_below
        if (rule.position == "tail" and after) or (
            rule.position == "edge" and (before or trailing)
        ):
            line.remove_by_rule(rule, value, context_only=True)
        kept_below = kept_below or line.kept
    doc.pending.clear()


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
                groups = found.groupdict()
                value = groups.get("value")
                _take_dateline(doc, groups.get("place"), groups.get("source"))
                decision = hit(
                    rule.id,
                    rule.reason,
                    rule.kind,
                    field=rule.field,
                    value=value.strip() if value else None,
                    media_kind=rule.media_kind,
                )
                line.cut(found.start(), found.end(), decision)
                found = rule.regex.search(line.body)
        if line.cuts and not _WORD.search(line.body):
            # Nothing of the story is left: the whole line was boilerplate.
            first = line.cuts[0]
            line.cuts = ()
            line.body = line.text
            line.remove(attrs.evolve(first, cut=None))


def _take_dateline(doc: Document, place: str | None, source: str | None) -> None:
    """Fill the dateline's place and source from a rule's ``place``/``source`` groups.

    A rule pack names them where its language writes datelines its own way
    ("【ワシントン共同】", "新华社北京10月24日电"); the first dateline found stands.
    """
    place = place.strip() if place else None
    source = source.strip() if source else None
    if (place or source) and doc.dateline is None and doc.source is None:
        doc.dateline, doc.source = place or None, source or None


def detect_title(doc: Document) -> None:
    """Take the headline: the caller's title, or a first line that reads like one.

    Aggregators put the headline first; it is kept as ``Article.title`` and its
    line is recorded as removed from the body, as is any repeat of it before the
    story starts.
    """
    # The kept lines before the story are walked lazily: a text with no story holds
    # all its lines there, and a list of them would cost memory per line.
    head = next((i for i, _ in doc.kept()), None)
    if head is not None and head >= doc.story_start:
        head = None
    if doc.given_title is not None:
        doc.title = doc.given_title
    elif doc.options.detect_title and _enabled(doc, "structure.title") and head is not None:
        i = head
        block = _first_paragraph(doc, i)
        text = " ".join(line.body for line in block)
        end = i + len(block) - 1
        followed = any(line.kept for line in doc.lines[end + 1 :])
        dateline = _DATELINE.match(text) or _split_dateline_at(doc, i)
        if followed and _title_like(text) and not dateline:
            doc.title = text
            for line in block:
                _remove_structural(line, "structure.title", "title", field="title")
    if doc.title is None or not _enabled(doc, "structure.title-repeat"):
        return
    key = _key(doc.title)
    for i, line in doc.kept():
        if i >= doc.story_start:
            break
        if _key(line.text) == key:
            _remove_structural(line, "structure.title-repeat", "title", field="title")


def _first_paragraph(doc: Document, i: int) -> list[Line]:
    """Line ``i`` and the lines that would be joined to it as one paragraph."""
    block = [doc.lines[i]]
    join = doc.options.join_wrapped_lines
    for line in doc.lines[i + 1 :]:
        if not (join and line.kept and continues(block[-1], line)):
            break
        block.append(line)
    return block


def _remove_structural(
    line: Line, rule: str, kind: str, *, field: str | None = None, value: str | None = None
) -> None:
    line.remove(hit(rule, STRUCTURAL_RULES[rule], kind, field=field, value=value))


def _key(text: str) -> str:
    """Text compared for repeats: case and punctuation ignored.

    Past ``KEY_MAX_CHARS`` only case is folded: collapsing a multi-megabyte line's
    every separator would build a piece per word, and lines that long are compared
    for exact repeats only.
    """
    if len(text) > KEY_MAX_CHARS:
        return text.casefold()
    return _KEY_JUNK.sub(" ", text.casefold()).strip()


# --- structure.dateline ----------------------------------------------------------

_NAME_PIECE = (
    r"(?:[A-Z\u00c0-\u024f][\w.'\u2019&-]*|[a-z]+[A-Z][\w.]*"
    r"|[a-z][\w-]*\.(?:com|id|co\.id|net|org|news|tv)\b)"  # a publisher's domain
)
_PIECE = rf"(?:{_NAME_PIECE}|\d[\w.]*)"
#: A place or publisher: up to four tokens, the first a name (never a number).
_PART = rf"{_NAME_PIECE}(?: {_PIECE}){{0,3}}"
_DASH = r"[-\u2013\u2014\u2012]+"
_DATELINE_UNIT = (
    rf"{_PART}(?:\s*,\s*{_PART})?(?:\s*\([^()]{{2,40}}\))?"
    rf"(?:\s+{_DASH}\s*|\s*{_DASH}\s+)(?=[\"'\u201c\u2018A-Z\u00c0-\u024f0-9])"
)
_DATELINE_UNIT_RE = re.compile(_DATELINE_UNIT)
#: Datelines are short; the search looks no further into a line than this.
DATELINE_MAX_CHARS = 200
#: A dateline, and any further dateline-shaped prefixes after it, taken at once so
#: that what is left never starts with another one.
_DATELINE = re.compile(
    rf"(?P<a>{_PART})(?:\s*,\s*(?P<b>{_PART}))?(?:\s*\((?P<paren>[^()]{{2,40}})\))?"
    rf"(?:\s+{_DASH}\s*|\s*{_DASH}\s+)(?=[\"'\u201c\u2018A-Z\u00c0-\u024f0-9])"
    rf"(?:{_DATELINE_UNIT})*"
)
_DATELINE_ONLY = re.compile(
    rf"(?P<a>{_PART})(?:\s*,\s*(?P<b>{_PART}))?(?:\s*\((?P<paren>[^()]{{2,40}})\))?(?:\s*{_DASH})?"
)
_DASH_ONLY = re.compile(rf"{_DASH}")
_DOMAIN = re.compile(r"\.[a-z]{2,}(?:\.[a-z]{2})?$", re.IGNORECASE)
#: A brand written in camel case ("detikNews", "iNews") names a publisher, not a place.
_BRAND = re.compile(r"^[a-z]+[A-Z]")


def _split_dateline(a: str, b: str | None, paren: str | None) -> tuple[str | None, str | None]:
    """Place and publisher from the parts of a dateline."""
    if paren:
        place = a if b is None else f"{a}, {b}"
        return _tidy_place(place), paren.strip()
    if b is None:
        return (None, a) if _DOMAIN.search(a) or _BRAND.match(a) else (_tidy_place(a), None)
    if _DOMAIN.search(a) and not _DOMAIN.search(b):
        return _tidy_place(b), a
    return _tidy_place(a), b


def _tidy_place(place: str) -> str:
    # "JAKARTA" is a typographic convention, not the name: store "Jakarta".
    return place.title() if place.isupper() else place


def _story_follows(doc: Document, i: int, start: int) -> bool:
    """True when line ``i`` from ``start`` on (with lines joined to it) is story text.

    A dateline opens a story sentence; a short headline-like rest means the dash
    was part of something else.
    """
    block = _first_paragraph(doc, i)
    text = " ".join([block[0].body[start:], *(line.body for line in block[1:])])
    letter_words = count_words(text, DATELINE_MIN_REST_WORDS, _LETTER_WORD)
    return letter_words >= DATELINE_MIN_REST_WORDS and not _title_like(text)


def _split_dateline_at(doc: Document, i: int) -> bool:
    """True when line ``i`` is a dateline on its own ("Jakarta" / "-" / story)."""
    line = doc.lines[i]
    if line.words > STORY_WORDS // 2 or not _DATELINE_ONLY.fullmatch(line.body):
        return False
    if i + 1 >= len(doc.lines):
        return False
    after = doc.lines[i + 1]
    if _DASH_ONLY.fullmatch(line.body[-1:]):
        story = after
    elif _DASH_ONLY.fullmatch(after.text) and i + 2 < len(doc.lines):
        story = doc.lines[i + 2]
    else:
        return False
    return story.kept and _story_like(story)


def detect_dateline(doc: Document) -> None:
    """Strip the dateline ("Jakarta, CNBC Indonesia - ") off the story's first line.

    The place goes to ``Article.dateline`` and the publisher to ``Article.source``.
    A dateline split over lines ("Jakarta" / "-" / story) is removed whole. A
    dateline a rule already took (see :func:`_take_dateline`) stands.
    """
    if not _enabled(doc, "structure.dateline") or doc.dateline or doc.source:
        return
    candidates = [(i, line) for i, line in doc.kept()][:3]
    for i, line in candidates:
        if i > doc.story_end:
            return
        found = _DATELINE.match(line.body[:DATELINE_MAX_CHARS])
        if found and _DATELINE_UNIT_RE.match(line.body, found.end()):
            found = None  # dateline shapes run on past any real dateline: not one
        if found and _story_follows(doc, i, found.end()):
            place, source = _split_dateline(found["a"], found["b"], found["paren"])
            doc.dateline, doc.source = place, source
            decision = hit(
                "structure.dateline",
                STRUCTURAL_RULES["structure.dateline"],
                "dateline",
                field="dateline",
                value=found.group(0).strip(),
            )
            line.cut(0, found.end(), decision)
            return
        if _split_dateline_at(doc, i):
            alone = _DATELINE_ONLY.fullmatch(line.body)
            assert alone is not None  # checked by _split_dateline_at
            doc.dateline, doc.source = _split_dateline(alone["a"], alone["b"], alone["paren"])
            _remove_structural(line, "structure.dateline", "dateline", field="dateline")
            dash = doc.lines[i + 1]
            if _DASH_ONLY.fullmatch(dash.text):
                _remove_structural(dash, "structure.dateline", "dateline", field="dateline")
            return
        if line.words >= STORY_WORDS:
            return


def remove_related_lists(doc: Document) -> None:
    """Headline-like lines right under a bare "Read also" header are its list of links.

    "Baca Juga" / "Related Articles" alone on a line introduces teaser titles, one a
    line, each without the phrase; they are kept as ``Article.related``.
    """
    if not _enabled(doc, "context.related-list"):
        return
    lines = doc.lines
    for i, line in enumerate(lines):
        header = line.hit
        if header is None or header.kind != "related" or header.value or header.context_only:
            continue
        for j in range(i + 1, min(i + 1 + RELATED_LIST_MAX, len(lines))):
            follower = lines[j]
            # Article headlines run five words or more; a shorter line is more
            # likely the story's own subheading, and a line the next one continues
            # is the start of a paragraph.
            if not follower.kept or not _title_like(follower.body) or follower.words < 5:
                break
            if j + 1 < len(lines) and continues(follower, lines[j + 1]):
                break
            follower.remove(
                hit(
                    "context.related-list",
                    STRUCTURAL_RULES["context.related-list"],
                    "related",
                    field="related",
                    value=follower.body,
                    context_only=True,
                )
            )


def recheck_cut_lines(doc: Document) -> None:
    """Run the line rules again on lines that lost a part: the rest may be boilerplate too.

    "ADVERTISEMENT [Gambas:Video 20detik]" is an ad label once the video marker is
    cut out; deciding it now makes cleaning the clean text a no-op.
    """
    rules = [r for r in doc.active_rules if r.match != "inline" and r.position == "any"]
    for _, line in doc.kept():
        if not line.cuts or len(line.body) > doc.options.max_line_chars:
            continue
        for rule in rules:
            matched, value = match_line_rule(rule, line.body)
            if matched:
                line.remove_by_rule(rule, value)
                break


def remove_duplicates(doc: Document) -> None:
    """Remove paragraphs scraped twice, and container lines that repeat the ones after them."""
    # Lines too short to count as duplicates get no key: no copy per short line.
    keys = [_key(line.body) if len(line.body) >= DUPLICATE_MIN_CHARS else "" for line in doc.lines]
    if _enabled(doc, "structure.container"):
        for i, line in doc.kept():
            # Later lines count whether kept or not: a container repeats the story
            # and the teasers and embeds that stand on their own lines after it.
            if len(keys[i]) >= 2 * DUPLICATE_MIN_CHARS and _is_container(
                keys[i], keys[i + 1 : i + 1 + CONTAINER_WINDOW]
            ):
                _remove_structural(line, "structure.container", "duplicate")
    if not _enabled(doc, "structure.duplicate"):
        return
    seen: set[str] = set()
    for i, line in doc.kept():
        if len(keys[i]) < DUPLICATE_MIN_CHARS:
            continue
        if keys[i] in seen:
            _remove_structural(line, "structure.duplicate", "duplicate")
        seen.add(keys[i])


def _is_container(key: str, later: list[str]) -> bool:
    """True when ``key`` is mostly later paragraphs, found in their order.

    A scraped container element repeats the paragraphs that follow it (plus glued
    teasers); requiring the found paragraphs to make up most of the line keeps a
    long paragraph that merely quotes a shorter one.
    """
    position = found = covered = 0
    for other in later:
        if len(other) < DUPLICATE_MIN_CHARS or other == key:
            continue
        at = key.find(other, position)
        if at >= 0:
            position = at + len(other)
            found += 1
            covered += len(other)
    return found >= 1 and covered >= CONTAINER_SHARE * len(key)


def remove_tail_residue(doc: Document) -> None:
    """After the story, a short line with boilerplate before it and after it is boilerplate.

    Footers mix rule-matched lines with short residue a rule cannot name (a video's
    title, a lone teaser); in the middle of a story the same line would stay.
    """
    if not _enabled(doc, "context.tail-residue"):
        return
    lines = doc.lines
    removed_above = False  # a removed line between the story's end and this one
    for i in range(max(doc.story_end + 1, 0), len(lines)):
        line = lines[i]
        if not line.kept:
            removed_above = True
            continue
        if line.words > TITLE_MAX_WORDS // 2 or _TERMINAL_STOP.search(line.body):
            continue
        if _in_paragraph(lines, i, doc.options.join_wrapped_lines):
            continue  # part of a wrapped paragraph, not a line of its own
        after = i + 1 >= len(lines) or not lines[i + 1].kept
        if removed_above and after:
            line.remove(
                hit(
                    "context.tail-residue",
                    STRUCTURAL_RULES["context.tail-residue"],
                    "other",
                    context_only=True,
                )
            )


def _in_paragraph(lines: list[Line], i: int, join: bool) -> bool:
    """True when line ``i`` continues the kept line above or is continued below."""
    if not join:
        return False
    above = i > 0 and lines[i - 1].kept and continues(lines[i - 1], lines[i])
    below = i + 1 < len(lines) and lines[i + 1].kept and continues(lines[i], lines[i + 1])
    return above or below


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
    ("inline_rules", apply_inline_rules),
    ("find_story", find_story),
    ("positional_rules", apply_positional_rules),
    ("title", detect_title),
    ("duplicates", remove_duplicates),
    ("dateline", detect_dateline),
    ("recheck_cut_lines", recheck_cut_lines),
    ("related_lists", remove_related_lists),
    ("tail_residue", remove_tail_residue),
    ("guard", guard_document),
)
