"""Griffe extension: render newsclean's reST-flavoured docstrings as Markdown.

The docstrings are written to read well in ``help()`` and to run as doctests, so
they use a few reStructuredText habits. mkdocstrings renders docstrings as
Markdown, where those habits come out wrong: ``>>>`` becomes a nested quote and
``:class:`Cleaner``` shows its role name. This extension rewrites each docstring's
text before it is parsed, and changes nothing in the source:

- ``:role:`target``` (``:class:``, ``:meth:``, ...) becomes a code span of the
  target as written (only its last name after ``~``, as Sphinx shows it);
- a run of doctest lines (``>>>`` at the start of a line, with its ``...``
  continuations and expected output) becomes a fenced ``pycon`` block;
- a paragraph ending in ``::`` ends in ``:`` (the indented block after it is a
  Markdown code block already).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|data|attr|exc|obj|const):`([^`]+)`")
_LITERAL_END = re.compile(r"(?<=\S)::$")


def _role(match: re.Match[str]) -> str:
    target = match.group(1)
    if "<" in target and target.endswith(">"):  # :class:`text <target>`: show the text
        return f"`{target.split('<', 1)[0].strip()}`"
    if target.startswith("~"):  # Sphinx: show only the last name
        target = target.rsplit(".", 1)[-1]
    return f"`{target.lstrip('~!')}`"


def rest_to_markdown(text: str) -> str:
    """The docstring ``text`` with roles, doctests and ``::`` made Markdown."""
    out: list[str] = []
    lines = _ROLE.sub(_role, text).split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith(">>>"):
            block = []
            while index < len(lines) and lines[index].strip():
                block.append(lines[index])
                index += 1
            if out and out[-1].strip():
                out.append("")
            out.extend(["```pycon", *block, "```", ""])
            continue
        out.append(_LITERAL_END.sub(":", line))
        index += 1
    return "\n".join(out)


class RestToMarkdown(griffe.Extension):
    """Rewrite docstrings as soon as griffe creates each object."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Convert ``obj``'s docstring in place (before it is parsed)."""
        if obj.docstring is not None:
            obj.docstring.value = rest_to_markdown(obj.docstring.value)
