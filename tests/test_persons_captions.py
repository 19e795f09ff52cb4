"""Persons whose name stands in an element of its own and whose role opens the next element
(issue 11): a brand with the role under it, a photo caption over a long bio, a portrait card
whose given name no list knows; and role words of more languages. Each failed before
checks/detectors/persons/captions.py and the role families added to roles.json with it.

Every fixture is written for these tests (fictional people and businesses).
"""

from __future__ import annotations

from checks.api import SiteContext
from checks.detectors.persons import PersonDetector
from checks.facts import Fact
from crawler.page import Page


def people(body: str, url: str = "https://praktyka.example/zespol.html") -> dict[str, Fact]:
    page = Page.from_html(url, f"<html><body>{body}</body></html>")
    return {f.value: f for f in PersonDetector.from_context(SiteContext(url)).detect(page)}


def test_brand_name_with_the_role_in_the_next_span() -> None:
    found = people("<header><a href='index.html'><span class='t'><strong>Claire Vasseur"
                   "</strong></span> <span class='s'>Orthoptiste Diplômée</span> <span>01 23 45 "
                   "67 89 | Rennes</span></a></header><main><p>Bienvenue.</p></main>",
                   "https://cabinet.example/")
    assert found["Claire Vasseur"].data["role"] == "Orthoptiste Diplômée"


def test_caption_over_a_long_bio_that_opens_with_the_role() -> None:
    bio = ("terapeutka ręki, prowadzi zajęcia dla dzieci i dorosłych po urazach, ukończyła "
           "studia podyplomowe i liczne kursy, pracuje z pacjentami od wielu lat")
    found = people("<main><div class='slide'><img src='a.jpg' alt=''><div class='caption'>"
                   f"<h5>Zofia Krawczyk</h5><p>{bio}</p></div></div></main>")
    assert found["Zofia Krawczyk"].data["role"] == "terapeutka ręki"


def test_a_sentence_after_the_name_is_no_role_line() -> None:
    found = people("<main><h5>Zofia Krawczyk</h5><p>Zapraszamy do kontaktu w sprawie "
                   "terapii.</p><h5>Nasze Usługi</h5><p>terapeuta prowadzi zajęcia</p></main>")
    assert found == {}


def test_portrait_card_with_an_unknown_given_name_and_a_role_line() -> None:
    def card(img: str, name: str) -> str:
        return (f"<div class='member'><img src='{img}' alt='{name}'><h3>{name}</h3>"
                "<p><strong>Helsesekretær</strong></p><p>Har jobbet her i mange år.</p></div>")
    found = people("<main>" + card("k.jpg", "Kirsti Haugland") + card("w.jpg", "Wanpen Sirisuk")
                   + "</main>", "https://legesenter.example/ansatte.html")
    assert set(found) == {"Kirsti Haugland", "Wanpen Sirisuk"}
    assert found["Wanpen Sirisuk"].data["role"] == "Helsesekretær"


def test_unknown_name_without_a_photo_is_not_taken() -> None:
    found = people("<main><div><h3>Wanpen Sirisuk</h3><p><strong>Helsesekretær</strong></p>"
                   "</div></main>", "https://legesenter.example/ansatte.html")
    assert found == {}


def test_finnish_role_before_a_name_in_a_heading() -> None:
    found = people("<main><h1>Lasten ja aikuisten fysioterapeutti Aino-Liisa Mäkelä</h1>"
                   "<p>Tervetuloa vastaanotolle.</p></main>", "https://fysio.example/")
    assert found["Aino-Liisa Mäkelä"].data["role"] == "fysioterapeutti"


# -- the copyright line's holder (checks/detectors/persons/notices.py) ------------------------


def test_copyright_holder_who_is_a_person() -> None:
    found = people("<main><p>Welkom in de praktijk.</p></main><footer><p>&copy; 2024 Femke "
                   "Verhulst &amp; Praktijk Lindenhof &middot; <a href='c.html'>Contact</a></p>"
                   "</footer>", "https://praktijk.example/")
    assert found["Femke Verhulst"].data["source"] == "copyright"


def test_copyright_holder_that_is_a_business_or_a_phrase() -> None:
    found = people("<footer><p>© 2024 Marco Bellini Srl. Tutti i diritti riservati.</p>"
                   "<p>Copyright 2023 Estate Planning Partners</p></footer>",
                   "https://studio.example/")
    assert found == {}
