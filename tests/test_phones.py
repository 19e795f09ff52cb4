"""The phone detector against the phone rows of DETECTION_CASES.md (18, 20-38) and properties."""

from __future__ import annotations

import html

import phonenumbers
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checks.api import SiteContext
from checks.detectors import phones
from checks.detectors.phones import PhoneDetector
from checks.facts import Fact
from crawler.page import Page

US, GB, DE, FR, IN, AU, BR = (
    "https://acme.com/",
    "https://acme.co.uk/",
    "https://firma.de/",
    "https://acme.fr/",
    "https://acme.in/",
    "https://acme.com.au/",
    "https://acme.com.br/",
)


def detect(url: str, body: str, region: str | None = None, lang: str = "") -> list[Fact]:
    page = Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")
    return list(PhoneDetector.from_context(SiteContext(url, region)).detect(page))


def phone_values(facts: list[Fact]) -> set[str]:
    return {f.value for f in facts if f.kind == "phone"}


# (row, url, --region, body, expected E.164 values)
ROWS = [
    ("18", GB, None, "<table><tr><td>020 7946 0958</td><td>info@acme.co.uk</td></tr></table>",
     {"+442079460958"}),
    ("20-us", US, "US", '<a href="tel:+14155550132">Call us</a>', {"+14155550132"}),
    ("20-gb", GB, None, '<a href="tel:020%207946%200958">Ring</a>', {"+442079460958"}),
    ("20-de", DE, None, '<a href="callto:+49 30 1234567">Anrufen</a>', {"+49301234567"}),
    ("21", US, "US", '<a href="tel:+1234567890">Call us</a>', set()),
    ("22", US, "US", "<p>Call (415) 555-0132 ext. 204</p><p>Or 1-800-FLOWERS</p>",
     {"+14155550132;ext=204", "+18003569377"}),
    ("23", US, "US", "<p>(555) 123-4567</p><p>123-456-7890</p>", set()),
    ("24", US, "US", "<p>Order #4155550132</p><p>$4155550132</p><p>CA 94105-1234</p>"
     "<p>© 2012-2024</p><p>03/2015 – 03/2016</p>", set()),
    ("24-one-line", US, "US", "<p>Order #4155550132, $4155550132, CA 94105-1234, © 2012-2024, "
     "03/2015 – 03/2016</p>", set()),
    ("25", GB, None, "<p>Tel: +44 (0)20 7946 0958</p><p>Mobile 07400 123456</p>",
     {"+442079460958", "+447400123456"}),
    ("26", GB, None, "<footer>Company No. 01234567 · VAT GB 123 4567 89</footer>", set()),
    ("27", DE, None, "<p>Tel.: 030 123456-78</p><p>+49 (0)89 12345-0</p>",
     {"+493012345678", "+4989123450"}),
    ("28", DE, None, "<p>Mobil 0175/2342345</p>", {"+491752342345"}),
    ("29", DE, None, "<p>Termin 05.10.2023</p><p>Mo–Fr 08.00 - 18.00 Uhr</p>", set()),
    ("30", DE, None, "<footer>USt-IdNr. DE123456789 · HRB 12345 · "
     "IBAN DE89 3704 0044 0532 0130 00</footer>", set()),
    ("31", FR, None, "<p>Tél. : 01 23 45 67 89</p><p>+33 (0)6 12 34 56 78</p>"
     "<p>SIRET 732 829 320 00074</p>", {"+33123456789", "+33612345678"}),
    ("32", IN, None, "<p>+91 98765 43210</p><footer>098765 43210</footer>"
     "<p>Toll-free 1800-180-1234</p>", {"+919876543210", "+9118001801234"}),
    ("33", IN, None, "<footer>PIN 400001 · GSTIN 27AAPFU0939F1ZV</footer>", set()),
    ("34", AU, None, "<p>(02) 9876 5432</p><p>1300 123 456</p><p>ABN 51 824 753 556</p>",
     {"+61298765432", "+611300123456"}),
    ("35-gb", GB, None, "<p><span>+44</span><span>20 7946 0958</span></p>", {"+442079460958"}),
    ("35-us", US, "US", "<p>415&nbsp;555&#8209;0132</p>", {"+14155550132"}),
    ("36", GB, None, "<p>US office: 415 555 0132</p>", {"+14155550132"}),
    ("37", BR, None, '<img src="/wp-content/uploads/2015/10/60577_175694-300x159.jpg">'
     '<a href="/wp-content/uploads/2015/10/60577_175694-300x159.jpg">photo</a>', set()),
    ("38", DE, None, "<p>Fax: 0221 / 987 65 43</p>", {"+492219876543"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("row", "url", "region", "body", "expected"), ROWS, ids=[r[0] for r in ROWS]
)
def test_detection_cases(
    row: str, url: str, region: str | None, body: str, expected: set[str]
) -> None:
    facts = detect(url, body, region)
    assert phone_values(facts) == expected
    for f in facts:
        assert f.method in ("tel", "text") and f.region in ("main", "footer")
        if f.kind == "phone":
            assert f.snippet and f.selector
            assert set(f.data) == {"kind", "display", "premium", "intl"}


def test_row18_display_stops_at_cell_boundary() -> None:
    (fact,) = detect(GB, ROWS[0][3])
    assert fact.data["display"] == "020 7946 0958"
    assert "info@" not in fact.data["display"]


def test_row20_tel_links_use_method_tel_and_element_selector() -> None:
    (fact,) = detect(GB, '<footer><p><a href="tel:020%207946%200958">Ring</a></p></footer>')
    assert (fact.method, fact.region, fact.selector) == ("tel", "footer", "footer > p > a")
    assert fact.data["display"] == "020 7946 0958"


def test_row21_invalid_tel_link_is_reported_broken() -> None:
    (fact,) = detect(US, '<a href="tel:+1234567890">Call us</a>', "US")
    assert (fact.kind, fact.value, fact.method) == ("broken_tel", "tel:+1234567890", "tel")


def test_row22_vanity_and_extension() -> None:
    facts = detect(US, "<p>Call (415) 555-0132 ext. 204</p><p>1-800-FLOWERS</p>", "US")
    kinds = {f.value: f.data["kind"] for f in facts}
    assert kinds == {"+14155550132;ext=204": "phone", "+18003569377": "toll_free"}


@pytest.mark.parametrize(
    ("url", "body", "kinds"),
    [
        (GB, "<p>Tel: +44 (0)20 7946 0958</p><p>Mobile 07400 123456</p>",
         {"+442079460958": "phone", "+447400123456": "mobile"}),
        (DE, "<p>Mobil 0175/2342345</p>", {"+491752342345": "mobile"}),
        (DE, "<p>Fax: 0221 / 987 65 43</p>", {"+492219876543": "fax"}),
        (DE, "<dl><dt>Telefax</dt><dd>0221 987 65 43</dd></dl>", {"+492219876543": "fax"}),
        (IN, "<p>Toll-free 1800-180-1234</p>", {"+9118001801234": "toll_free"}),
        (GB, "<p>Telephone / Fax : 01342 712911</p>", {"+441342712911": "phone"}),
        (GB, "<p>Tel: 020 7946 0958 Fax: 020 7946 0959</p>",
         {"+442079460958": "phone", "+442079460959": "fax"}),
        (GB, "<p>Mobile: 020 7946 0958</p>", {"+442079460958": "mobile"}),
    ],
)  # fmt: skip
def test_kinds_from_labels_and_number_types(url: str, body: str, kinds: dict[str, str]) -> None:
    assert {f.value: f.data["kind"] for f in detect(url, body)} == kinds


def test_row32_same_number_twice_in_two_regions() -> None:
    facts = detect(IN, "<p>+91 98765 43210</p><footer>098765 43210</footer>")
    assert sorted((f.value, f.region, f.data["display"]) for f in facts) == [
        ("+919876543210", "footer", "098765 43210"),
        ("+919876543210", "main", "+91 98765 43210"),
    ]


def test_dedupe_per_value_method_region() -> None:
    body = "<p>Tel 020 7946 0958</p><p>Call 020 7946 0958</p><a href='tel:02079460958'>x</a>"
    facts = detect(GB, body)
    assert sorted((f.value, f.method) for f in facts) == [
        ("+442079460958", "tel"),
        ("+442079460958", "text"),
    ]


def test_row36_foreign_number_never_read_in_home_region() -> None:
    assert phone_values(detect(GB, "<p>415 555 0132</p>")) == set()
    assert phone_values(detect(GB, "<p>Our UK team: 020 7946 0958</p>")) == {"+442079460958"}
    # A UK number labelled as such on a US site is read as British, not American.
    assert phone_values(detect(US, "<p>UK office: 020 7946 0958</p>", "US")) == {"+442079460958"}


@pytest.mark.parametrize(
    ("url", "number", "premium"),
    [
        (DE, "0900 1234567", True),
        (DE, "0137 1234567", True),
        (DE, "01805 123456", True),
        (GB, "0871 234 5678", True),
        (GB, "0909 879 0000", True),
        (FR, "0891 23 45 67", True),
        (GB, "020 7946 0958", False),
        (GB, "0800 123 4567", False),
    ],
)
def test_premium_rate(url: str, number: str, premium: bool) -> None:
    (fact,) = detect(url, f"<p>Tel: {number}</p>")
    assert fact.data["premium"] is premium


def test_page_lang_gives_region_when_site_has_none() -> None:
    body = "<p>Tel: 01 23 45 67 89</p>"
    assert phone_values(detect(US, body, lang="fr-FR")) == {"+33123456789"}
    assert phone_values(detect(US, body, lang="en")) == set()


def test_without_region_only_international_numbers() -> None:
    body = "<p>Tel: 020 7946 0958 or +44 20 7946 0959</p><a href='tel:02079460958'>call</a>"
    facts = detect(US, body, lang="en")
    # The national-form link may work for local visitors: neither a phone nor "broken".
    assert [(f.kind, f.value) for f in facts] == [("phone", "+442079460959")]


_VALID = {GB: "020 7946 0958", DE: "030 123456", FR: "01 23 45 67 89", AU: "(02) 9876 5432",
          US: "415 555 0132", IN: "098765 43210"}  # fmt: skip


@pytest.mark.parametrize(
    ("url", "trap"),
    [
        (GB, "Company No."), (GB, "VAT Reg"), (GB, "Registered in England No."),
        (GB, "Charity number"), (GB, "Invoice #"), (GB, "Price £"), (GB, "Account"),
        (GB, "©"), (DE, "Bestellung"), (DE, "Rechnung Nr."), (DE, "HRB"), (DE, "USt-IdNr."),
        (DE, "Datum:"), (FR, "SIRET"), (FR, "RCS Paris"), (AU, "ABN"), (US, "Order"),
        (US, "$"), (IN, "GSTIN"), (IN, "PAN"),
    ],
)  # fmt: skip
def test_trap_words_drop_numbers_that_are_otherwise_valid(url: str, trap: str) -> None:
    number, region = _VALID[url], "US" if url == US else None
    assert phone_values(detect(url, f"<p>{number}</p>", region)), "control: valid without trap"
    assert detect(url, f"<p>{trap} {number}</p>", region) == []


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (DE, "<p>Gültig bis 31.08.2026</p>"),
        (DE, "<p>Mo–Fr 08.00 - 18.00 Uhr</p>"),
        (US, "<p>03/2015 – 03/2016</p>"),
        (GB, "<p>Copyright 2012-2024 Acme</p>"),
    ],
)
def test_dates_and_hours_are_not_phones(url: str, body: str) -> None:
    assert detect(url, body) == []


def test_phone_label_beats_trap_word_further_back() -> None:
    body = "<p>Registered office: 1 High St. Tel 020 7946 0958</p><p>Phone No. 020 7946 0959</p>"
    assert phone_values(detect(GB, body)) == {"+442079460958", "+442079460959"}


def test_hidden_script_and_comment_numbers_are_ignored() -> None:
    body = (
        "<script>var t='020 7946 0958';</script><!-- 020 7946 0959 -->"
        "<p style='display:none'>020 7946 0957</p><p>Open daily</p>"
    )
    assert detect(GB, body) == []


@pytest.mark.parametrize(
    ("url", "body", "expected"),
    [
        (IN, "<p>Tel: +91- 129- 4064361 - 362 - 364</p>",
         ["+911294064361", "+911294064362", "+911294064364"]),
        (IN, "<p>Tel: 091- 129- 4064362, 64</p>", ["+911294064362", "+911294064364"]),
        (GB, "<p>Tel 020 7946 0958/59</p>", ["+442079460958", "+442079460959"]),
        # Not alternative endings: round-the-clock service, a house number, a second number.
        (GB, "<p>Call 0800 123 4567 - 24/7</p>", ["+448001234567"]),
        (GB, "<p>Tel 01234 567890, 12 High St</p>", ["+441234567890"]),
        (GB, "<p>Tel: 020 7946 0958, 07400 123456</p>", ["+442079460958", "+447400123456"]),
    ],
)  # fmt: skip
def test_abbreviated_alternative_endings(url: str, body: str, expected: list[str]) -> None:
    assert [f.value for f in detect(url, body)] == expected


def test_callto_skype_name_is_neither_phone_nor_broken() -> None:
    assert detect(GB, '<a href="callto:acme.support">Skype us</a>') == []
    (broken,) = detect(GB, '<a href="tel:">Call</a>')
    assert (broken.kind, broken.value) == ("broken_tel", "tel:")


def test_tel_link_extension_and_kind_from_link_text() -> None:
    facts = detect(US, '<a href="tel:+1-415-555-0132;ext=204">Fax us</a>', "US")
    assert [(f.value, f.data["kind"]) for f in facts] == [("+14155550132;ext=204", "fax")]


def test_cache_is_bounded_and_results_repeat() -> None:
    first = detect(GB, "<footer>Tel: 020 7946 0958</footer>")
    again = detect(GB, "<footer>Tel: 020 7946 0958</footer>")
    assert [f.to_dict() for f in first] == [f.to_dict() for f in again]
    body = "".join(f"<p>Ref {i:07d} 123</p>" for i in range(phones._CACHE_SIZE + 10))
    detect(GB, body)
    assert len(phones._cache) <= phones._CACHE_SIZE


# -- properties -------------------------------------------------------------------------------

_noisy = st.text(
    alphabet=st.one_of(
        st.sampled_from("0123456789 +-()./#:;,TelFaxOrder\u00a0\u2011\n"),
        st.characters(blacklist_categories=("Cs", "Cc")),
    ),
    max_size=300,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=_noisy, url=st.sampled_from([US, GB, DE, FR, IN, AU, "https://acme.com/"]))
def test_never_raises_on_arbitrary_text(text: str, url: str) -> None:
    facts = detect(url, f"<p>{html.escape(text)}</p><a href='tel:{html.escape(text[:30])}'>x</a>")
    for f in facts:
        assert f.kind in ("phone", "broken_tel", "third_party_phone")
        if f.kind == "third_party_phone":  # "tel:112": an emergency or service line
            assert f.value.isdigit() and len(f.value) <= 5
        if f.kind == "phone":
            assert f.value.startswith("+") and f.value.split(";")[0][1:].isdigit()


# Leading digits of GB geographic, mobile and non-geographic ranges; the rest is random.
_GB_PREFIXES = ["20", "113", "121", "131", "161", "1342", "1562", "7400", "7958", "800", "330"]


@st.composite
def gb_numbers(draw: st.DrawFn) -> phonenumbers.PhoneNumber:
    prefix = draw(st.sampled_from(_GB_PREFIXES))
    size = 10 - len(prefix)
    rest = draw(st.text(alphabet="0123456789", min_size=size, max_size=size))
    number = phonenumbers.parse("+44" + prefix + rest)
    assume(phonenumbers.is_valid_number(number))  # ~90% of draws are
    return number


@settings(max_examples=150, deadline=None)
@given(
    number=gb_numbers(),
    fmt=st.sampled_from([phonenumbers.PhoneNumberFormat.NATIONAL,
                         phonenumbers.PhoneNumberFormat.INTERNATIONAL]),
)  # fmt: skip
def test_any_valid_gb_number_after_a_label_is_found(
    number: phonenumbers.PhoneNumber, fmt: int
) -> None:
    written = phonenumbers.format_number(number, fmt)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    facts = detect(GB, f"<p>Tel: {written}</p>")
    assert [(f.value, f.method, f.data["display"]) for f in facts] == [(e164, "text", written)]


def matcher_windows(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the detector hands libphonenumber's (real) matcher from now on."""
    seen: list[str] = []
    real = phones.PhoneNumberMatcher

    def spy(text: str, *args: object, **kwargs: object) -> object:
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(phones, "PhoneNumberMatcher", spy)
    return seen


def test_number_dense_page_hands_the_matcher_only_plausible_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Issue 10: on price lists and order pages the matcher used to read every line whole.
    seen = matcher_windows(monkeypatch)
    rows = "".join(
        f"<tr><td>{d:02d}.10.2023</td><td>Bestellnr. {4_100_000_000 + d * 7919}</td>"
        f"<td>Art.-Nr. {1_000_000 + d}</td><td>08.00 - 18.00</td><td>€ {d * 13},50</td></tr>"
        for d in range(1, 29)
    )
    body = f"<table>{rows}</table><footer>Tel: 030 1234567 · IBAN DE89 3704 0044 0532 0130 00"
    facts = detect(DE, body + "</footer>")
    assert phone_values(facts) == {"+49301234567"}
    assert len(seen) == 1 and "030 1234567" in seen[0] and len(seen[0]) < 40


@pytest.mark.parametrize(
    ("url", "region", "body", "expected"),
    [
        # A date written before a number in the same run does not swallow it.
        (DE, None, "<p>Stand 12.05.2023 0221 987 65 43</p>", {"+492219876543"}),
        (DE, None, "<p>Termine ab 2025-06-17 0221 987 65 43</p>", {"+492219876543"}),
        # Identifiers glued to letters, and article numbers after their label, are not numbers.
        (GB, None, "<p>ORD-2023-34093507 · JD1234 5678 9012 3456 · EAN 5093506089462</p>",
         set()),
        (US, "US", "<p>Call 212 736 5000 or order SKU-2127365000</p>", {"+12127365000"}),
    ],
)
def test_dates_and_identifiers_inside_runs_of_digits(
    url: str, region: str | None, body: str, expected: set[str]
) -> None:
    assert phone_values(detect(url, body, region)) == expected


def bench_rows(count: int) -> str:
    """Rows as on bench/throughput.py's number-dense pages: articles, orders, timetables."""
    return "".join(
        f"<tr><td>{434698 + i}-{i % 90 + 10}</td><td>EAN 50{9350608946 + i}</td>"
        f"<td>£{i}.50</td><td>valid {i % 28 + 1:02d}/04/2024</td></tr>"
        f"<tr><td>ORD-2024-{34093507 + i}</td><td>{i % 28 + 1:02d}.03.2024</td>"
        f"<td>Invoice {221185438807 + i}</td><td>Tracking JD{1234 + i} 5678 9012 3456</td></tr>"
        f"<tr><td>Leeds - York</td><td>2025-06-{i % 28 + 1:02d} 17:36 19:02</td></tr>"
        for i in range(count)
    )


def test_the_main_text_of_a_number_dense_page_reaches_the_matcher_only_where_a_phone_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = matcher_windows(monkeypatch)
    body = (f"<main><table>{bench_rows(40)}</table>"
            "<p>Trade orders by phone: 01132457281. Depot 0113 245 7282.</p></main>"
            "<footer>Accounts 01132457283</footer>")
    facts = detect(GB, body)
    # In a table of numbers a bare run is read when it follows a phone label or is grouped
    # as phone numbers are; the (short) footer is read whole.
    assert phone_values(facts) == {"+441132457281", "+441132457282", "+441132457283"}
    assert len(seen) == 2 and all("0113" in window and len(window) < 50 for window in seen)


def test_a_bare_ungrouped_number_in_prose_is_still_read() -> None:
    assert phone_values(detect(GB, "<main><p>Ring the shop on 01132457281 today.</p></main>")) \
        == {"+441132457281"}


# --- numbers that are not the business's, and the right country (issue 11) --------------------


def facts_of(url: str, body: str, region: str | None = None, lang: str = "",
             title: str = "") -> list[Fact]:  # fmt: skip
    page = Page.from_html(url, f"<html lang='{lang}'><head><title>{title}</title></head>"
                               f"<body>{body}</body></html>")  # fmt: skip
    return list(PhoneDetector.from_context(SiteContext(url, region)).detect(page))


def test_row41_itemprop_tel_link() -> None:
    body = '<a itemprop="telephone" href="tel:+442079460123">Call us</a>'
    assert phone_values(detect(GB, body)) == {"+442079460123"}


def test_row54_places_on_a_what_to_see_nearby_page_are_third_parties() -> None:
    places = "".join(
        f"<h3>{name}</h3><p>{what}. Tlf. {number}</p>"
        for name, what, number in [
            ("Bodega La Fuente", "Vinos de la tierra", "923 21 45 67"),
            ("Museo del Comercio", "Historia de la ciudad", "923 26 13 44"),
            ("Restaurante El Mesón", "Cocina castellana", "923 21 72 22"),
        ]
    )
    body = f"<main><h1>Qué ver en los alrededores</h1>{places}</main>" \
           "<footer>Casa Rural La Encina · Tel. 923 11 22 33</footer>"  # fmt: skip
    facts = facts_of("https://casarural.es/", body, lang="es")
    third = {f.value: f.data for f in facts if f.kind == "third_party_phone"}
    assert set(third) == {"+34923214567", "+34923261344", "+34923217222"}
    assert all(d["kind"] == "third_party" and "nearby" in d["reason"] for d in third.values())
    assert phone_values(facts) == {"+34923112233"}  # the footer's is the business's own


def test_row55_belgian_number_with_dots_on_a_dutch_page_without_cctld() -> None:
    # The site's region was guessed from the language (nl: NL), but the number is Belgian.
    body = "<p>Tel: 09.355.92.15</p><p><a href='tel:093559215'>Bel ons</a></p>"
    facts = facts_of("http://127.0.0.1:8000/", body, region="NL", lang="nl")
    assert {f.value for f in facts} == {"+3293559215"}
    assert not [f for f in facts if f.kind == "broken_tel"]


def test_row56_indian_office_in_a_us_company_footer() -> None:
    body = "<footer>Pune 411 001 · Phone: 020-2553 1234 · Cell: 09822012345</footer>"
    facts = facts_of("https://acme-exports.com/", body, region="US", lang="en")
    assert phone_values(facts) == {"+912025531234", "+919822012345"}


def test_row58_polish_mobile_after_a_call_verb() -> None:
    facts = facts_of("https://biuro.pl/", "<p>Jesteś ciekaw ceny? Zadzwoń 515 821 662</p>",
                     lang="pl")
    assert phone_values(facts) == {"+48515821662"}


@pytest.mark.parametrize(("href", "region"), [("tel:112", "DE"), ("tel:100", "BE"),
                                              ("tel:911", "US"), ("tel:999", "GB")])
def test_emergency_lines_are_third_parties_not_broken_links(href: str, region: str) -> None:
    body = f"<main><p>In an emergency call <a href='{href}'>{href[4:]}</a></p></main>"
    facts = facts_of(f"https://praxis.{region.lower()}/", body, region=region)
    assert [(f.kind, f.value, f.data["reason"]) for f in facts] == [
        ("third_party_phone", href[4:], "emergency number")
    ]


def test_regional_on_call_doctor_is_a_third_party() -> None:
    body = ("<main><h1>Wachtdienst</h1><p>'s Avonds en in het weekend: bel het centrale nummer "
            "<a href='tel:093288488'>093.288.488</a> voor de huisarts van wacht.</p></main>"
            "<footer>Praktijk · Tel: 09.355.92.15</footer>")  # fmt: skip
    facts = facts_of("https://praktijk.be/", body, lang="nl")
    assert {f.value for f in facts if f.kind == "third_party_phone"} == {"+3293288488"}
    assert phone_values(facts) == {"+3293559215"}


def test_own_number_on_a_page_about_emergencies_stays_the_business_s() -> None:
    # "In an emergency, call us": the heading names urgency, not another organisation.
    body = "<main><h1>Spoedgeval</h1><p>Bel de praktijk op 09.355.92.15.</p></main>"
    assert phone_values(facts_of("https://praktijk.be/", body, lang="nl")) == {"+3293559215"}


@pytest.mark.parametrize("icon", ['<i class="fa fa-print"></i>', '<i class="fas fa-fax"></i>',
                                  '<img src="/img/icon-fax.png" alt="">'])
def test_fax_marked_only_by_an_icon(icon: str) -> None:
    body = ('<footer><p><i class="fa fa-phone"></i> <a href="tel:7316610665">(731) 661-0665</a>'
            f'</p><p>{icon} (731) 424-0562</p></footer>')
    kinds = {f.value: f.data["kind"] for f in detect(US, body, "US")}
    assert kinds == {"+17316610665": "phone", "+17314240562": "fax"}


def test_fax_icon_does_not_turn_a_dialled_number_into_a_fax() -> None:
    body = ('<p><span class="fa fa-fax"></span> Telephone / Fax: '
            '<a href="tel:01342712911">01342 712911</a></p>')
    assert {f.data["kind"] for f in detect(GB, body)} == {"phone"}


def test_swedish_site_is_not_read_as_australian() -> None:
    from checks.region import infer_region

    home = Page.from_html("http://127.0.0.1:8000/", "<html lang='sv'><body><p>Ring oss "
                          "070-5264911</p><footer>Kungsgatan 43, 753 20 UPPSALA</footer>"
                          "</body></html>")  # fmt: skip
    region, _ = infer_region(home, "http://127.0.0.1:8000/")
    assert region == "SE"
    facts = facts_of("http://127.0.0.1:8000/", "<p>Ring oss 070-5264911</p>", region, "sv")
    assert phone_values(facts) == {"+46705264911"}


@pytest.mark.parametrize(
    ("url", "body", "expected"),
    [
        (DE, "<footer>Niederlassung Österreich: Mariahilfer Straße 1, 1060 Wien · "
             "Tel. 01 5853090</footer>", {"+4315853090"}),
        (GB, "<p>France: 12 rue de la Paix, 75002 Paris — 01 42 68 53 00</p>",
         {"+33142685300"}),
        (FR, "<p>Bureau en Belgique : Avenue Louise 54, 1050 Bruxelles. Tél. 02 512 34 56</p>",
         {"+3225123456"}),
    ],
)
def test_office_address_in_another_country_than_the_domain_s(
    url: str, body: str, expected: set[str]
) -> None:
    assert phone_values(detect(url, body)) == expected


# National company and tax registers written before a number that would otherwise be a valid
# phone number there (issue 11): each country's own identifiers, not one site's.
@pytest.mark.parametrize(("url", "trap", "number"), [
    ("https://gabinet.pl/", "REGON", "141 414 778"), ("https://gabinet.pl/", "NIP", "22 123 45 67"),
    ("https://praktijk.nl/", "KvK", "020 123 4567"),
    ("https://tandlaege.dk/", "CVR", "33 12 34 56"),
    ("https://studio.it/", "P.IVA", "06 1234 5678"), ("https://firma.cz/", "IČO", "212 345 678"),
    ("https://tannlege.no/", "Org.nr", "22 93 22 93"),
])  # fmt: skip
def test_national_register_numbers_are_not_phones(url: str, trap: str, number: str) -> None:
    assert phone_values(detect(url, f"<p>{number}</p>")), "control: valid without the label"
    assert detect(url, f"<p>{trap} {number}</p>") == []


def test_a_designer_credit_with_a_studio_and_a_name_before_the_link() -> None:
    from checks.whose import credit_before

    assert credit_before("Strona stworzona przez Studio Lorem Jan Kowalski — ") == (
        "Strona stworzona przez")
