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
