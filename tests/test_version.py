"""One version, from the package metadata, reported by the module and the CLI."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

import pytest

import newsclean
from newsclean.cli import main


def _installed() -> str:
    try:
        return version("newsclean")
    except PackageNotFoundError:  # pragma: no cover - a bare source tree
        pytest.skip("newsclean is not installed; its metadata holds the version")


def test_version_is_the_installed_metadata_version() -> None:
    assert newsclean.__version__ == _installed()
    assert re.fullmatch(r"\d+\.\d+\.\d+([.-]?\w+)*", newsclean.__version__)


def test_cli_reports_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"newsclean {newsclean.__version__}\n"


def test_changelog_has_an_entry_for_this_version() -> None:
    from tests.conftest import REPO

    changelog = REPO / "CHANGELOG.md"
    if not changelog.is_file():
        pytest.skip("CHANGELOG.md not present")
    headings = re.findall(r"^## \[?(\d[^\]\s]*)", changelog.read_text("utf-8"), re.MULTILINE)
    assert _installed().split("+")[0] in headings
