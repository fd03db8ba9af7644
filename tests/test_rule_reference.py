"""The generated rule reference lists every bundled rule with its data."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from newsclean.passes import STRUCTURAL_RULES
from newsclean.rules import RuleSet, bundled_packs
from tests.conftest import REPO, load_module

HOOK = REPO / "docs" / "hooks" / "rule_reference.py"


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    return load_module("rule_reference", HOOK)


@pytest.fixture(scope="module")
def page(hook: ModuleType) -> str:
    text: str = hook.render()
    return text


def test_every_rule_has_a_section_with_its_data(hook: ModuleType, page: str) -> None:
    rules = RuleSet.bundled().rules
    assert len(rules) > 100
    written = {}
    for name in bundled_packs():
        written.update(hook.written_patterns(name))
    for rule in rules:
        heading = f"### {rule.id} {{ #{hook.anchor(rule.id)} }}"
        assert heading in page, rule.id
        section = page.split(heading, 1)[1].split("\n### ", 1)[0]
        assert f"**kind** `{rule.kind}`" in section
        assert f"**match** `{rule.match}`" in section
        assert f"**position** `{rule.position}`" in section
        assert rule.reason in section
        for text in (*rule.phrases, *rule.examples, *rule.counterexamples):
            assert text.replace("\n", "\u23ce") in section, (rule.id, text)
        if rule.pattern:
            assert written[rule.id] in section


def test_code_based_rules_are_listed(page: str) -> None:
    for rule_id, reason in STRUCTURAL_RULES.items():
        assert f"| `{rule_id}` | {reason.replace('|', chr(92) + '|')} |" in page


def test_anchors_are_unique_and_linked(hook: ModuleType, page: str) -> None:
    anchors = re.findall(r"\{ #([^ }]+) \}", page)
    assert len(anchors) == len(set(anchors))
    assert set(re.findall(r"\]\(#([^)]+)\)", page)) == set(anchors)


def test_code_spans_hold_any_backticks(hook: ModuleType) -> None:
    assert hook._code("a`b") == "``a`b``"
    assert hook._code("`x") == "`` `x ``"
    assert hook._code("plain") == "`plain`"
