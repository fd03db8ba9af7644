"""Time and peak memory against input size, text and HTML, and the worst hostile input.

Usage::

    python bench/bench_scaling.py [--max-mb 50] [--hostile-only]

Each measurement runs in a fresh child process. The child builds its input,
warms the code path on a tiny input of the same shape (the first call imports
the HTML modules and fills caches: a fixed cost of the process, not of any
input), then resets its peak resident memory to its current size (Linux
``/proc/self/clear_refs``; elsewhere the peak so far stands) and makes one
cleaning call. "Peak extra memory" is the call's peak resident memory over the
child's memory just before it, so neither the imports nor building the input
count. Inputs are generated here (story paragraphs mixed with boilerplate lines);
no corpus is needed. Time is CPU time of the call. The first table shows whether time
grows linearly (seconds per MB stays flat) and the memory multiple of the input
size; the second runs each hostile input at 0.1, 1 and 5 MB, under the default
limits, as ``docs/benchmarks.md`` shows them.
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
# One under the line and element limits' floor: the most units any density may reach.
FLOOR = newsclean.options.DENSE_INPUT_FLOOR - 1
HOSTILE = {
    "long-line": lambda n: "kata " * (n // 5),
    "one-char": lambda n: "a" * n,
    "pipes": lambda n: "Ekonomi | " * (n // 10),
    "brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "dashes": lambda n: "A - " * (n // 4),
    "phrase-repeat": lambda n: "Baca juga: Harga Naik\n" * (n // 22),
    "ad-lines": lambda n: "ADVERTISEMENT\n" * (n // 14),
    "numbered-teasers": lambda n: "".join(f"Baca juga: Berita {i}\n" for i in range(n // 26)),
    "tiny-lines": lambda n: "ab\n" * (n // 3),
    "short-lines": lambda n: "".join(f"Kata {i}.\n" for i in range(n // 12)),
    # Lines as short as the default line limit allows beyond its floor, each a
    # different teaser that is removed (the costliest kind of line).
    "dense-teasers": lambda n: "".join(
        f"Baca juga: Berita nomor {i:07d} tentang harga beras di kota ini.\n"
        for i in range(n // 64)
    ),
    "tiny-paragraphs": lambda n: "<p>ab</p>" * (n // 9),
    # Elements as small as the default element limit allows beyond its floor, each
    # a different teaser paragraph that is removed.
    "dense-teaser-paragraphs": lambda n: "".join(
        f"<p>Baca juga: Berita nomor {i:07d} tentang harga beras di pasar kota besar.</p>\n"
        for i in range(n // 80)
    ),
    # Just under the limits' floor, which any density may reach: the fixed cost.
    "floor-teasers": lambda n: "".join(f"Baca juga: Berita {i}\n" for i in range(FLOOR)),
    "floor-teaser-paragraphs": lambda n: "".join(
        f"<p>Baca juga: Berita {i}</p>" for i in range(FLOOR)
    ),
    "floor-tiny-paragraphs": lambda n: "<p>ab</p>" * FLOOR,
    "deep-html": lambda n: "<div>" * (n // 11) + "x" + "</div>" * (n // 11),
    "tags-only": lambda n: "<p>" * (n // 3),
}
if case == "normal":
    data = text_input(size) if kind == "text" else html_input(size)
else:
    data = HOSTILE[case](size)
if case == "normal":  # the size scan lifts the limits to measure scaling itself
    # (the generated page has about 77 characters an element, just under the
    # default element limit's 80 beyond its floor)
    options = newsclean.Options(
        max_input_chars=200_000_000,
        max_lines=100_000_000,
        max_html_elements=100_000_000,
        detect_language=False,
    )
else:  # hostile inputs meet the default line and element limits, as a caller's would
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
    "tiny-lines",
    "short-lines",
    "dense-teasers",
)
HOSTILE_HTML = ("tiny-paragraphs", "dense-teaser-paragraphs", "deep-html", "tags-only")
#: Hostile inputs run at these sizes: below the line and element limits' floor
#: (where a fixed amount of memory is allowed), and well above it.
HOSTILE_SIZES_MB = (0.1, 1, 5)
#: How the markdown table names each hostile input.
HOSTILE_NAMES = {
    "long-line": "one line of words",
    "one-char": "one repeated character",
    "pipes": '"Ekonomi \\| " repeated',
    "brackets": "brackets",
    "dashes": '"A - " repeated',
    "phrase-repeat": '"Baca juga: Harga Naik" lines',
    "ad-lines": '"ADVERTISEMENT" lines',
    "numbered-teasers": '"Baca juga: Berita <n>" lines, all different',
    "tiny-lines": '"ab" lines',
    "short-lines": '"Kata <n>." lines, all different',
    "dense-teasers": "different 64-character teaser lines",
    "tiny-paragraphs": "`<p>ab</p>` repeated",
    "dense-teaser-paragraphs": "different 80-character teaser paragraphs",
    "deep-html": "nested divs",
    "tags-only": "bare tags",
}


def _ratio(r: dict[str, float | str]) -> float:
    return float(r["extra_kb"]) * 1024 / max(float(r["chars"]), 1)


def _cell(r: dict[str, float | str]) -> str:
    if r["outcome"] != "ok":
        return f"refused, `{r['outcome']}`, {float(r['seconds']):.2f} s"
    extra = float(r["extra_kb"]) * 1024 / 1e6
    return f"{float(r['seconds']):.2f} s, {extra:.1f} MB, {_ratio(r):.1f}x"


def size_scan(max_mb: float) -> None:
    print("| input | size | CPU s | s per MB | peak extra memory | memory / input |")
    print("|---|---|---|---|---|---|")
    for kind in ("text", "html"):
        for mb in SIZES_MB:
            if mb > max_mb:
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


def hostile_scan(max_mb: float) -> None:
    sizes = [mb for mb in HOSTILE_SIZES_MB if mb <= max_mb]
    print("| input | as | " + " | ".join(f"{mb:g} MB" for mb in sizes) + " |")
    print("|---|---|" + "---|" * len(sizes))
    results: list[dict[str, float | str]] = []
    runs = [(case, kind) for case in HOSTILE_BOTH for kind in ("text", "html")]
    runs += [(case, "html") for case in HOSTILE_HTML]
    for case, kind in runs:
        row = [run(kind, int(mb * 1_000_000), case) for mb in sizes]
        results.extend({**r, "mb": mb} for r, mb in zip(row, sizes, strict=True))
        cells = " | ".join(_cell(r) for r in row)
        print(f"| {HOSTILE_NAMES[case]} | {kind} | {cells} |", flush=True)
    done = [r for r in results if r["outcome"] == "ok"]
    print(f"\nworst time: {max(float(r['seconds']) for r in results):.2f} CPU s")
    for mb in sizes:
        at = [r for r in done if r["mb"] == mb]
        if at:
            worst = max(at, key=_ratio)
            extra = float(worst["extra_kb"]) * 1024 / 1e6
            print(f"worst memory at {mb:g} MB: {_ratio(worst):.1f}x the input ({extra:.1f} MB)")


FLOOR_CASES = (
    ("floor-teasers", "text"),
    ("floor-teaser-paragraphs", "html"),
    ("floor-tiny-paragraphs", "html"),
)


def floor_scan() -> None:
    """The densest inputs just under the floor (24,999 lines or elements): what it lets through."""
    print("| input (24,999 units) | as | size | outcome | CPU s | peak extra memory |")
    print("|---|---|---|---|---|---|")
    for case, kind in FLOOR_CASES:
        r = run(kind, 0, case)
        extra = float(r["extra_kb"]) * 1024 / 1e6
        print(
            f"| {case} | {kind} | {float(r['chars']) / 1e6:.2f} MB | {r['outcome']} "
            f"| {float(r['seconds']):.2f} | {extra:.1f} MB |",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-mb", type=float, default=50)
    parser.add_argument("--hostile-only", action="store_true", help="skip the size scan")
    args = parser.parse_args(argv)
    if not args.hostile_only:
        size_scan(args.max_mb)
        print()
    hostile_scan(args.max_mb)
    print()
    floor_scan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
