"""Rule packs: loading, validation, overriding and disabling by id."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.passes import match_line_rule
from newsclean.rules import Rule, RuleSet, bundled_packs, line_gate

STORY = "Pemerintah kota menyetujui anggaran baru untuk perbaikan jalan di seluruh wilayah pada tahun ini."
STORY2 = "The council approved the new budget for road repairs across the district this year."


def test_bundled_packs_load_with_unique_ids() -> None:
    rules = RuleSet.bundled()
    assert {"_common", "en", "id"} <= set(bundled_packs())
    assert len(rules.ids()) == len(set(rules.ids()))
    assert rules.months["okt"] == 10
    assert rules.time_units["minggu"] == "weeks"
    assert rules.timezones["WIB"] == 420
    assert rules.eras["令和"] == 2019
    assert rules.months["октября"] == 10
    assert rules.time_units["часа"] == "hours"
    assert rules.timezones["MSK"] == 180


def test_eras_are_merged_and_written_back() -> None:
    base = RuleSet.from_toml("[eras]\n'令和' = 2019\n'平成' = 1989\n")
    user = RuleSet.from_toml("[eras]\n'新元号' = 2040\n'平成' = 1990\n")
    merged = base.merged(user)
    assert merged.eras == {"令和": 2019, "平成": 1990, "新元号": 2040}
    assert RuleSet.from_toml(merged.to_toml()) == merged


def test_bundled_languages_can_be_narrowed() -> None:
    only_id = RuleSet.bundled(["id"])
    languages = {r.language for r in only_id.rules}
    assert languages == {"common", "id"}


def test_user_rule_overrides_bundled_rule_by_id(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        'language = "en"\n[[rule]]\nid = "en.read-entire-article"\nkind = "nav"\n'
        'reason = "site link"\nphrases = ["open the original"]\n',
        encoding="utf-8",
    )
    rules = RuleSet.bundled().merged(RuleSet.from_file(pack))
    assert rules.ids().count("en.read-entire-article") == 1
    cleaner = newsclean.Cleaner(rules=rules)
    article = cleaner.clean_text(f"{STORY2}\nOpen the original\nRead Entire Article")
    removed = {r.text: r.rule for r in article.removed}
    assert removed.get("Open the original") == "en.read-entire-article"
    # The old phrase is no longer a rule of its own; only its position speaks against it.
    assert removed.get("Read Entire Article") != "en.read-entire-article"


def test_rule_disabled_by_option_or_by_without() -> None:
    text = f"{STORY}\nADVERTISEMENT"
    assert newsclean.clean_text(text).removed[0].rule == "en.advertisement"
    ad_rules = {"en.advertisement", "common.ad-marker-inline"}
    off = newsclean.Cleaner(newsclean.Options(disabled_rules=ad_rules))
    assert [p.text for p in off.clean_text(text).paragraphs][-1] == "ADVERTISEMENT"
    without = newsclean.Cleaner(rules=RuleSet.bundled().without(ad_rules))
    assert "ADVERTISEMENT" in without.clean_text(text).text


def test_structural_rules_can_be_disabled() -> None:
    text = f"Jakarta, CNBC Indonesia - {STORY}"
    assert newsclean.clean_text(text).dateline == "Jakarta"
    off = newsclean.Cleaner(newsclean.Options(disabled_rules={"structure.dateline"}))
    article = off.clean_text(text)
    assert article.dateline is None
    assert article.text.startswith("Jakarta, CNBC")


def test_languages_option_limits_packs() -> None:
    text = f"{STORY}\nBaca juga: Harga Beras Naik Lagi"
    only_en = newsclean.Cleaner(newsclean.Options(languages=("en",)))
    assert "Baca juga" in only_en.clean_text(text).text
    assert "Baca juga" not in newsclean.clean_text(text).text


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("not toml = = =", "not valid TOML"),
        ('[[rule]]\nid = "x.y"\nkind = "ad"\nreason = "r"\n', "either 'phrases' or 'pattern'"),
        ('[[rule]]\nid = "x.y"\nkind = "nope"\nreason = "r"\nphrases=["a"]\n', "kind"),
        ('[[rule]]\nid = "Bad Id"\nkind = "ad"\nreason = "r"\nphrases=["a"]\n', "id"),
        ('[[rule]]\nid = "x.y"\nkind = "ad"\nreason = "r"\npattern = "(["\n', "bad pattern"),
        ('[[rule]]\nid = "x.y"\nkind = "ad"\nreason = "r"\nphrases=["a"]\nbogus = 1\n', "bogus"),
        ("[months]\njan = 'x'\n", "bad language data"),
        ("[eras]\n'令和' = 'Reiwa'\n", "bad language data"),
        ('[[rule]]\nid = "x.y"\nkind = "ad"\nreason = "r"\nphrases=["  "]\n', "phrase"),
    ],
)
def test_bad_rule_files_raise_rule_file_error(toml: str, message: str) -> None:
    with pytest.raises(newsclean.RuleFileError, match=message):
        RuleSet.from_toml(toml, origin="test.toml")


def test_missing_rule_file() -> None:
    with pytest.raises(newsclean.RuleFileError, match="cannot read"):
        RuleSet.from_file("/nonexistent/rules.toml")


def test_duplicate_ids_in_one_set_are_refused() -> None:
    rule = Rule(id="x.y", kind="ad", reason="r", phrases=("a",))
    with pytest.raises(newsclean.RuleFileError, match="twice"):
        RuleSet(rules=(rule, rule))


def test_cleaner_is_picklable_and_equal_after_round_trip() -> None:
    import pickle

    cleaner = newsclean.Cleaner(attrs.evolve(newsclean.Options(), languages=("id",)))
    clone = pickle.loads(pickle.dumps(cleaner))
    text = f"{STORY}\nBaca juga: Harga Naik"
    assert clone.clean_text(text) == cleaner.clean_text(text)


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Harga Beras Naik",
        "Baca juga:Harga Beras Naik",
        "BACA JUGA",
        "» Baca Juga «",
        "Baca  juga - Harga Beras Naik",
        "Yuk baca artikel lainnyaDaftar Konser Tahun Ini",
    ],
)
def test_phrase_variants_match(line: str) -> None:
    rule = RuleSet.bundled().get("id.read-also")
    assert match_line_rule(rule, line)[0]


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga buku panduan itu sebelum mendaftar, kata petugas.",
        "Bacalah juga dengan teliti.",
        "You can read the entire article on the council's website before the vote.",
    ],
)
def test_story_sentences_with_rule_words_do_not_match(line: str) -> None:
    rules = RuleSet.bundled()
    assert not any(
        match_line_rule(r, line)[0]
        for r in rules.rules
        if r.match != "inline" and r.position == "any"
    )


LINE_RULES = tuple(r for r in RuleSet.bundled().rules if r.match != "inline")
_EXAMPLES = [e for r in LINE_RULES for e in r.examples]


@given(
    st.one_of(
        st.sampled_from(_EXAMPLES),
        st.text(max_size=60),
        st.tuples(st.sampled_from(_EXAMPLES), st.text(max_size=20)).map("".join),
    )
)
def test_line_gate_never_shuts_out_a_line_a_rule_takes(line: str) -> None:
    """The gate is a necessary condition: a line some rule takes always passes it."""
    gate = line_gate(LINE_RULES)
    assert gate is not None
    if any(match_line_rule(rule, line)[0] for rule in LINE_RULES):
        assert gate.admits(line)


_ONE_ALTERNATION = re.compile(
    "|".join(f"(?:{re.sub(r'[(][?]P<[^>]+>', '(?:', r.regex.pattern)})" for r in LINE_RULES),
    re.IGNORECASE | re.DOTALL,
)
# Letters whose case folds across ASCII (Kelvin sign, long s, dotted and dotless
# i, final sigma) and decoration before the first letter.
_TRICKY = st.sampled_from(["\u212a", "\u017f", "\u0130", "\u0131", "\u03c2", "_", "•", "»", " "])


@given(
    st.one_of(
        st.sampled_from(_EXAMPLES),
        st.tuples(st.text(_TRICKY, max_size=3), st.sampled_from(_EXAMPLES)).map("".join),
        st.sampled_from(_EXAMPLES).map(str.upper),
        st.text(max_size=40),
    )
)
def test_line_gate_admits_exactly_what_one_alternation_admits(line: str) -> None:
    """Grouping phrase rules by first letter changes which lines pass in no case."""
    gate = line_gate(LINE_RULES)
    assert gate is not None
    assert gate.admits(line) == (_ONE_ALTERNATION.fullmatch(line) is not None)


@pytest.mark.parametrize(
    ("pattern", "keys"),
    [
        (r"(?:baca juga|lihat)\s*:", frozenset("bl")),
        (r"(?:\d{1,2}|[A-C])\s+foto", frozenset("0123456789abc")),
        (r"(?:ver)?(?:más)?\s*vídeo", None),  # may start with a space: every line
        (r"\(?sef/sef\)?", None),  # may start with a sign: every line
        (r"[\w]+ news", None),  # \w takes "_", which decoration also takes
        (r"关联阅读", frozenset()),  # no ASCII line can start it
        (r"(?i:kelvin)", frozenset("k")),
        (r"(?=\d)\d+ comments", frozenset("0123456789")),
        (r"x?", None),  # can match nothing
    ],
)
def test_first_keys_of_patterns(pattern: str, keys: frozenset[str] | None) -> None:
    from newsclean.rules import _first_keys

    rule = Rule(id="t.rule", kind="other", reason="test", pattern=pattern)
    assert _first_keys(rule) == keys


def test_first_keys_of_phrases() -> None:
    from newsclean.rules import _first_keys

    assert _first_keys(
        Rule(id="t.a", kind="other", reason="r", phrases=("Read more", "- see"))
    ) == (frozenset("rs"))
    assert _first_keys(Rule(id="t.b", kind="other", reason="r", phrases=("'til next",))) is None


def test_line_gate_passes_every_example_and_stops_story_text() -> None:
    """Every rule's own examples pass the gate; an ordinary story line does not."""
    gate = line_gate(LINE_RULES)
    assert gate is not None
    for example in _EXAMPLES:
        assert gate.admits(example), example
    story = "Harga beras di pasar tradisional naik tajam selama sepekan terakhir menurut pedagang."
    assert not gate.admits(story)


def test_line_gate_is_reused_and_falls_back_when_patterns_cannot_combine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One gate per rule tuple; when the expressions cannot be combined, every rule is tried."""
    assert line_gate(LINE_RULES) is line_gate(LINE_RULES)
    text = "Prices rose again this week, traders in the market said.\nRead more\nThey expect more."
    expected = [r.rule for r in newsclean.clean_text(text).removed]
    assert expected == ["en.read-entire-article"]

    def refuse(*args: object, **kwargs: object) -> re.Pattern[str]:
        raise re.error("too big")

    cleaner = newsclean.Cleaner()  # a new cleaner: a rule tuple with no gate yet
    monkeypatch.setattr("newsclean.rules.re.compile", refuse)
    assert line_gate(cleaner.rules_for(None)) is None
    assert [r.rule for r in cleaner.clean_text(text).removed] == expected
