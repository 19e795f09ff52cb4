"""Reassurance families that must hold in every language (issue 11): we are available, a
question that invites contact, contact for a purpose, an appointment by phone or online, the
first-person reply, "we are here to help", price guarantees, "how can we help?", and
availability besides opening hours; and a long one-page <main> read past its first
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


# "We are here / ready to help you", "we gladly help / advise / receive you": human, with a
# person or team as the subject, inverted order too.

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
    assert "human" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Die neuen Fenster helfen Ihnen beim Sparen nicht immer."),
    ("fr", "Ce guide est là pour vous aider à choisir un parquet."),
    ("en", "This guide will help you choose a parquet floor."),
    ("es", "Estos consejos están aquí para ayudarte a elegir."),
])  # fmt: skip
def test_a_thing_that_helps_is_no_person(lang: str, text: str) -> None:
    assert "human" not in kinds(text, lang)


# The guarantee kind's price family (clear, fair, fixed prices) and free cancellation.

@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Upfront pricing for every repair, agreed before we start."),
    ("en", "Cancel free of charge up to a day before."),
    ("de", "Transparente Preise für jede Reparatur."),
    ("nl", "Gratis annuleren tot een dag van tevoren."),
    ("fr", "Des prix transparents pour chaque chantier."),
    ("it", "Tariffe trasparenti per ogni intervento."),
    ("es", "Cancelación gratuita hasta el día anterior."),
    ("pt", "Preços claros para cada serviço."),
    ("pl", "Przejrzyste ceny każdej usługi."),
    ("sv", "Avboka kostnadsfritt fram till dagen innan."),
])  # fmt: skip
def test_price_and_cancellation_guarantees(lang: str, text: str) -> None:
    assert "guarantee" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The fixed rate of the loan is 3%."),
    ("de", "Die Preise für Strom sind gestiegen."),
])  # fmt: skip
def test_other_prices_are_no_guarantee(lang: str, text: str) -> None:
    assert "guarantee" not in kinds(text, lang)


# "How can we help?" and "Let's talk": an invitation, in 14 languages.

@pytest.mark.parametrize(("lang", "text"), [
    ("en", "How may we help you today?"), ("de", "Womit dürfen wir Ihnen helfen?"),
    ("fr", "Puis-je vous aider ?"), ("es", "¿Cómo podemos ayudarle?"),
    ("pt", "Em que posso te ajudar?"), ("it", "Come posso esserti utile?"),
    ("nl", "Waarmee kunnen we je helpen?"), ("sv", "Vad kan vi göra för dig?"),
    ("da", "Kan vi hjælpe dig?"), ("no", "Hvordan kan jeg hjelpe deg?"),
    ("fi", "Kuinka voimme palvella?"), ("pl", "W czym możemy pomóc?"),
    ("cs", "S čím vám můžeme pomoci?"), ("ca", "En què us podem ajudar?"),
    ("en", "Let's chat about your garden."),
])  # fmt: skip
def test_asking_how_to_help_invites(lang: str, text: str) -> None:
    assert "invitation" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "This guide shows how we can help the planet."),
    ("de", "Diese Tabletten können Ihnen helfen."),
])  # fmt: skip
def test_help_in_other_sentences_does_not(lang: str, text: str) -> None:
    assert "invitation" not in kinds(text, lang)


# Availability besides opening hours: by appointment only, home visits, a holiday closure
# with its dates, open on holidays.

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
    assert "availability" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The old mill closed in 1998 and became a museum."),
    ("de", "Die Straße ist gesperrt."),
    ("fr", "Le magasin a fermé ses portes en 2010."),
])  # fmt: skip
def test_other_closures_are_no_availability(lang: str, text: str) -> None:
    assert "availability" not in kinds(text, lang)
