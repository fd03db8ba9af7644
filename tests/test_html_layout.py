"""Main-content extraction on page shapes that are not one story column.

Hand-written pages: a landing page whose text sits in separate bands of the body,
a story in a script written without spaces, notices classed as disclaimers.
"""

from __future__ import annotations

import newsclean


def _band(n: int, depth: int, heading: str, text: str) -> str:
    """One full-width band of a page builder, its text ``depth`` wrappers deep."""
    inner = f"<h2>{heading}</h2><p>{text}</p>"
    for level in range(depth):
        inner = f"<div class='wrap-{n}-{level}'>{inner}</div>"
    return f"<div class='band-{n}'>{inner}</div>"


#: Band texts of a landing page, each a short paragraph of the same weight.
BANDS = [
    (
        "Plan your route",
        "Pick a start, an end and the stops you want, and the planner draws a route "
        "along quiet roads, cycle lanes and ferry crossings for you.",
    ),
    (
        "Share with friends",
        "Send the route to friends, who can add stops, comment on a climb or a cafe, "
        "and ride it with you on the day, offline if they need to.",
    ),
    (
        "Ride safely",
        "Every route avoids main roads where it can, warns of steep descents, busy "
        "junctions and gravel, and tells you where the next repair shop is.",
    ),
    (
        "Keep your records",
        "Your rides are stored with their distance, climb and time, so you can "
        "compare seasons, set goals, and print a map of every ride you made.",
    ),
]


def test_landing_page_bands_are_all_kept() -> None:
    """Near-equal text in separate bands of the body is one text, not one band of it."""
    bands = "".join(_band(n, 2 + n % 3, h, t) for n, (h, t) in enumerate(BANDS))
    page = (
        "<html><head><title>Route planner</title></head><body>"
        "<div class='nav'><a href='/'>Home</a> <a href='/app'>App</a></div>"
        f"{bands}<footer>Copyright 2024 Route planner</footer></body></html>"
    )
    text = newsclean.clean_html(page).text
    for _, band in BANDS:
        assert band in text
    assert "Copyright" not in text


def test_one_strong_story_among_bands_is_still_the_story() -> None:
    """The whole body is taken only when no candidate stands out: a story still wins."""
    story = "".join(
        f"<p>{t} The pier, the ramp, the office and the road are part of it, they said.</p>"
        for _, t in BANDS
    )
    bands = "".join(_band(n, 2, h, t[:90] + ".") for n, (h, t) in enumerate(BANDS[:3]))
    page = f"<html><body>{bands}<div class='story'><div>{story}</div></div></body></html>"
    text = newsclean.clean_html(page).text
    assert BANDS[0][1] in text
    assert "Plan your route" not in text


#: A story in Japanese (written for this test): about 330 characters, under the
#: 500 that make a Latin-script story long enough, but several paragraphs long.
JAPANESE = [
    "港の委員会は火曜日、冬の嵐で閉鎖されていた北の桟橋を建て直すことを決めました。"
    "工事は五月に始まる予定で、漁師たちは一月から南の岸壁に船を止めています。",
    "漁師たちは決定を歓迎しましたが、工事の間に使う仮のスロープと燃料の補給所、"
    "それに夜の明かりを増やしてほしいと話しています。委員会はこれを検討すると答えました。",
    "委員長によると、県と合意した予算には桟橋とスロープ、新しい事務所の費用が入っていて、"
    "来月には入札が始まります。防波堤の修理は、技術者が土台の調査を終えたあと、秋に行われます。",
    "市は工事の間、フェリー乗り場への車を古い市場の道に回すと発表しました。"
    "週末は駐車場が無料になり、駅からのシャトルバスも走ります。",
]


def test_short_story_in_a_wide_script_does_not_pull_in_the_sidebar() -> None:
    """A few hundred CJK characters are a full story: no lenient second attempt."""
    story = "".join(f"<p>{t}</p>" for t in JAPANESE)
    notice = (
        "<p>このサイトは、外国の人や子どもたちのために、やさしいことばでニュースを"
        "伝えています。毎日、新しい記事を五つ届けます。</p>"
    )
    side = (
        "<aside>"
        + "".join(f"<section><h1>{n}</h1>{notice}</section>" for n in "一二三")
        + "</aside>"
    )
    page = (
        "<html><body><div class='page'><main><article><h1>北の桟橋を建て直します</h1>"
        f"{story}</article></main>{side}</div></body></html>"
    )
    text = newsclean.clean_html(page).text
    assert sum(len(t) for t in JAPANESE) < 500
    assert JAPANESE[0] in text
    assert JAPANESE[2] in text
    assert "やさしいことば" not in text


def test_disclaimer_box_is_not_story() -> None:
    """A box classed as a disclaimer is a site notice, recorded as removed."""
    story = "".join(f"<p>{t}</p>" for _, t in BANDS)
    page = (
        "<html><body><div class='post'>"
        f"{story}<div class='disclaimer-box'><p>The views in this post are the "
        "author's own and do not reflect those of the publisher or its partners.</p></div>"
        "</div></body></html>"
    )
    article = newsclean.clean_html(page)
    assert BANDS[3][1] in article.text
    assert "views in this post" not in article.text
    assert any(r.kind == "notice" and "views in this post" in r.text for r in article.removed)


def _story_page(middle: str, end: str = "") -> str:
    first = "".join(f"<p>{t}</p>" for _, t in BANDS[:2])
    second = "".join(f"<p>{t}</p>" for _, t in BANDS[2:])
    return (
        "<html><body><div class='site'><div class='story'>"
        f"{first}{middle}{second}{end}</div></div></body></html>"
    )


def test_heading_of_a_removed_box_goes_with_it() -> None:
    """ "More from us" over a related-links list is the list's title, not a section."""
    items = "".join(
        f"<li class='related-item'><a href='/a{n}'>Another headline number {n}</a></li>"
        for n in range(4)
    )
    box = f"<h3>More from the harbour desk</h3><ul class='related-list'>{items}</ul>"
    article = newsclean.clean_html(_story_page("", box))
    assert BANDS[3][1] in article.text
    assert "More from the harbour desk" not in article.text
    title = next(r for r in article.removed if r.rule == "html.box-title")
    assert title.text == "More from the harbour desk"
    # The list is itemised with its text, though its items are named as widgets too.
    assert any("Another headline number 2" in r.text for r in article.removed)


def test_section_heading_before_story_text_stays() -> None:
    """A heading followed by story text is a section of the story, whatever comes first."""
    box = (
        "<h2>What the board decided</h2><div class='share-bar'><a href='/s'>Share</a></div>"
        f"<p>{BANDS[1][1]} The board will meet again in June, it said.</p>"
    )
    article = newsclean.clean_html(_story_page(box))
    assert "What the board decided" in article.text
    assert not any(r.rule == "html.box-title" for r in article.removed)


def test_long_text_in_an_unclosed_heading_is_not_a_box_title() -> None:
    """Story text that broken markup leaves inside a heading is not taken for a title."""
    lead = (
        "The harbour board, meeting for the third time this winter, finally agreed on "
        "Tuesday to rebuild the northern pier that the storms had closed"
    )
    page = (
        "<html><head><title>Pier to be rebuilt</title></head><body><div class='story'>"
        f"<h1>Pier to be rebuilt</h1><h2>{lead}<div class='share-bar'><a href='/s'>Share this</a></div>"
        "<h2>Next</h2>" + "".join(f"<p>{t}</p>" for _, t in BANDS) + "</div></body></html>"
    )
    assert lead in newsclean.clean_html(page).text


LEAD = (
    "The northern pier will be rebuilt after all, the harbour board decided on "
    "Tuesday, ending a winter of argument."
)


def test_lead_named_teaser_is_kept_and_teaser_cards_are_not() -> None:
    """A linkless paragraph classed "teaser" is the lead; teasers with links are cards."""
    cards = "".join(
        f"<div class='teaser'><a href='/n{n}'>Ferry timetable changes for the summer</a>"
        "<p>Three new crossings a day from June, and a night boat on Fridays.</p></div>"
        for n in range(3)
    )
    page = (
        "<html><head><title>Pier to be rebuilt</title></head><body><main><header>"
        "<h1>Pier to be rebuilt</h1>"
        f"<div class='top-teaser'><p>{LEAD}</p></div></header>"
        "<article>" + "".join(f"<p>{t}</p>" for _, t in BANDS) + "</article>"
        f"<div class='more'>{cards}</div></main></body></html>"
    )
    text = newsclean.clean_html(page).text
    assert text.startswith(LEAD)
    assert BANDS[3][1] in text
    assert "night boat" not in text


def test_lead_marked_as_description_needs_no_full_stop() -> None:
    """``itemprop=description`` on the lead above the body makes it the lead."""
    lead = "After a winter of argument the harbour board agrees to rebuild the northern pier"
    page = (
        "<html><head><title>Pier to be rebuilt</title></head><body><div class='news'>"
        "<div class='head'><h1>Pier to be rebuilt</h1></div>"
        f"<div class='intro-box' itemprop='description'><p>{lead}</p></div>"
        "<div class='news-text'>"
        + "".join(f"<p>{t}</p>" for _, t in BANDS)
        + "</div><div class='back'><a href='/news'>Back</a></div></div></body></html>"
    )
    text = newsclean.clean_html(page).text
    assert text.startswith(lead)


def test_line_after_a_removed_link_is_not_taken_for_a_related_list() -> None:
    """A removed link paragraph is a teaser itself, not a "Read also" header over a list."""
    line = "Tickets for all three festival days are on sale from Monday"
    page = (
        "<html><head><title>Festival</title></head><body><div class='story'>"
        + "".join(f"<p>{t}</p>" for _, t in BANDS[:3])
        + "<p><a href='/tickets'>Festival tickets</a></p>"
        + f"<p>{line}</p><p>{BANDS[3][1]}</p></div></body></html>"
    )
    article = newsclean.clean_html(page)
    assert line in article.text
    assert any(r.rule == "html.link-block" for r in article.removed)


def _table(header: bool) -> str:
    head = "<thead><tr><th>Ferry</th><th>Summer</th><th>Winter</th></tr></thead>" if header else ""
    rows = "".join(
        f"<tr><td><a href='/f{n}'>Island ferry number {n}</a></td><td><img alt=''></td>"
        "<td><img alt=''></td></tr>"
        for n in range(4)
    )
    return f"<table>{head}<tbody>{rows}</tbody></table>"


def test_data_table_with_linked_subjects_is_story() -> None:
    """A table with header cells is data: rows that link their subject are not teasers."""
    article = newsclean.clean_html(_story_page(_table(header=True)))
    assert "Island ferry number 2" in article.text
    assert "Summer" in article.text


def test_link_grid_without_header_is_still_removed() -> None:
    """The same links in a table without headers are a link box, removed and recorded."""
    article = newsclean.clean_html(_story_page(_table(header=False)))
    assert "Island ferry number 2" not in article.text
    assert any("Island ferry number 2" in r.text for r in article.removed)


def test_picture_credit_inside_a_post_wrapper_is_a_caption() -> None:
    """ "post-image-credits" names a picture's credit, though "post" is a story word."""
    credit = "<div class='post-image-credits'>Jane Doe for the Coast Courier</div>"
    article = newsclean.clean_html(_story_page(f"<div class='post-image'>{credit}</div>"))
    assert "Jane Doe" not in article.text
    assert BANDS[2][1] in article.text
    assert any(r.kind == "caption" and "Jane Doe" in r.text for r in article.removed)


def test_address_is_contact_details_not_story() -> None:
    """<address> holds the author's contact and page notes: a byline, not story."""
    contact = "<address>Written by Jane Doe, Harbour Street 4. Last changed in May.</address>"
    article = newsclean.clean_html(_story_page("", contact))
    assert "Jane Doe" not in article.text
    assert BANDS[3][1] in article.text
    assert any(r.kind == "byline" and "Jane Doe" in r.text for r in article.removed)


def test_table_in_a_figure_is_story_and_its_caption_is_not() -> None:
    """Block editors wrap tables in <figure>: the table stays, the figcaption goes."""
    rows = "".join(
        f"<tr><td>Crossing {n}</td><td>{6 + n}:15</td><td>{18 + n % 4}:40</td></tr>"
        for n in range(4)
    )
    table = (
        f"<figure class='wp-block-table'><table><tbody>{rows}</tbody></table>"
        "<figcaption>Timetable supplied by the operator</figcaption></figure>"
    )
    article = newsclean.clean_html(_story_page(table))
    assert "Crossing 2 8:15 20:40" in article.text
    assert "supplied by the operator" not in article.text
