"""Reassurance, round 3 (issue 11): the imperative that asks a visitor to contact the business
("call us", "scrivici", "fale conosco", "kontakta oss" ...) as the head of a sentence or after
a clause, in every language, when it says more than the bare words (a channel, a number, a
purpose); and buttons side by side that read as one line are split back into buttons.
Sentences are written for these tests, not taken from the corpus."""

from __future__ import annotations

import html

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def found(body: str, lang: str) -> list[tuple[str, str]]:
    page = Page.from_html(
        "https://acme.test/contact", f"<html lang='{lang}'><body>{body}</body></html>")
    return [(f.value, f.data["kind"]) for f in DETECTOR.detect(page)]


def para(text: str) -> str:
    return f"<main><p>{html.escape(text)}</p></main>"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Text us on WhatsApp with a photo of the leak."),
    ("en", "If the boiler stops overnight, ring us: an engineer is on call."),
    ("de", "Schreiben Sie uns per WhatsApp ein Foto vom Schaden."),
    ("fr", "Pour un devis de toiture, appelez-nous au 01 23 45 67 89."),
    ("es", "Si tu perro necesita un paseo, escríbenos por WhatsApp."),
    ("it", "Per una prova gratuita, scrivici su Instagram o per email."),
    ("nl", "Mail ons een foto van de schade en uw adres."),
    ("pt", "Se o seu cão precisa de banho, escreva-nos pelo Instagram."),
    ("sv", "Om taket läcker, mejla oss bilder på skadan."),
])  # fmt: skip
def test_a_contact_imperative_that_says_how_or_why(lang: str, text: str) -> None:
    assert (text, "invitation") in found(para(text), lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Contact us"),
    ("en", "Get in touch"),
    ("en", "Contact us now"),
    ("de", "Kontaktieren Sie uns jetzt"),
    ("sv", "Ring oss"),
    ("fr", "Contactez-moi"),
])  # fmt: skip
def test_a_bare_contact_heading_is_not_an_invitation(lang: str, text: str) -> None:
    assert found(f"<main><h2>{html.escape(text)}</h2></main>", lang) == []


def test_a_button_with_a_number_is_an_invitation() -> None:
    body = "<main><a href='tel:+4940123456'>📞 Jetzt anrufen: 040 123456</a></main>"
    assert ("📞 Jetzt anrufen: 040 123456", "invitation") in found(body, "de")


def test_buttons_side_by_side_are_read_one_by_one() -> None:
    body = ("<main><div><a href='https://wa.me/3912345678'>Scrivici su WhatsApp</a> "
            "<a href='/corsi'>Scopri i corsi</a></div></main>")
    assert found(body, "it") == [("Scrivici su WhatsApp", "invitation")]


def test_a_clause_then_the_imperative() -> None:
    text = "Wenn der Termin nicht passt, rufen Sie uns an und wir finden einen neuen."
    assert (text, "invitation") in found(para(text), "de")


# Calls to action read by structure (issue 11): what makes a bare "Contáctanos" an invitation
# is where it leads, not more words. Written for these tests, not taken from the corpus.
@pytest.mark.parametrize(("lang", "body", "text"), [
    ("es", "<main><a class='btn' href='mailto:hola@acme.test'>Contáctanos</a></main>",
     "Contáctanos"),
    ("pt", "<main><a href='https://wa.me/5511999999999'>Fale conosco</a></main>",
     "Fale conosco"),
    ("it", "<main><a href='/contatti.html'>Scrivici</a></main>", "Scrivici"),
    ("de", "<main><a class='btn primary' href='#kontakt'>Termin vereinbaren</a>"
     "<section id='kontakt'><a href='tel:+4940123456'>040 123456</a></section></main>",
     "Termin vereinbaren"),
    ("fr", "<main><a class='button' href='https://acme.test/nous-contacter'>Demander un devis"
     "</a></main>", "Demander un devis"),
    ("fi", "<main><section><h2>Varaa aika</h2><p><a href='tel:+358401234567'>040 123 4567</a>"
     "</p></section></main>", "Varaa aika"),
    ("sv", "<main><div><h1>Kontakta oss</h1><form><textarea name='m'></textarea></form></div>"
     "</main>", "Kontakta oss"),
])  # fmt: skip
def test_a_call_to_action_that_leads_to_a_channel(lang: str, body: str, text: str) -> None:
    facts = [f for f in DETECTOR.detect(Page.from_html(
        "https://acme.test/", f"<html lang='{lang}'><body>{body}</body></html>"))]
    cta = [f for f in facts if f.value == text]
    assert cta and cta[0].data["kind"] == "invitation" and cta[0].data["cta"] is True
    assert cta[0].data["language"] == lang


@pytest.mark.parametrize("body", [
    # a menu item, a link that goes nowhere near a channel, a heading over nothing to use,
    # a button that only names the channel or the business, a hidden button
    "<nav><a href='/contact'>Contact us</a></nav>",
    "<main><a class='btn' href='/services'>Contact us about roofs</a></main>",
    "<main><section><h2>Contact us</h2><p>We are a family firm.</p></section></main>",
    "<main><a class='btn' href='https://wa.me/441234567890'>WhatsApp</a></main>",
    "<main><a class='btn' href='mailto:a@acme.test'>Acme Roofing Ltd</a></main>",
    "<main><a class='btn' href='/contact' style='display:none'>Contact us</a></main>",
])  # fmt: skip
def test_not_a_call_to_action(body: str) -> None:
    page = Page.from_html("https://acme.test/", "<html lang='en'><head><title>Acme Roofing Ltd"
                          f"</title></head><body>{body}</body></html>")
    assert [f.value for f in DETECTOR.detect(page) if f.data.get("cta")] == []
