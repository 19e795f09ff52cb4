"""Legal contact information (D8): every link phrase and every pattern's examples, the
negatives (phone numbers, dates, prices), imprint pages, and the legal profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checks.detectors.legal import LegalDetector
from checks.facts import Fact
from checks.legal_profile import legal_profile
from checks.lexicons import load
from crawler.page import Page

LEGAL = load("legal")
DEMO = Path(__file__).resolve().parent.parent / "contactable" / "demo_site"


def detect(body: str, url: str = "https://acme.test/", title: str = "Acme") -> list[Fact]:
    page = Page.from_html(url, f"<html><head><title>{title}</title></head><body>{body}"
                               "</body></html>")
    facts = list(LegalDetector().detect(page))
    assert all(f.kind == "legal" and f.data["type"] for f in facts)
    return facts


def found(body: str, kind: str, **kw: Any) -> list[str]:
    return [f.value for f in detect(body, **kw) if f.data["type"] == kind]


def in_footer(text: str, kind: str) -> list[str]:
    return found(f"<main><p>Welcome</p></main><footer><p>{text}</p></footer>", kind)


# -- links -----------------------------------------------------------------------------------


LINK_PHRASES = [(kind, p) for kind, spec in LEGAL["links"].items()
                for ps in spec["phrases"].values() for p in ps]


@pytest.mark.parametrize(("kind", "phrase"), LINK_PHRASES)
def test_every_link_phrase(kind: str, phrase: str) -> None:
    facts = detect(f"<footer><a href='/x'>{phrase.upper()}</a></footer>")
    assert [(f.data["type"], f.value, f.region, f.method) for f in facts] == [
        (kind, "https://acme.test/x", "footer", "link")]


@pytest.mark.parametrize(("kind", "word"), [
    (kind, w) for kind, spec in LEGAL["links"].items() for w in spec["exact"]])
def test_exact_link_words(kind: str, word: str) -> None:
    assert found(f"<footer><a href='/x'>{word.title()}</a></footer>", kind) == [
        "https://acme.test/x"]
    assert found(f"<nav><a href='/x'>{word.title()} services</a></nav>", kind) == []


@pytest.mark.parametrize(("kind", "segment"), [
    (kind, p) for kind, spec in LEGAL["links"].items() for p in spec["paths"]])
def test_icon_links_by_path(kind: str, segment: str) -> None:
    facts = detect(f"<footer><a href='/{segment}.html'><svg></svg></a></footer>")
    assert [f.data["type"] for f in facts] == [kind]


def test_one_link_naming_two_things() -> None:
    facts = detect("<footer><a href='/legal'>Impressum &amp; Datenschutz</a></footer>")
    assert sorted(f.data["type"] for f in facts) == ["imprint_link", "privacy_link"]


@pytest.mark.parametrize("body", [
    "<main><a href='https://www.google.com/policies/privacy/'>Privacy Policy</a></main>",
    "<footer><a href='/legal'>Cookies</a></footer>",
    "<footer><a href='mailto:legal@acme.test'>Legal</a></footer>",
    "<main><a href='/blog/x'>Why every small business needs a privacy policy in 2025</a></main>",
])
def test_not_this_sites_legal_links(body: str) -> None:
    assert detect(body) == []


def test_www_and_apex_are_one_site() -> None:
    facts = detect("<footer><a href='https://www.acme.test/impressum'>Impressum</a></footer>")
    assert [f.value for f in facts] == ["https://www.acme.test/impressum"]


# -- VAT IDs ---------------------------------------------------------------------------------


VAT_EXAMPLES = [tuple(e) for entry in LEGAL["vat"]["labels"] for e in entry["examples"]]


@pytest.mark.parametrize(("text", "value"), VAT_EXAMPLES + [
    tuple(e) for e in LEGAL["vat"]["bare_examples"]])
def test_vat_examples(text: str, value: str) -> None:
    assert in_footer(text, "vat_id") == [value]


def test_vat_fact_shape() -> None:
    (f,) = [f for f in detect("<footer>VAT No. GB 123 4567 89</footer>")]
    assert (f.value, f.method, f.region, f.selector) == ("GB123456789", "text", "footer",
                                                         "footer")
    assert f.data == {"type": "vat_id", "country": "GB", "label": "VAT No."}
    assert "VAT No. GB 123 4567 89" in f.snippet


@pytest.mark.parametrize("text", LEGAL["vat"]["negatives"])
def test_vat_negatives(text: str) -> None:
    assert in_footer(text, "vat_id") == []


@pytest.mark.parametrize(("cc", "value"), [
    ("AT", "ATU12345678"), ("BE", "BE0123456789"), ("DE", "DE123456789"),
    ("ES", "ESB12345678"), ("FR", "FRXX123456789"), ("GB", "GB123456789"),
    ("IE", "IE6388047V"), ("IT", "IT01234567890"), ("NL", "NL123456789B01"),
    ("PL", "PL1234567890"), ("GR", "EL123456789"),
])
def test_vat_formats_per_country(cc: str, value: str) -> None:
    (f,) = [f for f in detect(f"<footer>VAT: {value}</footer>")]
    assert (f.value, f.data["country"]) == (value, cc)


# -- company registers -----------------------------------------------------------------------


REGISTER_EXAMPLES = [(entry["name"], *e) for entry in LEGAL["register"] for e in entry["examples"]]


@pytest.mark.parametrize(("name", "text", "value"), REGISTER_EXAMPLES)
def test_register_examples(name: str, text: str, value: str) -> None:
    facts = [f for f in detect(f"<footer>{text}</footer>")
             if f.data["type"] == "company_register"]
    assert [f.value for f in facts] == [value]
    entry = next(e for e in LEGAL["register"] if e["name"] == name)
    assert facts[0].data["register"] == entry["register"]
    assert facts[0].data["country"] == entry["country"]


@pytest.mark.parametrize(("text", "court"), [tuple(e) for e in LEGAL["courts"]["examples"]])
def test_court_of_a_german_register(text: str, court: str) -> None:
    register = "" if "HRB" in text else " · HRB 4711"
    (f,) = [f for f in detect(f"<footer>{text}{register}</footer>")
            if f.data["type"] == "company_register"]
    assert f.data["court"] == court


def test_a_uk_company_number_in_a_table_row() -> None:
    body = ("<main><h1>Legal notice</h1><table><tr><th>Company number</th><td>09876543</td>"
            "</tr><tr><th>Director</th><td>Jane Smith</td></tr></table></main>")
    assert found(body, "company_register") == ["09876543"]
    assert found(body, "representative") == ["Jane Smith"]


@pytest.mark.parametrize("text", [
    "Tel: 020 7946 0958", "Company phone number 020 7946 0958",
    "Registered in England and Wales on 14.03.2016", "Registered in England and Wales.",
    "VR 360 tour of the shop", "Prices include VAT at 20%", "Company picnic 2024",
    "Registro Mercantil", "SIRET : <à compléter>", "HRB", "Postfach-Adresse auf Anfrage",
])
def test_register_negatives(text: str) -> None:
    assert in_footer(text, "company_register") == []


def test_a_vereinsregister_number_needs_its_court() -> None:
    assert in_footer("VR 1234, Amtsgericht Köln", "company_register") == ["VR 1234"]


# -- representatives -------------------------------------------------------------------------


REP_EXAMPLES = [(entry["role"], *e) for entry in LEGAL["representative"]
                for e in entry["examples"]]


@pytest.mark.parametrize(("role", "text", "name"), REP_EXAMPLES)
def test_representative_examples(role: str, text: str, name: str) -> None:
    body = "<main><p>x</p></main><footer><pre>" + text + "</pre></footer>"
    facts = [f for f in detect(body) if f.data["type"] == "representative"]
    assert [(f.value, f.data["name"], f.data["role"]) for f in facts] == [(name, name, role)]
    assert facts[0].data["organisation"] is False


@pytest.mark.parametrize("text", LEGAL["representative_negatives"] + [
    "Owner: The Corner Shop", "Director\n\nWe are a family business",
    "Geschäftsführer: Max", "Directory of local shops: Acme Bakes",
])
def test_representative_negatives(text: str) -> None:
    assert found(f"<footer><pre>{text}</pre></footer>", "representative") == []


def test_a_company_as_representative_is_flagged() -> None:
    (f,) = [f for f in detect("<footer><pre>Vertreten durch: Beispiel Verwaltungs GmbH</pre>"
                              "</footer>") if f.data["type"] == "representative"]
    assert f.data["organisation"] is True


def test_a_street_after_a_name_is_not_a_surname() -> None:
    assert in_footer("Inhaber: Max Müller Beispielweg 12", "representative") == ["Max Müller"]


def test_representatives_are_read_on_legal_pages_and_page_chrome_only() -> None:
    body = "<main><h1>Our story</h1><p>Director: Jane Smith</p></main>"
    assert found(body, "representative") == []
    assert found(body.replace("Our story", "Imprint"), "representative") == ["Jane Smith"]
    assert found(body, "representative", url="https://acme.test/terms") == ["Jane Smith"]
    assert found(body, "representative", title="Privacy policy | Acme") == ["Jane Smith"]


def test_register_numbers_are_read_in_any_content_after_a_strong_phrase() -> None:
    body = "<main><h1>About</h1><p>Acme Ltd is registered in England, No. 01234567.</p></main>"
    assert found(body, "company_register") == ["01234567"]


@pytest.mark.parametrize("phrase", LEGAL["core_gate"])
def test_every_strong_phrase_opens_ordinary_content_to_a_read(phrase: str) -> None:
    from checks.detectors.legal import _gated

    assert _gated(f"About us\n\nAcme bakes bread. ({phrase.upper()} 12 345 678)")
    assert _gated(f"{phrase.title()}: 12 345 678")
    assert not _gated("About us\n\nAcme bakes bread in Leeds, and has done since 1998.")


# -- PO boxes --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [tuple(e) for e in LEGAL["po_box"]["examples"]])
def test_po_box_examples(text: str, value: str) -> None:
    (f,) = [f for f in detect(f"<footer><p>{text}</p></footer>") if f.data["type"] == "po_box"]
    assert f.value == value
    assert f.data["street_nearby"] is False


@pytest.mark.parametrize("text", LEGAL["po_box"]["negatives"])
def test_po_box_negatives(text: str) -> None:
    assert in_footer(text, "po_box") == []


@pytest.mark.parametrize("street", [
    "14 Brudenell Road", "Musterstraße 5", "12, rue de la Paix", "Calle Mayor 3",
])
def test_po_box_next_to_a_street(street: str) -> None:
    (f,) = [f for f in detect(f"<footer><p>{street}<br>PO Box 12</p></footer>")
            if f.data["type"] == "po_box"]
    assert f.data["street_nearby"] is True


# -- imprint pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", LEGAL["imprint_statutes"]["examples"])
def test_imprint_statute_examples(text: str) -> None:
    facts = [f for f in detect(f"<main><h2>Anbieter</h2><p>{text}</p></main>")
             if f.data["type"] == "imprint_page"]
    assert [(f.value, f.method) for f in facts] == [("https://acme.test/", "text")]


@pytest.mark.parametrize(("title", "h1", "method"), [
    ("Acme", "Impressum", "heading"), ("Acme", "Mentions légales", "heading"),
    ("Aviso Legal | Clínica Acme", "Bienvenidos", "title"), ("Legal - Acme", "Hi", "title"),
])
def test_imprint_page(title: str, h1: str, method: str) -> None:
    facts = [f for f in detect(f"<main><h1>{h1}</h1><p>x</p></main>", title=title)
             if f.data["type"] == "imprint_page"]
    assert [f.method for f in facts] == [method]


def test_imprint_heading_in_the_page_header() -> None:
    facts = detect("<header><h1>Impressum</h1></header><main><p>Beispiel GmbH</p></main>")
    assert [(f.data["type"], f.method) for f in facts] == [("imprint_page", "heading")]


@pytest.mark.parametrize(("title", "body"), [
    ("Acme bakery", "<main><h1>Welcome</h1><p>See our imprint.</p></main>"),
    ("Legal services | Acme", "<main><h1>Our legal services</h1></main>"),
])
def test_not_imprint_pages(title: str, body: str) -> None:
    assert found(body, "imprint_page", title=title) == []


# -- a whole legal notice, and the demo site -------------------------------------------------


def test_german_impressum() -> None:
    body = ("<main><h1>Impressum</h1><p>Angaben gemäß § 5 DDG</p><p>Beispiel GmbH<br>"
            "Beispielweg 12<br>10115 Berlin</p><p>Vertreten durch: Dr. Anna Beispiel</p>"
            "<p>Registergericht: Amtsgericht Charlottenburg<br>Registernummer: HRB 98765 B</p>"
            "<p>Umsatzsteuer-ID: DE 987 654 321</p><p>Telefon: 030 1234567</p></main>"
            "<footer><a href='/impressum'>Impressum</a></footer>")
    facts = {(f.data["type"], f.value) for f in detect(body, url="https://firma.test/impressum")}
    assert facts == {
        ("imprint_link", "https://firma.test/impressum"),
        ("imprint_page", "https://firma.test/impressum"),
        ("representative", "Dr. Anna Beispiel"),
        ("company_register", "HRB 98765 B"),
        ("vat_id", "DE987654321"),
    }


def test_demo_site() -> None:
    det = LegalDetector()
    by_page: dict[str, set[tuple[str, str, str]]] = {}
    for path in sorted(DEMO.glob("*.html")):
        page = Page.from_html(f"https://hollybrook.test/{path.name}",
                              path.read_text(encoding="utf-8"))
        by_page[path.name] = {(f.data["type"], f.value.rpartition("/")[2], f.region)
                              for f in det.detect(page)}
    for name, facts in by_page.items():
        assert ("imprint_link", "legal.html", "footer") in facts, name
        assert ("privacy_link", "privacy.html", "footer") in facts, name
    assert by_page["legal.html"] - by_page["index.html"] == {
        ("imprint_page", "legal.html", "main"),
        ("company_register", "09876543", "main"),
        ("representative", "Margaret Hollis", "main"),
        ("vat_id", "GB284716359", "main"),
    }


def test_repeated_footers_are_read_once_and_facts_stay_independent() -> None:
    det = LegalDetector()
    html = "<main><p>{}</p></main><footer>Company No. 01234567 <a href='/legal'>Legal</a></footer>"
    pages = [Page.from_html(f"https://a.test/{i}", html.format(i)) for i in range(3)]
    first = list(det.detect(pages[0]))
    first[0].data["type"] = "changed"
    again = [list(det.detect(p)) for p in pages[1:]]
    assert [[(f.data["type"], f.value) for f in facts] for facts in again] == [
        [("imprint_link", "https://a.test/legal"), ("company_register", "01234567")]] * 2


# -- the legal profile -----------------------------------------------------------------------


@pytest.mark.parametrize(("region", "lang", "profile"), [
    ("DE", "", "DE"), ("AT", "de-AT", "DE"), ("de", "", "DE"), ("GB", "", "UK"),
    ("UK", "", "UK"), ("FR", "", "EU"), ("ES", "es", "EU"), ("IE", "en-IE", "EU"),
    ("GR", "", "EU"), ("NO", "", "EU"), ("CH", "de-CH", None), ("US", "en-US", None),
    ("IN", "en", None), ("GB", "de", "UK"), (None, "de", "DE"), (None, "de-AT", "DE"),
    (None, "en-GB", "UK"), (None, "fr-FR", "EU"), (None, "el", "EU"), (None, "en", None),
    (None, "de-CH", None), (None, "", None), ("", "", None),
])
def test_legal_profile(region: str | None, lang: str, profile: str | None) -> None:
    assert legal_profile(region, lang) == profile
