"""The "we are here / ready to help you" and "we gladly help / receive you" family of the human
kind, in every language the lexicons hold it (issue 11): the first person plural and singular,
inverted order too. Sentences are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def kinds(lang: str, text: str) -> list[str]:
    page = Page.from_html("https://acme.test/",
                          f"<html lang='{lang}'><body><main><p>{text}</p></main></body></html>")
    return [f.data["kind"] for f in DETECTOR.detect(page)]


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Bei Fragen zur Heizung hilft Ihnen unser Meister gerne."),
    ("de", "Gern helfen wir Ihnen bei der Auswahl der Fliesen."),
    ("de", "Für Rückfragen stehe ich Ihnen jederzeit zur Verfügung."),
    ("fr", "L'équipe de l'atelier est là pour vous conseiller."),
    ("fr", "Nous vous accueillons du mardi au samedi dans la boutique."),
    ("it", "In negozio siamo sempre pronti ad aiutarvi nella scelta."),
    ("es", "En el taller estamos disponibles para asesorarte."),
    ("pt", "A nossa equipa está à sua disposição para esclarecer dúvidas."),
    ("nl", "In de winkel adviseren wij u graag over de juiste maat."),
    ("da", "Vi står altid klar til at rådgive om haven."),
    ("no", "Vi er klare til å hjelpe deg med flyttingen."),
    ("sv", "Vi finns här för att svara på dina frågor om bilen."),
    ("pl", "Chętnie doradzimy w wyborze okien."),
    ("en", "Our front desk will gladly help you pick a time for the fitting."),
])  # fmt: skip
def test_ready_to_help_is_a_human_promise(lang: str, text: str) -> None:
    assert "human" in kinds(lang, text)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die neuen Fenster helfen Ihnen beim Sparen nicht immer."),
    ("fr", "Ce guide est là pour vous aider à choisir un parquet."),
    ("en", "This guide will help you choose a parquet floor."),
    ("es", "Estos consejos están aquí para ayudarte a elegir."),
])  # fmt: skip
def test_a_thing_that_helps_is_no_person(lang: str, text: str) -> None:
    assert "human" not in kinds(lang, text)
