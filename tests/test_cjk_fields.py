"""Chinese and Japanese credits, tag lists and video teasers fill the article's fields.

Chinese credits list several reporters with only spaces between them ("记者 张三
李四"); a Japanese credit may put a space inside one name ("山田 太郎"). Tag lists
in those scripts are separated by "、" or spaces. A "【動画】" line before the story
is the headline, after it a video teaser. The stories here are written for these
tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.assemble import split_labels, split_names

ZH = (
    "央行24日宣布下调存款准备金率0.5个百分点，释放长期资金约1万亿元。\n"
    "分析人士认为，此举有助于稳定市场预期，支持实体经济发展。\n"
    "受消息影响，沪深两市主要股指当日午后明显走高。"
)
ZH_TW = (
    "颱風即將接近台灣東部，中央氣象署24日上午發布海上颱風警報。\n"
    "氣象署預估，颱風最快明天清晨登陸花蓮一帶。\n"
    "各地政府已啟動防災應變機制，學校將視情況停課。"
)
JA = (
    "日銀は24日、金融政策決定会合で政策金利を0.25%に引き上げることを決めた。\n"
    "利上げは今年3月以来で、物価の上昇が続いていることを踏まえた判断だ。\n"
    "市場では、円相場や株価への影響を注視する声が出ている。"
)
EN = (
    "The council approved the budget on Tuesday after a long debate about road repairs.\n"
    "Residents said the work was overdue and welcomed the decision of the council members."
)
DETECTING = newsclean.Cleaner()
NOT_DETECTING = newsclean.Cleaner(newsclean.Options(detect_language=False))
CLEANERS = pytest.mark.parametrize(
    "cleaner", [DETECTING, NOT_DETECTING], ids=["detected", "undetected"]
)


@CLEANERS
@pytest.mark.parametrize(
    ("story", "credit", "authors"),
    [
        (ZH, "记者 张三 李四", ("张三", "李四")),
        (ZH, "本报记者 王小明 李华 上海报道", ("王小明", "李华")),
        (ZH, "责任编辑：王五 赵六", ("王五", "赵六")),
        (ZH, "（编辑：欧阳明 司马光）", ("欧阳明", "司马光")),
        (ZH, "记者 张三、李四", ("张三", "李四")),
        (ZH_TW, "記者王小明 李大華／台北報導", ("王小明", "李大華")),
        (ZH_TW, "記者王小明／台北報導", ("王小明",)),
        (JA, "取材・文＝山田 太郎、佐藤花子", ("山田 太郎", "佐藤花子")),
        (JA, "（山田 太郎）", ("山田 太郎",)),
        (EN, "By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ],
)
def test_credit_names_are_split_where_the_language_separates_them(
    cleaner: newsclean.Cleaner, story: str, credit: str, authors: tuple[str, ...]
) -> None:
    """Spaces between Chinese names separate people; in a Japanese or Latin name they do not."""
    article = cleaner.clean_text(f"{story}\n{credit}")
    assert article.authors == authors
    assert [r.line for r in article.removed] == [story.count("\n") + 2]


def test_a_chinese_credit_caught_by_a_japanese_rule_names_chinese_people() -> None:
    """ "文／" credits are shared by both languages; the Chinese article decides."""
    article = DETECTING.clean_text(f"文／王小明 李大華\n{ZH_TW}")
    assert article.language.code == "zh"
    assert article.authors == ("王小明", "李大華")
    # Without a detected language the rule's own pack decides: a Japanese rule
    # keeps the space inside one name.
    assert NOT_DETECTING.clean_text(f"文／山田 太郎\n{JA}").authors == ("山田 太郎",)


@CLEANERS
@pytest.mark.parametrize(
    ("story", "tags", "categories"),
    [
        (ZH, "标签：经济 股市 央行", ("经济", "股市", "央行")),
        (ZH, "关键词：经济、股市，央行", ("经济", "股市", "央行")),
        (ZH_TW, "關鍵字：颱風｜豪雨｜停班停課", ("颱風", "豪雨", "停班停課")),
        (ZH, "话题：#降准# #股市#", ("降准", "股市")),
        (ZH, "标签：A股 央行 Federal Reserve", ("A股", "央行", "Federal Reserve")),
        (JA, "タグ：経済、株価、日銀", ("経済", "株価", "日銀")),
        (JA, "キーワード: 日銀 利上げ", ("日銀", "利上げ")),
        (EN, "Tags: road repairs, council", ("road repairs", "council")),
    ],
)
def test_tag_lists_fill_categories(
    cleaner: newsclean.Cleaner, story: str, tags: str, categories: tuple[str, ...]
) -> None:
    """A tag line after the story goes to ``categories``, one label per item."""
    article = cleaner.clean_text(f"{story}\n{tags}")
    assert article.categories == categories
    assert article.text == "\n\n".join(story.split("\n"))


@pytest.mark.parametrize(
    ("story", "teaser", "title"),
    [
        (JA, "【動画】日銀が追加利上げを決定", "日銀が追加利上げを決定"),
        (JA, "［映像］日銀総裁が会見", "日銀総裁が会見"),
        (ZH, "【视频】央行宣布降准0.5个百分点", "央行宣布降准0.5个百分点"),
        (ZH, "视频丨央行宣布降准", "央行宣布降准"),
        (ZH_TW, "【影音】颱風逼近 東部嚴防豪雨", "颱風逼近 東部嚴防豪雨"),
    ],
)
def test_a_video_line_is_the_headline_before_the_story_and_a_teaser_after_it(
    story: str, teaser: str, title: str
) -> None:
    """Position tells a "【動画】" headline from a video teaser of the same shape."""
    headed = DETECTING.clean_text(f"{teaser}\n{story}")
    assert headed.title == teaser
    assert headed.media == ()
    tailed = DETECTING.clean_text(f"{story}\n{teaser}")
    assert tailed.title is None
    assert [(m.kind, m.title) for m in tailed.media] == [("video", title)]
    assert teaser not in tailed.text
    middle = story.split("\n", 1)
    inside = DETECTING.clean_text(f"{middle[0]}\n{teaser}\n{middle[1]}")
    assert teaser in inside.text
    assert inside.media == ()


# --- the splitting functions ----------------------------------------------------

HAN_NAME = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=4
)
LATIN_NAME = st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){1,2}", fullmatch=True)


def _in_order(parts: list[str], text: str) -> bool:
    """Each part occurs in ``text``, after the one before it."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


@given(st.text(), st.booleans())
def test_split_names_is_total_deterministic_and_invents_nothing(value: str, unspaced: bool) -> None:
    """Any string gives names that are non-empty pieces of it, in order, the same each time."""
    names = split_names(value, unspaced=unspaced)
    assert names == split_names(value, unspaced=unspaced)
    assert all(name and name == name.strip() for name in names)
    assert _in_order(names, value)


@given(st.lists(HAN_NAME, min_size=2, max_size=6), st.sampled_from([" ", "  ", "\u3000"]))
def test_spaced_han_names_are_split_only_when_the_language_says_so(
    names: list[str], space: str
) -> None:
    """A run of short Han names gives each name with ``unspaced``, one name without it."""
    value = space.join(names)
    assert split_names(value, unspaced=True) == names
    assert split_names(value) == [value]


@given(LATIN_NAME)
def test_a_latin_name_is_never_split_at_its_spaces(name: str) -> None:
    """ "John Smith" stays one name whatever the language of the credit."""
    assert split_names(name, unspaced=True) == split_names(name) == [name]


@given(st.text())
def test_split_labels_is_total_deterministic_and_invents_nothing(value: str) -> None:
    """Any string gives labels that are non-empty pieces of it, in order, the same each time."""
    labels = split_labels(value)
    assert labels == split_labels(value)
    assert all(label and label == label.strip() for label in labels)
    assert _in_order(labels, value)


@given(st.lists(HAN_NAME, min_size=1, max_size=6), st.sampled_from([" ", "、", "，", ", ", " | "]))
def test_cjk_labels_come_back_one_by_one(labels: list[str], separator: str) -> None:
    """Han labels joined by a space, a comma of either script or a bar are split apart."""
    assert split_labels(separator.join(labels)) == labels


@given(st.lists(LATIN_NAME, min_size=1, max_size=4))
def test_latin_labels_keep_their_spaces(labels: list[str]) -> None:
    """A comma list of Latin labels splits at the commas only."""
    assert split_labels(", ".join(labels)) == labels
