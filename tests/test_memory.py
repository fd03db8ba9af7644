"""No input makes a cleaning call use more than ten times its size in memory.

Each case runs in a fresh child process: it builds a hostile input of a few
megabytes, warms the code path on a tiny input of the same kind (imports and
caches are a fixed cost of the process, not of the input), resets the process's
peak resident memory to its current size (Linux ``/proc/self/clear_refs``) and
makes one call. The peak over the memory just before the call must stay within
:data:`MAX_MULTIPLE` times the input's size. There is no timing here; speed and
the full table are in ``bench/bench_scaling.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAX_MULTIPLE = 10.0

CHILD = r"""
import json, sys
import newsclean

kind, case, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
STORY = "Harga beras di pasar tradisional naik tajam selama sepekan terakhir menurut pedagang."
INPUTS = {
    "one-line": lambda n: "kata " * (n // 5),
    "phrase-lines": lambda n: "Baca juga: Harga Naik\n" * (n // 22),
    "pipes": lambda n: "Ekonomi | " * (n // 10),
    "page": lambda n: "<html><body><nav>Home | News</nav><article><p>"
    + "</p><p>".join(f"{STORY} Nomor {i}." for i in range(n // 100))
    + "</p></article></body></html>",
}
data = INPUTS[case](size)
cleaner = newsclean.Cleaner(
    newsclean.Options(max_input_chars=50_000_000, detect_language=False)
)
clean = cleaner.clean_text if kind == "text" else cleaner.clean_html
clean(INPUTS[case](2000))

def status_kb(key):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(key))

with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")
before = status_kb("VmRSS:")
clean(data)
print(json.dumps({"extra": (status_kb("VmHWM:") - before) * 1024, "size": len(data)}))
"""

CASES = [
    ("text", "phrase-lines", 3_000_000),
    ("text", "one-line", 3_000_000),
    ("html", "one-line", 3_000_000),
    ("html", "phrase-lines", 3_000_000),
    ("html", "pipes", 3_000_000),
    ("html", "page", 1_500_000),
]


def _peak_resettable() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _peak_resettable(), reason="needs Linux /proc/self/clear_refs")
@pytest.mark.parametrize(("kind", "case", "size"), CASES, ids=[f"{k}-{c}" for k, c, _ in CASES])
def test_peak_memory_stays_within_ten_times_the_input(kind: str, case: str, size: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, case, str(size)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    measured = json.loads(result.stdout)
    multiple = measured["extra"] / measured["size"]
    assert multiple <= MAX_MULTIPLE, f"{kind} {case}: {multiple:.1f}x the input's size"
