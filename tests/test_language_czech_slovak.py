"""Czech against Slovak: the markers that tell them apart, and mis-decoded UTF-8.

Every sentence and word here was written for these tests; none comes from a corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsclean.langevidence import EvidenceWeights, Group, language_data
from newsclean.language import detect_language, repair_mojibake


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
