"""``newsclean batch``: clean whole crawls into JSON Lines, resumably.

``newsclean batch INPUT... -o OUT.jsonl`` writes one JSON line per input record,
in input order: ``{"id", "ok": true, "article"}`` or ``{"id", "ok": false,
"error": {"type", "message"}}``. Output goes to ``OUT.jsonl.partial`` and is
renamed to ``OUT.jsonl`` when the run is complete, so a finished file is never
half written. ``--resume`` continues an interrupted run: records have a stable
order, so the first K complete lines of the partial file are the first K records;
those are skipped (and counted into the summary again), a torn last line is cut
off, and cleaning goes on from record K+1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

import attrs

from newsclean.batch_io import (
    MAX_RECORD_BYTES,
    Fields,
    Outcome,
    Reader,
    UnitTask,
    kind_of,
    outcome_of_line,
)
from newsclean.errors import NewscleanError, ReadError
from newsclean.pool import ordered_map

if TYPE_CHECKING:
    from newsclean.api import Cleaner

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
#: How many rules the stderr summary lists (the JSON summary has them all).
TOP_RULES = 10
#: The record fields ``--<key>-field`` renames, with what each holds; the default
#: names are those of :class:`Fields`, which the Scrapy pipeline reads items with too.
_FIELD_OPTIONS = {
    "text": "the article text",
    "html": "the page HTML",
    "id": "the record id",
    "url": "the page URL",
}


def add_parser(commands: Any) -> None:
    """Add the ``batch`` subcommand to the CLI's subparsers."""
    batch = commands.add_parser(
        "batch",
        help="clean many records (JSONL, folders of .txt/.html, gzipped) into JSONL",
        description=(
            "Clean every record of the inputs into OUT, one JSON line per record, in order. "
            "Inputs: .jsonl/.ndjson files (one record per line), .txt/.html files, folders "
            "of them, any of them .gz; - reads JSON Lines from standard input."
        ),
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or -")
    batch.add_argument("-o", "--output", required=True, metavar="OUT.jsonl", help="output file")
    batch.add_argument("--jobs", type=_positive, default=1, help="worker processes (default: 1)")
    batch.add_argument(
        "--resume", action="store_true", help="continue an interrupted run into the same OUT"
    )
    batch.add_argument("--summary", metavar="FILE", help="also write the run summary as JSON")
    for key, holds in _FIELD_OPTIONS.items():
        default = getattr(Fields(), key)
        batch.add_argument(f"--{key}-field", default=default, help=f"JSONL field with {holds}")
    batch.add_argument(
        "--max-record-bytes",
        type=_positive,
        default=MAX_RECORD_BYTES,
        help=f"larger records are reported, not read (default: {MAX_RECORD_BYTES:,})",
    )
    batch.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal)",
    )
    from newsclean.cli import add_cleaner_options

    add_cleaner_options(batch)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"expected a whole number >= 1, got {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return number


@attrs.define
class Summary:
    """Counts over a run's results: records, ok, errors by type, languages, rules."""

    records: int = 0
    ok: int = 0
    errors: Counter[str] = attrs.field(factory=Counter)
    languages: Counter[str] = attrs.field(factory=Counter)
    removed_by_rule: Counter[str] = attrs.field(factory=Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one record."""
        error, language, rules = outcome
        self.records += 1
        if error is not None:
            self.errors[error] += 1
            return
        self.ok += 1
        if language is not None:
            self.languages[language] += 1
        for rule, lines in rules:
            self.removed_by_rule[rule] += lines

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts, each mapping sorted by count then name."""

        def ranked(counter: Counter[str]) -> dict[str, int]:
            return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

        return {
            "records": self.records,
            "ok": self.ok,
            "errors": sum(self.errors.values()),
            "errors_by_type": ranked(self.errors),
            "languages": ranked(self.languages),
            "removed_by_rule": ranked(self.removed_by_rule),
        }

    def render(self, seconds: float, *, cleaned: int | None = None) -> str:
        """The summary for people, as printed on stderr.

        ``cleaned`` is how many records this run cleaned (fewer than ``records``
        after ``--resume``); the rate is taken over those.
        """

        def listed(counter: Counter[str], limit: int | None = None) -> str:
            items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            shown = ", ".join(f"{k} {v:,}" for k, v in items[:limit])
            more = len(items) - len(items[:limit])
            return (shown or "none") + (f", ... {more} more" if more > 0 else "")

        fresh = self.records if cleaned is None else cleaned
        rate = f" ({fresh / seconds:,.1f} records/s)" if seconds > 0 else ""
        return "\n".join(
            [
                f"newsclean batch: {self.records:,} records, {self.ok:,} ok, "
                f"{self.records - self.ok:,} errors in {seconds:,.1f} s{rate}",
                f"  errors by type: {listed(self.errors)}",
                f"  languages: {listed(self.languages)}",
                f"  removed by rule: {listed(self.removed_by_rule, TOP_RULES)}",
            ]
        )


class Progress:
    """A one-line progress bar on a terminal: records, rate, share done and ETA.

    Drawn at most a few times a second; the clock is used for display only.
    """

    WIDTH = 24
    INTERVAL = 0.2

    def __init__(self, stream: TextIO | None, total_bytes: int | None) -> None:
        self._stream = stream
        self._total = total_bytes
        self._start = time.monotonic()
        self._last = 0.0

    def update(self, records: int, bytes_done: int, *, force: bool = False) -> None:
        """Redraw when due."""
        if self._stream is None:
            return
        now = time.monotonic()
        if not force and now - self._last < self.INTERVAL:
            return
        self._last = now
        self._stream.write("\r" + self.line(records, bytes_done, now - self._start) + "\x1b[K")
        self._stream.flush()

    def line(self, records: int, bytes_done: int, elapsed: float) -> str:
        """The text of the bar after ``elapsed`` seconds."""
        rate = records / elapsed if elapsed > 0 else 0.0
        parts = [f"{records:,} records", f"{rate:,.0f}/s"]
        if self._total:
            share = min(1.0, bytes_done / self._total)
            filled = int(share * self.WIDTH)
            parts.append(f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}")
            if 0 < share < 1:
                parts.append(f"ETA {_clock(elapsed * (1 - share) / share)}")
        parts.append(f"elapsed {_clock(elapsed)}")
        return "  ".join(parts)

    def close(self) -> None:
        """Clear the bar's line."""
        if self._stream is not None:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def partial_path(output: Path) -> Path:
    """Where a run writes before the output is complete."""
    return output.with_name(output.name + ".partial")


def recover(partial: Path, summary: Summary) -> int:
    """Count the complete result lines of ``partial`` into ``summary``; cut the rest.

    A line is complete when it ends in a newline and parses as a result object;
    everything from the first incomplete line on (a line torn by the interruption)
    is truncated away. Returns the number of complete lines.
    """
    good_end = 0
    count = 0
    with partial.open("rb") as stream:
        for line in stream:
            if not line.endswith(b"\n"):
                break
            try:
                data = json.loads(line)
                found = outcome_of_line(data)
            except (ValueError, KeyError, TypeError, AttributeError):
                break
            summary.add(found)
            count += 1
            good_end += len(line)
    with partial.open("r+b") as stream:
        stream.truncate(good_end)
    return count


def _check_inputs(paths: list[str]) -> None:
    if paths.count("-") > 1:
        msg = "standard input (-) can be read once"
        raise ReadError(msg)
    for given in paths:
        if given == "-":
            continue
        path = Path(given)
        if not path.exists():
            msg = f"cannot read {given}: no such file or folder"
            raise ReadError(msg)
        if path.is_file() and kind_of(path) is None:
            msg = f"cannot read {given}: name it .jsonl, .ndjson, .txt or .html (optionally .gz)"
            raise ReadError(msg)


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".partial")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def run(
    args: argparse.Namespace,
    *,
    build_cleaner: Callable[[argparse.Namespace], Cleaner],
    stderr: TextIO | None = None,
) -> int:
    """Run ``newsclean batch``; returns the exit status."""
    err = stderr if stderr is not None else sys.stderr
    output = Path(args.output)
    try:
        _check_inputs(args.inputs)
        cleaner = build_cleaner(args)
    except NewscleanError as exc:
        print(f"newsclean: error: {exc}", file=err)
        return EXIT_ERROR
    partial = partial_path(output)
    summary = Summary()
    done = 0
    if args.resume and partial.exists():
        done = recover(partial, summary)
        print(f"newsclean batch: resuming after {done:,} records in {partial}", file=err)
    reader = Reader(tuple(args.inputs), max_record_bytes=args.max_record_bytes)
    fields = Fields(**{key: getattr(args, f"{key}_field") for key in _FIELD_OPTIONS})
    show = args.progress == "always" or (args.progress == "auto" and err.isatty())
    progress = Progress(err if show else None, reader.bytes_total() if show else None)
    start = time.monotonic()
    try:
        with partial.open("ab" if done else "wb") as sink:
            lines = ordered_map(
                UnitTask(fields), cleaner, islice(reader.units(), done, None), jobs=args.jobs
            )
            _write_lines(
                lines, sink, summary, lambda: progress.update(summary.records, reader.bytes_done)
            )
            sink.flush()
            os.fsync(sink.fileno())
    except KeyboardInterrupt:
        progress.close()
        print(
            f"newsclean batch: interrupted after {summary.records:,} records; "
            f"run again with --resume to continue {partial}",
            file=err,
        )
        return EXIT_INTERRUPTED
    except OSError as exc:
        progress.close()
        print(f"newsclean: error: cannot write {partial}: {exc.strerror or exc}", file=err)
        return EXIT_ERROR
    progress.close()
    os.replace(partial, output)
    if reader.skipped_files:
        print(f"newsclean batch: skipped {reader.skipped_files:,} files of unknown type", file=err)
    print(summary.render(time.monotonic() - start, cleaned=summary.records - done), file=err)
    if args.summary:
        report = {"output": str(output), **summary.to_dict(), "resumed_after": done}
        _write_atomically(Path(args.summary), json.dumps(report, ensure_ascii=False, indent=2))
    return EXIT_OK


def _write_lines(
    lines: Iterator[tuple[bytes, Outcome]],
    sink: IO[bytes],
    summary: Summary,
    tick: Callable[[], None],
) -> None:
    for line, found in lines:
        sink.write(line)
        summary.add(found)
        tick()
