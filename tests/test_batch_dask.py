"""newsclean.dask: the cleaner mapped over a Dask bag on a real two-process cluster."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from newsclean import Cleaner, Options

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from newsclean.dask import clean_bag, clean_partition  # noqa: E402 - after the skips


def article_text(n: int) -> str:
    """A small hand-written article with boilerplate; ``n`` varies it."""
    return "\n".join(
        [
            f"Banjir Rob Genangi Jalan Pesisir Utara Hari Ke-{n}",
            f"Air laut pasang menggenangi jalan pesisir setinggi {n % 40 + 5} sentimeter sejak "
            "pagi sehingga kendaraan kecil diminta memutar lewat jalan tol.",
            "Baca juga: Warga pesisir mulai meninggikan lantai rumah",
            "Petugas pemadam kebakaran menyiapkan pompa air di tiga titik rawan dan meminta "
            "warga tetap waspada hingga malam hari.",
        ]
    )


def records() -> list[Any]:
    rows: list[Any] = [{"id": f"doc-{n}", "text": article_text(n)} for n in range(60)]
    rows[7] = {"id": "no-text"}
    rows[23] = {"id": "bad-bytes", "text": b"\xff\xfe"}
    rows[41] = {"id": "naive", "text": "x", "fetched_at": "2024-01-01T00:00:00"}
    return rows


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    )
    with cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


def test_bag_on_a_local_cluster_equals_clean_many(client: Any) -> None:
    """Two worker processes clean a bag partition by partition, exactly like clean_many."""
    rows = records()
    cleaner = Cleaner()
    bag = dask_bag.from_sequence(rows, npartitions=6)
    results = clean_bag(bag, cleaner).compute()
    assert results == list(cleaner.clean_many(rows))
    assert [r.ok for r in results].count(False) == 3
    workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2


def test_one_cleaner_per_worker(client: Any) -> None:
    """Each worker unpickles a cleaner once and reuses it for every partition."""

    def built() -> dict[str, int]:
        return client.run(lambda: __import__("newsclean.dask").dask.unpickled)  # type: ignore[no-any-return]

    before = built()
    bag = dask_bag.from_sequence(records(), npartitions=8)
    # Options no other test uses, so the workers cannot have this cleaner yet.
    cleaner = Cleaner(attrs.evolve(Options(), disabled_rules={"test.one-cleaner-per-worker"}))
    clean_bag(bag, cleaner).compute()
    after = built()
    new = [after[worker] - before.get(worker, 0) for worker in after]
    # Eight partitions, two workers: each worker that took part unpickled it once.
    assert max(new) == 1
    assert 1 <= sum(new) <= 2


def test_records_without_ids_are_named_by_partition() -> None:
    """Without ids, positions are given per partition, since a partition cannot count the rest."""
    bag = dask_bag.from_sequence(["a", "b", "c", "d"], npartitions=2)
    ids = [r.id for r in clean_bag(bag).compute(scheduler="sync")]
    assert ids == ["0:0", "0:1", "1:0", "1:1"]
    assert [r.id for r in clean_partition(["a", "b"], Cleaner())] == [0, 1]
