"""Labelled cases: every rule removes its boilerplate and keeps the story text like it.

Cases live in ``tests/cases/<pack>.json``, written by hand: ``input`` is a short
article (story sentences around the line under test), ``expect`` is ``"removed"``
(the trail must name exactly ``expected_rules``) or ``"kept"`` (nothing removed,
every line in the body). ``rule`` names the rule a case is about.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean.passes import STRUCTURAL_RULES
from newsclean.rules import RuleSet

CASES_DIR = Path(__file__).parent / "cases"
CLEANER = newsclean.Cleaner(newsclean.Options(detect_language=False))


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            cases.append({**case, "file": path.name})
    return cases


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['file']}:{c['label']}")
def test_case(case: dict[str, Any]) -> None:
    article = CLEANER.clean_text(case["input"])
    rules = [r.rule for r in article.removed]
    if case["expect"] == "removed":
        assert rules == case["expected_rules"], case["comment"]
    else:
        assert case["expect"] == "kept"
        assert rules == [], case["comment"]
        lines = [line for line in case["input"].splitlines() if line.strip()]
        assert len(article.paragraphs) <= len(lines)
        assert sum(len(p.lines) for p in article.paragraphs) == len(lines)


def test_every_rule_has_positive_and_negative_cases() -> None:
    """Each bundled data rule has both kinds of case (structural ones: test_passes.py)."""
    positive = {c["rule"] for c in CASES if c["expect"] == "removed"}
    negative = {c["rule"] for c in CASES if c["expect"] == "kept"}
    ids = set(RuleSet.bundled().ids())
    assert ids - positive == set()
    assert ids - negative == set()
    assert not (positive | negative) - ids - set(STRUCTURAL_RULES)
