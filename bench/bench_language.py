"""Language identification scores on the langid-dev texts (SCORING.md section 3).

Usage::

    python bench/bench_language.py [--corpus PATH] [--limit N] [--no-raw] [--sample-study] [--split]

Reads ``../shared/corpus/langid-dev/`` (or ``$NEWSCLEAN_CORPUS/langid-dev``): one
file per language in ``sentences/``, ``word-pairs/`` and ``single-words/``. The
"paragraph" class joins 5 consecutive sentences; an "article" class (30
consecutive sentences, about 3,500 characters) is timed as well. Every text goes
through the public ``newsclean.detect_language(text)`` with its defaults and, in
the same run, through raw langdetect (a private factory seeded with 0, its top
answer). ``zh-cn`` and ``zh-tw`` count as ``zh``; ``"und"`` (or a langdetect
error) is no answer.

For each length class it prints accuracy (right / all), answered share,
precision when answering (right / answered), the five weakest languages and the
median milliseconds per call after a warm-up. ``--limit N`` reads only the first
N lines of each file. ``--sample-study`` shows how accuracy on article-length
text depends on how much of it is read. ``--split`` also reports each class on
the even-numbered and the odd-numbered lines of every file apart: weights set
while looking at one half can be checked on the other.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import newsclean
from newsclean import language as nl_language

REPO = Path(__file__).resolve().parents[1]
CLASSES = ("paragraph", "sentence", "word pair", "single word", "article")
_FILES = {"sentence": "sentences", "word pair": "word-pairs", "single word": "single-words"}
_WARMUP = 30


def default_corpus() -> Path:
    base = os.environ.get("NEWSCLEAN_CORPUS")
    root = Path(base) if base else REPO.parent / "shared" / "corpus"
    return root / "langid-dev"


def load(corpus: Path, limit: int | None) -> dict[str, list[tuple[str, str]]]:
    """(gold code, text) pairs per length class."""
    out: dict[str, list[tuple[str, str]]] = {c: [] for c in CLASSES}
    for cls, folder in _FILES.items():
        for path in sorted((corpus / folder).glob("*.txt")):
            lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
            if cls == "sentence":
                # Paragraphs and articles come from all sentences, before the limit.
                out["paragraph"] += [
                    (path.stem, " ".join(lines[i : i + 5])) for i in range(0, len(lines) - 4, 5)
                ][: None if limit is None else max(1, limit // 5)]
                out["article"] += [
                    (path.stem, " ".join(lines[i : i + 30])) for i in range(0, len(lines) - 29, 30)
                ][: None if limit is None else max(1, limit // 30)]
            out[cls] += [(path.stem, x) for x in lines[:limit]]
    return out


def raw_langdetect() -> Callable[[str], str]:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)

    def detect(text: str) -> str:
        detector = factory.create()
        detector.append(text)
        try:
            return str(detector.get_probabilities()[0].lang).split("-")[0]
        except (LangDetectException, IndexError):
            return "und"

    return detect


def ours(text: str) -> str:
    return newsclean.detect_language(text).code


def evaluate(detect: Callable[[str], str], items: list[tuple[str, str]]) -> dict[str, object]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    answered = 0
    times: list[float] = []
    for gold, _ in items[:_WARMUP]:
        detect(gold)
    for n, (gold, text) in enumerate(items):
        start = time.perf_counter()
        code = detect(text)
        elapsed = time.perf_counter() - start
        if n >= _WARMUP or len(items) <= _WARMUP:
            times.append(elapsed)
        total[gold] += 1
        if code != "und":
            answered += 1
        if code == gold:
            right[gold] += 1
    n_all = sum(total.values())
    weakest = sorted(total, key=lambda g: (right[g] / total[g], g))[:5]
    return {
        "accuracy": sum(right.values()) / n_all,
        "answered": answered / n_all,
        "precision": sum(right.values()) / answered if answered else 0.0,
        "weakest": ", ".join(f"{g} {right[g] / total[g]:.0%}" for g in weakest),
        "ms": statistics.median(times) * 1000 if times else 0.0,
        "per_language": {g: right[g] / total[g] for g in total},
    }


def table(rows: Iterable[tuple[str, str, dict[str, object]]]) -> str:
    lines = [
        "| class | detector | accuracy | answered | precision | weakest five | median ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for cls, name, r in rows:
        lines.append(
            f"| {cls} | {name} | {r['accuracy']:.2%} | {r['answered']:.2%} | "
            f"{r['precision']:.2%} | {r['weakest']} | {r['ms']:.2f} |"
        )
    return "\n".join(lines)


def halves(items: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The even-numbered and the odd-numbered lines of every language's file."""
    seen: Counter[str] = Counter()
    even: list[tuple[str, str]] = []
    odd: list[tuple[str, str]] = []
    for gold, text in items:
        (even if seen[gold] % 2 == 0 else odd).append((gold, text))
        seen[gold] += 1
    return even, odd


def split_study(data: dict[str, list[tuple[str, str]]], classes: list[str]) -> None:
    print("\nnewsclean on even and odd lines apart:")
    for cls in classes:
        for name, part in zip(("even", "odd"), halves(data[cls]), strict=True):
            r = evaluate(ours, part)
            print(
                f"  {cls:12s} {name:4s} acc {r['accuracy']:.2%} "
                f"precision {r['precision']:.2%} weakest: {r['weakest']}"
            )


def sample_study(items: list[tuple[str, str]]) -> None:
    print("\nAccuracy on article-length text by characters read (start+middle+end windows):")
    original = nl_language.SAMPLE_CHARS
    try:
        for limit in (90, 150, 300, 600, 1200, 2400):
            nl_language.SAMPLE_CHARS = limit
            right = sum(ours(text) == gold for gold, text in items)
            print(f"  {limit:5d} chars: {right / len(items):.2%} of {len(items)} articles")
    finally:
        nl_language.SAMPLE_CHARS = original


def error_study(items: list[tuple[str, str]], code: str) -> None:
    """The sentences filed under ``code`` that newsclean does not call ``code``.

    Beside each, raw langdetect's answer: where both name the same other
    language and newsclean is sure (at least 0.95), the line is most likely
    written in that language and filed under the wrong one in the data.
    """
    raw = raw_langdetect()
    wrong = [(text, newsclean.detect_language(text)) for gold, text in items if gold == code]
    wrong = [(text, found) for text, found in wrong if found.code != code]
    agreed = 0
    print(f"\n{code} sentences newsclean does not call {code} (newsclean, raw langdetect, text):")
    for text, found in wrong:
        other = raw(text)
        sure = found.code == other and found.confidence >= 0.95
        agreed += sure
        mark = "*" if sure else " "
        print(f" {mark} {found.code:3s} {found.confidence:.2f}  {other:3s}  {text[:110]}")
    total = sum(gold == code for gold, _ in items)
    print(
        f"{len(wrong)} of {total} wrong; on {agreed} (*) both detectors name the same other "
        f"language, newsclean at 0.95 or more; without those, {1 - (len(wrong) - agreed) / max(1, total - agreed):.1%} right"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--limit", type=int, default=None, help="lines per file")
    parser.add_argument("--no-raw", action="store_true", help="skip raw langdetect")
    parser.add_argument("--sample-study", action="store_true")
    parser.add_argument("--split", action="store_true", help="even and odd lines apart")
    parser.add_argument("--classes", default=",".join(CLASSES))
    parser.add_argument(
        "--errors", metavar="CODE", help="list the sentences of one language answered wrongly"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    data = load(args.corpus, args.limit)
    if args.errors:
        error_study(data["sentence"], args.errors)
        return 0
    detectors: list[tuple[str, Callable[[str], str]]] = [("newsclean", ours)]
    if not args.no_raw:
        detectors.append(("langdetect", raw_langdetect()))
    rows = []
    for cls in args.classes.split(","):
        for name, detect in detectors:
            result = evaluate(detect, data[cls])
            rows.append((cls, name, result))
            print(
                f"{cls:12s} {name:10s} acc {result['accuracy']:.4f} "
                f"ans {result['answered']:.4f} prec {result['precision']:.4f} "
                f"{result['ms']:.2f} ms  weakest: {result['weakest']}",
                flush=True,
            )
    print()
    print(table(rows))
    ours_sentence = next((r for c, n, r in rows if c == "sentence" and n == "newsclean"), None)
    if ours_sentence is not None:
        per = ours_sentence["per_language"]
        assert isinstance(per, dict)
        low = sorted((v, g) for g, v in per.items() if v < 0.95)
        under = ", ".join(f"{g} {v:.1%}" for v, g in low) or "none"
        print("\nsentence languages under 95%:", under)
    if args.split:
        split_study(data, [c for c in args.classes.split(",") if c in _FILES])
    if args.sample_study:
        sample_study(data["article"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
