"""The ``newsclean`` command line.

``newsclean clean PATH|-`` prints the cleaned article as JSON; ``--format text``
prints the clean text; ``--explain`` prints what was removed and why.
``newsclean batch INPUT... -o OUT.jsonl`` cleans many records (see ``batch_cli.py``).
Exit status: 0 on success, 2 for usage errors and unreadable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from newsclean import __version__
from newsclean.api import Cleaner
from newsclean.article import Article
from newsclean.errors import NewscleanError, ReadError
from newsclean.options import Options
from newsclean.rules import RuleSet, load_site_packs

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
        if removal.count > 1:
            where = f"lines {removal.line}-{removal.lines[-1]}"
        part = " (part of line)" if removal.partial else ""
        into = f" -> {removal.field}" if removal.field else ""
        lines.append(f"  {where}{part}: [{removal.rule}]{into} {removal.text!r}")
        lines.append(f"      {removal.reason}")
    return "\n".join(lines)


def add_cleaner_options(parser: argparse.ArgumentParser) -> None:
    """The options that build the cleaner, shared by ``clean`` and ``batch``."""
    parser.add_argument(
        "--rules", action="append", default=[], metavar="FILE", help="extra rule pack (TOML)"
    )
    parser.add_argument(
        "--disable", action="append", default=[], metavar="RULE_ID", help="switch a rule off"
    )
    parser.add_argument(
        "--language",
        action="append",
        dest="languages",
        metavar="CODE",
        help="run only this language's rule pack (repeatable)",
    )
    parser.add_argument(
        "--site-rules",
        metavar="DIR",
        help="folder of site packs named <domain>.toml, applied to articles whose url matches",
    )
    parser.add_argument("--no-language", action="store_true", help="skip language detection")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean scraped news text into structured, language-tagged articles.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    add_cleaner_options(clean)
    clean.add_argument("--indent", type=int, default=2, help="JSON indent (default: 2)")

    learn = commands.add_parser(
        "learn", help="propose a site rule pack from lines that recur across its articles"
    )
    learn.add_argument(
        "inputs",
        nargs="+",
        help="text files, folders of .txt files, or JSONL files (one article a line)",
    )
    learn.add_argument("--site", required=True, help="the site's domain, e.g. example.com")
    learn.add_argument("-o", "--output", help="write the pack here (default: standard output)")
    learn.add_argument("--text-field", default="text", help="JSONL field with the text")
    learn.add_argument("--min-share", type=float, default=0.3, help="share of articles (0.3)")
    learn.add_argument("--min-articles", type=int, default=3, help="fewest articles (3)")
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
    sites = load_site_packs(args.site_rules) if args.site_rules else {}
    return Cleaner(options=options, rules=rules, sites=sites)


def _learning_texts(inputs: Sequence[str], text_field: str) -> Iterator[str]:
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.glob("*.txt")):
                yield _read_input(str(child))
        elif path.suffix == ".jsonl":
            for number, line in enumerate(_read_input(name).splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    msg = f"{name}:{number}: not JSON: {exc.msg}"
                    raise ReadError(msg) from exc
                text = record.get(text_field) if isinstance(record, dict) else None
                if isinstance(text, list):  # a list of lines, or of {"text": ...} objects
                    text = "\n".join(
                        t.get("text", "") if isinstance(t, dict) else str(t) for t in text
                    )
                if isinstance(text, str):
                    yield text
        else:
            yield _read_input(name)


def _learn(args: argparse.Namespace) -> int:
    pack = Cleaner(Options(detect_language=False)).learn(
        _learning_texts(args.inputs, args.text_field),
        site=args.site,
        min_share=args.min_share,
        min_articles=args.min_articles,
    )
    header = (
        f"Site pack for {args.site}, proposed by 'newsclean learn'.\n"
        "Review every rule before use: delete any that matches story text."
    )
    text = pack.to_toml(language="site", header=header)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{len(pack.rules)} rules written to {args.output}", file=sys.stderr)
    else:
        _write(sys.stdout, text)
    return EXIT_OK


def _write(stream: TextIO, text: str) -> None:
    stream.write(text)
    if not text.endswith("\n"):
        stream.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command == "learn":
        try:
            return _learn(args)
        except NewscleanError as exc:
            print(f"newsclean: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
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
        output = _explain(article)
    elif args.format == "text":
        output = article.text
    else:
        output = article.to_json(indent=args.indent if args.indent >= 0 else None)
    try:
        _write(sys.stdout, output)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`newsclean clean x | head`): not an error of ours.
        # Point stdout at devnull so the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
