"""The bodies a regulated profession must name (issue 11): the chamber, the supervisory
authority, the professional order, with their numbers, in the legal notice; and a number whose
link is another organisation's stays theirs where the page also writes it out. Pages are
written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.phones import PhoneDetector
from checks.whose import caption_before, tel_headings
from crawler.page import Page


def facts(url: str, body: str, lang: str) -> dict[str, tuple[str, ...]]:
    page = Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")
    found: dict[str, set[str]] = {}
    for f in PhoneDetector.from_context(SiteContext(url)).detect(page):
        found.setdefault(f.value, set()).add(f.kind)
    return {k: tuple(sorted(v)) for k, v in found.items()}


LEGAL = """
<h1>Impressum</h1><h2>Betreiber</h2><h5>Tischlerei Beispiel</h5>
<p>Lindenweg 3<br>50667 Köln<br>Telefon: <a href="tel:+4922112345">0221 12345</a></p>
<h2>{section}</h2><h3>Adresse</h3><h5>{body}</h5>
<p>Hauptstraße 10<br>50667 Köln</p><p>Telefon: <a href="tel:+4922198765">0221 98765</a></p>
"""


@pytest.mark.parametrize(("section", "body"), [
    ("Zuständige Kammer", "Handwerkskammer zu Köln"),
    ("Zuständige Aufsichtsbehörde", "Landesamt für Verbraucherschutz"),
    ("Berufsrechtliche Angaben", "Architektenkammer Nordrhein-Westfalen"),
])  # fmt: skip
def test_the_chamber_in_a_legal_notice_is_not_the_business(section: str, body: str) -> None:
    found = facts("https://tischlerei.de/impressum", LEGAL.format(section=section, body=body),
                  "de")
    assert found["+4922112345"] == ("phone",)
    # Both the link and the written-out number: the section's heading says whose they are.
    assert found["+4922198765"] == ("third_party_phone",)


def test_a_number_is_read_under_the_headings_of_every_section_it_is_in() -> None:
    html = LEGAL.format(section="Zuständige Aufsichtsbehörde", body="Amt für Gewerbe")
    page = Page.from_html("https://t.de/", f"<html><body>{html}</body></html>")
    tel = next(a for a in page.anchors if a.href == "tel:+4922198765")
    assert tel_headings(page, tel.element)[:4] == [
        "Amt für Gewerbe", "Adresse", "Zuständige Aufsichtsbehörde", "Impressum"]


@pytest.mark.parametrize(("lang", "caption"), [
    ("fr", "Inscrit au Conseil de l'Ordre des médecins, tél. "),
    ("it", "Iscritto all'Ordine degli Avvocati di Torino, tel. "),
    ("en", "Regulated by the Solicitors Regulation Authority, tel. "),
    ("es", "Colegio Oficial de Dentistas, teléfono "),
])  # fmt: skip
def test_a_regulator_named_right_before_a_number_owns_it(lang: str, caption: str) -> None:
    assert (caption_before(caption) or "").startswith("regulator: ")


@pytest.mark.parametrize(("url", "lang", "line", "number"), [
    ("https://kita.de/", "de", "Im Notfall: Giftnotruf Berlin 030 19240", "+493019240"),
    ("https://creche.fr/", "fr", "Centre antipoison de Lyon : 04 72 11 69 11", "+33472116911"),
    ("https://nursery.co.uk/", "en", "Poison centre (NPIS): 0344 892 0111", "+443448920111"),
])  # fmt: skip
def test_a_poison_centre_s_number_is_theirs(url: str, lang: str, line: str, number: str) -> None:
    assert facts(url, f"<main><p>{line}</p></main>", lang)[number] == ("third_party_phone",)
