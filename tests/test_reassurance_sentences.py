"""Reassurance: where a sentence around a trigger word begins and ends (abbreviations, quotes,
lines, text without punctuation)."""

from __future__ import annotations

import pytest

from checks.detectors.reassurance.sentences import sentence


def _around(text: str, needle: str) -> str:
    s, e = sentence(text, text.index(needle))
    return text[s:e].strip()


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        ("Welcome. We reply within 24 hours. Thanks!", "reply", "We reply within 24 hours."),
        ("Hours: Mon.–Fri. 9–5. Call Dr. Jones on 020 7946 0958. Bye.", "Call",
         "Call Dr. Jones on 020 7946 0958."),
        ("Open Mon.–Fri. for calls. Bye.", "calls", "Open Mon.–Fri. for calls."),
        ("Ask for J. R. Smith at the desk. Bye.", "desk", "Ask for J. R. Smith at the desk."),
        ("Prices from £9.99 per visit. Call us anytime!", "Call", "Call us anytime!"),
        ("Urgent jobs, e.g. leaks, get a call back. Other jobs wait.", "call back",
         "Urgent jobs, e.g. leaks, get a call back."),
        ("Title\nDon't hesitate to ask\nNext line", "hesitate", "Don't hesitate to ask"),
        ("If you are unsure,\nplease call us and we will help.\n\nNext", "please call",
         "If you are unsure,\nplease call us and we will help."),
        ("Mo.-Fr. 8-17 Uhr erreichbar. Danach Notdienst.", "erreichbar",
         "Mo.-Fr. 8-17 Uhr erreichbar."),
        ("«Réponse sous 24 h.» Merci.", "sous", "«Réponse sous 24 h.»"),
        ("¿Dudas? ¡Llámanos y te ayudamos! Gracias.", "Llámanos", "¡Llámanos y te ayudamos!"),
    ],
)  # fmt: skip
def test_sentence_boundaries(text: str, needle: str, expected: str) -> None:
    assert _around(text, needle) == expected


def test_unpunctuated_text_gives_a_window() -> None:
    text = "word " * 300 + "we reply within 24 hours " + "word " * 300
    s, e = sentence(text, text.index("we reply"))
    assert 100 < e - s <= 400
    assert "we reply within 24 hours" in text[s:e]


def test_an_ordinal_day_ends_no_sentence() -> None:
    text = "Wir haben Urlaub. Die Praxis ist vom 1. bis 15. August geschlossen. Danke."
    assert _around(text, "Praxis") == "Die Praxis ist vom 1. bis 15. August geschlossen."
