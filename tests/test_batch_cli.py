"""``newsclean batch``: inputs, one output line per record, summary, resume."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsclean import Cleaner
from newsclean.batch_cli import Progress, partial_path
from newsclean.cli import main

SRC = Path(__file__).resolve().parent.parent / "src"


def article_text(n: int) -> str:
    """A small hand-written article with boilerplate; ``n`` varies it."""
    return "\n".join(
        [
            f"Harga Cabai Turun di Pasar Induk Hari Ke-{n}",
            f"Harga cabai rawit di pasar induk turun menjadi {n % 90 + 10} ribu rupiah per "
            "kilogram setelah pasokan dari daerah penghasil kembali normal.",
            "Baca juga: Pedagang sayur mengeluh sepi pembeli",
            "Pedagang berharap harga tetap stabil menjelang hari raya karena permintaan "
            "biasanya naik dua kali lipat pada pekan terakhir.",
            "ADVERTISEMENT",
        ]
    )


def write_jsonl(path: Path, rows: list[Any]) -> None:
    """Write rows as JSON Lines; a ``bytes`` row is written as it is (a malformed line)."""
    with path.open("wb") as sink:
        for row in rows:
            sink.write(row if isinstance(row, bytes) else json.dumps(row).encode() + b"\n")


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_cli(*args: str | Path) -> int:
    return main(["batch", *map(str, args)])


def crawl_rows(count: int) -> tuple[list[Any], dict[int, str]]:
    """``count`` rows, 1% of them malformed; the expected error type by line number."""
    rows: list[Any] = []
    expected: dict[int, str] = {}
    junk = [
        (b'{"id": "broken", "text": "unterminated\n', "InvalidJSON"),
        (b"\x89PNG\r\x1a\x00\xff\xfe binary junk\n", "InvalidJSON"),
        (b'["an", "array"]\n', "InvalidRecord"),
        (json.dumps({"id": "typed", "text": ["not", "a", "string"]}).encode() + b"\n", None),
        (json.dumps({"id": 1.5, "text": "float id"}).encode() + b"\n", "InvalidRecord"),
    ]
    for number in range(1, count + 1):
        if number % 100 == 37:
            row, kind = junk[(number // 100) % len(junk)]
            rows.append(row)
            expected[number] = kind or "InvalidRecord"
        else:
            rows.append({"id": f"doc-{number}", "text": article_text(number)})
    return rows, expected


def test_many_records_with_malformed_ones(tmp_path: Path) -> None:
    """2,000 records with 1% malformed give 2,000 lines with the right ids, errors counted."""
    rows, expected = crawl_rows(2000)
    source = tmp_path / "crawl.jsonl"
    write_jsonl(source, rows)
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    assert run_cli(source, "-o", out, "--jobs", "2", "--summary", summary) == 0
    lines = read_lines(out)
    assert len(lines) == 2000
    for number, line in enumerate(lines, start=1):
        if number in expected:
            assert line["ok"] is False
            assert line["error"]["type"] == expected[number], line
            wanted_id = "typed" if b'"typed"' in rows[number - 1] else number
            assert line["id"] == wanted_id
        else:
            assert line["ok"] is True
            assert line["id"] == f"doc-{number}"
    report = json.loads(summary.read_text())
    assert report["records"] == 2000
    assert report["errors"] == len(expected) == 20
    assert report["ok"] == 1980
    assert sum(report["errors_by_type"].values()) == 20
    assert report["languages"] == {"id": 1980}
    assert report["removed_by_rule"]["id.read-also"] == 1980
    assert not partial_path(out).exists()


def test_output_matches_clean_many_and_fields_are_configurable(tmp_path: Path) -> None:
    """Field names are options, and each line is BatchResult.to_dict of clean_many's result."""
    rows = [
        {"key": f"k{n}", "body": article_text(n), "link": f"https://e.org/{n}"} for n in range(5)
    ]
    rows.append({"body": article_text(9), "fetched_at": "2024-11-14T08:00:00+07:00"})
    source = tmp_path / "in.jsonl"
    write_jsonl(source, rows)
    out = tmp_path / "out.jsonl"
    args = ["--text-field", "body", "--id-field", "key", "--url-field", "link"]
    assert run_cli(source, "-o", out, *args) == 0
    records = [
        {
            "id": r.get("key"),
            "text": r["body"],
            "url": r.get("link"),
            "fetched_at": r.get("fetched_at"),
        }
        for r in rows
    ]
    expected = [r.to_dict() for r in Cleaner().clean_many(records)]
    expected[-1]["id"] = 6  # without an id, a JSONL record is named by its line number
    assert read_lines(out) == json.loads(json.dumps(expected))


def test_folders_and_gzip_inputs(tmp_path: Path) -> None:
    """Folders are walked in sorted order; .gz inputs are read; unknown files are skipped."""
    folder = tmp_path / "crawl"
    (folder / "b").mkdir(parents=True)
    (folder / "a.txt").write_text(article_text(1), encoding="utf-8")
    (folder / "b" / "c.txt.gz").write_bytes(gzip.compress(article_text(2).encode()))
    (folder / "b" / "d.html.gz").write_bytes(gzip.compress(b"<html><body>x</body></html>"))
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    (folder / "e.jsonl").write_text(json.dumps({"text": article_text(3)}) + "\n", encoding="utf-8")
    packed = tmp_path / "more.jsonl.gz"
    packed.write_bytes(
        gzip.compress(
            ("\n".join(json.dumps({"text": article_text(n)}) for n in (4, 5)) + "\n").encode()
        )
    )
    out = tmp_path / "out.jsonl"
    assert run_cli(folder, packed, "-o", out) == 0
    lines = read_lines(out)
    assert [line["id"] for line in lines] == [
        "a.txt",
        "e.jsonl:1",
        "b/c.txt.gz",
        "b/d.html.gz",
        f"{packed}:1",
        f"{packed}:2",
    ]
    assert [line["ok"] for line in lines] == [True, True, True, lines[3]["ok"], True, True]
    if not lines[3]["ok"]:  # before the HTML path exists
        assert lines[3]["error"]["type"] == "UnsupportedInput"
    assert lines[2]["article"] == Cleaner().clean_text(article_text(2)).to_dict()


def test_single_jsonl_file_ids_are_line_numbers(tmp_path: Path) -> None:
    """In one JSONL file a record without id is its line number; blank lines are no records."""
    source = tmp_path / "in.jsonl.gz"
    source.write_bytes(gzip.compress(b'{"text": "a"}\n\n   \n{"text": "b"}\n{"text": "c"}'))
    out = tmp_path / "out.jsonl"
    assert run_cli(source, "-o", out) == 0
    assert [line["id"] for line in read_lines(out)] == [1, 4, 5]


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    """A corrupt gzip stream gives the records read so far and one ReadError record."""
    data = gzip.compress(
        "".join(json.dumps({"text": article_text(n)}) + "\n" for n in range(400)).encode()
    )
    source = tmp_path / "cut.jsonl.gz"
    source.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out.jsonl"
    assert run_cli(source, "-o", out) == 0
    lines = read_lines(out)
    assert 0 < len(lines) < 401
    assert all(line["ok"] for line in lines[:-1])
    assert lines[-1]["error"]["type"] == "ReadError"
    assert lines[-1]["id"] == len(lines)


def test_oversized_records_are_reported_not_read(tmp_path: Path) -> None:
    """A line over --max-record-bytes becomes an error; the lines after it are fine."""
    source = tmp_path / "in.jsonl"
    write_jsonl(source, [{"text": "x" * 5000}, {"text": "short one"}])
    (tmp_path / "big.txt").write_text("y" * 5000, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli(source, tmp_path / "big.txt", "-o", out, "--max-record-bytes", "1000") == 0
    lines = read_lines(out)
    assert [line["ok"] for line in lines] == [False, True, False]
    assert {line["error"]["type"] for line in (lines[0], lines[2])} == {"InputTooLargeError"}
    assert [line["id"] for line in lines] == [
        f"{source}:1",
        f"{source}:2",
        f"{tmp_path / 'big.txt'}",
    ]


def test_standard_input_and_lone_surrogates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-`` reads JSONL from stdin; an id no UTF-8 can hold is written escaped."""
    data = b'{"id": "\\ud800", "text": "Berita singkat."}\n{"text": "Lagi."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = tmp_path / "out.jsonl"
    assert run_cli("-", "-o", out) == 0
    raw = out.read_bytes()
    assert b"\\ud800" in raw
    assert [line["id"] for line in read_lines(out)] == ["\ud800", 2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "no such file"),
        (["data.csv"], "name it .jsonl"),
        (["-", "-"], "read once"),
    ],
)
def test_unreadable_inputs_fail_before_writing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    """Inputs are checked up front; no output is started."""
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.jsonl"
    assert run_cli(*args, "-o", out) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert not partial_path(out).exists()


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli("x.jsonl", "-o", "y.jsonl", "--jobs", "0")
    assert exit_info.value.code == 2
    assert "expected a whole number" in capsys.readouterr().err


def test_summary_and_progress_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The summary is always printed; the bar only when asked (stderr here is not a terminal)."""
    source = tmp_path / "in.jsonl"
    write_jsonl(source, [{"text": article_text(n)} for n in range(3)] + [b"{oops\n"])
    out = tmp_path / "out.jsonl"
    assert run_cli(source, "-o", out) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert "4 records, 3 ok, 1 errors" in err
    assert "InvalidJSON 1" in err
    assert "languages: id 3" in err
    assert run_cli(source, "-o", out, "--progress", "always") == 0
    err = capsys.readouterr().err
    assert "\r" in err
    assert "records" in err.split("\r")[1]


def test_progress_line() -> None:
    """The bar shows records, rate, share done and time left."""
    bar = Progress(None, total_bytes=1000)
    assert bar.line(500, 250, 10.0) == (
        "500 records  50/s  [######..................]  25%  ETA 0:30  elapsed 0:10"
    )
    assert Progress(None, None).line(7, 0, 3700.0) == "7 records  0/s  elapsed 1:01:40"


def _reference(tmp_path: Path, rows: list[Any]) -> tuple[Path, bytes, dict[str, Any]]:
    source = tmp_path / "crawl.jsonl"
    write_jsonl(source, rows)
    out, summary = tmp_path / "reference.jsonl", tmp_path / "reference-summary.json"
    assert run_cli(source, "-o", out, "--summary", summary) == 0
    return source, out.read_bytes(), json.loads(summary.read_text())


def test_resume_after_a_torn_write(tmp_path: Path) -> None:
    """A partial file with a torn last line resumes into exactly the uninterrupted output."""
    rows, _ = crawl_rows(300)
    source, reference, reference_summary = _reference(tmp_path, rows)
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    lines = reference.splitlines(keepends=True)
    partial_path(out).write_bytes(b"".join(lines[:123]) + lines[123][:57])
    assert run_cli(source, "-o", out, "--resume", "--summary", summary, "--jobs", "2") == 0
    assert out.read_bytes() == reference
    resumed = json.loads(summary.read_text())
    assert resumed.pop("resumed_after") == 123
    reference_summary.pop("resumed_after")
    assert resumed == {**reference_summary, "output": str(out)}


def test_resume_with_nothing_written_and_without_resume(tmp_path: Path) -> None:
    """--resume with no partial file starts afresh; without --resume a partial is replaced."""
    rows = [{"text": article_text(n)} for n in range(20)]
    source, reference, _ = _reference(tmp_path, rows)
    out = tmp_path / "out.jsonl"
    assert run_cli(source, "-o", out, "--resume") == 0
    assert out.read_bytes() == reference
    partial_path(out).write_bytes(
        b'{"id": 1, "ok": false, "error": {"type": "X", "message": ""}}\n'
    )
    assert run_cli(source, "-o", out) == 0
    assert out.read_bytes() == reference


def test_resume_after_the_process_is_killed(tmp_path: Path) -> None:
    """Kill a real run midway (SIGKILL, no cleanup), resume it, get the uninterrupted file."""
    rows, _ = crawl_rows(1500)
    source, reference, _ = _reference(tmp_path, rows)
    out = tmp_path / "out.jsonl"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "newsclean", "batch", str(source), "-o", str(out)]
    child = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    partial = partial_path(out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        if partial.exists() and partial.stat().st_size > 20_000:
            break
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait()
    if out.exists():
        pytest.fail("the run finished before it could be interrupted; make the input larger")
    written = partial.read_bytes()
    assert 0 < written.count(b"\n") < len(rows)
    assert run_cli(source, "-o", out, "--resume") == 0
    assert out.read_bytes() == reference


def test_summary_counts_every_line_of_a_folded_run(tmp_path: Path) -> None:
    """A run of identical removed lines is one trail record but counts as its lines."""
    text = article_text(1) + "\nADVERTISEMENT" * 3
    source, out, summary = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "s.json"
    write_jsonl(source, [{"text": text}])
    assert run_cli(source, "-o", out, "--summary", summary) == 0
    removed = read_lines(out)[0]["article"]["removed"]
    assert [r.get("count", 1) for r in removed if r["rule"] == "en.advertisement"] == [4]
    report = json.loads(summary.read_text())
    assert report["removed_by_rule"]["en.advertisement"] == 4
