"""A question followed by a way to get in touch is one invitation holding both, in every
language (issue 11, round 3). Sentences are written for these tests, not taken from the
corpus."""

from __future__ import annotations

import html

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def invitations(body: str, lang: str) -> list[str]:
    page = Page.from_html("https://acme.test/help",
                          f"<html lang='{lang}'><body><main>{body}</main></body></html>")
    return [f.value for f in DETECTOR.detect(page) if f.data["kind"] == "invitation"]


@pytest.mark.parametrize(("lang", "question", "cta"), [
    ("en", "Unsure which frame suits your face?", "Contact us!"),
    ("de", "Zwickt das Knie beim Treppensteigen?", "Rufen Sie uns an!"),
    ("fr", "Le parquet grince encore ?", "Contactez-nous !"),
    ("es", "¿Se te resiste la declaración trimestral?", "¡Llámanos!"),
    ("it", "Il giardino è fuori controllo?", "Contattaci!"),
    ("nl", "Twijfelt u over de juiste matras?", "Neem contact op!"),
    ("pl", "Nie wiesz, jaki kurs wybrać?", "Skontaktuj się!"),
    ("pt", "O telhado tem infiltrações?", "Fale conosco!"),
    ("sv", "Knakar det i axeln när du lyfter?", "Kontakta oss!"),
    ("fi", "Onko polvi kipeä portaissa?", "Ota yhteyttä!"),
])  # fmt: skip
def test_a_question_then_a_bare_call_to_action(lang: str, question: str, cta: str) -> None:
    text = f"{question} {cta}"
    assert invitations(f"<p>{html.escape(text)}</p>", lang) == [text]


def test_a_question_and_its_invitation_on_two_lines() -> None:
    body = ("<p>Wondering about group rates?<br>We'd love to hear from you. "
            "The rates change in spring.</p>")
    assert invitations(body, "en") == ["Wondering about group rates? We'd love to hear from you."]


def test_a_question_then_a_number() -> None:
    body = "<p>Haben Sie noch Fragen zum Ablauf?<br>Tel. 030 1234 5678</p>"
    assert invitations(body, "de") == ["Haben Sie noch Fragen zum Ablauf? Tel. 030 1234 5678"]


def test_a_question_far_above_stays_apart() -> None:
    # A paragraph between: the call to action answers something else.
    body = ("<p>Is the boiler older than ten years?</p><p>Contact us!</p>"
            "<p>Any questions about the survey? Contact us on the form below.</p>")
    assert invitations(body, "en") == [
        "Any questions about the survey? Contact us on the form below."]
