"""Speed promises as small businesses write them (issue 11): a quick answer said as a noun
phrase with an inflected adjective ("Schnelle Rückmeldung", "Szybka odpowiedź", "Snabb
återkoppling"), and quick or same-day appointments for urgent cases. Sentences are written for
these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.test_reassurance_families import kinds


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Fast response times, even for small repairs."),
    ("de", "Schnelle Rückmeldung auf jede Anfrage."),
    ("de", "Kurze Reaktionszeiten auch bei kleinen Aufträgen."),
    ("fr", "Réponses rapides à toutes vos demandes de devis."),
    ("es", "Respuesta inmediata a cada presupuesto."),
    ("it", "Risposte rapide a ogni richiesta di preventivo."),
    ("nl", "Snelle reactie op elke offerteaanvraag."),
    ("pt", "Resposta rápida a cada pedido de orçamento."),
    ("pl", "Szybka odpowiedź na każde zapytanie."),
    ("sv", "Snabb återkoppling på alla förfrågningar."),
    ("no", "Rask tilbakemelding på alle henvendelser."),
])  # fmt: skip
def test_a_quick_answer_as_a_noun_phrase(lang: str, text: str) -> None:
    assert "response_time" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Urgent appointments at short notice for toothache."),
    ("de", "Kurzfristige Termine auch für Schmerzpatienten."),
    ("de", "Akuttermine bieten wir täglich an."),
    ("fr", "Rendez-vous possibles le jour même en cas de douleur."),
    ("es", "Citas urgentes en el mismo día."),
    ("it", "Visite urgenti in giornata per i pazienti con dolore."),
    ("nl", "Spoedafspraken zijn dezelfde dag mogelijk."),
    ("pt", "Consultas de urgência no mesmo dia."),
    ("pl", "Wizyty w trybie pilnym tego samego dnia."),
    ("sv", "Akuttider finns varje dag."),
    ("da", "Vi har altid akuttider på hverdage."),
])  # fmt: skip
def test_quick_appointments_for_urgent_cases(lang: str, text: str) -> None:
    assert "availability" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die Haut zeigt eine schnelle Reaktion auf das Öl."),
    ("de", "Schnelle Autos und rasche Entscheidungen prägen die Branche."),
    ("en", "The emergency exit is at the back of the hall."),
    ("fr", "Des soins rapides à appliquer sur la peau."),
    ("es", "Una cita con la historia del pueblo."),
    ("it", "Una visita guidata al museo dura due ore."),
    ("nl", "Snelle auto's en vlotte fietsen in de etalage."),
    ("pt", "O atendimento é feito em duas salas amplas."),
    ("pl", "Szybka dostawa na terenie całego kraju."),
    ("sv", "Snabba bilar och snabba båtar står i garaget."),
])  # fmt: skip
def test_speed_without_an_answer_or_a_visit(lang: str, text: str) -> None:
    assert not kinds(text, lang)
