"""Persons named by a heading that is a title and a name (issue 11): practitioners' cards whose
bio is a list of degrees, in any language; long Iberian names with an initial. Each of these
failed before checks/detectors/persons/titled.py.

Every fixture is written for these tests (fictional people and businesses).
"""

from __future__ import annotations

from checks.api import SiteContext
from checks.detectors.persons import PersonDetector, clean_name
from checks.facts import Fact
from crawler.page import Page


def people(body: str, url: str = "https://clinica.example/medicos.html") -> dict[str, Fact]:
    page = Page.from_html(url, f"<html><body>{body}</body></html>")
    return {f.value: f for f in PersonDetector.from_context(SiteContext(url)).detect(page)}


def card(title_name: str, items: str) -> str:
    return (f"<div class='card'><img src='p.jpg'><div class='body'><h5>{title_name}</h5>"
            f"<ul><li>{items}</li><li>Residência em 2004</li></ul></div></div>")


def test_titled_heading_over_a_list_of_degrees_is_a_practitioner() -> None:
    found = people("<main>" + card("Dra. Tereza Quintal Azevedo", "Graduada pela UFMG")
                   + card("Dr. Osvaldo Prates", "Especialização em 2011") + "</main>")
    assert set(found) == {"Tereza Quintal Azevedo", "Osvaldo Prates"}
    assert found["Tereza Quintal Azevedo"].data["role"] == "Dra."


def test_titled_surname_alone_and_five_words_with_an_initial() -> None:
    found = people("<main>" + card("Dr. Vasquinho", "Mestrado em 1999")
                   + card("Dra. Ana Lúcia R. Moura Falcão", "Doutorado em 2008")
                   + card("Dra. Maria Teresa Paiva Lobo Nunes", "Graduada em 2001") + "</main>")
    assert set(found) == {"Vasquinho", "Ana Lúcia Moura Falcão", "Maria Teresa Paiva Lobo Nunes"}


def test_titled_line_role_under_the_name() -> None:
    found = people("<main><div><h4>Dr. med. Lorenz Kübler</h4><p>Facharzt für Orthopädie</p>"
                   "</div></main>", url="https://praxis.example/team.html")
    assert found["Lorenz Kübler"].data["role"] == "Facharzt für Orthopädie"


def test_heading_that_is_not_only_a_titled_name_names_nobody() -> None:
    found = people("<main><h3>Dr. Kübler empfiehlt diese Übungen für Ihren Rücken</h3>"
                   "<h3>Dr. Pepper Zero</h3><p>Refrigerante</p></main>")
    assert "Kübler" not in found


def test_an_initial_inside_a_name_is_no_title() -> None:
    assert clean_name("Ana Paula M. Leite", most=5) == "Ana Paula Leite"


def test_unknown_given_name_between_two_known_colleagues_is_staff() -> None:
    found = people("<main><h3>Unsere Ärzte</h3><ul><li><strong>Karl Wendeborn</strong></li>"
                   "<li><strong>Yelizar Ostrova-Wendeborn</strong></li>"
                   "<li><strong>Dr. Heike Wendeborn</strong></li></ul></main>",
                   url="https://praxis.example/")
    assert {"Karl Wendeborn", "Yelizar Ostrova-Wendeborn", "Heike Wendeborn"} <= set(found)


def test_unknown_words_after_one_known_name_are_no_staff() -> None:
    found = people("<main><ul><li>Karl Wendeborn</li><li>Zahnreinigung Prophylaxe</li>"
                   "</ul></main>", url="https://praxis.example/")
    assert "Zahnreinigung Prophylaxe" not in found


def test_initials_after_a_title_with_or_without_dots() -> None:
    assert clean_name("Dr J Edward Perkins") == "Edward Perkins"
    assert clean_name("Dr. J. R. Hartley", allow_single=True) == "Hartley"
    assert clean_name("J. Edward Perkins") is None  # no title: the initial is no name


def test_a_titled_name_the_page_comes_back_to_is_its_person() -> None:
    page = Page.from_html("https://chiro.test/", "<html lang='en'><body><main><p>Welcome to "
                          "the office of Dr J Edward Perkins. With over 30 years of practice, "
                          "Dr Perkins treats the whole family.</p></main></body></html>")
    assert [f.value for f in PersonDetector().detect(page)] == ["Edward Perkins"]


def test_a_titled_name_met_once_is_no_staff() -> None:
    # A name the page cites once (a founder of the discipline, a brand) is not its person.
    page = Page.from_html("https://chiro.test/", "<html lang='en'><body><main><p>Our methods "
                          "follow Dr. Daniel David Palmer, who founded the discipline in 1895."
                          "</p></main></body></html>")
    assert [f.value for f in PersonDetector().detect(page)] == []
