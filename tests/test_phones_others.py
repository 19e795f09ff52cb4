"""Numbers of other organisations on a business's pages: the heading over them says so, in each
language the reassurance detector knows (issue 11)."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.phones import PhoneDetector
from crawler.page import Page


def kinds(url: str, body: str, lang: str) -> dict[str, str]:
    page = Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")
    detector = PhoneDetector.from_context(SiteContext(url))
    return {f.value: f.kind for f in detector.detect(page)}


@pytest.mark.parametrize(
    ("url", "lang", "heading", "other", "other_e164", "own", "own_e164"),
    [
        ("https://tannlege.no/", "no", "Legevakt og nyttige nummer", "22 93 22 93",
         "+4722932293", "67 11 22 33", "+4767112233"),
        ("https://haveservice.dk/", "da", "Vores samarbejdspartnere", "86 12 34 56",
         "+4586123456", "20 30 40 50", "+4520304050"),
        ("https://hammaslaakari.fi/", "fi", "Yhteispäivystys", "03 311 6111",
         "+35833116111", "040 123 4567", "+358401234567"),
        ("https://judoverein.de/", "de", "Unsere Sponsoren", "0711 123 45 67",
         "+497111234567", "0711 987 65 43", "+497119876543"),
        ("https://dentiste.fr/", "fr", "Nos partenaires", "01 42 34 56 78",
         "+33142345678", "04 78 12 34 56", "+33478123456"),
        ("https://clinica.com.br/", "pt", "Nossos parceiros", "(14) 3433-1122",
         "+551434331122", "(14) 3402-2700", "+551434022700"),
    ],
)
def test_a_number_under_a_heading_about_others_is_not_the_business_s(
    url: str, lang: str, heading: str, other: str, other_e164: str, own: str, own_e164: str
) -> None:
    body = (f"<main><h1>Velkommen</h1><p>{own}</p><h2>{heading}</h2>"
            f"<ul><li>Lorem Ipsum AS · {other}</li></ul></main>")
    assert kinds(url, body, lang) == {own_e164: "phone", other_e164: "third_party_phone"}


def test_a_law_firm_s_partners_keep_their_direct_lines() -> None:
    # "Partners" alone names a firm's own lawyers in English: their lines are the firm's.
    body = ("<main><h2>Our partners</h2><p>Jane Doe, partner: 020 7946 0123</p>"
            "<h2>Links</h2><p>Law Society: 020 7242 1222</p></main>")
    assert kinds("https://doe-law.co.uk/", body, "en") == {
        "+442079460123": "phone", "+442072421222": "third_party_phone"}


def test_numbers_in_a_list_of_other_organisations_sites_are_theirs() -> None:
    # No heading says so: the list's items each link to another organisation's own site.
    entries = [("Hörgeräte Lorem", "https://lorem-hoeren.de/", "030 1234 5670"),
               ("Selbsthilfe Ipsum e.V.", "https://ipsum-hilfe.org/", "030 2345 6780"),
               ("Physio Dolor", "https://dolor-physio.de/", "030 3456 7890")]
    items = "".join(f"<li><a href='{url}'>{name}</a> · Tel. {number}</li>"
                    for name, url, number in entries)
    body = (f"<main><h1>Willkommen</h1><p>Praxis Sit · Telefon 030 9876 5430</p>"
            f"<ul>{items}</ul></main>")
    assert kinds("https://praxis-sit.de/", body, "de") == {
        "+493098765430": "phone", "+493012345670": "third_party_phone",
        "+493023456780": "third_party_phone", "+493034567890": "third_party_phone"}


def test_own_contact_card_beside_its_social_and_map_links_stays_the_business_s() -> None:
    # Links to the business's own profiles, map and booking page are no list of others.
    body = ("<main><div class='cards'>"
            "<div><a href='https://www.instagram.com/praxis.sit'>Instagram</a></div>"
            "<div><a href='https://maps.app.goo.gl/abc'>Anfahrt</a> · Tel. 030 9876 5430</div>"
            "<div><a href='https://www.doctolib.de/praxis-sit'>Termin online</a></div>"
            "</div></main>")
    assert kinds("https://praxis-sit.de/", body, "de") == {"+493098765430": "phone"}


@pytest.mark.parametrize(
    ("url", "lang", "footer", "designer", "own"),
    [
        ("https://praxis-sit.de/", "de",
         "Praxis Sit · Tel. 030 9876 5430<br>Webdesign: Pixelwerk Lorem, Tel. 0761 123 4567",
         "+497611234567", "+493098765430"),
        ("https://dolor.co.uk/", "en",
         "Dolor Ltd · 020 7946 0123 · Website by Ipsum Studio <a href='tel:01132457281'>"
         "0113 245 7281</a>", "+441132457281", "+442079460123"),
    ],
)
def test_the_web_designer_s_number_in_the_footer_is_theirs(
    url: str, lang: str, footer: str, designer: str, own: str
) -> None:
    found = kinds(url, f"<footer><p>{footer}</p></footer>", lang)
    assert found == {own: "phone", designer: "third_party_phone"}


# A privacy notice must name the data protection authority (GDPR articles 13 and 77); its
# address, number and email are the authority's, not the business's. Written for these tests.
@pytest.mark.parametrize(("lang", "heading", "number", "e164", "email"), [
    ("de", "8. Beschwerderecht", "+43 1 52 152-0", "+431521520", "post@behoerde-test.at"),
    ("fr", "Réclamation auprès de la CNIL", "01 53 73 22 22", "+33153732222",
     "plaintes@autorite-test.fr"),
    ("it", "Reclamo all'autorità di controllo", "06 696771", "+3906696771",
     "protocollo@garante-test.it"),
    ("en", "Your right to lodge a complaint", "0303 123 1113", "+443031231113",
     "casework@regulator-test.org.uk"),
])  # fmt: skip
def test_the_data_protection_authority_on_a_privacy_page(
        lang: str, heading: str, number: str, e164: str, email: str) -> None:
    from checks.detectors.emails import EmailDetector

    url = {"de": "https://praxis.at/datenschutz", "fr": "https://cabinet.fr/confidentialite",
           "it": "https://studio.it/privacy", "en": "https://acme.co.uk/privacy"}[lang]
    body = (f"<main><h1>Privacy</h1><p>Hello</p><h2>{heading}</h2><p>Authority, Street 1<br>"
            f"Tel: {number}<br>E-Mail: {email}</p></main>")
    assert kinds(url, body, lang) == {e164: "third_party_phone"}
    page = Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")
    emails = list(EmailDetector.from_context(SiteContext(url)).detect(page))
    assert [(f.value, f.kind, f.data["kind"]) for f in emails] == [
        (email, "third_party_email", "third_party")]


@pytest.mark.parametrize(("url", "lang", "para", "other_e164"), [
    # "More on the ombudsman's site or on 800 ...": the sentence names whose number it is by
    # its link, not by a heading.
    ("https://stomatolog.pl/prawa", "pl",
     "Więcej informacji na stronie <a href='https://www.gov.pl/web/rpp/'>gov.pl/web/rpp</a> "
     "lub pod numerem <a href='tel:800190590'>800 190 590</a>.", "+48800190590"),
    ("https://plumber.co.uk/advice", "en",
     "Smell gas? Leave the house, see <a href='https://www.nationalgas.com/'>National Gas</a> "
     "and call 0800 111 999 from outside.", "+44800111999"),
])  # fmt: skip
def test_a_number_in_a_sentence_that_links_another_site_is_theirs(
        url: str, lang: str, para: str, other_e164: str) -> None:
    assert kinds(url, f"<main><p>{para}</p></main>", lang) == {other_e164: "third_party_phone"}


def test_own_number_beside_its_own_booking_and_social_links_stays_the_business_s() -> None:
    body = ("<main><p>Book on <a href='https://calendly.com/acme'>Calendly</a>, follow us on "
            "<a href='https://instagram.com/acme'>Instagram</a> or call 020 7946 0958.</p></main>")
    assert kinds("https://acme.co.uk/", body, "en") == {"+442079460958": "phone"}


@pytest.mark.parametrize(("url", "lang", "body", "other_e164"), [
    # The regional dental emergency service, captioned in the footer beside the practice's own.
    ("https://zahnarzt-lorem.de/", "de",
     "<footer><p>Praxis: <a href='tel:+497611234567'>0761 123 4567</a></p><div>"
     "<div>Zahnärztlicher Notdienst</div><a href='tel:+4976112012000'>0761 120120 00</a>"
     "</div></footer>", "+4976112012000"),
    # The professional liability insurer a regulated profession must name, with its number.
    ("https://kine-lorem.be/", "nl",
     "<main><p>Praktijk: 0486/633101</p><p>Mijn verzekeraar beroepsaansprakelijkheid is Ipsum, "
     "Kunstlaan 39/1, 1040 Brussel. tel 02/209 02 00.</p></main>", "+3222090200"),
    ("https://avocat-lorem.fr/", "fr",
     "<main><p>Cabinet : 04 78 12 34 56</p><p>Assurance responsabilité civile professionnelle"
     " : Dolor Assurances, tél. 01 42 34 56 78</p></main>", "+33142345678"),
])  # fmt: skip
def test_a_caption_names_another_organisation_s_number(
        url: str, lang: str, body: str, other_e164: str) -> None:
    found = kinds(url, body, lang)
    assert found[other_e164] == "third_party_phone"
    assert [k for n, k in found.items() if n != other_e164] == ["phone"]


def test_a_caption_before_another_number_leaves_the_business_s_own() -> None:
    body = "<footer><p>Ärztlicher Bereitschaftsdienst: 116117 · Praxis: 0711 123 4567</p></footer>"
    assert kinds("https://praxis-lorem.de/", body, "de")["+497111234567"] == "phone"
