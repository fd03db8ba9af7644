"""MkDocs hook: write the rule reference page from the bundled rule packs.

The page ``reference/rules.md`` is generated at build time, never stored, so it
always lists exactly the rules that ship: every rule id with its pack, kind,
match mode, position, field, reason, phrases or pattern, examples and
counterexamples, plus the ids the code-based passes record. ``render()`` builds
the Markdown and is also called by the test suite.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

_REPO = Path(__file__).resolve().parents[2]
PAGE = "reference/rules.md"

if (_REPO / "src" / "newsclean").is_dir() and "newsclean" not in sys.modules:
    # Document this tree's packs, not those of some other installed copy.
    sys.path.insert(0, str(_REPO / "src"))


def _code(text: str) -> str:
    """``text`` as an inline code span, whatever backticks it holds."""
    text = text.replace("\n", "\u23ce")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _block(text: str) -> list[str]:
    """``text`` as a fenced code block, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    return [f"{fence}text", text, fence]


def anchor(rule_id: str) -> str:
    """The HTML id of a rule's section: ``en.read-more`` gives ``rule-en-read-more``."""
    return "rule-" + re.sub(r"[^a-z0-9-]+", "-", rule_id.lower()).strip("-")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows)
    return lines


def _rule_section(rule: Any, written: dict[str, str]) -> list[str]:
    facts = [
        f"**pack** `{rule.language}`",
        f"**kind** `{rule.kind}`",
        f"**match** `{rule.match}`",
        f"**position** `{rule.position}`",
        f"**field** `{rule.field}`" if rule.field else "**field** none",
    ]
    if rule.field == "media":
        facts.append(f"**media kind** `{rule.media_kind}`")
    if rule.match == "prefix":
        facts.extend([f"**separator** `{rule.separator}`", f"**rest** `{rule.rest}`"])
    if not rule.enabled:
        facts.append("**disabled**")
    out = [f"### {rule.id} {{ #{anchor(rule.id)} }}", "", " · ".join(facts), "", rule.reason, ""]
    if rule.phrases:
        out.append("**Phrases:** " + ", ".join(_code(p) for p in rule.phrases))
        out.append("")
    else:
        out.extend(["**Pattern:**", "", *_block(written.get(rule.id, rule.pattern or "")), ""])
    for title, items in (("Examples", rule.examples), ("Counterexamples", rule.counterexamples)):
        if items:
            out.extend([f"**{title}** ({'removed' if title == 'Examples' else 'kept'}):", ""])
            out.extend(f"- {_code(item)}" for item in items)
            out.append("")
    return out


def _pack(name: str) -> Any:
    """One bundled pack as its file states it (without the other packs)."""
    from newsclean.rules import RuleSet

    return RuleSet.from_toml(_pack_text(name), origin=f"bundled {name}.toml")


def _pack_text(name: str) -> str:
    from importlib import resources

    return resources.files("newsclean.rulepacks").joinpath(f"{name}.toml").read_text("utf-8")


@cache
def _pack_data(name: str) -> dict[str, Any]:
    """The pack file's table, parsed once for the patterns and the named patterns."""
    from newsclean.toml import parse_toml

    return parse_toml(_pack_text(name), origin=f"bundled {name}.toml")


def written_patterns(name: str) -> dict[str, str]:
    """Each rule's ``pattern`` as the pack file writes it (``<<month>>`` unexpanded)."""
    return {r["id"]: r["pattern"] for r in _pack_data(name).get("rule", []) if "pattern" in r}


def named_patterns(name: str) -> dict[str, str]:
    """The pack's ``[patterns]`` table: the sub-patterns its rules use as ``<<name>>``."""
    table = _pack_data(name).get("patterns", {})
    return {str(key): str(value) for key, value in table.items()}


def render() -> str:
    """The Markdown of the rule reference page."""
    import newsclean
    from newsclean.passes import STRUCTURAL_RULES
    from newsclean.rules import bundled_packs

    packs = {name: _pack(name) for name in bundled_packs()}
    total = sum(len(pack.rules) for pack in packs.values())
    out = [
        "# Rule reference",
        "",
        f"Every rule bundled with newsclean {newsclean.__version__}: {total} data rules in "
        f"{len(packs)} packs, and {len(STRUCTURAL_RULES)} rules of the code-based passes. "
        "This page is generated from the rule packs when the documentation is built. "
        "The format, and how to override or disable a rule by its id, are in "
        "[Rules and rule packs](../rules.md).",
        "",
        "Examples are lines the rule removes when alone; counterexamples are story "
        "lines it must keep. The test suite checks both for every rule. Patterns are "
        "shown as the pack writes them: `<<month>>` and `<<unit>>` stand for the "
        "pack's month and time-unit words, any other `<<name>>` for the pattern of "
        "that name in the pack's own table of named patterns, listed before its rules.",
        "",
        "## Code-based rules",
        "",
        "Recorded by the passes in `newsclean.passes`; disable them by id like any rule.",
        "",
        *_table(["rule", "reason"], [[f"`{k}`", v] for k, v in STRUCTURAL_RULES.items()]),
        "",
    ]
    for name, pack in packs.items():
        label = "language-free" if name == "_common" else f"language `{name}`"
        out.extend([f"## Pack {name}.toml", "", f"{len(pack.rules)} rules, {label}."])
        for title, mapping in (
            ("month words", pack.months),
            ("time-unit words", pack.time_units),
            ("time zones", pack.timezones),
        ):
            if mapping:
                words = ", ".join(_code(str(word)) for word in mapping)
                out.append(f"It holds {len(mapping)} {title}: {words}.")
        out.append("")
        for pattern_name, value in named_patterns(name).items():
            out.extend([f"Named pattern `<<{pattern_name}>>`:", "", *_block(value), ""])
        rows = [
            [f"[`{r.id}`](#{anchor(r.id)})", r.kind, r.match, r.position, r.field or ""]
            for r in pack.rules
        ]
        out.extend([*_table(["rule", "kind", "match", "position", "field"], rows), ""])
        written = written_patterns(name)
        for rule in pack.rules:
            out.extend(_rule_section(rule, written))
    return "\n".join(out).rstrip() + "\n"


def on_files(files: Any, config: Any) -> Any:
    """Add the generated page to the site's files (MkDocs event)."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, PAGE, content=render()))
    return files
