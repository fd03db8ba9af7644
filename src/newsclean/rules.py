"""Boilerplate rules as data: the rule model, rule packs, and their loading.

A rule pack is a TOML file (format in ``docs/rules.md``). newsclean ships one per
language under ``newsclean/rulepacks/`` (``id.toml``, ``en.toml``, ...) and one
language-free pack, ``_common.toml``. Users load their own packs with
:meth:`RuleSet.from_file` and combine them with :meth:`RuleSet.merged`: a rule with
the same id replaces the bundled one, so any rule can be overridden or, with
``enabled = false`` or ``Options.disabled_rules``, switched off.

A rule says what a line (or part of one) is, with either ``phrases`` (plain words,
matched case-insensitively with flexible spacing and decoration, written once per
phrase family) or a regular expression ``pattern``. ``match`` says how much of the
line it takes:

``line``
    the whole line is the phrase ("Read Entire Article", "ADVERTISEMENT");
``prefix``
    the line starts with the phrase and the rest is a value ("Baca juga: <title>",
    "Next Article <title>"); without a separator the rest must read like a title,
    so a story sentence starting with the same words stays, unless the rule says
    ``rest = "any"`` (a promotion's phrase is specific enough to take any rest);
``inline``
    the phrase is cut out of a longer story line, which stays.

A pattern may use placeholders, filled in when the pack loads: ``<<month>>`` and
``<<unit>>`` stand for the pack's month and time-unit words, and a pack names a
sub-pattern once in its ``[patterns]`` table (``date = '...'``) for its rules to
share as ``<<date>>``. An unknown name is a :class:`RuleFileError`.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs
from attrs import validators as v

try:  # the standard library's parser of regular expressions
    _sre_parser: Any = importlib.import_module("re._parser")  # Python 3.11+
except ImportError:
    _sre_parser = importlib.import_module("sre_parse")  # Python 3.10

from newsclean.article import REMOVAL_KINDS
from newsclean.errors import RuleFileError
from newsclean.toml import parse_toml

MatchMode = Literal["line", "prefix", "inline"]
Position = Literal["any", "edge", "tail"]

#: Fields a rule can fill with what it matched.
RULE_FIELDS: tuple[str, ...] = ("related", "media", "authors", "categories", "published")
_ID = r"^[a-z0-9_]+(\.[a-z0-9_-]+)+$"
#: Decoration around a phrase: bullets, arrows, brackets, quotes, dashes.
_DECOR = r"[\W_]*"
#: What may stand between a prefix phrase and its value.
_SEPARATOR = r"[ \t]*[:\-\u2013\u2014\u00bb>|~]+"
#: An apostrophe in a phrase matches any of these: straight, typographic, modifier letter.
_APOSTROPHES = "'\u2019\u02bc"
_APOSTROPHE = f"[{_APOSTROPHES}]"
#: Where a phrase breaks into words: spaces and hyphens.
_PHRASE_SPLIT = re.compile(r"[\s\-]+")
#: After a phrase: a non-word, a glued capital or digit ("Baca juga:ASN", "lainnya4"), or the end.
_PHRASE_END = r"(?:(?=[\W_])|(?-i:(?=[A-Z0-9]))|$)"


def phrase_regex(phrase: str) -> str:
    r"""The regular expression for one phrase: words in order, any spacing or hyphen.

    A hyphen inside a phrase is a word break too ("e-mail" also matches "email" and
    "e mail"), and an apostrophe matches the typographic one as well ("l'article",
    "l’article"), since sites and scrapers write both.

    >>> phrase_regex("read entire article")
    'read[\\s\\-]*entire[\\s\\-]*article'
    >>> import re
    >>> bool(re.fullmatch(phrase_regex("lire l'article"), "lire l\u2019article"))
    True
    """
    words = [w for w in _PHRASE_SPLIT.split(phrase) if w]
    if not words:
        msg = "a phrase must contain a word"
        raise RuleFileError(msg)
    return r"[\s\-]*".join(re.sub(_APOSTROPHE, _APOSTROPHE, re.escape(w)) for w in words)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen
class Rule:
    """One boilerplate rule; see the module docstring and ``docs/rules.md``."""

    id: str = attrs.field(validator=v.matches_re(_ID))
    kind: str = attrs.field(validator=v.in_(REMOVAL_KINDS))
    reason: str = attrs.field(validator=v.min_len(1))
    match: MatchMode = attrs.field(default="line", validator=v.in_(("line", "prefix", "inline")))
    phrases: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    pattern: str | None = None
    field: str | None = attrs.field(default=None, validator=v.optional(v.in_(RULE_FIELDS)))
    media_kind: str = attrs.field(
        default="video", validator=v.in_(("video", "embed", "image", "audio"))
    )
    position: Position = attrs.field(default="any", validator=v.in_(("any", "edge", "tail")))
    separator: Literal["optional", "required"] = attrs.field(
        default="optional", validator=v.in_(("optional", "required"))
    )
    rest: Literal["title", "any"] = attrs.field(default="title", validator=v.in_(("title", "any")))
    enabled: bool = True
    language: str = "common"
    examples: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    counterexamples: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    regex: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if bool(self.phrases) == bool(self.pattern):
            msg = f"rule {self.id!r}: give either 'phrases' or 'pattern', not both or neither"
            raise RuleFileError(msg)
        object.__setattr__(self, "regex", self._compile())

    def _compile(self) -> re.Pattern[str]:
        if self.pattern is not None:
            body = self.pattern
        else:
            # Longest first, so "image credit" wins over "image" before a separator.
            ordered = sorted(self.phrases, key=lambda p: (-len(p), p))
            body = "(?:" + "|".join(phrase_regex(p) for p in ordered) + ")"
        if self.match == "line":
            source = rf"{_DECOR}(?:{body}){_DECOR}"
        elif self.match == "prefix":
            if self.pattern is not None and "(?P<value>" in self.pattern:
                source = rf"{_DECOR}(?:{body}){_DECOR}"
            else:
                source = (
                    rf"{_DECOR}(?P<phrase>{body}){_PHRASE_END}"
                    rf"(?P<sep>{_SEPARATOR})?[ \t]*(?P<value>.*)"
                )
        else:
            source = body
        try:
            return re.compile(source, re.IGNORECASE | re.DOTALL)
        except re.error as exc:
            msg = f"rule {self.id!r}: bad pattern: {exc}"
            raise RuleFileError(msg) from exc


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
#: Gates built so far, by the identity of the rule tuple they serve (kept alive here,
#: so an id is not reused while its entry stands). A cleaner keeps its tuples.
_GATES: dict[int, tuple[tuple[Rule, ...], LineGate | None]] = {}
_GATES_MAX = 64
_GATES_LOCK = threading.Lock()


def line_gate(rules: tuple[Rule, ...]) -> LineGate | None:
    """A test that a line passes if any of the whole-line or prefix ``rules`` can take it.

    Most lines of a story match no rule; trying each rule's expression in turn costs
    a call per rule per line. The gate (:class:`LineGate`) rules a story line out in
    one or two match attempts, and only the lines that pass are tried rule by rule,
    in order, as before. It is a necessary condition only: a rule may still refuse
    a line that passes (a missing separator, a rest that does not read like a
    headline). ``None`` when the expressions cannot be combined (a user pattern
    with global flags); then every rule is tried.
    """
    entry = _GATES.get(id(rules))
    if entry is not None and entry[0] is rules:
        return entry[1]
    gate: LineGate | None
    try:
        gate = LineGate([rule for rule in rules if rule.match != "inline"])
    except re.error:
        gate = None
    with _GATES_LOCK:
        if len(_GATES) >= _GATES_MAX:
            _GATES.pop(next(iter(_GATES)))
        _GATES[id(rules)] = (rules, gate)
    return gate


class LineGate:
    r"""The rules' expressions as alternations, grouped by the letter a line must start with.

    A rule can only take a line whose first letter or digit (what comes before
    it is decoration, ``[\W_]*``) is one its match can start with: the first
    letter of one of its phrases, or of its pattern (read from the parse tree of
    the standard library's regular expression parser). So rules are grouped by
    that letter, and a line is tried, from its first letter on, against its own
    letter's group only. Which line letters a rule's letter matches is asked of
    the regular expression engine itself, under the case folding the rules use.
    Lines starting with a letter outside ASCII are tried against every grouped
    rule; rules that may start with a sign, a space or anything else, or whose
    pattern cannot be read, are tried on every line.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        general: list[str] = []
        self._keyed: dict[str, list[str]] = {}
        phrases: list[str] = []
        for rule in rules:
            branch = _NAMED_GROUP.sub("(?:", rule.regex.pattern)
            keys = _first_keys(rule)
            if keys is None or not branch.startswith(_DECOR):
                general.append(branch)
                continue
            # Matched from the line's first letter on, so the leading decoration
            # goes: each rule then fails at its first character.
            branch = branch[len(_DECOR) :]
            phrases.append(branch)
            for key in keys:
                self._keyed.setdefault(key, []).append(branch)
        self._general = _alternation(general)
        self._phrases = phrases
        self._compiled: dict[str | None, re.Pattern[str] | None] = {}
        # Compiled now, so a set that cannot be combined is known at once.
        self._for_key(None)

    def admits(self, text: str) -> bool:
        """Whether some rule may take ``text`` (if not, none can)."""
        if self._general is not None and self._general.fullmatch(text):
            return True
        first = _FIRST_ALNUM.search(text)
        if first is None:
            return False
        letter = first.group()
        gate = self._for_key(letter.lower() if letter.isascii() else None)
        return gate is not None and gate.fullmatch(text, first.start()) is not None

    def _for_key(self, key: str | None) -> re.Pattern[str] | None:
        """The phrase rules' alternation for lines starting with ``key`` (``None``: any)."""
        if key in self._compiled:
            return self._compiled[key]
        branches = self._phrases if key is None else self._keyed.get(key, [])
        gate = _alternation(branches)
        with _GATES_LOCK:
            self._compiled[key] = gate
        return gate


_FIRST_ALNUM = re.compile(r"[^\W_]")
_ASCII_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"


def _alternation(branches: Sequence[str]) -> re.Pattern[str] | None:
    if not branches:
        return None
    return re.compile("|".join(f"(?:{b})" for b in branches), re.IGNORECASE | re.DOTALL)


def _first_keys(rule: Rule) -> frozenset[str] | None:
    """The lower-case ASCII letters and digits a line may start with for ``rule`` to take it.

    "Start" is the line's first letter or digit. ``None`` when the rule may begin
    its match with anything else (a sign, a space, any character), or when its
    pattern is too intricate to tell: such rules are tried on every line.
    """
    if rule.pattern is None:
        return _phrase_keys(rule)
    try:
        tree = _sre_parser.parse(rule.pattern, re.IGNORECASE | re.DOTALL)
    except (re.error, AttributeError, TypeError, ValueError, RecursionError):
        return None
    first = _FirstLetters()
    nullable = first.of(list(tree))
    if nullable or first.anything:
        return None
    return frozenset(first.keys)


class _FirstLetters:
    """What a parsed pattern can start with: ASCII keys, or ``anything`` (not a letter or digit).

    Walks the parse tree of the standard library's own regular expression
    parser; an element it does not know counts as ``anything``, so a rule it
    cannot read is simply tried on every line.
    """

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.anything = False

    def of(self, items: list[Any]) -> bool:
        """Add the first characters of a sequence; whether it can match the empty string."""
        for op, arg in items:
            if not self._item(str(op), arg):
                return False
            if self.anything:
                return False
        return True

    def _item(self, op: str, arg: Any) -> bool:
        """Add one element's first characters; whether it can match the empty string."""
        nullable = False
        if op == "LITERAL":
            self._char(chr(arg))
        elif op == "IN":
            self._set(arg)
        elif op == "BRANCH":
            for alternative in arg[1]:  # every branch adds its letters
                nullable = self.of(list(alternative)) or nullable
        elif op == "SUBPATTERN":
            nullable = self.of(list(arg[-1]))
        elif op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, body = arg
            nullable = self.of(list(body)) or low == 0
        elif op in ("AT", "ASSERT", "ASSERT_NOT"):
            nullable = True  # zero-width: what follows decides
        else:
            self.anything = True
        return nullable

    def _char(self, ch: str) -> None:
        if ch.isalnum():
            self.keys |= _ascii_matches(ch)
        else:
            self.anything = True

    def _set(self, items: list[Any]) -> None:
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                self._char(chr(arg))
            elif name == "RANGE" and arg[1] - arg[0] <= _RANGE_LIMIT:
                for point in range(arg[0], arg[1] + 1):
                    self._char(chr(point))
            elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
                self.keys |= set("0123456789")
            else:
                self.anything = True


#: Character ranges wider than this in a rule's first position are not enumerated.
_RANGE_LIMIT = 2000


def _phrase_keys(rule: Rule) -> frozenset[str] | None:
    """:func:`_first_keys` of a phrase rule: its phrases' first letters."""
    keys: set[str] = set()
    for phrase in rule.phrases:
        # The first word as phrase_regex splits it: its first character leads the match.
        words = [w for w in _PHRASE_SPLIT.split(phrase) if w]
        if not words or not _FIRST_ALNUM.match(words[0]):
            return None
        keys |= _ascii_matches(words[0][0])
    return frozenset(keys)


@cache
def _ascii_matches(letter: str) -> frozenset[str]:
    """The ASCII letters and digits a line's ``letter`` can be, as the rules fold case."""
    single = re.compile(re.escape(letter), re.IGNORECASE)
    return frozenset(a for a in _ASCII_ALNUM if single.fullmatch(a) or single.fullmatch(a.upper()))


def _rules_tuple(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


@attrs.frozen
class RuleSet:
    """An ordered collection of rules plus the language data they use.

    ``months`` maps month names and abbreviations to numbers, ``time_units`` maps
    unit words of relative stamps to ``seconds|minutes|hours|days|weeks|months|years``
    and ``timezones`` maps zone abbreviations ("WIB") to UTC offsets in minutes;
    ``eras`` maps the names of eras that years are counted in ("令和") to the
    year their first year is (2019).
    """

    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_rules_tuple)
    months: Mapping[str, int] = attrs.field(factory=dict)
    time_units: Mapping[str, str] = attrs.field(factory=dict)
    timezones: Mapping[str, int] = attrs.field(factory=dict)
    eras: Mapping[str, int] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                msg = f"rule id {rule.id!r} appears twice; use merged() to override"
                raise RuleFileError(msg)
            seen.add(rule.id)

    @classmethod
    def bundled(cls, languages: Iterable[str] | None = None) -> RuleSet:
        """The rule packs shipped with newsclean (all, or those of ``languages``)."""
        wanted = None if languages is None else set(languages)
        result = cls()
        for name in bundled_packs():
            if name != "_common" and wanted is not None and name not in wanted:
                continue
            text = (
                resources.files("newsclean.rulepacks")
                .joinpath(f"{name}.toml")
                .read_text(encoding="utf-8")
            )
            result = result.merged(cls.from_toml(text, origin=f"bundled {name}.toml"))
        return result

    @classmethod
    def from_file(cls, path: str | Path) -> RuleSet:
        """Read a user rule pack from a TOML file."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            msg = f"cannot read rule file {path}: {exc}"
            raise RuleFileError(msg) from exc
        return cls.from_toml(text, origin=str(path))

    @classmethod
    def from_toml(cls, text: str, *, origin: str = "<string>") -> RuleSet:
        """Parse a rule pack from TOML text."""
        return cls.from_mapping(parse_toml(text, origin=origin), origin=origin)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, origin: str = "<mapping>") -> RuleSet:
        """Build a rule pack from already parsed data (the TOML structure)."""
        language = str(data.get("language", "common"))
        try:
            months = {str(k).lower(): int(n) for k, n in data.get("months", {}).items()}
            units = {str(k).lower(): str(u) for k, u in data.get("time_units", {}).items()}
            zones = {str(k).upper(): int(n) for k, n in data.get("timezones", {}).items()}
            eras = {str(k): int(n) for k, n in data.get("eras", {}).items()}
        except (AttributeError, TypeError, ValueError) as exc:
            msg = f"{origin}: bad language data: {exc}"
            raise RuleFileError(msg) from exc
        placeholders = _placeholders(data, origin)
        rules = []
        for index, raw in enumerate(data.get("rule", [])):
            if not isinstance(raw, Mapping):
                msg = f"{origin}: rule #{index + 1} is not a table"
                raise RuleFileError(msg)
            fields = dict(raw)
            fields.setdefault("language", language)
            where = fields.get("id", f"#{index + 1}")
            if isinstance(fields.get("pattern"), str):
                fields["pattern"] = _expand(
                    fields["pattern"], placeholders, f"{origin}: rule {where}"
                )
            try:
                rules.append(Rule(**fields))
            except RuleFileError as exc:
                msg = f"{origin}: {exc}"
                raise RuleFileError(msg) from exc
            except (TypeError, ValueError) as exc:
                detail = exc.args[0] if exc.args else exc
                msg = f"{origin}: rule {where}: {detail}"
                raise RuleFileError(msg) from exc
        return cls(rules=rules, months=months, time_units=units, timezones=zones, eras=eras)

    def merged(self, other: RuleSet) -> RuleSet:
        """This set with ``other`` added; a rule of ``other`` replaces one with its id."""
        replaced = {r.id: r for r in other.rules}
        rules = [replaced.pop(r.id, r) for r in self.rules]
        rules.extend(r for r in other.rules if r.id in replaced)
        return RuleSet(
            rules=rules,
            months={**self.months, **other.months},
            time_units={**self.time_units, **other.time_units},
            timezones={**self.timezones, **other.timezones},
            eras={**self.eras, **other.eras},
        )

    def without(self, ids: Iterable[str]) -> RuleSet:
        """This set with the rules of ``ids`` disabled."""
        off = set(ids)
        return attrs.evolve(
            self, rules=[attrs.evolve(r, enabled=False) if r.id in off else r for r in self.rules]
        )

    def active(self, languages: Iterable[str] | None, disabled: Iterable[str]) -> tuple[Rule, ...]:
        """The enabled rules for ``languages`` (``None``: all), less ``disabled`` ids."""
        wanted = None if languages is None else {*languages, "common"}
        off = set(disabled)
        return tuple(
            r
            for r in self.rules
            if r.enabled and r.id not in off and (wanted is None or r.language in wanted)
        )

    def to_toml(self, *, language: str | None = None, header: str = "") -> str:
        """This set in the rule file format; :meth:`from_toml` reads it back.

        ``language`` is written as the pack's language (default: the language
        shared by all rules, else ``"common"``); ``header`` becomes leading comments.
        """
        languages = {r.language for r in self.rules}
        if language is None:
            language = languages.pop() if len(languages) == 1 else "common"
        out = [f"# {line}".rstrip() for line in header.splitlines()]
        out.append(f"language = {_toml_str(language)}")
        for table, mapping in (
            ("months", self.months),
            ("time_units", self.time_units),
            ("timezones", self.timezones),
            ("eras", self.eras),
        ):
            if mapping:
                out.append(f"\n[{table}]")
                out.extend(f"{_toml_str(k)} = {_toml_value(val)}" for k, val in mapping.items())
        defaults = Rule(id="x.y", kind="other", reason="-", phrases=("x",))
        for rule in self.rules:
            out.append("\n[[rule]]")
            for field in attrs.fields(Rule):
                if not field.init or (field.name == "language" and rule.language == language):
                    continue
                value = getattr(rule, field.name)
                if field.name == "pattern" and value is not None:
                    # A rule's pattern is already expanded: any "<<x>>" left is text.
                    value = _literal_placeholders(value)
                always = field.name in ("id", "kind", "reason")
                if always or value != getattr(defaults, field.name):
                    out.append(f"{field.name} = {_toml_value(value)}")
        return "\n".join(out) + "\n"

    def get(self, rule_id: str) -> Rule:
        """The rule with ``rule_id``; :class:`KeyError` if there is none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def ids(self) -> tuple[str, ...]:
        """Every rule id, in order."""
        return tuple(r.id for r in self.rules)


def _toml_str(text: str) -> str:
    # A basic string with every character TOML requires escaped; works for regexes too.
    escaped = []
    for ch in text:
        if ch in ('"', "\\"):
            escaped.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            escaped.append(f"\\u{ord(ch):04x}")
        else:
            escaped.append(ch)
    return '"' + "".join(escaped) + '"'


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_str(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    msg = f"cannot write {type(value).__name__} to a rule file"
    raise RuleFileError(msg)


_PLACEHOLDER_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
#: A placeholder in a pattern: ``<<month>>``, ``<<unit>>``, ``<<lt>>`` or a ``[patterns]`` name.
_PLACEHOLDER = re.compile(f"<<({_PLACEHOLDER_NAME})>>")
#: Placeholders the loader fills itself; a ``[patterns]`` entry cannot take these names.
_BUILT_IN_PLACEHOLDERS = ("month", "unit", "lt")


def _placeholders(data: Mapping[str, Any], origin: str) -> dict[str, str]:
    """What each placeholder of the pack stands for, every one a ready regular expression.

    ``<<month>>`` and ``<<unit>>`` are alternations of the pack's own ``[months]`` and
    ``[time_units]`` words, ``<<lt>>`` is a literal ``<`` (so a pattern can hold the
    text ``<<name>>``), and each entry of the pack's ``[patterns]`` table is its
    sub-pattern, itself expanded and wrapped in a group so it acts as one unit where
    it is used. Names are local to the pack: a pack is complete on its own, whatever
    it is later merged with.
    """
    result = {"lt": "<"}
    for name, table in (("month", "months"), ("unit", "time_units")):
        words = sorted((str(k) for k in data.get(table, {})), key=lambda w: (-len(w), w))
        result[name] = "(?:" + "|".join(re.escape(w) for w in words) + ")" if words else "(?!)"
    named = data.get("patterns", {})
    if not isinstance(named, Mapping):
        msg = f"{origin}: 'patterns' must be a table of name = pattern"
        raise RuleFileError(msg)
    for name, pattern in named.items():
        if not re.fullmatch(_PLACEHOLDER_NAME, name):
            msg = f"{origin}: patterns.{name}: a name is letters, digits, '_' and '-'"
            raise RuleFileError(msg)
        if not isinstance(pattern, str):
            msg = f"{origin}: patterns.{name}: must be a pattern string"
            raise RuleFileError(msg)
        if name in _BUILT_IN_PLACEHOLDERS:
            msg = f"{origin}: patterns.{name}: <<{name}>> is built in and cannot be redefined"
            raise RuleFileError(msg)

    def resolve(name: str, chain: tuple[str, ...]) -> None:
        # Depth first, so a pattern may use names defined after it; a loop is an error.
        if name in chain:
            loop = " -> ".join(f"<<{n}>>" for n in (*chain[chain.index(name) :], name))
            msg = f"{origin}: patterns.{name}: refers to itself ({loop})"
            raise RuleFileError(msg)
        for inner in _PLACEHOLDER.findall(named[name]):
            if inner in named and inner not in result:
                resolve(inner, (*chain, name))
        where = f"{origin}: patterns.{name}"
        body = _expand(named[name], result, where)
        try:
            re.compile(body)
        except re.error as exc:
            msg = f"{where}: bad pattern: {exc}"
            raise RuleFileError(msg) from exc
        result[name] = f"(?:{body})"

    for name in named:
        if name not in result:
            resolve(name, ())
    return result


def _expand(pattern: str, placeholders: Mapping[str, str], where: str) -> str:
    """``pattern`` with each ``<<name>>`` replaced; an unknown name is a :class:`RuleFileError`."""

    def replace(found: re.Match[str]) -> str:
        name = found[1]
        if name in placeholders:
            return placeholders[name]
        known = ", ".join(f"<<{n}>>" for n in sorted(placeholders))
        msg = f"{where}: unknown placeholder <<{name}>> (known: {known}; add it under [patterns])"
        raise RuleFileError(msg)

    return _PLACEHOLDER.sub(replace, pattern)


def _literal_placeholders(pattern: str) -> str:
    """``pattern`` written so that loading it again expands nothing: ``<<x>>`` as ``<<lt>><x>>``."""
    return _PLACEHOLDER.sub(lambda found: "<<lt>>" + found[0][1:], pattern)


def load_site_packs(directory: str | Path) -> dict[str, RuleSet]:
    """Site packs from a folder of ``<domain>.toml`` files ("kompas.com.toml")."""
    folder = Path(directory)
    if not folder.is_dir():
        msg = f"site rule folder not found: {folder}"
        raise RuleFileError(msg)
    return {
        path.name.removesuffix(".toml").lower(): RuleSet.from_file(path)
        for path in sorted(folder.glob("*.toml"))
    }


def bundled_packs() -> tuple[str, ...]:
    """Names of the bundled rule packs (``_common`` first, then by language code)."""
    names = sorted(
        entry.name.removesuffix(".toml")
        for entry in resources.files("newsclean.rulepacks").iterdir()
        if entry.name.endswith(".toml")
    )
    return tuple(sorted(names, key=lambda n: (n != "_common", n)))
