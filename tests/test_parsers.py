"""The shared parsers (checks/parsers.py): mailto and tel links, the default region, labels."""

from __future__ import annotations

import pytest

from checks.parsers import default_region, nearest_label, parse_mailto, read_tel


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("mailto:info@acme.com", ["info@acme.com"]),
        ("MailTo:?to=a@acme.com&bcc=b@acme.com", ["a@acme.com", "b@acme.com"]),
        ("mailto:a@acme.com;b@acme.com", ["a@acme.com", "b@acme.com"]),
        ("mailto:Acme%20Sales%20%3Csales@acme.com%3E", ["sales@acme.com"]),
        ("mailto:", []),
        ("mailto:info", []),
        ("mailto:you@example.com", []),
        ("mailto:IDOLM@STER", []),
    ],
)
def test_parse_mailto(href: str, expected: list[str]) -> None:
    assert [a.value for a in parse_mailto(href)] == expected


def test_plus_in_mailto_query_is_kept() -> None:
    assert [a.value for a in parse_mailto("mailto:?cc=team+sales@acme.com")] == [
        "team+sales@acme.com"
    ]


@pytest.mark.parametrize(
    ("start_url", "forced", "lang", "expected"),
    [
        ("https://acme.co.uk/", None, "", "GB"),
        ("https://www.acme.com.au/shop", None, "", "AU"),
        ("https://acme.ie/", None, "", "IE"),
        ("https://acme.de/", "fr", "", "FR"),
        ("https://acme.com/", None, "en-gb", "GB"),
        ("https://acme.com/", None, "de-AT", "AT"),
        ("https://acme.com/", None, "de", "DE"),
        ("https://acme.com/", None, "pt", "PT"),
        ("https://acme.com/", None, "en", None),
        ("https://acme.io/", None, "", None),
        ("http://localhost:8000/", None, "", None),
        ("http://127.0.0.1:8000/", None, "es", "ES"),
    ],
)
def test_default_region(start_url: str, forced: str | None, lang: str, expected: str) -> None:
    assert default_region(start_url, forced, lang) == expected


@pytest.mark.parametrize(
    ("href", "text", "region", "expected"),
    [
        ("tel:+14155550132", "Call us", "US", ("phone", "+14155550132", "phone")),
        ("tel:020%207946%200958", "020 7946 0958", "GB", ("phone", "+442079460958", "phone")),
        ("callto:+49 30 1234567", "Anrufen", "DE", ("phone", "+49301234567", "phone")),
        ("tel:+14155550132;ext=204", "Call", "US", ("phone", "+14155550132;ext=204", "phone")),
        ("tel:0221 9876543", "Fax 0221 9876543", "DE", ("phone", "+492219876543", "fax")),
        ("tel:+1234567890", "Call us", "US", ("broken_tel", "tel:+1234567890", None)),
        ("callto:acme.support", "Skype", "US", None),
    ],
)
def test_read_tel(
    href: str, text: str, region: str, expected: tuple[str, str, str | None] | None
) -> None:
    found = read_tel(href, text, region)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found[0], found[1], found[2].get("kind")) == expected


def test_national_tel_link_without_region_is_not_judged() -> None:
    # A local visitor can dial it; nobody can tell it is broken without knowing the country.
    assert read_tel("tel:020 7946 0958", "Ring", None) is None


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("Tel:", "phone"),
        ("Fax:", "fax"),
        ("Mobil", "mobile"),
        ("Toll-free", "toll_free"),
        ("Phone No.", "phone"),
        ("Order #", "trap"),
        ("VAT", "trap"),
        ("Telephone / Fax :", "phone"),
        ("Opening", None),
    ],
)
def test_nearest_label(context: str, expected: str | None) -> None:
    assert nearest_label(context) == expected
