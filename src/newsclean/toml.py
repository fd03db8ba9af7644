"""Reading newsclean's TOML data files: rule packs, language data, HTML hints.

One place for the Python 3.10 fallback (``tomli``) and for turning a syntax
error into a :class:`~newsclean.errors.RuleFileError` that names the file.
"""

from __future__ import annotations

import sys
from typing import Any

from newsclean.errors import RuleFileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]


def parse_toml(text: str, *, origin: str) -> dict[str, Any]:
    """The table ``text`` holds; invalid TOML raises :class:`RuleFileError` naming ``origin``."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = f"{origin}: not valid TOML: {exc}"
        raise RuleFileError(msg) from exc
    return data
