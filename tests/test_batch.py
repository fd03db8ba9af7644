"""Cleaner.clean_many: one result per record, in order, never an exception."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import pickle
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import Article, BatchResult, Cleaner, RecordError
from newsclean.batch import clean_many, looks_like_html
from newsclean.pool import CHUNK_SIZE, CHUNKS_PER_JOB, ordered_map

UTC = dt.timezone.utc
STORY = (
    "Pemerintah kota mengumumkan jadwal baru angkutan umum yang mulai berlaku pekan depan "
    "untuk seluruh warga."
)


def article_text(n: int) -> str:
    """A small hand-written article with boilerplate; ``n`` varies it."""
    return "\n".join(
        [
            f"Jadwal Baru Angkutan Kota Nomor {n}",
            f"{STORY} Rute nomor {n} ikut berubah.",
            "Baca juga: Harga tiket kereta naik mulai bulan depan",
            "Petugas akan berjaga di setiap halte selama masa peralihan berlangsung hingga "
            f"akhir bulan, kata kepala dinas perhubungan pada hari ke-{n}.",
            "ADVERTISEMENT",
        ]
    )


def test_one_result_per_record_in_order_with_ids() -> None:
    """Every record gives one result, in order; ids come from the record or its position."""
    cleaner = Cleaner()
    fetched = dt.datetime(2024, 11, 14, 8, tzinfo=UTC)
    records: list[Any] = [
        article_text(0),
        article_text(1).encode(),
        {"id": "a", "text": article_text(2), "url": "https://example.org/a"},
        {"text": article_text(3), "fetched_at": "2024-11-14T08:00:00Z"},
        {"id": 7, "text": article_text(4), "fetched_at": fetched, "title": "Judul"},
        42,
        None,
        {"id": "no-body"},
        {"id": "wrong", "text": 3.5},
        b"\xff\xfe\x00junk",
        {"id": "naive", "text": "x", "fetched_at": "2024-11-14T08:00:00"},
        {"id": "garbled", "text": "x", "fetched_at": "yesterday"},
        {"id": ["not", "an", "id"], "text": "x"},
        {"id": True, "text": "x"},
        {"id": "url", "text": "x", "url": 5},
        "",
    ]
    results = list(cleaner.clean_many(records))
    expected_ids = [0, 1, "a", 3, 7, 5, 6, "no-body", "wrong", 9, "naive", "garbled", 12, 13]
    assert [r.id for r in results] == [*expected_ids, "url", 15]
    oks = [r.ok for r in results]
    assert oks == [True] * 5 + [False] * 10 + [True]
    types = [r.error.type for r in results if r.error is not None]
    assert types == ["InvalidRecord"] * 4 + ["InvalidInputError"] + ["InvalidRecord"] * 5
    assert results[2].article == cleaner.clean_text(article_text(2), url="https://example.org/a")
    assert results[3].article == cleaner.clean_text(article_text(3), fetched_at=fetched)
    assert results[4].article == cleaner.clean_text(
        article_text(4), fetched_at=fetched, title="Judul"
    )
    assert results[1].article == cleaner.clean_text(article_text(1))
    assert results[15].article is not None
    assert results[15].article.is_empty


def test_cleaner_errors_keep_their_class_name() -> None:
    """A record over the size limit reports InputTooLargeError and the stream goes on."""
    cleaner = Cleaner(attrs.evolve(newsclean.Options(), max_input_chars=50))
    results = list(cleaner.clean_many(["x" * 51, "short"]))
    assert results[0].error is not None
    assert results[0].error.type == "InputTooLargeError"
    assert results[1].ok


def test_unexpected_exception_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in the cleaner becomes an InternalError result, not the end of the stream."""

    def broken(self: Cleaner, text: str, **_: object) -> Article:
        if "boom" in text:
            raise ZeroDivisionError("division by zero")
        return Article()

    monkeypatch.setattr(Cleaner, "clean_text", broken)
    results = list(Cleaner().clean_many(["fine", "boom", "fine"]))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error == RecordError("InternalError", "ZeroDivisionError: division by zero")


def test_html_without_clean_html_is_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an HTML cleaner, HTML records are reported as UnsupportedInput."""
    monkeypatch.delattr(Cleaner, "clean_html", raising=False)
    records = [{"id": "h", "html": "<p>Hi</p>"}, b"<!DOCTYPE html><html><body>x</body></html>"]
    results = list(Cleaner().clean_many(records))
    assert [(r.id, r.error.type if r.error else None) for r in results] == [
        ("h", "UnsupportedInput"),
        (1, "UnsupportedInput"),
    ]


def test_html_records_go_to_clean_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """HTML mappings and HTML-looking bytes are handed to Cleaner.clean_html with url/fetched_at."""
    calls: list[tuple[object, dict[str, object]]] = []

    def fake_clean_html(self: Cleaner, html: str | bytes, **kwargs: object) -> Article:
        calls.append((html, kwargs))
        if html == "<p>bad":
            raise newsclean.InvalidInputError("cannot parse")
        return Article(title="from html")

    monkeypatch.setattr(Cleaner, "clean_html", fake_clean_html, raising=False)
    page = b"  <html><body><p>Story</p></body></html>"
    records = [
        {
            "id": "m",
            "html": "<p>Story</p>",
            "url": "https://e.org/",
            "fetched_at": "2024-01-02T03:04:05+07:00",
        },
        page,
        {"html": b"<div>bytes</div>"},
        {"html": "<p>bad"},
        {"html": 12},
        b"Plain text that happens to mention <html> later on.",
        {"text": "text wins", "html": "<p>ignored</p>"},
    ]
    results = list(Cleaner().clean_many(records))
    assert [r.ok for r in results] == [True, True, True, False, False, True, True]
    assert results[3].error == RecordError("InvalidInputError", "cannot parse")
    assert results[4].error is not None
    assert results[4].error.type == "InvalidRecord"
    assert results[0].article == Article(title="from html")
    assert results[5].article is not None
    assert results[5].article.title != "from html"
    when = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert calls == [
        ("<p>Story</p>", {"url": "https://e.org/", "fetched_at": when}),
        (page, {}),
        (b"<div>bytes</div>", {"url": None, "fetched_at": None}),
        ("<p>bad", {"url": None, "fetched_at": None}),
    ]


def test_looks_like_html() -> None:
    """Only input that starts like markup counts as HTML."""
    assert looks_like_html(b"\xef\xbb\xbf\n <!doctype html>")
    assert looks_like_html("<p>x</p>")
    assert looks_like_html(b"<DIV class=a>")
    assert not looks_like_html(b"<3 this story")
    assert not looks_like_html(b"Headline\n<p>")
    assert not looks_like_html(b"")


def test_batch_result_holds_exactly_one_outcome() -> None:
    """A result has an article or an error, never both or neither; to_dict mirrors it."""
    with pytest.raises(ValueError, match="exactly one"):
        BatchResult(1)
    with pytest.raises(ValueError, match="exactly one"):
        BatchResult(1, article=Article(), error=RecordError("X", "y"))
    bad = BatchResult("r", error=RecordError("InvalidRecord", "no text"))
    assert bad.to_dict() == {
        "id": "r",
        "ok": False,
        "error": {"type": "InvalidRecord", "message": "no text"},
    }
    good = BatchResult(3, article=Article(title="T"))
    assert good.to_dict()["article"]["title"] == "T"
    assert Article.from_dict(good.to_dict()["article"]) == Article(title="T")


def test_cleaner_is_picklable_and_cleans_the_same() -> None:
    """A cleaner survives pickling (how it reaches workers) and cleans identically."""
    cleaner = Cleaner(attrs.evolve(newsclean.Options(), disabled_rules={"en.advertisement"}))
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy == cleaner
    text = article_text(5)
    assert copy.clean_text(text) == cleaner.clean_text(text)


def test_jobs_two_gives_the_same_results_in_order() -> None:
    """Worker processes give exactly the in-process results, in input order."""
    records: list[Any] = [{"id": f"r{i}", "text": article_text(i)} for i in range(70)]
    records[13] = {"id": "bad", "text": None}
    records[40] = b"\xff"
    cleaner = Cleaner()
    assert list(cleaner.clean_many(records, jobs=2)) == list(cleaner.clean_many(records))


def test_unpicklable_record_is_cleaned_in_process() -> None:
    """A record that cannot travel to a worker is still cleaned, in order."""

    class LocalMapping(dict[str, Any]):  # a local class cannot be pickled
        pass

    records: list[Any] = [article_text(i) for i in range(40)]
    records[20] = LocalMapping(id="local", text=article_text(99))
    results = list(Cleaner().clean_many(records, jobs=2))
    assert [r.id for r in results] == [*range(20), "local", *range(21, 40)]
    assert all(r.ok for r in results)


def _stream(consumed: list[int]) -> Iterator[str]:
    for i in itertools.count():
        consumed.append(i)
        yield article_text(i)


@pytest.mark.parametrize("jobs", [1, 2])
def test_streams_with_a_bounded_window(jobs: int) -> None:
    """clean_many is lazy and reads at most a bounded window ahead, even of an endless input."""
    consumed: list[int] = []
    results = Cleaner().clean_many(_stream(consumed), jobs=jobs)
    first = list(itertools.islice(results, 5))
    assert [r.id for r in first] == [0, 1, 2, 3, 4]
    window = CHUNK_SIZE * (CHUNKS_PER_JOB * jobs + 1)
    assert len(consumed) <= window
    results.close()


def _exit_in_worker(cleaner: Cleaner, chunk: list[int]) -> list[int]:
    from newsclean import pool

    if pool._worker_cleaner is not None and 3 in chunk:
        os._exit(3)  # a worker dying mid-task (killed, out of memory)
    return [n * 10 for n in chunk]


def test_a_dying_worker_does_not_lose_records() -> None:
    """When a worker dies, its chunks are redone in the main process, with a warning."""
    with pytest.warns(RuntimeWarning, match="worker processes failed"):
        out = list(ordered_map(_exit_in_worker, Cleaner(), range(100), jobs=2, chunk_size=4))
    assert out == [n * 10 for n in range(100)]


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True, "2"])
def test_bad_jobs_is_invalid_input(jobs: Any) -> None:
    """jobs must be a whole number of at least one."""
    with pytest.raises(newsclean.InvalidInputError):
        clean_many(Cleaner(), [], jobs=jobs)


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
_records = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200),
    _scalars,
    st.dictionaries(
        st.sampled_from(["id", "text", "html", "url", "fetched_at", "title", "other"]),
        st.one_of(_scalars, st.binary(max_size=20), st.lists(st.integers(), max_size=2)),
        max_size=6,
    ),
    st.lists(st.text(max_size=5), max_size=3),
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(_records, max_size=8))
def test_total_on_any_records(records: list[Any]) -> None:
    """Any list of values gives exactly one result per value, ids in order, never raising."""
    results = list(Cleaner().clean_many(records))
    assert len(results) == len(records)
    for position, (record, result) in enumerate(zip(records, results, strict=True)):
        if isinstance(record, dict) and type(record.get("id")) in (str, int):
            assert result.id == record["id"]
        else:
            assert result.id == position
        assert result.ok == (result.article is not None)
        if result.error is not None:
            assert result.error.type != "InternalError", result.error.message
