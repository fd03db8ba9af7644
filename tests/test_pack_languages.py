"""The language data behind the rule packs: stamps in five more languages, phrase matching.

Relative and absolute stamps are parsed with the tables the packs supply
(``[time_units]``, ``[months]``), so these tests use the bundled tables, as the
cleaner does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.dates import parse_absolute, parse_relative
from newsclean.errors import RuleFileError
from newsclean.passes import match_line_rule
from newsclean.rules import Rule, RuleSet, phrase_regex

BUNDLED = RuleSet.bundled()
CASES_DIR = Path(__file__).parent / "cases"
FETCHED_AT = dt.datetime(2024, 11, 14, 12, 0, tzinfo=dt.timezone.utc)

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("vor 3 Stunden", 3 * H),
        ("vor einer Woche", 7 * D),
        ("Aktualisiert vor 5 Min.", dt.timedelta(minutes=5)),
        ("il y a 3 heures", 3 * H),
        ("il y a 3h", 3 * H),
        ("il y a un an", 365 * D),
        ("hace 3 horas", 3 * H),
        ("hace una hora", H),
        ("há 3 horas", 3 * H),
        ("há um mês", 30 * D),
        ("2 dias atrás", 2 * D),
        ("5 minit lalu", dt.timedelta(minutes=5)),
        ("sejam lalu", H),
        ("seminggu lalu", 7 * D),
        ("3 weeks ago", 21 * D),
        ("3 godziny temu", 3 * H),
        ("Aktualizacja: 5 minut temu", dt.timedelta(minutes=5)),
        ("2 tygodnie temu", 14 * D),
        ("3 ore fa", 3 * H),
        ("un'ora fa", H),
        ("2 settimane fa", 14 * D),
        ("3時間前", 3 * H),
        ("2週間前", 14 * D),
        ("3ヶ月前", 90 * D),
        ("5分鐘前", dt.timedelta(minutes=5)),
        ("3个小时前", 3 * H),
        ("2天前", 2 * D),
        ("3 часа назад", 3 * H),
        ("Обновлено: 5 минут назад", dt.timedelta(minutes=5)),
        ("2 недели назад", 14 * D),
        ("1 месяц назад", 30 * D),
    ],
)
def test_parse_relative_in_pack_languages(text: str, age: dt.timedelta) -> None:
    """The count before a unit word decides, whatever words surround it."""
    assert parse_relative(text, BUNDLED.time_units) == age


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("24. Oktober 2024, 14:05 Uhr MESZ", "2024-10-24T14:05:00+02:00"),
        ("Publié le 1er novembre 2024 à 09h30", "2024-11-01T09:30:00+00:00"),
        ("24 de octubre de 2024, 14:05", "2024-10-24T14:05:00+00:00"),
        ("24 de outubro de 2024 às 14h05", "2024-10-24T14:05:00+00:00"),
        ("Oktober 24, 2024 @ 2:00pm", "2024-10-24T14:00:00+00:00"),
        ("October 24th, 2024", "2024-10-24T00:00:00+00:00"),
        ("Kamis, 24 Okt 2024 14:00 WIB", "2024-10-24T14:00:00+07:00"),
        ("środa, 22 kwietnia 2021 r., godz. 10:15", "2021-04-22T10:15:00+00:00"),
        ("Publikacja: 21.04.2021 06:00", "2021-04-21T06:00:00+00:00"),
        ("Pubblicato il 19 Febbraio 2020 alle ore 12:02", "2020-02-19T12:02:00+00:00"),
        ("giovedì 20 febbraio 2020, 10:35 CET", "2020-02-20T10:35:00+01:00"),
        ("24 октября 2024, 14:05 MSK", "2024-10-24T14:05:00+03:00"),
        ("Четверг, 24 октября 2024 г.", "2024-10-24T00:00:00+00:00"),
        ("Обновлено: 1 марта 2025 года в 09:30", "2025-03-01T09:30:00+00:00"),
    ],
)
def test_parse_absolute_in_pack_languages(text: str, iso: str) -> None:
    """Day, month name and year are found across filler words and ordinal endings."""
    stated = parse_absolute(text, BUNDLED.months, BUNDLED.timezones)
    assert stated is not None
    assert stated.isoformat() == iso


@given(st.text(max_size=80))
def test_date_parsers_are_total(text: str) -> None:
    """Any text gives a date, an age or None, never an exception."""
    parse_relative(text, BUNDLED.time_units)
    parse_absolute(text, BUNDLED.months, BUNDLED.timezones)


_WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzàéü'", min_size=1, max_size=8).filter(
        lambda w: any(c.isalpha() for c in w)
    ),
    min_size=1,
    max_size=4,
)


@given(_WORDS)
def test_phrase_regex_matches_its_phrase_in_every_spelling(words: list[str]) -> None:
    """A phrase matches itself, with typographic apostrophes, and hyphenated."""
    phrase = " ".join(words)
    pattern = re.compile(phrase_regex(phrase), re.IGNORECASE)
    assert pattern.fullmatch(phrase)
    assert pattern.fullmatch(phrase.replace("'", "\u2019"))
    assert pattern.fullmatch("-".join(words).upper())


def test_phrase_regex_needs_a_word() -> None:
    """A phrase of spaces and hyphens alone is a rule-file error."""
    with pytest.raises(RuleFileError):
        phrase_regex(" - ")


def _prefix_rule(**fields: Any) -> Rule:
    return Rule(id="t.x", kind="caption", reason="test", match="prefix", **fields)


def test_prefix_rule_takes_the_longest_phrase() -> None:
    """With "image" and "image credit", "Image credit: AFP" is the longer phrase plus a value."""
    rule = _prefix_rule(phrases=("image", "image credit"), separator="required")
    assert match_line_rule(rule, "Image credit: AFP") == (True, "AFP")


def test_prefix_phrase_with_trailing_punctuation_is_the_whole_line() -> None:
    """ "Lire aussi…" is the phrase alone, not a phrase followed by a value."""
    rule = _prefix_rule(phrases=("lire aussi",))
    assert match_line_rule(rule, "Lire aussi…") == (True, None)
    assert match_line_rule(rule, "Lire aussi les conditions du contrat.") == (False, None)


def _own_language_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            own = all(r.startswith(f"{case['lang']}.") for r in case["expected_rules"])
            if case["expect"] == "removed" and own:
                cases.append(case)
    return cases


OWN = _own_language_cases()


@pytest.mark.parametrize("case", OWN, ids=[c["label"] for c in OWN])
def test_pack_works_on_its_own(case: dict[str, Any]) -> None:
    """With Options.languages narrowed to one language, its pack still does its job."""
    options = attrs.evolve(newsclean.Options(), languages=(case["lang"],), detect_language=False)
    article = newsclean.Cleaner(options).clean_text(case["input"], fetched_at=FETCHED_AT)
    assert {r.rule for r in article.removed} == set(case["expected_rules"])
    if "published" in case:
        assert article.published is not None
        assert article.published.isoformat() == case["published"]


# --- Japanese and Chinese: scripts without spaces ----------------------------------

_JA_ARTICLE = "\n".join(
    [
        "大阪の商店街で秋祭り、3年ぶりに山車が練り歩く",
        "3時間前",
        "大阪市北区の天神橋筋商店街で24日、秋祭りが開かれ、3年ぶりに山車が練り歩いた。",
        "広告",
        "主催した商店街振興組合によると、午前中だけで約2万人が訪れたという。",
        "組合の理事長は「地域のにぎわいを取り戻したい」と話した。",
        "関連記事",
        "商店街の空き店舗対策、市が補助金を拡充へ",
        "この記事をシェアする",
    ]
)
_ZH_ARTICLES = {
    "simplified": "\n".join(
        [
            "北京今冬新增50条公交线路",
            "3小时前",
            "北京市24日发布通知，将在今年冬季新增50条公交线路。",
            "广告",
            "市交通委表示，新线路主要覆盖城市副中心和新建住宅区。",
            "市民可通过官方应用程序查询线路和发车时间。",
            "责任编辑：李四",
        ]
    ),
    "traditional": "\n".join(
        [
            "台北明年擴大公共自行車服務",
            "3小時前",
            "台北市政府24日宣布，明年起將擴大公共自行車的服務範圍。",
            "廣告 - 請繼續往下閱讀",
            "市府交通局表示，新設站點將優先設在捷運站周邊。",
            "議員則提醒，應同步改善自行車道的安全設計。",
            "責任編輯：李四",
        ]
    ),
}


def test_default_options_run_the_japanese_and_chinese_packs() -> None:
    """Options.languages=None runs every bundled pack, ja and zh included; a narrowed set does not."""
    everything = {r.language for r in newsclean.Cleaner().rules_for(None)}
    assert {"ja", "zh", "en", "common"} <= everything
    narrowed = newsclean.Cleaner(attrs.evolve(newsclean.Options(), languages=("ja",)))
    assert {r.language for r in narrowed.rules_for(None)} == {"ja", "common"}


def test_japanese_article_with_default_options() -> None:
    """A Japanese text is detected as such, keeps its headline and story, and loses its furniture to ja rules.

    The bare related-articles header takes the headline under it as a link.
    """
    article = newsclean.clean_text(_JA_ARTICLE, fetched_at=FETCHED_AT)
    assert article.language.code == "ja"
    assert article.title == "大阪の商店街で秋祭り、3年ぶりに山車が練り歩く"
    assert [p.lines for p in article.paragraphs] == [(3,), (5,), (6,)]
    assert all(p.kind == "paragraph" for p in article.paragraphs)
    assert [(r.line, r.rule) for r in article.removed] == [
        (1, "structure.title"),
        (2, "ja.relative-time"),
        (4, "ja.advertisement"),
        (7, "ja.read-also"),
        (8, "context.related-list"),
        (9, "ja.share"),
    ]
    assert [r.title for r in article.related] == ["商店街の空き店舗対策、市が補助金を拡充へ"]
    assert article.published == FETCHED_AT - 3 * H


@pytest.mark.parametrize("form", sorted(_ZH_ARTICLES))
def test_chinese_article_with_default_options(form: str) -> None:
    """Simplified and traditional Chinese are both detected as zh and cleaned by the one zh pack."""
    article = newsclean.clean_text(_ZH_ARTICLES[form], fetched_at=FETCHED_AT)
    assert article.language.code == "zh"
    assert article.title is not None
    assert [p.lines for p in article.paragraphs] == [(3,), (5,), (6,)]
    assert [(r.line, r.rule) for r in article.removed] == [
        (1, "structure.title"),
        (2, "zh.relative-time"),
        (4, "zh.advertisement"),
        (7, "zh.byline"),
    ]
    assert article.authors == ("李四",)
    assert article.published == FETCHED_AT - 3 * H


def _cjk_phrases() -> list[str]:
    return sorted({p for r in BUNDLED.rules if r.language in ("ja", "zh") for p in r.phrases})


#: Story text around a phrase: unspaced script on both sides, so the phrase is part of a word.
_BEFORE = ["市の担当者は", "同社によると、", "专家认为，", "議員則表示，", "記者会見で"]
_AFTER = [
    "について説明した",
    "の影響が広がっている",
    "的影响正在扩大",
    "問題仍待解決",
    "が話題になった",
]


@given(
    st.sampled_from(_cjk_phrases()),
    st.sampled_from(_BEFORE),
    st.sampled_from(_AFTER),
)
def test_a_japanese_or_chinese_phrase_inside_a_story_sentence_stays(
    phrase: str, before: str, after: str
) -> None:
    """Without spaces a phrase is glued to the story around it; no rule of any pack may take that line."""
    sentence = f"{before}{phrase}{after}。"
    text = "\n".join(
        [
            _ZH_ARTICLES["simplified"].split("\n")[2],
            sentence,
            "其中，第三季度增速较上季度略有回落。",
        ]
    )
    article = newsclean.clean_text(text)
    assert article.removed == ()
    assert sentence in article.text


# --- Russian: Cyrillic story text, agency datelines ---------------------------------

_RU_ARTICLE = "\n".join(
    [
        "Казань запустит три новых автобусных маршрута",
        "24 октября 2024, 14:05 MSK",
        "Автор: Иван Петров",
        "КАЗАНЬ, 24 окт — РИА Новости. Мэрия Казани объявила о запуске трёх новых автобусных маршрутов.",
        "Фото: РИА Новости / Анна Смирнова",
        "По словам чиновников, автобусы будут ходить каждые десять минут в часы пик.",
        "Реклама",
        "Жители северных районов давно просили улучшить транспортное сообщение.",
        "Читайте также: В Казани закрыли мост на ремонт",
        "Теги: Казань, транспорт, автобусы",
        "Поделиться",
        "Нашли ошибку? Выделите её и нажмите Ctrl+Enter",
    ]
)


def test_russian_article_with_default_options() -> None:
    """A Russian text is detected as ru, keeps its headline and story, and its furniture becomes fields.

    The agency dateline is cut off the lead (place and agency become the dateline
    fields), the stamp with its Moscow zone becomes ``published``, the credit
    ``authors``, the tag line ``categories`` and the teaser ``related``.
    """
    assert "ru" in {r.language for r in newsclean.Cleaner().rules_for(None)}
    article = newsclean.clean_text(_RU_ARTICLE, fetched_at=FETCHED_AT)
    assert article.language.code == "ru"
    assert article.title == "Казань запустит три новых автобусных маршрута"
    assert [p.lines for p in article.paragraphs] == [(4,), (6,), (8,)]
    assert article.paragraphs[0].text.startswith("Мэрия Казани объявила")
    assert [(r.line, r.rule, r.partial) for r in article.removed] == [
        (1, "structure.title", False),
        (2, "ru.date-stamp", False),
        (3, "ru.byline", False),
        (4, "ru.dateline-inline", True),
        (5, "ru.photo-credit", False),
        (7, "ru.advertisement", False),
        (9, "ru.read-also", False),
        (10, "ru.tags", False),
        (11, "ru.share", False),
        (12, "ru.error-report", False),
    ]
    assert (article.dateline, article.source) == ("КАЗАНЬ", "РИА Новости")
    assert article.authors == ("Иван Петров",)
    assert article.published == dt.datetime(
        2024, 10, 24, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=3))
    )
    assert article.categories == ("Казань", "транспорт", "автобусы")
    assert [r.title for r in article.related] == ["В Казани закрыли мост на ремонт"]


def test_russian_tass_dateline_names_the_correspondent() -> None:
    """A TASS dateline with its correspondent ('/Корр. ТАСС Иван Петров/') fills source and authors."""
    text = "\n".join(
        [
            "ОРЕНБУРГ, 24 октября. /Корр. ТАСС Иван Петров/. Спасатели продолжают откачивать воду.",
            "Вода подтопила более трёхсот жилых домов в пригородных посёлках.",
        ]
    )
    article = newsclean.clean_text(text)
    assert (article.dateline, article.source) == ("ОРЕНБУРГ", "ТАСС")
    assert article.authors == ("Иван Петров",)
    assert article.paragraphs[0].text == "Спасатели продолжают откачивать воду."


@pytest.mark.parametrize("stamp", ["вчера, 14:05", "час назад", "Сегодня в 10:30"])
def test_russian_stamps_the_date_reader_cannot_read_stay_as_text(stamp: str) -> None:
    """Day words and stamps without a count are removed, and their words kept in published_text."""
    text = "\n".join([_RU_ARTICLE.split("\n")[5], stamp, _RU_ARTICLE.split("\n")[7]])
    article = newsclean.clean_text(text, fetched_at=FETCHED_AT)
    assert [r.rule for r in article.removed] == ["ru.relative-time"]
    assert article.published is None
    assert article.published_text == stamp


def _ru_phrases() -> list[str]:
    return sorted(
        {p for r in BUNDLED.rules if r.language == "ru" and r.match != "inline" for p in r.phrases}
    )


#: Lower-case story words after a phrase that opens a sentence.
_RU_AFTER = [
    "в городе обсуждают уже неделю",
    "стало главной темой заседания",
    "касается всех жителей района, заявил мэр",
    "не изменилось с прошлого года",
]


@given(st.sampled_from(_ru_phrases()), st.sampled_from(_RU_AFTER))
def test_a_russian_phrase_opening_a_story_sentence_stays(phrase: str, after: str) -> None:
    """A story sentence may start with any phrase of the Russian pack; no rule of any pack takes it."""
    sentence = f"{phrase[0].upper()}{phrase[1:]} {after}."
    lines = _RU_ARTICLE.split("\n")
    article = newsclean.clean_text("\n".join([lines[5], sentence, lines[7]]))
    assert article.removed == ()
    assert sentence in article.text
