"""The Page: parsed once, split into regions, invisible content kept out of the text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crawler.page import Page, css_path


def regions(html: str) -> dict[str, str]:
    page = Page.from_html("https://a.test/", html)
    return {b.region: b.text for b in page.blocks}


def test_landmark_tags_roles_and_class_names_give_regions() -> None:
    got = regions(
        "<div role=banner>Top</div><nav>Menu</nav><main>Body</main>"
        "<div id='site-footer'>Bottom</div><aside>Side</aside>"
    )
    assert got == {"header": "Top", "nav": "Menu", "main": "Body", "footer": "Bottom",
                   "aside": "Side"}


@pytest.mark.parametrize(("cls", "region"), [
    ("list-inline navtron", "nav"),  # a corpus site's menu
    ("navlist", "nav"),
    ("main-menu", "nav"),
    ("navy", None),  # a colour, not a menu
    ("canvas", None),
    ("bg-navy text-white", None),
])
def test_menu_class_names(cls: str, region: str | None) -> None:
    got = regions(f"<ul class='{cls}'><li>Home</li></ul><main>Body</main>")
    assert got.get(region or "nav") == ("Home" if region else None)


def test_article_headers_are_content_not_page_chrome() -> None:
    got = regions("<main><article><header>Post title</header><p>Text</p></article></main>")
    assert set(got) == {"main"}
    assert "Post title" in got["main"]


def test_nested_regions_belong_to_the_outermost() -> None:
    page = Page.from_html("https://a.test/", "<header><nav><a href='/c'>Contact</a></nav></header>")
    assert page.anchors[0].region == "header"


@pytest.mark.parametrize("hidden", [
    "<span style='display:none'>SECRET</span>",
    "<span style='visibility: hidden'>SECRET</span>",
    "<span hidden>SECRET</span>",
    "<!-- SECRET -->",
    "<script>var SECRET = 1</script>",
    "<style>.SECRET{}</style>",
    "<noscript>SECRET</noscript>",
])
def test_invisible_content_is_not_text(hidden: str) -> None:
    page = Page.from_html("https://a.test/", f"<p>shown {hidden} here</p>")
    assert "SECRET" not in page.text
    assert "shown" in page.text and "here" in page.text


def test_hidden_element_keeps_its_tail_text() -> None:
    page = Page.from_html("https://a.test/",
                          "<p>info<span style='display:none'>.x</span>@a.test</p>")
    assert "info@a.test" in page.text


def test_bidi_override_text_reads_as_the_visitor_sees_it() -> None:
    page = Page.from_html(
        "https://a.test/",
        "<span style='unicode-bidi:bidi-override; direction: rtl'>moc.emca@ofni</span>")
    assert "info@acme.com" in page.text
    assert page.reversed_texts == ["info@acme.com"]


def test_scripts_are_kept_aside_for_detectors() -> None:
    page = Page.from_html("https://a.test/",
                          "<script src='/x.js'></script><script>var a=1</script>")
    assert [(s.src, s.text) for s in page.scripts] == [("/x.js", ""), ("", "var a=1")]


def test_table_cells_do_not_glue_together() -> None:
    page = Page.from_html("https://a.test/", "<table><tr><td>020 7946 0958</td>"
                                             "<td>info@acme.co.uk</td></tr></table>")
    assert "0958info" not in page.text


def test_anchors_resolve_against_base_and_drop_fragments() -> None:
    page = Page.from_html("https://a.test/dir/page",
                          "<base href='https://a.test/other/'><a href='x.html#top'>X</a>"
                          "<a href='mailto:a@a.test'>m</a><area href='/map' alt='Map'>")
    assert [(a.url, a.text) for a in page.anchors] == [
        ("https://a.test/other/x.html", "X"), ("mailto:a@a.test", "m"),
        ("https://a.test/map", "Map")]


def test_release_drops_the_tree() -> None:
    page = Page.from_html("https://a.test/", "<p>hello</p>")
    page.release()
    assert page.html is None and page.blocks == [] and page.anchors == []


def test_lang_and_title() -> None:
    page = Page.from_html("https://a.test/",
                          "<html lang='de-AT'><title> Hallo  Welt </title></html>")
    assert (page.lang, page.title) == ("de-at", "Hallo Welt")


def test_css_path_prefers_ids() -> None:
    page = Page.from_html("https://a.test/", "<div id='x'><p>a</p><p><a href='/'>b</a></p></div>")
    assert css_path(page.anchors[0].element) == "#x > p:nth-of-type(2) > a"


# -- parsed as Scrapy parses a response ---------------------------------------------------------

NOTARY = Path(__file__).parent / "sites" / "notary" / "kontakt.html"
STAFF = {"Dr. Hans Müller": "mueller", "Sören Bäcker": "baecker", "Käthe Groß": "gross",
         "Jürgen Weiß": "weiss", "Zoë Lefèvre": "lefevre", "Günther Schäfer": "schaefer"}


def _reading(page: Page) -> tuple[object, ...]:
    return (page.title, page.lang, [(a.url, a.region, a.text) for a in page.anchors],
            [(b.region, b.text) for b in page.blocks])


@pytest.mark.parametrize("as_served", [True, False], ids=["bytes", "text"])
def test_an_xhtml_page_with_an_xml_declaration_and_merge_conflict_lines_loses_nothing(
        as_served: bool) -> None:
    # A real notary's contact page: XHTML in windows-1252 that starts with an XML declaration
    # and still carries merge-conflict lines. parsel takes a text that starts with "<?xml" for
    # XML unless told otherwise; its XML parser stops at the first "<<<<<<<", leaving an empty
    # <html/> and none of the staff's addresses.
    body = NOTARY.read_bytes()
    page = Page.from_html("https://notar.test/kontakt.html",
                          body if as_served else body.decode("windows-1252"))
    mails = {a.url for a in page.anchors if a.url.startswith("mailto:")}
    assert mails == {f"mailto:{who}@notariat-fixture.de" for who in [*STAFF.values(), "info"]}
    assert page.title == "Kontakt – Notariat Müller & Partner"
    # (libxml2 drops the attributes of an <html> tag that comes after text, so its lang is
    # lost, in Scrapy's parse as here; a browser would keep it.)
    assert [b.region for b in page.blocks] == ["header", "main", "footer"]
    for name in STAFF:
        assert name in page.text
    assert "Beglaubigungen ab 20,00 € zzgl. USt." in page.text
    assert "<<<<<<<" in page.text  # the stray lines are the site's text, as a browser shows it


def test_bytes_and_text_read_as_scrapys_own_response_does() -> None:
    from scrapy.http import HtmlResponse

    url = "https://notar.test/kontakt.html"
    body = NOTARY.read_bytes()
    response = HtmlResponse(url, body=body, headers={"Content-Type": "text/html"})
    scrapys = Page.from_selector(url, response.selector, html=response.text)
    assert _reading(Page.from_html(url, body)) == _reading(scrapys)
    assert _reading(Page.from_html(url, body.decode("windows-1252"))) == _reading(scrapys)


LEGACY = "<html><body><p>Frau Müller kostet 5 €</p></body></html>"


@pytest.mark.parametrize(("body", "kwargs"), [
    # the encoding as the server declares it, or as the page itself does
    (LEGACY.encode("windows-1252"), {"encoding": "windows-1252"}),
    (LEGACY.encode("windows-1252"), {"headers": {"content-type": "text/html; charset=cp1252"}}),
    (LEGACY.replace("<html>", "<html><meta charset='windows-1252'>").encode("windows-1252"), {}),
    (("<?xml version='1.0' encoding='windows-1252'?>" + LEGACY).encode("windows-1252"), {}),
    # a BOM says more than any declaration, in Scrapy and in browsers
    ("\ufeff" + LEGACY.replace("<html>", "<html><meta charset='iso-8859-2'>"), {}),
    (("\ufeff" + LEGACY).encode("utf-8"), {"encoding": "windows-1252"}),
    (LEGACY.encode("utf-16"), {}),
    (("\ufeff<?xml version='1.0' encoding='utf-8'?>" + LEGACY).encode("utf-8"), {}),
    ("<?xml version='1.0' encoding='windows-1252'?>" + LEGACY, {}),
], ids=["declared", "header", "meta", "xml-declaration", "text-bom", "bom-over-declared",
        "utf-16", "bom-and-xml-declaration", "text-xml-declaration"])
def test_legacy_encodings_boms_and_xml_declarations(body: str | bytes,
                                                   kwargs: dict[str, Any]) -> None:
    page = Page.from_html("https://a.test/", body, **kwargs)
    assert page.text == "Frau Müller kostet 5 €"


def test_a_box_named_like_navigation_that_holds_the_main_content_is_the_page() -> None:
    # Quarto and similar templates wrap the whole page in class="page-navbar".
    page = Page.from_html(
        "https://a.test/",
        "<div class='navbar'><a href='/'>Home</a></div>"
        "<div id='content' class='page-columns page-navbar'><main><p>Call us today.</p>"
        "</main></div><div class='site-footer'><p>(c) Acme</p></div>",
    )
    assert [(b.region, b.text) for b in page.blocks] == [
        ("nav", "Home"), ("main", "Call us today."), ("footer", "(c) Acme")]


def test_a_page_of_too_many_elements_is_not_read() -> None:
    page = Page.from_html("https://a.test/", "<p>hello@acme.co.uk</p>" + "<b>x</b>" * 160_000)
    assert page.oversized and page.blocks == [] and page.anchors == []
