"""Labelled cases and the rule packs' own examples, checked through the public API.

``tests/cases/<lang>.json`` holds hand-written cases: a short story (written for
these tests) with one boilerplate line in it that must end in ``Article.removed``
under the expected rule, or a story sentence using the same words that must stay
in the body. Every rule of a pack with a case file has both kinds of case.

Separately, every rule of every bundled pack documents itself: each of its
``examples`` is matched by it as a line alone, and none of its
``counterexamples`` is.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean.passes import match_line_rule
from newsclean.rules import Rule, RuleSet, bundled_packs

CASES_DIR = Path(__file__).parent / "cases"
#: Relative stamps in the cases are resolved against this moment.
FETCHED_AT = dt.datetime(2024, 11, 14, 12, 0, tzinfo=dt.timezone.utc)
CASE_KEYS = {"label", "comment", "lang", "input", "expected_rules", "expect"}
OPTIONAL_KEYS = {"published"}


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            case["file"] = path.name
            cases.append(case)
    return cases


CASES = _load_cases()
BUNDLED = RuleSet.bundled()


def _rule_matches(rule: Rule, line: str) -> bool:
    """Whether ``rule`` takes ``line`` standing alone (position not considered)."""
    if rule.match == "inline":
        return rule.regex.search(line) is not None
    return match_line_rule(rule, line)[0]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c['label']}" for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    """A boilerplate line is removed by the expected rule; a story sentence stays."""
    assert CASE_KEYS <= case.keys() <= CASE_KEYS | OPTIONAL_KEYS | {"file"}, case["label"]
    article = newsclean.clean_text(case["input"], fetched_at=FETCHED_AT)
    lines = case["input"].split("\n")
    whole = {n: r.rule for r in article.removed if not r.partial for n in r.lines}
    cut = {r.line for r in article.removed if r.partial}
    kept = {n for p in article.paragraphs for n in p.lines}
    body = article.text
    for number, line in enumerate(lines, start=1):
        assert number in whole or number in kept, f"story line {number} lost: {line!r}"
        if number in kept and number not in cut:
            assert line.strip() in body, f"story line {number} changed: {line!r}"
    if case["expect"] == "removed":
        assert {r.rule for r in article.removed} == set(case["expected_rules"]), article.removed
    else:
        assert case["expect"] == "kept"
        assert article.removed == (), article.removed
    if "published" in case:
        assert article.published is not None
        assert article.published.isoformat() == case["published"]


def _pack_rules(language: str) -> list[Rule]:
    return [r for r in BUNDLED.rules if r.language == language]


@pytest.mark.parametrize("language", sorted(p.stem for p in CASES_DIR.glob("*.json")))
def test_every_rule_of_a_pack_has_positive_and_negative_cases(language: str) -> None:
    """Each rule of a pack with a case file is shown removing a line and keeping one."""
    removed = {r for c in CASES if c["expect"] == "removed" for r in c["expected_rules"]}
    kept = {r for c in CASES if c["expect"] == "kept" for r in c["expected_rules"]}
    rules = {r.id for r in _pack_rules(language)}
    assert rules, f"no bundled pack for {language}"
    assert rules - removed == set(), "rules without a positive case"
    assert rules - kept == set(), "rules without a negative case"


def test_case_rules_exist() -> None:
    """Cases name real rule ids, so a renamed rule cannot leave a case testing nothing."""
    ids = set(BUNDLED.ids())
    named = {r for c in CASES for r in c["expected_rules"]}
    assert named - ids == set()


RULES = list(BUNDLED.rules)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: Rule) -> None:
    """A rule matches each of its examples and none of its counterexamples."""
    for example in rule.examples:
        assert _rule_matches(rule, example), f"{rule.id} misses its example {example!r}"
    for counter in rule.counterexamples:
        assert not _rule_matches(rule, counter), f"{rule.id} matches {counter!r}"


@pytest.mark.parametrize("language", ["de", "fr", "es", "pt", "ms", "pl", "it", "ja", "zh", "ru"])
def test_new_packs_document_every_rule(language: str) -> None:
    """Every rule of these packs carries at least one example and one counterexample."""
    assert language in bundled_packs()
    for rule in _pack_rules(language):
        assert rule.examples, rule.id
        assert rule.counterexamples, rule.id
        assert rule.id.startswith(f"{language}.")
