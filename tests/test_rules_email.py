"""D2 email: every status of every check, on hand-built site models."""

from __future__ import annotations

from checks.facts import Fact
from checks.rules.email import (
    email_machine_readable,
    email_not_noreply_only,
    email_not_obfuscated,
    email_visible,
)
from tests.sitemodels import fact, site

HOME = "https://a.test/"
LINKS = {"/": ["/contact"], "/contact": []}


def email(value: str = "hello@acme.test", method: str = "mailto", noreply: bool = False,
          visible: bool = True) -> Fact:
    return fact("email", value, method, "footer", noreply=noreply, visible=visible)


# -- email.visible ----------------------------------------------------------------------------

def test_a_visible_address_passes() -> None:
    s = site(LINKS, {"/": [email()], "/contact": [email("sales@acme.test", "text")]})
    res = email_visible(s)
    assert (res.status, res.score) == ("pass", 1.0) and "2 email address(es)" in res.summary
    assert [(e.url, e.value) for e in res.evidence] == [
        (HOME, "hello@acme.test"), ("https://a.test/contact", "sales@acme.test")]


def test_only_hidden_addresses_fail() -> None:
    res = email_visible(site(LINKS, {"/": [email(method="js", visible=False)]}))
    assert (res.status, res.score) == ("fail", 0.0) and res.evidence == []
    assert res.recommendation == email_visible.meta.recommendation


# -- email.not_noreply_only -------------------------------------------------------------------

def test_a_read_address_passes() -> None:
    s = site(LINKS, {"/": [email("noreply@acme.test", noreply=True)],
                     "/contact": [email("hello@acme.test")]})
    res = email_not_noreply_only(s)
    assert (res.status, res.score) == ("pass", 1.0)
    assert [(e.url, e.value) for e in res.evidence] == [("https://a.test/contact",
                                                         "hello@acme.test")]


def test_only_noreply_addresses_fail() -> None:
    s = site(LINKS, {"/": [email("noreply@acme.test", noreply=True),
                           email("do-not-reply@acme.test", noreply=True)]})
    res = email_not_noreply_only(s)
    assert (res.status, res.score) == ("fail", 0.0)
    assert {e.value for e in res.evidence} == {"noreply@acme.test", "do-not-reply@acme.test"}
    assert res.recommendation == email_not_noreply_only.meta.recommendation


def test_noreply_check_not_applicable_without_a_visible_address() -> None:
    res = email_not_noreply_only(site(LINKS))
    assert res.status == "not_applicable" and res.evidence == []


# -- email.machine_readable -------------------------------------------------------------------

def test_an_address_in_the_page_passes() -> None:
    res = email_machine_readable(site(LINKS, {"/contact": [email(method="text")]}))
    assert (res.status, res.score) == ("pass", 1.0)
    assert res.evidence[0].url == "https://a.test/contact"


def test_an_address_only_in_scripts_needs_review() -> None:
    res = email_machine_readable(site(LINKS, {"/": [email(method="js", visible=False)]}))
    assert (res.status, res.score) == ("needs_review", 0.5)
    assert (res.evidence[0].url, res.evidence[0].value) == (HOME, "hello@acme.test")
    assert res.recommendation.startswith("Check that hello@acme.test shows on the page")


def test_an_address_assembled_by_script_needs_review() -> None:
    built = Fact("email_js_only", "", "js", "main", "script", "document.write(u+'@'+d)", False)
    res = email_machine_readable(site(LINKS, {"/contact": [built]}))
    assert res.status == "needs_review"
    assert res.recommendation == email_machine_readable.meta.recommendation
    assert (res.evidence[0].url, res.evidence[0].snippet) == ("https://a.test/contact",
                                                              "document.write(u+'@'+d)")


def test_no_address_at_all_is_not_applicable() -> None:
    marked = email(method="structured_data", visible=False)
    for s in (site(LINKS), site(LINKS, {"/": [marked]})):
        res = email_machine_readable(s)
        assert res.status == "not_applicable" and res.evidence == []


# -- email.not_obfuscated ---------------------------------------------------------------------

def test_a_tappable_address_passes_even_next_to_an_obfuscated_one() -> None:
    s = site(LINKS, {"/": [email("info@acme.test", "obfuscated")],
                     "/contact": [email("hello@acme.test", "cloudflare")]})
    res = email_not_obfuscated(s)
    assert (res.status, res.score) == ("pass", 1.0)
    assert res.evidence[0].value == "hello@acme.test"


def test_only_obfuscated_addresses_warn() -> None:
    res = email_not_obfuscated(site(LINKS, {"/": [email("info@acme.test", "obfuscated")]}))
    assert (res.status, res.score) == ("warn", 0.5)
    assert (res.evidence[0].url, res.evidence[0].value) == (HOME, "info@acme.test")
    assert res.recommendation.startswith(
        'Write info@acme.test as a plain mailto: link (href="mailto:info@acme.test")')


def test_a_mailto_only_in_markup_does_not_make_an_obfuscated_address_usable() -> None:
    s = site(LINKS, {"/": [email("info@acme.test", "obfuscated"),
                           email("info@acme.test", "mailto", visible=False)]})
    assert email_not_obfuscated(s).status == "warn"


def test_obfuscation_check_not_applicable_without_a_visible_address() -> None:
    res = email_not_obfuscated(site(LINKS, {"/": [email(method="js", visible=False)]}))
    assert res.status == "not_applicable" and res.evidence == []
