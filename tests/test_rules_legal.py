"""legal.* checks on hand-built site models: profiles and each status."""

from __future__ import annotations

from typing import Any

import pytest

from checks.facts import Fact
from checks.rules.legal import (
    direct_channels,
    identity_address,
    imprint_link,
    profile,
    register,
    vat_id,
)
from tests.sitemodels import fact, site

LINKS = {"/": ["/impressum", "/kontakt"], "/impressum": [], "/kontakt": []}


def legal(kind: str, value: str, region: str = "main", **data: Any) -> Fact:
    return fact("legal", value, "text", region, type=kind, **data)


IMPRINT_LINK = legal("imprint_link", "https://a.test/impressum", "footer")
NOTICE = legal("imprint_page", "https://a.test/impressum")


def de(facts: dict[str, list[Fact]], **kw: Any) -> Any:
    return site(LINKS, facts, region="DE", **kw)


def test_profiles() -> None:
    assert profile(site(LINKS, region="DE")) == "DE"
    assert profile(site(LINKS, region="GB")) == "UK"
    assert profile(site(LINKS, region="FR")) == "EU"
    assert profile(site(LINKS, region="US")) is None
    assert profile(site(LINKS, region="US", options={"legal_profile": "UK"})) == "UK"
    assert profile(site(LINKS, region="DE", options={"legal_profile": "none"})) is None


@pytest.mark.parametrize("check", [imprint_link, identity_address, direct_channels, register,
                                   vat_id])
def test_every_legal_check_is_not_applicable_without_a_profile(check: Any) -> None:
    assert check(site(LINKS, region="US")).status == "not_applicable"


def test_imprint_link_in_every_footer_passes() -> None:
    s = de({p: [IMPRINT_LINK] for p in LINKS} | {"/impressum": [IMPRINT_LINK, NOTICE]})
    res = imprint_link(s)
    assert res.status == "pass" and "100%" in res.summary


def test_imprint_link_too_deep_warns() -> None:
    chain = {"/": ["/a"], "/a": ["/b"], "/b": ["/impressum"], "/impressum": []}
    s = site(chain, {p: [IMPRINT_LINK] for p in chain} | {"/impressum": [IMPRINT_LINK, NOTICE]},
             region="DE")
    res = imprint_link(s)
    assert res.status == "warn" and "3 clicks from the start page" in res.summary


def test_imprint_link_missing_from_some_footers_warns() -> None:
    s = de({"/": [IMPRINT_LINK], "/impressum": [NOTICE]})
    res = imprint_link(s)
    assert res.status == "warn" and res.summary.startswith("Possible gap")
    assert "33%" in res.summary


def test_no_legal_notice_fails_as_a_possible_gap() -> None:
    res = imprint_link(de({}))
    assert res.status == "fail" and "Possible gap (German §5 DDG" in res.summary


NAME = legal("representative", "Regina Muster", name="Regina Muster", role="Inhaberin")
STREET = fact("address", "Hauptstraße 5, 50667 Köln", "text", "main", street="Hauptstraße 5",
              postcode="50667", po_box=False)
BOX = legal("po_box", "Postfach 1234")


def test_identity_and_address() -> None:
    assert identity_address(de({"/impressum": [NOTICE, NAME, STREET]})).status == "pass"
    res = identity_address(de({"/impressum": [NOTICE, NAME, BOX]}))
    assert res.status == "warn" and "only a PO box" in res.summary
    assert identity_address(de({"/impressum": [NOTICE]})).status == "fail"
    # An address fact that is only a PO box is no street address either.
    box_only = fact("address", "Postfach 1234, 50667 Köln", "text", "main", street="",
                    postcode="50667", po_box=True)
    res = identity_address(de({"/impressum": [NOTICE, NAME, box_only]}))
    assert res.status == "warn" and "only a PO box" in res.summary


EMAIL = fact("email", "info@a.test", "mailto", "main", noreply=False)
PHONE = fact("phone", "+492211234567", "tel", "main", kind="phone")


def test_direct_channels() -> None:
    assert direct_channels(de({"/impressum": [NOTICE, EMAIL, PHONE]})).status == "pass"
    res = direct_channels(de({"/impressum": [NOTICE, EMAIL]}))
    assert res.status == "warn" and "second fast channel" in res.summary
    # The footer's address counts for the notice too.
    res = direct_channels(de({"/impressum": [NOTICE, PHONE], "/": [EMAIL]}))
    assert res.status == "pass"
    assert direct_channels(de({"/impressum": [NOTICE]})).status == "fail"


REG = legal("company_register", "HRB 12345", register="HRB", court="Köln")


def test_register() -> None:
    assert register(de({"/impressum": [NAME, REG]})).status == "pass"
    assert register(de({"/impressum": [REG]})).status == "warn"
    res = register(de({"/impressum": [NAME]}))
    assert res.status == "warn" and "sole traders" in res.summary
    assert register(de({})).status == "fail"
    assert register(site(LINKS, {}, region="GB")).status == "warn"


def test_vat_id() -> None:
    res = vat_id(de({"/impressum": [legal("vat_id", "DE123456789", country="DE")]}))
    assert res.status == "pass" and "DE123456789" in res.summary
    res = vat_id(de({}))
    assert res.status == "warn" and "may have none" in res.summary


def test_outside_germany_legal_details_in_every_footer_are_enough() -> None:
    reg = legal("company_register", "07551763", "footer", register="Companies House")
    uk = site(LINKS, {p: [reg] for p in LINKS}, region="GB")
    res = imprint_link(uk)
    assert res.status == "pass" and "footer of every page" in res.summary
    res = imprint_link(site(LINKS, {}, region="GB"))
    assert res.status == "warn" and res.summary.startswith("Possible gap (UK")
    assert imprint_link(de({p: [reg] for p in LINKS})).status == "fail"
