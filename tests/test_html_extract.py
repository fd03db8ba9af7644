"""Main-content extraction on hand-written pages: one test per general behaviour."""

from __future__ import annotations

import newsclean

#: Story paragraphs long enough to be scored as story (written for these tests).
STORY = [
    "The harbour board voted on Tuesday to rebuild the northern pier, which was closed "
    "after the winter storms, and said the work would start in May.",
    "Fishermen, who have moored at the southern quay since January, welcomed the "
    "decision but asked for a temporary ramp, a fuel point and more lighting.",
    "The board's chair said the budget, agreed with the county, covers the pier, the "
    "ramp and a new office, and that tenders open next month.",
    "Repairs to the breakwater, damaged in the same storms, will follow in autumn, once "
    "engineers have finished their survey of the foundations.",
]

MORE_STORY = [
    "Traffic to the ferry terminal will be diverted through the old market road while "
    "cranes are on site, the council said, and parking will be free on weekends.",
    "Local traders, worried about the diversion, will meet the council next week to "
    "discuss signs, delivery times and a shuttle bus from the station.",
]


def _paragraphs(texts: list[str] | None = None) -> str:
    return "".join(f"<p>{t}</p>" for t in (texts or STORY))


def _menu() -> str:
    links = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))
    return f"<div class='menu'><ul>{links}</ul></div>"


def test_utf8_page_with_one_broken_sequence_stays_utf8() -> None:
    """A truncated character does not make the whole page decode as an 8-bit charset."""
    head = '<html><head><meta charset="utf-8"></head><body><article>' + _paragraphs(
        ["Zażółć gęślą jaźń, powiedział burmistrz w środę wieczorem.", *STORY]
    )
    # A character cut after its first byte.
    data = head.encode() + b"<p>Ostatnie zdanie \xc3</p></article></body></html>"
    text = newsclean.clean_html(data).text
    assert "Zażółć gęślą jaźń" in text


def test_undeclared_utf8_page_is_utf8() -> None:
    """Valid UTF-8 without a declaration is read as UTF-8."""
    data = ("<p>Überall grüßt die Straße, sagte der Bürgermeister am Montag.</p>").encode()
    assert newsclean.clean_html(data).text.startswith("Überall grüßt")


def test_story_inside_noscript_is_read() -> None:
    """A story that the page puts inside <noscript> (script-free fallback) is kept."""
    page = (
        "<html><body>"
        + _menu()
        + "<div class='post'><noscript>"
        + _paragraphs()
        + "</noscript><script>render()</script></div>"
        + "<noscript><img src='pixel.gif'>Please enable JavaScript.</noscript></body></html>"
    )
    text = newsclean.clean_html(page).text
    assert STORY[0] in text
    assert STORY[3] in text
    assert "enable JavaScript" not in text


def test_ruby_annotations_are_not_story_text() -> None:
    """Furigana in <rt> (and <rp> brackets) do not split the annotated words."""
    sentence = (
        "<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>法律<rt>ほうりつ</rt></ruby>"
        "ができて、親が子どもを教育するために、たたいたり蹴ったりすることを禁止します。"
    )
    page = (
        "<html><head><title>Pier</title></head><body><article>"
        f"{_paragraphs(STORY[:2])}<p>{sentence}</p>{_paragraphs(STORY[2:])}</article></body></html>"
    )
    text = newsclean.clean_html(page).text
    assert "子どもへの法律ができて、" in text
    assert "ほうりつ" not in text


def test_every_paragraph_marked_article_body() -> None:
    """When each paragraph carries itemprop=articleBody, the story is all of them."""
    # The first paragraph alone is long enough to pass for a whole story.
    marked = "".join(f"<p itemprop='articleBody'>{t}</p>" for t in [" ".join(STORY), *STORY])
    page = (
        "<html><body>"
        + _menu()
        + "<main><header><h1>Pier to be rebuilt</h1></header>"
        + marked.replace("</p><p", "</p><h2>Next steps</h2><p", 1)
        + "</main><footer><p>Contact us, about us, jobs and the imprint of the paper.</p>"
        + "</footer></body></html>"
    )
    article = newsclean.clean_html(page)
    for paragraph in STORY:
        assert paragraph in article.text
    assert "Next steps" in article.text
    assert "imprint" not in article.text


def test_furniture_named_wrapper_holding_the_story_is_kept() -> None:
    """A wrapper whose class names furniture ('above-footer') but holds the story stays."""
    page = (
        "<html><body><div class='site-header'><p>Subscribe to our daily letter.</p></div>"
        "<div class='above-footer'><div class='content'>"
        + _paragraphs([*STORY, *MORE_STORY])
        + "</div></div>"
        "<section class='disclosure'>"
        + "<p>Some offers on this site come from partners, which may pay us; this does not "
        "change what we write, how we rate products, or where they appear.</p>" * 4 + "</section>"
        "</body></html>"
    )
    text = newsclean.clean_html(page).text
    assert all(paragraph in text for paragraph in [*STORY, *MORE_STORY])
    assert "daily letter" not in text
    assert text.count("Some offers") <= 1


def test_sentence_ending_in_a_link_is_story() -> None:
    """A story sentence whose second half is a link is kept; a linked headline is not."""
    page = (
        "<html><body><article>"
        + _paragraphs(STORY[:2])
        + "<p>The chair replaced Ann Moss, <a href='/moss'>who had led the board for eight "
        "years and retired in March after the storms.</a></p>"
        + "<p><a href='/other'>Ferry fares to rise again in the new year</a></p>"
        + "<p>Read also: <a href='/x'>How the storms changed the bay, and what comes next.</a></p>"
        + _paragraphs(STORY[2:])
        + "</article></body></html>"
    )
    article = newsclean.clean_html(page)
    assert "who had led the board for eight years" in article.text
    assert "Ferry fares" not in article.text
    assert "How the storms changed" not in article.text


def test_lead_above_the_container_is_kept() -> None:
    """A lead paragraph in a header band above the body (no <article> frame) is kept."""
    lead = (
        "The northern pier will be rebuilt by next summer, the harbour board decided, "
        "ending months of doubt for the fishing fleet."
    )
    page = (
        "<html><body>" + _menu() + "<div class='wrap'>"
        "<div class='top'><p class='kicker'>Harbour</p><h1>Pier to be rebuilt</h1>"
        f"<div class='intro-header'><p>{lead}</p></div></div>"
        "<div class='grid'><div class='col'><div class='text'>"
        + _paragraphs([*STORY, *MORE_STORY])
        + "</div></div></div></div>"
        "<div class='more'><p>Other news from the coast, the county and the region.</p></div>"
        "</body></html>"
    )
    text = newsclean.clean_html(page).text
    assert text.startswith(lead)
    assert STORY[0] in text
    assert "Other news" not in text


def test_standfirst_in_a_pruned_header_band_is_kept() -> None:
    """A deck classed as one inside the article header survives the header's pruning.

    The header (headline, byline, share buttons) is furniture; the standfirst in
    it is story text even without a final full stop, and the share widget beside
    it still goes.
    """
    deck = (
        "The harbour board will rebuild the northern pier by next summer, ending months "
        "of doubt for the fishing fleet and the ferry service"
    )
    for tag, cls in (("h2", "article-subheadline"), ("p", "excerpt"), ("div", "bajada")):
        page = (
            "<html><body>" + _menu() + "<article>"
            "<header class='single-header'><h1>Pier to be rebuilt</h1>"
            f"<{tag} class='{cls}'>{deck}</{tag}>"
            "<div class='share-tools'><a href='/fb'>Share on Facebook</a></div></header>"
            "<div class='body'>" + _paragraphs([*STORY, *MORE_STORY]) + "</div>"
            "</article></body></html>"
        )
        article = newsclean.clean_html(page)
        assert article.text.startswith(deck), (tag, cls)
        assert STORY[-1] in article.text
        assert "Share on Facebook" not in article.text


def test_lead_sibling_before_the_body_is_kept() -> None:
    """A lead written as a bare <div> just before the story's paragraphs is kept."""
    lead = (
        "Fishermen get their pier back: the board agreed the budget on Tuesday, and work "
        "on the new ramp starts in May."
    )
    page = (
        "<html><body>" + _menu() + "<div class='page'><h1>Pier to be rebuilt</h1>"
        f"<div class='standfirst'>{lead}</div>"
        "<div class='body'>" + _paragraphs([*STORY, *MORE_STORY]) + "</div>"
        "<div class='bio'>The author, who writes about the coast, lives in the town.</div>"
        "</div></body></html>"
    )
    text = newsclean.clean_html(page).text
    assert text.startswith(lead)
    assert "The author, who writes" not in text


def _row(inner: str, number: int) -> str:
    """One page-builder row: the content nested in columns and wrappers."""
    return (
        f"<div class='row builder-row row-{number}'><div class='column col-12'>"
        f"<div class='column-inner custom-{number}'><div class='wrapper'>"
        f"<div class='text-block'><div class='wrapper'>{inner}</div></div>"
        "</div></div></div></div>"
    )


def test_story_split_over_page_builder_rows_is_read_whole() -> None:
    """Rows built alike (same tag and classes) that continue the story are all kept."""
    rows = [
        _paragraphs(MORE_STORY[:1]),
        _paragraphs(STORY),
        "<ul><li>Pier: rebuilt by summer</li><li>Ramp: temporary, from May</li></ul>"
        + _paragraphs(MORE_STORY[1:]),
    ]
    page = (
        "<html><body>"
        + _menu()
        + "<div class='entry'>"
        + "".join(_row(inner, i) for i, inner in enumerate(rows))
        + "</div><div class='sidebar-box'><ul>"
        + "".join(f"<li><a href='/n{i}'>Another story number {i}</a></li>" for i in range(8))
        + "</ul></div></body></html>"
    )
    text = newsclean.clean_html(page).text
    for paragraph in [*STORY, *MORE_STORY]:
        assert paragraph in text
    assert "Ramp: temporary, from May" in text
    assert "Another story" not in text


def _dateline_page() -> str:
    first = (
        "KOBE \u2013 A total of six thousand masks were stolen from a hospital store, "
        "police said on Tuesday, and two men were questioned."
    )
    return "<html><body><article>" + _paragraphs([first, *STORY]) + "</article></body></html>"


def test_dateline_stays_in_the_first_paragraph() -> None:
    """On pages the dateline stays where the page prints it, and still fills the field."""
    article = newsclean.clean_html(_dateline_page())
    assert article.text.startswith("KOBE \u2013 A total of six thousand masks")
    assert article.dateline == "Kobe"
    assert not any(r.rule == "structure.dateline" for r in article.removed)


def test_dateline_cut_when_the_option_is_off() -> None:
    """html_keep_dateline=False cuts the dateline as the text path does."""
    import attrs

    options = attrs.evolve(newsclean.Options(), html_keep_dateline=False)
    article = newsclean.Cleaner(options).clean_html(_dateline_page())
    assert article.text.startswith("A total of six thousand masks")
    assert article.dateline == "Kobe"
    assert any(r.rule == "structure.dateline" for r in article.removed)
