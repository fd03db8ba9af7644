"""The Python examples in the README and the docs run, as written.

Every fenced ``python`` block of ``README.md`` and ``docs/**/*.md`` is executed. The
blocks of one page run in order in one namespace (a page reads like a tutorial),
with the working directory set to a scratch folder that has the repository's
``seeds/``. Markers, as an HTML comment on the line before a block:

- ``<!-- skip-example -->``: do not run this block (it needs outside data);
- ``<!-- example-file: NAME -->``: write this block's text to ``NAME`` in the
  scratch folder (a rule file the next example reads, say).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import attrs
import pytest

from tests.conftest import REPO

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\s`]*)[^`]*$")
_MARKER = re.compile(r"^\s*<!--\s*(?P<name>skip-example|example-file:\s*(?P<file>\S+))\s*-->\s*$")
PAGES = sorted(
    [REPO / "README.md", *(REPO / "docs").rglob("*.md")] if (REPO / "docs").is_dir() else []
)


@attrs.frozen
class Block:
    """One fenced block: its language, text, first line number and marker."""

    lang: str
    code: str
    line: int
    skip: bool = False
    file: str | None = None


def fenced_blocks(markdown: str) -> list[Block]:
    """The fenced code blocks of ``markdown``, with the marker before each."""
    lines = markdown.splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        body: list[str] = []
        end = index + 1
        while end < len(lines):
            closing = _FENCE.match(lines[end])
            if closing and closing["fence"].startswith(fence) and not closing["info"]:
                break
            body.append(lines[end][indent:] if lines[end][:indent].isspace() else lines[end])
            end += 1
        previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
        marker = _MARKER.match(previous)
        blocks.append(
            Block(
                lang=opening["info"].lower(),
                code="\n".join(body) + "\n",
                line=index + 2,
                skip=bool(marker and marker["name"] == "skip-example"),
                file=marker["file"] if marker else None,
            )
        )
        index = end + 1
    return blocks


def test_fenced_blocks_reads_languages_markers_and_line_numbers() -> None:
    text = (
        "Intro\n\n```python\nx = 1\n```\n\n<!-- skip-example -->\n```python\nremote()\n```\n"
        "<!-- example-file: a.toml -->\n~~~toml\nk = 1\n~~~\n"
        "- item\n\n    ```py\n    y = 2\n    ```\n"
    )
    blocks = fenced_blocks(text)
    assert [(b.lang, b.code, b.line, b.skip, b.file) for b in blocks] == [
        ("python", "x = 1\n", 4, False, None),
        ("python", "remote()\n", 9, True, None),
        ("toml", "k = 1\n", 13, False, "a.toml"),
        ("py", "y = 2\n", 18, False, None),
    ]


def test_every_page_is_found_and_examples_exist() -> None:
    names = {p.relative_to(REPO).as_posix() for p in PAGES}
    assert {"README.md", "docs/quickstart.md", "docs/rules.md"} <= names
    runnable = [b for p in PAGES for b in fenced_blocks(p.read_text("utf-8")) if _runs(b)]
    assert len(runnable) >= 15


def _runs(block: Block) -> bool:
    return block.lang in ("python", "py") and not block.skip


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_page_examples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs_example__"}
    name = page.relative_to(REPO).as_posix()
    for block in fenced_blocks(page.read_text(encoding="utf-8")):
        if block.file:
            (tmp_path / block.file).write_text(block.code, encoding="utf-8")
        if not _runs(block):
            continue
        # Pad so that tracebacks point at the line in the Markdown file.
        code = compile("\n" * (block.line - 1) + block.code, name, "exec")
        exec(code, namespace)
    capsys.readouterr()
