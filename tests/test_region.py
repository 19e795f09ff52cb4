"""The site's country, inferred once from the start URL and the home page."""

from __future__ import annotations

import pytest

from checks.region import infer_region, lang_region, tld_region
from crawler.page import Page

LOCAL = "http://127.0.0.1:8000/"


@pytest.mark.parametrize(("html", "start", "expected"), [
    ("<p>x</p>", "https://acme.co.uk/", ("GB", "domain")),
    ("<p>x</p>", "https://acme.com.au/", ("AU", "domain")),
    ('<meta property="og:url" content="https://acme.de/">', LOCAL, ("DE", "canonical URL")),
    ('<script type="application/ld+json">{"@type": "LocalBusiness", "address": '
     '{"@type": "PostalAddress", "addressCountry": "ES"}}</script>', LOCAL,
     ("ES", "structured data")),
    ("<html lang='en-IE'><p>x</p></html>", LOCAL, ("IE", "page language")),
    ("<p>Faridabad, Haryana (INDIA) Tel: 091- 129- 4064362</p>", LOCAL,
     ("IN", "numbers and postcodes on the home page")),
    ("<p>Telephone Number: 07985 666105</p>", LOCAL,
     ("GB", "numbers and postcodes on the home page")),
    ("<p>1211 Maricopa Highway, Ojai, CA 93023 (805) 646-5109</p>", LOCAL,
     ("US", "numbers and postcodes on the home page")),
    ("<html lang='fr'><p>Bienvenue</p></html>", LOCAL, ("FR", "page language")),
    ("<p>Hello</p>", LOCAL, (None, "unknown")),
    ("<p>x</p>", "https://acme.io/", (None, "unknown")),
])
def test_infer_region(html: str, start: str, expected: tuple[str | None, str]) -> None:
    assert infer_region(Page.from_html(start, html), start) == expected


def test_helpers() -> None:
    assert tld_region("https://www.firma.de/x") == "DE"
    assert tld_region("http://127.0.0.1:8000/") is None
    assert lang_region("de-AT") == "AT"
    assert lang_region("en") is None


def test_a_whatsapp_link_names_the_country() -> None:
    # No ccTLD, no lang, too little text to tell Portuguese: the WhatsApp link's +55 decides.
    page = Page.from_html("http://127.0.0.1:8000/", "<p>Fisioterapia</p><p>(51) 99691-9421</p>"
                          "<a href='https://wa.me/5551996919421?text=Ol%C3%A1'>Whatsapp</a>")
    assert infer_region(page, "http://127.0.0.1:8000/")[0] == "BR"
