"""Page and sentence language: <html lang> first, else a vote of function words."""

from __future__ import annotations

import pytest

from checks.language import LANGUAGES, _stopwords, page_language, text_language
from checks.lexicons import load
from crawler.page import Page

EN = "We are a small family bakery and we bake all of our bread by hand every morning."
DE = "Wir sind eine kleine Bäckerei und backen unser Brot jeden Morgen mit der Hand."
FR = "Nous sommes une petite boulangerie et nous faisons notre pain à la main chaque matin."
ES = "Somos una pequeña panadería y hacemos nuestro pan a mano todas las mañanas con cariño."
IT = "Siamo una piccola panetteria di famiglia e il nostro pane è fatto a mano ogni mattina."
NL = "Wij zijn een kleine bakkerij en ons brood wordt elke ochtend met de hand gebakken."
PT = "Somos uma pequena padaria familiar e o nosso pão é feito à mão todas as manhãs."
PL = "Jesteśmy małą rodzinną piekarnią, a nasz chleb jest pieczony ręcznie każdego ranka."
SV = "Vi är ett litet familjebageri och vårt bröd bakas för hand varje morgon."
CA = "Som una petita fleca familiar i fem el nostre pa cada matí, amb temps i també amb paciència."
CS = "Jsme malá rodinná pekárna a náš chléb pečeme ručně každé ráno, protože nám na tom záleží."


def page(body: str, lang: str | None = None) -> Page:
    attr = f' lang="{lang}"' if lang is not None else ""
    return Page.from_html("https://bakery.test/", f"<html{attr}><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "en"), ("en-GB", "en"), ("DE", "de"), ("de-AT", "de"), ("fr_FR", "fr"),
     ("fr-CA", "fr"), ("es-419", "es"), ("ES", "es"), ("it-IT", "it"), ("nl-BE", "nl"),
     ("pt-BR", "pt"), ("pl", "pl"), ("sv-SE", "sv"), ("ca", "ca"), ("ca-ES", "ca"),
     ("cs-CZ", "cs")],
)  # fmt: skip
def test_lang_attribute_decides(lang: str, expected: str) -> None:
    # When the text does not clearly speak another language (names, prices, a menu), the
    # attribute is the site's own statement.
    text = "Bäckerei Brandt · Sourdough · Croissant 1,20 € · Tel. 030 1234567 · Kontakt"
    assert page_language(page(f"<main><p>{text}</p></main>", lang)) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [("en", DE, "de"), ("de-AT", EN, "en")])
def test_a_text_clearly_in_another_language_overrules_the_attribute(
        lang: str, text: str, expected: str) -> None:
    # Site templates ship with lang="en" whatever they are filled with.
    assert page_language(page(f"<main><p>{text}</p></main>", lang)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [(EN, "en"), (DE, "de"), (FR, "fr"), (ES, "es"), (IT, "it"), (NL, "nl"), (PT, "pt"),
     (PL, "pl"), (SV, "sv"), (CA, "ca"), (CS, "cs")],
)  # fmt: skip
def test_vote_without_attribute(text: str, expected: str) -> None:
    assert page_language(page(f"<main><p>{text}</p></main>")) == expected


@pytest.mark.parametrize("lang", ["ja", "hu", "x-default", ""])
def test_other_attribute_falls_back_to_the_vote(lang: str) -> None:
    assert page_language(page(f"<main><p>{FR}</p></main>", lang)) == "fr"


def test_unknown_when_no_function_words() -> None:
    assert page_language(page("<main><p>Brot · Pain · Pan · Bread</p><p>0123</p></main>")) == ""
    assert page_language(page("")) == ""


def test_vote_reads_only_the_first_kilobytes() -> None:
    # A long French page followed by an English legal footer is French.
    body = f"<main>{f'<p>{FR}</p>' * 60}</main><footer>{f'<p>{EN}</p>' * 200}</footer>"
    assert page_language(page(body)) == "fr"


def test_worked_out_once_a_page() -> None:
    p = page(f"<main><p>{DE}</p></main>")
    assert page_language(p) == "de"
    assert p.derived[page_language] == "de"
    p.derived[page_language] = "es"  # the cached answer wins: detectors share it
    assert page_language(p) == "es"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Call us and we will get back to you.", "en"),
        ("Rufen Sie uns an, wir sind für Sie da.", "de"),
        ("Appelez-nous, nous sommes à votre écoute.", "fr"),
        ("Llámanos y te atendemos con mucho gusto por la mañana.", "es"),
        ("Chiamaci, siamo sempre disponibili per te.", "it"),
        ("Neem gerust contact met ons op, wij helpen u graag verder.", "nl"),
        ("Fale conosco, estamos sempre disponíveis para você.", "pt"),
        ("Zadzwoń do nas, jesteśmy do Twojej dyspozycji.", "pl"),
        ("Ring oss, vi hjälper dig gärna med din fråga.", "sv"),
        ("Truca'ns i et respondrem amb molt de gust.", "ca"),
        ("Si tens qualsevol dubte, contacta amb nosaltres.", "ca"),
        ("Zavolejte nám, jsme tu pro vás.", "cs"),
        ("Máte dotaz? Napište nám, odpovíme vám také o víkendu.", "cs"),
        ("24/7", ""),
        ("Réactivité 24–48h", ""),
        ("Mo–Fr 8–17 Uhr", ""),
    ],
)
def test_text_language(sentence: str, expected: str) -> None:
    assert text_language(sentence) == expected


def test_one_vote_is_enough_when_asked() -> None:
    assert text_language("Rufen Sie einfach an!") == ""
    assert text_language("Rufen Sie einfach an!", min_votes=1) == "de"
    # A tie decides nothing.
    assert text_language("die the", min_votes=1) == ""
    # Nor does a slim lead: the winner needs twice the votes of the next language.
    assert text_language("die der und the and", min_votes=1) == ""  # 3 against 2
    assert text_language("die der the", min_votes=1) == "de"  # 2 against 1


def test_stopwords_name_one_language_each() -> None:
    owners = _stopwords()
    for lang in LANGUAGES:
        words = load("language")[lang]
        assert len(words) >= 25, lang
        assert len(set(words)) == len(words), lang
        kept = [w for w in words if owners.get(w) == lang]
        assert len(kept) >= 20, lang  # few clashes: the vote stays informative


def test_a_template_lang_does_not_overrule_the_text() -> None:
    # Site templates keep lang="en" whatever language they are filled with: the numbers of a
    # Flemish practice are then read as Belgian (nl: BE or NL), not as Australian.
    from checks.detectors.phones import PhoneDetector
    from checks.language import page_locale

    nl = ("<html lang='en'><body><main><h1>Kinesitherapie aan huis</h1><p>Wij zijn een kleine "
          "praktijk en we komen ook bij u thuis. Voor een afspraak kan u ons bellen of een "
          "bericht sturen: we nemen zo snel mogelijk contact met u op.</p>"
          "<p>Gsm: 0470 12 34 56</p></main></body></html>")
    p = Page.from_html("https://praktijk.test/", nl)
    assert page_language(p) == "nl"
    assert page_locale(p) == "nl"
    assert [f.value for f in PhoneDetector().detect(p)] == ["+32470123456"]
    # A few words of another language do not overrule a declared one.
    en = Page.from_html("https://a.test/", "<html lang='en-GB'><body><p>We are a small team "
                        "in Leeds and we answer every message. Motto: wij helpen u graag."
                        "</p></body></html>")
    assert (page_language(en), page_locale(en)) == ("en", "en-gb")


@pytest.mark.parametrize(("text", "expected"), [
    # Catalan and Spanish, Italian, French share many words: neither is taken for the other.
    ("Escríbenos y te responderemos con mucho gusto lo antes posible.", "es"),
    ("Somos una clínica pequeña y también atendemos los sábados.", "es"),
    ("Siamo una piccola clinica e rispondiamo anche il sabato.", "it"),
    ("Nous sommes une petite équipe et nous répondons aussi le samedi.", "fr"),
    ("Som una clínica petita i també atenem els dissabtes amb cita.", "ca"),
    # Czech and Polish.
    ("Jesteśmy małą kliniką i odpowiadamy także w soboty.", "pl"),
    ("Jsme malá klinika a odpovídáme také v sobotu.", "cs"),
])
def test_catalan_and_czech_are_told_from_their_neighbours(text: str, expected: str) -> None:
    assert text_language(text) == expected
