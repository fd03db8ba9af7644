"""The command line, run in-process and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean.cli import main
from tests.conftest import SEED


def test_clean_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(SEED)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"].startswith("Kim Jong Un")
    assert data["language"]["code"] == "id"
    assert data["text"].startswith("Sebanyak 3.000 personel")


def test_clean_text_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--format", "text", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sebanyak 3.000 personel")
    assert "Read Entire Article" not in out


def test_clean_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--explain", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "line 46: [en.read-entire-article]" in out
    assert "structure.dateline" in out


def test_fetched_at_resolves_relative_stamp(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--fetched-at", "2024-11-14T00:00:00+00:00", str(SEED)]) == 0
    assert json.loads(capsys.readouterr().out)["published"] == "2024-10-24T00:00:00+00:00"


def test_unreadable_input_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    binary = tmp_path / "junk.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81junk")
    assert main(["clean", str(binary)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_bad_rule_file_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("= nope", encoding="utf-8")
    assert main(["clean", "--rules", str(bad), str(SEED)]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_stdin_through_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", "--format", "text", "-"],
        input=SEED.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith("Sebanyak")


def test_closed_pipe_is_not_an_error() -> None:
    """`newsclean clean x | head -1` exits cleanly, without a traceback."""
    result = subprocess.run(
        f"{sys.executable} -m newsclean clean {SEED} | head -1",
        shell=True,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert b"BrokenPipeError" not in result.stderr
