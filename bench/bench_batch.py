"""Speed and memory of the text path and of ``newsclean batch`` (SCORING.md section 4).

Measures, on the development corpus (``../shared/corpus/id-lines-dev.jsonl``, or
``$NEWSCLEAN_CORPUS``), with language detection on:

1. articles per CPU second in one process, cleaning the corpus over and over for
   ``--seconds``, with the share of time spent in each step (normalise, each pass,
   language, assemble), taken by a bench-only copy of the cleaner's pipeline that
   is checked to give the very same articles;
2. the wall-clock speed-up of ``newsclean batch --jobs 2`` over ``--jobs 1``;
3. peak RSS of a ``newsclean batch`` child process for 1,000 and for 100,000
   records (the corpus repeated with varied ids, 1% malformed records mixed in),
   and a check that the large run wrote one line per record with the right ids
   and counted the errors.

Run from the repository root::

    PYTHONPATH=src python bench/bench_batch.py [--large 100000] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsclean import Article, Cleaner  # noqa: E402
from newsclean.api import _numbered_lines  # noqa: E402
from newsclean.assemble import build_article  # noqa: E402
from newsclean.document import Document  # noqa: E402
from newsclean.passes import PASSES  # noqa: E402

JUNK_EVERY = 100  # one malformed record in a hundred


def corpus_path() -> Path:
    base = os.environ.get("NEWSCLEAN_CORPUS")
    folder = Path(base) if base else ROOT.parent / "shared" / "corpus"
    return folder / "id-lines-dev.jsonl"


def load_corpus() -> list[tuple[str, str]]:
    """(id, text) per article: the labelled lines joined with newlines."""
    path = corpus_path()
    if not path.exists():
        sys.exit(f"corpus not found at {path}; set NEWSCLEAN_CORPUS")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(row["id"], "\n".join(line["text"] for line in row["lines"])) for row in rows]


# -- 1. throughput and step shares -----------------------------------------------------


def timed_clean(cleaner: Cleaner, text: str, timers: Counter[str]) -> Article:
    """Cleaner.clean_text's pipeline, step by step, with a timer around each step."""
    clock = time.perf_counter
    t0 = clock()
    lines, steps = _numbered_lines(text, max_lines=cleaner.options.line_limit(len(text)))
    t1 = clock()
    timers["normalise"] += t1 - t0
    doc = Document(
        lines=lines,
        options=cleaner.options,
        rules=cleaner.rules,
        active_rules=cleaner._active,
        given_title=None,
    )
    for name, run in PASSES:
        run(doc)
        t2 = clock()
        timers[f"pass {name}"] += t2 - t1
        t1 = t2
    language = cleaner._language(doc, None)
    t2 = clock()
    timers["language"] += t2 - t1
    article = build_article(doc, language=language, url=None, fetched_at=None, steps=steps)
    article = cleaner._paragraph_languages(article)
    timers["assemble"] += clock() - t2
    return article


def throughput(texts: list[str], seconds: float) -> dict[str, Any]:
    cleaner = Cleaner()
    for text in texts:  # warm-up: language profiles, regex caches
        cleaner.clean_text(text)
    count = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for text in texts:
            cleaner.clean_text(text)
        count += len(texts)
    cpu = time.process_time() - start
    timers: Counter[str] = Counter()
    for text in texts:
        assert timed_clean(cleaner, text, timers) == cleaner.clean_text(text), "wrapper drifted"
    timers.clear()
    rounds = max(1, int(count / len(texts) / 2))
    for _ in range(rounds):
        for text in texts:
            timed_clean(cleaner, text, timers)
    total = sum(timers.values())
    shares = {step: round(100 * t / total, 1) for step, t in timers.most_common()}
    return {
        "articles": count,
        "cpu_seconds": round(cpu, 2),
        "articles_per_cpu_second": round(count / cpu, 1),
        "ms_per_article": round(1000 * cpu / count, 3),
        "step_share_percent": shares,
    }


# -- input files -----------------------------------------------------------------------

JUNK: list[tuple[bytes, str]] = [
    (b'{"id": "broken", "text": "no closing quote\n', "InvalidJSON"),
    (b"\x00\x9c\xff\xfe\x1f\x8b binary junk \x00\x00\n", "InvalidJSON"),
    (b'{"id": 17.5, "text": "float id"}\n', "InvalidRecord"),
    (b'["an", "array"]\n', "InvalidRecord"),
]


def write_input(
    path: Path, corpus: list[tuple[str, str]], count: int, *, junk: bool = True
) -> dict[int, tuple[object, str | None]]:
    """``count`` JSONL records from the corpus with varied ids; returns expectations.

    The expectation per line number is (id, error type or None). One record in
    ``JUNK_EVERY`` is malformed (bad JSON, binary junk, a wrong type).
    """
    expected: dict[int, tuple[object, str | None]] = {}
    with path.open("wb") as sink:
        for number in range(1, count + 1):
            base_id, text = corpus[(number - 1) % len(corpus)]
            kind_index = (number // JUNK_EVERY) % (len(JUNK) + 1)
            if junk and number % JUNK_EVERY == JUNK_EVERY // 2 and kind_index < len(JUNK):
                line, kind = JUNK[kind_index]
                sink.write(line)
                expected[number] = (number, kind)
            elif junk and number % JUNK_EVERY == JUNK_EVERY // 2:
                record = {"id": f"{base_id}-{number}", "text": {"not": "a string"}}
                sink.write(json.dumps(record).encode() + b"\n")
                expected[number] = (record["id"], "InvalidRecord")
            else:
                record = {"id": f"{base_id}-{number}", "text": text}
                sink.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
                expected[number] = (record["id"], None)
    return expected


#: Runs the command line in the child and writes the child's own peak RSS (kB)
#: to the file named last. The kernel carries a forked child's ru_maxrss over
#: from its parent, so the parent's size would count; VmHWM is the child's own.
_LAUNCHER = """
import sys
from pathlib import Path
from newsclean.cli import main
status = main(sys.argv[1:-1])
try:
    with open("/proc/self/status") as lines:
        peak = next(int(line.split()[1]) for line in lines if line.startswith("VmHWM:"))
    Path(sys.argv[-1]).write_text(str(peak))
except OSError:
    pass
sys.exit(status)
"""


def run_batch(source: Path, out: Path, jobs: int, summary: Path | None = None) -> dict[str, Any]:
    """Run ``newsclean batch`` in a child process: wall seconds and the child's peak RSS."""
    peak_file = out.with_suffix(".peak")
    command = [sys.executable, "-c", _LAUNCHER, "batch", str(source), "-o", str(out)]
    command += ["--jobs", str(jobs)]
    if summary is not None:
        command += ["--summary", str(summary)]
    command.append(str(peak_file))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"newsclean batch failed with {child.returncode}")
    # Elsewhere than Linux, ru_maxrss (which may include the parent's size) stands.
    peak_kib = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    return {
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(peak_kib / 1024, 1),
    }


def check_output(out: Path, expected: dict[int, tuple[object, str | None]]) -> dict[str, Any]:
    """One line per record, ids as expected, error types as expected."""
    errors: Counter[str] = Counter()
    lines = 0
    wrong: list[int] = []
    with out.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            lines += 1
            data = json.loads(raw)
            want_id, want_error = expected.get(number, (None, "missing"))
            got_error = None if data["ok"] else data["error"]["type"]
            if got_error:
                errors[got_error] += 1
            if data["id"] != want_id or got_error != want_error:
                wrong.append(number)
    return {
        "lines": lines,
        "records": len(expected),
        "mismatched": len(wrong),
        "first_mismatches": wrong[:5],
        "errors_by_type": dict(errors.most_common()),
        "expected_errors": sum(1 for _, kind in expected.values() if kind),
    }


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="CPU seconds for 1.")
    parser.add_argument("--jobs-records", type=int, default=4000, help="records for 2.")
    parser.add_argument("--small", type=int, default=1000, help="records, small RSS run")
    parser.add_argument("--large", type=int, default=100_000, help="records, large RSS run")
    parser.add_argument("--skip", action="append", default=[], choices=("speed", "jobs", "rss"))
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()
    corpus = load_corpus()
    results: dict[str, Any] = {"cpu_count": os.cpu_count(), "load_before": load_average()}
    if "speed" not in args.skip:
        results["one_process"] = throughput([text for _, text in corpus], args.seconds)
        print(json.dumps(results["one_process"], indent=2), flush=True)
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as scratch:
        folder = Path(scratch)
        if "jobs" not in args.skip:
            source = folder / "jobs.jsonl"
            write_input(source, corpus, args.jobs_records, junk=False)
            runs = {}
            for jobs in (1, 2, 1, 2):  # interleaved, so a change in machine load hits both
                run = run_batch(source, folder / f"jobs{jobs}.jsonl", jobs)
                runs.setdefault(jobs, []).append(run["wall_seconds"])
            one, two = min(runs[1]), min(runs[2])
            results["jobs"] = {
                "records": args.jobs_records,
                "wall_seconds_jobs1": runs[1],
                "wall_seconds_jobs2": runs[2],
                "speedup_best_of_2": round(one / two, 2),
                "load_after": load_average(),
            }
            print(json.dumps(results["jobs"], indent=2), flush=True)
        if "rss" not in args.skip:
            for label, count in (("small", args.small), ("large", args.large)):
                source = folder / f"{label}.jsonl"
                expected = write_input(source, corpus, count)
                out = folder / f"{label}-out.jsonl"
                run = run_batch(source, out, 1, summary=folder / f"{label}-summary.json")
                run["records"] = count
                run["check"] = check_output(out, expected)
                summary = json.loads((folder / f"{label}-summary.json").read_text())
                run["summary_errors"] = summary["errors"]
                results[f"rss_{label}"] = run
                print(json.dumps(run, indent=2), flush=True)
                source.unlink()
                out.unlink()
            small, large = results["rss_small"], results["rss_large"]
            results["rss_growth_percent"] = round(
                100 * (large["peak_rss_mib"] / small["peak_rss_mib"] - 1), 1
            )
    results["load_after"] = load_average()
    print(json.dumps({k: results[k] for k in ("rss_growth_percent", "load_after") if k in results}))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
