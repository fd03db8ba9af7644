"""Line-level body scores on labelled scraped text (SCORING.md section 1).

Usage::

    python bench/bench_lines.py [--corpus PATH] [--details]

Reads ``../shared/corpus/id-lines-dev.jsonl`` (or ``$NEWSCLEAN_CORPUS``), cleans each
article through the public API, and prints body precision, recall, F1, leak rate,
loss rate and clean articles, next to a C4-style line filter (keep lines of three
or more words ending in terminal punctuation) scored in the same run. ``--details``
lists the wrongly decided lines per site and label (local use only: it prints
corpus text).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import newsclean

REPO = Path(__file__).resolve().parents[1]
_TERMINAL = re.compile(r"[.!?\"'\u201d\u2019]$")


def default_corpus() -> Path:
    base = os.environ.get("NEWSCLEAN_CORPUS")
    root = Path(base) if base else REPO.parent / "shared" / "corpus"
    return root / "id-lines-dev.jsonl"


def load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def newsclean_kept(cleaner: newsclean.Cleaner) -> Callable[[list[str]], set[int]]:
    def kept(lines: list[str]) -> set[int]:
        article = cleaner.clean_text("\n".join(lines))
        return {n for p in article.paragraphs for n in p.lines}

    return kept


def c4_kept(lines: list[str]) -> set[int]:
    return {
        n
        for n, line in enumerate(lines, 1)
        if len(line.split()) >= 3 and _TERMINAL.search(line.strip())
    }


def score(
    records: Iterable[dict[str, object]], kept_fn: Callable[[list[str]], set[int]]
) -> tuple[dict[str, float], list[tuple[str, str, str, str]]]:
    counts: Counter[str] = Counter()
    mistakes: list[tuple[str, str, str, str]] = []
    clean = total = 0
    for record in records:
        labelled = record["lines"]
        assert isinstance(labelled, list)
        texts = [str(item["text"]) for item in labelled]
        kept = kept_fn(texts)
        perfect = True
        for n, item in enumerate(labelled, 1):
            is_body = item["label"] == "body"
            is_kept = n in kept
            counts[f"{'body' if is_body else 'other'}_{'kept' if is_kept else 'dropped'}"] += 1
            if is_body != is_kept:
                perfect = False
                mistakes.append(
                    (
                        str(record["site"]),
                        "LOST" if is_body else "LEAK",
                        f"{item['label']}/{item.get('kind')}",
                        str(item["text"]),
                    )
                )
        clean += perfect
        total += 1
    body = counts["body_kept"] + counts["body_dropped"]
    other = counts["other_kept"] + counts["other_dropped"]
    kept_all = counts["body_kept"] + counts["other_kept"]
    precision = counts["body_kept"] / kept_all if kept_all else 0.0
    recall = counts["body_kept"] / body if body else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (
        {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "leak": counts["other_kept"] / other if other else 0.0,
            "loss": counts["body_dropped"] / body if body else 0.0,
            "clean_articles": clean / total if total else 0.0,
        },
        mistakes,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--details", action="store_true", help="list wrong lines (local only)")
    args = parser.parse_args(argv)
    path = args.corpus or default_corpus()
    if not path.exists():
        print(f"corpus not found at {path}; nothing to score", file=sys.stderr)
        return 0
    records = load(path)
    ours, mistakes = score(records, newsclean_kept(newsclean.Cleaner()))
    c4, _ = score(records, c4_kept)
    print(f"{len(records)} articles, {sum(len(r['lines']) for r in records)} lines  ({path.name})")  # type: ignore[arg-type]
    print(f"{'':16}{'newsclean':>10}{'C4 filter':>11}")
    for key in ("f1", "precision", "recall", "leak", "loss", "clean_articles"):
        print(f"{key:16}{ours[key]:>10.3f}{c4[key]:>11.3f}")
    if args.details:
        for site, what, label, text in sorted(mistakes):
            print(f"{site:16} {what} {label:22} {text[:150]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
