"""Clean records on a Dask cluster: partition by partition, one cleaner per worker.

Needs the ``dask`` extra (``pip install "newsclean[dask]"``). The cleaner travels
to the workers as pickled bytes with each task (a few tens of kilobytes) and is
unpickled once per worker process, then reused for every later partition.

::

    import json
    import dask.bag as db
    from newsclean import BatchResult
    from newsclean.dask import clean_bag

    results = clean_bag(db.read_text("crawl-*.jsonl").map(json.loads))
    results.map(BatchResult.to_json).to_textfiles("clean-*.jsonl")

A record without an ``id`` gets ``"<partition>:<position in partition>"``, since a
partition does not know how many records come before it; give records ids when
the output must line up with another run. Other engines use
:func:`clean_partition` directly (Spark: ``rdd.mapPartitions``; see ``docs/batch.md``).
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsclean.batch import BatchResult, clean_record

if TYPE_CHECKING:
    from newsclean.api import Cleaner

__all__ = ["clean_bag", "clean_partition", "worker_cleaner"]

#: Cleaners a worker keeps; a few, so that a long-lived worker serving many
#: differently configured runs does not grow without bound.
MAX_CLEANERS = 4

_lock = threading.Lock()
#: The cleaners this worker process has built, by the digest of their pickle,
#: least recently used first.
_cleaners: OrderedDict[str, Cleaner] = OrderedDict()
#: How many cleaners this process has unpickled (once per worker and cleaner).
unpickled = 0


def worker_cleaner(payload: bytes, digest: str) -> Cleaner:
    """The cleaner pickled in ``payload``, unpickled once per process and then reused.

    ``payload`` comes from this library's own :func:`_pack` (never from a
    third party), so unpickling it is safe.
    """
    global unpickled  # noqa: PLW0603 - a per-process count, read by monitoring and tests
    with _lock:
        cleaner = _cleaners.get(digest)
        if cleaner is None:
            cleaner = pickle.loads(payload)  # noqa: S301 - our own bytes, see above
            _cleaners[digest] = cleaner
            unpickled += 1
            while len(_cleaners) > MAX_CLEANERS:
                _cleaners.popitem(last=False)
        _cleaners.move_to_end(digest)
        return cleaner


def _pack(cleaner: Cleaner) -> tuple[bytes, str]:
    payload = pickle.dumps(cleaner, protocol=pickle.HIGHEST_PROTOCOL)
    return payload, hashlib.sha256(payload).hexdigest()


def clean_partition(
    records: Iterable[object], cleaner: Cleaner, *, partition: int | str | None = None
) -> Iterator[BatchResult]:
    """One :class:`~newsclean.BatchResult` per record of one partition, in order.

    A record without an id gets its position in the partition, prefixed with
    ``"<partition>:"`` when ``partition`` is given. Use it as it is with Spark's
    ``mapPartitions`` or any engine that hands over an iterator per partition.
    """
    for position, record in enumerate(records):
        default = position if partition is None else f"{partition}:{position}"
        yield clean_record(cleaner, record, default_id=default)


def _clean_packed(
    records: Iterable[object], numbers: list[int], payload: bytes, digest: str
) -> list[BatchResult]:
    cleaner = worker_cleaner(payload, digest)
    (partition,) = numbers
    return list(clean_partition(records, cleaner, partition=partition))


def clean_bag(bag: Any, cleaner: Cleaner | None = None) -> Any:
    """A Dask bag of :class:`~newsclean.BatchResult`, one per record of ``bag``, in order.

    ``bag`` holds records as :meth:`newsclean.Cleaner.clean_many` takes them;
    ``cleaner`` defaults to ``Cleaner()``. Nothing runs until the bag is computed.
    A Dask dataframe becomes such a bag with ``df.to_bag(format="dict")``.
    """
    import dask.bag as db

    from newsclean.api import Cleaner

    if cleaner is None:
        cleaner = Cleaner()
    payload, digest = _pack(cleaner)
    from_sequence: Any = db.from_sequence  # untyped in some dask versions
    numbers = from_sequence(range(bag.npartitions), npartitions=bag.npartitions)
    return bag.map_partitions(_clean_packed, numbers, payload, digest)
