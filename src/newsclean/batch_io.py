"""Reading crawl files as a stream of records, and cleaning them into JSON lines.

Inputs are JSON Lines files (one record per line), ``.txt`` and ``.html`` files
(one record per file), folders of those (walked recursively, in sorted order), and
any of them gzip-compressed (``.jsonl.gz``, ``.txt.gz``, ``.html.gz``). The reader
only cuts the input into raw :class:`Unit` s, in a stable order, and never parses
them: parsing and cleaning run in the worker processes, so a bad line costs the
reader nothing and becomes an error record like any other.

Memory stays flat: files are read line by line, a record larger than
``max_record_bytes`` is skipped without being held (and reported), and folders
are walked one directory at a time.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import attrs

from newsclean.batch import (
    INVALID_JSON,
    INVALID_RECORD,
    READ_ERROR,
    BatchResult,
    RecordError,
    RecordId,
    clean_record,
)

if TYPE_CHECKING:
    from newsclean.api import Cleaner

#: Largest record read by default (one JSON line, or one file), in bytes.
MAX_RECORD_BYTES = 64 * 1024 * 1024
#: File name endings the reader knows, with the kind of record they hold.
SUFFIXES: dict[str, Literal["jsonl", "text", "html"]] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}
_SKIP_CHUNK = 1 << 20

UnitKind = Literal["jsonl", "text", "html"]


@attrs.frozen
class Unit:
    """One raw record as read: a JSON line or a file's bytes, or why it could not be read."""

    kind: UnitKind
    default_id: RecordId
    data: bytes | None = None
    error: RecordError | None = None


@attrs.frozen
class Fields:
    """Which fields of an input record hold what: the one list of input names.

    ``newsclean batch`` reads JSON Lines records through it (``--text-field`` and
    the like), and the Scrapy pipeline reads items through it
    (``PipelineConfig.input_fields``), so both know the same inputs, with the same
    default names, and read them the same way.

    >>> inputs = Fields(text="body").read({"body": "A story.", "url": "https://example.org/a"})
    >>> inputs["text"], inputs["url"], inputs["html"]
    ('A story.', 'https://example.org/a', None)
    """

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"
    fetched_at: str = "fetched_at"
    title: str = "title"

    def read(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """The record's inputs under newsclean's own keys; ``None`` where a field is missing."""
        return {key: record.get(getattr(self, key)) for key in _FIELD_KEYS}


#: newsclean's own keys of the inputs, the attribute names of :class:`Fields`.
_FIELD_KEYS = tuple(field.name for field in attrs.fields(Fields))


#: What the run summary counts of one record: error type, language, and each
#: removal record's rule with the number of lines it stands for.
Outcome = tuple[str | None, str | None, tuple[tuple[str, int], ...]]


def kind_of(path: Path) -> UnitKind | None:
    """The kind of record a file holds, from its name (``.gz`` looked through)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return SUFFIXES.get(os.path.splitext(name)[1])


class _Opened:
    """A file opened for reading, decompressed when gzipped, that knows its raw offset."""

    def __init__(self, path: Path | None) -> None:
        import sys

        self._owned = path is not None
        self.raw: IO[bytes] = sys.stdin.buffer if path is None else path.open("rb")
        self.stream: IO[bytes] = self.raw
        if path is not None and path.name.lower().endswith(".gz"):
            self.stream = gzip.GzipFile(fileobj=self.raw, mode="rb")  # type: ignore[assignment]

    def offset(self) -> int:
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        if self.stream is not self.raw:
            self.stream.close()
        if self._owned:
            self.raw.close()


@attrs.define
class Reader:
    """Cuts input paths into :class:`Unit` s, in a stable order.

    ``bytes_done`` and ``bytes_total`` (on-disk bytes, compressed when gzipped)
    drive the progress display; ``skipped_files`` counts folder entries with a
    name the reader does not know.
    """

    paths: tuple[str, ...]
    max_record_bytes: int = MAX_RECORD_BYTES
    bytes_done: int = 0
    skipped_files: int = 0
    _finished_bytes: int = 0

    def units(self) -> Iterator[Unit]:
        """Every record of every input, in order."""
        several = len(self.paths) > 1 or any(Path(p).is_dir() for p in self.paths)
        for given in self.paths:
            if given == "-":
                yield from self._jsonl(None, "-" if several else None)
                continue
            path = Path(given)
            if path.is_dir():
                for file, label in self._walk(path):
                    yield from self._file(file, label, labelled=True)
            else:
                yield from self._file(path, given, labelled=several)

    def bytes_total(self) -> int | None:
        """On-disk size of all inputs (walks folders); ``None`` when reading stdin."""
        total = 0
        for given in self.paths:
            if given == "-":
                return None
            path = Path(given)
            files = (f for f, _ in self._walk(path, count=False)) if path.is_dir() else [path]
            total += sum(_size(f) for f in files)
        return total

    def _walk(self, root: Path, *, count: bool = True) -> Iterator[tuple[Path, str]]:
        for folder, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                file = Path(folder, name)
                if kind_of(file) is None:
                    self.skipped_files += count
                    continue
                yield file, file.relative_to(root).as_posix()

    def _file(self, path: Path, label: str, *, labelled: bool) -> Iterator[Unit]:
        kind = kind_of(path)
        if kind == "jsonl":
            yield from self._jsonl(path, label if labelled else None)
            return
        if kind is None:  # only top-level files get here; main() checks them up front
            kind = "text"
        try:
            opened = _Opened(path)
        except OSError as exc:
            yield Unit(kind, label, error=RecordError(READ_ERROR, _os_message(path, exc)))
            return
        try:
            data = opened.stream.read(self.max_record_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield Unit(kind, label, error=RecordError(READ_ERROR, _os_message(path, exc)))
            return
        finally:
            opened.close()
            self._advance(_size(path))
        if len(data) > self.max_record_bytes:
            yield Unit(kind, label, error=_too_large(self.max_record_bytes))
            return
        yield Unit(kind, label, data=data)

    def _jsonl(self, path: Path | None, label: str | None) -> Iterator[Unit]:
        def line_id(number: int) -> RecordId:
            return number if label is None else f"{label}:{number}"

        try:
            opened = _Opened(path)
        except OSError as exc:
            message = _os_message(path, exc)
            yield Unit("jsonl", label or str(path), error=RecordError(READ_ERROR, message))
            return
        number = 0
        try:
            while line := opened.stream.readline(self.max_record_bytes + 1):
                number += 1
                self.bytes_done = self._finished_bytes + opened.offset()
                if len(line) > self.max_record_bytes and not line.endswith(b"\n"):
                    _skip_rest_of_line(opened.stream)
                    yield Unit("jsonl", line_id(number), error=_too_large(self.max_record_bytes))
                elif line.strip():
                    yield Unit("jsonl", line_id(number), data=line)
        except (OSError, EOFError, zlib.error) as exc:
            # A truncated or corrupt gzip stream: what was read stands, the rest is one error.
            message = _os_message(path, exc)
            yield Unit("jsonl", line_id(number + 1), error=RecordError(READ_ERROR, message))
        finally:
            opened.close()
            self._advance(_size(path) if path is not None else opened.offset())

    def _advance(self, size: int) -> None:
        self._finished_bytes += size
        self.bytes_done = self._finished_bytes


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while rest := stream.readline(_SKIP_CHUNK):
        if rest.endswith(b"\n"):
            return


def _size(path: Path | None) -> int:
    try:
        return path.stat().st_size if path is not None else 0
    except OSError:
        return 0


def _os_message(path: Path | None, exc: BaseException) -> str:
    where = "standard input" if path is None else str(path)
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"cannot read {where}: {reason or type(exc).__name__}"


def _too_large(limit: int) -> RecordError:
    return RecordError("InputTooLargeError", f"record over max_record_bytes={limit:,}")


# -- cleaning units (runs in the worker processes) ------------------------------------


@attrs.frozen
class UnitTask:
    """Parse and clean a chunk of units into JSON lines; picklable, never raises."""

    fields: Fields = Fields()

    def __call__(self, cleaner: Cleaner, chunk: list[Unit]) -> list[tuple[bytes, Outcome]]:
        """One UTF-8 JSON line (newline included) and its :data:`Outcome` per unit."""
        out: list[tuple[bytes, Outcome]] = []
        for unit in chunk:
            result = self.clean(cleaner, unit)
            out.append((json_line(result), outcome(result)))
        return out

    def clean(self, cleaner: Cleaner, unit: Unit) -> BatchResult:
        """The result of one unit."""
        if unit.error is not None or unit.data is None:
            error = unit.error or RecordError(READ_ERROR, "no data")
            return BatchResult(unit.default_id, error=error)
        if unit.kind == "text":
            return clean_record(cleaner, {"text": unit.data}, default_id=unit.default_id)
        if unit.kind == "html":
            return clean_record(cleaner, {"html": unit.data}, default_id=unit.default_id)
        record = self._parse(unit.data)
        if isinstance(record, RecordError):
            return BatchResult(unit.default_id, error=record)
        return clean_record(cleaner, record, default_id=unit.default_id)

    def _parse(self, line: bytes) -> dict[str, Any] | RecordError:
        try:
            value = json.loads(line)
        except UnicodeDecodeError as exc:
            return RecordError(INVALID_JSON, f"not UTF-8 ({exc.reason} at byte {exc.start})")
        except ValueError as exc:  # JSONDecodeError, and numbers too long to convert
            return RecordError(INVALID_JSON, f"not valid JSON: {exc}")
        except RecursionError:
            return RecordError(INVALID_JSON, "not valid JSON: nested too deeply")
        if not isinstance(value, dict):
            return RecordError(
                INVALID_RECORD, f"a record is a JSON object, got {_json_type(value)}"
            )
        return self.fields.read(value)


def json_line(result: BatchResult) -> bytes:
    """The result as one UTF-8 JSON line.

    Non-ASCII text stays readable; a lone surrogate (JSON input may carry one in an
    id or a URL) cannot be UTF-8, so such a line is written with ASCII escapes.
    """
    data = result.to_dict()
    try:
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(data) + "\n").encode("ascii")


def _json_type(value: object) -> str:
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def outcome(result: BatchResult) -> Outcome:
    """What the summary counts of a result: error type, language, removal rules."""
    if result.article is None:
        assert result.error is not None
        return (result.error.type, None, ())
    article = result.article
    return (None, article.language.code, tuple((r.rule, r.count) for r in article.removed))


def outcome_of_line(data: dict[str, Any]) -> Outcome:
    """The :data:`Outcome` of a result already written as JSON (for ``--resume``)."""
    if data.get("ok"):
        article = data["article"]
        rules = tuple((r["rule"], r.get("count", 1)) for r in article["removed"])
        return (None, article["language"]["code"], rules)
    return (data["error"]["type"], None, ())
