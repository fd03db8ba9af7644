"""The docs build's Griffe extension turns reST habits into Markdown, and only those."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.conftest import REPO, load_module

HOOK = REPO / "docs" / "hooks" / "griffe_rest.py"


@pytest.fixture(scope="module")
def rest() -> ModuleType:
    pytest.importorskip("griffe")  # the docs extra
    return load_module("griffe_rest", HOOK)


def test_roles_become_code_spans(rest: ModuleType) -> None:
    text = "See :class:`~newsclean.Cleaner` and :meth:`RuleSet.to_toml`, :py:func:`x`."
    assert rest.rest_to_markdown(text) == "See `Cleaner` and `RuleSet.to_toml`, `x`."


def test_doctests_become_fenced_pycon_blocks(rest: ModuleType) -> None:
    text = "Intro.\n>>> 1 + 1\n2\n>>> f(\n...     x)\n\nAfter."
    assert rest.rest_to_markdown(text) == (
        "Intro.\n\n```pycon\n>>> 1 + 1\n2\n>>> f(\n...     x)\n```\n\n\nAfter."
    )


def test_literal_block_markers_lose_one_colon(rest: ModuleType) -> None:
    text = "Use it like this::\n\n    code()\n\nA ratio 1::2 stays."
    assert rest.rest_to_markdown(text) == "Use it like this:\n\n    code()\n\nA ratio 1::2 stays."


def test_plain_markdown_is_left_alone(rest: ModuleType) -> None:
    text = "A `code` span, a **bold** word,\n\n    indented code >>> not a doctest\n"
    assert rest.rest_to_markdown(text) == text
