"""The seed article comes out exactly as recorded in seeds/*.expected.json."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import newsclean
from tests.conftest import SEED

EXPECTED = SEED.with_suffix(".expected.json")
JUNK_RULES = {
    3: "en.relative-time",
    38: "common.author-initials",
    40: "id.video-prompt",
    42: "en.video-title",
    44: "en.next-article",
    46: "en.read-entire-article",
    47: "common.category-bar",
}


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    # Probabilities are compared to 3 places; everything else exactly.
    language = dict(data["language"])
    language["confidence"] = round(language["confidence"], 3)
    language["candidates"] = [c["code"] for c in language["candidates"]]
    return {**data, "language": language}


def test_seed_matches_expected_json(seed_text: str) -> None:
    article = newsclean.clean_text(seed_text)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert _comparable(article.to_dict()) == _comparable(expected)


def test_seed_fields(seed_text: str) -> None:
    article = newsclean.clean_text(seed_text)
    assert article.title == "Kim Jong Un Kirim 3.000 Tentara Korut ke Rusia, Ada Apa?"
    assert article.language.code == "id"
    assert (article.dateline, article.source) == ("Jakarta", "CNBC Indonesia")
    assert article.authors == ("sef",)
    assert article.published_text == "3 weeks ago"
    assert article.published is None  # no fetched_at: never the wall clock
    assert [r.title for r in article.related] == [
        "Tanpa Iuran Seperti Tapera, Korut Bangun 50.000 Rumah Gratis ke Warga"
    ]
    assert [(m.kind, m.title) for m in article.media] == [
        ("video", "AS Ungkap Bukti Korea Utara Punya Pasukan di Rusia")
    ]
    assert article.categories == ("Ekonomi", "Asset", "Lokal", "Tech")


def test_seed_body(seed_text: str) -> None:
    article = newsclean.clean_text(seed_text)
    kinds = [p.kind for p in article.paragraphs]
    assert kinds.count("paragraph") == 15
    headings = [p.text for p in article.paragraphs if p.kind == "heading"]
    assert headings == ["Kegelisahan Dunia"]
    assert article.paragraphs[0].text.startswith("Sebanyak 3.000 personel")
    assert article.paragraphs[-1].text.endswith("akibat uji nuklir.")
    assert "Jakarta, CNBC Indonesia" not in article.text


def test_seed_trail(seed_text: str) -> None:
    article = newsclean.clean_text(seed_text)
    whole = {
        n: r.rule for r in article.removed if not r.partial and r.kind != "title" for n in r.lines
    }
    assert whole == JUNK_RULES
    dateline = [r for r in article.removed if r.partial]
    assert [(r.line, r.rule, r.text) for r in dateline] == [
        (5, "structure.dateline", "Jakarta, CNBC Indonesia -")
    ]
    assert all(r.reason for r in article.removed)


def test_seed_relative_stamp_resolves_against_fetched_at(seed_text: str) -> None:
    fetched = dt.datetime(2024, 11, 14, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    article = newsclean.clean_text(seed_text, fetched_at=fetched)
    assert article.published == fetched - dt.timedelta(weeks=3)
    assert article.fetched_at == fetched
