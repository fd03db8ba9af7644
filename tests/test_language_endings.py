"""The endings model: rare words read by their endings (``langdata/endings``)."""

from __future__ import annotations

import gzip
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean import language as language_module
from newsclean.errors import RuleFileError
from newsclean.langendings import (
    ENDING_CAP,
    MIN_TOKEN,
    EndingScale,
    EndingTable,
    ending_table,
    ending_table_names,
    parse_ending_table,
)
from newsclean.langevidence import word_table, word_table_names
from newsclean.language import detect_language

HEADER = "lengths 3 4\nstem 2\nlanguages ca es\ntotals 1000 1000\n"


def small_table() -> EndingTable:
    return parse_ending_table(HEADER + "cio ca:200 es:1\ncion ca:1 es:200\nion ca:40 es:40\n", "t")


def bundled() -> EndingTable:
    names = ending_table_names()
    assert names, "no ending table is bundled"
    table = ending_table(names[0])
    assert table is not None
    return table


def test_bundled_table_matches_a_word_table() -> None:
    """Each ending table belongs to a word table: the reader looks it up by that name."""
    for name in ending_table_names():
        assert name in word_table_names()
        table = ending_table(name)
        assert table is not None
        assert table.languages == tuple(name.split("-"))
        assert (table.shortest, table.longest, table.stem) == (3, 5, 2)
        assert len(table.rows) > 10_000
        for ending, row in itertools.islice(table.rows.items(), 0, None, 97):
            assert ending.isascii()
            assert ending.isalpha()
            assert table.shortest <= len(ending) <= table.longest
            assert len(row) == len(table.languages)
            assert max(row) == 255  # the best language of an ending is the scale's top


def test_bundled_endings_point_where_grammar_says() -> None:
    table = bundled()

    def best(token: str) -> str:
        row = table.row(token)
        assert row is not None
        return table.languages[row.index(max(row))]

    assert best("regularització") == "ca"
    assert best("regularização") == "pt"
    assert best("veterinární") == "cs"
    assert best("organizácie") == "sk"
    assert best("modernisierung") == "de"


def test_row_takes_the_longest_ending_that_leaves_a_stem() -> None:
    table = small_table()
    assert table.row("nacion") == table.rows["cion"]
    assert table.row("nacio") == table.rows["cio"]
    # "cion" would leave a stem of one letter: the reader falls back to "ion".
    assert table.row("acion") == table.rows["ion"]
    assert table.row("cion") is None
    assert table.row("xyzzy") is None


def test_row_reads_diacritics_and_plain_letters_alike() -> None:
    table = small_table()
    assert table.row("relació") == table.row("relacio") == table.rows["cio"]


def test_scale_caps_and_orders() -> None:
    scale = EndingScale(["ca", "es", "pt"], [1000, 1000, 4000])
    row = scale.row(["ca:200", "es:20"])
    assert row[0] == 255
    assert 0 < row[1] < 255
    assert row[2] == 0  # never seen, and far below: the cap
    # The same count in a longer list is a smaller share.
    even = scale.row(["ca:100", "pt:100"])
    assert even[0] == 255
    assert even[2] < 255


def test_evidence_skips_short_tokens_and_caps_each_token() -> None:
    table = small_table()
    assert table.evidence(["cio"] * 3) == [0.0, 0.0]
    assert MIN_TOKEN == 5
    ca, es = table.evidence(["relacio"])
    assert ca - es == pytest.approx(ENDING_CAP)
    ca, es = table.evidence(["relacio", "nacion"])
    assert ca == pytest.approx(es)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("floor 3\nlanguages ca es\n", "no endings"),
        (HEADER.replace("totals 1000 1000", "totals 1000"), "short totals"),
        (HEADER.replace("totals 1000 1000", "totals 0 1000") + "cio ca:1\n", "zero total"),
        (HEADER + "cio fr:3\n", "unknown language"),
        (HEADER + "cio ca:many\n", "bad count"),
        (HEADER + "cio\n", "no counts"),
        ("cio ca:3\n" + HEADER, "endings before the header"),
        (HEADER.replace("lengths 3 4", "lengths 4 3") + "cio ca:3\n", "bad lengths"),
    ],
)
def test_bad_ending_file_is_a_rule_file_error(text: str, why: str) -> None:
    with pytest.raises(RuleFileError):
        parse_ending_table(text, why)


def test_bundled_file_is_deterministic_gzip() -> None:
    """Built with mtime 0 and no file name, so a rebuild gives the same bytes."""
    from importlib import resources

    name = ending_table_names()[0]
    raw = (
        resources.files("newsclean.langdata")
        .joinpath("endings")
        .joinpath(name + ".txt.gz")
        .read_bytes()
    )
    assert raw[4:8] == b"\0\0\0\0"  # gzip mtime
    assert gzip.decompress(raw).decode("utf-8").startswith("# Word endings of ")


# Our own lines: rare words, typed without diacritics, that only their endings place.
DECIDED_BY_ENDINGS = [
    ("ca", "comunicacions ferroviaries"),
    ("pt", "reabilitacao habitacional"),
]
# Lines that, without the endings, were named wrongly and confidently.
NO_LONGER_WRONG = [
    ("pt", "comunicacoes ferroviarias"),  # was Spanish
    ("cs", "Suchánkova pekárna"),  # was Slovak
]


@pytest.fixture
def without_endings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_module, "ending_table", lambda name: None)


@pytest.mark.parametrize(("code", "text"), DECIDED_BY_ENDINGS)
def test_endings_name_rare_words(code: str, text: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize(("code", "text"), NO_LONGER_WRONG)
def test_endings_keep_rare_words_from_a_wrong_answer(code: str, text: str) -> None:
    assert detect_language(text).code in (code, "und")


@pytest.mark.usefixtures("without_endings")
@pytest.mark.parametrize(("code", "text"), DECIDED_BY_ENDINGS + NO_LONGER_WRONG)
def test_those_lines_need_the_endings(code: str, text: str) -> None:
    """The two tests above fail without the table: they measure the endings, not luck."""
    assert detect_language(text).code != code


def test_known_words_are_left_to_the_word_table() -> None:
    """A word the word table knows is not counted again by its ending."""
    words = word_table(ending_table_names()[0])
    assert words is not None
    assert "habitatges" in words.words
    plain = detect_language("habitatges")
    assert plain.code == "ca"


tokens = st.lists(st.text(max_size=20), max_size=30)


@given(tokens)
def test_evidence_is_total_bounded_and_order_free(words: list[str]) -> None:
    table = bundled()
    found = table.evidence(words)
    assert len(found) == len(table.languages)
    assert all(0.0 <= v <= ENDING_CAP * len(words) + 1e-9 for v in found)
    assert found == table.evidence(list(reversed(words)))
    assert found == table.evidence(list(words))


@given(st.text(max_size=30))
def test_row_is_total(token: str) -> None:
    row = bundled().row(token)
    assert row is None or len(row) == len(bundled().languages)
