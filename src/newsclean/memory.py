"""Give memory the process no longer uses back to the operating system.

A big HTML page is parsed into a libxml2 tree of several times its size. Once the
story's blocks are out, the tree is freed, but the C allocator keeps most of the
freed memory mapped for reuse, and the Python objects made afterwards (lines,
paragraphs, the audit trail) come from Python's own arenas and cannot reuse it:
the process would hold the tree's memory and the article's on top of it. On glibc,
``malloc_trim`` hands the free pages back, so a page's peak memory is its tree
or its article, not both. Elsewhere this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable
from functools import lru_cache

#: Pages with less markup than this (characters) have too small a tree to matter.
TRIM_MIN_CHARS = 1_000_000
#: While a big tree is taken apart, freed memory goes back after every this many
#: characters of text taken out of it.
TRIM_EVERY_CHARS = 32_000


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    return trim


def release_free_memory() -> None:
    """Return freed C heap memory to the system (cheap: microseconds when none)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
