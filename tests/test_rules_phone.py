"""D3 phone: every status of every check, on hand-built site models."""

from __future__ import annotations

from typing import Any

from checks.facts import Fact
from checks.rules.phone import (
    phone_broken_tel_link,
    phone_country_code,
    phone_found,
    phone_hours_near,
    phone_premium,
    phone_tel_link,
)
from tests.sitemodels import fact, site

HOME = "https://a.test/"
CONTACT = "https://a.test/contact"
LINKS = {"/": ["/contact"], "/contact": []}


def phone(value: str = "+441132460958", method: str = "tel", display: str = "0113 246 0958",
          kind: str = "phone", **data: Any) -> Fact:
    base: dict[str, Any] = {"kind": kind, "display": display, "premium": False,
            "intl": display.startswith(("+", "00"))}
    base.update(data)
    visible = bool(base.pop("visible", True))
    return Fact("phone", value, method, "footer", "footer a", display, visible, base)


def note(text: str, kind: str, **data: Any) -> Fact:
    return fact("reassurance", text, "text", "main", kind=kind, phrase=text, **data)


# -- phone.found ------------------------------------------------------------------------------

def test_a_voice_number_passes_with_its_display_form() -> None:
    res = phone_found(site(LINKS, {"/": [phone()], "/contact": [phone("+441132460999")]}))
    assert (res.status, res.score) == ("pass", 1.0)
    assert "2 phone number(s), e.g. 0113 246 0958" in res.summary
    assert [(e.url, e.value) for e in res.evidence] == [(HOME, "+441132460958"),
                                                        (CONTACT, "+441132460999")]


def test_only_a_fax_or_hidden_number_fails() -> None:
    s = site(LINKS, {"/": [phone(kind="fax"),
                           phone("+441132460999", "structured_data", visible=False)]})
    res = phone_found(s)
    assert (res.status, res.score) == ("fail", 0.0) and res.evidence == []
    assert res.recommendation == phone_found.meta.recommendation


# -- phone.tel_link ---------------------------------------------------------------------------

def test_a_tel_link_passes() -> None:
    s = site(LINKS, {"/": [phone(method="text")], "/contact": [phone("+441132460999")]})
    res = phone_tel_link(s)
    assert (res.status, res.score) == ("pass", 1.0)
    assert (res.evidence[0].url, res.evidence[0].value) == (CONTACT, "+441132460999")


def test_plain_text_numbers_warn() -> None:
    res = phone_tel_link(site(LINKS, {"/": [phone(method="text")]}))
    assert (res.status, res.score) == ("warn", 0.5) and res.evidence[0].url == HOME
    assert res.recommendation == ('Make 0113 246 0958 a tel: link (href="tel:+441132460958") '
                                  "so mobile visitors can call in one tap.")


def test_tel_link_not_applicable_without_a_number() -> None:
    res = phone_tel_link(site(LINKS))
    assert res.status == "not_applicable" and res.evidence == []


# -- phone.country_code -----------------------------------------------------------------------

def test_a_number_in_international_form_passes() -> None:
    s = site(LINKS, {"/": [phone()], "/contact": [phone(display="+44 113 246 0958")]})
    res = phone_country_code(s)
    assert (res.status, res.score) == ("pass", 1.0)
    assert res.evidence[0].url == CONTACT and "country code" in res.summary


def test_a_domestic_site_passes_without_country_codes() -> None:
    uk = "https://acme.co.uk/"
    s = site({uk: []}, {uk: [phone()]}, start=uk)
    res = phone_country_code(s)
    assert (res.status, res.score) == ("pass", 1.0) and "GB domain" in res.summary
    assert res.evidence[0].url == uk


def test_a_foreign_number_on_a_country_domain_warns() -> None:
    de = "https://acme.de/"
    s = site({de: []}, {de: [phone()]}, start=de)
    res = phone_country_code(s)
    assert (res.status, res.score) == ("warn", 0.5)
    assert res.evidence[0].value == "+441132460958"


def test_national_numbers_on_a_generic_domain_warn() -> None:
    res = phone_country_code(site(LINKS, {"/": [phone()]}))
    assert res.status == "warn" and res.evidence[0].url == HOME
    assert res.recommendation == ("Write 0113 246 0958 as +44 113 246 0958 at least once, and "
                                  "link it as tel:+441132460958.")


def test_country_code_not_applicable_without_a_number() -> None:
    assert phone_country_code(site(LINKS)).status == "not_applicable"


# -- phone.premium ----------------------------------------------------------------------------

def test_a_geographic_number_passes() -> None:
    res = phone_premium(site(LINKS, {"/": [phone()]}))
    assert (res.status, res.score) == ("pass", 1.0) and res.evidence == []


def test_a_premium_number_warns() -> None:
    s = site(LINKS, {"/": [phone("+449061234567", display="0906 123 4567", premium=True)]})
    res = phone_premium(s)
    assert (res.status, res.score) == ("warn", 0.5)
    assert res.summary.startswith("0906 123 4567 is a premium-rate")
    assert res.evidence[0].value == "+449061234567"
    assert res.recommendation == phone_premium.meta.recommendation


def test_a_per_minute_charge_warns() -> None:
    charge = note("Calls cost 14p per minute plus network charges", "anti_pattern",
                  anti="premium_rate")
    res = phone_premium(site(LINKS, {"/": [phone()], "/contact": [charge]}))
    assert res.status == "warn" and "per-minute call charges" in res.summary
    assert (res.evidence[0].url, res.evidence[0].value) == (CONTACT, charge.value)


def test_premium_not_applicable_without_a_number() -> None:
    assert phone_premium(site(LINKS)).status == "not_applicable"


# -- phone.hours_near -------------------------------------------------------------------------

def test_hours_on_the_page_with_the_number_pass() -> None:
    hours = fact("opening_hours", "Mo-Fr 09:00-17:00", "text", "footer")
    res = phone_hours_near(site(LINKS, {"/contact": [phone(), hours]}))
    assert (res.status, res.score) == ("pass", 1.0)
    assert (res.evidence[0].url, res.evidence[0].value) == (CONTACT, "Mo-Fr 09:00-17:00")


def test_an_availability_note_next_to_the_number_passes() -> None:
    said = note("Lines are open weekdays 8am to 6pm", "availability")
    res = phone_hours_near(site(LINKS, {"/": [phone(), said]}))
    assert res.status == "pass" and res.evidence[0].value == said.value


def test_hours_elsewhere_or_only_in_markup_warn() -> None:
    marked = fact("opening_hours", "Mo-Fr 09:00-17:00", "structured_data", "", visible=False)
    elsewhere = fact("opening_hours", "Mo-Fr 09:00-17:00", "text", "main")
    res = phone_hours_near(site(LINKS, {"/": [phone(), marked], "/contact": [elsewhere]}))
    assert (res.status, res.score) == ("warn", 0.5)
    assert (res.evidence[0].url, res.evidence[0].value) == (HOME, "+441132460958")
    assert res.recommendation == ("Write when 0113 246 0958 is answered right next to it, "
                                  "e.g. 'Mon–Fri 9am–5pm'.")


def test_hours_near_not_applicable_without_a_number() -> None:
    assert phone_hours_near(site(LINKS)).status == "not_applicable"


# -- phone.broken_tel_link --------------------------------------------------------------------

def test_valid_tel_links_pass() -> None:
    res = phone_broken_tel_link(site(LINKS, {"/": [phone()]}))
    assert (res.status, res.score) == ("pass", 1.0) and res.evidence == []


def test_a_broken_tel_link_fails() -> None:
    broken = fact("broken_tel", "tel:0113 CALL NOW", "tel", "header", display="Call now")
    res = phone_broken_tel_link(site(LINKS, {"/contact": [broken]}))
    assert (res.status, res.score) == ("fail", 0.0) and "1 tel: link(s)" in res.summary
    assert (res.evidence[0].url, res.evidence[0].value) == (CONTACT, "tel:0113 CALL NOW")
    assert res.recommendation == phone_broken_tel_link.meta.recommendation


def test_broken_tel_not_applicable_without_any_number() -> None:
    assert phone_broken_tel_link(site(LINKS)).status == "not_applicable"


def test_evidence_is_the_page_where_the_number_is_a_tel_link() -> None:
    s = site(LINKS, {"/": [phone(method="text")], "/contact": [phone()]})
    res = phone_tel_link(s)
    assert res.status == "pass" and res.evidence[0].url == CONTACT
