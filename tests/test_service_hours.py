"""Service hours stated for contact, in the nine languages of issue 11 (EN, DE, FR, ES, IT, NL,
PT, PL, SV): each timetable, written the way small businesses' contact blocks write it, is read
by the places detector as opening hours (the availability the phone and hours checks look for).

The snippets are written for these tests, after the shapes seen on real sites: a label, a
line break or a colon, days as words or abbreviations, a range of days, times with the
language's own separators and words ("8u30", "kl.", "das 9h às 18h", brackets).
"""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.places import PlaceDetector
from crawler.page import Page

CASES = [
    ("en", "https://harbourjoinery.co.uk/contact",
     "<address>12 Mill Lane, Leeds</address><p><strong>Office hours</strong><br>"
     "Monday – Friday: 9:00am – 5:30pm<br>Saturday: 10am – 1pm</p>",
     "Mo-Fr 09:00-17:30; Sa 10:00-13:00"),
    ("de", "https://praxis-weber.de/kontakt",
     "<h2>Telefonische Sprechzeiten</h2><p>Mo – Do 8 – 12 Uhr und 14 – 17 Uhr<br>"
     "Fr 8 – 12 Uhr</p>",
     "Mo-Th 08:00-12:00,14:00-17:00; Fr 08:00-12:00"),
    ("fr", "https://cabinet-moreau.fr/contact",
     "<p>Le secrétariat vous répond du lundi au vendredi de 8h30 à 12h et de 14h à 17h30.</p>",
     "Mo-Fr 08:30-12:00,14:00-17:30"),
    ("es", "https://clinicaluna.es/contacto",
     "<ul><li>Horario de atención: lunes a viernes de 9:00 a 14:00 y de 16:00 a 19:00</li>"
     "<li>Sábados: cerrado</li></ul>",
     "Mo-Fr 09:00-14:00,16:00-19:00"),
    ("it", "https://studiorossi.it/contatti",
     "<div class='orari'><h3>Orario di ricevimento</h3><p>Lun–Ven: 9:00–13:00 / 15:00–18:30"
     "<br>Sabato: chiuso</p></div>",
     "Mo-Fr 09:00-13:00,15:00-18:30"),
    ("it", "https://studiorossi.it/contatti",
     "<p>Siamo a vostra disposizione dal lunedì al venerdì dalle 9 alle 18.</p>",
     "Mo-Fr 09:00-18:00"),
    ("nl", "https://huisartsenpraktijk-devries.be/contact",
     "<h4>Openingsuren secretariaat</h4><p>ma t/m do: 8u30 – 17u<br>vr: 8u30 – 12u</p>",
     "Mo-Th 08:30-17:00; Fr 08:30-12:00"),
    ("nl", "https://bakkerij-jansen.nl/",
     "<footer><p>Telefonisch bereikbaar maandag tot en met vrijdag van 9.00 tot 17.00 uur"
     "</p></footer>",
     "Mo-Fr 09:00-17:00"),
    ("pt", "https://clinicasorriso.pt/contactos",
     "<p><b>Horário de atendimento:</b> de segunda a sexta-feira, das 9h às 18h; "
     "sábados das 9h às 13h</p>",
     "Mo-Fr 09:00-18:00; Sa 09:00-13:00"),
    ("pl", "https://biuro-kowalska.pl/kontakt",
     "<ul class='list-unstyled'><li>ul. Długa 4/5</li><li>Pon - Pt (9:00 - 15:00)</li>"
     "<li>Telefon: 515 821 662</li></ul>",
     "Mo-Fr 09:00-15:00"),
    ("pl", "https://biuro-kowalska.pl/kontakt",
     "<p>Godziny pracy biura: od poniedziałku do piątku w godz. 8:00-16:00</p>",
     "Mo-Fr 08:00-16:00"),
    ("sv", "https://fotvardsklinik.se/",
     "<div class='info'><div class='title'>Öppettider</div><div>Mån–Fre: 08:00–18:00</div>"
     "</div>",
     "Mo-Fr 08:00-18:00"),
    ("sv", "https://fotvardsklinik.se/kontakt",
     "<p>Telefontid: mån–tors kl. 8–12, fre kl. 8–10</p>",
     "Mo-Th 08:00-12:00; Fr 08:00-10:00"),
]


@pytest.mark.parametrize(("lang", "url", "body", "expected"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_service_hours_in_nine_languages(lang: str, url: str, body: str, expected: str) -> None:
    page = Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")
    facts = [f for f in PlaceDetector.from_context(SiteContext(url)).detect(page)
             if f.kind == "opening_hours"]
    assert [f.value for f in facts] == [expected]
    assert facts[0].visible and facts[0].method == "text"
    raw = facts[0].data["raw"]
    assert raw.count("(") == raw.count(")"), raw  # a bracketed time is quoted whole


@pytest.mark.parametrize(("lang", "text"), [
    ("it", "Il corso di 9:00-12:00 è pieno"),  # "di" alone is no Tuesday
    ("pl", "Zapisy do 15 maja, 9-12 osób"),  # "do" alone is no Thursday
    ("pt", "Prazo de entrega do 3 ao 5 dia útil"),
    ("nl", "Bel ons op 09.355.92.15"),
    ("sv", "Pris 300–450 kr, tid 45 min"),
])
def test_words_that_look_like_days_are_not_timetables(lang: str, text: str) -> None:
    url = "https://example-shop.com/"
    page = Page.from_html(url, f"<html lang='{lang}'><body><p>{text}</p></body></html>")
    assert [f for f in PlaceDetector.from_context(SiteContext(url)).detect(page)
            if f.kind == "opening_hours"] == []
