"""The places detector: opening hours and postal addresses, schema.org first, then visible text
(hours in EN, DE, FR, ES, IT, NL, PT, PL, SV). Every phrase of checks/lexicons/places.json is
used by a test below."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.addresses import format_address
from checks.api import SiteContext
from checks.detectors.places import PlaceDetector
from checks.facts import Fact
from checks.lexicons import load
from checks.opening_hours import DAYS, normalise, parse_hours
from checks.parsers import item_address, item_hours
from crawler.page import Page

LEX = load("places")
SITE = {"GB": "https://harbourjoinery.co.uk/", "US": "https://gracechapel.us/",
        "DE": "https://baeckerei-kunz.de/", "FR": "https://cabinet-moreau.fr/",
        "ES": "https://clinicaluna.es/", "AU": "https://harbourplumbing.com.au/",
        "IN": "https://mehtatools.in/", None: "https://example-shop.com/"}
LANG = {"GB": "en", "US": "en", "DE": "de", "FR": "fr", "ES": "es", "AU": "en", "IN": "en",
        None: ""}


def detect(body: str, region: str | None = "GB", lang: str | None = None) -> list[Fact]:
    url = SITE[region]
    html = f"<html lang='{LANG[region] if lang is None else lang}'><body>{body}</body></html>"
    return list(PlaceDetector.from_context(SiteContext(url)).detect(Page.from_html(url, html)))


def hours(text: str, region: str | None = "GB") -> list[str]:
    """Values of the opening-hours facts found in visible ``text`` (lines become <br>)."""
    body = "<p>" + text.replace("\n", "<br>") + "</p>"
    return [f.value for f in detect(body, region) if f.kind == "opening_hours"]


def addresses(text: str, region: str | None = "GB", lang: str | None = None) -> list[Fact]:
    body = "<p>" + text.replace("\n", "<br>") + "</p>"
    return [f for f in detect(body, region, lang) if f.kind == "address"]


def address(text: str, region: str | None = "GB") -> str | None:
    found = addresses(text, region)
    assert len(found) <= 1, found
    return found[0].value if found else None


def words(section: str) -> list[tuple[str, str]]:
    """(language, phrase) for every phrase of a lexicon section."""
    node = LEX[section]
    if isinstance(node, list):
        return [("", w) for w in node]
    return [(lang, w) for lang, ws in node.items() if not lang.startswith("_") for w in ws]


# -- opening hours in text: the formats of the brief and DETECTION_CASES row 29 ----------------


@pytest.mark.parametrize(("text", "region", "expected"), [
    ("Mon–Fri 9am–5pm", "GB", "Mo-Fr 09:00-17:00"),
    ("Monday to Friday 9:00 - 17:30", "GB", "Mo-Fr 09:00-17:30"),
    ("Mo-Fr 8-17 Uhr", "DE", "Mo-Fr 08:00-17:00"),
    ("Öffnungszeiten: Mo. – Fr. 9:00 – 18:00", "DE", "Mo-Fr 09:00-18:00"),
    ("Mo–Fr 08.00 - 18.00 Uhr", "DE", "Mo-Fr 08:00-18:00"),
    ("Nous sommes ouverts du lundi au vendredi de 9h à 18h.", "FR", "Mo-Fr 09:00-18:00"),
    ("Atendemos de lunes a viernes de 9:00 a 14:00", "ES", "Mo-Fr 09:00-14:00"),
    ("Open 7 days", "GB", "Mo-Su"),
    ("Emergency line 24/7", "GB", "Mo-Su 00:00-24:00"),
    ("9am-5pm Monday to Friday", "GB", "Mo-Fr 09:00-17:00"),
    ("Mon-Fri 9-5", "GB", "Mo-Fr 09:00-17:00"),
    ("Monday - Friday\n9:00 - 17:30", "GB", "Mo-Fr 09:00-17:30"),
    ("Fri & Sat 6pm-2am", "GB", "Fr,Sa 18:00-02:00"),
    ("Fr-Mo 10-16 Uhr", "DE", "Mo,Fr-Su 10:00-16:00"),
    ("Saturday 10-4", "US", "Sa 10:00-16:00"),
    ("Tuesday: 9:00am - 5:00pm", "US", "Tu 09:00-17:00"),
    ("du lundi au vendredi de 9h à 12h et de 14h à 18h", "FR", "Mo-Fr 09:00-12:00,14:00-18:00"),
    ("Lunes 9:00–13:00 · 16:00–20:00", "ES", "Mo 09:00-13:00,16:00-20:00"),
])  # fmt: skip
def test_hours_formats(text: str, region: str, expected: str) -> None:
    assert hours(text, region) == [expected]


def test_timetable_lines_form_one_fact() -> None:
    text = ("Surgery hours\nMonday 8:00 - 5:00\nTuesday 8:00 - 5:00\nWednesday 9:00 - 5:00\n"
            "Thursday 8:00 - 5:00\nFriday 8:00 - 1:00\nSaturday Closed\nSunday Closed")
    [fact] = [f for f in detect("<p>" + text.replace("\n", "<br>") + "</p>", "US")
              if f.kind == "opening_hours"]
    assert fact.value == "Mo,Tu,Th 08:00-17:00; We 09:00-17:00; Fr 08:00-13:00"
    assert (fact.method, fact.region, fact.visible) == ("text", "main", True)
    assert fact.data["spec"] == [
        {"days": ["Mo", "Tu", "Th"], "opens": "08:00", "closes": "17:00"},
        {"days": ["We"], "opens": "09:00", "closes": "17:00"},
        {"days": ["Fr"], "opens": "08:00", "closes": "13:00"},
    ]
    assert fact.data["raw"].startswith("Monday 8:00 - 5:00 Tuesday")
    assert "Monday 8:00" in fact.snippet


def test_round_the_clock_stands_apart_from_the_timetable() -> None:
    text = "Hours\nMon–Fri: 7am–5pm\nSat: 8am–1pm\n24/7 emergency line"
    facts = [f for f in detect("<p>" + text.replace("\n", "<br>") + "</p>", "AU")
             if f.kind == "opening_hours"]
    assert [(f.value, f.data["always"]) for f in facts] == [
        ("Mo-Fr 07:00-17:00; Sa 08:00-13:00", False), ("Mo-Su 00:00-24:00", True)]


def test_hours_in_footer_region_and_selector() -> None:
    [f] = [f for f in detect("<main><p>Welcome</p></main><footer><p>Mon-Fri 9am-5pm</p>"
                             "</footer>") if f.kind == "opening_hours"]
    assert (f.region, f.selector) == ("footer", "footer")


@pytest.mark.parametrize("text", [
    "Termin 05.10.2023",
    "Our sale runs Mar 12-14",
    "© 2012-2024 Harbour Joinery",
    "03/2015 – 03/2016",
    "Call (715) 362-3523 today",
    "Read John 3:16-18 on Sunday",
    "Club night: Mondays 7pm",
    "Every Monday · 7pm",
    "Sun 12-14 degrees",
    "Tickets £10-£20 Sat",
    "Ages 5-11 Saturday",
    "Monday: No office hours",
    "Septiembre–Junio · Lun–Vie",
    "Open daily",
    "Mo-Fr 25-30 Uhr",
])
def test_hours_negatives(text: str) -> None:
    assert hours(text, "GB") == [] and hours(text, "DE") == []


# -- opening hours: every lexicon entry --------------------------------------------------------


@pytest.mark.parametrize(("code", "token"), [
    (code, token) for days in LEX["days"].values() for code, ts in days.items() for token in ts])
def test_day_names(code: str, token: str) -> None:
    assert hours(f"{token.capitalize()} 9:00-17:00") == [f"{code} 09:00-17:00"]


@pytest.mark.parametrize(("code", "token"), [
    (code, token) for days in LEX["days_exact"].values() for code, ts in days.items()
    for token in ts])
def test_day_codes_are_case_sensitive(code: str, token: str) -> None:
    assert hours(f"{token} 9:00-17:00") == [f"{code} 09:00-17:00"]
    # "mo", "fr", "sa" are not words; Dutch writes "ma", "wo" ... in lower case too.
    if token.lower() not in ("mo", "fr", "sa", *EXACT):
        assert hours(f"{token.lower()} 9:00-17:00") == []


EXACT = {t for days in LEX["days_exact"].values() for ts in days.values() for t in ts}
WEAK = [(lang, code, t) for lang, days in LEX["days_weak"].items() if not lang.startswith("_")
        for code, ts in days.items() for t in ts]


@pytest.mark.parametrize(("lang", "code", "token"), WEAK)
def test_weak_days_only_end_a_range(lang: str, code: str, token: str) -> None:
    first = FIRST_LAST[lang][0]
    span = "Mo-" + code if DAYS.index(code) >= 2 else "Mo," + code
    assert hours(f"{first} - {token} 9:00-17:00") == [f"{span} 09:00-17:00"]
    assert hours(f"{first} {LEX['day_range'][lang][0]} {token} 9:00-17:00") == [
        f"{span} 09:00-17:00"]
    assert hours(f"{token} 9:00-17:00") == []  # Italian "di", Polish "do": not alone


def test_no_day_token_names_two_days() -> None:
    seen: dict[str, str] = {}
    for section in ("days", "days_exact"):
        for days in LEX[section].values():
            for code, ts in days.items():
                for t in ts:
                    key = t if section == "days_exact" else t.lower()
                    assert seen.setdefault(key, code) == code, t
    for lang, days in LEX["days_weak"].items():
        for code, ts in days.items() if not lang.startswith("_") else ():
            for t in ts:
                assert t not in seen and seen.setdefault(t.capitalize(), code) == code, t


FIRST_LAST = {"en": ("Monday", "Friday"), "de": ("Montag", "Freitag"),
              "fr": ("lundi", "vendredi"), "es": ("lunes", "viernes"),
              "it": ("lunedì", "venerdì"), "nl": ("maandag", "vrijdag"),
              "pt": ("segunda-feira", "sexta-feira"), "pl": ("poniedziałku", "piątku"),
              "sv": ("måndag", "fredag")}


@pytest.mark.parametrize(("lang", "word"), words("day_range"))
def test_day_ranges(lang: str, word: str) -> None:
    first, last = FIRST_LAST[lang]
    assert hours(f"{first} {word} {last} 9:00-17:00") == ["Mo-Fr 09:00-17:00"]


@pytest.mark.parametrize(("lang", "word"), words("day_from"))
def test_day_from(lang: str, word: str) -> None:
    first, last = FIRST_LAST[lang]
    to = LEX["day_range"][lang][0]
    assert hours(f"{word} {first} {to} {last} 9:00-17:00") == ["Mo-Fr 09:00-17:00"]
    # The word belongs to the timetable: its quoted text starts with it.
    raw = [f.data["raw"] for f in detect(f"<p>{word} {first} {to} {last} 9:00-17:00</p>")
           if f.kind == "opening_hours"]
    assert raw and raw[0].lower().startswith(word.lower()), raw


@pytest.mark.parametrize(("lang", "word"), words("time_range"))
def test_time_ranges(lang: str, word: str) -> None:
    assert hours(f"{FIRST_LAST[lang][0]} 9:00 {word} 17:00") == ["Mo 09:00-17:00"]


@pytest.mark.parametrize(("lang", "word"), words("time_from"))
def test_time_from(lang: str, word: str) -> None:
    to = LEX["time_range"][lang][0]
    assert hours(f"{FIRST_LAST[lang][0]} {word} 9:00 {to} 17:00") == ["Mo 09:00-17:00"]


@pytest.mark.parametrize(("lang", "word"), words("hour_prefix"))
def test_hour_prefix(lang: str, word: str) -> None:
    to = LEX["time_range"][lang][0]
    assert hours(f"{FIRST_LAST[lang][0]} {word} 9:00 {to} 17:00") == ["Mo 09:00-17:00"]
    # Like "8-17 Uhr", "kl. 8-17" is an hour range with one short day: the word is its unit.
    assert hours(f"Mon {word} 8-17") == ["Mo 08:00-17:00"]
    assert hours("Mon 8-17") == []


@pytest.mark.parametrize(("lang", "word"), words("joiners"))
def test_joiners(lang: str, word: str) -> None:
    first, last = FIRST_LAST[lang]
    assert hours(f"{first} {word} {last} 9:00-12:00 {word} 14:00-18:00") == [
        "Mo,Fr 09:00-12:00,14:00-18:00"]


@pytest.mark.parametrize("am", LEX["am"])
@pytest.mark.parametrize("pm", LEX["pm"])
def test_am_pm(am: str, pm: str) -> None:
    assert hours(f"Mon-Fri 9{am} - 5{pm}") == ["Mo-Fr 09:00-17:00"]
    assert hours(f"Sat 12{pm} - 12{am}") == ["Sa 12:00-24:00"]


@pytest.mark.parametrize(("lang", "word"), words("hour_suffix"))
def test_hour_suffixes(lang: str, word: str) -> None:
    first, last = FIRST_LAST[lang]
    assert hours(f"{first} - {last} 8-17 {word}") == ["Mo-Fr 08:00-17:00"]
    # With one day, "8-17" is an hour range only because the suffix says so.
    assert hours(f"{first} 8-17 {word}") == ["Mo 08:00-17:00"]


@pytest.mark.parametrize(("word", "clock"), [
    (w, t) for ws in LEX["time_words"].values() for w, t in ws.items()])
def test_time_words(word: str, clock: str) -> None:
    if clock == "12:00":
        assert hours(f"Mon-Fri 9:00 - {word}") == ["Mo-Fr 09:00-12:00"]
    else:
        assert hours(f"Sat 18:00 - {word}") == ["Sa 18:00-24:00"]


@pytest.mark.parametrize(("lang", "word"), words("closed"))
def test_closed_days_keep_a_timetable_together(lang: str, word: str) -> None:
    text = f"Mon-Fri 9:00-17:00\nSat {word}\nSun 10:00-14:00"
    assert hours(text) == ["Mo-Fr 09:00-17:00; Su 10:00-14:00"]
    assert hours(f"Sun {word}") == []


@pytest.mark.parametrize(("lang", "phrase"), words("every_day"))
def test_every_day(lang: str, phrase: str) -> None:
    assert hours(f"We are {phrase}") == ["Mo-Su"]
    assert hours(f"{phrase} 8:00-20:00") == ["Mo-Su 08:00-20:00"]


@pytest.mark.parametrize(("lang", "phrase"), words("every_day_weak"))
def test_every_day_weak_needs_times(lang: str, phrase: str) -> None:
    assert hours(f"Open {phrase}") == []
    assert hours(f"Open {phrase} 8:00-20:00") == ["Mo-Su 08:00-20:00"]


@pytest.mark.parametrize(("lang", "phrase"), words("round_the_clock"))
def test_round_the_clock(lang: str, phrase: str) -> None:
    assert hours(f"Reachable {phrase}") == ["Mo-Su 00:00-24:00"]


# -- opening hours in structured data ----------------------------------------------------------


def ld(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_opening_hours_not_visible() -> None:
    facts = detect(ld({"@type": "Dentist", "name": "Smith Dental",
                       "openingHours": ["Mo-Fr 09:00-17:00", "Sa 09:00-12:00"]}))
    [f] = facts
    assert (f.kind, f.value, f.method, f.region, f.visible) == (
        "opening_hours", "Mo-Fr 09:00-17:00; Sa 09:00-12:00", "structured_data", "", False)
    assert f.data == {"spec": [{"days": ["Mo", "Tu", "We", "Th", "Fr"], "opens": "09:00",
                                "closes": "17:00"},
                               {"days": ["Sa"], "opens": "09:00", "closes": "12:00"}],
                      "raw": "Mo-Fr 09:00-17:00; Sa 09:00-12:00", "always": False}


def test_microdata_opening_hours_visible() -> None:
    body = ('<div itemscope itemtype="https://schema.org/Store"><span itemprop="name">Corner'
            '</span><time itemprop="openingHours" datetime="Tu,Th 16:00-20:00">Tuesdays and '
            'Thursdays 4-8pm</time></div>')
    facts = [f for f in detect(body) if f.method == "structured_data"]
    assert [(f.value, f.visible) for f in facts] == [("Tu,Th 16:00-20:00", True)]


def test_opening_hours_specification() -> None:
    item = {"openingHoursSpecification": [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Monday",
         "http://schema.org/Wednesday"], "opens": "09:00:00", "closes": "13:00:00"},
        {"dayOfWeek": "Saturday", "opens": "10:00", "closes": "23:59"},
        {"dayOfWeek": "Sunday", "opens": "00:00", "closes": "00:00"},
        {"dayOfWeek": "PublicHolidays", "opens": "10:00", "closes": "12:00"},
        {"dayOfWeek": "Friday"},
    ]}
    found = item_hours(item)
    assert found is not None
    assert found.value == "Mo,We 09:00-13:00; Sa 10:00-24:00"
    assert found.raw == ("https://schema.org/Monday,http://schema.org/Wednesday 09:00-13:00; "
                         "Saturday 10:00-23:59")


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mo-Su", "Mo-Su 00:00-24:00"),
    ("Mo,Tu,We,Th 09:00-17:00", "Mo-Th 09:00-17:00"),
    ("Mo-Fr 09:00-17:00 Sa 10:00-14:00", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
    ("Monday through Friday 9am-5pm", "Mo-Fr 09:00-17:00"),
])
def test_opening_hours_strings(raw: str, expected: str) -> None:
    found = item_hours({"openingHours": raw})
    assert found is not None and found.value == expected


def test_no_hours_in_item() -> None:
    assert item_hours({"openingHours": "call for hours"}) is None
    assert parse_hours("by appointment") is None


@given(st.dictionaries(
    st.sampled_from(DAYS),
    st.tuples(st.integers(0, 11), st.sampled_from([0, 15, 30, 45]), st.integers(12, 23)),
    min_size=1))
@settings(max_examples=60, deadline=None)
def test_normalised_values_parse_back(table: dict[str, tuple[int, int, int]]) -> None:
    spec = {d: [(f"{o:02d}:{m:02d}", f"{c:02d}:00")] for d, (o, m, c) in table.items()}
    value = normalise(spec)
    parsed = parse_hours(value)
    assert parsed is not None and parsed.value == value


@given(st.text(alphabet="MoTuFrSa0123456789:.-– amph\nbisto", max_size=80))
@settings(max_examples=150, deadline=None)
def test_hours_never_raise(text: str) -> None:
    hours(text)
    addresses(text, "DE")


# -- addresses in text -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "region", "expected"), [
    ("Address\nHarbour Joinery Ltd\nUnit 7, Kestrel Court\nMill Lane\nHaywards Heath\n"
     "West Sussex\nRH16 1XX\nTelephone: 01444 123456", "GB",
     "Unit 7, Kestrel Court, Mill Lane, Haywards Heath, West Sussex, RH16 1XX"),
    ("Visit us at 12 Mill Lane, Leeds LS1 4AB", "GB", "12 Mill Lane, Leeds, LS1 4AB"),
    ("© 2024 Harbour Joinery Ltd · 12 Mill Lane, Leeds LS1 4AB · 0113 496 0123", "GB",
     "12 Mill Lane, Leeds, LS1 4AB"),
    ("Copyright © 2012 by Grace Chapel | 45 W. Elm Dr. Springfield, IL 62701", "US",
     "45 W. Elm Dr., Springfield, IL 62701"),
    ("Address\nSuite 200\n880 Harbor Boulevard\nSanta Barbara, CA 93101", "US",
     "Suite 200, 880 Harbor Boulevard, Santa Barbara, CA 93101"),
    ("Bäckerei Kunz\nMusterstraße 12\n10115 Berlin", "DE", "Musterstraße 12, 10115 Berlin"),
    ("Lindenweg 3, D-79098 Freiburg im Breisgau", "DE",
     "Lindenweg 3, 79098 Freiburg im Breisgau"),
    ("Inhaber: Max Kunz\nSchlossgarten 4\n79098 Freiburg", "DE",
     "Schlossgarten 4, 79098 Freiburg"),
    ("Tour Horizon, 12 rue de la Paix, 75002 Paris", "FR",
     "Tour Horizon, 12 rue de la Paix, 75002 Paris"),
    ("Adresse : 12 bis rue des Lilas\n69003 Lyon", "FR", "12 bis rue des Lilas, 69003 Lyon"),
    ("Calle Mayor, 5, 28013 Madrid", "ES", "Calle Mayor, 5, 28013 Madrid"),
    ("Estamos en Plaza Nueva, 3 bajo, 48005 Bilbao (Bizkaia), junto al puerto.", "ES",
     "Plaza Nueva, 3 bajo, 48005 Bilbao"),
    ("Shop 3, 45 George Street\nSydney NSW 2000", "AU",
     "Shop 3, 45 George Street, Sydney, NSW 2000"),
    ("Plot No. 18, Sector 24\nMathura Road\nFaridabad - 121003, Haryana", "IN",
     "Plot No. 18, Sector 24, Mathura Road, Faridabad, 121003"),
])  # fmt: skip
def test_addresses_per_region(text: str, region: str, expected: str) -> None:
    assert address(text, region) == expected


def test_address_fact_shape() -> None:
    [f] = addresses("Send us a letter:\nGrace Chapel\n45 W. Elm Dr.\nSpringfield, IL 62701",
                    "US")
    assert (f.kind, f.method, f.region, f.visible) == ("address", "text", "main", True)
    assert f.data == {"street": "45 W. Elm Dr.", "postcode": "62701", "locality": "Springfield",
                      "region": "IL", "country": "US", "po_box": False}
    assert "45 W. Elm Dr." in f.snippet


def test_address_element_gives_the_selector() -> None:
    body = ("<main><p>Hello</p></main><footer><div><address>Harbour Joinery<br>12 Mill Lane"
            "<br>Leeds LS1 4AB</address></div></footer>")
    [f] = [f for f in detect(body) if f.kind == "address"]
    assert (f.value, f.region, f.selector) == ("12 Mill Lane, Leeds, LS1 4AB", "footer",
                                               "footer > div > address")


def test_po_box_only_is_flagged() -> None:
    [f] = addresses("PO Box 123, Springfield, IL 62701", "US")
    assert f.value == "PO Box 123, Springfield, IL 62701"
    assert f.data["po_box"] is True and f.data["street"] == ""
    [f] = addresses("PO Box 123\n45 W. Elm Dr.\nSpringfield, IL 62701", "US")
    assert f.data["po_box"] is False and f.data["street"] == "PO Box 123, 45 W. Elm Dr."


@pytest.mark.parametrize(("text", "region"), [
    ("79098 Freiburg & Umgebung", "DE"),
    ("Servicegebiet: 79098 Freiburg", "DE"),
    ("Sydney NSW 2000", "AU"),
    ("Ojai, CA 93023", "US"),
    ("Order ships from CA 94105-1234", "US"),
    ("PIN 400001 · GSTIN 27AAPFU0939F1ZV", "IN"),
    ("Tel: 0176 12345678\n79098 Freiburg", "DE"),
    ("Fax: 0221 98765 Mo-Fr", "DE"),
    ("Seit 2021\n79098 Freiburg", "DE"),
    ("Ab 12500 Euro Umsatz", "DE"),
    ("Preis 2 Stück 12500 Euro", "DE"),
    ("Call 01342 712911 or 07958 797634", "GB"),
    ("Copyright © 2012 Harbour Joinery · RH16 1XX", "GB"),
    ("12 Mill Lane\nOpen 9-5\nLeeds LS1 4AB", "GB"),
    ("Kidderminster · DY10 1NB · club nights on Mondays", "GB"),
    ("Company No. 01234567 · VAT GB 123 4567 89", "GB"),
    ("Hosted by Netlify, Inc. (2325 3rd Street, Suite 296, San Francisco, CA 94107)", "FR"),
    ("Hauptstraße 5, 10115 Berlin", "GB"),
])
def test_address_negatives(text: str, region: str) -> None:
    assert addresses(text, region) == []


def test_region_decides_the_postcode_formats() -> None:
    text = "Musterstraße 12\n10115 Berlin"
    assert addresses(text, None, lang="") == []
    assert [f.value for f in addresses(text, None, lang="de")] == [
        "Musterstraße 12, 10115 Berlin"]
    # Without a region only formats that say their country themselves are read.
    assert [f.data["country"] for f in addresses("12 Mill Lane, Leeds LS1 4AB", None)] == ["GB"]


# -- addresses: every lexicon entry ------------------------------------------------------------


@pytest.mark.parametrize("word", LEX["street_suffix"]["en"])
def test_english_street_words(word: str) -> None:
    assert address(f"12 Acorn {word.capitalize()}\nLeeds LS1 4AB") == (
        f"12 Acorn {word.capitalize()}, Leeds, LS1 4AB")
    assert address(f"Acorn {word.capitalize()}\nLeeds\nLS1 4AB") == (
        f"Acorn {word.capitalize()}, Leeds, LS1 4AB")


@pytest.mark.parametrize("word", LEX["street_suffix"]["de"])
def test_german_street_words(word: str) -> None:
    street = f"Linden{word}{'.' if word == 'str' else ''} 12"
    assert address(f"Firma Kunz\n{street}\n10115 Berlin", "DE") == f"{street}, 10115 Berlin"


@pytest.mark.parametrize(("lang", "word"), words("street_prefix"))
def test_street_prefixes(lang: str, word: str) -> None:
    if lang == "fr":
        text, expected = f"Cabinet Moreau\n12 {word} des Lilas\n69003 Lyon", (
            f"12 {word} des Lilas, 69003 Lyon")
        region = "FR"
    elif lang == "es":
        text, expected = f"Clínica Luna\n{word} Mayor, 5\n28013 Madrid", (
            f"{word} Mayor, 5, 28013 Madrid")
        region = "ES"
    else:
        street = f"{word.capitalize()} Marktplatz 3"
        text, expected, region = f"Firma Kunz\n{street}\n10115 Berlin", (
            f"{street}, 10115 Berlin"), "DE"
    assert address(text, region) == expected


@pytest.mark.parametrize("word", LEX["name_particles"])
def test_name_particles(word: str) -> None:
    street = f"Torre {word} Vigía 24"
    assert address(f"Clínica Luna\n{street}\n20304 Irun", "ES") == f"{street}, 20304 Irun"


@pytest.mark.parametrize(("lang", "word"), words("unit_words"))
def test_unit_words(lang: str, word: str) -> None:
    unit = f"{word.capitalize()} 4"
    assert address(f"Harbour Joinery\n{unit}\n12 Mill Lane\nLeeds LS1 4AB") == (
        f"{unit}, 12 Mill Lane, Leeds, LS1 4AB")


@pytest.mark.parametrize(("lang", "word"), words("po_box"))
def test_po_box_words(lang: str, word: str) -> None:
    [f] = addresses(f"{word.upper() if len(word) <= 3 else word.capitalize()} 123\n"
                    f"Springfield, IL 62701", "US")
    assert f.data["po_box"] is True


@pytest.mark.parametrize(("lang", "word"), words("address_labels"))
def test_address_labels_end_the_lines_above(lang: str, word: str) -> None:
    text = f"4 Old Road\n{word.capitalize()}\n12 Mill Lane\nLeeds LS1 4AB"
    assert address(text) == "12 Mill Lane, Leeds, LS1 4AB"


@pytest.mark.parametrize(("lang", "word"), words("postcode_labels"))
def test_postcode_labels(lang: str, word: str) -> None:
    assert address(f"12 Mill Lane, Leeds, {word.upper()} LS1 4AB") == (
        "12 Mill Lane, Leeds, LS1 4AB")


@pytest.mark.parametrize(("lang", "word"), words("not_address"))
def test_not_address_words_break_the_lines(lang: str, word: str) -> None:
    assert address(f"12 Mill Lane\n{word.capitalize()} Acme\nLeeds LS1 4AB") is None


@pytest.mark.parametrize("state", LEX["us_states"])
def test_us_states(state: str) -> None:
    assert address(f"45 Elm Street\nSpringfield, {state} 62701", "US") == (
        f"45 Elm Street, Springfield, {state} 62701")


@pytest.mark.parametrize("state", LEX["au_states"])
def test_au_states(state: str) -> None:
    assert address(f"45 George Street\nSydney {state} 2000", "AU") == (
        f"45 George Street, Sydney, {state} 2000")


# -- addresses in structured data --------------------------------------------------------------


def test_json_ld_address_fact() -> None:
    facts = detect(ld({"@type": "Dentist", "name": "Clínica Luna", "address": {
        "@type": "PostalAddress", "streetAddress": "Plaza Nueva, 3 bajo",
        "addressLocality": "Bilbao", "addressRegion": "Bizkaia", "postalCode": "48005",
        "addressCountry": "ES"}}), "ES")
    [f] = facts
    assert (f.kind, f.value, f.method, f.visible) == (
        "address", "Plaza Nueva, 3 bajo, 48005 Bilbao", "structured_data", False)
    assert f.data == {"street": "Plaza Nueva, 3 bajo", "postcode": "48005",
                      "locality": "Bilbao", "region": "Bizkaia", "country": "ES",
                      "po_box": False}


def test_structured_and_visible_address_share_a_value() -> None:
    body = ld({"@type": "Dentist", "address": {
        "@type": "PostalAddress", "streetAddress": "Plaza Nueva, 3 bajo",
        "addressLocality": "Bilbao", "postalCode": "48005", "addressCountry": "ES"}}) + (
        "<footer><p>Plaza Nueva, 3 bajo<br>48005 Bilbao (Bizkaia)</p></footer>")
    facts = detect(body, "ES")
    assert {(f.value, f.method) for f in facts} == {
        ("Plaza Nueva, 3 bajo, 48005 Bilbao", "structured_data"),
        ("Plaza Nueva, 3 bajo, 48005 Bilbao", "text")}


def test_structured_address_needs_a_street_or_po_box() -> None:
    locality_only = {"@type": "Plumber", "address": {
        "@type": "PostalAddress", "addressLocality": "Taree", "postalCode": "2430"}}
    assert detect(ld(locality_only), "AU") == []
    box = {"@type": "Plumber", "address": {
        "@type": "PostalAddress", "postOfficeBoxNumber": "42", "addressLocality": "Sydney",
        "addressRegion": "NSW", "postalCode": "2001", "addressCountry": "AU"}}
    [f] = detect(ld(box), "AU")
    assert (f.value, f.data["po_box"], f.data["street"]) == (
        "PO Box 42, Sydney, NSW 2001", True, "")


def test_item_address_from_a_string() -> None:
    found = item_address({"address": "45 W. Elm Dr., Springfield, IL 62701"}, "US")
    assert found is not None and found["locality"] == "Springfield"
    found = item_address({"address": "Somewhere nice"})
    assert found is not None and found["street"] == "Somewhere nice"
    assert item_address({"name": "x"}) is None


def test_format_address_orders() -> None:
    assert format_address("1 Rue X", "75001", "Paris", "", "FR") == "1 Rue X, 75001 Paris"
    assert format_address("", "", "", "", "") == ""
    assert format_address("1 Main St", "X1", "Town", "", "") == "1 Main St, Town, X1"


def test_page_without_places_is_quick_to_say_so() -> None:
    assert detect("<p>We make furniture by hand. Call 01444 123456.</p>") == []
