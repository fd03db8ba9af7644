"""HTML main-content benchmark (SCORING.md section 2), side by side with trafilatura.

Reads ``index.jsonl`` and the gzipped pages of ``html-dev`` from the shared corpus
(``../shared/corpus`` next to the repository, or ``$NEWSCLEAN_CORPUS``) and reports:

- snippet accuracy (keep rate, drop rate, their mean) overall and per language;
- mean bag-of-words token F1 where a page has a full ground-truth body;
- pages per CPU second (one process, after a warm-up) for both extractors, and where
  newsclean's time goes (decoding and parsing, metadata, extraction, text rules and
  language).

Usage: ``python bench/bench_html.py [--corpus DIR] [--limit N] [--no-trafilatura]
[--failures] [--halves]``. ``--halves`` also scores the even- and the odd-numbered
pages (by order in ``index.jsonl``) apart: a change tuned on one half should help
the other too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import newsclean  # noqa: E402
from newsclean.html import page_text  # noqa: E402
from newsclean.html.decode import parse  # noqa: E402
from newsclean.html.extract import extract  # noqa: E402
from newsclean.html.metadata import read_metadata  # noqa: E402

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\W+")
WARMUP = 10


def corpus_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    env = os.environ.get("NEWSCLEAN_CORPUS")
    base = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return base / "html-dev"


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def ours(page: bytes, url: str | None) -> str:
    article = newsclean.clean_html(page, url=url)
    return collapse(f"{article.title or ''}\n{article.text}")


def trafilatura_text(page: bytes, url: str | None) -> str:
    import trafilatura

    return collapse(trafilatura.extract(page) or "")


def token_f1(truth: str, found: str) -> float:
    a = Counter(t for t in _TOKEN.split(truth.lower()) if t)
    b = Counter(t for t in _TOKEN.split(found.lower()) if t)
    common = sum((a & b).values())
    if not a or not b or not common:
        return 0.0 if a or b else 1.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def score(rows: list[dict[str, Any]], texts: list[str]) -> dict[str, Any]:
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    f1s: list[float] = []
    for row, text in zip(rows, texts, strict=True):
        for lang in ("all", row.get("lang") or "und"):
            cell = by_lang[lang]
            for snippet in row["keep"]:
                cell[0] += collapse(snippet) in text
                cell[1] += 1
            for snippet in row["drop"]:
                cell[2] += collapse(snippet) not in text
                cell[3] += 1
        body = row.get("body") or row.get("text")
        if isinstance(body, str) and body.strip():
            f1s.append(token_f1(body, text))
    table = {}
    for lang, (kept, keeps, dropped, drops) in by_lang.items():
        keep_rate = kept / keeps if keeps else 1.0
        drop_rate = dropped / drops if drops else 1.0
        table[lang] = (keep_rate, drop_rate, (keep_rate + drop_rate) / 2, keeps + drops)
    return {"langs": table, "f1": sum(f1s) / len(f1s) if f1s else None, "f1_pages": len(f1s)}


def timed(
    fn: Callable[[bytes, str | None], str], pages: list[bytes], urls: list[Any]
) -> tuple[list[str], float]:
    for page, url in zip(pages[:WARMUP], urls[:WARMUP], strict=True):
        fn(page, url)
    start = time.process_time()
    out = [fn(page, url) for page, url in zip(pages, urls, strict=True)]
    return out, time.process_time() - start


def breakdown(pages: list[bytes], urls: list[Any]) -> dict[str, float]:
    """CPU seconds per stage of newsclean's HTML path over all pages."""
    cost = dict.fromkeys(("decode+parse", "metadata", "extraction"), 0.0)
    limit = newsclean.Options().max_input_chars
    for page, url in zip(pages, urls, strict=True):
        t0 = time.process_time()
        text = page_text(page, max_chars=limit)
        root = parse(text)
        t1 = time.process_time()
        if root is None:
            continue
        read_metadata(root, url=url)
        t2 = time.process_time()
        extract(root, reparse=lambda text=text: parse(text))  # type: ignore[misc]
        t3 = time.process_time()
        cost["decode+parse"] += t1 - t0
        cost["metadata"] += t2 - t1
        cost["extraction"] += t3 - t2
    return cost


def print_halves(rows: list[dict[str, Any]], texts: dict[str, list[str]]) -> None:
    """Snippet accuracy of the even- and the odd-numbered pages, apart."""
    for name, found in texts.items():
        for half, start in (("even", 0), ("odd", 1)):
            keep, drop, mean, count = score(rows[start::2], found[start::2])["langs"]["all"]
            print(
                f"{name} {half} pages: keep {keep:.3f} drop {drop:.3f} mean {mean:.3f}"
                f" ({count} snippets)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--failures", action="store_true", help="list failed snippets")
    parser.add_argument(
        "--halves", action="store_true", help="score even- and odd-numbered pages apart"
    )
    args = parser.parse_args()
    folder = corpus_dir(args.corpus)
    index = folder / "index.jsonl"
    if not index.exists():
        print(f"corpus not found at {folder}; set NEWSCLEAN_CORPUS or --corpus")
        return
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()]
    rows = rows[: args.limit] if args.limit else rows
    pages = [gzip.decompress((folder / row["file"]).read_bytes()) for row in rows]
    urls = [u if (u := row.get("url")) and "://" in u else None for row in rows]
    systems: dict[str, Callable[[bytes, str | None], str]] = {"newsclean": ours}
    if not args.no_trafilatura:
        systems["trafilatura"] = trafilatura_text
    results = {}
    for name, fn in systems.items():
        texts, seconds = timed(fn, pages, urls)
        results[name] = (score(rows, texts), seconds, texts)
    print(f"{len(rows)} pages, {sum(map(len, pages)) / len(pages) / 1000:.0f} kB mean")
    langs = sorted(
        results["newsclean"][0]["langs"],
        key=lambda k: (k != "all", -results["newsclean"][0]["langs"][k][3]),
    )
    header = (
        "| lang | snippets | "
        + " | ".join(f"{n} keep | {n} drop | {n} mean" for n in results)
        + " |"
    )
    print(header)
    print("|" + "---|" * (2 + 3 * len(results)))
    for lang in langs:
        cells = []
        for name in results:
            keep, drop, mean, _ = results[name][0]["langs"][lang]
            cells += [
                f"{keep:.3f}",
                f"{drop:.3f}",
                f"**{mean:.3f}**" if lang == "all" else f"{mean:.3f}",
            ]
        print(
            f"| {lang} | {results['newsclean'][0]['langs'][lang][3]} | " + " | ".join(cells) + " |"
        )
    for name, (scores, seconds, _) in results.items():
        f1 = scores["f1"]
        f1_text = (
            f"{f1:.3f} over {scores['f1_pages']} pages"
            if f1 is not None
            else "n/a (no page has a full body)"
        )
        print(f"{name}: {len(rows) / seconds:.1f} pages per CPU second; token F1 {f1_text}")
    if "trafilatura" in results:
        ratio = results["trafilatura"][1] / results["newsclean"][1]
        print(f"speed ratio newsclean / trafilatura: {ratio:.2f}")
    if args.halves:
        print_halves(rows, {name: texts for name, (_, _, texts) in results.items()})
    cost = breakdown(pages, urls)
    total = results["newsclean"][1]
    rest = total - sum(cost.values())
    for stage, seconds in [*cost.items(), ("text rules+language+assembly", rest)]:
        print(f"  {stage}: {seconds / len(rows) * 1000:.1f} ms/page ({seconds / total:.0%})")
    if args.failures:
        texts = results["newsclean"][2]
        for row, text in zip(rows, texts, strict=True):
            bad_keep = [s[:70] for s in row["keep"] if collapse(s) not in text]
            bad_drop = [s[:70] for s in row["drop"] if collapse(s) in text]
            if bad_keep or bad_drop:
                print(
                    row["id"],
                    row["lang"],
                    row["url"][:60],
                    "KEEP" if bad_keep else "",
                    bad_keep,
                    "DROP" if bad_drop else "",
                    bad_drop,
                )


if __name__ == "__main__":
    main()
