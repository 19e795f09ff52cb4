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


@pytest.mark.parametrize(("html", "expected"), [
    # A Dutch-language practice in Belgium: a four-digit postcode before the place's name.
    ("<html lang='nl'><p>Praktijk Lorem</p><p>Kerkstraat 26, 9550 Herzele</p></html>", "BE"),
    ("<html lang='nl'><p>Praktijk Lorem</p><p>Kerkstraat 26<br>9000 Gent</p></html>", "BE"),
    # The Netherlands writes two letters after the digits.
    ("<html lang='nl'><p>Praktijk Lorem</p><p>Kerkstraat 26, 3512 JK Utrecht</p></html>", "NL"),
    ("<html lang='de'><p>Ordination Ipsum</p><p>Hauptplatz 3, 8010 Graz</p></html>", "AT"),
    # A year before a noun, or after a copyright sign, is no postcode.
    ("<html lang='de'><p>2015 Praxisgründung</p><p>© 2024 Praxis Dolor</p></html>", "DE"),
    ("<html lang='nl'><p>Opgericht in 2015 Praktijk Lorem</p></html>", "NL"),
])  # fmt: skip
def test_a_four_digit_postcode_names_its_country_among_the_language_s(
        html: str, expected: str) -> None:
    assert infer_region(Page.from_html(LOCAL, html), LOCAL)[0] == expected


def test_a_belgian_mobile_on_a_dutch_language_site_is_belgian() -> None:
    # 0486 is a Dutch area code and a Belgian mobile prefix: the address decides.
    from checks.api import SiteContext
    from checks.detectors.phones import PhoneDetector

    home = Page.from_html(LOCAL, "<html lang='nl'><p>Kinesitherapie Lorem</p>"
                                 "<p>Bergstraat 26, 9550 Herzele</p><p>0486/633101</p></html>")
    region = infer_region(home, LOCAL)[0]
    detector = PhoneDetector.from_context(SiteContext(LOCAL, region=region))
    assert {f.value for f in detector.detect(home)} == {"+32486633101"}


def test_a_life_s_years_are_no_phone_number() -> None:
    # "(1847-1931)" is a valid Irish number, and the only digits on this home page.
    page = Page.from_html(LOCAL, "<html lang='en'><p>Founded on the ideas of D.D. Palmer "
                                 "(1845-1913).</p></html>")
    assert infer_region(page, LOCAL) == (None, "unknown")


def test_a_number_of_the_us_and_canada_is_read_without_a_region() -> None:
    # No country known: "(208) 337-4900" fits the US and Canada, and is one number in both.
    from checks.api import SiteContext
    from checks.detectors.phones import PhoneDetector

    page = Page.from_html(LOCAL + "contact/", "<html lang='en'><main><h3>Location</h3><p>"
                                              "111 S. Main St.<br>Homedale, ID 83628<br>"
                                              "(208)337-4900</p></main></html>")
    detector = PhoneDetector.from_context(SiteContext(LOCAL))
    assert {f.value for f in detector.detect(page)} == {"+12083374900"}


@pytest.mark.parametrize("prices", [
    "Fyllning • 750 - 2560 kr", "Krona: 650 - 1950 SEK", "Behandling € 750 - 2560",
    "Öppet 10.00-16.00, lördag 9.30-17.30",
])  # fmt: skip
def test_prices_and_hours_do_not_vote_for_a_country(prices: str) -> None:
    # Each range is a valid Finnish number and not a Swedish one: a Swedish price list or
    # opening hours must not make a Swedish page Finnish (each did). The phone fits both.
    page = Page.from_html(LOCAL, f"<html lang='sv'><body><p>Välkommen till tandläkaren.</p>"
                                 f"<p>{prices}</p><p>Ring 021-41 96 40</p></body></html>")
    assert infer_region(page, LOCAL)[0] == "SE"
