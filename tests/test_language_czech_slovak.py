"""Czech against Slovak: the markers that tell them apart, the deeper word table, and mis-decoded UTF-8.

Every sentence and word here was written for these tests; none comes from a corpus.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsclean import language as language_module
from newsclean.langevidence import EvidenceWeights, Group, language_data, word_table
from newsclean.language import detect_language, repair_mojibake

DEEP = "cs-hr-sk-sl"


def _group() -> Group:
    return next(g for g in language_data().groups if g.name == "cs-sk-sl-hr")


def _evidence(token: str) -> dict[str, float]:
    return _group().evidence(token, [token], EvidenceWeights())


@pytest.mark.parametrize(
    ("token", "code"),
    [
        # Czech sou- where Slovak writes sú- (souhlas / súhlas, soutěž / súťaž).
        ("souhlas", "cs"),
        ("súhlas", "sk"),
        # Present participles: Czech -oucí / -ící, Slovak -úci.
        ("vedoucí", "cs"),
        ("hořící", "cs"),
        ("vedúci", "sk"),
        ("budúca", "sk"),
        # Soft adjectives: Czech -ího / -ímu, Slovak -ieho / -iemu.
        ("cizího", "cs"),
        ("cudzieho", "sk"),
        ("cudziemu", "sk"),
        # Czech -ství against Slovak -stvo (bohatství / bohatstvo).
        ("bohatství", "cs"),
        # Czech passive -ováno against Slovak -ované.
        ("naplánováno", "cs"),
        # Slovak prí- (Czech pří-), Slovak ie inside a word (miesto / místo).
        ("prílet", "sk"),
        ("miesto", "sk"),
        ("niekto", "sk"),
        # Slovak locative plural -och (Czech -ech), genitive -ácie (Czech -ace).
        ("rokoch", "sk"),
        ("situácie", "sk"),
        # Czech loan words in -ologie / -nomie / -tomie; Slovak writes -ológie, -ómie.
        ("biologie", "cs"),
        ("astronomie", "cs"),
        # Czech -jev- where Slovak (and Slovene, Croatian) write -jav- (objev / objav).
        ("objev", "cs"),
        ("projev", "cs"),
        ("prejav", "sk"),
        # Czech initial js- / jm- (jsou, jméno); Slovak sú, meno.
        ("jméno", "cs"),
        # Czech typed without diacritics: verbal nouns in -ani / -eni, adjectives in -iho.
        ("hlasovani", "cs"),
        ("zvyseni", "cs"),
        ("mezinarodniho", "cs"),
        # Function words.
        ("bych", "cs"),
        ("kvůli", "cs"),
        ("kterých", "cs"),
        ("ktorých", "sk"),
        ("počas", "sk"),
        ("vďaka", "sk"),
        ("najmä", "sk"),
    ],
)
def test_marker_points_to_its_language(token: str, code: str) -> None:
    """Each marker adds to its own language, more than to the other of the pair."""
    scores = _evidence(token)
    other = "sk" if code == "cs" else "cs"
    assert scores[code] > scores[other]


def test_slovak_mesto_is_not_a_czech_marker() -> None:
    """Slovak "mesto" (town) is also Czech "město" typed plainly: it tips nothing."""
    scores = _evidence("mesto")
    assert scores["cs"] == scores["sk"] > 0.0


def test_jav_is_shared_by_slovak_slovene_and_croatian() -> None:
    """-jav- counts for all three languages that write it, so it tips nothing among them."""
    scores = _evidence("javnost")
    assert scores["sk"] == scores["sl"] == scores["hr"] > scores["cs"]


@pytest.mark.parametrize("token", ["ekonomie", "biologie", "historie", "klient"])
def test_czech_loan_words_are_not_slovak_markers(token: str) -> None:
    """Czech loans ending in -ie, or with -ie- inside, add nothing to Slovak.

    Slovak writes these words with a long vowel (ekonómia, biológia, história).
    """
    assert _evidence(token)["sk"] == 0.0


@pytest.mark.parametrize(
    ("code", "text"),
    [
        # Read as Slovak before the Czech loan-word endings were known.
        ("cs", "Přednáška z biologie a ekonomie."),
        ("cs", "Soukromý soubor."),
        ("cs", "Rostoucí zájem o bydlení."),
        ("cs", "Vedoucí oddělení."),
        ("cs", "Cena cizího zboží."),
        ("cs", "Zvyseni mezd bylo schvaleno."),
        ("cs", "Bylo to naplánováno dopředu."),
        ("cs", "Objev nového druhu."),
        # Slovak stays Slovak.
        ("sk", "Prednáška z biológie a ekonómie."),
        ("sk", "Súkromný súbor."),
        ("sk", "Rastúci záujem o bývanie."),
        ("sk", "Vedúci oddelenia."),
        ("sk", "Cena cudzieho tovaru."),
        ("sk", "Zvysenie miezd bolo schvalene."),
        ("sk", "Bolo to naplánované dopredu."),
        ("sk", "Prílet hostí sa oneskoril o hodinu."),
        ("sk", "Výstava v priestoroch galérie."),
        ("sk", "Informácie o cestovnom poriadku."),
        ("sk", "Lekári odporúčajú piť veľa vody počas horúčav."),
        ("sk", "Tieto miesta sú pre návštevníkov zadarmo."),
        ("sk", "Objav nového druhu."),
        ("sk", "Prejav prezidenta."),
        # Slovene with -jav- stays Slovene.
        ("sl", "Ministrstvo je objavilo podatke za javnost."),
        ("sl", "Javni razpis je bil objavljen včeraj."),
    ],
)
def test_czech_and_slovak_sentences(code: str, text: str) -> None:
    """Hand-written Czech and Slovak sentences get their own language."""
    assert detect_language(text).code == code


def test_slovak_line_with_a_czech_homograph_is_not_called_czech() -> None:
    """A short Slovak line whose one telling word is also Czech is not named Czech.

    "tím" is Slovak for "team" and Czech for "by that": no answer is better than
    a wrong one.
    """
    assert detect_language("Súťaž vyhral tím z Brna.").code in {"sk", "und"}


MOJIBAKE = [
    ("Zpráva je jasná: že to jde.", "cp1250"),
    ("Príloha obsahuje ďalšie údaje.", "cp1250"),
    ("Le café est très crème.", "cp1252"),
    ("Über die Brücke gehen wir später.", "cp1252"),
]


@pytest.mark.parametrize(("text", "codec"), MOJIBAKE)
def test_repair_mojibake_undoes_a_wrong_code_page(text: str, codec: str) -> None:
    """UTF-8 read as windows-1250 or windows-1252 is read back as it was written."""
    broken = text.encode("utf-8").decode(codec)
    assert broken != text
    assert repair_mojibake(broken) == text


def test_mojibake_czech_is_czech() -> None:
    """Czech mis-decoded as windows-1250 ("Ĺľ" for "ž") is not read as Slovak."""
    text = "Zpráva je jasná: že to jde, ale velmi pomalu a obtížně."
    broken = text.encode("utf-8").decode("cp1250")
    assert "ľ" in broken
    assert detect_language(broken).code == "cs"


@pytest.mark.parametrize(
    "text",
    [
        "Guvernul a anunțat în România măsuri.",
        "Ăsta e un test.",
        "Vláda včera schválila nový zákon.",
        "naïve café © 2024",
        "Â",
        "",
        "plain ascii",
    ],
)
def test_repair_mojibake_leaves_natural_text_alone(text: str) -> None:
    """Text that is not mis-decoded UTF-8 comes back unchanged."""
    assert repair_mojibake(text) == text


_LETTERS = "abcdeěéíýáúůžščřďťňľĺŕôäöüßàèçñ ABCŽŠČŘÉ"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=_LETTERS, min_size=1, max_size=60), st.sampled_from(["cp1250", "cp1252"]))
def test_repair_mojibake_round_trip(text: str, codec: str) -> None:
    """Any text mis-decoded with one of the code pages is repaired exactly."""
    try:
        broken = text.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        assume(False)
        return
    assert repair_mojibake(broken) == text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_repair_mojibake_total_and_ascii_safe(text: str) -> None:
    """Any str gives a str; plain ASCII is never touched; the result is deterministic."""
    repaired = repair_mojibake(text)
    assert isinstance(repaired, str)
    assert repaired == repair_mojibake(text)
    if text.isascii():
        assert repaired == text


def _shared_table_name() -> str:
    return next(n for n in language_module.word_table_names() if len(n.split("-")) > 4)


def test_deep_table_is_bundled_and_reaches_rarer_words() -> None:
    """The four-language table exists and knows words under the shared table's floor."""
    deep = word_table(DEEP)
    shared = word_table(_shared_table_name())
    assert deep is not None
    assert shared is not None
    assert deep.languages == ("cs", "hr", "sk", "sl")
    # A Czech word rarer than the shared floor: only the deep table has it.
    assert "nainstalovat" in deep.words
    assert "nainstalovat" not in shared.words
    cs = deep.languages.index("cs")
    assert {i for i, _ in deep.words["nainstalovat"]} == {cs}


def _confidence(text: str, code: str, *, deep: bool) -> float:
    names = language_module.word_table_names()
    kept = names if deep else tuple(n for n in names if n != DEEP)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(language_module, "word_table_names", lambda: kept)
        found = detect_language(text)
    if found.code == code:
        return found.confidence
    return next((c.probability for c in found.candidates if c.code == code), 0.0)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        # Czech typed without diacritics, whose telling words are rare.
        ("cs", "Ovladac tiskarny musite nainstalovat znovu."),
        ("cs", "Ovladac je nutne nainstalovat znovu."),
        ("cs", "Aktualizace se nepodarilo nainstalovat."),
        ("cs", "Navod k obsluze najdete v priloze."),
        ("cs", "Soubor se nepodarilo ulozit."),
        ("cs", "Zkuste restartovat počítač."),
        # Short Croatian lines.
        ("hr", "Zaboravili ste lozinku?"),
        ("hr", "Lozinku ste zaboravili?"),
    ],
)
def test_deep_table_settles_short_lines(code: str, text: str) -> None:
    """Lines the shared table leaves unanswered are named, and named right, with the deep one."""
    assert detect_language(text).code == code
    assert _confidence(text, code, deep=True) > _confidence(text, code, deep=False)


def test_plain_czech_line_is_no_longer_called_slovak() -> None:
    """A plain-ASCII Czech line that read as Slovak moves towards Czech.

    Every word of it is also Slovak typed without diacritics except "vyhrazuje"
    (Slovak "vyhradzuje"): not enough to name Czech, enough not to name Slovak.
    """
    text = "Poradatel si vyhrazuje pravo zmeny programu."
    assert detect_language(text).code in {"cs", "und"}
    assert _confidence(text, "cs", deep=True) > _confidence(text, "cs", deep=False)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("sk", "Ovládač musíte nainštalovať znova."),
        ("sk", "Súbor sa nepodarilo uložiť."),
        ("sk", "Skúste reštartovať počítač."),
        ("sk", "Zabudli ste heslo?"),
        ("cs", "Soubor se nepodařilo uložit."),
        ("cs", "Zapomneli jste heslo?"),
        ("sl", "Pozabili ste geslo?"),
        ("sl", "Datoteke ni bilo mogoče shraniti."),
        ("hr", "Datoteku nije moguće spremiti."),
        ("hr", "Instalirajte upravljački program pisača."),
    ],
)
def test_deep_table_keeps_clear_lines(code: str, text: str) -> None:
    """Lines that were already clear stay with their language."""
    assert detect_language(text).code == code


_DEEP_WORDS = [
    *("nainstalovat", "ovladac", "počítač", "súbor", "soubor", "geslo", "lozinku", "srpna"),
    *("the", "und", "casa", "perché", "xqzt", "je", "na", "sa", "se", "ste", "jste"),
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_DEEP_WORDS), min_size=1, max_size=8),
    st.lists(st.floats(min_value=-60.0, max_value=0.0), min_size=31, max_size=31),
)
def test_deep_table_moves_probability_only_among_its_languages(
    tokens: list[str], raw: list[float]
) -> None:
    """With or without the deep table, other languages keep their scores and the four their sum."""
    data = language_data()
    latin = next(s for s in data.scripts if s.name == "Latin")
    base = dict(zip(latin.languages, raw, strict=False))
    shared = _shared_table_name()
    results = []
    for names in ((shared,), (shared, DEEP)):
        scores = dict(base)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(language_module, "word_table_names", lambda names=names: names)
            language_module._apply_groups(data, scores, " ".join(tokens), tokens)
        results.append(scores)
    without, with_deep = results
    four = ("cs", "hr", "sk", "sl")
    for code in base:
        if code not in four:
            assert with_deep[code] == pytest.approx(without[code], abs=1e-9)

    def mass(scores: dict[str, float]) -> float:
        return math.log(sum(math.exp(scores[c]) for c in four))

    assert mass(with_deep) == pytest.approx(mass(without), abs=1e-6)
