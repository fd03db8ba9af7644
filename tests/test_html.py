"""clean_html: pages in, the same Article as the text path out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import newsclean
from newsclean import Article, InputTooLargeError, InvalidInputError

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parent.parent / "seeds" / "000_f5035bfc5fe34ce1.txt"
FETCHED = dt.datetime(2024, 11, 14, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def seed_page() -> bytes:
    return (FIXTURES / "seed_news_page.html").read_bytes()


@pytest.fixture(scope="module")
def from_text() -> Article:
    return newsclean.clean_text(SEED.read_text(encoding="utf-8"), fetched_at=FETCHED)


@pytest.fixture(scope="module")
def from_page(seed_page: bytes) -> Article:
    return newsclean.clean_html(seed_page, fetched_at=FETCHED)


def test_seed_page_has_the_text_paths_body(from_text: Article, from_page: Article) -> None:
    """The seed story inside a news layout gives the same paragraphs, with the same kinds.

    The page keeps its dateline in front of the first paragraph (where it prints
    it); the text path cuts it. Both fill ``Article.dateline``.
    """
    page = [p.text for p in from_page.paragraphs]
    text = [p.text for p in from_text.paragraphs]
    assert page[0] == f"Jakarta, CNBC Indonesia - {text[0]}"
    assert page[1:] == text[1:]
    assert [p.kind for p in from_page.paragraphs] == [p.kind for p in from_text.paragraphs]


def test_seed_page_without_dateline_option_matches_text(from_text: Article) -> None:
    """With html_keep_dateline off, the page's paragraphs are exactly the text path's."""
    import attrs

    options = attrs.evolve(newsclean.Options(), html_keep_dateline=False)
    page = newsclean.Cleaner(options).clean_html(
        (FIXTURES / "seed_news_page.html").read_bytes(), fetched_at=FETCHED
    )
    assert [p.text for p in page.paragraphs] == [p.text for p in from_text.paragraphs]


def test_seed_page_has_the_text_paths_fields(from_text: Article, from_page: Article) -> None:
    """Title, dateline, source, authors, language and stamp agree with the text path."""
    for field in ("title", "dateline", "source", "authors", "published", "published_text"):
        assert getattr(from_page, field) == getattr(from_text, field), field
    assert from_page.language.code == from_text.language.code == "id"


def test_seed_page_chrome_is_not_in_the_body(from_page: Article) -> None:
    """Navigation, share links, related links, sidebar and footer stay out."""
    for phrase in ("Lifestyle", "WhatsApp", "Berita Terkait", "Terpopuler", "Copyright"):
        assert phrase not in from_page.text


def test_seed_page_trail_names_element_paths(from_page: Article) -> None:
    """Removals inside the story carry the element path and no line number."""
    rules = {r.rule: r for r in from_page.removed}
    assert rules["common.author-initials"].path == "/html/body/main/article/div[3]/p[16]"
    assert rules["structure.title-repeat"].path == "/html/body/main/article/h1"
    assert all(r.line is None and r.path for r in from_page.removed)
    assert all(p.lines == () and p.path for p in from_page.paragraphs)
    share = [r for r in from_page.removed if r.rule == "html.widget"]
    assert [(r.path, r.kind) for r in share] == [
        ("/html/body/main/article/div[2]", "share"),
        ("/html/body/main/article/div[4]", "related"),  # "related-articles"
    ]


def test_seed_page_metadata(from_page: Article) -> None:
    """Page-level metadata lands in the new optional fields."""
    assert from_page.site_name == "Contoh Berita"
    assert from_page.canonical_url == "https://berita.example/news/kim-jong-un-kirim-tentara"
    assert from_page.modified is None


def test_beautifulsoup_input_gives_the_same_article(seed_page: bytes) -> None:
    """A BeautifulSoup tree the scraper holds is cleaned like its markup."""
    soup = BeautifulSoup(seed_page, "lxml")
    assert newsclean.clean_html(soup, fetched_at=FETCHED) == newsclean.clean_html(
        seed_page, fetched_at=FETCHED
    )


def test_str_and_bytes_agree(seed_page: bytes) -> None:
    """Text and bytes of the same page give the same article."""
    assert newsclean.clean_html(seed_page.decode("utf-8")) == newsclean.clean_html(seed_page)


def test_cleaner_method_matches_function(seed_page: bytes) -> None:
    """The module function is the default cleaner's method."""
    assert newsclean.Cleaner().clean_html(seed_page) == newsclean.clean_html(seed_page)


def test_json_round_trip(from_page: Article) -> None:
    """Articles from pages, with the new fields, survive JSON."""
    assert Article.from_json(from_page.to_json()) == from_page


def test_old_json_without_new_fields_still_loads(from_text: Article) -> None:
    """Articles serialised before the page fields existed still load."""
    data = from_text.to_dict()
    for key in ("modified", "site_name", "description", "image", "canonical_url"):
        del data[key]
    assert Article.from_dict(data) == from_text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('<meta charset="iso-8859-1"><p>Caf\xe9 cr\xe8me.</p>'.encode("latin-1"), "Café crème."),
        ("\ufeff<p>Überall grüßt.</p>".encode("utf-8-sig"), "Überall grüßt."),
        ("<p>Żółw idzie.</p>".encode("utf-16"), "Żółw idzie."),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            "<p>Привет мир.</p>".encode("cp1251"),
            "Привет мир.",
        ),
    ],
    ids=["meta-charset", "utf8-bom", "utf16-bom", "http-equiv"],
)
def test_encodings(data: bytes, expected: str) -> None:
    """Bytes are decoded by BOM, declared charset or HTTP-equiv."""
    assert newsclean.clean_html(data).text == expected


@pytest.mark.parametrize("data", [b"", b"  \n ", "", "<html></html>", "<!-- only -->"])
def test_empty_documents_give_empty_articles(data: str | bytes) -> None:
    """Empty pages are not errors."""
    article = newsclean.clean_html(data)
    assert article.is_empty
    assert article.language.code == "und"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        bytes(range(32)) * 100,
        "\x00\x01\x02\x03" * 500,
    ],
    ids=["png", "pdf", "gzip", "control-bytes", "control-text"],
)
def test_binary_input_is_a_typed_error(data: str | bytes) -> None:
    """Binary data fetched by mistake raises InvalidInputError."""
    with pytest.raises(InvalidInputError):
        newsclean.clean_html(data)


@pytest.mark.parametrize("data", [None, 42, ["<p>x</p>"], object()])
def test_wrong_types_are_typed_errors(data: object) -> None:
    """Only str, bytes and BeautifulSoup are pages."""
    with pytest.raises(InvalidInputError):
        newsclean.clean_html(data)  # type: ignore[arg-type]


def test_naive_fetched_at_is_rejected() -> None:
    """fetched_at must be timezone-aware, as for text."""
    with pytest.raises(InvalidInputError):
        newsclean.clean_html("<p>x</p>", fetched_at=dt.datetime(2024, 1, 1))


def test_size_limit() -> None:
    """Pages over Options.max_input_chars raise InputTooLargeError."""
    import attrs

    cleaner = newsclean.Cleaner(attrs.evolve(newsclean.Options(), max_input_chars=100))
    with pytest.raises(InputTooLargeError):
        cleaner.clean_html("<p>" + "x" * 200 + "</p>")
    with pytest.raises(InputTooLargeError):
        cleaner.clean_html(b"<p>" + b"x" * 200 + b"</p>")


def test_malformed_markup_is_read() -> None:
    """Unclosed tags, stray end tags and broken attributes still give the story."""
    page = (
        "<html><body><div class='story'><p>The council approved the budget on Monday, "
        "after a debate that lasted, by all accounts, most of the night.<p>Critics said "
        "the plan, which cuts spending on roads, would hurt rural towns.</div></span>"
        "<p class=>Officials will publish the final figures, with tables, next week.</i>"
    )
    article = newsclean.clean_html(page)
    assert "The council approved the budget" in article.text
    assert "final figures" in article.text


def test_deep_nesting_does_not_recurse() -> None:
    """Markup nested thousands deep gives a typed error, never a RecursionError."""
    deep = "<div>" * 20000 + "<p>Text at the bottom of a very deep tree.</p>" + "</div>" * 20000
    with pytest.raises(newsclean.InputTooDeepError):
        newsclean.clean_html(deep)
    allowed = newsclean.Cleaner(newsclean.Options(max_html_depth=5000))
    assert isinstance(allowed.clean_html("<div>" * 1500 + "<p>Deep text.</p>"), Article)
    shallow = "<div>" * 200 + "<p>Text at the bottom of a deep tree, still read.</p>"
    assert "still read" in newsclean.clean_html(shallow).text


def test_large_page_is_linear() -> None:
    """A 10 MB page gives a clean result (scripts and markup around a story)."""
    story = "".join(
        f"<p>Paragraph {i} of the report says the harbour will reopen in spring, "
        f"after repairs to berth {i}.</p>"
        for i in range(40)
    )
    filler = "<script>var x = '" + "a" * 1000 + "';</script>\n"
    page = "<html><body>" + filler * 5000 + f"<article>{story}</article>" + "</body></html>"
    assert len(page) > 5_000_000
    article = newsclean.clean_html(page.encode())
    assert len(article.paragraphs) == 40


def test_share_widget_and_link_block_inside_story_are_recorded() -> None:
    """Boxes removed inside the story's container are in the trail, with their path."""
    story = "".join(
        f"<p>Sentence {i} of the story, which talks about the river, the bridge and "
        "the town that grew around them over two centuries.</p>"
        for i in range(6)
    )
    page = (
        "<html><body><article><h1>Bridge</h1>"
        + story
        + "<p><a href='/x'>The old mill reopens as a museum of the river</a> (photos)</p>"
        + "<div class='share-links'><a href='/a'>One</a> <a href='/b'>Two</a></div>"
        + "</article></body></html>"
    )
    article = newsclean.clean_html(page)
    assert "old mill" not in article.text
    assert "One Two" not in article.text
    paths = {r.rule: r.path for r in article.removed}
    assert paths["html.link-block"] == "/html/body/article/p[7]"
    assert paths["html.widget"] == "/html/body/article/div"


def test_language_hint_used_only_when_detection_is_unsure() -> None:
    """A declared language fills in for a too-short body, never over clear evidence."""
    short = '<html lang="pt-BR"><body><p>Tchau!</p></body></html>'
    assert newsclean.clean_html(short).language.code == "pt"
    assert newsclean.clean_html(short).language.reason == "declared by the page"
    english = (
        '<html lang="de"><body><article>'
        + "<p>The weather service said on Friday that the storm would reach the coast "
        "by the evening, and that people living near the shore should move inland.</p>"
        * 3
        + "</article></body></html>"
    )
    assert newsclean.clean_html(english).language.code == "en"
