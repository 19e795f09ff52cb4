"""The structured data detector: rows 39-41 of DETECTION_CASES.md, organisations in every
syntax and subtype, broken blocks, contact points, and facts that merge with visible ones."""

from __future__ import annotations

import json
from typing import Any

import pytest

from checks.api import SiteContext
from checks.detectors.emails import EmailDetector
from checks.detectors.phones import PhoneDetector
from checks.detectors.structured_data import StructuredDataDetector
from checks.facts import Fact
from checks.model import SiteModel
from crawler.page import Page

AU, GB, US, COM = ("https://harbourplumbing.com.au/", "https://smithdental.co.uk/",
                   "https://acme.us/", "https://example-shop.com/")


def detect(url: str, body: str, region: str | None = None, lang: str = "") -> list[Fact]:
    page = Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")
    return list(StructuredDataDetector.from_context(SiteContext(url, region)).detect(page))


def ld(data: Any, type_attr: str = "application/ld+json") -> str:
    return f'<script type="{type_attr}">{json.dumps(data)}</script>'


def of(facts: list[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind]


def org(facts: list[Fact]) -> Fact:
    [found] = of(facts, "organization")
    return found


PLUMBER = {
    "@context": "https://schema.org", "@type": "Plumber", "name": "Harbour Plumbing",
    "url": "https://harbourplumbing.com.au/",
    "telephone": "tel:(02) 9876 5432", "email": "mailto:Jobs@HarbourPlumbing.com.au",
    "sameAs": ["https://www.facebook.com/harbourplumbing", "https://x.com/harbourplumb"],
    "address": {"@type": "PostalAddress", "streetAddress": "12 Wharf Road",
                "addressLocality": "Balmain", "addressRegion": "NSW", "postalCode": "2041",
                "addressCountry": "AU"},
    "openingHours": ["Mo-Fr 07:00-17:00", "Sa 08:00-12:00"],
}


# -- DETECTION_CASES rows 39-41 ----------------------------------------------------------------


def test_row39_contact_point_phone_and_type() -> None:
    body = ld({"@context": "https://schema.org", "@type": "Organization", "name": "Harbour",
               "contactPoint": {"@type": "ContactPoint", "telephone": "+61-2-9876-5432",
                                "contactType": "customer service"}})
    facts = detect(AU, body)
    [phone] = of(facts, "phone")
    assert (phone.value, phone.method, phone.visible) == ("+61298765432", "structured_data",
                                                           False)
    assert phone.data["contact_type"] == "customer service"
    assert phone.data["display"] == "+61-2-9876-5432"
    [cp] = org(facts).data["contact_points"]
    assert cp == {"telephone": "+61298765432", "email": "", "contact_type": "customer service",
                  "area_served": [], "hours": ""}


@pytest.mark.parametrize("script", [
    '<script type="application/ld+json">{"@type": "Organization", "name": "Smith Dental", '
    '"telephone": "+44 20 7946 0123"};</script>',
    '<script type="application/ld+json">//<![CDATA[\n{"@type": "Organization", "name": '
    '"Smith Dental", "telephone": "+44 20 7946 0123"}\n//]]></script>',
    '<script type="application/LD+JSON">{"@type": "Organization", "name": "Smith Dental", '
    '"telephone": "+44 20 7946 0123"}</script>',
], ids=["trailing-semicolon", "cdata", "upper-case-type"])
def test_row40_broken_blocks_still_extracted(script: str) -> None:
    facts = detect(GB, script + '<script type="application/ld+json">{"oops": </script>')
    assert org(facts).value == "Smith Dental"
    assert [f.value for f in of(facts, "phone")] == ["+442079460123"]


def test_row41_microdata_tel_link() -> None:
    body = ('<div itemscope itemtype="https://schema.org/Dentist"><h1 itemprop="name">Smith '
            'Dental</h1><footer><a itemprop="telephone" href="tel:+442079460123">Call us</a>'
            '</footer></div>')
    facts = detect(GB, body)
    assert org(facts).data["syntax"] == "microdata"
    assert org(facts).data["telephone"] == ["+442079460123"]
    [phone] = of(facts, "phone")
    assert (phone.value, phone.visible, phone.region) == ("+442079460123", False, "footer")
    assert phone.selector.endswith("a")


def test_row41_itemprop_outside_any_itemscope() -> None:
    facts = detect(GB, '<p><a itemprop="telephone" href="tel:+442079460123">Call</a> or '
                       '<span itemprop="email">Hello@SmithDental.co.uk</span></p>')
    assert of(facts, "organization") == []
    assert [(f.kind, f.value) for f in facts] == [("phone", "+442079460123"),
                                                  ("email", "Hello@smithdental.co.uk")]


def test_microdata_contact_point_type() -> None:
    body = """<div itemscope itemtype="https://schema.org/Organization">
      <span itemprop="name">Smith Dental</span>
      Main line <span itemprop="telephone">020 7946 0123</span>
      <div itemprop="contactPoint" itemscope itemtype="https://schema.org/ContactPoint">
        <span itemprop="contactType">emergencies</span>
        <a itemprop="telephone" href="tel:+442079460999">020 7946 0999</a></div></div>"""
    facts = detect(GB, body)
    assert [(f.value, f.data.get("contact_type")) for f in of(facts, "phone")] == [
        ("+442079460123", None), ("+442079460999", "emergencies")]
    [cp] = org(facts).data["contact_points"]
    assert (cp["telephone"], cp["contact_type"]) == ("+442079460999", "emergencies")


def test_row41_merges_with_the_visible_tel_link() -> None:
    body = ('<div itemscope itemtype="https://schema.org/Dentist"><a itemprop="telephone" '
            'href="tel:+442079460123">020 7946 0123</a></div>')
    page = Page.from_html(GB, body)
    ctx = SiteContext(GB)
    facts = [*PhoneDetector.from_context(ctx).detect(page),
             *StructuredDataDetector.from_context(ctx).detect(page)]
    site = SiteModel.build(GB, GB, [{"url": GB, "status": 200, "links": [], "facts": facts}])
    [item] = site.contacts("phone")
    assert item.value == "+442079460123"
    assert {o.fact.method for o in item.occurrences} >= {"tel", "structured_data"}
    assert item.visible and item.method == "tel"
    assert item.data("display") == "020 7946 0123"


# -- organisations -----------------------------------------------------------------------------


def test_json_ld_organisation_shape() -> None:
    f = org(detect(AU, ld(PLUMBER)))
    assert (f.kind, f.value, f.method, f.region, f.visible) == (
        "organization", "Harbour Plumbing", "structured_data", "", False)
    assert f.data == {
        "types": ["Plumber"], "syntax": "json-ld", "telephone": ["+61298765432"],
        "email": ["jobs@harbourplumbing.com.au"], "contact_points": [],
        "address": {"street": "12 Wharf Road", "postcode": "2041", "locality": "Balmain",
                    "region": "NSW", "country": "AU"},
        "opening_hours": ["Mo-Fr 07:00-17:00; Sa 08:00-12:00"],
        "same_as": ["https://www.facebook.com/harbourplumbing", "https://x.com/harbourplumb"],
        "url": "https://harbourplumbing.com.au/",
    }


def test_microdata_organisation() -> None:
    body = """<div itemscope itemtype="https://schema.org/LocalBusiness">
      <span itemprop="name">Corner Bakery</span>
      <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
        <span itemprop="streetAddress">4 Mill Lane</span>,
        <span itemprop="addressLocality">Leeds</span>
        <span itemprop="postalCode">LS1 4AB</span></div>
      <meta itemprop="openingHours" content="Mo-Sa 07:00-16:00">
      <link itemprop="sameAs" href="https://www.instagram.com/cornerbakery">
      Phone <span itemprop="telephone">0113 496 0123</span></div>"""
    facts = detect(GB, body)
    f = org(facts)
    assert f.value == "Corner Bakery"
    assert f.data["syntax"] == "microdata"
    assert f.data["telephone"] == ["+441134960123"]
    assert f.data["address"]["street"] == "4 Mill Lane"
    assert f.data["opening_hours"] == ["Mo-Sa 07:00-16:00"]
    assert f.data["same_as"] == ["https://www.instagram.com/cornerbakery"]
    [phone] = of(facts, "phone")
    assert phone.data["display"] == "0113 496 0123"
    assert phone.snippet == "0113 496 0123"


def test_microformat_organisation_h_card() -> None:
    body = ('<div class="h-card"><a class="p-name p-org u-url" href="https://cornerbakery.co.uk/">'
            'Corner Bakery</a> <a class="u-email" href="mailto:orders@cornerbakery.co.uk">'
            'Email</a> <span class="p-tel">0113 496 0123</span> <div class="p-adr h-adr">'
            '<span class="p-street-address">4 Mill Lane</span> <span class="p-locality">Leeds'
            '</span> <span class="p-postal-code">LS1 4AB</span></div></div>')
    facts = detect(GB, body)
    f = org(facts)
    assert (f.value, f.data["syntax"], f.data["types"]) == ("Corner Bakery", "microformat",
                                                            ["h-card"])
    assert f.data["telephone"] == ["+441134960123"]
    assert f.data["email"] == ["orders@cornerbakery.co.uk"]
    assert f.data["address"] == {"street": "4 Mill Lane", "postcode": "LS1 4AB",
                                 "locality": "Leeds", "region": "", "country": ""}
    assert {(x.kind, x.value) for x in facts} >= {("phone", "+441134960123"),
                                                  ("email", "orders@cornerbakery.co.uk")}


def test_person_h_card_is_not_an_organisation_but_gives_contacts() -> None:
    body = ('<div class="h-card"><span class="p-name">Dr Priya Sharma</span> <span '
            'class="p-job-title">Head of Customer Care</span> <span class="p-org">Acme</span> '
            '<a class="u-email" href="mailto:priya@acme.com.au">mail</a></div>')
    facts = detect(AU, body)
    assert of(facts, "organization") == []
    assert [f.value for f in of(facts, "email")] == ["priya@acme.com.au"]


@pytest.mark.parametrize("typ", [
    "Organization", "LocalBusiness", "Dentist", "Plumber", "Church", "LegalService",
    "ProfessionalService", "Store", "Restaurant", "SportsClub", "NGO", "Corporation",
    "AutoRepair", "Bakery", "HairSalon", "Winery", ["LocalBusiness", "Place"],
    "http://schema.org/Optician",
])
def test_organisation_subtypes(typ: str | list[str]) -> None:
    # No contact details: only the type can make it an organisation (an unknown type with a
    # telephone is one anyway, see below).
    facts = detect(GB, ld({"@type": typ, "name": "Acme"}))
    assert org(facts).value == "Acme"


@pytest.mark.parametrize("typ", ["Person", "WebSite", "WebPage", "ContactPage",
                                 "BreadcrumbList", "Event", "Place", "Product"])
def test_not_organisations(typ: str) -> None:
    facts = detect(GB, ld({"@type": typ, "name": "Jane", "telephone": "020 7946 0123"}))
    assert of(facts, "organization") == []
    assert [f.value for f in of(facts, "phone")] == ["+442079460123"]


def test_unknown_type_with_contact_details_is_an_organisation() -> None:
    facts = detect(GB, ld({"@type": "ChessClubOfLeeds", "name": "Leeds Chess",
                           "address": {"@type": "PostalAddress", "postalCode": "LS1 4AB"}}))
    assert org(facts).data["types"] == ["ChessClubOfLeeds"]


def test_graph_and_nested_organisations() -> None:
    body = ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Smith Dental", "url": "https://smithdental.co.uk/"},
        {"@type": "Dentist", "@id": "#practice", "name": "Smith Dental",
         "telephone": "+44 20 7946 0123"},
    ]}) + ld({"@type": "BlogPosting", "headline": "Brushing",
              "publisher": {"@type": "Organization", "name": "Smith Dental Group"}})
    facts = detect(GB, body)
    assert [(f.value, f.data["types"]) for f in of(facts, "organization")] == [
        ("Smith Dental", ["Dentist"]), ("Smith Dental Group", ["Organization"])]
    assert of(facts, "organization")[1].data["telephone"] == []


def test_contact_point_list() -> None:
    body = ld({"@type": "Organization", "name": "Acme", "contactPoint": [
        {"@type": "ContactPoint", "telephone": "+1-415-555-0132", "contactType": "sales",
         "areaServed": ["US", "CA"], "email": "Sales@Acme.us",
         "hoursAvailable": {"@type": "OpeningHoursSpecification",
                            "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday",
                                          "Friday"], "opens": "09:00", "closes": "17:00"}},
        {"@type": "ContactPoint", "telephone": "+1-800-356-9377",
         "contactType": "technical support", "areaServed": {"@type": "Country", "name": "US"}},
    ]})
    facts = detect(US, body)
    assert org(facts).data["contact_points"] == [
        {"telephone": "+14155550132", "email": "sales@acme.us", "contact_type": "sales",
         "area_served": ["US", "CA"], "hours": "Mo-Fr 09:00-17:00"},
        {"telephone": "+18003569377", "email": "", "contact_type": "technical support",
         "area_served": ["US"], "hours": ""},
    ]
    assert [(f.value, f.data["contact_type"], f.data["kind"]) for f in of(facts, "phone")] == [
        ("+14155550132", "sales", "phone"), ("+18003569377", "technical support", "toll_free")]
    [email] = of(facts, "email")
    assert (email.value, email.data["contact_type"]) == ("Sales@acme.us", "sales")


def test_same_number_in_organisation_and_contact_point_is_one_fact() -> None:
    body = ld({"@type": "Organization", "name": "Acme", "telephone": "+44 20 7946 0123",
               "contactPoint": {"@type": "ContactPoint", "telephone": "020 7946 0123",
                                "contactType": "customer support"}})
    [phone] = of(detect(GB, body), "phone")
    assert phone.data["contact_type"] == "customer support"


def test_fax_number_and_noreply() -> None:
    body = ld({"@type": "LocalBusiness", "name": "Acme", "faxNumber": "+49 221 9876543",
               "email": ["no-reply@acme.de", "info@acme.de"]})
    facts = detect("https://acme.de/", body)
    [fax] = of(facts, "phone")
    assert (fax.value, fax.data["kind"]) == ("+492219876543", "fax")
    assert org(facts).data["fax"] == ["+492219876543"]
    assert [(f.value, f.data["noreply"]) for f in of(facts, "email")] == [
        ("no-reply@acme.de", True), ("info@acme.de", False)]


def test_data_keys_match_the_phone_and_email_detectors() -> None:
    body = ('<p><a href="tel:+442079460123">020 7946 0123</a> '
            '<a href="mailto:info@smithdental.co.uk">mail</a></p>' + ld(
                {"@type": "Dentist", "telephone": "+442079460123",
                 "email": "info@smithdental.co.uk"}))
    page = Page.from_html(GB, body)
    ctx = SiteContext(GB)
    sd = {f.kind: f for f in StructuredDataDetector.from_context(ctx).detect(page)}
    [tel] = [f for f in PhoneDetector.from_context(ctx).detect(page) if f.method == "tel"]
    [mail] = EmailDetector.from_context(ctx).detect(page)
    assert set(sd["phone"].data) == set(tel.data)
    assert set(sd["email"].data) == set(mail.data)
    assert sd["phone"].value == tel.value and sd["email"].value == mail.value


def test_national_number_read_in_the_address_country() -> None:
    body = ld({"@type": "LocalBusiness", "name": "Bäckerei Kunz", "telephone": "030 1234567",
               "address": {"@type": "PostalAddress", "addressCountry": "DE"}})
    assert org(detect(COM, body)).data["telephone"] == ["+49301234567"]
    # The site's region comes first, the item's country is the fallback.
    assert org(detect(COM, body, region="GB")).data["telephone"] == ["+49301234567"]
    body = ld({"@type": "LocalBusiness", "name": "Kunz", "telephone": "020 7946 0123",
               "address": {"@type": "PostalAddress", "addressCountry": "DE"}})
    assert org(detect(COM, body, region="GB")).data["telephone"] == ["+442079460123"]
    assert org(detect(COM, body)).data["telephone"] == []


def test_national_number_read_in_the_page_language_country() -> None:
    body = ld({"@type": "LocalBusiness", "name": "Kunz", "telephone": "030 1234567"})
    assert org(detect(COM, body, lang="de")).data["telephone"] == ["+49301234567"]
    assert org(detect(COM, body, lang="en")).data["telephone"] == []


def test_several_numbers_in_one_property() -> None:
    body = ld({"@type": "Plumber", "name": "Harbour",
               "telephone": "0427 708 434 / 0432 863 654"})
    assert org(detect(AU, body)).data["telephone"] == ["+61427708434", "+61432863654"]


def test_invalid_values_are_skipped() -> None:
    body = ld({"@type": "Organization", "name": "Acme", "telephone": ["+1234567890", ""],
               "email": ["you@example.com", "not an email", 42]})
    facts = detect(US, body)
    assert [f.kind for f in facts] == ["organization"]
    assert org(facts).data["telephone"] == [] and org(facts).data["email"] == []


def test_address_as_a_string_and_legal_name() -> None:
    body = ld({"@type": "Corporation", "legalName": "Acme Inc.",
               "address": "1211 Maricopa Highway, Ojai, CA 93023"})
    f = org(detect(US, body, region="US"))
    assert f.value == "Acme Inc."
    assert f.data["address"] == {"street": "1211 Maricopa Highway", "postcode": "93023",
                                 "locality": "Ojai", "region": "CA", "country": "US"}


def test_organisation_without_name_or_contacts() -> None:
    f = org(detect(GB, ld({"@type": "Organization", "logo": "https://a.test/logo.png"})))
    assert f.value == ""
    assert f.data["telephone"] == [] and f.data["address"] is None


def test_untyped_json_ld_nodes_still_give_contacts() -> None:
    # The email detector leaves JSON-LD to this one (tests/test_emails.py).
    facts = detect(COM, ld({"email": "info@example-shop.com",
                            "mainEntity": {"telephone": "+1 415 555 0132"}}))
    assert [(f.kind, f.value) for f in facts] == [("phone", "+14155550132"),
                                                  ("email", "info@example-shop.com")]


def test_no_structured_data_no_facts() -> None:
    assert detect(GB, "<p>Call 020 7946 0123 or write to info@smithdental.co.uk</p>") == []


def test_facts_do_not_keep_the_page() -> None:
    facts = detect(GB, '<p><a itemprop="telephone" href="tel:+442079460123">Call</a></p>')
    assert facts
    assert all(isinstance(v, (str, bool, list, dict, type(None))) for f in facts
               for v in f.data.values())
    assert all(f.to_dict() == Fact.from_dict(f.to_dict()).to_dict() for f in facts)
