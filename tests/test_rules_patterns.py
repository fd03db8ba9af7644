"""Named sub-patterns: a pack's ``[patterns]`` table and the ``<<name>>`` placeholders."""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.passes import match_line_rule
from newsclean.rules import Rule, RuleSet

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PACK = """
language = "xx"

[months]
janvember = 1
jan = 1

[patterns]
stamp = '''(?:<<weekday>>,?\\s+)?(?P<value><<date>>)'''
date = '''\\d{1,2}\\s+<<month>>\\s+\\d{4}'''
weekday = '''monday|tuesday'''

[[rule]]
id = "xx.date-stamp"
kind = "timestamp"
field = "published"
reason = "A date alone"
pattern = '''<<stamp>>'''

[[rule]]
id = "xx.date-stamp-labelled"
kind = "timestamp"
field = "published"
reason = "A date with its label"
pattern = '''posted\\s*:?\\s*<<stamp>>'''
"""


def _rule(text: str, rule_id: str) -> Rule:
    return RuleSet.from_toml(text, origin="test.toml").get(rule_id)


def _takes(rule: Rule, line: str) -> str | None:
    """The value ``rule`` captures from ``line`` standing alone, or ``None``."""
    matched, value = match_line_rule(rule, line)
    return value if matched else None


def test_named_patterns_expand_in_rules_and_in_each_other() -> None:
    """A rule uses a named pattern, which uses other names and the pack's months."""
    for rule_id, line in (
        ("xx.date-stamp", "Tuesday, 3 Janvember 2024"),
        ("xx.date-stamp-labelled", "Posted: 3 jan 2024"),
    ):
        rule = _rule(PACK, rule_id)
        assert "<<" not in (rule.pattern or "")
        assert _takes(rule, line) == line.split(", ")[-1].removeprefix("Posted: ")
    assert _takes(_rule(PACK, "xx.date-stamp"), "3 Janvember 2024 the council met") is None


def test_a_named_pattern_acts_as_one_unit() -> None:
    """An alternation in a named pattern stays whole where it is used (it is grouped)."""
    text = PACK.replace("pattern = '''<<stamp>>'''", "pattern = '''<<weekday>>!'''")
    rule = _rule(text, "xx.date-stamp")
    assert _takes(rule, "monday!") is None  # matched, but there is no value group
    assert match_line_rule(rule, "monday!")[0]
    assert not match_line_rule(rule, "monday")[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("<<stamp>>'''\n\n[[rule]]", "<<stamp>><<daet>>'''\n\n[[rule]]"),
            r"rule xx\.date-stamp: unknown placeholder <<daet>>",
        ),
        (("<<month>>\\s", "<<months>>\\s"), r"patterns\.date: unknown placeholder <<months>>"),
        (
            ("weekday = '''monday", "weekday = '''<<stamp>>|monday"),
            r"refers to itself \(<<stamp>> -> <<weekday>> -> <<stamp>>\)",
        ),
        (
            ("weekday = '''monday", "weekday = '''<<weekday>>|monday"),
            r"patterns\.weekday: refers to itself",
        ),
        (("weekday = '''monday|tuesday'''", "month = '''may'''"), r"<<month>> is built in"),
        (
            ("weekday = '''monday|tuesday'''", "weekday = 3"),
            r"patterns\.weekday: must be a pattern string",
        ),
        (("weekday = '''monday|tuesday'''", "'week day' = 'x'"), r"patterns\.week day: a name is"),
        (
            ("weekday = '''monday|tuesday'''", "weekday = '''(monday'''"),
            r"patterns\.weekday: bad pattern",
        ),
    ],
)
def test_bad_named_patterns_raise_rule_file_error(change: tuple[str, str], message: str) -> None:
    """Unknown names, loops, reserved or malformed entries are refused with the place named."""
    old, new = change
    assert old in PACK
    with pytest.raises(newsclean.RuleFileError, match=message):
        RuleSet.from_toml(PACK.replace(old, new, 1), origin="test.toml")


def test_patterns_must_be_a_table() -> None:
    with pytest.raises(newsclean.RuleFileError, match="'patterns' must be a table"):
        RuleSet.from_toml('patterns = "date"\n', origin="test.toml")
    with pytest.raises(newsclean.RuleFileError, match="bad language data"):
        RuleSet.from_toml("months = 3\n", origin="test.toml")


def test_unknown_placeholder_message_lists_the_known_ones() -> None:
    bad = '[[rule]]\nid = "x.y"\nkind = "ad"\nreason = "r"\npattern = "<<date>>"\n'
    with pytest.raises(newsclean.RuleFileError) as caught:
        RuleSet.from_toml(bad, origin="mine.toml")
    assert str(caught.value) == (
        "mine.toml: rule x.y: unknown placeholder <<date>> "
        "(known: <<lt>>, <<month>>, <<unit>>; add it under [patterns])"
    )


def test_text_that_looks_like_a_placeholder_can_be_matched() -> None:
    """``<\\<name>>`` (a regex escape) or ``<<lt>>`` matches the text ``<<name>>``."""
    for written in (r"<\<prev>>", "<<lt>><prev>>"):
        rule = _rule(
            f"[[rule]]\nid = 'x.y'\nkind = 'nav'\nreason = 'r'\npattern = '{written}'\n", "x.y"
        )
        assert match_line_rule(rule, "<<prev>>")[0]


_USER_RULE = """
[[rule]]
id = "pl.date-stamp"
kind = "timestamp"
field = "published"
position = "edge"
reason = "ISO dates only on this site"
pattern = '''(?P<value><<date>>)'''
"""


def test_a_user_pack_overrides_a_rule_with_its_own_named_pattern(tmp_path: Path) -> None:
    """A user pack's ``date`` serves its rule; the bundled rules keep the bundled ``date``."""
    mine = tmp_path / "mine.toml"
    mine.write_text(
        f"language = 'pl'\n[patterns]\ndate = '\\d{{4}}-\\d{{2}}-\\d{{2}}'\n{_USER_RULE}",
        encoding="utf-8",
    )
    bundled = RuleSet.bundled(["pl"])
    rules = bundled.merged(RuleSet.from_file(mine))
    assert rules.ids() == bundled.ids()
    assert _takes(rules.get("pl.date-stamp"), "2021-04-22") == "2021-04-22"
    assert _takes(rules.get("pl.date-stamp"), "22 kwietnia 2021") is None
    labelled = rules.get("pl.date-stamp-labelled")
    assert labelled == bundled.get("pl.date-stamp-labelled")
    assert _takes(labelled, "Publikacja: 22 kwietnia 2021") == "22 kwietnia 2021"


def test_names_are_local_to_their_pack(tmp_path: Path) -> None:
    """A user pack does not see the names of the bundled pack it is merged with."""
    mine = tmp_path / "mine.toml"
    mine.write_text(f"language = 'pl'\n{_USER_RULE}", encoding="utf-8")
    with pytest.raises(newsclean.RuleFileError, match=r"mine\.toml: rule pl\.date-stamp: unknown"):
        RuleSet.from_file(mine)


def _written(language: str) -> dict[str, str]:
    text = resources.files("newsclean.rulepacks").joinpath(f"{language}.toml").read_text("utf-8")
    return {r["id"]: r["pattern"] for r in tomllib.loads(text)["rule"] if "pattern" in r}


@pytest.mark.parametrize(("language", "label"), [("pl", "Publikacja: "), ("it", "Pubblicato il ")])
def test_date_rules_of_a_pack_share_one_date(language: str, label: str) -> None:
    """pl/it write their date once: each bare date example, labelled, gives the same value."""
    written = _written(language)
    bare, labelled = (f"{language}.date-stamp", f"{language}.date-stamp-labelled")
    assert "<<date>>" in written[bare]
    assert "<<date>>" in written[labelled]
    rules = RuleSet.bundled([language])
    for example in rules.get(bare).examples:
        value = _takes(rules.get(bare), example)
        assert value
        assert _takes(rules.get(labelled), label + example) == value, example


# Pieces that often join into "<<name>>", "<<lt>>" or near misses ("<<<a>>", "<<a >>").
_LITERAL = st.lists(
    st.sampled_from(["<", "<<", ">", ">>", "a", "lt", "month", "_", " ", "\\", "("]),
    min_size=1,
    max_size=12,
).map("".join)


@given(st.lists(_LITERAL, min_size=1, max_size=3))
def test_written_packs_read_back_whatever_text_their_patterns_hold(texts: list[str]) -> None:
    """A rule's pattern holding ``<<a>>`` as text is written so it reads back the same."""
    rules = []
    for index, text in enumerate(texts):
        rules.append(Rule(id=f"t.r{index}", kind="other", reason="r", pattern=re.escape(text)))
    pack = RuleSet(rules=rules)
    assert RuleSet.from_toml(pack.to_toml()) == pack


def test_a_literal_placeholder_round_trips() -> None:
    pack = RuleSet(rules=[Rule(id="t.r", kind="nav", reason="r", pattern="<<<month>>>|<<lt>>")])
    assert 'pattern = "<<<lt>><month>>>|<<lt>><lt>>"' in pack.to_toml()
    assert RuleSet.from_toml(pack.to_toml()) == pack
