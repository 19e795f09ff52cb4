"""The report's persons across pages: one person written two ways on a site is reported once,
under the fullest name (issue 11: "Javier Ruiz" in a footer and "Javier Ruiz Moreno" on the
team page; "Sara Vandamme" and "Sara Van Damme")."""

from __future__ import annotations

from contactable.report import _person, persons
from tests.sitemodels import fact, site


def test_a_shorter_and_a_fuller_spelling_of_one_name_are_one_person() -> None:
    model = site({"/": ["/team", "/contact"], "/team": [], "/contact": []}, {
        "/": [fact("person", "Javier Ruiz", role="Gerente", source="by")],
        "/team": [fact("person", "Javier Ruiz Moreno", role="Gerente", source="schema"),
                  fact("person", "Nuria Ruiz Moreno", role="Entrenadora", source="schema"),
                  fact("person", "Mychal Gallop", role="Pastor")],
        "/contact": [fact("person", "Mychal Joseph Gallop", role="Pastor"),
                     fact("person", "Sara Vandamme", role="Huisarts"),
                     fact("person", "Sara Van Damme", role="Huisarts")],
    })
    reported = {p["name"]: sorted(pg["url"] for pg in p["pages"])
                for p in map(_person, persons(model))}
    assert set(reported) == {"Javier Ruiz Moreno", "Nuria Ruiz Moreno", "Mychal Joseph Gallop",
                             "Sara Van Damme"}
    assert reported["Javier Ruiz Moreno"] == ["https://a.test/", "https://a.test/team"]
    # Two fuller names fit "Ana Ruiz": she stays on her own, as does another Ruiz.
    model = site({"/": []}, {"/": [fact("person", "Ana Ruiz", role="Socia"),
                                    fact("person", "Ana Ruiz Moreno", role="Socia"),
                                    fact("person", "Ana Ruiz Pérez", role="Socia"),
                                    fact("person", "Pablo Ruiz", role="Socio")]})
    assert sorted(p.value for p in persons(model)) == [
        "Ana Ruiz", "Ana Ruiz Moreno", "Ana Ruiz Pérez", "Pablo Ruiz"]
