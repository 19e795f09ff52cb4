"""Persons on sites nobody tuned for (issue 11, second round): the classes of failure measured
on real sites in Italian, Portuguese, Polish, German, Dutch, Finnish and Spanish, each as a
fixture written for this file (fictional people, businesses and places).

- menu items and call-to-action buttons are no names, even when a word is also a given name;
- a name is written inside one element: two neighbouring links never make one name;
- staff of doctors with long multi-part names, titles (Dr., Dra., mgr, lek.), suffixes
  (Júnior, Neto), a surname alone after a title, a registration number (CRM, NPWZ, BIG);
- lists of staff under a role heading, with a given name the list does not know;
- the owner named in a team section's bio, in the copyright line, in the legal notice;
- address lines (a district after the street, a town named after a saint) are no names.
"""

from __future__ import annotations

from typing import Any

import pytest

from checks.api import SiteContext
from checks.detectors.persons import PersonDetector
from checks.facts import Fact
from checks.lexicons import load
from crawler.page import Page

LEX = load("roles")


def people(body: str, url: str = "https://exemplo.example/", title: str = "",
           lang: str = "") -> dict[str, Fact]:
    html = (f"<html lang='{lang}'><head><title>{title}</title></head>"
            f"<body>{body}</body></html>")
    page = Page.from_html(url, html)
    return {f.value: f for f in PersonDetector.from_context(SiteContext(url)).detect(page)}


def role(found: dict[str, Fact], name: str) -> Any:
    return found[name].data["role"]


# -- menus and buttons ---------------------------------------------------------------------


_IT_NAV = ("<nav><a href='index.html'>Home</a><a href='chi-siamo.html'>Chi Siamo</a>"
           "<a href='sedi.html'>Le Sedi</a><a href='contatti.html'>Contatti</a></nav>")


def test_menu_items_repeated_in_the_footer_are_no_names() -> None:
    footer = ("<footer><h4>Link utili</h4><ul><li><a href='index.html'>Home</a></li>"
              "<li><a href='chi-siamo.html'>Chi Siamo</a></li>"
              "<li><a href='sedi.html'>Le Sedi</a></li>"
              "<li><a href='contatti.html'>Contatti</a></li></ul></footer>")
    body = _IT_NAV + "<main><p>Benvenuti.</p></main>" + footer
    assert people(body, url="https://associazione-esempio.it/", lang="it") == {}
    # A therapist's page in the menu is a person where her card says her role.
    own_page = ("<nav><a href='/'>Studio Movimento</a><a href='anna-weber.html'>Anna Weber</a>"
                "<a href='jan-kowal.html'>Jan Kowal</a></nav><main><div class='card'>"
                "<h2>Anna Weber</h2><p>Fisioterapista</p></div></main>")
    assert set(people(own_page, url="https://studio-esempio.it/anna-weber.html")) == {
        "Anna Weber"}
    # Classes named like people ("Rosa Pilates") are menu items too, whatever the words.
    classes = ("<nav><a href='/'>Studio Movimento</a><a href='rosa-pilates.html'>Rosa Pilates"
               "</a><a href='vera-yoga.html'>Vera Yoga</a></nav><main><p>Orari e corsi.</p>"
               "</main><footer><ul><li><a href='rosa-pilates.html'>Rosa Pilates</a></li>"
               "<li><a href='vera-yoga.html'>Vera Yoga</a></li></ul></footer>")
    assert people(classes, url="https://studio-esempio.it/", lang="it") == {}
    # Surnames that look like a street or a menu word stay names.
    team = ("<main><h2>Ons team</h2><p>Jan van der Laan – fysiotherapeut</p>"
            "<p>Andrew Lees – osteopaat</p></main>")
    assert set(people(team, lang="nl")) == {"Jan van der Laan", "Andrew Lees"}
    # The brand, a link to the home page, is no menu item: it names the owner.
    brand = ("<nav><a class='navbar-brand' href='index.html'>Marta Zielińska</a>"
             "<a href='oferta.html'>Oferta</a><a href='kontakt.html'>Kontakt</a></nav>"
             "<main><p>Nazywam się Marta Zielińska i jestem logopedą.</p></main>")
    assert set(people(brand, url="https://logopeda-przyklad.pl/", lang="pl")) == {
        "Marta Zielińska"}


def test_buttons_side_by_side_are_no_name() -> None:
    places = ("<h3>Le Nostre Sedi</h3><p>Rivarolo - Sede Legale<br>Cuorgnè<br>"
              "Pont Canavese</p>")
    body = (_IT_NAV + "<main><section><h2>Come puoi aiutare</h2><p>Ogni gesto conta.</p>"
            "<div class='cta'><a class='btn' href='dona.html'>Sostieni Ora</a> "
            "<a class='btn' href='contatti.html'>Scrivici</a></div>" + places + "</section>"
            "<section><p>Unisciti a noi.</p><div class='cta'>"
            "<a class='btn' href='soci.html'><i class='icon'></i> Diventa Socio</a> "
            "<a class='btn' href='contatti.html'>Contattaci</a> "
            "<a class='btn' href='eventi.html'>Scopri gli Eventi</a></div>" + places
            + "</section></main>")
    assert people(body, url="https://associazione-esempio.it/", lang="it") == {}
    # An earlier link holding only the surname does not hide the name written whole later.
    later = ("<style>.menu-mobile{display:none}</style><main><div class='menu-mobile'>"
             "<a href='/studio'>Ferraresi</a></div><p>Titolare: Carla Ferraresi</p></main>")
    assert set(people(later, url="https://studio-esempio.it/", lang="it")) == {"Carla Ferraresi"}


def test_cards_of_activities_with_photos_are_no_people() -> None:
    def card(title: str, text: str) -> str:
        return (f"<div class='col-md-4'><div class='card'><img class='card-img-top' "
                f"src='{title[:3]}.jpg' alt=''><div class='card-body'><h5 class='card-title'>"
                f"{title}</h5><p class='card-text'>{text}</p></div></div></div>")
    body = ("<main><h2>Extraescolars</h2><div class='row'>"
            + card("Per Nens", "Activitats pensades per als més petits, amb jocs i moviment.")
            + card("Per Adults", "Activitats per al benestar i la forma física dels adults.")
            + card("Casals d'Estiu", "Setmanes d'esport i lleure durant les vacances.")
            + "</div></main>")
    assert people(body, url="https://club-exemple.cat/extraescolars.html", lang="ca") == {}
    # A row of portraits headed by people's names, one saying a role, is a team.
    team = ("<main><div class='row'>"
            + card("Núria Puig Soler", "Porta els grups d'iniciació des de 2015.")
            + card("Marc Vidal Roca", "Entrenador del grup de competició.")
            + "</div></main>")
    assert set(people(team, url="https://club-exemple.cat/equip.html", lang="ca")) == {
        "Núria Puig Soler", "Marc Vidal Roca"}


# -- doctors: long names, titles, suffixes, a surname alone, registration numbers --------------


def _doctor_card(heading: str, bio: str, photo: str) -> str:
    return (f"<div class='container'><div class='card'><div class='row'>"
            f"<div class='col-md-5'><img src='{photo}' alt='...'></div>"
            f"<div class='col-md-7'><div class='card-body'><h5 class='card-title'>{heading}"
            f"</h5><ul>{bio}</ul></div></div></div></div></div>")


def test_doctors_with_long_portuguese_names_and_titles() -> None:
    long_bio = "".join(f"<li>Residência em Clínica Médica pelo Hospital Regional, etapa {i}"
                       f" concluída com título de especialista.</li>" for i in range(6))
    body = ("<main><h1>Corpo Clínico</h1>"
            + _doctor_card("Dra. Maria Helena Castro Lima Duarte", long_bio, "mh.png")
            + _doctor_card("Dr. Paulo Henrique S. Rocha Neto", long_bio, "ph.png")
            + _doctor_card("Dr. Otávio Bressan Júnior", "<li>Cardiologista.</li>", "ob.png")
            + _doctor_card("Dr. Vasconcellos", "<li>Ortopedista e cirurgião da mão.</li>",
                           "v.png")
            + "</main>")
    found = people(body, url="https://clinica-exemplo.com.br/equipe.html", lang="pt-BR")
    assert set(found) == {"Maria Helena Castro Lima Duarte", "Paulo Henrique Rocha Neto",
                          "Otávio Bressan Júnior", "Vasconcellos"}
    assert found["Vasconcellos"].data["photo"] is True


def test_a_registration_number_makes_a_name_line_a_practitioner() -> None:
    body = ("<main><h2>Nossos profissionais</h2>"
            "<p>Dauana Ferreira Brum<br>CRM/SP 145.872</p>"
            "<p>Iberê Salgado Mota<br>CRO-RS 23.118</p>"
            "<p>Dra. Luíza Helena Prado Reis Fontes – CRM/SP 99.321</p></main>")
    found = people(body, url="https://consultorio-exemplo.com.br/", lang="pt-BR")
    assert set(found) == {"Dauana Ferreira Brum", "Iberê Salgado Mota",
                          "Luíza Helena Prado Reis Fontes"}
    assert "CRM" in role(found, "Dauana Ferreira Brum")


def test_polish_titles_written_in_lower_case() -> None:
    body = ("<main><h2>Nasz zespół</h2>"
            "<div class='osoba'><h3>mgr Joanna Wiśniewska</h3><p>neurologopeda</p></div>"
            "<div class='osoba'><h3>lek. dent. Piotr Zieliński</h3><p>stomatolog</p></div>"
            "<p>Przyjmuje dr n. med. Ewelina Bąk, lekarz pediatra, nr PWZ 2345678.</p></main>")
    found = people(body, url="https://gabinet-przyklad.pl/zespol", lang="pl")
    assert set(found) == {"Joanna Wiśniewska", "Piotr Zieliński", "Ewelina Bąk"}


# -- staff lists under a role heading --------------------------------------------------------


def test_a_staff_list_under_a_role_heading_with_an_unknown_given_name() -> None:
    body = ("<main><div class='info'><h3>Unsere Zahnärzte</h3><ul>"
            "<li><strong>Jonas Albrecht</strong></li>"
            "<li><strong>Zarmina Yıldız-Albrecht</strong></li>"
            "<li><strong>Dr. Henrike Albrecht</strong></li></ul>"
            "<p>Zahnarztpraxis Albrecht<br>Lindenweg 4<br>27232 Sulingen</p></div></main>")
    found = people(body, url="https://zahnarzt-beispiel.de/", lang="de")
    assert set(found) == {"Jonas Albrecht", "Zarmina Yıldız-Albrecht", "Henrike Albrecht"}


def test_the_owners_of_a_practice_in_its_legal_notice() -> None:
    body = ("<main><h1>Impressum</h1><h3>Anschrift</h3>"
            "<p><strong>Gemeinschaftspraxis für Physiotherapie</strong><br>Jonas Albrecht<br>"
            "Zarmina Yıldız-Albrecht<br>Dr. Henrike Albrecht</p>"
            "<p>Lindenweg 4<br>27232 Sulingen</p></main>")
    found = people(body, url="https://praxis-beispiel.de/impressum.html", lang="de")
    assert set(found) == {"Jonas Albrecht", "Zarmina Yıldız-Albrecht", "Henrike Albrecht"}


def test_a_finnish_practitioner_with_a_hyphenated_given_name() -> None:
    body = ("<main><h2>Henkilökunta</h2><p>Eeva-Maria Koskinen, fysioterapeutti</p>"
            "<p>Juha-Pekka Laaksonen, osteopaatti</p></main>")
    found = people(body, url="https://fysio-esimerkki.fi/", lang="fi")
    assert set(found) == {"Eeva-Maria Koskinen", "Juha-Pekka Laaksonen"}
    assert role(found, "Eeva-Maria Koskinen") == "fysioterapeutti"


# -- a sole practitioner named in a bio, the copyright line ------------------------------------


def test_a_team_section_whose_bio_opens_with_the_name() -> None:
    body = ("<main><div class='row'><div class='col'><h2>Team</h2>"
            "<p class='lead'>Lotte Verbeeck studeerde in 2011 af als kinesitherapeute en "
            "volgde daarna een opleiding manuele therapie.</p></div>"
            "<div class='col'><img src='team.jpg' alt=''></div></div></main>")
    found = people(body, url="https://kine-voorbeeld.be/", lang="nl")
    assert set(found) == {"Lotte Verbeeck"}
    # A business named after its founder says no role: it is no bio.
    agency = ("<main><h2>Chi siamo</h2><p>Marco Polo Viaggi nasce nel 1990 dalla passione per "
              "i viaggi su misura.</p></main>")
    assert people(agency, url="https://viaggi-esempio.it/", lang="it") == {}


def test_the_copyright_holder_who_is_a_person() -> None:
    body = ("<main><p>Welkom in de praktijk.</p></main>"
            "<footer><p>© 2024 Lotte Verbeeck &amp; Kinepraktijk Zoersel</p></footer>")
    found = people(body, url="https://kine-voorbeeld.be/", lang="nl")
    assert set(found) == {"Lotte Verbeeck"}
    nobody = ("<main><figure><img src='zee.jpg' alt=''><figcaption>© 2022 Pieter Claes"
              "</figcaption></figure></main>"
              "<footer><p>© 2024 Kinepraktijk Zoersel. Alle rechten voorbehouden.</p>"
              "<p>Copyright 2023 Studio Verde</p><p>© 2021 Maria Montessori Schule</p>"
              "</footer>")
    assert people(nobody, url="https://kine-voorbeeld.be/", lang="nl") == {}


# -- addresses and places --------------------------------------------------------------------


def test_a_district_line_after_the_street_is_no_person() -> None:
    body = ("<main><h2>Contato</h2><div><h4>Clínica Exemplo</h4>"
            "<p>Rua Joaquim Nabuco, 410<br>Helena Maria - Bauru/SP<br>17012-000</p></div>"
            "</main>")
    assert people(body, url="https://clinica-exemplo.com.br/contato.html", lang="pt") == {}
    # A line that ends with a year is no street: the staff under it are staff.
    staff = ("<main><p>Praxis für Physiotherapie seit 2004<br>Anna Weber<br>Jonas Albrecht"
             "</p></main>")
    assert set(people(staff, url="https://praxis-beispiel.de/", lang="de")) == {
        "Anna Weber", "Jonas Albrecht"}


def test_towns_named_after_saints_are_no_persons() -> None:
    body = ("<main><h3>Le nostre sedi</h3><ul><li><strong>San Giorgio Canavese (TO)</strong>"
            "</li><li><strong>Santa Vittoria d'Alba</strong></li>"
            "<li><strong>San Martino Buon Albergo</strong></li></ul></main>")
    assert people(body, url="https://studio-esempio.it/", lang="it") == {}


# -- a sole practitioner named in the title, the legal notice, beside a phone -----------------


def test_the_page_title_names_the_practitioner() -> None:
    found = people("<main><p>Willkommen in meiner Praxis.</p></main>",
                   url="https://hp-beispiel.de/", title="Anna Weber – Heilpraktikerin in Köln",
                   lang="de")
    assert set(found) == {"Anna Weber"}
    shown = people("<main><p>Tervetuloa vastaanotolle.</p></main><footer><p>Eeva-Maria "
                   "Virtanen</p><p>Hämeenkatu 12, Tampere</p></footer>",
                   url="https://fysio-esimerkki.fi/", title="Fysioterapia Eeva-Maria Virtanen",
                   lang="fi")
    assert set(shown) == {"Eeva-Maria Virtanen"}
    # A title about someone else, whom the page shows in its text only, names no contact.
    assert people("<main><p>Ein Abend mit Liedern von Clara Schumann.</p></main>",
                  url="https://chor.example.de/", title="Konzert: Clara Schumann",
                  lang="de") == {}


def test_the_addressee_over_the_street_in_a_legal_notice() -> None:
    body = ("<main><h1>Impressum</h1><h3>Angaben gemäß § 5 DDG</h3><p>Naturheilpraxis am Park"
            "<br>Anna Baqaie-Müller<br>Parkstraße 12<br>50667 Köln</p></main>")
    found = people(body, url="https://hp-beispiel.de/impressum.html", title="Impressum",
                   lang="de")
    assert set(found) == {"Anna Baqaie-Müller"}


def test_a_name_line_over_its_phone_number() -> None:
    body = ("<footer><p>Eeva-Maria Virtanen<br>puh. 040 123 4567</p>"
            "<p>Hämeenkatu 12, Tampere</p></footer>")
    assert set(people(body, url="https://fysio-esimerkki.fi/", lang="fi")) == {
        "Eeva-Maria Virtanen"}


def test_titled_surnames_in_a_list_and_german_doctors_titles() -> None:
    found = people("<main><h2>Corpo clínico</h2><ul><li>Dr. Figueiredo – Ortopedia</li>"
                   "<li>Dra. Camargo – Pediatria</li></ul></main>",
                   url="https://clinica-exemplo.com.br/", lang="pt")
    assert set(found) == {"Figueiredo", "Camargo"}
    team = ("<main><h2>Unser Team</h2><div class='m'><img src='a.jpg'>"
            "<h3>Dr. med. Jana Köhler-Brandt</h3><p>Fachärztin für Allgemeinmedizin</p></div>"
            "<div class='m'><img src='b.jpg'><h3>Svenja Brandt</h3><p>MFA</p></div></main>")
    assert set(people(team, url="https://praxis-beispiel.de/team.html", lang="de")) == {
        "Jana Köhler-Brandt", "Svenja Brandt"}


def test_first_person_and_business_names_with_hyphens_and_titles() -> None:
    found = people("<main><p>Olen Eeva-Maria Virtanen, laillistettu fysioterapeutti.</p></main>",
                   url="https://fysio-esimerkki.fi/", lang="fi")
    assert set(found) == {"Eeva-Maria Virtanen"}
    logo = people("<header><p>Gabinet Logopedyczny mgr Anna Nowak</p></header>"
                  "<main><p>Zapraszam.</p></main>", url="https://logo-przyklad.pl/", lang="pl")
    assert set(logo) == {"Anna Nowak"}
    assert logo["Anna Nowak"].data["business_name"] is True


def test_spanish_doctors_with_their_college_numbers() -> None:
    body = ("<main><h2>Nuestro equipo</h2><p>Dra. María José Fernández López – Nº Col. 28/12345"
            "</p><p>Aitana Ibarzabal Etxeberria<br>Nº Col. 28/54321</p></main>")
    found = people(body, url="https://clinica-ejemplo.es/", lang="es")
    assert set(found) == {"María José Fernández López", "Aitana Ibarzabal Etxeberria"}
    assert role(found, "Aitana Ibarzabal Etxeberria") == "Nº Col. 28/54321"


def test_reviews_signed_by_customers_under_local_class_names() -> None:
    def cards(cls: str, names: list[str], text: str) -> str:
        return "".join(f"<div class='{cls}'><img src='{i}.jpg' alt=''><h4>{n}</h4><p>{text}</p>"
                       f"</div>" for i, n in enumerate(names))
    rows = {
        "pt": ("<div class='depoimentos'>" + cards("depoimento-item", ["Maria Souza", "João Lima"],
                                                    "Ótimo atendimento, recomendo!") + "</div>"),
        "pl": ("<div class='opinie-pacjentow'>" + cards("opinia", ["Anna Kowalska", "Piotr Nowak"],
                                                         "Polecam z całego serca!") + "</div>"),
        "nl": ("<section class='ervaringen'>"
               + cards("kaart", ["Sofie Peeters", "Tom Claes"], "Top behandeling, aanrader!")
               + "</section>"),
    }
    for lang, row in rows.items():
        assert people(f"<main>{row}</main>", lang=lang) == {}, lang


def test_a_title_before_the_role_before_the_name() -> None:
    found = people("<main><h2>Om kliniken</h2><p>Leg. fysioterapeut Karin Lindqvist driver "
                   "kliniken sedan 2012.</p></main>", url="https://fysio-exempel.se/", lang="sv")
    assert set(found) == {"Karin Lindqvist"}


def test_a_table_of_staff_names_and_roles_with_their_fields() -> None:
    body = ("<main><h2>Team</h2><table><tr><td>Dr. Anna Weber</td><td>Fachärztin für "
            "Orthopädie</td></tr><tr><td>Lena Marie Albrecht</td><td>Physiotherapeutin</td></tr>"
            "</table><dl><dt>Rezeption</dt><dd>Zarmina Qasemi</dd></dl></main>")
    found = people(body, url="https://praxis-beispiel.de/team.html", lang="de")
    assert set(found) == {"Anna Weber", "Lena Marie Albrecht", "Zarmina Qasemi"}
    assert role(found, "Anna Weber").startswith("Fachärztin")
    assert role(found, "Lena Marie Albrecht") == "Physiotherapeutin"


# -- partners: another organisation's people -------------------------------------------------


def test_partners_of_the_practice_are_not_its_people() -> None:
    prose = ("<main><p>Ivana Peeters, kinesitherapeute, ontvangt u in Schilde.</p>"
             "<p>In samenwerking met Dr. Koen Janssens, huisarts in Schilde.</p></main>")
    assert set(people(prose, lang="nl")) == {"Ivana Peeters"}
    listed = ("<main><h2>Unser Team</h2><p>Anna Weber – Physiotherapeutin</p>"
              "<p>Jonas Albrecht – Physiotherapeut</p><h2>Kooperationspartner</h2>"
              "<p>Dr. Henrike Brandt – Orthopädin</p><p>Dr. Paul Kessler – Allgemeinarzt</p>"
              "</main>")
    assert set(people(listed, lang="de")) == {"Anna Weber", "Jonas Albrecht"}


@pytest.mark.parametrize("phrase", sorted({p for lang in LEX.values() if isinstance(lang, dict)
                                           for p in lang.get("partners", [])}))
def test_partner_phrases(phrase: str) -> None:
    body = (f"<main><p>Inhaberin: Anna Weber</p><p>{phrase[:1].upper() + phrase[1:]} "
            f"Dr. Paul Kessler, Orthopäde.</p></main>")
    assert set(people(body)) == {"Anna Weber"}


@pytest.mark.parametrize("word", LEX["_menu_words"])
def test_menu_words(word: str) -> None:
    assert people(f"<main><p>Owner: Jane {word[:1].upper() + word[1:]}</p></main>") == {}



@pytest.mark.parametrize("register", LEX["_registration"])
def test_registers_of_practitioners(register: str) -> None:
    found = people(f"<main><p>Zarmina Qasemi<br>{register} 123456</p></main>")
    assert set(found) == {"Zarmina Qasemi"}
    assert register in role(found, "Zarmina Qasemi")
