"""Structural and context passes, shown on text other than the seed."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.document import count_words

CLEANER = newsclean.Cleaner(newsclean.Options(detect_language=False))
S1 = "Harga beras di pasar tradisional naik tajam selama sepekan terakhir menurut pedagang."
S2 = "Pemerintah daerah berjanji menggelar operasi pasar untuk menahan kenaikan harga itu."
S3 = "The council approved the budget on Tuesday after a long debate about road repairs."
S4 = "Residents said the work was overdue and welcomed the decision of the council members."


def clean(text: str) -> newsclean.Article:
    return CLEANER.clean_text(text)


@pytest.mark.parametrize(
    ("prefix", "place", "source"),
    [
        ("Jakarta, CNBC Indonesia - ", "Jakarta", "CNBC Indonesia"),
        ("JAKARTA, KOMPAS.com - ", "Jakarta", "KOMPAS.com"),
        ("Liputan6.com, Jakarta - ", "Jakarta", "Liputan6.com"),
        ("REPUBLIKA.CO.ID, JAKARTA -- ", "Jakarta", "REPUBLIKA.CO.ID"),
        ("WASHINGTON (Reuters) - ", "Washington", "Reuters"),
        ("Bandung (ANTARA) — ", "Bandung", "ANTARA"),
        ("SURABAYA – ", "Surabaya", None),
        ("detikNews - ", None, "detikNews"),
    ],
)
def test_dateline_styles(prefix: str, place: str | None, source: str | None) -> None:
    article = clean(f"{prefix}{S1}\n{S2}")
    assert (article.dateline, article.source) == (place, source)
    assert article.paragraphs[0].text == S1
    cut = article.removed[0]
    assert (cut.rule, cut.partial, cut.line) == ("structure.dateline", True, 1)
    assert cut.text == prefix.strip()


def test_dateline_split_over_three_lines() -> None:
    article = clean(f"Jakarta\n-\n{S1}\n{S2}")
    assert article.dateline == "Jakarta"
    assert [p.text for p in article.paragraphs] == [S1, S2]
    assert [(r.line, r.rule) for r in article.removed] == [
        (1, "structure.dateline"),
        (2, "structure.dateline"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Presiden Joko Widodo - yang akrab disapa Jokowi - hadir dalam acara itu kemarin.",
        "Menurut dia, harga - terutama beras - naik karena cuaca buruk di sentra produksi.",
        "Sebanyak 3.000 personel - jumlah yang besar - dikirim ke perbatasan minggu lalu.",
    ],
)
def test_dash_in_story_sentence_is_no_dateline(line: str) -> None:
    article = clean(f"{line}\n{S2}")
    assert article.dateline is None
    assert article.paragraphs[0].text == line


def test_title_guessed_only_when_it_reads_like_one() -> None:
    assert clean(f"Harga Beras Naik Lagi\n{S1}\n{S2}").title == "Harga Beras Naik Lagi"
    assert clean(f"{S1}\n{S2}").title is None
    assert clean(f"harga beras naik lagi tanpa huruf besar\n{S1}").title is None
    off = newsclean.Cleaner(newsclean.Options(detect_title=False, detect_language=False))
    assert off.clean_text(f"Harga Beras Naik Lagi\n{S1}").title is None


def test_given_title_wins_and_its_repeat_is_removed() -> None:
    article = CLEANER.clean_text(
        f"Budget Approved\nBudget approved!\n{S3}", title="Budget Approved"
    )
    assert article.title == "Budget Approved"
    assert [p.text for p in article.paragraphs] == [S3]
    assert [r.rule for r in article.removed] == ["structure.title-repeat"] * 2


def test_headings_lists_and_quotes() -> None:
    text = "\n".join(
        [
            S1,
            "Operasi Pasar",
            S2,
            "- beras medium Rp 12.000 per kilogram",
            "2) minyak goreng Rp 15.000 per liter",
            "“Kami akan terus memantau harga di semua pasar.”",
            S3,
        ]
    )
    kinds = [(p.kind, p.text[:12]) for p in clean(text).paragraphs]
    assert kinds == [
        ("paragraph", S1[:12]),
        ("heading", "Operasi Pasa"),
        ("paragraph", S2[:12]),
        ("list_item", "- beras medi"),
        ("list_item", "2) minyak go"),
        ("quote", "“Kami akan t"),
        ("paragraph", S3[:12]),
    ]


def test_wrapped_lines_are_joined_into_one_paragraph() -> None:
    article = clean(
        f"{S3}\nResidents of the northern\ndistrict welcomed it, and\nthe mayor agreed."
    )
    assert [p.text for p in article.paragraphs] == [
        S3,
        "Residents of the northern district welcomed it, and the mayor agreed.",
    ]
    assert article.paragraphs[1].lines == (2, 3, 4)


def test_paragraph_scraped_twice_is_removed() -> None:
    article = clean(f"{S1}\n{S1}\n{S2}")
    assert [p.text for p in article.paragraphs] == [S1, S2]
    assert [(r.line, r.rule) for r in article.removed] == [(2, "structure.duplicate")]


def test_container_line_repeating_later_paragraphs_is_removed() -> None:
    container = f"{S1} {S2} Ikuti Whatsapp Channel kami sekarang juga"
    article = clean(f"{container}\n{S1}\n{S2}")
    assert [p.text for p in article.paragraphs] == [S1, S2]
    assert article.removed[0].rule == "structure.container"


def test_long_paragraph_quoting_a_shorter_one_is_kept() -> None:
    long = f"{S1} Itu kata pedagang. " + "Lalu harga kembali stabil pada akhir pekan. " * 6
    article = clean(f"{long.strip()}\n{S1}")
    assert len(article.paragraphs) == 2


def test_tail_residue_between_boilerplate_is_removed() -> None:
    article = clean(f"{S3}\n{S4}\nADVERTISEMENT\nFloods Hit The Coast\nRead more")
    assert [p.text for p in article.paragraphs] == [S3, S4]
    rules = [r.rule for r in article.removed]
    assert rules == ["en.advertisement", "context.tail-residue", "en.read-entire-article"]


def test_short_line_in_mid_story_is_not_tail_residue() -> None:
    article = clean(f"{S3}\nADVERTISEMENT\nFloods Hit The Coast\n{S4}")
    assert "Floods Hit The Coast" in [p.text for p in article.paragraphs]


def test_positional_rule_fires_only_outside_the_story() -> None:
    schedule = "Jumat, 20 Juni 2025"
    inside = clean(f"{S1}\n{schedule}\n{S2}")
    assert schedule in [p.text for p in inside.paragraphs]
    after = clean(f"{S1}\n{S2}\n{schedule}")
    assert schedule not in [p.text for p in after.paragraphs]
    assert after.published is not None
    assert after.published.isoformat() == "2025-06-20T00:00:00+00:00"


def test_guard_undoes_context_removals_that_would_take_most_of_the_story() -> None:
    # Only two short lines of "story" after the stamp: trusting position alone
    # would remove them; the guard keeps them.
    article = clean(f"{S3}\nADVERTISEMENT\nKemarin Hujan\nADVERTISEMENT\nHari Ini Cerah\nRead more")
    assert [p.text for p in article.paragraphs] == [S3, "Kemarin Hujan", "Hari Ini Cerah"]


def test_inline_marker_cut_out_of_story_line() -> None:
    article = clean(f"{S1} [Gambas:Video 20detik] {S2}")
    assert article.paragraphs[0].text == f"{S1} {S2}"
    cut = article.removed[0]
    assert (cut.rule, cut.partial, cut.text) == ("id.video-marker", True, "[Gambas:Video 20detik]")
    assert [(m.kind, m.title) for m in article.media] == [("video", "Video 20detik")]


def test_line_left_as_boilerplate_after_a_cut_goes_whole() -> None:
    article = clean(f"{S1}\nADVERTISEMENT [Gambas:Video 20detik]\n{S2}")
    assert [p.text for p in article.paragraphs] == [S1, S2]


def test_empty_and_blank_input_give_an_empty_article() -> None:
    for text in ("", "   \n\n\t  ", "\u200b\u00a0"):
        article = newsclean.clean_text(text)
        assert article.is_empty
        assert article.text == ""
        assert article.language.code == "und"
        assert article.removed == ()


def test_invalid_arguments_raise_typed_errors() -> None:
    import datetime as dt

    with pytest.raises(newsclean.InvalidInputError):
        newsclean.clean_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(newsclean.InvalidInputError, match="timezone-aware"):
        newsclean.clean_text("x", fetched_at=dt.datetime(2024, 1, 1))
    with pytest.raises(newsclean.InvalidInputError):
        newsclean.clean_text("x", url=5)  # type: ignore[arg-type]
    small = newsclean.Cleaner(newsclean.Options(max_input_chars=10))
    with pytest.raises(newsclean.InputTooLargeError):
        small.clean_text("x" * 11)
    with pytest.raises(ValueError, match="max_input_chars"):
        small.clean_text("x" * 11)  # also a ValueError, for callers that catch those


def test_read_also_glued_to_paragraph_end_is_cut_and_kept_as_related() -> None:
    article = clean(f"{S1}Baca juga: Harga Cabai Ikut Naik\n{S2}")
    assert article.paragraphs[0].text == S1
    assert [r.title for r in article.related] == ["Harga Cabai Ikut Naik"]
    assert article.removed[0].partial


def test_script_at_the_end_of_a_story_line_is_cut() -> None:
    article = clean(f"{S3} googletag.cmd.push(function() {{ googletag.display('ad-1'); }});\n{S4}")
    assert article.paragraphs[0].text == S3
    assert article.removed[0].rule == "common.code-inline"


def test_bare_read_also_header_takes_the_headlines_under_it() -> None:
    text = "\n".join(
        [
            S1,
            "Baca Juga",
            "Satgas Targetkan Kuasa Kembali Hutan Negara di Riau",
            "Kemenhut Komitmen Jaga Kawasan Hutan Raja Ampat",
            S2,
        ]
    )
    article = clean(text)
    assert [p.text for p in article.paragraphs] == [S1, S2]
    assert [r.title for r in article.related] == [
        "Satgas Targetkan Kuasa Kembali Hutan Negara di Riau",
        "Kemenhut Komitmen Jaga Kawasan Hutan Raja Ampat",
    ]
    assert [r.rule for r in article.removed] == ["id.read-also"] + ["context.related-list"] * 2


def test_read_also_header_does_not_take_a_short_subheading_or_a_sentence() -> None:
    article = clean(f"{S1}\nBaca Juga\nOperasi Pasar\n{S2}")
    assert "Operasi Pasar" in [p.text for p in article.paragraphs]
    article = clean(f"{S1}\nRelated\n{S3}")
    assert S3 in [p.text for p in article.paragraphs]


@pytest.mark.parametrize(
    "caption",
    [
        "Dua aktor berpose bersama di lokasi syuting (instagram/akun1/akun2)",
        "Fanbase rayakan ulang tahun sang idola (credit: Allkpop)",
        "Residents clear debris after the storm (Photo: Reuters)",
        "UNSPLASH/ADEM AYTerdapat beberapa cara mencegah penipuan daring.",
    ],
)
def test_photo_captions_with_credits_are_removed(caption: str) -> None:
    article = clean(f"{S1}\n{caption}\n{S2}")
    assert [p.text for p in article.paragraphs] == [S1, S2]
    assert article.removed[0].kind == "caption"


def test_credit_lines_fill_fields() -> None:
    article = clean(
        f"{S1}\n{S2}\nPewarta: Ani Lestari | Editor: Budi Santoso\nTags: harga beras, inflasi"
    )
    assert article.authors == ("Ani Lestari",)
    assert article.categories == ("harga beras", "inflasi")
    assert [r.rule for r in article.removed] == ["id.author-credit", "en.tags"]


def test_copyright_and_syndication_notices_are_removed() -> None:
    text = "\n".join(
        [
            S1,
            S2,
            'Artikel ini telah tayang di Situs.com dengan judul "Harga Naik"',
            "© 2025 Situs Media",
        ]
    )
    article = clean(text)
    assert [p.text for p in article.paragraphs] == [S1, S2]
    assert [r.kind for r in article.removed] == ["notice", "notice"]


def test_related_list_stops_at_a_story_line_split_at_a_link() -> None:
    text = "\n".join(
        [
            S1,
            "Baca Juga",
            "Kemenhut Komitmen Jaga Kawasan Hutan Raja Ampat",
            "Ia menjelaskan, tembaga adalah logam yang dibutuhkan untuk peralihan menuju",
            "energi bersih",
            "dan terbarukan, kata dia.",
        ]
    )
    article = clean(text)
    assert article.paragraphs[-1].text.startswith("Ia menjelaskan")
    assert article.paragraphs[-1].lines == (4, 5, 6)


def test_a_run_of_identical_removed_lines_is_one_record() -> None:
    """Consecutive identical lines removed by one rule fold into one counted record.

    The trail stays lossless: the record names the first line and how many follow;
    a different line, a gap or a kept line in between starts a new record.
    """
    story = (
        "Harga beras di pasar tradisional naik tajam selama sepekan terakhir menurut "
        "para pedagang di kota itu."
    )
    text = "\n".join(
        [
            story,
            "ADVERTISEMENT",
            "ADVERTISEMENT",
            "ADVERTISEMENT",
            "",
            "ADVERTISEMENT",
            story + " Lagi.",
        ]
    )
    article = newsclean.clean_text(text)
    ads = [(r.line, r.count) for r in article.removed if r.rule == "en.advertisement"]
    assert ads == [(2, 3), (6, 1)]
    covered = sorted(n for r in article.removed for n in r.lines)
    assert covered == [2, 3, 4, 6]


#: Stories in scripts written without spaces (written for these tests).
JAPANESE_STORY = [
    "港の委員会は火曜日、冬の嵐で閉鎖されていた北の桟橋を建て直すことを決めました。"
    "工事は五月に始まる予定です。",
    "漁師たちは決定を歓迎しましたが、工事の間に使う仮のスロープを増やしてほしいと話しています。",
    "市は工事の間、フェリー乗り場への車を古い市場の道に回すと発表しました。",
]
CHINESE_STORY = [
    "市政府星期二宣布，将在明年春天重建被冬季风暴损坏的北码头。工程预计五月开始。",
    "渔民们对这一决定表示欢迎，但希望在施工期间增加临时停靠点和夜间照明。",
    "市政府还表示，施工期间前往渡轮码头的车辆将改走旧市场路。",
]


@pytest.mark.parametrize("story", [JAPANESE_STORY, CHINESE_STORY], ids=["ja", "zh"])
def test_unspaced_scripts_keep_every_paragraph(story: list[str]) -> None:
    """A paragraph in Japanese or Chinese is story text, not a title or a tail residue."""
    headline = "北の桟橋を建て直します" if story is JAPANESE_STORY else "北码头将重建"
    article = clean("\n".join([headline, *story]))
    assert article.title == headline
    assert [p.text for p in article.paragraphs] == story
    assert [r.rule for r in article.removed] == ["structure.title"]
    # Without a headline line, the first paragraph (two sentences) is not taken for one.
    assert clean("\n".join(story)).title is None


def test_words_of_unspaced_scripts_are_counted_two_characters_each() -> None:
    assert count_words("北の桟橋を建て直します") == 6
    assert count_words("Harga beras naik 10%") == 4
    assert count_words("abc漢字def") == 3


def test_chinese_and_japanese_bylines_split_at_ideographic_commas() -> None:
    story = "\n".join(CHINESE_STORY)
    article = clean(f"北码头将重建\n{story}\n责任编辑：张三、李四")
    assert article.authors == ("张三", "李四")


@pytest.mark.parametrize(
    ("lead", "place", "source", "authors"),
    [
        ("【ワシントン共同】米大統領は24日、声明を発表した。", "ワシントン", "共同", ()),
        ("【北京＝山田太郎】中国政府は24日、新たな方針を示した。", "北京", None, ("山田太郎",)),
        ("新华社北京10月24日电（记者 张三）国家统计局24日发布数据。", "北京", "新华社", ("张三",)),
    ],
)
def test_a_rule_names_the_dateline_of_its_language(
    lead: str, place: str, source: str | None, authors: tuple[str, ...]
) -> None:
    article = clean(f"{lead}\n{CHINESE_STORY[1]}")
    assert (article.dateline, article.source, article.authors) == (place, source, authors)
    assert not article.paragraphs[0].text.startswith(("【", "新华社"))


def test_place_and_source_groups_of_any_inline_rule_fill_the_dateline() -> None:
    pack = newsclean.RuleSet.from_toml(
        """
[[rule]]
id = "xx.wire-dateline"
kind = "dateline"
match = "inline"
reason = "Wire dateline in the form PLACE (AGENCY) --"
pattern = '''^(?P<place>[A-Z]{3,20}) \\((?P<source>[A-Z]{2,8})\\) -- '''
examples = ["OSLO (NTB) -- The council met on Tuesday."]
"""
    )
    cleaner = newsclean.Cleaner(newsclean.Options(detect_language=False), rules=pack)
    article = cleaner.clean_text(f"OSLO (NTB) -- {S3}\n{S4}")
    assert (article.dateline, article.source) == ("OSLO", "NTB")
    assert article.paragraphs[0].text == S3


def test_a_subheading_in_a_script_without_case_is_a_heading() -> None:
    text = "\n".join([JAPANESE_STORY[0], "漁師の声", JAPANESE_STORY[1]])
    kinds = [p.kind for p in clean(text).paragraphs]
    assert kinds == ["paragraph", "heading", "paragraph"]
