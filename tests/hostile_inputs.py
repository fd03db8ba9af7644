"""Generated inputs for the memory tests and the scaling benchmark.

``INPUTS[name](n)`` builds an input of about ``n`` characters (the ``floor-*``
inputs have a fixed number of units instead). ``normal`` is story paragraphs
mixed with boilerplate lines; the others are hostile: shapes that are cheap to
write and costly to clean. ``tests/test_memory.py`` and
``bench/bench_scaling.py`` both build their inputs here, in their child
processes, so the test and the benchmark measure the same inputs.
"""

from __future__ import annotations

from collections.abc import Callable

from newsclean.options import DENSE_INPUT_FLOOR

STORY = "Harga beras di pasar tradisional naik tajam selama sepekan terakhir menurut pedagang."
JUNK = ("Baca juga: Harga Cabai Naik", "ADVERTISEMENT", "(sef/sef)", "Read Entire Article")
#: One under the line and element limits' floor: the most units any density may reach.
FLOOR = DENSE_INPUT_FLOOR - 1


def text_input(n: int) -> str:
    """Story lines with a boilerplate line after every two."""
    parts: list[str] = []
    total = i = 0
    while total < n:
        line = f"{STORY} Nomor {i}." if i % 3 else JUNK[i % len(JUNK)]
        parts.append(line)
        total += len(line) + 1
        i += 1
    return "\n".join(parts)


def html_input(n: int) -> str:
    """:func:`text_input` as the paragraphs of a page's article."""
    body = text_input(n).replace("\n", "</p><p>")
    return (
        "<html><head><title>T</title></head><body><nav>Home | News</nav>"
        f"<article><p>{body}</p></article></body></html>"
    )


INPUTS: dict[str, Callable[[int], str]] = {
    "long-line": lambda n: "kata " * (n // 5),
    "one-char": lambda n: "a" * n,
    "pipes": lambda n: "Ekonomi | " * (n // 10),
    "brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "dashes": lambda n: "A - " * (n // 4),
    "phrase-repeat": lambda n: "Baca juga: Harga Naik\n" * (n // 22),
    "ad-lines": lambda n: "ADVERTISEMENT\n" * (n // 14),
    "numbered-teasers": lambda n: "".join(f"Baca juga: Berita {i}\n" for i in range(n // 26)),
    "tiny-lines": lambda n: "ab\n" * (n // 3),
    "short-lines": lambda n: "".join(f"Kata {i}.\n" for i in range(n // 12)),
    # Lines as short as the default line limit allows beyond its floor, each a
    # different teaser that is removed (the costliest kind of line).
    "dense-teasers": lambda n: "".join(
        f"Baca juga: Berita nomor {i:07d} tentang harga beras di kota ini.\n"
        for i in range(n // 64)
    ),
    "tiny-paragraphs": lambda n: "<p>ab</p>" * (n // 9),
    # Elements as small as the default element limit allows beyond its floor, each
    # a different teaser paragraph that is removed.
    "dense-teaser-paragraphs": lambda n: "".join(
        f"<p>Baca juga: Berita nomor {i:07d} tentang harga beras di pasar kota besar.</p>\n"
        for i in range(n // 80)
    ),
    # Just under the limits' floor, which any density may reach: the fixed cost.
    "floor-teasers": lambda n: "".join(f"Baca juga: Berita {i}\n" for i in range(FLOOR)),
    "floor-teaser-paragraphs": lambda n: "".join(
        f"<p>Baca juga: Berita {i}</p>" for i in range(FLOOR)
    ),
    "floor-tiny-paragraphs": lambda n: "<p>ab</p>" * FLOOR,
    "deep-html": lambda n: "<div>" * (n // 11) + "x" + "</div>" * (n // 11),
    "tags-only": lambda n: "<p>" * (n // 3),
    "page": lambda n: (
        "<html><body><nav>Home | News</nav><article><p>"
        + "</p><p>".join(f"{STORY} Nomor {i}." for i in range(n // 100))
        + "</p></article></body></html>"
    ),
}
