"""More ways small businesses promise to be reachable (issue 11), in several languages each:
a single contact person for the whole job, reacting fast, free slots, "come and see us",
numbers that are always on, "you can reach us there", on-call lines, no referral needed,
German's separated verbs and appointment nouns ("Rufen Sie uns ... an", "Terminvereinbarung
unter ..."), a free quote in Quebec French, and a response-time label with its value.
Sentences are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from checks.detectors.reassurance.hours import hour_runs
from crawler.page import Page
from tests.test_reassurance_families import DETECTOR, kinds


@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("en", "You get a single point of contact for the whole job.", "human"),
    ("fr", "Un seul interlocuteur du premier appel à la livraison.", "human"),
    ("it", "Avrai un unico referente per tutto il cantiere.", "human"),
    ("nl", "U hebt één aanspreekpunt voor het hele project.", "human"),
    ("sv", "Du får en fast kontaktperson genom hela projektet.", "human"),
    ("fr", "Notre bureau réagit rapidement aux imprévus.", "response_time"),
    ("de", "Wir reagieren schnell auf jede Anfrage.", "response_time"),
    ("pl", "Reagujemy szybko na każde zgłoszenie.", "response_time"),
    ("en", "Appointments are currently available this week.", "availability"),
    ("sv", "Vi har lediga tider denna vecka.", "availability"),
    ("de", "Wir haben derzeit freie Termine für Massagen.", "availability"),
    ("it", "Il nostro numero è sempre attivo per le urgenze.", "availability"),
    ("nl", "De datum wordt in overleg bepaald.", "availability"),
    ("it", "Vieni a trovarci in negozio.", "invitation"),
    ("de", "Kommen Sie gerne vorbei.", "invitation"),
    ("nl", "Kom gerust langs in de praktijk.", "invitation"),
    ("de", "Rufen Sie uns einfach unter 01234 56789 an.", "invitation"),
    ("de", "Vereinbaren Sie einfach telefonisch einen Termin.", "invitation"),
    ("de", "Wir bitten um telefonische Terminvereinbarung.", "invitation"),
    ("sv", "Vid frågor mejla oss.", "invitation"),
    ("fr", "Une demande de devis ne vous engage à rien.", "guarantee"),
    ("de", "Offene Fragen klären wir gerne beim ersten Termin.", "human"),
    ("de", "Telefonisch erreichen Sie uns unter 0221 123456.", "invitation"),
    ("de", "Sie erreichen uns telefonisch unter 07139 45217.", "invitation"),
    ("es", "Puede localizarnos en el 912 345 678.", "invitation"),
    ("it", "Ci trovi al numero 051 123456.", "invitation"),
    ("sv", "Du når oss på 08-123 456 78.", "invitation"),
    ("it", "Siamo a un messaggio o una chiamata di distanza.", "invitation"),
    ("nl", "Plan je afspraak of stel je vraag!", "invitation"),
    ("sv", "Jour under helgdagar kl 9-11.", "availability"),
    ("no", "Vi har vakttelefon i helgene.", "availability"),
    ("en", "No referral needed.", "availability"),
    ("de", "Ohne Überweisung kommen Sie direkt zu uns.", "availability"),
    ("nl", "U kunt bij ons terecht zonder verwijzing.", "availability"),
    ("sv", "Du kan komma utan remiss.", "availability"),
    ("pl", "Przyjmujemy bez skierowania.", "availability"),
    ("de", "Terminvereinbarung unter 07242 12345.", "invitation"),
    ("de", "Telefonische Terminvereinbarung erbeten.", "invitation"),
    ("pl", "Rejestracja telefoniczna od 8 do 16.", "invitation"),
    ("fr", "Soumission gratuite et rapide.", "guarantee"),
    ("it", "Restiamo a disposizione per qualsiasi informazione.", "human"),
])  # fmt: skip
def test_ways_to_reach(lang: str, text: str, kind: str) -> None:
    assert kind in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Our shirts come in three colours."),
    ("en", "The line is on the left of the page."),
    ("de", "Freie Plätze im Parkhaus gibt es ab acht Uhr."),
    ("nl", "Wij werken in overleg met de school aan een plan."),
    ("en", "Delivery usually within three working days."),
    ("it", "Ci trovi in via Roma 12 a Bologna."),
    ("de", "Sie erreichen das Ziel in zehn Minuten."),
    ("sv", "Du når toppen efter en timmes promenad."),
    ("es", "Puede encontrar más información en el blog."),
    ("en", "Without a doubt the best pizza in town."),
    ("de", "Ohne Zucker und ohne Zusatzstoffe."),
])  # fmt: skip
def test_what_these_families_leave_out(lang: str, text: str) -> None:
    assert not kinds(text, lang)


@pytest.mark.parametrize(("lang", "body", "value"), [
    ("en", "<dl><dt>Coverage</dt><dd>London</dd><dt>Response time</dt>"
           "<dd>Usually within one working day</dd></dl>",
     "Response time Usually within one working day"),
    ("fr", "<p>Délai de réponse</p><p>sous 48 heures</p>", "Délai de réponse sous 48 heures"),
])  # fmt: skip
def test_a_response_time_label_takes_its_value_from_the_next_line(
        lang: str, body: str, value: str) -> None:
    page = Page.from_html("https://acme.test/contact",
                          f"<html lang='{lang}'><body><main>{body}</main></body></html>")
    found = [f for f in DETECTOR.detect(page) if f.data["kind"] == "response_time"]
    assert [f.value for f in found] == [value]
    assert found[0].data["promise"]


def test_a_heading_over_a_sentence_stays_apart() -> None:
    page = Page.from_html("https://acme.test/contact", "<html lang='en'><body><main><h2>Contact "
                          "us</h2><p>We reply to every message within one working day.</p>"
                          "</main></body></html>")
    assert "Contact us" not in " ".join(f.value for f in DETECTOR.detect(page)
                                        if f.data["kind"] == "response_time")


def test_austrian_ordination_hours_have_their_heading() -> None:
    text = "Ordinationszeiten\nMo 8:00 - 12:00\nDi 14:00 - 18:00\nMi geschlossen"
    (run,) = hour_runs(text, "de")
    assert run.value.startswith("Ordinationszeiten Mo")
