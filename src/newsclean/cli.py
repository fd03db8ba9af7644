"""The ``newsclean`` command line.

``newsclean clean PATH|-`` prints the cleaned article as JSON; ``--format text``
prints the clean text; ``--explain`` prints what was removed and why.
``newsclean batch INPUT... -o OUT.jsonl`` cleans many records (see ``batch_cli.py``).
Exit status: 0 on success, 2 for usage errors and unreadable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from newsclean.api import Cleaner
from newsclean.article import Article
from newsclean.errors import NewscleanError, ReadError
from newsclean.options import Options
from newsclean.rules import RuleSet

EXIT_OK = 0
EXIT_ERROR = 2


def _read_input(path: str) -> str:
    """The text of ``path`` (``-`` is standard input), decoded as UTF-8."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror or exc}"
        raise ReadError(msg) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"cannot read {path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise ReadError(msg) from exc


def _parse_datetime(value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        msg = f"not an ISO 8601 datetime: {value!r}"
        raise argparse.ArgumentTypeError(msg) from exc
    if parsed.tzinfo is None:
        msg = f"give a timezone, e.g. {value}+00:00"
        raise argparse.ArgumentTypeError(msg)
    return parsed


def _explain(article: Article) -> str:
    lines = [f"title: {article.title!r}", f"language: {article.language.code}"]
    lines.append(f"kept {len(article.paragraphs)} paragraphs; removed {len(article.removed)}:")
    for removal in article.removed:
        where = f"line {removal.line}" if removal.line is not None else (removal.path or "?")
        part = " (part of line)" if removal.partial else ""
        into = f" -> {removal.field}" if removal.field else ""
        lines.append(f"  {where}{part}: [{removal.rule}]{into} {removal.text!r}")
        lines.append(f"      {removal.reason}")
    return "\n".join(lines)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean scraped news text into structured, language-tagged articles.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    clean = commands.add_parser("clean", help="clean one article and print it")
    clean.add_argument("path", help="a UTF-8 text file, or - for standard input")
    clean.add_argument(
        "--format", choices=("json", "text"), default="json", help="output (default: json)"
    )
    clean.add_argument(
        "--explain", action="store_true", help="print what was removed and why, not the article"
    )
    clean.add_argument("--url", help="the page's address, recorded on the article")
    clean.add_argument(
        "--fetched-at",
        type=_parse_datetime,
        help="when the page was fetched (ISO 8601 with zone); resolves '3 weeks ago'",
    )
    clean.add_argument("--title", help="the headline, if the scraper has it")
    clean.add_argument(
        "--rules", action="append", default=[], metavar="FILE", help="extra rule pack (TOML)"
    )
    clean.add_argument(
        "--disable", action="append", default=[], metavar="RULE_ID", help="switch a rule off"
    )
    clean.add_argument(
        "--language",
        action="append",
        dest="languages",
        metavar="CODE",
        help="run only this language's rule pack (repeatable)",
    )
    clean.add_argument("--no-language", action="store_true", help="skip language detection")
    clean.add_argument("--indent", type=int, default=2, help="JSON indent (default: 2)")
    from newsclean.batch_cli import add_parser as add_batch_parser

    add_batch_parser(commands)
    return parser


def _cleaner(args: argparse.Namespace) -> Cleaner:
    rules = RuleSet.bundled()
    for path in args.rules:
        rules = rules.merged(RuleSet.from_file(path))
    options = attrs.evolve(
        Options(),
        languages=args.languages,
        disabled_rules=frozenset(args.disable),
        detect_language=not args.no_language,
    )
    return Cleaner(options=options, rules=rules)


def _write(stream: TextIO, text: str) -> None:
    stream.write(text)
    if not text.endswith("\n"):
        stream.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command == "batch":
        from newsclean.batch_cli import run as run_batch

        return run_batch(args, build_cleaner=_cleaner)
    try:
        cleaner = _cleaner(args)
        text = _read_input(args.path)
        article = cleaner.clean_text(
            text, url=args.url, fetched_at=args.fetched_at, title=args.title
        )
    except NewscleanError as exc:
        print(f"newsclean: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.explain:
        _write(sys.stdout, _explain(article))
    elif args.format == "text":
        _write(sys.stdout, article.text)
    else:
        _write(sys.stdout, article.to_json(indent=args.indent if args.indent >= 0 else None))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
