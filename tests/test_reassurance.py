"""Reassurance detector: every lexicon entry through its own example, negative cases, the
response-promise normaliser, row 49 of DETECTION_CASES.md, languages and sentence splitting."""

from __future__ import annotations

import html
import json
from importlib.resources import files
from typing import Any

import pytest

from checks.api import SiteContext
from checks.detectors.reassurance import FAMILIES, ReassuranceDetector, parse_promise
from checks.detectors.reassurance.lexicon import lexicon
from checks.facts import Fact
from checks.language import LANGUAGES, page_language
from checks.wordscan import FOLD
from crawler.page import Page

DETECTOR = ReassuranceDetector.from_context(SiteContext("https://acme.test/"))
ENTRIES = lexicon().entries


def facts(body: str, lang: str = "en", url: str = "https://acme.test/contact") -> list[Fact]:
    page = Page.from_html(url, f"<html lang='{lang}'><body>{body}</body></html>")
    return list(DETECTOR.detect(page))


def kinds(body: str, lang: str = "en") -> set[tuple[str, str]]:
    return {(f.data["kind"], f.data.get("anti", "")) for f in facts(body, lang)}


def p(text: str) -> str:
    return f"<main><p>{html.escape(text)}</p></main>"


# -- the lexicons -----------------------------------------------------------------------------


def _raw(lang: str) -> dict[str, Any]:
    text = files("checks.lexicons").joinpath(f"reassurance_{lang}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lexicon_files(lang: str) -> None:
    data = _raw(lang)
    assert data["_source"]
    assert set(FAMILIES) <= set(data)
    assert set(data["anti_pattern"]) == {
        "noreply", "no_phone_support", "ticket_only", "slow_response", "high_volume",
        "phone_menu", "premium_rate", "bot_only",
    }  # fmt: skip
    for group in [*FAMILIES, "exclude"]:
        for item in data[group]:
            assert item["pattern"] and item["example"], item
    for items in data["anti_pattern"].values():
        for item in items:
            assert item["pattern"] and item["example"], item


def test_every_language_has_every_family_and_anti_pattern() -> None:
    have = {(e.lang, e.kind, e.anti) for e in ENTRIES}
    for lang in LANGUAGES:
        for kind in FAMILIES:
            assert (lang, kind, "") in have
        for anti in _raw(lang)["anti_pattern"]:
            assert (lang, "anti_pattern", anti) in have


@pytest.mark.parametrize(
    "entry", ENTRIES, ids=[f"{e.lang}-{e.kind}-{e.anti or i}" for i, e in enumerate(ENTRIES)]
)
def test_each_example_matches_its_entry(entry: Any) -> None:
    text = " ".join(entry.example.split()).translate(FOLD)
    assert entry.rx.search(text), (entry.source, entry.example)
    found = kinds(p(entry.example), entry.lang)
    if entry.kind == "exclude":
        # A cookie or data-protection sentence is dropped whatever else it says.
        assert found == set(), entry.example
    else:
        assert (entry.kind, entry.anti) in found, (entry.source, entry.example, found)


@pytest.mark.parametrize(
    "entry", ENTRIES, ids=[f"{e.lang}-{e.kind}-{e.anti or i}" for i, e in enumerate(ENTRIES)]
)
def test_each_example_is_found_by_its_words(entry: Any) -> None:
    # A pattern is only tried on sentences holding one of its words: the match in the
    # example must hold one, where the scan finds it.
    text = " ".join(entry.example.split())
    m = entry.rx.search(text.translate(FOLD))
    assert m, entry.example
    triggers = lexicon().triggers
    found = {i for at, word in triggers.hits(text) if m.start() - 1 <= at < m.end()
             for i in triggers.entries_of[word]}
    assert ENTRIES.index(entry) in found, (entry.source, entry.words, m.group())


def test_every_entry_names_its_words() -> None:
    for entry in ENTRIES:
        assert entry.words or entry.inside, entry.source
        assert all(w == w.lower().strip() and w for w in entry.words), entry.words


def test_few_words_need_a_scan_inside_words() -> None:
    # They cost a str.find each on every block; everything else is found at word starts.
    assert len({w for e in ENTRIES for w in e.inside}) <= 8


def test_short_words_are_whole_words() -> None:
    # "mon" finds "Mon–Fri" but not "money"; a longer word may begin a longer one.
    hits = lexicon().triggers.hits
    assert ("mon" not in {w for _, w in hits("Money back")})
    assert (0, "mon") in hits("Mon-Fri 9-5")
    assert (0, "guarantee") in hits("Guaranteed")


# -- families and anti-patterns ---------------------------------------------------------------


def test_row_49_real_person_versus_ai_assistant() -> None:
    found = facts(
        "<main><p>Speak to a real person – our Leeds team answers.</p>"
        "<p>Our AI assistant is here 24/7.</p></main>"
    )
    by_value = {(f.value, f.data["kind"], f.data.get("anti", "")) for f in found}
    assert (
        "Speak to a real person – our Leeds team answers.", "human", ""
    ) in by_value  # fmt: skip
    # A bot "here 24/7" is neither a human nor opening hours; the check decides about fallback.
    assert {(k, a) for v, k, a in by_value if v.startswith("Our AI")} == {
        ("anti_pattern", "bot_only")
    }


def test_a_page_mixing_families() -> None:
    body = (
        "<header><p>Call us free: 0800 123 4567 · Mon–Fri 8am–6pm</p></header>"
        "<main><h1>Contact</h1>"
        "<p>Questions about your order? Don't hesitate to get in touch.</p>"
        "<p>You'll always speak to someone in our Bristol workshop, never a call centre.</p>"
        "<p>We reply to every email within one business day.</p>"
        "<p>Every repair comes with a two-year guarantee.</p>"
        "<p>Due to high call volumes, please allow 5-7 business days for refunds.</p>"
        "</main><footer><p>Please do not reply to automated order emails.</p></footer>"
    )
    assert kinds(body) == {
        ("availability", ""),
        ("invitation", ""),
        ("human", ""),
        ("response_time", ""),
        ("guarantee", ""),
        ("anti_pattern", "high_volume"),
        ("anti_pattern", "slow_response"),
    }
    regions = {f.data["kind"]: f.region for f in facts(body)}
    assert regions["availability"] == "header"


def test_fact_shape() -> None:
    (fact,) = facts("<main><div id='c'><p>We will reply within 2 hours.</p></div></main>")
    assert fact.kind == "reassurance"
    assert fact.method == "text"
    assert fact.value == "We will reply within 2 hours."
    assert fact.snippet == fact.value
    assert fact.region == "main"
    assert fact.selector
    assert fact.visible
    assert fact.data == {
        "kind": "response_time",
        "language": "en",
        "phrase": "We will reply",
        "promise": {"hours": 2.0, "business_days": None, "same_day": False,
                    "label": "within 2 hours"},
    }  # fmt: skip
    (anti,) = facts(p("This mailbox is not monitored."))
    assert anti.data == {
        "kind": "anti_pattern",
        "anti": "noreply",
        "language": "en",
        "phrase": "mailbox is not monitored",
    }


def test_value_is_the_sentence_as_written() -> None:
    (fact,) = facts("<main><p>Don’t   hesitate\u00a0to ring — we’re <b>happy</b> to help.</p>")
    # Curly quotes and dashes are kept; whitespace is collapsed.
    assert fact.value == "Don’t hesitate to ring — we’re happy to help."
    assert fact.data["phrase"] == "Don’t hesitate"


def test_long_sentence_snippet_shows_the_phrase() -> None:
    long = "We build kitchens " + "and fitted wardrobes " * 12 + "and we are happy to help."
    (fact,) = facts(p(long))
    assert len(fact.snippet) <= 205
    assert "happy to help" in fact.snippet
    assert fact.value == long


@pytest.mark.parametrize(
    "text",
    [
        "We are the best plumbers in the county.",
        "Opening hours",
        "Free delivery within 24 hours on all orders.",
        "Orders are delivered within 2 working days.",
        "Livraison sous 48h partout en France.",
        "Envío gratis en 24 horas.",
        "Lieferung innerhalb von 2 Werktagen.",
        "Avis clients : 4,8 sur 5.",
        "Aviso legal",
        "Press releases and media kit",
        "Please wait a minute while the page loads.",
        "He rose again as a guarantee of the resurrection.",
        "Read our latest answers to common questions.",
        "Open the door and call the lift.",
        "Our team of 12 engineers covers the whole region.",
        "Questions and answers",
    ],
)
def test_no_false_reassurance(text: str) -> None:
    assert facts(p(text)) == [], text


def test_cookie_and_privacy_sentences_are_not_promises() -> None:
    assert facts(p("We use cookies; don't hesitate to contact us about them.")) == []
    assert facts(p("Requests about your personal data are answered within 30 days.")) == []


def test_privacy_and_legal_pages_are_skipped() -> None:
    body = p("We will respond to your request within 30 days.")
    for url in (
        "https://acme.test/privacy-policy",
        "https://acme.test/datenschutz.html",
        "https://acme.test/mentions-legales",
        "https://acme.test/politica-de-privacidad/",
        "https://acme.test/legal/cookies",
    ):
        assert facts(body, url=url) == [], url
    titled = "<html><head><title>Privacy Policy – Acme</title></head><body>" + body + "</body>"
    assert list(DETECTOR.detect(Page.from_html("https://acme.test/p?id=3", titled))) == []
    # A law firm's service page is not a legal notice.
    assert facts(body, url="https://acme.test/legal-advice") != []


def test_navigation_labels_are_not_reassurance() -> None:
    body = "<nav><a href='/c'>Don't hesitate to call</a> <a href='/h'>24/7 help</a></nav>"
    assert facts(body) == []


def test_negated_anti_patterns_are_human() -> None:
    assert kinds(p("No bots, no call centres: the owner answers.")) == {("human", "")}
    assert kinds(p("No automated phone menus, ever.")) == {("human", "")}
    assert kinds(p("Kein Sprachcomputer, keine Warteschleife."), "de") == {("human", "")}


def test_dedupe_per_page() -> None:
    line = "<p>Don't hesitate to call us.</p>"
    found = facts(f"<main>{line}{line}</main><footer>{line}</footer>")
    assert len(found) == 1
    assert found[0].region == "main"


def test_repeated_blocks_give_fresh_facts() -> None:
    # Footers are read once per site (cached by text); each page still gets its own facts.
    body = "<footer><p>We reply within 24 hours.</p></footer>"
    one, two = facts(body), facts(body)
    assert one == two
    one[0].data["promise"]["hours"] = 0
    assert two[0].data["promise"]["hours"] == 24.0


# -- promises ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "hours", "business_days", "same_day"),
    [
        ("We answer within 24 hours.", "en", 24.0, None, False),
        ("Expect a reply within one business day.", "en", None, 1.0, False),
        ("We reply the same day.", "en", None, None, True),
        ("Same-day response guaranteed.", "en", None, None, True),
        ("You will hear from us by the next working day.", "en", None, 1.0, False),
        ("Back to you within the hour.", "en", 1.0, None, False),
        ("We respond in 30 minutes.", "en", 0.5, None, False),
        ("Replies within 2-3 days.", "en", 72.0, None, False),
        ("Quotes within a week.", "en", 168.0, None, False),
        ("Antwort innerhalb von 2 Werktagen.", "de", None, 2.0, False),
        ("Rückmeldung binnen einer Stunde.", "de", 1.0, None, False),
        ("Wir melden uns noch am selben Tag.", "de", None, None, True),
        ("Réponse sous 48 h.", "fr", 48.0, None, False),
        ("Réponse sous 24–48h.", "fr", 48.0, None, False),
        ("Nous vous rappelons dans la journée.", "fr", None, None, True),
        ("Réponse sous 2 jours ouvrés.", "fr", None, 2.0, False),
        ("Respondemos en menos de 24 horas.", "es", 24.0, None, False),
        ("Respuesta en 3 días hábiles.", "es", None, 3.0, False),
        ("Te llamamos el mismo día.", "es", None, None, True),
    ],
)
def test_parse_promise(
    text: str, lang: str, hours: float | None, business_days: float | None, same_day: bool
) -> None:
    promise = parse_promise(text, lang)
    assert promise is not None
    assert (promise["hours"], promise["business_days"], promise["same_day"]) == (
        hours,
        business_days,
        same_day,
    )
    assert promise["label"] in text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We will get back to you as soon as possible.", "en"),
        ("Thanks, we'll be in touch shortly.", "en"),
        ("We aim to reply within a few days.", "en"),
        ("Wir melden uns schnellstmöglich bei Ihnen zurück.", "de"),
        ("Nous vous répondrons dans les plus brefs délais.", "fr"),
        ("Te responderemos lo antes posible.", "es"),
    ],
)
def test_vague_promises_are_response_time_without_promise(text: str, lang: str) -> None:
    found = [f for f in facts(p(text), lang) if f.data["kind"] == "response_time"]
    assert len(found) == 1, text
    assert "promise" not in found[0].data


def test_promise_is_the_duration_near_the_reply_word() -> None:
    (fact,) = [
        f
        for f in facts(p("Open 7 days, 8 hours a day: we reply within 2 hours."))
        if f.data["kind"] == "response_time"
    ]
    assert fact.data["promise"]["hours"] == 2.0


def test_reply_words_need_a_duration_or_a_speed() -> None:
    assert kinds(p("Read the answers in our guide.")) == set()
    assert kinds(p("Quick answers from our team.")) == {("response_time", "")}
    assert kinds(p("Get a quote within 48 hours.")) == {("response_time", "")}


# -- languages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("de", "Rufen Sie einfach an, wir sind gerne für Sie da.", "invitation"),
        ("fr", "N'hésitez pas à nous contacter, nous sommes à votre écoute.", "invitation"),
        ("es", "No dudes en escribirnos, te responderemos enseguida.", "invitation"),
        ("en", "Don't hesitate to drop us a line.", "invitation"),
    ],
)
def test_language_of_the_page(lang: str, text: str, kind: str) -> None:
    found = facts(p(text), lang)
    assert {f.data["language"] for f in found} == {lang}
    assert kind in {f.data["kind"] for f in found}


def test_language_of_a_quoted_sentence() -> None:
    body = (
        "<main><p>We reply within one working day.</p>"
        "<p>A customer from Munich wrote: „Rufen Sie einfach an, die helfen sofort.“</p></main>"
    )
    langs = {f.value[:10]: f.data["language"] for f in facts(body, "en")}
    assert langs == {"We reply w": "en", "A customer": "de"}


def test_language_without_lang_attribute() -> None:
    page = Page.from_html(
        "https://acme.test/kontakt",
        "<main><p>Wir sind ein kleines Team aus Köln und wir helfen Ihnen gerne weiter.</p>"
        "<p>Sprechen Sie uns gerne an.</p></main>",
    )
    assert {f.data["language"] for f in DETECTOR.detect(page)} == {"de"}
    assert page.derived[page_language] == "de"


def test_language_neutral_phrase_takes_the_page_language() -> None:
    (fact,) = facts(p("Assistance 24/7."), "fr")
    assert (fact.data["kind"], fact.data["language"]) == ("availability", "fr")


# -- sentences --------------------------------------------------------------------------------


def test_buttons_and_badges_count_when_they_carry_the_promise() -> None:
    body = (
        "<main><div class='badges'><span>Reply within 24h</span><span>No call centre</span>"
        "</div><a class='btn' href='/q'>Free quote in 48 hours</a></main>"
    )
    found = {(f.value, f.data["kind"]) for f in facts(body)}
    assert ("Free quote in 48 hours", "response_time") in found
    assert any(k == "human" for _, k in found)


def test_a_question_promises_nothing_but_may_invite() -> None:
    from crawler.page import Page

    page = Page.from_html("https://a.test/faq", "<html lang='en'><main><p>Do you offer free "
                          "quotes? Why not give us a call?</p></main></html>")
    kinds = {(f.value, f.data["kind"]) for f in ReassuranceDetector().detect(page)}
    assert not any(text.startswith("Do you offer") for text, _ in kinds)
    assert ("Why not give us a call?", "invitation") in kinds


# -- sites nobody tuned for (issue 11): nine languages, the first person, warm invitations,
# urgency and the hours a visitor can call. Sentences written for these tests.


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("it", "Compila il modulo e ti risponderemo entro 24 ore.", "response_time"),
        ("it", "Niente call center: parli direttamente con il titolare.", "human"),
        ("it", "Siamo aperti dal lunedì al venerdì, anche a pranzo.", "availability"),
        ("it", "Preventivo gratuito e senza impegno per ogni intervento.", "guarantee"),
        ("it", "Per qualsiasi domanda non esitate a contattarci.", "invitation"),
        ("nl", "Stuur ons een bericht en we nemen zo snel mogelijk contact met u op.",
         "response_time"),
        ("nl", "Bij ons krijgt u altijd echte mensen aan de lijn.", "human"),
        ("nl", "De praktijk is telefonisch bereikbaar van maandag tot vrijdag.", "availability"),
        ("nl", "Vraag vandaag nog een vrijblijvende offerte aan.", "guarantee"),
        ("nl", "Heeft u nog vragen, aarzel dan niet om ons te bellen.", "invitation"),
        ("pt", "Envie a sua mensagem e responderemos em até 24 horas.", "response_time"),
        ("pt", "Oferecemos um atendimento personalizado a cada família.", "human"),
        ("pt", "Atendemos de segunda a sexta, das 9h às 18h.", "availability"),
        ("pt", "Peça já o seu orçamento grátis e sem compromisso.", "guarantee"),
        ("pt", "Se tiver dúvidas, não hesite em nos contactar.", "invitation"),
        ("pl", "Po otrzymaniu zapytania skontaktujemy się z Tobą tego samego dnia.",
         "response_time"),
        ("pl", "Każdy klient ma stałego opiekuna i indywidualne podejście.", "human"),
        ("pl", "Biuro jest czynne od poniedziałku do piątku.", "availability"),
        ("pl", "Zapraszamy na bezpłatną konsultację, bez zobowiązań.", "guarantee"),
        ("pl", "Masz pytania? Nie wahaj się do nas napisać.", "invitation"),
        ("sv", "Vi återkommer till dig inom en arbetsdag.", "response_time"),
        ("sv", "Du pratar alltid direkt med mig som utför jobbet.", "human"),
        ("sv", "Mottagningen har öppet måndag till fredag.", "availability"),
        ("sv", "Boka en kostnadsfri konsultation redan idag.", "guarantee"),
        ("sv", "Har du frågor om behandlingen, tveka inte att ringa.", "invitation"),
    ],
)  # fmt: skip
def test_five_more_languages(lang: str, text: str, kind: str) -> None:
    found = facts(p(text), lang)
    assert kind in {f.data["kind"] for f in found}, (text, found)
    assert {f.data["language"] for f in found} == {lang}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Planning a garden makeover? Contact me for a chat about your plot."),
        ("en", "I am here to help, whatever the size of the job."),
        ("de", "Sie haben Fragen zur Behandlung? Kontaktieren Sie mich."),
        ("de", "Lernen Sie mich bei einem kostenlosen Vorgespräch kennen."),
        ("fr", "Écrivez-moi, je vous réponds dans la journée."),
        ("fr", "N'hésitez pas à me contacter pour un premier rendez-vous."),
        ("es", "¿Dudas sobre la sesión? Escríbeme y lo hablamos."),
        ("it", "Hai un progetto in mente? Scrivimi, ne parliamo insieme."),
        ("nl", "Twijfel je over je voeding? Neem contact met mij op."),
        ("pl", "Masz pytanie o rozliczenie? Zadzwoń do mnie."),
        ("sv", "Vill du boka en tid? Kontakta mig så hittar vi en lösning."),
        ("pt", "Quer saber mais sobre as aulas? Fale comigo pelo WhatsApp."),
    ],
)
def test_sole_traders_speak_in_the_first_person(lang: str, text: str) -> None:
    kinds = {f.data["kind"] for f in facts(p(text), lang)}
    assert kinds & {"invitation", "response_time", "human"}, text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "We'd be delighted to hear from you about your plans."),
        ("en", "Feel free to call the workshop with any question."),
        ("en", "Reach out to us!"),
        ("en", "Our small team looks forward to serving you."),
        ("en", "You are always welcome to drop in for a coffee and a chat."),
        ("en", "Call our office to arrange a home visit."),
        ("de", "Kontaktieren Sie uns noch heute für ein unverbindliches Gespräch."),
        ("it", "Saremo lieti di rispondere a tutte le vostre domande."),
        ("nl", "Wij horen graag van u."),
        ("pt", "Teremos todo o prazer em esclarecer as suas dúvidas."),
        ("pl", "Chętnie odpowiemy na wszystkie pytania."),
        ("sv", "Kontakta oss så hjälper vi dig att välja rätt behandling."),
    ],
)
def test_warm_invitations_without_the_old_keywords(lang: str, text: str) -> None:
    assert "invitation" in {f.data["kind"] for f in facts(p(text), lang)}, text


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("en", "Our locksmith will be with you as soon as possible, day or night.",
         "response_time"),
        ("en", "Same-day callouts across the city.", "response_time"),
        ("en", "Call before 10am and the doctor will visit you the same day.", "response_time"),
        ("en", "In an emergency you can always call us directly.", "availability"),
        ("de", "Im Notfall können Sie uns jederzeit direkt anrufen.", "availability"),
        ("fr", "En cas d'urgence, vous pouvez toujours nous appeler directement.",
         "availability"),
        ("es", "En caso de urgencia puede llamar directamente a la clínica.", "availability"),
        ("it", "In caso di emergenza puoi sempre chiamarci direttamente.", "availability"),
        ("nl", "Wie belt voor 9 uur, krijgt nog dezelfde dag een huisbezoek.", "response_time"),
        ("nl", "In noodgevallen kunt u ons ook 's avonds rechtstreeks bellen.", "availability"),
        ("pl", "W nagłych przypadkach można dzwonić także w weekend.", "availability"),
        ("pt", "Em caso de urgência pode sempre ligar-nos diretamente.", "availability"),
        ("sv", "Vid akuta besvär kan du alltid ringa oss direkt.", "availability"),
    ],
)  # fmt: skip
def test_urgency_and_call_back_promises(lang: str, text: str, kind: str) -> None:
    assert kind in {f.data["kind"] for f in facts(p(text), lang)}, text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Office hours: 9am - 5pm"),
        ("en", "Phone lines: Mon-Thu 8.30-17.00"),
        ("es", "Horario de atención: de 9:00 a 14:00"),
        ("pl", "Pn - Pt (8:00 - 16:00)"),
        ("sv", "Mån–Fre: 09:00–17:00"),
        ("nl", "Ma - vr: 8.30 - 12.00 uur"),
        ("it", "Lun - Ven: 9:00 - 18:00"),
        ("pt", "Seg a Sex: 9h - 18h"),
        ("de", "Termine nach telefonischer Vereinbarung"),
    ],
)
def test_service_hours_stated_for_contact(lang: str, text: str) -> None:
    assert "availability" in {f.data["kind"] for f in facts(p(text), lang)}, text


def test_rows_57_and_58_invitations_in_swedish_and_polish() -> None:
    assert "invitation" in {f.data["kind"] for f in facts(p("Hör av dig till oss så "
                                                           "hjälper vi dig."), "sv")}
    (fact,) = [f for f in facts(p("Jesteś ciekaw ceny? Zadzwoń 515 821 662"), "pl")]
    assert (fact.data["kind"], fact.value) == ("invitation", "Zadzwoń 515 821 662")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Wij zijn de grootste bakkerij van de regio."),
        ("pl", "Wyślij"),
        ("en", "Contact me"),
        ("fr", "Contactez-moi"),
        ("en", "Call now"),
        ("en", "Contact us by phone:"),
        ("pl", "Nasze biuro rachunkowe prowadzi pełną księgowość od 2005 roku."),
        ("sv", "Välkommen till vår klinik i centrala Malmö."),
        ("it", "Il nostro ristorante propone cucina tipica dal 1970."),
        ("pt", "A nossa empresa foi fundada em 1998 no Porto."),
        ("en", "Our awards speak for themselves."),
        ("en", "Delivered to you as soon as possible after payment."),
    ],
)
def test_marketing_lines_are_not_promises(lang: str, text: str) -> None:
    assert facts(p(text), lang) == [], text


def test_advice_names_no_form_on_a_site_without_one() -> None:
    from checks.rules.reassurance import response_promise
    from tests.sitemodels import fact, site

    links = {"/": ["/contact", "/about"], "/contact": [], "/about": []}
    slow = fact("reassurance", "Please allow up to 10 business days.", "text", "main",
                kind="response_time", language="en", promise={"business_days": 10})
    contact_link = fact("contact_link", "https://a.test/contact", "link", "nav")
    res = response_promise(site(links, {"/": [contact_link], "/contact": [slow]}))
    assert res.status == "fail" and "form" not in (res.recommendation or "")
    form = fact("form", "https://a.test/send", "form", "main", message=True, required=3)
    res = response_promise(site(links, {"/": [contact_link], "/contact": [slow, form]}))
    assert "next to the form" in (res.recommendation or "")
