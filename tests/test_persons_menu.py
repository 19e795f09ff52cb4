"""A page's own menus are not its people (issue 11, "Persons reported that are not persons"):
a footer's list of pages whose first word is also a given name ("Le", "Chi", "Mario") names
nobody, while a person's own page in the menu, with a title, a role word or their own address,
still names them. Every fixture is written for these tests (fictional people and businesses).
"""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.persons import PersonDetector
from crawler.page import Page


def names(body: str, url: str = "https://studio.example/") -> set[str]:
    page = Page.from_html(url, f"<html lang='it'><body>{body}</body></html>")
    return {f.value for f in PersonDetector.from_context(SiteContext(url)).detect(page)}


_FOOTER = ("<footer><h4>Esplora</h4><ul><li><a href='/'>Inizio</a></li>"
           "<li><a href='/chi-lavora'>Chi Lavora Qui</a></li>"
           "<li><a href='/percorsi'>Le Terapie</a></li>"
           "<li><a href='/prezzi'>Le Tariffe</a></li></ul></footer>")


def test_a_footer_list_of_pages_names_nobody() -> None:
    assert names(f"<main><p>Benvenuti nel nostro studio.</p></main>{_FOOTER}") == set()


def test_people_in_the_menu_with_a_title_are_still_people() -> None:
    body = ("<main><h2>Lo studio</h2><p>Ogni percorso inizia con un colloquio.</p></main>"
            "<footer><ul><li><a href='/'>Inizio</a></li>"
            "<li><a href='/marta'>Dott.ssa Marta Gallina</a></li>"
            "<li><a href='/pietro'>Dott. Pietro Sala</a></li>"
            "<li><a href='/percorsi'>Le Terapie</a></li></ul></footer>")
    assert names(body) == {"Marta Gallina", "Pietro Sala"}


def test_the_labels_of_buttons_side_by_side_are_nobody() -> None:
    from checks.detectors.persons.evidence import credible

    page = Page.from_html(
        "https://studio.example/",
        "<main><h2>Vuoi darci una mano?</h2><div class='actions'>"
        "<a href='dona.html' class='panel-btn'>Dona Ora</a>"
        "<button type='button'>Contattaci</button></div></main>")
    line = "Dona Ora Contattaci"
    assert not credible(page, line, line, line, 0, "text", [])
    assert credible(page, "Dona Bellini", "Dona Bellini", "Dona Bellini", 0, "text", [])


# Street words and "our" are never part of a name, in any of the languages read (issue 11):
# an address line beside a named doctor, a section name beside a role word.
@pytest.mark.parametrize(("lang", "body", "person"), [
    ("pt", "<p>Dra. Ana Souza</p><p>Dr. Paulo Lima</p><p>Rua Augusto Ferreira, 120</p>"
     "<p>Tel. (11) 3456-7890</p>", "Ana Souza|Paulo Lima"),
    ("it", "<p>Le Nostre Sedi – Presidente</p><p>Mario Rossi – Presidente</p>", "Mario Rossi"),
])  # fmt: skip
def test_streets_and_our_are_not_persons(lang: str, body: str, person: str) -> None:
    page = Page.from_html("https://a.test/team",
                          f"<html lang='{lang}'><body><main>{body}</main></body></html>")
    found = [f.value for f in PersonDetector.from_context(SiteContext("https://a.test/"))
             .detect(page)]
    assert found == person.split("|")
