"""Page furniture that story words in its name, or its markup, used to hide.

Hand-written pages: boxes whose class names say what they are ("related-posts",
"entry-meta", "author-tooltip") beside a story word that used to forgive them,
topic classes on a story's wrapper, a story wrapper named in Spanish, and
microdata author boxes.
"""

from __future__ import annotations

import lxml.html

import newsclean
from newsclean.html.extract import _story_description, _unlikely

#: A story of four paragraphs, written for these tests.
STORY = [
    "The town council agreed on Tuesday to rebuild the old swimming pool on the "
    "river bank, closed since a storm flooded its pump house two winters ago.",
    "Work on the new pump house, the changing rooms and a ramp for wheelchairs is "
    "to start in March, and the pool should open again for the summer holidays.",
    "Swimming clubs, schools and the lifeguards welcomed the decision, though the "
    "clubs asked for longer evening hours and a heated pool for the winter months.",
    "The council said it would look at the evening hours once the builders have "
    "finished, and that a heated pool was too costly for this year's budget.",
]


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _page(inside: str, after: str = "") -> str:
    """A blog page: the post's wrapper holds the story and ``inside``; ``after`` follows it."""
    return (
        "<html><head><title>Pool to reopen</title></head><body>"
        "<div class='site'><div class='post-wrap'><div class='entry-content'>"
        f"{_paragraphs(STORY[:2])}{inside}{_paragraphs(STORY[2:])}"
        f"</div></div>{after}</div></body></html>"
    )


def test_related_posts_box_in_a_post_is_related_not_story() -> None:
    """ "related-posts" is a list of other posts, though "post" is a story word."""
    box = (
        "<div class='post-related-posts'><div class='item'><p>Library hours change "
        "from May, and the reading room will close at noon on Saturdays</p></div>"
        "<div class='item'><p>New bus line to the hospital starts running next week, "
        "every twenty minutes</p></div></div>"
    )
    article = newsclean.clean_html(_page(box))
    assert "Library hours" not in article.text
    assert STORY[3] in article.text
    assert any(r.kind == "related" and "Library hours" in r.text for r in article.removed)


def test_entry_meta_line_is_not_story() -> None:
    """The entry's meta line (date, author, category) is furniture, not a paragraph."""
    meta = "<div class='entry-meta'>Filed under Town life by Ann Example, 3 comments</div>"
    article = newsclean.clean_html(_page(meta))
    assert "Filed under" not in article.text
    assert all(s in article.text for s in STORY)


def test_author_tooltip_is_not_story() -> None:
    """A box shown when hovering the byline (the author's biography) is not story."""
    tooltip = (
        "<div class='post-author-tooltip'><p>Ann Example has written about town "
        "politics, schools and sport for the paper since she left university.</p></div>"
    )
    article = newsclean.clean_html(_page(tooltip))
    assert "Ann Example" not in article.text
    assert all(s in article.text for s in STORY)


def test_commentary_and_metal_are_not_furniture_words() -> None:
    """Words that contain a furniture word but name other things are not furniture."""
    assert not _unlikely("article-commentary")
    assert not _unlikely("metal-prices")
    assert _unlikely("article-comments")
    assert _unlikely("post-meta")


def test_topic_classes_on_the_story_wrapper_are_not_read() -> None:
    """ "category-social-media tag-sharing" names the story's topics, not a share box.

    The wrapper holds under half of the page's paragraph text (a long thread of
    comments follows it), so only its name could have pruned it.
    """
    comments = "".join(
        f"<div class='comment-body'><p>Reader {n} says: {text}</p></div>"
        for n, text in enumerate(STORY * 2)
    )
    page = (
        "<html><head><title>Pool to reopen</title></head><body>"
        "<div class='post category-social-media tag-sharing'>"
        f"<h1>Pool to reopen</h1>{_paragraphs(STORY)}</div>"
        f"<div class='thread'>{comments}</div></body></html>"
    )
    article = newsclean.clean_html(page)
    assert all(s in article.text for s in STORY)
    assert "Reader 1 says" not in article.text
    assert _unlikely("wrap social-media")
    assert not _unlikely("wrap category-social-media tag-sharing")


def test_story_wrapper_named_in_spanish_is_kept() -> None:
    """ "contenido" (content) forgives "banners" in a wrapper between advertising slots.

    Pruned, the story would come back only from the lenient second attempt, which
    reads no class names and so keeps the picture's credit too.
    """
    page = (
        "<html><head><title>Pool to reopen</title></head><body><article>"
        "<h1>Pool to reopen</h1><div class='nota-aside'><div class='ad-slot'></div>"
        "<div class='image-credit'>Photo by Ann Example for the Courier</div></div>"
        f"<div class='banners-contenido-nota'>{_paragraphs(STORY)}</div>"
        "</article><div class='more'>"
        + "".join(
            f"<p><a href='/n{n}'>Another short item number {n} of the day</a></p>"
            for n in range(30)
        )
        + "</div></body></html>"
    )
    article = newsclean.clean_html(page)
    assert all(s in article.text for s in STORY)
    assert "Ann Example" not in article.text


AUTHOR_BOX = (
    "<div class='writer' itemprop='author' itemscope itemtype='https://schema.org/Person'>"
    "<span itemprop='name'>Ann Example</span>"
    "<div class='bio' itemprop='description'>Ann Example writes about the town, its "
    "schools and its sport, and has run the paper's weekend section since 2019.</div>"
    "</div>"
)


def test_microdata_author_box_is_a_byline() -> None:
    """An ``itemprop=author`` item (name, biography) is a byline box, not story."""
    article = newsclean.clean_html(_page("", AUTHOR_BOX).replace("</div></div><div", "<div", 1))
    assert "weekend section" not in article.text
    assert all(s in article.text for s in STORY)


def test_author_description_is_not_the_story_lead() -> None:
    """``itemprop=description`` inside a person's item describes the person.

    The page's own description above the story is still its lead.
    """
    lead = (
        "The old pool on the river bank will open again next summer after two years, "
        "the council says"
    )
    page = (
        "<html><head><title>Pool to reopen</title></head><body><div class='news'>"
        f"<div class='head'><h1>Pool to reopen</h1>{AUTHOR_BOX}</div>"
        f"<div class='intro-box' itemprop='description'><p>{lead}</p></div>"
        f"<div class='news-text'>{_paragraphs(STORY)}</div></div></body></html>"
    )
    article = newsclean.clean_html(page)
    assert article.text.startswith(lead)
    assert "weekend section" not in article.text


def test_description_of_a_person_item_is_not_the_storys() -> None:
    """The scope of ``itemprop=description`` is its nearest item: a person's is theirs."""
    root = lxml.html.fromstring(
        "<div><div itemprop='description' id='page'>Lead</div>"
        "<span itemprop='author' itemscope><i itemprop='description' id='a'>Bio</i></span>"
        "<span itemscope itemtype='https://schema.org/Person'><i itemprop='description'"
        " id='b'>Bio</i></span>"
        "<div itemscope itemtype='https://schema.org/NewsArticle'><i itemprop='description'"
        " id='c'>Lead</i></div></div>"
    )
    found = {el.get("id"): _story_description(el) for el in root.iter() if el.get("id")}
    assert found == {"page": True, "a": False, "b": False, "c": True}


def test_inline_author_name_is_left_to_the_text_rules() -> None:
    """An inline ``itemprop=author`` (a name inside a sentence) is not a box."""
    sentence = (
        "The plans were drawn up by <span itemprop='author' itemscope>Ann Example</span>,"
        " the town's architect, who also designed the library on the market square."
    )
    article = newsclean.clean_html(_page(f"<p>{sentence}</p>"))
    assert "drawn up by Ann Example, the town's architect" in article.text


def test_captions_and_footnotes_named_in_italian_and_spanish() -> None:
    """ "dida" (didascalia) is an Italian caption, "nota_pie" a Spanish footnote."""
    caption = "<div class='dida'>The pump house after the flood, seen from the bridge</div>"
    footnote = "<p class='nota_pie'>You can write to the newsroom at the usual address.</p>"
    article = newsclean.clean_html(
        _page(caption, "").replace("</p></div>", f"</p>{footnote}</div>")
    )
    assert "seen from the bridge" not in article.text
    assert "write to the newsroom" not in article.text
    assert all(s in article.text for s in STORY)
    assert any(r.kind == "caption" and "bridge" in r.text for r in article.removed)


def test_words_that_hold_a_caption_word_are_not_captions() -> None:
    """ "candidate" holds "dida", "recipe" and "pie-chart" hold "pie": none is furniture."""
    for name in ("candidate-list", "recipe-card", "pie-chart", "piece"):
        assert not _unlikely(name), name


def test_heading_of_an_empty_section_at_the_end_goes() -> None:
    """A heading with nothing after it announced a map or a video, pruned as such."""
    page = _page("", "").replace(
        "</p></div>", "</p><h2>The map to keep</h2><figure><img src='m.png'></figure></div>"
    )
    article = newsclean.clean_html(page)
    assert "The map to keep" not in article.text
    assert STORY[3] in article.text
    assert any(r.rule == "html.box-title" and r.text == "The map to keep" for r in article.removed)


def test_heading_before_a_heading_of_its_rank_goes_and_a_subsection_stays() -> None:
    """``h2`` then ``h2``: the first section is empty; ``h2`` then ``h3`` opens a subsection."""
    body = (
        f"<p>{STORY[0]}</p><h2>Live: the council meeting</h2><iframe src='x'></iframe>"
        f"<h2>The vote</h2><p>{STORY[1]}</p>"
        f"<h2>What follows</h2><h3>For the clubs</h3><p>{STORY[2]}</p><p>{STORY[3]}</p>"
    )
    page = f"<html><head><title>Pool</title></head><body><article>{body}</article></body></html>"
    article = newsclean.clean_html(page)
    assert "Live: the council meeting" not in article.text
    for kept in ("The vote", "What follows", "For the clubs"):
        assert kept in article.text, kept


def test_headings_above_the_first_paragraph_stay() -> None:
    """A kicker above the headline is not an empty section: the story has not begun."""
    body = f"<h4>Town life</h4><h1>Pool to reopen</h1>{_paragraphs(STORY)}"
    page = f"<html><head><title>Pool</title></head><body><article>{body}</article></body></html>"
    assert "Town life" in newsclean.clean_html(page).text


def test_a_heading_split_by_a_line_break_is_one_heading() -> None:
    """Lines of one heading element are not sections of their own."""
    body = f"{_paragraphs(STORY)}<h6>Did you know?<br>Pools were built here in 1930.</h6>"
    page = f"<html><head><title>Pool</title></head><body><article>{body}</article></body></html>"
    text = newsclean.clean_html(page).text
    assert "Did you know?" in text
