"""Small practices say they can take a visitor on ("New patients welcome", "Przyjmujemy
nowych pacjentów") and that they are a call away ("Siamo a una telefonata di distanza");
invitations written with a particle or an apostrophe ("Ta gjerne kontakt", "Vous avez
d'autres questions ?"). Sentences are written for these tests, not taken from the corpus."""

from __future__ import annotations

import pytest

from tests.test_reassurance_families import kinds


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "We are taking on new clients this autumn."),
    ("de", "Neue Patienten sind jederzeit willkommen."),
    ("fr", "Nous acceptons de nouveaux patients."),
    ("es", "Aceptamos nuevos pacientes en las dos consultas."),
    ("it", "Accettiamo nuovi pazienti anche il sabato."),
    ("nl", "Nieuwe cliënten zijn van harte welkom."),
    ("pt", "Aceitamos novos pacientes."),
    ("pl", "Przyjmujemy nowych pacjentów."),
    ("sv", "Nya patienter är välkomna."),
    ("da", "Nye patienter er altid velkomne."),
    ("no", "Vi tar imot nye pasienter."),
])  # fmt: skip
def test_new_patients_welcome(lang: str, text: str) -> None:
    assert "availability" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Wir sind nur einen Anruf entfernt."),
    ("fr", "Nous sommes à un appel de vous."),
    ("es", "Estamos a una llamada de distancia."),
    ("it", "Siamo a una telefonata di distanza."),
    ("nl", "We zijn maar een telefoontje van u verwijderd."),
    ("pt", "Estamos a uma mensagem de distância."),
    ("sv", "Vi är bara ett samtal bort."),
    ("no", "Ta gjerne kontakt med oss."),
    ("pt", "Mande-nos uma mensagem pelo WhatsApp."),
    ("de", "Rufen Sie gerne direkt in der Werkstatt an."),
    ("fr", "Vous avez d'autres questions ?"),
])  # fmt: skip
def test_a_call_away_and_other_invitations(lang: str, text: str) -> None:
    assert "invitation" in kinds(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Patients are welcome to bring their own records."),
    ("de", "Neue Kunden erhalten zehn Prozent Rabatt."),
    ("fr", "Les nouveaux clients reçoivent un bon de réduction."),
    ("it", "La nuova sede è a due passi di distanza dalla stazione."),
    ("sv", "Flytten till nya lokaler tog bort mycket stress."),
])  # fmt: skip
def test_what_these_families_leave_out(lang: str, text: str) -> None:
    assert not kinds(text, lang)
