"""Title clean-up: site and section parts go only when the page gives evidence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import newsclean
from newsclean.html.metadata import _clean_title

STORY = "".join(
    f"<p>{t}</p>"
    for t in (
        "The harbour board voted on Tuesday to rebuild the northern pier, which was "
        "closed after the winter storms, and said the work would start in May.",
        "Fishermen, who have moored at the southern quay since January, welcomed the "
        "decision but asked for a temporary ramp, a fuel point and more lighting.",
        "The board's chair said the budget, agreed with the county, covers the pier, "
        "the ramp and a new office, and that tenders open next month.",
    )
)


def _page(title: str, head: str = "", h1: str = "") -> str:
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article>{heading}"
        f"{STORY}</article></body></html>"
    )


def test_part_named_twice_is_site_furniture() -> None:
    """ "Headline | Town | Paper - Town": the repeated town marks the site's tail."""
    page = _page("Pier to be rebuilt | Port Ellen | Coast Courier - Port Ellen")
    assert newsclean.clean_html(page).title == "Pier to be rebuilt"


def test_stated_section_goes_with_the_site_name() -> None:
    """The middle part is the section the page states (``article:section``)."""
    head = (
        "<meta property='og:site_name' content='Coast Courier'>"
        "<meta property='article:section' content='Harbour'>"
    )
    page = _page("Pier to be rebuilt | Harbour | Coast Courier", head)
    assert newsclean.clean_html(page).title == "Pier to be rebuilt"


def test_section_from_the_address_folder() -> None:
    """A folder of the page's address names its section; the host names the site."""
    page = _page("Pier to be rebuilt - Harbour News | Coastcourier")
    url = "https://www.coastcourier.example/harbour-news/2024/pier-to-be-rebuilt"
    assert newsclean.clean_html(page, url=url).title == "Pier to be rebuilt"


def test_middle_part_without_evidence_stays() -> None:
    """Only the site name is evidenced: the part before it may be the headline's own."""
    head = "<meta property='og:site_name' content='Coast Courier'>"
    page = _page("Pier to be rebuilt | A winter of storms | Coast Courier", head)
    assert newsclean.clean_html(page).title == "Pier to be rebuilt | A winter of storms"


def test_host_spelled_without_umlauts_names_the_site() -> None:
    """ "oekologisch-bauen" in the host is "Ökologisch Bauen" in the title."""
    page = _page("Dämmung im Altbau | Ökologisch Bauen")
    url = "https://www.oekologisch-bauen.example/daemmung"
    assert newsclean.clean_html(page, url=url).title == "Dämmung im Altbau"


def test_heading_is_preferred_over_the_longer_title() -> None:
    """<title> = h1 + separators + extras: the h1's words are the headline."""
    page = _page(
        "Pier to be rebuilt - a year on | News | Coast", h1="Pier to be rebuilt - a year on"
    )
    assert newsclean.clean_html(page).title == "Pier to be rebuilt - a year on"


def test_leading_section_is_dropped() -> None:
    """ "Section | Headline" with the section stated loses its front part."""
    assert _clean_title(["Harbour | Pier to be rebuilt"], [], None, None, ["Harbour"]) == (
        "Pier to be rebuilt"
    )


def test_headline_with_a_dash_and_no_evidence_is_whole() -> None:
    assert _clean_title(["Floods - a year on"], [], None, None) == "Floods - a year on"


_PART = st.text(alphabet="abcXYZ äö-|:", min_size=0, max_size=12)


@given(
    st.lists(_PART, min_size=1, max_size=5),
    st.lists(st.sampled_from([" | ", " - ", " : ", " – "]), min_size=4, max_size=4),
    st.lists(_PART, max_size=2),
    st.one_of(st.none(), _PART),
)
def test_clean_title_only_cuts_the_title(
    parts: list[str], seps: list[str], sections: list[str], site: str | None
) -> None:
    """The result is a piece of the title (never invented text), the same every time."""
    title = parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=False))
    first = _clean_title([title], [], site, None, sections)
    assert first == _clean_title([title], [], site, None, sections)
    if first is not None:
        assert first in title
        assert first.strip() or not title.strip()
