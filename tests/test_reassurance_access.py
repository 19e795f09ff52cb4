"""How a visitor gets in (issue 11): no referral needed, appointments by phone written as a
noun ("Terminvereinbarung unter ...", "Rejestracja telefoniczna"), a free quote in Quebec
French ("soumission"), and "we remain at your disposal" without a possessive. Sentences are
written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from checks.detectors.reassurance.hours import hour_runs
from tests.test_reassurance_families import kinds


@pytest.mark.parametrize(("lang", "text", "kind"), [
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
def test_ways_in(lang: str, text: str, kind: str) -> None:
    assert kind in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Without a doubt the best pizza in town."),
    ("de", "Ohne Zucker und ohne Zusatzstoffe."),
])  # fmt: skip
def test_without_alone_is_nothing(lang: str, text: str) -> None:
    assert not kinds(text, lang)


def test_austrian_ordination_hours_have_their_heading() -> None:
    text = "Ordinationszeiten\nMo 8:00 - 12:00\nDi 14:00 - 18:00\nMi geschlossen"
    (run,) = hour_runs(text, "de")
    assert run.value.startswith("Ordinationszeiten Mo")
