"""Reassurance, round 4 (issue 11): invitations that hold across languages. "You can call us"
(a modal and a contact verb with the business as object) in every supported language, and a
button or link that takes the visitor to a booking page or an appointment service. Sentences
are written for these tests, not taken from the corpus."""

from __future__ import annotations

import html

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def found(body: str, lang: str, url: str = "https://acme.test/services") -> list[tuple[str, str]]:
    page = Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")
    return [(f.value, f.data["kind"]) for f in DETECTOR.detect(page)]


def para(text: str) -> str:
    return f"<main><p>{html.escape(text)}</p></main>"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "If the heating fails, you can always phone us before 8 am."),
    ("de", "Bei Fragen zur Rechnung können Sie uns gerne per E-Mail schreiben."),
    ("de", "Wir freuen uns auf euch!"),
    ("fr", "Pour un devis, vous pouvez m'écrire ou m'appeler le matin."),
    ("it", "Se hai dubbi sul trattamento, puoi scrivermi anche la sera."),
    ("nl", "Voor een offerte kunt u ons het beste even mailen."),
    ("pt", "Para marcar a primeira sessão, pode ligar-me ou entrar em contato por email."),
    ("es", "Si tu gato necesita cuidados, puedes llamarnos a cualquier hora."),
    ("pl", "Jeśli masz pytania o leczenie, możesz do nas zadzwonić."),
    ("sv", "Har du frågor om kursen får du gärna mejla oss."),
    ("da", "Du kan også skrive til os via formularen."),
    ("no", "Dere kan alltid ringe oss om timen må flyttes."),
    ("fi", "Voit myös lähettää meille sähköpostia."),
])  # fmt: skip
def test_you_can_contact_us_is_an_invitation(lang: str, text: str) -> None:
    assert (text, "invitation") in found(para(text), lang)


@pytest.mark.parametrize(("lang", "text"), [
    # Another organisation to contact: an invitation to call someone else.
    ("en", "You can contact your local council about bin collections."),
    ("nl", "Voor vergoedingen kunt u contact opnemen met uw zorgverzekeraar."),
    ("de", "Sie können Ihre Versicherung anrufen, um die Kostenübernahme zu klären."),
    # "Can" about something other than getting in touch.
    ("fr", "Vous pouvez payer par carte ou en espèces."),
    ("es", "Puedes aparcar delante de la tienda."),
])  # fmt: skip
def test_you_can_about_others_or_other_things_is_not(lang: str, text: str) -> None:
    assert [k for t, k in found(para(text), lang) if k == "invitation"] == []


@pytest.mark.parametrize(("lang", "body", "text"), [
    # A button to the site's booking page, in the page's language.
    ("sv", "<main><a class='book-button' href='/bokning.html'>Boka akuttid</a></main>",
     "Boka akuttid"),
    # A plain link whose words are a booking imperative, to a booking page.
    ("fi", "<main><p>Tunnistatko oireet? <a href='/ajanvaraus.html'>Varaa aika nyt!</a></p></main>",
     "Varaa aika nyt!"),
    # A button to an appointment service.
    ("fr", "<main><a class='btn' href='https://doctolib.fr/x'>Rendez-vous en ligne</a></main>",
     "Rendez-vous en ligne"),
    ("en", "<main><a href='https://calendly.com/acme/intro'>Book a free intro call</a></main>",
     "Book a free intro call"),
    ("de", "<main><a class='button' href='/termin-buchen/'>Jetzt Termin buchen</a></main>",
     "Jetzt Termin buchen"),
])  # fmt: skip
def test_a_booking_button_is_an_invitation(lang: str, body: str, text: str) -> None:
    assert (text, "invitation") in found(body, lang)


@pytest.mark.parametrize(("lang", "body"), [
    # A bookshop's shelf is not a booking page.
    ("en", "<main><a class='btn' href='/books/'>Browse new books</a></main>"),
    # A band's dates: "Termine" is not an appointment.
    ("de", "<main><a class='button' href='/termine/'>Alle Termine</a></main>"),
    # A booking word on a link that goes nowhere near a booking.
    ("en", "<main><a href='/gallery/'>Book covers we designed</a></main>"),
])  # fmt: skip
def test_links_that_book_nothing_are_not_invitations(lang: str, body: str) -> None:
    assert found(body, lang) == []


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Not sure which service fits? Call us!"),
    ("de", "Noch Fragen? Schreiben Sie uns!"),
    ("fr", "Un doute ? Appelez-nous !"),
    ("nl", "Twijfelt u? Neem contact op!"),
    ("fi", "Selkä jumissa? Ota yhteyttä!"),
    ("sv", "Undrar du något? Ring oss!"),
])  # fmt: skip
def test_a_bare_contact_imperative_said_as_an_appeal_is_an_invitation(
        lang: str, text: str) -> None:
    # The exclamation makes it an appeal; the same words as a plain heading name a section.
    # The question before it is a sentence of its own.
    appeal = text.rsplit("? ", 1)[1]
    assert (appeal, "invitation") in found(para(text), lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Appointments this week, no waiting lists."),
    ("de", "Bei uns bekommen Sie Termine ohne lange Wartezeiten."),
    ("nl", "U kunt snel terecht, zonder wachtlijst."),
    ("it", "Visite in giornata, senza lunghe attese."),
    ("da", "Klip uden ventetid."),
    ("pl", "Przyjmujemy bez długich kolejek."),
])  # fmt: skip
def test_no_waiting_is_a_guarantee(lang: str, text: str) -> None:
    assert (text, "guarantee") in found(para(text), lang)


def test_waiting_words_about_something_else_are_not() -> None:
    assert found(para("The waiting room has toys and free wifi for children."), "en") == []
