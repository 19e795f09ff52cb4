"""A table of office or opening hours is one availability finding, whatever the language and
however the rows are laid out (issue 11, round 3). Tables are written for these tests, not
taken from the corpus."""

from __future__ import annotations

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import ReassuranceDetector
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))


def availability(body: str, lang: str) -> list[str]:
    page = Page.from_html("https://acme.test/visit",
                          f"<html lang='{lang}'><body><main>{body}</main></body></html>")
    return [f.value for f in DETECTOR.detect(page) if f.data["kind"] == "availability"]


def rows(days: list[str], hours: list[str], layout: str) -> str:
    pairs = list(zip(days, hours, strict=True))
    if layout == "table":
        return "<table>" + "".join(f"<tr><td>{d}</td><td>{h}</td></tr>" for d, h in pairs) + (
            "</table>")
    if layout == "two-lines":  # the day and its hours in two boxes, one above the other
        return "".join(f"<div><div>{d}</div><div>{h}</div></div>" for d, h in pairs)
    return "".join(f"<p>{d}: {h}</p>" for d, h in pairs)


@pytest.mark.parametrize(("lang", "heading", "days", "hours"), [
    ("en", "Phone lines", ["Monday", "Wednesday", "Saturday"],
     ["8am - 4pm", "10am - 6pm", "Closed"]),
    ("de", "Telefonzeiten", ["Dienstag", "Donnerstag", "Sonntag"],
     ["7:30 - 11:00 Uhr", "15:00 - 19:00 Uhr", "geschlossen"]),
    ("fr", "Horaires du secrétariat", ["Mardi", "Vendredi"], ["8h30 - 12h", "14h - 17h30"]),
    ("es", "Horario de atención", ["Lunes a jueves", "Viernes"], ["9:00 - 14:00", "9:00 - 13:00"]),
    ("it", "Orari di segreteria", ["Martedì", "Giovedì"], ["9:00 - 12:30", "15:00 - 18:00"]),
    ("nl", "Openingsuren balie", ["Maandag", "Woensdag"], ["8u30 - 12u", "13:00 - 16:00"]),
    ("pl", "Godziny pracy biura", ["Poniedziałek", "Środa"], ["8:00 - 15:00", "10:00 - 18:00"]),
    ("pt", "Horário da receção", ["Segunda-feira", "Quarta-feira"],
     ["9:00 - 18:00", "9:00 - 13:00"]),
    ("sv", "Telefontider", ["Måndag", "Torsdag"], ["9:00 - 11:00", "13:00 - 15:00"]),
    ("fi", "Puhelinajat", ["Tiistai", "Perjantai"], ["8.00 - 10.00", "12.00 - 14.00"]),
])  # fmt: skip
@pytest.mark.parametrize("layout", ["table", "two-lines", "paragraphs"])
def test_a_table_of_hours_is_one_finding(lang: str, heading: str, days: list[str],
                                          hours: list[str], layout: str) -> None:
    found = availability(f"<h2>{heading}</h2>{rows(days, hours, layout)}", lang)
    assert len(found) == 1, found
    block = found[0]
    assert block.startswith(heading)  # an hours heading opens the block
    assert all(d in block and h in block for d, h in zip(days, hours, strict=True))


def test_rows_without_a_heading_still_make_one_block() -> None:
    body = rows(["Tuesday", "Thursday"], ["9:00 - 12:00", "14:00 - 17:00"], "table")
    assert availability(f"<h2>Where to find us</h2>{body}", "en") == [
        "Tuesday 9:00 - 12:00 Thursday 14:00 - 17:00"]


def test_a_list_of_days_without_hours_is_no_table() -> None:
    days = "<ul><li>Monday</li><li>Tuesday</li><li>Wednesday</li></ul><p>Pick a day.</p>"
    table = rows(["Monday", "Tuesday"], ["9-12", "13-17"], "table")
    assert availability(f"<h2>Opening hours</h2>{days}<h2>Opening hours</h2>{table}", "en") == [
        "Opening hours Monday 9-12 Tuesday 13-17"]


def test_a_day_in_a_sentence_ends_the_table() -> None:
    body = ("<p>Monday 9-5</p><p>Friday 9-1</p>"
            "<p>Saturday 10-12 is for emergencies. We call you back by the evening.</p>")
    found = availability(f"<h3>Office hours</h3>{body}", "en")
    assert found[0] == "Office hours Monday 9-5 Friday 9-1"
