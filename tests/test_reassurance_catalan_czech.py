"""Catalan and Czech reassurance: each family found in sentences of each language (formal and
informal "you", the first person of a sole trader), promises normalised, tables of hours,
calls to action, and what must stay out: cookie and data-protection notices, sentences about
something else, someone else's phone line, privacy pages. Sentences are written for these
tests, not taken from the corpus."""

from __future__ import annotations

import html

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector, parse_promise
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def page(body: str, lang: str, url: str = "https://acme.test/contacte") -> Page:
    return Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")


def para(text: str) -> str:
    return f"<main><p>{html.escape(text)}</p></main>"


def found(text: str, lang: str) -> dict[str, str]:
    """kind -> language of what the detector finds in ``text`` (anti-patterns by name)."""
    return {f.data.get("anti", f.data["kind"]): f.data["language"]
            for f in DETECTOR.detect(page(para(text), lang))}


FAMILIES = ["response_time", "human", "availability", "guarantee", "invitation"]


@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("ca", "Envia'ns el formulari i et respondrem en un termini de 48 hores.", "response_time"),
    ("ca", "Ens posarem en contacte amb vostè tan aviat com sigui possible.", "response_time"),
    ("ca", "Responem tots els correus el mateix dia.", "response_time"),
    ("ca", "Rebreu el pressupost en dos dies laborables.", "response_time"),
    ("ca", "Al telèfon sempre t'atendrà una persona real, no una màquina.", "human"),
    ("ca", "Parlaràs directament amb la fisioterapeuta que et tractarà.", "human"),
    ("ca", "Som un despatx petit i oferim un tracte proper i personal.", "human"),
    ("ca", "Sense centraletes: truques i contesta l'equip.", "human"),
    ("ca", "Atenem per telèfon de dilluns a divendres, de 9 a 18 h.", "availability"),
    ("ca", "Estem disponibles per WhatsApp fins a les vuit del vespre.", "availability"),
    ("ca", "En cas d'urgència, truqueu-nos directament al mòbil.", "availability"),
    ("ca", "Deixa'ns el teu número i et truquem nosaltres.", "availability"),
    ("ca", "Demana'ns pressupost sense compromís.", "guarantee"),
    ("ca", "La primera classe és gratuïta.", "guarantee"),
    ("ca", "Totes les reparacions tenen un any de garantia.", "guarantee"),
    ("ca", "Estarem encantats d'ajudar-te amb el que necessitis.", "invitation"),
    ("ca", "No dubtis a escriure'ns si tens cap pregunta.", "invitation"),
    ("ca", "Teniu dubtes sobre les inscripcions?", "invitation"),
    ("ca", "Truqui'ns per reservar la seva primera sessió.", "invitation"),
    ("ca", "Ens pots escriure per WhatsApp o per correu.", "invitation"),
    ("ca", "Contacta amb nosaltres per a qualsevol consulta sobre els cursos.", "invitation"),
    ("cs", "Napište nám a ozveme se vám do 24 hodin.", "response_time"),
    ("cs", "Ozveme se ti co nejdříve.", "response_time"),
    ("cs", "Na poptávky odpovídáme obvykle do dvou pracovních dnů.", "response_time"),
    ("cs", "Cenovou nabídku obdržíte do tří dnů.", "response_time"),
    ("cs", "U nás s vámi vždy mluví skutečný člověk, žádný automat.", "human"),
    ("cs", "Jednáte vždy přímo s majitelem firmy.", "human"),
    ("cs", "Zakládáme si na individuálním přístupu ke každému klientovi.", "human"),
    ("cs", "Ordinace je otevřena od pondělí do čtvrtka.", "availability"),
    ("cs", "Jsme tu pro vás každý všední den.", "availability"),
    ("cs", "V naléhavých případech volejte na mobil.", "availability"),
    ("cs", "Jsme k zastižení telefonicky i přes WhatsApp.", "availability"),
    ("cs", "Úvodní konzultace je zdarma a nezávazná.", "guarantee"),
    ("cs", "Na veškeré opravy poskytujeme záruku 24 měsíců.", "guarantee"),
    ("cs", "Zaměření a cenová nabídka zdarma.", "guarantee"),
    ("cs", "Máte otázky? Neváhejte nás kontaktovat.", "invitation"),
    ("cs", "Zavolej nám a domluvíme si termín.", "invitation"),
    ("cs", "Těšíme se na vaši zprávu.", "invitation"),
    ("cs", "Rádi vám odpovíme na všechny dotazy.", "invitation"),
    ("cs", "Kontaktujte nás pro nezávaznou nabídku.", "invitation"),
    ("cs", "Objednejte se online nebo telefonicky.", "invitation"),
])  # fmt: skip
def test_each_family_in_catalan_and_czech(lang: str, text: str, kind: str) -> None:
    assert found(text, lang).get(kind) == lang, (text, found(text, lang))


@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("ca", "Et respondré personalment abans de 24 hores.", "response_time"),
    ("ca", "Vols fer una reforma? Escriu-me i en parlem.", "invitation"),
    ("ca", "Tens un projecte al cap? Truca'm, sense compromís.", "invitation"),
    ("cs", "Ozvu se vám ještě týž den.", "response_time"),
    ("cs", "Napište mi, rád vám poradím.", "invitation"),
    ("cs", "Na každou poptávku osobně odpovídám.", "human"),
])  # fmt: skip
def test_sole_traders_in_the_first_person(lang: str, text: str, kind: str) -> None:
    assert found(text, lang).get(kind) == lang, text


@pytest.mark.parametrize(("lang", "text", "anti"), [
    ("ca", "Missatge automàtic: si us plau, no respongueu a aquest correu.", "noreply"),
    ("ca", "No oferim atenció telefònica durant l'agost.", "no_phone_support"),
    ("ca", "A causa de l'alt volum de consultes, la resposta pot trigar fins a 10 dies.",
     "high_volume"),
    ("cs", "Telefonické poradenství neposkytujeme.", "no_phone_support"),
    ("cs", "Požadavky přijímáme výhradně přes kontaktní formulář.", "ticket_only"),
    ("cs", "Z důvodu vysokého počtu dotazů se odpověď může zpozdit.", "high_volume"),
])  # fmt: skip
def test_anti_patterns(lang: str, text: str, anti: str) -> None:
    assert anti in found(text, lang), text


@pytest.mark.parametrize(("lang", "text"), [
    # A cookie or data-protection notice, whatever it promises.
    ("ca", "Utilitzem galetes pròpies i de tercers; contacta amb nosaltres si tens dubtes."),
    ("ca", "Sobre les teves dades personals et respondrem en el termini d'un mes."),
    ("cs", "Tento web používá soubory cookies, kontaktujte nás s dotazy."),
    ("cs", "Na žádosti o výmaz osobních údajů odpovíme do 30 dnů."),
    # Something else: a bakery's history, a delivery, results after a few weeks.
    ("ca", "El nostre forn fa pa artesà des de 1985."),
    ("ca", "Enviament gratuït en 24 hores a tot Catalunya."),
    ("cs", "Naše pekárna peče chléb od roku 1995."),
    ("cs", "Doprava zdarma do 24 hodin po celé republice."),
    ("cs", "Výsledky jsou vidět po 2-3 týdnech cvičení."),
    # Someone else's phone line.
    ("ca", "La teva asseguradora té un telèfon d'atenció 24 hores."),
    ("cs", "Škodu nahlaste na zákaznické lince své pojišťovny."),
    # Bare headings and buttons.
    ("ca", "Contacte"),
    ("ca", "Escriu-nos"),
    ("cs", "Kontakt"),
    ("cs", "Napište nám"),
])  # fmt: skip
def test_what_stays_out(lang: str, text: str) -> None:
    assert not set(found(text, lang)) & set(FAMILIES), (text, found(text, lang))


@pytest.mark.parametrize(("lang", "text"), [
    ("pl", "Efekty są widoczne po 2-3 zabiegach."),  # Polish 'po' is no Czech Monday
    ("es", "Reserva tu mesa online."),
    ("it", "Il contesto conta sempre."),
])  # fmt: skip
def test_the_new_entries_leave_other_languages_alone(lang: str, text: str) -> None:
    assert not set(found(text, lang)) & set(FAMILIES), text


@pytest.mark.parametrize(("text", "lang", "hours", "business_days", "same_day"), [
    ("Resposta en 24 hores.", "ca", 24.0, None, False),
    ("Et respondrem en menys de quaranta-vuit hores.", "ca", 48.0, None, False),
    ("Resposta en 2 dies laborables.", "ca", None, 2.0, False),
    ("Et truquem el mateix dia.", "ca", None, None, True),
    ("Et respondrem el següent dia laborable.", "ca", None, 1.0, False),
    ("Responem en 2-3 dies.", "ca", 72.0, None, False),
    ("Odpovíme do 24 hodin.", "cs", 24.0, None, False),
    ("Ozveme se do dvou pracovních dnů.", "cs", None, 2.0, False),
    ("Ozveme se ještě týž den.", "cs", None, None, True),
    ("Ozveme se do hodiny.", "cs", 1.0, None, False),
    ("Odpovíme během 2-3 dnů.", "cs", 72.0, None, False),
])  # fmt: skip
def test_promises(text: str, lang: str, hours: float | None, business_days: float | None,
                  same_day: bool) -> None:
    promise = parse_promise(text, lang)
    assert promise is not None
    assert (promise["hours"], promise["business_days"], promise["same_day"]) == (
        hours, business_days, same_day)


@pytest.mark.parametrize(("lang", "body", "expected"), [
    ("ca", "<h3>Horari d'atenció</h3><table><tr><td>Dilluns</td><td>9:00 - 14:00</td></tr>"
           "<tr><td>Dimecres</td><td>16:00 - 20:00</td></tr>"
           "<tr><td>Diumenge</td><td>Tancat</td></tr></table>",
     "Horari d'atenció Dilluns 9:00 - 14:00 Dimecres 16:00 - 20:00 Diumenge Tancat"),
    ("cs", "<p>Po: 8:00 - 16:00</p><p>Út: 8:00 - 16:00</p><p>Pá: 8:00 - 12:00</p>",
     "Po: 8:00 - 16:00 Út: 8:00 - 16:00 Pá: 8:00 - 12:00"),
    ("cs", "<p>Po–Pá 8:00–16:00</p>", "Po–Pá 8:00–16:00"),
    ("ca", "<p>Dl-dv: 9:00-14:00</p>", "Dl-dv: 9:00-14:00"),
])  # fmt: skip
def test_hours(lang: str, body: str, expected: str) -> None:
    facts = [f for f in DETECTOR.detect(page(f"<main>{body}</main>", lang, "https://acme.test/"))
             if f.data["kind"] == "availability"]
    assert [(f.value, f.data["language"]) for f in facts] == [(expected, lang)]


@pytest.mark.parametrize(("lang", "link"), [
    ("ca", "<a href='mailto:hola@acme.test'>Escriu-nos</a>"),
    ("ca", "<a href='tel:+34600000000'>Truca’ns ara</a>"),
    ("cs", "<a href='/kontakt'>Napište nám</a>"),
    ("cs", "<a href='tel:+420603123456'>Zavolejte nám</a>"),
])  # fmt: skip
def test_a_contact_button_is_an_invitation(lang: str, link: str) -> None:
    facts = list(DETECTOR.detect(page(f"<main>{link}</main>", lang, "https://acme.test/")))
    assert [(f.data["kind"], f.data["language"], f.data.get("cta")) for f in facts] == [
        ("invitation", lang, True)]


@pytest.mark.parametrize("url", [
    "https://acme.test/politica-de-privacitat",
    "https://acme.test/avis-legal.html",
    "https://acme.test/zasady-ochrany-osobnich-udaju",
    "https://acme.test/obchodni-podminky/",
])
def test_privacy_and_legal_pages_are_skipped(url: str) -> None:
    body = para("Et respondrem en 30 dies. Odpovíme do 30 dnů.")
    assert list(DETECTOR.detect(page(body, "ca", url))) == []
    assert len(list(DETECTOR.detect(page(body, "ca", "https://acme.test/contacte")))) == 2


def test_a_day_abbreviation_is_a_whole_word() -> None:
    # Czech 'Po' ... 'ne' must not read 'Powtórne' (Polish) as 'Monday to Sunday', nor a
    # price list under it as a table of hours.
    rows = "".join(f"<p>Powtórne leczenie endodontyczne — {n} kanał {p} zł</p>"
                   for n, p in ((1, 1200), (2, 1500), (3, 2000)))
    assert [f for f in DETECTOR.detect(page(f"<main>{rows}</main>", "pl", "https://a.test/"))
            if f.data["kind"] == "availability"] == []
