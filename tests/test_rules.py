"""Rule packs: loading, validation, overriding and disabling by id."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import newsclean
from newsclean.passes import match_line_rule
from newsclean.rules import Rule, RuleSet, bundled_packs

STORY = "Pemerintah kota menyetujui anggaran baru untuk perbaikan jalan di seluruh wilayah pada tahun ini."
STORY2 = "The council approved the new budget for road repairs across the district this year."


def test_bundled_packs_load_with_unique_ids() -> None:
    rules = RuleSet.bundled()
    assert {"_common", "en", "id"} <= set(bundled_packs())
    assert len(rules.ids()) == len(set(rules.ids()))
    assert rules.months["okt"] == 10
    assert rules.time_units["minggu"] == "weeks"
    assert rules.timezones["WIB"] == 420


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
