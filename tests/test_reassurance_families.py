"""Reassurance families that must hold in every language (issue 11, round 2): we are
available, a question that invites contact, contact for a purpose, an appointment by phone
or online, and the first-person reply; and a long one-page <main> read past its first
screens. Sentences are written for these tests, not taken from the corpus."""

from __future__ import annotations

import html

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def kinds(text: str, lang: str) -> set[str]:
    body = f"<main><p>{html.escape(text)}</p></main>"
    page = Page.from_html(
        "https://acme.test/contact", f"<html lang='{lang}'><body>{body}</body></html>")
    return {f.data["kind"] for f in DETECTOR.detect(page)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "I'm reachable on WhatsApp most evenings."),
    ("de", "Ich bin auch samstags telefonisch für Rückfragen erreichbar."),
    ("fr", "Je reste disponible par e-mail pendant les vacances."),
    ("es", "Seguimos localizables por WhatsApp durante agosto."),
    ("it", "Restiamo reperibili al numero fisso fino alle 19."),
    ("nl", "Ik ben beschikbaar voor een kort gesprek na de les."),
    ("pl", "Jesteśmy dostępni na czacie w dni robocze."),
    ("pt", "Estou disponível para conversar depois das aulas."),
    ("sv", "Jag är anträffbar på mobilen under kvällstid."),
])  # fmt: skip
def test_we_are_available(lang: str, text: str) -> None:
    assert "availability" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Have any questions about the membership fees?"),
    ("de", "Hast du noch offene Fragen zum Kurs?"),
    ("fr", "Avez-vous des questions sur le déroulement ?"),
    ("es", "¿Tienen alguna consulta sobre las tarifas?"),
    ("it", "Avete ancora qualche curiosità sul corso?"),
    ("nl", "Hebt u nog vragen over de terugbetaling?"),
    ("pl", "Macie jeszcze pytania o zajęcia?"),
    ("pt", "Tens dúvidas sobre a matrícula?"),
    ("sv", "Har ni några funderingar kring bokningen?"),
])  # fmt: skip
def test_a_question_that_invites(lang: str, text: str) -> None:
    assert "invitation" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Llámenos para concertar una visita al local."),
    ("fr", "Écrivez-nous pour recevoir le programme de la saison."),
    ("it", "Chiamaci per prenotare la prima lezione di prova."),
    ("it", "Per richieste di preventivo, scrivici."),
    ("nl", "Graag even telefonisch contact op te nemen voor een huisbezoek."),
    ("pl", "Zadzwoń, aby zapytać o wolne terminy."),
])  # fmt: skip
def test_contact_for_a_purpose(lang: str, text: str) -> None:
    assert "invitation" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Schedule a home visit by phone."),
    ("de", "Online einen Termin buchen, rund um die Uhr."),
    ("fr", "Réservez votre séance par téléphone."),
    ("es", "Solicite su cita por WhatsApp."),
    ("it", "Fissa il tuo appuntamento telefonicamente."),
    ("nl", "Plan je afspraak telefonisch in."),
    ("pl", "Zapisz się na konsultację przez telefon."),
    ("pt", "Marque sua avaliação pelo telefone."),
    ("sv", "Boka din behandling via telefon."),
])  # fmt: skip
def test_an_appointment_by_phone_or_online(lang: str, text: str) -> None:
    assert "invitation" in kinds(text, lang)


def test_talk_to_a_person_in_portuguese() -> None:
    assert "human" in kinds("Fale com a nossa equipa pelo telefone.", "pt")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Have you ever wondered why your back hurts?"),  # a question, no contact
    ("it", "Il contesto conta sempre."),  # Spanish 'contesto' (I answer) is not Italian context
    ("de", "Wir sind leider nicht erreichbar."),  # no availability (an anti-pattern elsewhere)
    ("en", "Book now"),  # a bare button
    ("nl", "Wij zijn niet bereikbaar op zondag."),
])  # fmt: skip
def test_what_the_families_leave_out(lang: str, text: str) -> None:
    assert not kinds(text, lang) & {"availability", "invitation", "response_time"}


def test_a_long_one_page_main_is_read_past_its_first_screens() -> None:
    filler = " ".join(f"<p>Paragraph {i} about our treatments and their history.</p>"
                      for i in range(150))
    body = f"<main>{filler}<p>Ti rispondo entro due ore.</p>{filler}</main>"
    page = Page.from_html("https://acme.test/", f"<html lang='it'><body>{body}</body></html>")
    assert any(f.data["kind"] == "response_time" for f in DETECTOR.detect(page))


def test_a_bare_booking_button_stays_out() -> None:
    # "Boka idag" alone is a button; booking *a time* today is an invitation.
    assert not kinds("Boka idag", "sv")
    assert "invitation" in kinds("Boka en tid i dag hos vår fotterapeut.", "sv")
