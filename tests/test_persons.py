"""Person detector: DETECTION_CASES rows 42-43, every lexicon phrase, negatives, channel linking,
imprints in German, French and Spanish, structured data and properties.

Every fixture is written for these tests (fictional people and businesses).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.api import SiteContext
from checks.detectors import persons
from checks.detectors.persons import PersonDetector, clean_name
from checks.facts import Fact
from checks.lexicons import load
from crawler.page import Page

LEX = load("roles")
LANGS = ("en", "de", "fr", "es")
# A name and a plain role per language, for the templates below.
NAME = {"en": "Jane Smith", "de": "Max Müller", "fr": "Claire Dubois", "es": "María López"}
FIRST = {"en": "Jane", "de": "Max", "fr": "Claire", "es": "María"}
BASE_ROLE = {"en": "manager", "de": "inhaber", "fr": "gérant", "es": "gerente"}
SITES = {"en": "https://acme.co.uk/", "de": "https://firma.de/", "fr": "https://acme.fr/",
         "es": "https://acme.es/"}
DATA_KEYS = {"role", "source", "business_name", "emails", "phones", "photo"}


def facts(body: str, url: str = "https://acme.co.uk/", title: str = "", head: str = "",
          lang: str = "", region: str | None = None) -> list[Fact]:
    html = (f"<html lang='{lang}'><head><title>{title}</title>{head}</head>"
            f"<body>{body}</body></html>")
    page = Page.from_html(url, html)
    found = list(PersonDetector.from_context(SiteContext(url, region)).detect(page))
    for f in found:
        assert f.kind == "person" and set(f.data) == DATA_KEYS, f
    return found


def people(body: str, **kw: Any) -> dict[str, Fact]:
    return {f.value: f for f in facts(body, **kw)}


def cap(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def phrases(key: str) -> list[tuple[str, str]]:
    return [(lang, p) for lang in LANGS for p in LEX[lang].get(key, [])]


@pytest.mark.parametrize("module", [persons, *(
    importlib.import_module(f"checks.detectors.persons.{m.name}")
    for m in pkgutil.iter_modules(persons.__path__))], ids=lambda m: m.__name__)
def test_doctests(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


# -- DETECTION_CASES rows 42 and 43 ------------------------------------------------------------


def test_row_42_hcard() -> None:
    found = facts(
        '<div class="h-card"><span class="p-name">Priya Sharma</span>, '
        '<span class="p-job-title">Head of Customer Care</span> · '
        '<a class="u-email" href="mailto:Priya.Sharma@acme.com.au">Priya.Sharma@acme.com.au</a>'
        "</div>", url="https://acme.com.au/")
    assert len(found) == 1
    f = found[0]
    assert (f.value, f.method, f.visible) == ("Priya Sharma", "microformat", True)
    assert f.data["role"] == "Head of Customer Care" and f.data["source"] == "hcard"
    assert f.data["emails"] == ["priya.sharma@acme.com.au"]


def test_row_42_team_card() -> None:
    found = facts('<section><div class="card"><h3>Dr Priya Sharma</h3>'
                  "<p>Head of Customer Care</p>"
                  '<p><a href="mailto:priya@acme.in">Write to Priya</a></p></div></section>',
                  url="https://acme.in/")
    assert len(found) == 1
    f = found[0]
    assert (f.value, f.method, f.region) == ("Priya Sharma", "text", "main")
    assert f.data == {"role": "Head of Customer Care", "source": "team_card",
                      "business_name": False, "emails": ["priya@acme.in"], "phones": [],
                      "photo": False}
    assert f.selector.endswith("h3") and "Priya Sharma" in f.snippet


@pytest.mark.parametrize("body", [
    "<p>“Great service!” — John, Leeds</p>",
    "<blockquote>“Great service!” — John, Leeds</blockquote>",
    '<div class="testimonial"><p>“Great service!”</p><p>— John, Leeds</p></div>',
])
def test_row_43_testimonial_is_no_contact(body: str) -> None:
    assert facts(body) == []


# -- every lexicon phrase ------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "phrase"), phrases("roles"))
def test_role_phrases(lang: str, phrase: str) -> None:
    role = f"{phrase} Sales" if phrase.endswith(" of") else phrase
    name = NAME[lang]
    for body in (f"<p>{cap(role)}: {name}</p>", f"<p>{name}, {role}</p>"):
        found = people(body, url=SITES[lang])
        assert list(found) == [name], body
        assert role.lower() in found[name].data["role"].lower()


@pytest.mark.parametrize(("lang", "phrase"), phrases("impressum"))
def test_impressum_phrases(lang: str, phrase: str) -> None:
    name = NAME[lang]
    for body in (f"<p>{cap(phrase)}: {name}</p>", f"<h2>{cap(phrase)}:</h2><p>{name}<br>"
                                                   "Hauptstraße 5<br>10115 Berlin</p>"):
        found = people(body, url=SITES[lang])
        assert list(found) == [name], body
        assert found[name].data["source"] == "impressum"


@pytest.mark.parametrize(("lang", "phrase"), phrases("by"))
def test_by_phrases(lang: str, phrase: str) -> None:
    name = NAME[lang]
    found = people(f"<p>Acme, {phrase} {name} in 1998.</p>", url=SITES[lang])
    assert list(found) == [name]
    assert found[name].data["source"] == "by"


@pytest.mark.parametrize(("lang", "phrase"), phrases("ask_for"))
def test_ask_for_phrases_take_a_first_name(lang: str, phrase: str) -> None:
    first = FIRST[lang]
    found = people(f"<p>{cap(phrase)} {first} when you ring us.</p>", url=SITES[lang])
    assert list(found) == [first]
    assert found[first].data["source"] == "ask_for"


@pytest.mark.parametrize(("lang", "phrase"), phrases("write_to"))
def test_write_to_phrases(lang: str, phrase: str) -> None:
    name, first = NAME[lang], FIRST[lang]
    assert list(people(f"<p>{cap(phrase)} {name} for a quote.</p>", url=SITES[lang])) == [name]
    # A first name alone only at the end of a line (a button) ...
    assert list(people(f"<button>{cap(phrase)} {first}</button>", url=SITES[lang])) == [first]
    # ... not in running text, where it is as likely a team or a town.
    assert people(f"<p>{cap(phrase)} {first} for a quote.</p>", url=SITES[lang]) == {}


@pytest.mark.parametrize(("lang", "title"), phrases("titles"))
def test_titles_are_dropped(lang: str, title: str) -> None:
    written = (cap(title) + "." if len(title) == 1 else
               "Dipl.-Ing." if title == "dipl.-ing" else cap(title))
    name = NAME[lang]
    found = people(f"<p>{cap(BASE_ROLE[lang])}: {written} {name}</p>", url=SITES[lang])
    assert list(found) == [name]
    # A title and a surname are no name: without the title lexicon "Mr Smith" would be one.
    assert people(f"<p>{cap(BASE_ROLE[lang])}: {written} Smith</p>", url=SITES[lang]) == {}


@pytest.mark.parametrize(("lang", "article"), phrases("articles"))
def test_articles_between_name_and_role(lang: str, article: str) -> None:
    name = NAME[lang]
    found = people(f"<p>{name}, {article} {BASE_ROLE[lang]}</p>", url=SITES[lang])
    assert list(found) == [name]
    assert found[name].data["role"].lower() == BASE_ROLE[lang]


@pytest.mark.parametrize(("lang", "copula"), phrases("copulas"))
def test_copulas(lang: str, copula: str) -> None:
    name = NAME[lang]
    role = BASE_ROLE[lang]
    assert list(people(f"<p>The {role} {copula} {name}.</p>", url=SITES[lang])) == [name]
    assert list(people(f"<p>{name} {copula} the {role}.</p>", url=SITES[lang])) == [name]


@pytest.mark.parametrize(("lang", "byline"), phrases("bylines"))
def test_bylines_are_authors_not_contacts(lang: str, byline: str) -> None:
    assert facts(f"<p>{cap(byline)} {NAME[lang]}, {BASE_ROLE[lang]}</p>", url=SITES[lang]) == []


@pytest.mark.parametrize(("lang", "phrase"), phrases("legal_pages"))
def test_legal_pages_make_roles_impressum(lang: str, phrase: str) -> None:
    name = NAME[lang]
    found = people(f"<p>{cap(BASE_ROLE[lang])}: {name}</p>", url=SITES[lang], title=cap(phrase))
    assert found[name].data["source"] == "impressum"
    found = people(f"<p>{cap(BASE_ROLE[lang])}: {name}</p>", url=SITES[lang] + phrase)
    assert found[name].data["source"] == "impressum"


@pytest.mark.parametrize(("lang", "phrase"), phrases("testimonials"))
def test_testimonial_sections(lang: str, phrase: str) -> None:
    # No quotation marks: the heading alone must tell a testimonial from a team card.
    body = (f"<section><h2>{cap(phrase)}</h2><ul><li><p>Wonderful work, thank you.</p>"
            f"<p>{NAME[lang]}, {BASE_ROLE[lang]}, Beispiel GmbH</p></li></ul></section>")
    assert facts(body, url=SITES[lang]) == []


@pytest.mark.parametrize(("lang", "phrase"), phrases("team_pages"))
def test_team_pages_read_name_headings_over_bios(lang: str, phrase: str) -> None:
    name, first = NAME[lang], FIRST[lang]
    body = f"<section><h3>{name}</h3><p>{first} has looked after our clients since 2010.</p>"
    found = people(body, url=SITES[lang], title=cap(phrase))
    assert list(found) == [name] and found[name].data["source"] == "team_card"
    assert facts(body, url=SITES[lang], title="Prices") == []


@pytest.mark.parametrize("word", LEX["_not_names"])
def test_not_names(word: str) -> None:
    assert facts(f"<p>Owner: Jane {cap(word)}</p>") == []


@pytest.mark.parametrize("word", LEX["_company"])
def test_company_forms(word: str) -> None:
    assert facts(f"<p>Director: Jane Smith {cap(word)}</p>") == []
    assert facts(f"<p>Director: Jane {cap(word)}</p>") == []


@pytest.mark.parametrize("word", LEX["_places"])
def test_places(word: str) -> None:
    assert facts(f"<p>Manager: Jane {cap(word)}</p>") == []


@pytest.mark.parametrize("phrase", LEX["_deceased"])
def test_the_dead_are_no_contacts(phrase: str) -> None:
    assert facts(f"<p>{cap(phrase)}: our founder, Jane Smith.</p>") == []


@pytest.mark.parametrize("word", LEX["_channel_words"])
def test_channel_words_after_a_name(word: str) -> None:
    assert list(people(f"<p>Owner: Jane Smith {cap(word)}: see below</p>")) == ["Jane Smith"]


# -- visible patterns ----------------------------------------------------------------------


@pytest.mark.parametrize(("body", "name", "role", "source"), [
    ("<p>Jane Smith, Owner</p>", "Jane Smith", "Owner", "role_pattern"),
    ("<p>Owner: Jane Smith</p>", "Jane Smith", "Owner", "role_pattern"),
    ("<p>Jane Smith – Managing Director</p>", "Jane Smith", "Managing Director", "role_pattern"),
    ("<p>Jane Smith (Practice Manager)</p>", "Jane Smith", "Practice Manager", "role_pattern"),
    ("<p>We hope to see you on Sunday!<br>- Pastor Tom Okafor</p>", "Tom Okafor", "Pastor",
     "role_pattern"),
    ('<figure><img src="tom.jpg" alt=""><figcaption>Pastor Tom Okafor</figcaption></figure>',
     "Tom Okafor", "Pastor", "role_pattern"),
    ("<p>Questions? Ask the club secretary, Alan Price, on Tuesdays.</p>", "Alan Price",
     "secretary", "role_pattern"),
    ("<div><strong>Anna Weber</strong> <span>Gründerin &amp; Inhaberin</span></div>",
     "Anna Weber", "Gründerin", "role_pattern"),
    ("<div><p>Treasurer</p><p>Owen Hughes</p></div>", "Owen Hughes", "Treasurer",
     "role_pattern"),
    ("<p>Ask for Jane when you call.</p>", "Jane", "", "ask_for"),
    ("<p>Acme was founded in 1987 by Ruth Cole.</p>", "Ruth Cole", "", "by"),
    ("<p>Founded by Mr. Arjun Mehta in 1990.</p>", "Arjun Mehta", "", "by"),
    ("<p>Founded by Mr. Arjun Mehta, who is a Mechanical Engineer.</p>", "Arjun Mehta",
     "Mechanical Engineer", "role_pattern"),
    ("<p>Presently Mr. Vikram Rao runs the plant and is responsible for quality.</p>",
     "Vikram Rao", "responsible for quality", "role_pattern"),
    ("<p>Je suis Hélène Roux, avocate au barreau de Lyon.</p>", "Hélène Roux", "avocate",
     "role_pattern"),
])
def test_visible_patterns(body: str, name: str, role: str, source: str) -> None:
    found = people(body)
    assert list(found) == [name]
    assert (found[name].data["role"], found[name].data["source"]) == (role, source)


def test_names_in_lists_share_the_role() -> None:
    found = people("<p>Geschäftsführer: Dr. Hans Meier, Anna Schmidt und Jonas Weber</p>",
                   url="https://firma.de/")
    assert list(found) == ["Hans Meier", "Anna Schmidt", "Jonas Weber"]
    assert {f.data["role"] for f in found.values()} == {"Geschäftsführer"}
    found = people("<p>Family run by Sam &amp; Priya since 2004.</p>")
    assert list(found) == ["Sam", "Priya"]


def test_staff_signature_under_a_quote_of_the_business() -> None:
    body = ('<div class="card"><p>"We answer every call ourselves."</p>'
            "<p>— Holly, Ridge Line Roofing</p></div>")
    assert list(people(body, title="Ridge Line Roofing | Home")) == ["Holly"]
    # The same line names a customer and a town on another site.
    assert people(body, title="Summit Builders") == {}


def test_team_page_heading_over_bio() -> None:
    body = ('<section><div><img src="/img/tom-baines.jpg" alt="Tom Baines headshot"></div>'
            "<div><h2>Tom Baines</h2><p>Tom has fitted kitchens across the county for twenty "
            "years and still measures every job himself.</p></div></section>")
    found = people(body, title="Meet the team")
    assert list(found) == ["Tom Baines"] and found["Tom Baines"].data["photo"] is True


def test_a_business_named_after_its_owner_is_no_bio() -> None:
    body = "<h2>Jane Smith</h2><p>Jane Smith Lettings is the leading agent in Kent.</p>"
    assert facts(body, title="About us") == []


def test_label_cells() -> None:
    body = ("<table><tr><th>Role</th><th>Name</th></tr><tr><td>Chair</td><td>Ruth Cole</td></tr>"
            "<tr><td>Treasurer</td><td>Owen Hughes</td></tr></table>"
            "<dl><dt>Welfare Officer</dt><dd>Nadia Khan</dd></dl>")
    found = people(body)
    assert {n: f.data["role"] for n, f in found.items()} == {
        "Ruth Cole": "Chair", "Owen Hughes": "Treasurer", "Nadia Khan": "Welfare Officer"}
    assert facts("<p>Secretary</p><p>Contact Details To Follow</p>"
                 "<p>President</p><p>Vacant Position</p>") == []


def test_a_first_name_after_by_needs_a_pair_or_an_address() -> None:
    assert facts("<p>Our bakery was founded by Jane in 1990.</p>") == []
    body = ('<p>Our bakery was founded by Jane in 1990.</p>'
            '<p><a href="mailto:jane@acme.co.uk">Write to us</a></p>')
    assert list(people(body)) == ["Jane"]


def test_doctor_heading_over_bio_anywhere() -> None:
    body = ("<h3>Dr. Lena Ortiz, O.D.</h3><p>Dr. Ortiz grew up in Tucson and has practised "
            "optometry since 2009.</p>")
    assert list(people(body, title="Welcome")) == ["Lena Ortiz"]


def test_name_line_with_an_address_made_of_it() -> None:
    body = ("<footer><ul><li>Nina Patel MBACP</li></ul><ul><li>Phone: 020 7946 0321</li>"
            '<li>Email: <a href="mailto:nina@calmspace.co.uk">nina@calmspace.co.uk</a></li>'
            "</ul></footer>")
    found = people(body)
    assert list(found) == ["Nina Patel"]
    assert found["Nina Patel"].data["emails"] == ["nina@calmspace.co.uk"]
    assert found["Nina Patel"].data["phones"] == ["+442079460321"]
    assert found["Nina Patel"].region == "footer"


# -- negatives -----------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    # testimonials and reviews
    '<div class="reviews"><div class="review"><p>Fixed our boiler in a day.</p>'
    '<p class="review__name">Karen Doyle, Practice Manager</p></div></div>',
    '<div itemprop="review"><p>Superb.</p><p>Mark Ellis, Director of Ellis Homes</p></div>',
    "<blockquote><p>Our director, Jane Smith, recommends them.</p></blockquote>",
    '<section><header><h2>What our clients say</h2></header><ul><li><p>Great!</p>'
    "<p>Sue Harper<br>Head of Facilities<br>Oak Primary School</p></li></ul></section>",
    "<p>“Tom Reed, the owner, was brilliant” — a happy customer</p>",
    # blog bylines
    '<article><p class="post-meta">Posted by Jane Smith, Editor</p></article>',
    '<p class="byline">by Jane Smith</p>',
    '<div class="author-box"><h4>Jane Smith</h4><p>Jane writes about gardens.</p></div>',
    # places, companies, generic phrases
    "<p>Manager: Leeds Office</p>",
    "<p>Director: Acme Holdings Ltd</p>",
    "<p>Owner: Smith &amp; Co</p>",
    "<p>Call Deep Water Plumbing Now</p>",
    "<p>Customer Service: 020 7946 0958</p>",
    "<h2>Our Team</h2>",
    "<p>Contact Sales today</p>",
    "<p>Director, Monday to Friday</p>",
    # navigation labels
    '<nav><a href="/team">Jane Smith, Owner</a> <a href="/contact">Contact Jane</a></nav>',
    # obituaries and memorial trophies
    "<p>Founder Ron Hale (1931–2004) started the club in a pub.</p>",
    "<h3>Ron Hale</h3><p>Ron Hale passed away in 2004, our president for thirty years.</p>",
    # a price quote form is no testimonial, but a list of roles is no name
    "<p>We work with SENCOs, Pastoral Managers, Learning Mentors and heads.</p>",
    # Title Case headings that start with a role word, invitations to departments
    "<h2>Deacon Blue Tickets</h2>",
    "<p>Director Christopher Nolan's new film opens on Friday</p>",
    "<p>St Mary's Church, Pastor Search Committee</p>",
    "<p>General Manager Position Available - Apply Now</p>",
    "<p>Landlord Gas Safety Certificates</p>",
    "<p>Contact Leeds Branch</p>",
    "<p>Email Marketing Tips</p>",
    "<p>Contact Form Submission Received</p>",
    "<p>Ask Our Experts</p>",
    "<p>Founded by Engineers, Built for Builders</p>",
    "<p>Our shop was founded by Jane in 1990.</p>",
    "<p>Call Jane for a quote.</p>",
])
def test_negatives(body: str) -> None:
    assert facts(body, title="Meet the team") == []


def test_a_menu_link_is_no_name() -> None:
    body = ('<header><div class="menu"><a href="/">Home</a> <a href="/contact">Contact</a> '
            '<a href="/x">Tabbed</a> <a href="/y">Data</a></div></header>')
    assert facts(body) == []
    assert list(people("<p>Ask for <strong>Jane</strong> at the desk.</p>")) == ["Jane"]


def test_quote_attributions() -> None:
    customer = ("<div><p>“They rebuilt our roof in two days.”</p>"
                "<p>— Alan Price, Facilities Manager, Oakfield Primary School</p></div>")
    assert facts(customer, title="Ridge Line Roofing") == []
    on_lines = ("<div><p>“Brilliant support for our pupils.”</p><p>Sue Harper<br>"
                "Head of Pastoral Care<br>Oakfield Primary School</p></div>")
    assert facts(on_lines, title="Calm Minds Counselling") == []
    staff = "<div><p>“We answer every call ourselves.”</p><p>— Jane Smith, Owner</p></div>"
    assert list(people(staff, title="Ridge Line Roofing")) == ["Jane Smith"]


def test_quote_form_is_not_a_quote() -> None:
    body = ('<form id="quoteForm"><button type="submit">Send to Holly</button></form>')
    assert list(people(body)) == ["Holly"]


# -- channels --------------------------------------------------------------------------------


def test_each_card_keeps_its_own_channels() -> None:
    body = ('<ul class="team"><li><strong>Jane Smith</strong> – Owner – '
            '<a href="tel:+442079460958">020 7946 0958</a></li>'
            "<li><strong>Bob Jones</strong> – Office Manager – "
            '<a href="mailto:Bob@Acme.co.uk">Bob@Acme.co.uk</a></li></ul>')
    found = people(body)
    assert found["Jane Smith"].data["phones"] == ["+442079460958"]
    assert found["Jane Smith"].data["emails"] == []
    assert found["Bob Jones"].data["emails"] == ["bob@acme.co.uk"]
    assert found["Bob Jones"].data["phones"] == []


def test_a_whole_card_does_not_borrow_its_neighbours_address() -> None:
    body = ('<section class="people"><article><img src="ann.jpg" alt=""><h2>Ann Byrne</h2>'
            '<p class="role">Owner and Head Florist</p><p>Ann opened the shop in 2009 and still '
            "does every wedding consultation herself, usually on Saturday mornings.</p></article>"
            '<article><h2>Leo Grant</h2><p class="role">Shop Manager</p><p>Leo looks after '
            'orders; write to <a href="mailto:leo@petalandstem.ie">leo@petalandstem.ie</a>.</p>'
            "</article></section>")
    found = people(body, url="https://petalandstem.ie/")
    assert found["Ann Byrne"].data == {"role": "Owner and Head Florist", "source": "team_card",
                                       "business_name": False, "emails": [], "phones": [],
                                       "photo": True}
    assert found["Leo Grant"].data == {"role": "Shop Manager", "source": "team_card",
                                       "business_name": False,
                                       "emails": ["leo@petalandstem.ie"], "phones": [],
                                       "photo": False}


def test_channels_in_the_next_lines_and_in_the_sentence() -> None:
    found = people("<p>Jane Smith<br>Owner<br>Tel: 020 7946 0958<br>jane.smith@acme.co.uk</p>")
    assert found["Jane Smith"].data["phones"] == ["+442079460958"]
    assert found["Jane Smith"].data["emails"] == ["jane.smith@acme.co.uk"]
    found = people("<div><p>Owner: Jane Smith</p><p>Mobile: 07700 900123 · "
                   '<a href="mailto:jane@acme.co.uk">email</a></p></div>')
    assert found["Jane Smith"].data["emails"] == ["jane@acme.co.uk"]
    found = people("<p>Any concern can be raised with the club president, Alan Price, on "
                   "020 7946 0123.</p>")
    assert found["Alan Price"].data["phones"] == ["+442079460123"]


def test_phones_are_read_in_the_site_region() -> None:
    body = "<p>Owner: Jane Smith, phone (415) 555-0132</p>"
    assert people(body, url="https://acme.com/", region="US")["Jane Smith"].data["phones"] == [
        "+14155550132"]
    assert people(body, url="https://acme.com/", lang="en-us")["Jane Smith"].data["phones"] == [
        "+14155550132"]
    # No region: only numbers written with +code are read.
    assert people(body, url="https://acme.com/")["Jane Smith"].data["phones"] == []
    assert people("<p>Owner: Jane Smith, +1 415 555 0132</p>",
                  url="https://acme.com/")["Jane Smith"].data["phones"] == ["+14155550132"]


def test_photo_in_the_card() -> None:
    body = ('<div class="member"><img src="jane.jpg" alt=""><h3>Jane Smith</h3>'
            "<p>Owner</p></div>")
    assert people(body)["Jane Smith"].data["photo"] is True
    assert people("<p>Owner: Jane Smith</p>")["Jane Smith"].data["photo"] is False


# -- imprints ------------------------------------------------------------------------------


def test_german_impressum() -> None:
    body = ("<main><h1>Impressum</h1><h2>Angaben gemäß § 5 DDG</h2>"
            "<p>Glanzwerk Gebäudereinigung<br>Inhaberin: Sabine Kowalski<br>Lindenweg 4<br>"
            "47533 Kleve</p><h2>Kontakt</h2><p>Telefon: 02821 123456<br>"
            '<a href="mailto:info@glanzwerk.de">info@glanzwerk.de</a></p>'
            "<h2>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV</h2>"
            "<p>Sabine Kowalski<br>Lindenweg 4<br>47533 Kleve</p>"
            "<h2>Vertreten durch</h2><p>Herr Jonas Brandt</p></main>")
    found = people(body, url="https://glanzwerk.de/impressum.html", title="Impressum",
                   lang="de")
    assert list(found) == ["Sabine Kowalski", "Jonas Brandt"]
    assert found["Sabine Kowalski"].data["role"] == "Inhaberin"
    assert {f.data["source"] for f in found.values()} == {"impressum"}
    assert found["Jonas Brandt"].data["role"] == "Vertreten durch"


def test_german_contact_person() -> None:
    found = people("<p>Ihr Ansprechpartner: Herr Max Müller, Tel. 030 1234567</p>",
                   url="https://firma.de/", lang="de")
    assert found["Max Müller"].data["role"] == "Ihr Ansprechpartner"
    assert found["Max Müller"].data["phones"] == ["+49301234567"]


def test_french_mentions_legales() -> None:
    body = ("<h1>Mentions légales</h1><h2>Éditeur du site</h2>"
            "<p><strong>Nom</strong> : Cabinet Roux<br><strong>Gérante</strong> : Mme Hélène "
            "Roux<br>Adresse : 12 rue des Lilas, 69003 Lyon</p>"
            "<p>Directeur de la publication : M. Paul Girard</p>")
    found = people(body, url="https://cabinet-roux.fr/mentions-legales.html", lang="fr",
                   title="Mentions légales")
    assert list(found) == ["Hélène Roux", "Paul Girard"]
    assert found["Hélène Roux"].data["role"] == "Gérante"
    assert found["Paul Girard"].data["role"] == "Directeur de la publication"
    assert {f.data["source"] for f in found.values()} == {"impressum"}


def test_spanish_aviso_legal() -> None:
    body = ("<h1>Aviso legal</h1><p>El titular de este sitio web es <strong>Andrés Gil "
            "Navarro</strong>, con N.I.F. 12345678-Z, con domicilio en Calle Mayor 3, Bilbao."
            "</p><p>Responsable del tratamiento: Dña. Lucía Fernández Ruiz (Clínica Gil)</p>")
    found = people(body, url="https://clinicagil.es/aviso-legal.html", lang="es",
                   title="Aviso legal")
    assert list(found) == ["Andrés Gil Navarro", "Lucía Fernández Ruiz"]
    assert found["Andrés Gil Navarro"].data["role"] == "El titular"
    assert found["Lucía Fernández Ruiz"].data["role"] == "Responsable del tratamiento"
    assert {f.data["source"] for f in found.values()} == {"impressum"}


# -- merging -------------------------------------------------------------------------------


def test_one_fact_per_person_per_page() -> None:
    body = ("<p>Owner: Jane Smith</p><p>Jane Smith, Managing Director, founded Acme.</p>"
            '<p>Ask for Jane on <a href="tel:+442079460958">020 7946 0958</a>.</p>')
    found = facts(body)
    assert [f.value for f in found] == ["Jane Smith"]
    assert found[0].data["role"] == "Owner"
    assert found[0].data["phones"] == ["+442079460958"]


def test_a_first_name_stays_apart_when_ambiguous() -> None:
    body = "<p>Owner: Jane Smith</p><p>Manager: Jane Doe</p><p>Ask for Jane.</p>"
    assert sorted(people(body)) == ["Jane", "Jane Doe", "Jane Smith"]


# -- properties ----------------------------------------------------------------------------


def test_clean_name() -> None:
    assert clean_name("Dr. Bruce Brockman, O.D.") == "Bruce Brockman"
    assert clean_name("Frau Dipl.-Ing. Anna Weber") == "Anna Weber"
    assert clean_name("Meet Jane Smith") == "Jane Smith"
    assert clean_name("Marcos Elgorriaga Kunze") == "Marcos Elgorriaga Kunze"
    assert clean_name("John van der Berg") == "John van der Berg"
    assert clean_name("Deep Creek Plumbing") is None
    assert clean_name("Jane") is None and clean_name("Jane", allow_single=True) == "Jane"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("aJjSsmi ,:;.–-\n<>'\"&@éüOwnerDr")), max_size=80),
       st.sampled_from(["Owner", "Inhaber", "gérant", "Ask for", "founded by", "Dr."]))
def test_never_raises_and_values_are_clean(text: str, phrase: str) -> None:
    body = f"<p>{phrase} {text}</p><p>{text} {phrase} Jane Smith</p>"
    for f in facts(body):
        assert clean_name(f.value, allow_single=True) == f.value
        assert f.method == "text" and f.data["source"] in {
            "team_card", "role_pattern", "impressum", "ask_for", "by"}


def test_a_letter_that_lower_cases_to_two_does_not_hide_the_roles() -> None:
    # "İ" lower-cases to two characters; the role words around it must still be read.
    found = facts("<p>Owner: Jane Smith. Our office is in İzmir.</p>")
    assert [(f.value, f.data["role"]) for f in found] == [("Jane Smith", "Owner")]
