"""Norwegian (bokmål), Danish and Finnish reassurance (issue 11, round 4): each family found
in a sentence of each language, the page's language recognised, and hours written with
'kl.'/'klo' kept in one sentence. Sentences are written for these tests, not taken from the
corpus."""

from __future__ import annotations

import html

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from checks.language import page_language, text_language
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def page(text: str, lang: str) -> Page:
    body = f"<main><p>{html.escape(text)}</p></main>"
    return Page.from_html("https://acme.test/kontakt",
                          f"<html lang='{lang}'><body>{body}</body></html>")


def found(text: str, lang: str) -> dict[str, str]:
    """kind -> language of what the detector finds in ``text``."""
    return {f.data["kind"]: f.data["language"] for f in DETECTOR.detect(page(text, lang))}


@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("nb", "Send oss en melding, så svarer vi deg innen to virkedager.", "response_time"),
    ("no", "Hos oss er det ekte mennesker som tar telefonen.", "human"),
    ("no", "Ta gjerne kontakt hvis du lurer på noe om timen din.", "invitation"),
    ("no", "Resepsjonen er åpen mandag til torsdag.", "availability"),
    ("no", "Befaringen er helt uforpliktende.", "guarantee"),
    ("da", "Vi vender tilbage til dig inden for 24 timer.", "response_time"),
    ("da", "Du taler altid direkte med den tekniker, der kommer ud til dig.", "human"),
    ("da", "Tøv ikke med at skrive, hvis noget er uklart.", "invitation"),
    ("da", "Butikken har åbent tirsdag til lørdag.", "availability"),
    ("da", "Alle henvendelser behandles fortroligt.", "guarantee"),
    ("fi", "Vastaamme kaikkiin viesteihin kahden arkipäivän kuluessa.", "response_time"),
    ("fi", "Puhelimeen vastaa aina oikea ihminen eikä kone.", "human"),
    ("fi", "Ota yhteyttä, jos kaipaat apua kuntoutuksen suunnitteluun.", "invitation"),
    ("fi", "Toimisto palvelee ma-pe ilman ajanvarausta.", "availability"),
    ("fi", "Ensimmäinen arviointikäynti on maksuton.", "guarantee"),
])
def test_each_family_in_norwegian_danish_finnish(lang: str, text: str, kind: str) -> None:
    language = {"nb": "no"}.get(lang, lang)
    assert found(text, lang).get(kind) == language


def test_a_promise_in_finnish_is_normalised() -> None:
    (fact,) = [f for f in DETECTOR.detect(page("Vastaamme 24 tunnin sisällä.", "fi"))
               if f.data["kind"] == "response_time"]
    assert fact.data["promise"]["hours"] == 24.0


@pytest.mark.parametrize(("text", "expected"), [
    ("Vi har dessverre ikke mulighet til å svare på alt, men vi gjør vårt beste for deg.", "no"),
    ("Vi har desværre ikke mulighed for at svare på alt, men vi gør vores bedste for jer.", "da"),
    ("Meillä on aina aikaa sinulle, ja vastaamme myös viikonloppuisin kun voimme.", "fi"),
])
def test_the_language_of_a_sentence(text: str, expected: str) -> None:
    assert text_language(text) == expected


def test_a_norwegian_page_without_lang_is_voted_norwegian() -> None:
    text = ("Vi holder til midt i sentrum, og du trenger ikke henvisning. Hva kan vi hjelpe "
            "deg med? Send oss noen ord, så tar vi kontakt igjen etter helgen.")
    assert page_language(Page.from_html("https://a.test/", f"<p>{text}</p>")) == "no"


def test_hours_with_kl_are_one_sentence() -> None:
    values = [f.value for f in DETECTOR.detect(page("Åpent tirsdag-fredag kl. 10:00-17:00.", "no"))]
    assert values == ["Åpent tirsdag-fredag kl. 10:00-17:00."]
