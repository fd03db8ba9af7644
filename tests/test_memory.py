"""No input makes a cleaning call use more than ten times its size in memory.

Each case runs in a fresh child process: it builds a hostile input of a few
megabytes, warms the code path on a tiny input of the same kind (imports and
caches are a fixed cost of the process, not of the input), resets the process's
peak resident memory to its current size (Linux ``/proc/self/clear_refs``) and
makes one call. The peak over the memory just before the call must stay within
:data:`MAX_MULTIPLE` times the input's size. Inputs denser in lines or elements
than the default limits allow are refused (``InputTooLargeError``); the densest
ones allowed are measured here too. Below the limits' floor of 25,000 lines or
elements any density is allowed, so the multiple is checked on inputs of a few
megabytes, where the floor's fixed cost is small beside ten times the input. There is no timing here; speed and
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
sys.path.insert(0, sys.argv[4])
import newsclean
from tests.hostile_inputs import INPUTS

kind, case, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
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
try:
    clean(data)
    outcome = "ok"
except newsclean.NewscleanError as exc:  # a refusal is an answer too; its cost counts
    outcome = type(exc).__name__
extra = (status_kb("VmHWM:") - before) * 1024
print(json.dumps({"extra": extra, "size": len(data), "outcome": outcome}))
"""

REFUSED = "InputTooLargeError"
#: kind, input, size, and how the call ends: cleaned ("ok"), or refused for its
#: density (which must be cheap as well).
CASES = [
    ("text", "phrase-repeat", 3_000_000, REFUSED),
    ("text", "long-line", 3_000_000, "ok"),
    ("html", "long-line", 3_000_000, "ok"),
    ("html", "phrase-repeat", 3_000_000, "ok"),
    ("html", "pipes", 3_000_000, "ok"),
    ("html", "page", 1_500_000, "ok"),
    ("text", "dense-teasers", 2_000_000, "ok"),
    ("html", "dense-teaser-paragraphs", 2_000_000, "ok"),
    ("text", "tiny-lines", 3_000_000, REFUSED),
    ("html", "tiny-paragraphs", 3_000_000, REFUSED),
]


def _peak_resettable() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _peak_resettable(), reason="needs Linux /proc/self/clear_refs")
@pytest.mark.parametrize(
    ("kind", "case", "size", "outcome"), CASES, ids=[f"{k}-{c}" for k, c, _, _ in CASES]
)
def test_peak_memory_stays_within_ten_times_the_input(
    kind: str, case: str, size: int, outcome: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, case, str(size), str(REPO)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    measured = json.loads(result.stdout)
    multiple = measured["extra"] / measured["size"]
    assert multiple <= MAX_MULTIPLE, f"{kind} {case}: {multiple:.1f}x the input's size"
    assert measured["outcome"] == outcome
