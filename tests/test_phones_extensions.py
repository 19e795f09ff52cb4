"""Digits written after a number: another line of its block, or a direct-dial extension."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.phones import PhoneDetector
from crawler.page import Page

DE, GB = "https://firma.de/", "https://acme.co.uk/"


def found(url: str, body: str) -> list[tuple[str, str]]:
    page = Page.from_html(url, f"<html><body>{body}</body></html>")
    detector = PhoneDetector.from_context(SiteContext(url))
    return [(f.value, f.data["kind"]) for f in detector.detect(page)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # DIN 5008: the digits after the hyphen are dialled after the number, not instead of
        # its last ones; the number without them is not one anybody is told to dial.
        ("<p>Zentrale: Tel. (0 30) 4 56 78 - 0</p>", [("+4930456780", "phone")]),
        ("<p>Frau Lindner, Telefon (0 89) 3 21 45 - 17</p>", [("+49893214517", "phone")]),
        ("<p>Telefax 06221 5 43 21 - 99</p>", [("+4962215432199", "fax")]),
    ],
)
def test_direct_dial_extension_is_dialled_after_the_number(
    body: str, expected: list[tuple[str, str]]
) -> None:
    assert found(DE, body) == expected


def test_alternative_ending_of_a_fax_line_is_a_fax() -> None:
    assert found(GB, "<p>Fax 0161 496 0734/35</p>") == [
        ("+441614960734", "fax"), ("+441614960735", "fax"),
    ]  # fmt: skip


def test_number_without_the_trunk_prefix_its_country_dials_is_not_read_there() -> None:
    # No ccTLD, an English page: Ireland is a candidate, but Irish numbers are written with 0.
    url = "http://127.0.0.1:8000/"
    page = Page.from_html(url, "<html lang='en'><body><p>12 Harbour Road<br>"
                               "Ribeirão Preto<br>14015-220</p></body></html>")  # fmt: skip
    assert list(PhoneDetector.from_context(SiteContext(url)).detect(page)) == []


def test_fax_line_after_a_line_about_calling_is_a_fax() -> None:
    # "Telephone / Fax:" names one line for both; a fax's own label on the next line, after
    # a phone line that ends "call or text", names the fax alone.
    body = "<p>Tel: 0161 496 0734 call or text</p><p>Fax: 0161 496 0735</p>"
    assert found(GB, body) == [("+441614960734", "phone"), ("+441614960735", "fax")]


def test_a_quantity_with_its_unit_is_no_number() -> None:
    # "3015 4000W" is a laser's format and power; read in a German page's neighbouring
    # countries it was a valid Luxembourg number.
    body = ("<main><p>Unsere Maschine: Laser 3015 4000W, Blech bis 3000 x 1500 mm.</p>"
            "<p>Tel. 06234 926450</p></main>")
    page = Page.from_html("http://127.0.0.1:8000/", f"<html lang='de'><body>{body}</body></html>")
    assert [f.value for f in PhoneDetector("DE", guessed=True).detect(page)] == ["+496234926450"]
