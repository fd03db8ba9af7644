"""Time and peak memory against input size, text and HTML, and the worst hostile input.

Usage::

    python bench/bench_scaling.py [--max-mb 50] [--markdown]

Each measurement runs in a fresh child process. The child builds its input,
warms the code path on a tiny input of the same shape (the first call imports
the HTML modules and fills caches: a fixed cost of the process, not of any
input), then resets its peak resident memory to its current size (Linux
``/proc/self/clear_refs``; elsewhere the peak so far stands) and makes one
cleaning call. "Peak extra memory" is the call's peak resident memory over the
child's memory just before it, so neither the imports nor building the input
count. Inputs are generated here (story paragraphs mixed with boilerplate lines);
no corpus is needed. Time is CPU time of the call. The table shows whether time
grows linearly (seconds per MB stays flat) and the memory multiple of the input
size. ``--markdown`` prints the two tables as ``docs/benchmarks.md`` shows them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
import newsclean
kind, size, case = sys.argv[1], int(sys.argv[2]), sys.argv[3]
STORY = "Harga beras di pasar tradisional naik tajam selama sepekan terakhir menurut pedagang."
JUNK = ["Baca juga: Harga Cabai Naik", "ADVERTISEMENT", "(sef/sef)", "Read Entire Article"]
def text_input(n):
    parts, total, i = [], 0, 0
    while total < n:
        line = f"{STORY} Nomor {i}." if i % 3 else JUNK[i % len(JUNK)]
        parts.append(line); total += len(line) + 1; i += 1
    return "\n".join(parts)
def html_input(n):
    body = text_input(n).replace("\n", "</p><p>")
    return f"<html><head><title>T</title></head><body><nav>Home | News</nav><article><p>{body}</p></article></body></html>"
HOSTILE = {
    "long-line": lambda n: "kata " * (n // 5),
    "one-char": lambda n: "a" * n,
    "pipes": lambda n: "Ekonomi | " * (n // 10),
    "brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "dashes": lambda n: "A - " * (n // 4),
    "phrase-repeat": lambda n: "Baca juga: Harga Naik\n" * (n // 22),
    "ad-lines": lambda n: "ADVERTISEMENT\n" * (n // 14),
    "numbered-teasers": lambda n: "".join(f"Baca juga: Berita {i}\n" for i in range(n // 26)),
    "deep-html": lambda n: "<div>" * (n // 11) + "x" + "</div>" * (n // 11),
    "tags-only": lambda n: "<p>" * (n // 3),
}
if case == "normal":
    data = text_input(size) if kind == "text" else html_input(size)
else:
    data = HOSTILE[case](size)
if case == "normal":  # the size scan lifts the size limits to measure scaling itself
    options = newsclean.Options(
        max_input_chars=200_000_000, max_html_elements=10_000_000, detect_language=False
    )
else:  # hostile inputs meet the default limits, as a caller's would
    options = newsclean.Options(max_input_chars=200_000_000, detect_language=False)
cleaner = newsclean.Cleaner(options)
# Warm the code path on a tiny input of the same shape first: the first call
# imports the HTML modules and fills caches, a fixed cost of the process.
warm = text_input(2000) if kind == "text" else html_input(2000)
cleaner.clean_text(warm) if kind == "text" else cleaner.clean_html(warm)
del warm
def status_kb(key):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(key))
try:  # Linux: reset the peak to the current size, so building the input is not in it
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    base = status_kb("VmRSS:")
    peak_of = lambda: status_kb("VmHWM:")
except OSError:  # elsewhere the process peak so far is the baseline
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_of = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
try:
    if kind == "text":
        cleaner.clean_text(data)
    else:
        cleaner.clean_html(data)
    outcome = "ok"
except newsclean.NewscleanError as exc:
    outcome = type(exc).__name__
used = time.process_time() - start
peak = peak_of()
print(json.dumps({"seconds": used, "extra_kb": max(peak - base, 0), "chars": len(data), "outcome": outcome}))
"""

SIZES_MB = (0.001, 0.01, 0.1, 1, 10, 50)


def run(kind: str, size: int, case: str) -> dict[str, float | str]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(size), case],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
    )
    data: dict[str, float | str] = json.loads(result.stdout)
    return data


HOSTILE_BOTH = (
    "long-line",
    "one-char",
    "pipes",
    "brackets",
    "dashes",
    "phrase-repeat",
    "ad-lines",
    "numbered-teasers",
)
HOSTILE_HTML = ("deep-html", "tags-only")
#: How the markdown table names each hostile input.
HOSTILE_NAMES = {
    "long-line": "one line of 1,000,000 words",
    "one-char": "one repeated character",
    "pipes": '"Ekonomi \\| " repeated',
    "brackets": "brackets",
    "dashes": '"A - " repeated',
    "phrase-repeat": '"Baca juga: Harga Naik" as 227,000 lines',
    "ad-lines": '"ADVERTISEMENT" as 357,000 lines',
    "numbered-teasers": '"Baca juga: Berita <n>" as 192,000 different lines',
    "deep-html": "450,000 nested divs",
    "tags-only": "1.7 million bare tags",
}


def _ratio(r: dict[str, float | str]) -> float:
    return float(r["extra_kb"]) * 1024 / max(float(r["chars"]), 1)


def _cell(r: dict[str, float | str]) -> str:
    if r["outcome"] != "ok":
        return f"refused before parsing (`{r['outcome']}`), {float(r['seconds']):.2f} s"
    return f"{float(r['seconds']):.2f} s, {_ratio(r):.1f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-mb", type=float, default=50)
    parser.add_argument("--markdown", action="store_true", help="tables as in the docs")
    args = parser.parse_args(argv)
    print("| input | size | CPU s | s per MB | peak extra memory | memory / input |")
    print("|---|---|---|---|---|---|")
    for kind in ("text", "html"):
        for mb in SIZES_MB:
            if mb > args.max_mb:
                continue
            r = run(kind, int(mb * 1_000_000), "normal")
            chars = float(r["chars"])
            seconds = float(r["seconds"])
            extra = float(r["extra_kb"]) * 1024
            print(
                f"| {kind} | {chars / 1e6:.3f} MB | {seconds:.3f} | {seconds / (chars / 1e6):.3f} "
                f"| {extra / 1e6:.1f} MB | {extra / chars:.1f}x |",
                flush=True,
            )
    print()
    worst = 0.0
    results: dict[tuple[str, str], dict[str, float | str]] = {}
    for case in HOSTILE_BOTH:
        for kind in ("text", "html"):
            results[case, kind] = run(kind, 5_000_000, case)
    for case in HOSTILE_HTML:
        results[case, "html"] = run("html", 5_000_000, case)
    worst = max(float(r["seconds"]) for r in results.values())
    if args.markdown:
        print("| input | text | HTML |")
        print("|---|---|---|")
        for case in (*HOSTILE_BOTH, *HOSTILE_HTML):
            text = _cell(results[case, "text"]) if (case, "text") in results else ""
            print(f"| {HOSTILE_NAMES[case]} | {text} | {_cell(results[case, 'html'])} |")
    else:
        print("| hostile input (5 MB) | as | outcome | CPU s | memory / input |")
        print("|---|---|---|---|---|")
        for (case, kind), r in results.items():
            print(
                f"| {case} | {kind} | {r['outcome']} | {float(r['seconds']):.2f} "
                f"| {_ratio(r):.1f}x |"
            )
    print(f"\nworst hostile case: {worst:.2f} CPU s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
