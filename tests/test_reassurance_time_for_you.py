"""Human promises small practices make in every language (issue 11): someone who takes the
time to listen ("nimmt sich Zeit", "prend le temps", "poświęca czas"), who answers the phone
("Siempre cogemos el teléfono"), round-the-clock duty lines ("Dyżur 24h"), and German's
personal advice and care. The business is the subject: the same words addressed to the
visitor are not a promise. Sentences are written for these tests, not from the corpus."""

from __future__ import annotations

import pytest

from tests.test_reassurance_families import kinds


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Dr. Lee takes the time to listen to every patient."),
    ("de", "Die Ärztin nimmt sich für jeden Patienten Zeit."),
    ("fr", "Le docteur prend le temps d'écouter chaque patient."),
    ("es", "La doctora se toma el tiempo de escuchar a cada paciente."),
    ("it", "Il dottore dedica tempo ad ascoltare ogni paziente."),
    ("nl", "De therapeut neemt de tijd voor elk gesprek."),
    ("pt", "A doutora dedica tempo a ouvir cada paciente."),
    ("pl", "Lekarz poświęca czas każdemu pacjentowi."),
    ("sv", "Tandläkaren tar sig tid för varje patient."),
    ("de", "Bei uns geht immer ein Mensch ans Telefon."),
    ("sv", "Vi försöker alltid svara i telefon."),
    ("es", "Siempre cogemos el teléfono."),
    ("nl", "We nemen altijd zelf de telefoon op."),
    ("de", "Persönlich beraten, ehrlich betreut."),
])  # fmt: skip
def test_time_for_you_and_a_person_on_the_phone(lang: str, text: str) -> None:
    assert "human" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("pl", "Dyżur telefoniczny 24h."),
    ("pl", "Pomoc całodobowa dla pacjentów."),
    ("es", "Atención 24h para urgencias."),
    ("pt", "Plantão 24h para emergências."),
])  # fmt: skip
def test_round_the_clock_lines(lang: str, text: str) -> None:
    assert "availability" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Take the time to read our privacy policy."),
    ("de", "Nehmen Sie sich Zeit für einen Spaziergang im Park."),
    ("de", "Gehen Sie ans Telefon, wenn es klingelt."),
    ("fr", "Prenez le temps de lire nos conditions."),
    ("nl", "Neem de tijd om het menu te bekijken."),
    ("sv", "Det tar tid att bygga ett hus."),
])  # fmt: skip
def test_the_visitor_told_to_take_time_is_no_promise(lang: str, text: str) -> None:
    assert not kinds(text, lang)
