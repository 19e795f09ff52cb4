"""Persons told by structure that holds across sites and languages (issue 11): staff lists
under role headings, cards of photo + name + role, the first person, the business's name,
titles, and the phrases that are not persons (services, headings, menus). DETECTION_CASES rows
50-53. Each of these failed on the detector of commit a5ea7c5.

Every fixture is written for these tests (fictional people and businesses).
"""

from __future__ import annotations

from typing import Any

from checks.api import SiteContext
from checks.detectors.persons import PersonDetector
from checks.detectors.persons.evidence import own_address
from checks.facts import Fact
from crawler.page import Page


def people(body: str, url: str = "https://acme.example/", title: str = "",
           lang: str = "") -> dict[str, Fact]:
    html = (f"<html lang='{lang}'><head><title>{title}</title></head>"
            f"<body>{body}</body></html>")
    page = Page.from_html(url, html)
    return {f.value: f for f in PersonDetector.from_context(SiteContext(url)).detect(page)}


def role(found: dict[str, Fact], name: str) -> Any:
    return found[name].data["role"]


# -- row 50: staff lists under role headings, capitals surname, initials, own email ----------


def test_row_50_notary_staff_list_under_role_headings() -> None:
    body = ("<main><h3>Notaire</h3><p>Claire DUPONT (CD) : "
            "<a href='mailto:claire.dupont@etude-exemple.fr'>claire.dupont@etude-exemple.fr</a>"
            "<br>Julien MARTIN (JM) : <a href='mailto:julien.martin@etude-exemple.fr'>"
            "julien.martin@etude-exemple.fr</a></p>"
            "<h3>Collaborateurs</h3><p>Sophie BERNARD (SB) : "
            "<a href='mailto:sophie.bernard@etude-exemple.fr'>sophie.bernard@etude-exemple.fr</a>"
            "</p></main>")
    found = people(body, url="https://etude-exemple.fr/", lang="fr")
    assert set(found) == {"Claire Dupont", "Julien Martin", "Sophie Bernard"}
    assert role(found, "Claire Dupont") == "Notaire"
    assert role(found, "Sophie Bernard") == "Collaborateurs"
    assert found["Julien Martin"].data["emails"] == ["julien.martin@etude-exemple.fr"]


def test_a_lone_staff_line_counts_with_its_own_email() -> None:
    body = "<main><p>Team</p><p>Anna KOWALSKA (AK) - anna.kowalska@biuro-przyklad.pl</p></main>"
    found = people(body, url="https://biuro-przyklad.pl/")
    assert set(found) == {"Anna Kowalska"}


def test_role_words_before_names_in_a_list_of_staff() -> None:
    body = ("<main><h2>Onze artsen</h2><ul><li>Huisarts Marc Peeters</li>"
            "<li>Huisarts Ilse Janssens (in opleiding)</li>"
            "<li>Praktijkassistente Zyrah Van Acker</li></ul></main>")
    found = people(body, url="https://praktijk-voorbeeld.be/", lang="nl")
    assert set(found) == {"Marc Peeters", "Ilse Janssens", "Zyrah Van Acker"}
    assert role(found, "Zyrah Van Acker") == "Praktijkassistente"


def test_a_list_of_services_is_no_staff_list() -> None:
    body = ("<footer><p>Våra Tjänster</p><p>Medicinsk Fotvård<br>Nagelbehandling<br>"
            "Fotundersökning</p></footer>")
    assert people(body, url="https://fotvard-exempel.se/", lang="sv") == {}


# -- row 51: team cards of photo + first name + role -------------------------------------------


def test_row_51_team_cards_with_first_names() -> None:
    body = ("<main><div class='team'>"
            "<div class='member'><img alt='' src='m1.jpg'><h4>Marta</h4><p>Empfang</p></div>"
            "<div class='member'><img alt='' src='m2.jpg'><h4>Lukas</h4><p>Praxisassistenz</p>"
            "</div></div></main>")
    found = people(body, url="https://praxis-beispiel.at/team", lang="de")
    assert set(found) == {"Marta", "Lukas"}
    assert role(found, "Marta") == "Empfang"
    assert found["Marta"].data["photo"] is True


def test_cards_of_staff_with_photo_role_and_email() -> None:
    body = ("<section><div class='row'>"
            "<div class='col'><div class='card'><img src='a.jpg' alt='staff photo'>"
            "<h5>Curtis Holt</h5><p>Assistant</p><a href='mailto:curtis@holt-law.com'>"
            "Email</a></div></div>"
            "<div class='col'><div class='card'><img src='b.jpg' alt='staff photo'>"
            "<h5>Kara Beck</h5><p>Legal Assistant</p><a href='mailto:klb@holt-law.com'>"
            "Email</a></div></div></div></section>")
    found = people(body, url="https://holt-law.com/our-staff")
    assert set(found) == {"Curtis Holt", "Kara Beck"}
    assert found["Kara Beck"].data["emails"] == ["klb@holt-law.com"]
    assert role(found, "Kara Beck") == "Legal Assistant"


def test_cards_of_services_are_no_people() -> None:
    body = ("<main><div class='grid'>"
            "<div class='item'><img src='1.jpg'><h3>Estate Planning</h3><p>Wills</p></div>"
            "<div class='item'><img src='2.jpg'><h3>Elder Law</h3><p>Care</p></div>"
            "</div></main>")
    assert people(body) == {}


# -- row 52: the first person --------------------------------------------------------------


def test_row_52_sole_trader_in_the_first_person() -> None:
    found = people("<main><p>Hi, I'm Sam. I'll look after your garden myself, from the first "
                   "visit to the last cut.</p></main>", url="https://sams-gardens.example.nz/")
    assert set(found) == {"Sam"}
    assert role(found, "Sam") == "owner"


def test_first_person_in_other_languages() -> None:
    cases = {
        "de": ("<p>Ich bin Anna Weber, Heilpraktikerin in Köln.</p>", "Anna Weber"),
        "fr": ("<p>Bonjour, je suis Camille, et je vous accueille au cabinet.</p>", "Camille"),
        "it": ("<p>Mi chiamo Giulia Conti e lavoro come fisioterapista.</p>", "Giulia Conti"),
        "nl": ("<p>Ik ben Sanne, diëtiste in Gent.</p>", "Sanne"),
        "pl": ("<p>Nazywam się Agnieszka Nowak, prowadzę biuro rachunkowe.</p>",
               "Agnieszka Nowak"),
        "sv": ("<p>Jag heter Ingrid och är medicinsk fotterapeut.</p>", "Ingrid"),
    }
    for lang, (body, name) in cases.items():
        assert set(people(f"<main>{body}</main>", lang=lang)) == {name}, lang


def test_first_person_with_a_particle_or_in_a_heading() -> None:
    # A surname with its particle ("de Vries", "von Berg"); a heading that ends with the name.
    assert set(people("<main><p>Ik ben Femke van der Linden, logopedist.</p></main>",
                      lang="nl")) == {"Femke van der Linden"}
    assert set(people("<main><h1>Hallo, ich bin Jonas von Arnim</h1><p>Seit 2012 baue ich "
                      "Fahrräder.</p></main>", lang="de")) == {"Jonas von Arnim"}
    assert set(people("<main><h2>Hi, I'm Priya Shah</h2><p>I started this studio in "
                      "2019.</p></main>")) == {"Priya Shah"}


def test_my_name_is_introduces_a_name_no_list_knows() -> None:
    # "My name is" can only introduce a name: a rare given name is still one.
    assert set(people("<main><p>Mijn naam is Quirina Maas. Ik masseer al tien jaar.</p></main>",
                      lang="nl")) == {"Quirina Maas"}
    assert set(people("<main><p>My name is Xandrel Quope and I fix roofs.</p></main>")) == {
        "Xandrel Quope"}
    # Two words are needed, and words that are no name's stay out.
    assert people("<main><p>My name is Customer Service.</p></main>") == {}
    assert people("<main><p>Mijn naam is Zorg.</p></main>", lang="nl") == {}


def test_first_person_with_a_job_is_no_name() -> None:
    assert people("<main><p>Ich bin Heilpraktiker aus Leidenschaft.</p></main>", lang="de") == {}


# -- row 53: service names, headings, categories, menus --------------------------------------


def test_row_53_title_case_services_headings_and_categories() -> None:
    body = ("<nav><ul><li><a href='/estate'>Estate Planning</a></li>"
            "<li><a href='/attorneys'>Attorneys</a></li>"
            "<li><a href='/why'>Why Choose Us</a></li></ul></nav>"
            "<main><h2>Estate Planning</h2><p>Elder Law</p>"
            "<h2>Why Choose Us</h2><p>Asset Protection, Business Planning, Veterans Benefits "
            "Planning, Elder Law</p><h3>Attorneys</h3><p>Member, Academy of Elder Law Attorneys"
            "</p><h2>Family department</h2><p>Divorce and custody</p></main>")
    assert people(body, url="https://roe-law.example/") == {}


def test_why_choose_us_in_other_languages() -> None:
    body = ("<main><h2>Varför Välja Oss</h2><p>Din Partner för Fotens Välmående</p>"
            "<h2>Warum Wir</h2><p>Ihr Partner vor Ort</p></main>")
    assert people(body, url="https://exempel.se/") == {}


# -- titles, middle names, nicknames, the legal notice, the business's name --------------------


def test_titles_in_many_languages() -> None:
    body = ("<main><p class='x'>Rev. Fr. Tomas Lindqvist</p><p>Pastor</p>"
            "<p>Studio Legale Avv. Marco Ferri — Avvocato</p>"
            "<p>dott.ssa Chiara Bassi, psicologa</p></main>")
    found = people(body, url="https://esempio.example/")
    assert {"Tomas Lindqvist", "Marco Ferri", "Chiara Bassi"} <= set(found)


def test_a_middle_initial_is_one_person_with_the_name_without_it() -> None:
    found = people("<main><h3>Nancy L. Rowe</h3><p>Nancy L. Rowe is an attorney.</p>"
                   "<p>Attorney: Nancy Rowe</p></main>")
    assert set(found) == {"Nancy Rowe"}


def test_the_legal_notices_responsible_person() -> None:
    found = people("<main><h1>Impressum</h1><p>Inhaber: Egon Marius Brandt</p>"
                   "<p>Verantwortlich für den Inhalt: Egon Marius Brandt</p></main>",
                   url="https://praxis-beispiel.de/impressum", lang="de")
    assert set(found) == {"Egon Marius Brandt"}


def test_a_name_that_is_the_business_name() -> None:
    found = people("<header><p>The Law Office of Jane Roe</p></header><main><p>Wills and "
                   "trusts.</p></main>", url="https://janeroe-law.example/")
    assert set(found) == {"Jane Roe"}
    assert found["Jane Roe"].data["business_name"] is True


def test_a_business_name_in_the_page_title() -> None:
    found = people("<main><p>Willkommen.</p></main>", url="https://praxis-beispiel.de/",
                   title="Praxis Dr. Anna Keller – Allgemeinmedizin", lang="de")
    assert set(found) == {"Anna Keller"}
    assert found["Anna Keller"].data["business_name"] is True


def test_own_address() -> None:
    assert own_address("Claire Dupont", "claire.dupont@x.fr")
    assert own_address("Claire Dupont", "cdupont@x.fr")
    assert own_address("Kara Beck", "kb@x.com")
    assert not own_address("Claire Dupont", "contact@x.fr")


def test_a_place_the_page_speaks_of_is_no_person() -> None:
    body = ("<main><div class='area'><h3>Santa Barbara Landlord &amp; Tenant Law</h3>"
            "<p>Lease drafting and evictions.</p></div>"
            "<p>We have practiced law in Santa Barbara for 20 years.</p></main>")
    assert people(body, url="https://ose-law.example/") == {}


def test_a_name_starts_a_word_not_the_end_of_a_business_s_compound() -> None:
    # "FitBox Norte, responsable ...": the business's camel-case name, not a "Box Norte".
    body = ("<main><h1>Aviso legal</h1><p>FitBox Norte, responsable del sitio web, pone a "
            "disposición de los usuarios el presente documento.</p><p>Marta Gil Ruiz, "
            "responsable del tratamiento.</p></main>")
    assert set(people(body, "https://fitbox-norte.example/aviso-legal", lang="es")) == {
        "Marta Gil Ruiz"}


def test_a_person_asked_for_by_name_with_their_number_is_a_person() -> None:
    # An uncommon given name ("Annemieke" is in no first-name list) is still a person when
    # the visitor is told to contact them and given the number to do it.
    body = ("<main><p>Voor meer informatie neem contact op met Annemieke Gerrits op "
            "06-25218121.</p></main>")
    assert set(people(body, lang="nl")) == {"Annemieke Gerrits"}
    body = "<main><p>Please contact Customer Service on 0800 123 4567.</p></main>"
    assert set(people(body, lang="en")) == set()


def test_a_name_heading_over_a_bio_that_says_she_or_he_is_a_person() -> None:
    # "Tamsin" and "Jördis" are in no first-name list; the bio speaks of a person.
    body = ("<main><h2>Tamsin Okafor</h2><p>Tamsin has been a physiotherapist since 2005. "
            "She trained in Leeds.</p></main>")
    assert set(people(body, lang="en")) == {"Tamsin Okafor"}
    body = ("<main><h2>Jördis Brandauer</h2><p>Jördis ist Physiotherapeutin. Sie arbeitet "
            "seit 2005 in Linz.</p></main>")
    assert set(people(body, lang="de")) == {"Jördis Brandauer"}
    body = ("<main><h2>Estate Planning</h2><p>Estate planning is how you protect your family. "
            "It covers wills and trusts.</p></main>")
    assert set(people(body, lang="en")) == set()


def test_a_portrait_that_names_its_person_makes_the_line_under_the_name_a_role() -> None:
    # "Higienista dental" is in no role list; the photo's alt text is the name over it.
    card = ("<div class='member'><div class='photo'><img src='p.webp' alt='{n}'></div>"
            "<div class='info'><h4>{n}</h4><p class='role'>{r}</p><p>{b}</p></div></div>")
    body = "<main><h2>Nuestro equipo</h2>" + card.format(
        n="Natalia Nevado", r="Higienista dental",
        b="Técnico superior por la academia, llegó a la clínica en 2019.") + "</main>"
    found = people(body, lang="es")
    assert set(found) == {"Natalia Nevado"}
    assert role(found, "Natalia Nevado") == "Higienista dental"
    service = card.format(n="Estate Planning", r="Wills and trusts", b="We draft wills.")
    assert people(f"<main>{service}</main>", lang="en") == {}


def test_a_titled_full_name_on_a_line_of_its_own_is_a_person() -> None:
    body = ("<main><h2>Ärzte</h2><ul><li>Priv.-Doz. Dr. Stefan Hofmann</li>"
            "<li>Dr. Karina Lindner (Vertretungsärztin)</li></ul></main>")
    found = people(body, lang="de")
    assert set(found) == {"Stefan Hofmann", "Karina Lindner"}
    assert role(found, "Karina Lindner") == "Vertretungsärztin"
    # A brand with a title in its name opens with no given name.
    assert people("<main><ul><li>Dr. Martens Boots</li></ul></main>", lang="en") == {}


def test_a_phrase_of_the_page_title_with_no_given_name_is_no_person() -> None:
    # The title names the business and its trade, which the text writes in lower case.
    body = ("<main><p>Dal 2005 curiamo gestioni condominiali a Bologna.</p>"
            "<div class='card'><img src='b.jpg'><h3>Gestioni Condominiali</h3>"
            "<p>Amministratore</p></div><div class='card'><img src='m.jpg'><h3>Mila Zanetti"
            "</h3><p>Amministratrice</p></div></main>")
    found = people(body, title="Studio Zeta - Gestioni Condominiali Bologna", lang="it")
    assert set(found) == {"Mila Zanetti"}
    # A colleague whose given name no list knows, named in the title, is never written in
    # lower case: still a person.
    body = ("<main><div class='card'><img src='l.jpg'><h3>Jorieke Van Acker</h3>"
            "<p>Kinderpsycholoog</p></div></main>")
    assert set(people(body, title="Kinderpsycholoog - Jorieke Van Acker", lang="nl")) == {
        "Jorieke Van Acker"}
