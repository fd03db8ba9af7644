"""An ordered, bounded process pool for cleaning streams.

:func:`ordered_map` runs ``task(cleaner, chunk)`` over chunks of a stream, in
worker processes that each hold one copy of the cleaner (sent once, through the
pool's initializer), and yields the results in input order. At most a few chunks
per worker are in flight, so memory does not grow with the length of the stream
and an endless input works. It is the engine under :func:`newsclean.batch.clean_many`
and ``newsclean batch``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from newsclean.errors import InvalidInputError

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from newsclean.api import Cleaner

#: Items sent to a worker in one task: large enough that inter-process traffic
#: is a small share of the work, small enough that the window stays small.
CHUNK_SIZE = 16
#: Chunks in flight per worker; bounds memory and keeps every worker busy.
CHUNKS_PER_JOB = 3
#: After this many broken pools the rest of the stream is cleaned in this process.
MAX_POOL_FAILURES = 2

_T = TypeVar("_T")
_R = TypeVar("_R")

_worker_cleaner: Cleaner | None = None


def _init_worker(cleaner: Cleaner) -> None:
    global _worker_cleaner  # noqa: PLW0603 - one cleaner per worker process
    _worker_cleaner = cleaner
    # Ctrl-C reaches the whole process group; the parent decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_in_worker(task: Callable[[Cleaner, list[_T]], list[_R]], chunk: list[_T]) -> list[_R]:
    assert _worker_cleaner is not None, "worker not initialised"
    return task(_worker_cleaner, chunk)


def _chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _context() -> BaseContext:
    # forkserver (POSIX) and spawn start clean workers, safe even when the parent
    # runs threads; both send the cleaner by pickling, as on every platform.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _check_jobs(jobs: object) -> int:
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        msg = f"jobs must be an integer >= 1, got {jobs!r}"
        raise InvalidInputError(msg)
    return jobs


def ordered_map(
    task: Callable[[Cleaner, list[_T]], list[_R]],
    cleaner: Cleaner,
    items: Iterable[_T],
    *,
    jobs: int = 1,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[_R]:
    """``task(cleaner, chunk)`` over chunks of ``items``, results flattened in order.

    ``task`` must be a picklable module-level callable and must not raise for
    single items (as :func:`clean_record` does not). With ``jobs > 1`` it runs in
    worker processes with at most ``jobs * CHUNKS_PER_JOB`` chunks in flight; a
    chunk whose task fails in transit (pickling, a crashed worker) runs here.
    """
    jobs = _check_jobs(jobs)
    if jobs == 1:
        return (out for chunk in _chunks(items, chunk_size) for out in task(cleaner, chunk))
    return _parallel(task, cleaner, items, jobs=jobs, chunk_size=chunk_size)


def _parallel(
    task: Callable[[Cleaner, list[_T]], list[_R]],
    cleaner: Cleaner,
    items: Iterable[_T],
    *,
    jobs: int,
    chunk_size: int,
) -> Iterator[_R]:
    pool: _Pool[_T, _R] | None = _Pool(task, cleaner, jobs)
    pending: deque[tuple[list[_T], _Submitted[_R] | None]] = deque()
    try:
        for chunk in _chunks(items, chunk_size):
            while len(pending) >= jobs * CHUNKS_PER_JOB:
                yield from _drain_one(pending, pool, task, cleaner)
            if pool is not None and pool.broken >= MAX_POOL_FAILURES:
                pool.shutdown()
                pool = None
            pending.append((chunk, pool.submit(chunk) if pool is not None else None))
        while pending:
            yield from _drain_one(pending, pool, task, cleaner)
    finally:
        if pool is not None:
            pool.shutdown()


class _Pool(Generic[_T, _R]):
    """A process pool that is replaced when a worker dies, and counts how often."""

    def __init__(self, task: Callable[[Cleaner, list[_T]], list[_R]], cleaner: Cleaner, jobs: int):
        self._task, self._cleaner, self._jobs = task, cleaner, jobs
        self._executor = self._new()
        self.broken = 0

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._jobs,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(self._cleaner,),
        )

    def submit(self, chunk: list[_T]) -> _Submitted[_R] | None:
        """The chunk's future and the pool generation it runs in (None: run it here)."""
        try:
            return self._submit(chunk)
        except BrokenProcessPool as exc:
            self.failed(self.broken, exc)
            return None if self.broken >= MAX_POOL_FAILURES else self._submit(chunk)

    def _submit(self, chunk: list[_T]) -> _Submitted[_R]:
        return _Submitted(self._executor.submit(_run_in_worker, self._task, chunk), self.broken)

    def failed(self, generation: int, exc: BaseException) -> None:
        """Note that pool ``generation`` broke, and start a fresh one (once per pool)."""
        if generation != self.broken:
            return  # that pool has been replaced already
        self.broken += 1
        rest = "" if self.broken < MAX_POOL_FAILURES else ", and so is the rest of the stream"
        warnings.warn(
            f"newsclean worker processes failed ({exc}); the records they held are "
            f"cleaned in the main process{rest}",
            RuntimeWarning,
            stacklevel=2,
        )
        _discard(self._executor)
        self._executor = self._new()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _discard(executor: ProcessPoolExecutor) -> None:
    """Shut a broken pool down for good: kill its workers, then reap them.

    The standard library terminates the workers of a broken pool with SIGTERM and
    joins them; a worker that does not die of it keeps the join (and so the exit of
    the whole program) waiting forever. SIGKILL cannot be ignored.
    """
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(OSError, ValueError):  # already gone, or already closed
            process.kill()
    executor.shutdown(wait=True, cancel_futures=True)


@attrs.frozen
class _Submitted(Generic[_R]):
    future: Future[list[_R]]
    generation: int


def _drain_one(
    pending: deque[tuple[list[_T], _Submitted[_R] | None]],
    pool: _Pool[_T, _R] | None,
    task: Callable[[Cleaner, list[_T]], list[_R]],
    cleaner: Cleaner,
) -> list[_R]:
    chunk, submitted = pending.popleft()
    if submitted is None:
        return task(cleaner, chunk)
    try:
        return submitted.future.result()
    except BrokenProcessPool as exc:
        if pool is not None:
            pool.failed(submitted.generation, exc)
        return task(cleaner, chunk)
    except Exception:  # e.g. an unpicklable record: clean the chunk here
        return task(cleaner, chunk)
