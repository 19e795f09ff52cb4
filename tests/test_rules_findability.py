"""D1 findability: every status of every check, on hand-built site models."""

from __future__ import annotations

from checks.facts import Fact
from checks.rules.findability import (
    clicks_to_contact,
    contact_link_placement,
    contact_page_channels,
)
from tests.sitemodels import fact, site

HOME = "https://a.test/"
CONTACT = "https://a.test/contact"


def link(region: str, target: str = CONTACT) -> Fact:
    return fact("contact_link", target, "link", region)


def phone(value: str = "+441132460958", kind: str = "phone", **kw: object) -> Fact:
    return fact("phone", value, "tel", "footer", kind=kind, display="0113 246 0958",
                intl=False, premium=False, **kw)


def email(value: str = "hello@acme.test", **kw: object) -> Fact:
    return fact("email", value, "mailto", "footer", noreply=False, **kw)


# -- findability.contact_link_placement -------------------------------------------------------

def test_contact_link_in_nav_and_footer_passes() -> None:
    res = contact_link_placement(site({"/": ["/contact"], "/contact": []},
                                      {"/": [link("nav"), link("footer")]}))
    assert (res.status, res.score) == ("pass", 1.0)
    assert [(e.url, e.value, e.selector) for e in res.evidence] == [
        (HOME, CONTACT, "nav p"), (HOME, CONTACT, "footer p")]


def test_contact_link_only_in_the_header_warns_about_the_footer() -> None:
    res = contact_link_placement(site({"/": []}, {"/": [link("header")]}))
    assert (res.status, res.score) == ("warn", 0.5)
    assert "not in the footer" in res.summary and res.evidence[0].value == CONTACT
    assert res.recommendation == "Add a 'Contact' link to the footer of every page."


def test_contact_link_only_in_the_footer_warns_about_the_header() -> None:
    res = contact_link_placement(site({"/": []}, {"/": [link("footer")]}))
    assert res.status == "warn" and "not in the header" in res.summary
    assert res.recommendation == "Add a 'Contact' link to the header of every page."
    assert res.evidence[0].selector == "footer p"


def test_contact_link_only_in_the_content_warns() -> None:
    res = contact_link_placement(site({"/": []}, {"/": [link("main")]}))
    assert (res.status, res.score) == ("warn", 0.5)
    assert "only in the page content" in res.summary
    assert res.evidence[0].value == CONTACT
    assert res.recommendation == contact_link_placement.meta.recommendation


def test_no_contact_link_fails() -> None:
    res = contact_link_placement(site({"/": []}))
    assert (res.status, res.score) == ("fail", 0.0) and res.evidence == []
    assert res.recommendation == contact_link_placement.meta.recommendation


# -- findability.clicks_to_contact ------------------------------------------------------------

CHAIN = {"/": ["/a"], "/a": ["/b"], "/b": ["/c"], "/c": []}


def test_contact_on_the_start_page_passes() -> None:
    res = clicks_to_contact(site(CHAIN, {"/": [email()], "/c": [phone()]}))
    assert (res.status, res.score) == ("pass", 1.0)
    assert "on the start page" in res.summary
    assert (res.evidence[0].url, res.evidence[0].value) == (HOME, "hello@acme.test")


def test_contact_one_click_away_passes() -> None:
    res = clicks_to_contact(site(CHAIN, {"/a": [phone()]}))
    assert res.status == "pass" and "1 click away" in res.summary
    assert res.evidence[0].url == "https://a.test/a"


def test_contact_two_clicks_away_warns() -> None:
    res = clicks_to_contact(site(CHAIN, {"/b": [email()]}))
    assert (res.status, res.score) == ("warn", 0.5) and "2 clicks away" in res.summary
    assert res.evidence[0].url == "https://a.test/b"
    assert res.recommendation == ("Show hello@acme.test (now 2 clicks away, on "
                                  "https://a.test/b) in the header or footer of every page.")


def test_contact_three_clicks_away_fails() -> None:
    res = clicks_to_contact(site(CHAIN, {"/c": [email()]}))
    assert (res.status, res.score) == ("fail", 0.0) and "3 clicks away" in res.summary
    assert res.evidence[0].url == "https://a.test/c"


def test_hidden_and_unreachable_contacts_do_not_count() -> None:
    s = site({"/": [], "/orphan": []},
             {"/": [email("hidden@acme.test", visible=False)], "/orphan": [phone()]})
    res = clicks_to_contact(s)
    assert (res.status, res.score) == ("fail", 0.0) and res.evidence == []
    assert "No page reachable" in res.summary


def test_a_fax_number_is_not_a_way_to_reach_a_person() -> None:
    res = clicks_to_contact(site(CHAIN, {"/": [phone(kind="fax")], "/b": [email()]}))
    assert res.status == "warn" and res.evidence[0].value == "hello@acme.test"


# -- findability.contact_page_channels --------------------------------------------------------

LINKED = {"/": ["/contact"], "/contact": []}


def _contact_site(*facts: Fact) -> dict[str, list[Fact]]:
    return {"/": [link("nav")], "/contact": list(facts)}


def test_contact_page_with_phone_and_email_passes() -> None:
    s = site(LINKED, _contact_site(phone(), email()), titles={"/contact": "Contact us"})
    res = contact_page_channels(s)
    assert (res.status, res.score) == ("pass", 1.0)
    assert [(e.url, e.snippet) for e in res.evidence] == [(CONTACT, "Contact us")]


def test_contact_page_without_email_warns() -> None:
    res = contact_page_channels(site(LINKED, _contact_site(phone())))
    assert (res.status, res.score) == ("warn", 0.5) and "an email address" in res.summary
    assert res.evidence[0].url == CONTACT
    assert res.recommendation == f"Add an email address to the contact page {CONTACT}."


def test_the_advice_names_the_address_shown_elsewhere() -> None:
    facts = _contact_site(phone())
    facts["/"].append(email())
    res = contact_page_channels(site(LINKED, facts))
    assert res.status == "warn"
    assert res.recommendation == ("Add hello@acme.test, which other pages show, to the contact "
                                  f"page {CONTACT}.")


def test_contact_page_without_phone_warns() -> None:
    res = contact_page_channels(site(LINKED, _contact_site(email(), phone(kind="fax"))))
    assert res.status == "warn" and "a phone number" in res.summary
    assert res.recommendation == f"Add a phone number to the contact page {CONTACT}."


def test_contact_page_with_only_a_form_fails() -> None:
    form = fact("form", "https://a.test/send", "form", message=True)
    res = contact_page_channels(site(LINKED, _contact_site(form, email(visible=False))))
    assert (res.status, res.score) == ("fail", 0.0) and res.evidence[0].url == CONTACT
    assert res.recommendation == contact_page_channels.meta.recommendation


def test_no_contact_page_is_not_applicable() -> None:
    broken = site(LINKED, _contact_site(email()), status={"/contact": 404})
    for s in (site({"/": []}, {"/": [email()]}), broken):
        res = contact_page_channels(s)
        assert res.status == "not_applicable" and res.evidence == []


def test_evidence_is_where_the_contact_is_seen_not_its_markup() -> None:
    hidden = fact("email", "hello@acme.test", "structured_data", "", visible=False)
    res = clicks_to_contact(site(CHAIN, {"/": [hidden], "/b": [email()]}))
    assert res.status == "warn"
    assert (res.evidence[0].url, res.evidence[0].selector) == ("https://a.test/b", "footer p")
