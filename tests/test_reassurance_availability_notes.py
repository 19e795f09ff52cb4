"""Availability as small businesses state it besides opening hours (issue 11): "by
appointment only", home visits, a holiday closure with its dates, open on holidays; and a
day written as an ordinal ("vom 1. bis 15. August") ends no sentence. Sentences are written
for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from checks.detectors.reassurance.sentences import sentence
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def found(lang: str, text: str) -> list[tuple[str, str]]:
    page = Page.from_html("https://acme.test/",
                          f"<html lang='{lang}'><body><main><p>{text}</p></main></body></html>")
    return [(f.data["kind"], f.value) for f in DETECTOR.detect(page)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Fittings are by appointment only."),
    ("en", "We are closed from 23 December to 3 January."),
    ("de", "Beratung nur nach telefonischer Vereinbarung."),
    ("de", "Die Werkstatt ist vom 4. bis 18. August geschlossen."),
    ("de", "Hausbesuche sind auf Anfrage möglich."),
    ("fr", "L'atelier reçoit uniquement sur rendez-vous."),
    ("fr", "Fermeture annuelle du 5 au 26 août."),
    ("nl", "Wegens vakantie gesloten van 27 juli tot 10 augustus."),
    ("nl", "Huisbezoeken zijn op aanvraag mogelijk."),
    ("it", "Lo studio riceve solo su appuntamento."),
    ("it", "Chiuso per ferie dal 9 al 23 agosto."),
    ("es", "Atendemos solo con cita previa."),
    ("pt", "Atendimento somente com hora marcada."),
    ("sv", "Verkstaden har semesterstängt i juli."),
    ("da", "Butikken er lukket fra 6. til 20. juli."),
    ("pl", "Gabinet nieczynny w dniach 3-17 sierpnia."),
])  # fmt: skip
def test_availability_notes(lang: str, text: str) -> None:
    assert "availability" in [kind for kind, _ in found(lang, text)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The old mill closed in 1998 and became a museum."),
    ("de", "Die Straße ist gesperrt."),
    ("fr", "Le magasin a fermé ses portes en 2010."),
])  # fmt: skip
def test_other_closures_are_no_availability(lang: str, text: str) -> None:
    assert "availability" not in [kind for kind, _ in found(lang, text)]


def test_an_ordinal_day_ends_no_sentence() -> None:
    text = "Wir haben Urlaub. Die Praxis ist vom 1. bis 15. August geschlossen. Danke."
    s, e = sentence(text, text.index("Praxis"))
    assert text[s:e].strip() == "Die Praxis ist vom 1. bis 15. August geschlossen."
