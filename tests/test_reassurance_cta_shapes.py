"""Calls to action by shape (issue 11): a button that ends with its verb, as German and Dutch
buttons do and Romance ones after "to" ("Online Termin buchen", "Cliquez pour appeler"), and a
question that opens the section holding the phone or the form ("Can we help?"), in any
language. Texts are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def invitations(body: str, lang: str, cta: bool = True) -> list[tuple[str, str]]:
    page = Page.from_html("https://acme.test/", f"<html lang='{lang}'><body>{body}</body></html>")
    return [(f.value, f.data["language"]) for f in DETECTOR.detect(page)
            if f.data["kind"] == "invitation" and (f.data.get("cta") or not cta)]


@pytest.mark.parametrize(("lang", "text", "href"), [
    ("de", "Gleich hier online buchen", "/kontakt/"),
    ("de", "In der Werkstatt anrufen", "tel:+4930123456"),
    ("nl", "Direct een afspraak inplannen", "/contact"),
    ("nl", "Vandaag nog bellen", "tel:+31201234567"),
    ("fr", "Touchez pour appeler", "tel:+33123456789"),
    ("es", "Pulsa aquí para llamar", "tel:+34911234567"),
    ("it", "Clicca qui per prenotare", "/contatti.html"),
    ("pt", "Toque para ligar", "tel:+351211234567"),
    ("en", "Tap here to call", "tel:+442079460958"),
])  # fmt: skip
def test_a_button_that_ends_with_its_verb_invites(lang: str, text: str, href: str) -> None:
    body = f"<main><p>Welcome.</p><div><a class='btn' href='{href}'>{text}</a></div></main>"
    assert invitations(body, lang) == [(text, lang)]


@pytest.mark.parametrize(("lang", "text", "href"), [
    ("de", "Preise ansehen", "/preise.html"),         # a verb, not a contact verb
    ("de", "Jetzt anrufen", "/galerie.html"),          # a contact verb to a gallery page
    ("en", "Easy to call", "https://other.test/"),   # another site's page
])  # fmt: skip
def test_a_verb_at_the_end_needs_a_contact_verb_and_a_channel(lang: str, text: str,
                                                              href: str) -> None:
    body = f"<main><p>Welcome.</p><div><a class='btn' href='{href}'>{text}</a></div></main>"
    assert invitations(body, lang) == []


@pytest.mark.parametrize(("lang", "question"), [
    ("en", "Ready for a quote?"),
    ("pt", "Precisa de ajuda?"),
    ("nl", "Vragen over uw behandeling?"),
    ("de", "Noch Fragen?"),
    ("pl", "Masz pytania?"),
])  # fmt: skip
def test_a_question_over_the_phone_or_the_form_invites(lang: str, question: str) -> None:
    body = (f"<main><p>Welcome to the workshop.</p><section><h2>{question}</h2>"
            "<p><a href='tel:+442079460958'>020 7946 0958</a></p></section></main>")
    # (The Polish lexicon knows "Masz pytania?" as a sentence; the others are found by shape.)
    assert [q for q, _ in invitations(body, lang, cta=False)] == [question]


def test_questions_of_an_faq_beside_a_phone_number_do_not() -> None:
    body = ("<main><section><h2>FAQ</h2><h3>Do you take cards?</h3><p>Yes.</p>"
            "<h3>Where can I park?</h3><p>Behind the shop.</p><h3>Are you open on Sundays?</h3>"
            "<p>No: call <a href='tel:+442079460958'>020 7946 0958</a> on weekdays.</p>"
            "</section></main>")
    assert invitations(body, "en") == []


def test_a_question_with_no_channel_under_it_does_not() -> None:
    body = "<main><section><h2>Why choose us?</h2><p>Thirty years of joinery.</p></section></main>"
    assert invitations(body, "en") == []


@pytest.mark.parametrize(("lang", "button"), [
    ("cs", "<button type='submit'>Odeslat dotaz</button>"),
    ("de", "<button>Nachricht senden</button>"),
    ("es", "<input type='submit' value='Enviar consulta'>"),
])  # fmt: skip
def test_the_button_that_sends_a_message_form_invites(lang: str, button: str) -> None:
    body = f"<main><form><textarea name='m'></textarea>{button}</form></main>"
    assert len(invitations(body, lang)) == 1


@pytest.mark.parametrize("form", [
    "<form><input name='q'><button>Search the site</button></form>",  # no message to send
    "<form><textarea name='m'></textarea><button>Send</button></form>",  # says nothing more
    "<form><textarea name='m'></textarea><button type='reset'>Clear the form</button></form>",
])  # fmt: skip
def test_other_form_buttons_do_not(form: str) -> None:
    assert invitations(f"<main>{form}</main>", "en") == []


def test_a_heading_over_a_booking_service_link_invites() -> None:
    body = ("<main><section><h2>Prendre rendez-vous</h2><p>En ligne sur "
            "<a href='https://www.doctolib.fr/osteopathe/lyon/x'>Doctolib</a>.</p></section></main>")
    assert invitations(body, "fr") == [("Prendre rendez-vous", "fr")]


@pytest.mark.parametrize("text", [
    "Neem vrijblijvend contact met ons op voor een offerte.",
    "Neem vandaag nog contact op en vraag naar de mogelijkheden.",
])  # fmt: skip
def test_dutch_separable_contact_verb_with_an_adverb_between(text: str) -> None:
    assert [v for v, _ in invitations(f"<main><p>{text}</p></main>", "nl", cta=False)] == [text]


def test_a_one_word_send_button_invites_when_it_is_a_contact_imperative() -> None:
    form = ("<main><form><textarea name='m'></textarea><button type='submit'>{}</button>"
            "</form></main>")
    assert invitations(form.format("Scrivici"), "it") == [("Scrivici", "it")]
    # One word that is not a contact imperative ("Write") says no more than "Send".
    assert invitations(form.format("Napisz"), "pl") == []


@pytest.mark.parametrize(("lang", "heading"), [
    ("fr", "Envoyer un message"),
    ("sv", "Komma i kontakt"),
    ("pt", "Envie sua mensagem"),
    ("es", "Envíanos un mensaje"),
    ("it", "Inviaci un messaggio"),
    ("pl", "Wyślij wiadomość"),
    ("de", "Nachricht senden"),
    ("en", "Send us a message"),
])  # fmt: skip
def test_a_heading_that_asks_for_a_message_over_the_form_invites(lang: str, heading: str) -> None:
    body = (f"<main><section><h2>{heading}</h2><form><textarea name='m'></textarea>"
            "<button type='submit'>OK</button></form></section></main>")
    assert invitations(body, lang) == [(heading, lang)]


@pytest.mark.parametrize(("lang", "heading", "box"), [
    ("it", "Contattaci", "<p>Via Roma 1, Bologna</p><p>Tel. 051 123 4567</p>"),
    ("sv", "Ring oss", "<p>08-123 456 78</p>"),
    ("de", "Kontaktieren Sie uns", "<p>Schreiben Sie an info@firma.example</p>"),
    ("en", "Call us", "<p>(805) 555-0134</p>"),
])  # fmt: skip
def test_a_heading_over_a_number_or_address_written_out_invites(
        lang: str, heading: str, box: str) -> None:
    body = f"<main><div><section><h2>{heading}</h2>{box}</section></div></main>"
    assert invitations(body, lang) == [(heading, lang)]


@pytest.mark.parametrize("box", ["<p>We are a small team.</p>", "<p>Season 2024-2025</p>"])
def test_a_heading_over_no_channel_stays_a_section_name(box: str) -> None:
    body = f"<main><div><section><h2>Contact us</h2>{box}</section></div></main>"
    assert invitations(body, "en") == []


@pytest.mark.parametrize(("lang", "link"), [
    ("fr", "<a class='bouton bouton--clair' href='nous-joindre.html'>Demander une soumission</a>"),
    ("de", "<a class='knopf-primaer' href='/kontakt'>Angebot einholen</a>"),
])  # fmt: skip
def test_buttons_named_in_other_languages_and_quebec_s_contact_page(lang: str, link: str) -> None:
    assert len(invitations(f"<main><p>Un projet?</p><div>{link}</div></main>", lang)) == 1
