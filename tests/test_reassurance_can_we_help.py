"""The invitation that asks how the business can help ("How can we help?", "Wie können wir
Ihnen helfen?") or offers to talk ("Let's talk", "Hablemos"), in 14 languages (issue 11).
Sentences are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def kinds(lang: str, text: str) -> list[str]:
    page = Page.from_html("https://acme.test/",
                          f"<html lang='{lang}'><body><main><h2>{text}</h2></main></body></html>")
    return [f.data["kind"] for f in DETECTOR.detect(page)]


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
    assert "invitation" in kinds(lang, text)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "This guide shows how we can help the planet."),
    ("de", "Diese Tabletten können Ihnen helfen."),
])  # fmt: skip
def test_help_in_other_sentences_does_not(lang: str, text: str) -> None:
    assert "invitation" not in kinds(lang, text)
