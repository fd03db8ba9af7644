"""Language identification: scripts, close pairs, abstention, hints, determinism.

Every sentence here was written for these tests; none comes from a corpus.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import language as language_module
from newsclean.errors import InvalidInputError
from newsclean.langevidence import (
    WordTable,
    fold_diacritics,
    language_data,
    parse_group,
    parse_word_table,
    word_table,
    word_table_names,
)
from newsclean.language import (
    SAMPLE_CHARS,
    detect_language,
    hint_from_url,
    normalize_hint,
    paragraph_languages,
    sample_text,
)

REPO = Path(__file__).resolve().parents[1]

SCRIPT_CASES = {
    "ko": "오늘 서울의 날씨는 맑고 따뜻합니다.",
    "ja": "今日は東京でとても良い天気です。",
    "th": "วันนี้อากาศดีมากในกรุงเทพ",
    "el": "Η κυβέρνηση ανακοίνωσε νέα μέτρα σήμερα.",
    "he": "הממשלה הודיעה היום על צעדים חדשים.",
    "ka": "მთავრობამ დღეს ახალი ზომები გამოაცხადა.",
    "hy": "Կառավարությունը այսօր նոր միջոցառումներ հայտարարեց։",
    "zh": "政府今天宣布了支持经济的新措施。",
    "ar": "أعلنت الحكومة اليوم عن إجراءات جديدة لدعم الاقتصاد.",
    "fa": "دولت امروز اقدامات جدیدی برای حمایت از اقتصاد اعلام کرد.",
    "ur": "حکومت نے آج معیشت کی مدد کے لیے نئے اقدامات کا اعلان کیا ہے۔",
    "hi": "सरकार ने आज नए कदमों की घोषणा की है और लोगों से सहयोग मांगा है।",
}

CLOSE_PAIR_CASES = {
    "ca": "Els veïns del barri es van reunir ahir a la plaça per parlar de les obres.",
    "es": "Los vecinos del barrio se reunieron ayer en la plaza para hablar de las obras.",
    "cs": "Vláda včera schválila nový zákon, který má pomoci rodinám s dětmi.",
    "sk": "Vláda včera schválila nový zákon, ktorý má pomôcť rodinám s deťmi.",
    "hr": "Vlada je jučer predstavila novi zakon koji bi trebao pomoći obiteljima.",
    "sl": "Vlada je včeraj predstavila nov zakon, ki naj bi pomagal družinam.",
    "no": "Regjeringen la i går fram et nytt forslag om skatt, og det ble godt mottatt.",
    "da": "Regeringen fremlagde i går et nyt forslag om skat, og det blev godt modtaget.",
    "sv": "Regeringen lade i går fram ett nytt förslag om skatt, och det togs emot väl.",
    "ru": "Правительство сегодня объявило о новых мерах поддержки экономики.",
    "uk": "Уряд сьогодні оголосив про нові заходи підтримки економіки.",
    "bg": "Правителството обяви днес нови мерки за подкрепа на икономиката.",
    "mk": "Владата денеска објави нови мерки за поддршка на економијата.",
    "ro": "Guvernul a anunțat ieri noi măsuri pentru sprijinirea economiei.",
    "it": "Il governo ha annunciato ieri nuove misure per sostenere l'economia.",
    "id": "Pemerintah mengumumkan kebijakan baru untuk membantu warga yang terdampak banjir.",
    "ms": "Kerajaan mengumumkan dasar baharu kerana mahu membantu rakyat yang terjejas "
    "akibat banjir, iaitu bantuan tunai selepas ini.",
    "tl": "Inanunsyo ng pamahalaan ang mga bagong hakbang para sa mga nasalanta ng baha.",
    "nl": "De regering heeft gisteren nieuwe maatregelen aangekondigd om de economie te steunen.",
    "af": "Die regering het gister nuwe maatreëls aangekondig om die ekonomie te ondersteun.",
    "mr": "सरकारने आज नवीन उपाययोजना जाहीर केल्या आहेत आणि लोकांना सहकार्य करण्याचे आवाहन केले आहे.",
}


@pytest.mark.parametrize(("code", "text"), sorted(SCRIPT_CASES.items()))
def test_script_cases(code: str, text: str) -> None:
    """Scripts used by one language settle it; shared scripts narrow the candidates."""
    found = detect_language(text)
    assert (found.code, found.confidence > 0.9) == (code, True)


def test_script_settles_despite_latin_noise() -> None:
    """Latin header junk around Korean text does not turn it English."""
    text = "HTTP/1.1 200 OK Content-Type: text/html " + SCRIPT_CASES["ko"]
    assert detect_language(text).code == "ko"


def test_japanese_with_many_kanji_is_japanese() -> None:
    """Han characters in Japanese text are part of Japanese, not a rival."""
    assert detect_language("日本政府は経済対策を発表した。").code == "ja"


@pytest.mark.parametrize(("code", "text"), sorted(CLOSE_PAIR_CASES.items()))
def test_close_pair_cases(code: str, text: str) -> None:
    """Close languages are told apart by their letters and words."""
    found = detect_language(text)
    assert found.code == code, found


def test_ukrainian_with_latin_i_is_ukrainian() -> None:
    """A Latin "i" inside Cyrillic words is read as the Ukrainian letter it stands for."""
    assert detect_language("Вiн сказав, що всi люди мають право на життя.").code == "uk"


@pytest.mark.parametrize("text", ["", "   ", "ok", "12345 !!! ???", "\u200b\u200b", "🙂🙂🙂"])
def test_short_or_empty_input_is_undetermined(text: str) -> None:
    """Too little text gives "und" with a reason, never a guess."""
    found = detect_language(text)
    assert found.code == "und"
    assert found.reason


def test_navigation_line_is_not_confident_swedish() -> None:
    """A line of category labels carries no language: "und" or low confidence."""
    found = detect_language("Ekonomi | Asset | Lokal | Tech|")
    assert found.code == "und" or found.confidence < 0.8
    assert not (found.code == "sv" and found.confidence > 0.9)


def test_undetermined_keeps_candidates() -> None:
    """An abstention still lists what was considered, best first."""
    found = detect_language("Det er godt")
    assert found.code == "und"
    assert found.reason == "low confidence"
    assert {c.code for c in found.candidates} >= {"da", "no"}
    probabilities = [c.probability for c in found.candidates]
    assert probabilities == sorted(probabilities, reverse=True)


def test_threshold_is_respected() -> None:
    """A lower threshold names a language the default would not."""
    assert detect_language("Det er godt").code == "und"
    assert detect_language("Det er godt", threshold=0.5).code in {"da", "no"}
    assert detect_language(CLOSE_PAIR_CASES["da"], threshold=1.0).code in {"da", "und"}


@pytest.mark.parametrize("bad", [b"bytes", None, 3])
def test_non_str_is_invalid_input(bad: object) -> None:
    """Bad input raises newsclean's own error type."""
    with pytest.raises(InvalidInputError):
        detect_language(bad)  # type: ignore[arg-type]


def test_bad_threshold_is_invalid_input() -> None:
    """A threshold outside [0, 1] is refused."""
    with pytest.raises(InvalidInputError):
        detect_language("text", threshold=1.5)


@pytest.mark.parametrize(("hint", "expected"), [("da", "da"), ("no", "no"), ("nb-NO", "no")])
def test_hint_breaks_a_tie(hint: str, expected: str) -> None:
    """Between languages the text cannot tell apart, the hint decides."""
    assert detect_language("Jeg er glad", hint=hint, threshold=0.6).code == expected


@pytest.mark.parametrize(
    ("code", "hint"), [("ca", "es"), ("da", "no"), ("sk", "cs"), ("id", "ms"), ("ru", "bg")]
)
def test_hint_never_overrules_clear_text(code: str, hint: str) -> None:
    """A wrong hint does not change the answer for text that reads clearly."""
    assert detect_language(CLOSE_PAIR_CASES[code], hint=hint).code == code


def test_hint_outside_the_candidates_is_ignored() -> None:
    """A hint for a language the script rules out has no effect."""
    text = CLOSE_PAIR_CASES["es"]
    assert detect_language(text, hint="ja") == detect_language(text)
    assert detect_language(SCRIPT_CASES["ko"], hint="en").code == "ko"


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("pt-BR", "pt"),
        ("id_ID", "id"),
        ("in", "id"),
        ("nn", "no"),
        ("fil", "tl"),
        ("zh-Hant", "zh"),
        ("EN", "en"),
        ("", None),
        ("x", None),
        ("12", None),
        ("français", None),
    ],
)
def test_normalize_hint(hint: str, expected: str | None) -> None:
    """Tags, locales and old codes become ISO 639-1 codes."""
    assert normalize_hint(hint) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.detik.com/berita/123", None),
        ("https://www.kompas.co.id/read/1", "id"),
        ("http://www.bernama.com.my/x", "ms"),
        ("https://www.nrk.no/nyheter/", "no"),
        ("https://www.dr.dk/nyheder", "da"),
        ("example.se/path", "sv"),
        ("https://EXAMPLE.CZ./a", "cs"),
        ("https://www.example.be/", None),
        ("not a url", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_hint_from_url(url: str | None, expected: str | None) -> None:
    """A country domain suggests a language; generic and multilingual domains do not."""
    assert hint_from_url(url) == expected


def test_cleaner_uses_url_hint_for_ties_only() -> None:
    """clean_text passes the URL's country hint; a clear body keeps its language."""
    body = CLOSE_PAIR_CASES["da"] + "\n\n" + CLOSE_PAIR_CASES["da"].replace("skat", "told")
    article = newsclean.clean_text(body, url="https://www.example.no/a")
    assert article.language.code == "da"


def test_sample_is_bounded_and_deterministic() -> None:
    """Long text is read through a bounded sample of start, middle and end."""
    text = " ".join(f"word{n}" for n in range(5000))
    sample = sample_text(text)
    assert len(sample) <= SAMPLE_CHARS
    assert sample == sample_text(text)
    assert sample.startswith("word0 ")
    assert sample.endswith("word4999")
    assert any(f" word{n} " in sample for n in range(2000, 3000))


def test_long_article_language() -> None:
    """A long body is detected from its sample, with a mixed lead not deciding it."""
    body = (CLOSE_PAIR_CASES["id"] + " ") * 40
    text = "Breaking news from the capital city today. " + body
    assert detect_language(text).code == "id"


def test_paragraph_languages() -> None:
    """Only long paragraphs confidently in another language get a code."""
    english = (
        "The minister said on Tuesday that the new rules would apply to every company "
        "in the country from next year, and that nobody would be exempt."
    )
    indonesian = (
        "Menteri mengatakan pada hari Selasa bahwa aturan baru itu akan berlaku untuk "
        "semua perusahaan di negara ini mulai tahun depan."
    )
    codes = paragraph_languages([indonesian, english, "Read more", indonesian], "id")
    assert codes == (None, "en", None, None)


def test_cleaner_tags_a_foreign_paragraph() -> None:
    """Article.language comes from the body; a quoted English paragraph is tagged."""
    indonesian = (
        "Menteri mengatakan pada hari Selasa bahwa aturan baru itu akan berlaku untuk "
        "semua perusahaan di negara ini mulai tahun depan, dan tidak ada yang dikecualikan."
    )
    english = (
        "The minister said on Tuesday that the new rules would apply to every company "
        "in the country from next year, and that nobody would be exempt."
    )
    text = "\n\n".join([indonesian, english, indonesian.replace("Selasa", "Rabu")])
    tagging = newsclean.Cleaner(newsclean.Options(paragraph_languages=True))
    article = tagging.clean_text(text)
    assert article.language.code == "id"
    assert [p.language for p in article.paragraphs] == [None, "en", None]
    # Off by default: the article's language only.
    assert all(p.language is None for p in newsclean.clean_text(text).paragraphs)


def test_seed_article_is_indonesian() -> None:
    """The seed article keeps coming out Indonesian."""
    text = (REPO / "seeds" / "000_f5035bfc5fe34ce1.txt").read_text(encoding="utf-8")
    article = newsclean.Cleaner(newsclean.Options(paragraph_languages=True)).clean_text(text)
    assert article.language.code == "id"
    assert all(p.language is None for p in article.paragraphs)


def test_threads_agree() -> None:
    """Concurrent calls give the same answers as sequential ones."""
    texts = list(CLOSE_PAIR_CASES.values()) * 3
    expected = [detect_language(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(detect_language, texts)) == expected
    assert threading.active_count() >= 1


_PROBE = """
import json, sys
import langdetect.detector_factory as df
import newsclean
texts = json.loads(sys.stdin.read())
found = [newsclean.detect_language(t) for t in texts]
print(json.dumps({
    "answers": [[f.code, repr(f.confidence), [[c.code, repr(c.probability)] for c in f.candidates]]
                for f in found],
    "global_factory_untouched": df._factory is None,
    "class_seed": df.DetectorFactory.seed,
}))
"""


def _probe(texts: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={"PYTHONPATH": str(REPO / "src"), "PYTHONHASHSEED": "random"},
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_identical_across_processes_and_global_state_untouched() -> None:
    """Two fresh processes give bit-identical answers; langdetect's globals stay untouched."""
    texts = [
        *CLOSE_PAIR_CASES.values(),
        "Det er godt",
        "Ekonomi | Asset | Lokal | Tech|",
        "mal vamos",
    ]
    first, second = _probe(texts), _probe(texts)
    assert first == second
    assert first["global_factory_untouched"] is True
    assert first["class_seed"] is None
    here = [
        [f.code, repr(f.confidence), [[c.code, repr(c.probability)] for c in f.candidates]]
        for f in map(detect_language, texts)
    ]
    assert first["answers"] == here


def test_bundled_groups_are_consistent() -> None:
    """Every group names its languages and each has a marker table; scripts do not overlap."""
    data = language_data()
    assert len(data.groups) >= 7
    for group in data.groups:
        assert len(group.languages) >= 2
        assert [code for code, _ in group.markers] == list(group.languages)
        for _, markers in group.markers:
            assert all(w == w.lower() for w in markers.words)
    spans = sorted(r for s in data.scripts for r in s.ranges)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))


def test_bad_group_file_is_a_rule_file_error() -> None:
    """A malformed data table is reported as a RuleFileError."""
    with pytest.raises(newsclean.RuleFileError):
        parse_group({"languages": ["xx"]}, "bad")
    with pytest.raises(newsclean.RuleFileError):
        parse_group({"languages": ["xx", "yy"], "xx": {}}, "bad")
    with pytest.raises(newsclean.RuleFileError):
        parse_group({"languages": ["xx", "yy"], "xx": {"wrods": "a"}, "yy": {}}, "bad")


def test_bundled_word_tables_are_consistent() -> None:
    """Each word table is named after its languages, all of which langdetect can score."""
    names = word_table_names()
    assert len(names) >= 2
    profiles = set(language_module._profile_languages())
    for name in names:
        table = word_table(name)
        assert table is not None
        assert table.languages == tuple(name.split("-"))
        assert set(table.languages) <= profiles
        assert len(table.words) > 1000
        for row in itertools.islice(table.words.values(), 100):
            assert row
            assert all(0 <= i < len(table.languages) and v >= 0.0 for i, v in row)
    assert word_table("xx-yy") is None


def test_bad_word_table_is_a_rule_file_error() -> None:
    """A malformed word table is reported as a RuleFileError."""
    good = "# comment\nfloor 40\nlanguages xx yy\nword yy:45\n"
    assert parse_word_table(good, "t").words["word"] == ((1, pytest.approx(0.5 * 2.302585)),)
    for bad in (
        "floor 40\nlanguages xx\nword xx:45\n",
        "floor 40\nlanguages xx yy\nword\n",
        "floor 40\nlanguages xx yy\nword zz:45\n",
        "languages xx yy\nword xx:45\n",
        "floor forty\nlanguages xx yy\nword xx:45\n",
        "floor 40\nlanguages xx yy\nword xx:fifty\n",
        "floor 40\nlanguages xx yy\n",
    ):
        with pytest.raises(newsclean.RuleFileError):
            parse_word_table(bad, "t")


def test_word_table_caps_each_token() -> None:
    """One token costs a language at most ``cap`` nats against the group's best."""
    table = WordTable(("xx", "yy"), {"only": ((0, 9.0),), "both": ((0, 2.0), (1, 2.5))})
    assert table.evidence(["only"], cap=4.0, folded=False) == [9.0, 5.0]
    assert table.evidence(["both", "unknown"], cap=4.0, folded=False) == [2.0, 2.5]


def test_folded_table_adds_up_words_without_diacritics() -> None:
    """Text typed without diacritics finds the accented words' frequencies."""
    rows = {"dia": ((0, 5.0),), "día": ((1, 6.0),), "més": ((0, 6.0),)}
    table = WordTable(("ca", "es"), rows)
    folded = dict(table.folded())
    assert dict(folded["dia"]) == pytest.approx({0: 5.0, 1: 6.0})
    assert dict(folded["mes"]) == pytest.approx({0: 6.0})
    assert table.evidence(["dia"], cap=4.0, folded=True) == pytest.approx([5.0, 6.0])
    assert table.evidence(["dia"], cap=4.0, folded=False) == pytest.approx([5.0, 1.0])
    assert fold_diacritics("příprava") == "priprava"


@pytest.mark.parametrize(("code", "text"), [("pt", "Ela deixou tudo."), ("ca", "Ho farem demà.")])
def test_word_tables_decide_short_close_texts(
    code: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Short texts whose letters say little are told apart by their words' frequencies."""
    assert detect_language(text).code == code
    monkeypatch.setattr(language_module, "WORD_WEIGHT", 0.0)
    assert detect_language(text).code == "und"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_total_deterministic_and_bounded(text: str) -> None:
    """Any str gets an answer; the same answer twice; confidence in [0, 1]."""
    first = detect_language(text)
    assert first == detect_language(text)
    assert 0.0 <= first.confidence <= 1.0
    assert all(0.0 <= c.probability <= 1.0 for c in first.candidates)
    assert first.code == "und" or first.reason is None
    assert first.code != "und" or first.reason


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from([*CLOSE_PAIR_CASES.values(), *SCRIPT_CASES.values(), "x", ""]),
        max_size=6,
    ).map(" ".join),
    st.sampled_from([None, "id", "da", "pt-BR", "zz"]),
)
def test_mixtures_are_total(text: str, hint: str | None) -> None:
    """Mixed-language text and any hint still give a valid answer."""
    found = detect_language(text, hint=hint)
    assert found.code == "und" or found.code.isalpha()
    assert 0.0 <= found.confidence <= 1.0


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=2000))
def test_sample_never_invents_text(text: str) -> None:
    """The sample is bounded and made of pieces of the text, in order."""
    sample = sample_text(text)
    assert len(sample) <= max(len(text), SAMPLE_CHARS)
    if len(text) <= SAMPLE_CHARS:
        assert sample == text
    else:
        position = 0
        for piece in sample.split(" "):
            found = text.find(piece, position)
            assert found >= 0
            position = found + len(piece)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=5), st.sampled_from(["id", "en", "und"]))
def test_paragraph_languages_total(texts: list[str], code: str) -> None:
    """One entry per paragraph, never the article's own code."""
    found = paragraph_languages(texts, code)
    assert len(found) == len(texts)
    assert code not in found
