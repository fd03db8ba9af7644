"""Hypothesis profiles: ``dev`` (default) explores; ``ci`` is derandomised and bounded.

Select with ``HYPOTHESIS_PROFILE=ci`` (``.ci/run`` does), ``long`` for a deep local
run, or ``fuzz`` (100,000 examples a test) for the fuzzing run of tests/test_fuzz.py.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("long", max_examples=20_000, deadline=None)
# The fuzzing run: HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz.py (see docs/errors.md).
settings.register_profile(
    "fuzz",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_f5035bfc5fe34ce1.txt"


def corpus_dir() -> Path:
    """Where the shared development corpus lives (``NEWSCLEAN_CORPUS`` overrides)."""
    env = os.environ.get("NEWSCLEAN_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@contextmanager
def cpu_bound(seconds: float) -> Iterator[None]:
    """Fail when the block uses more CPU time than ``seconds``: a hang guard.

    Bounds in the hostile-input suites are generous (about ten times what the
    work needs) so they catch a hang or a quadratic blow-up, not a slow machine.
    """
    start = time.process_time()
    yield
    used = time.process_time() - start
    assert used < seconds, f"took {used:.1f}s of CPU, bound {seconds}s"


def load_module(name: str, path: Path) -> ModuleType:
    """A script outside the package (a docs hook, a benchmark) imported from its file.

    Skips the test when the file is not there: the wheel check runs the tests from
    a copy of the tree that may lack it.
    """
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_sane_article(article: object) -> None:
    """A result of the hostile suites: an Article whose text is clean, encodable UTF-8."""
    import newsclean

    assert isinstance(article, newsclean.Article)
    for paragraph in article.paragraphs:
        assert "\x00" not in paragraph.text
        paragraph.text.encode("utf-8")  # no lone surrogate survives
