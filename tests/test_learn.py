"""Learning site packs from a batch of one site's articles, saving and loading them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.cli import main
from newsclean.rules import RuleSet, load_site_packs
from newsclean.strategies import story_paragraphs

CLEANER = newsclean.Cleaner(newsclean.Options(detect_language=False))
FURNITURE = "Dukung jurnalisme warga dengan berlangganan sekarang"


def site_articles(n: int) -> list[str]:
    texts = []
    for i in range(n):
        texts.append(
            "\n".join(
                [
                    f"Warga desa {i} menanam {i + 3} ribu pohon di lereng gunung pada akhir pekan lalu.",
                    f"Tonton Klip | Cerita Warga Nomor {i} Dari Lereng Gunung",
                    f"Kepala desa {i} berharap hutan pulih dalam {i + 2} tahun ke depan, katanya.",
                    FURNITURE,
                ]
            )
        )
    return texts


def test_learn_finds_recurring_lines_and_labels() -> None:
    pack = CLEANER.learn(site_articles(6), site="www.Contoh.co.id")
    by_kind = {r.id: r for r in pack.rules}
    assert set(by_kind) == {"site.contoh-co-id.line-1", "site.contoh-co-id.label-1"}
    assert by_kind["site.contoh-co-id.line-1"].examples == (FURNITURE,)
    assert by_kind["site.contoh-co-id.label-1"].phrases == ("tonton klip",)
    assert all("6 articles" in r.reason for r in pack.rules)


def test_learned_pack_applies_only_to_its_site() -> None:
    texts = site_articles(6)
    pack = CLEANER.learn(texts, site="contoh.co.id")
    cleaner = newsclean.Cleaner(
        newsclean.Options(detect_language=False), sites={"contoh.co.id": pack}
    )
    new = site_articles(8)[7]
    on_site = cleaner.clean_text(new, url="https://news.contoh.co.id/a/1")
    assert FURNITURE not in on_site.text
    assert "Tonton Klip" not in on_site.text
    assert [r.rule for r in on_site.removed] == [
        "site.contoh-co-id.label-1",
        "site.contoh-co-id.line-1",
    ]
    elsewhere = cleaner.clean_text(new, url="https://other.example/")
    assert FURNITURE in elsewhere.text


def test_story_lines_do_not_recur_so_nothing_is_learned_from_them() -> None:
    texts = [t.replace(FURNITURE, "").replace("Tonton Klip | ", "") for t in site_articles(5)]
    assert CLEANER.learn(texts, site="contoh.co.id").rules == ()


def test_thresholds_guard_small_batches() -> None:
    assert CLEANER.learn(site_articles(2), site="x.com", min_articles=3).rules == ()
    assert CLEANER.learn([], site="x.com").rules == ()


def test_lines_already_removed_are_not_proposed() -> None:
    texts = [t + "\nADVERTISEMENT" for t in site_articles(5)]
    pack = CLEANER.learn(texts, site="x.com")
    assert all("ADVERTISEMENT" not in r.examples for r in pack.rules)


def test_pack_round_trips_through_toml(tmp_path: Path) -> None:
    pack = CLEANER.learn(site_articles(6), site="contoh.co.id")
    (tmp_path / "contoh.co.id.toml").write_text(pack.to_toml(language="site"), encoding="utf-8")
    loaded = load_site_packs(tmp_path)
    assert loaded == {"contoh.co.id": pack}


def test_bundled_packs_round_trip_through_toml() -> None:
    for language in ("id", "en"):
        pack = RuleSet.bundled([language])
        assert RuleSet.from_toml(pack.to_toml()) == pack


@given(
    st.lists(
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30),
        min_size=1,
        max_size=3,
    ),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40),
)
def test_any_phrase_and_reason_round_trip(phrases: list[str], reason: str) -> None:
    rules = [
        newsclean.Rule(id=f"t.r{i}", kind="other", reason=reason, pattern=re.escape(p))
        for i, p in enumerate(phrases)
    ]
    pack = RuleSet(rules=rules)
    assert RuleSet.from_toml(pack.to_toml()) == pack


def test_site_packs_folder_must_exist() -> None:
    with pytest.raises(newsclean.RuleFileError):
        load_site_packs("/nonexistent/folder")


def test_cli_learn_then_clean_with_site_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = tmp_path / "site.jsonl"
    jsonl.write_text(
        "\n".join(json.dumps({"text": t}) for t in site_articles(6)) + "\n", encoding="utf-8"
    )
    packs = tmp_path / "packs"
    packs.mkdir()
    out = packs / "contoh.co.id.toml"
    assert main(["learn", "--site", "contoh.co.id", "-o", str(out), str(jsonl)]) == 0
    assert "2 rules written" in capsys.readouterr().err
    article = tmp_path / "a.txt"
    article.write_text(site_articles(9)[8], encoding="utf-8")
    args = ["clean", "--format", "text", "--site-rules", str(packs), str(article)]
    assert main([*args, "--url", "https://contoh.co.id/x"]) == 0
    assert FURNITURE not in capsys.readouterr().out
    assert main(args) == 0
    assert FURNITURE in capsys.readouterr().out


def test_cli_learn_reports_bad_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main(["learn", "--site", "x.com", str(bad)]) == 2
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_story_paragraph_strategy_is_story_like() -> None:
    # The strategy used across these tests makes paragraphs the cleaner keeps.
    @given(story_paragraphs())
    def check(paragraph: str) -> None:
        assert CLEANER.clean_text(paragraph).text == paragraph

    check()


def test_malformed_urls_name_no_site() -> None:
    cleaner = newsclean.Cleaner(
        newsclean.Options(detect_language=False), sites={"contoh.co.id": RuleSet()}
    )
    for url in ("http://[::1", "http://[invalid]/", "", "::::"):
        article = cleaner.clean_text(site_articles(1)[0], url=url)
        assert article.url == url
        assert FURNITURE in article.text
