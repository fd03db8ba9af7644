"""The benchmarks' own copies of library internals still match the library.

``bench/bench_batch.py`` times each step of ``Cleaner.clean_text`` through a
step-by-step copy of its pipeline; when the library's internals change, the copy
must change too, or the benchmark stops (it checks itself on the corpus). These
tests run that copy on our own texts, so drift shows up in the test suite and not
first in a benchmark run.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import newsclean
from tests.conftest import load_module

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize(
    "options",
    [newsclean.Options(), newsclean.Options(paragraph_languages=True)],
    ids=["default", "paragraph-languages"],
)
def test_bench_batch_step_timer_gives_the_cleaners_article(options: newsclean.Options) -> None:
    """The step-by-step copy of the pipeline returns the very article the cleaner does."""
    bench = load_module("bench_batch", ROOT / "bench" / "bench_batch.py")
    cleaner = newsclean.Cleaner(options)
    texts = [
        SEED.read_text(encoding="utf-8"),
        "Prices rose again this week, traders in the market said.\nRead more\nADVERTISEMENT",
        "",
    ]
    for text in texts:
        timers: Counter[str] = Counter()
        assert bench.timed_clean(cleaner, text, timers) == cleaner.clean_text(text)
        assert "language" in timers
        assert any(k.startswith("pass ") for k in timers)
