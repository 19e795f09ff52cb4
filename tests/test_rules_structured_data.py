"""D9 structured data: every status of every check, on hand-built site models."""

from __future__ import annotations

from typing import Any

from checks.facts import Fact
from checks.rules.structured_data import consistent, organization
from tests.sitemodels import fact, site

HOME = "https://a.test/"
LINKS = {"/": ["/contact"], "/contact": []}


def org(name: str = "Acme Bakery Ltd", **data: Any) -> Fact:
    base: dict[str, Any] = {"types": ["Organization"], "syntax": "json-ld", "telephone": [],
                            "email": [], "contact_points": [], "address": None,
                            "opening_hours": [], "same_as": [], "url": HOME}
    base.update(data)
    return fact("organization", name, "structured_data", "", visible=False, **base)


def marked(kind: str, value: str, phone_kind: str = "phone") -> Fact:
    # Phone data has a "kind" key, which fact() cannot take: built by hand.
    data = {"kind": phone_kind, "display": value} if kind == "phone" else {}
    return Fact(kind, value, "structured_data", "", "script", value, False, data)


def shown_phone(value: str = "+441132460958", display: str = "0113 246 0958") -> Fact:
    data = {"kind": "phone", "display": display, "intl": False, "premium": False}
    return Fact("phone", value, "tel", "footer", "footer a", display, True, data)


def shown_email(value: str = "hello@acme.test") -> Fact:
    return fact("email", value, "mailto", "footer", noreply=False)


# -- structured_data.organization -------------------------------------------------------------

def test_organization_with_a_telephone_passes() -> None:
    s = site(LINKS, {"/": [org(telephone=["+441132460958"])]})
    res = organization(s)
    assert (res.status, res.score) == ("pass", 1.0)
    [ev] = res.evidence
    assert (ev.url, ev.value) == (HOME, "Acme Bakery Ltd")


def test_local_business_with_only_a_contact_point_passes() -> None:
    point = {"telephone": "+61298765432", "email": None, "contact_type": "customer service",
             "area_served": None, "hours": None}
    s = site(LINKS, {"/contact": [org(types=["Dentist"], contact_points=[point])]})
    res = organization(s)
    assert res.status == "pass" and "Dentist" in res.summary
    assert res.evidence[0].url == "https://a.test/contact"


def test_the_nearest_complete_organization_is_the_evidence() -> None:
    s = site(LINKS, {"/": [org("Bare")], "/contact": [org("Full", email=["hi@acme.test"])]})
    res = organization(s)
    assert res.status == "pass" and res.evidence[0].value == "Full"


def test_organization_without_contact_details_warns_with_the_visible_ones() -> None:
    s = site(LINKS, {"/": [org(), shown_phone()], "/contact": [shown_email()]})
    res = organization(s)
    assert (res.status, res.score) == ("warn", 0.5)
    assert res.evidence[0].url == HOME and res.evidence[0].value == "Acme Bakery Ltd"
    assert '"telephone": "+441132460958"' in res.recommendation
    assert '"email": "hello@acme.test"' in res.recommendation
    assert HOME in res.recommendation


def test_structured_contacts_without_an_organization_warn() -> None:
    s = site(LINKS, {"/": [marked("phone", "+441132460958", phone_kind="phone")]})
    res = organization(s)
    assert res.status == "warn" and "names no Organization" in res.summary
    assert res.evidence[0].value == "+441132460958"


def test_no_organization_fails_with_the_properties_to_add() -> None:
    s = site(LINKS, {"/contact": [shown_email()]})
    res = organization(s)
    assert (res.status, res.score) == ("fail", 0.0) and res.evidence == []
    assert '"email": "hello@acme.test"' in res.recommendation and HOME in res.recommendation


def test_no_organization_and_no_contacts_gives_generic_properties() -> None:
    res = organization(site(LINKS))
    assert res.status == "fail" and '"telephone", "email" and "contactPoint"' in \
        res.recommendation


# -- structured_data.consistent ---------------------------------------------------------------

def test_not_applicable_without_structured_contacts() -> None:
    res = consistent(site(LINKS, {"/": [shown_phone(), shown_email()]}))
    assert res.status == "not_applicable" and res.evidence == []


def test_not_applicable_without_visible_contacts_of_the_same_kind() -> None:
    s = site(LINKS, {"/": [marked("phone", "+441132460000", phone_kind="phone"), shown_email()]})
    assert consistent(s).status == "not_applicable"


def test_matching_values_pass() -> None:
    s = site(LINKS, {"/": [marked("phone", "+441132460958", phone_kind="phone"),
                           marked("email", "Hello@Acme.test")],
                     "/contact": [shown_phone(), shown_email()]})
    res = consistent(s)
    assert (res.status, res.score) == ("pass", 1.0)
    assert {e.url for e in res.evidence} == {"https://a.test/contact"}
    assert {e.value for e in res.evidence} == {"+441132460958", "Hello@Acme.test"}


def test_phones_compare_without_the_extension() -> None:
    s = site(LINKS, {"/": [marked("phone", "+441132460958", phone_kind="phone"),
                           shown_phone("+441132460958;ext=12")]})
    assert consistent(s).status == "pass"


def test_a_structured_fax_is_not_compared() -> None:
    s = site(LINKS, {"/": [marked("phone", "+441132460999", phone_kind="fax"), shown_phone()]})
    assert consistent(s).status == "not_applicable"


def test_a_stale_structured_phone_warns_with_both_values() -> None:
    s = site(LINKS, {"/": [marked("phone", "+441132460000", phone_kind="phone")],
                     "/contact": [shown_phone()]})
    res = consistent(s)
    assert (res.status, res.score) == ("warn", 0.5)
    stale, seen = res.evidence
    assert (stale.url, stale.value) == (HOME, "+441132460000")
    assert (seen.url, seen.value) == ("https://a.test/contact", "+441132460958")
    assert "+441132460000 to 0113 246 0958 in the JSON-LD on https://a.test/" in \
        res.recommendation


def test_a_stale_structured_email_warns() -> None:
    s = site(LINKS, {"/": [marked("email", "old@acme.test"), shown_email()]})
    res = consistent(s)
    assert res.status == "warn"
    assert [e.value for e in res.evidence] == ["old@acme.test", "hello@acme.test"]
