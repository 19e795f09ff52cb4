"""Help mechanisms in DOM order (WCAG 2.2 SC 3.2.6): every lexicon phrase, every mechanism,
the negatives, and the page comparison the D7 check relies on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checks.detectors.help import HelpOrderDetector
from checks.facts import Fact
from checks.help_sequence import MECHANISMS, signature
from checks.lexicons import load
from checks.rules.help import compare, conflicts, help_share, order_key
from crawler.page import Page

HELP = load("help")
DEMO = Path(__file__).resolve().parent.parent / "contactable" / "demo_site"


def fact(body: str, url: str = "https://acme.test/", head: str = "") -> Fact:
    page = Page.from_html(url, f"<html><head>{head}</head><body>{body}</body></html>")
    facts = list(HelpOrderDetector().detect(page))
    assert len(facts) == 1
    f = facts[0]
    assert (f.kind, f.method, f.region) == ("help_order", "dom", "")
    return f


def items(body: str, head: str = "") -> list[tuple[str, str]]:
    """(mechanism, region) of the help items, markers left out."""
    return [(i["mechanism"], i["region"]) for i in fact(body, head=head).data["sequence"]
            if i["mechanism"] in MECHANISMS]


def footer_link(href: str, text: str) -> list[tuple[str, str]]:
    return items(f"<main><p>Hi</p></main><footer><a href='{href}'>{text}</a></footer>")


def phrases(name: str) -> list[tuple[str, str]]:
    return [(lang, p) for lang, ps in HELP[name].items() for p in ps]


SELF_HELP = {p.casefold() for _, p in phrases("self_help")}
CONTACT = [(lang, p) for lang, ps in load("contact_links").items() if not lang.startswith("_")
           for p in ps if p.casefold() not in SELF_HELP and p not in HELP["not_contact"]]


# -- links, one test per lexicon phrase ------------------------------------------------------


@pytest.mark.parametrize(("lang", "phrase"), phrases("self_help"))
def test_every_self_help_phrase(lang: str, phrase: str) -> None:
    assert footer_link("/x", phrase.upper()) == [("self_help", "footer")]


@pytest.mark.parametrize(("lang", "phrase"), phrases("chat"))
def test_every_chat_phrase(lang: str, phrase: str) -> None:
    assert footer_link("/x", phrase.capitalize()) == [("chat", "footer")]


@pytest.mark.parametrize(("lang", "phrase"), CONTACT)
def test_every_contact_link_phrase_is_reused(lang: str, phrase: str) -> None:
    assert footer_link("/x", phrase) == [("contact_link", "footer")]


@pytest.mark.parametrize("phrase", HELP["not_contact"])
def test_legal_notice_is_not_a_help_mechanism(phrase: str) -> None:
    assert footer_link("/x", phrase) == []


@pytest.mark.parametrize("segment", HELP["self_help_paths"])
def test_icon_link_to_a_self_help_path(segment: str) -> None:
    assert footer_link(f"/{segment}.html", "<svg></svg>") == [("self_help", "footer")]
    assert footer_link(f"/en/{segment}/", "") == [("self_help", "footer")]


@pytest.mark.parametrize("segment", HELP["chat_paths"])
def test_icon_link_to_a_chat_path(segment: str) -> None:
    assert footer_link(f"/{segment}", "") == [("chat", "footer")]


def test_icon_link_to_a_contact_path() -> None:
    assert footer_link("/contact-us/", "") == [("contact_link", "footer")]


@pytest.mark.parametrize("scheme", HELP["chat_link_schemes"])
def test_messaging_schemes(scheme: str) -> None:
    assert footer_link(f"{scheme}:+447400123456", "Text us") == [("chat", "footer")]


@pytest.mark.parametrize("href", [
    "https://wa.me/447400123456?text=Hi", "https://api.whatsapp.com/send?phone=447400123456",
    "https://t.me/acme_help", "https://m.me/acme",
])
def test_messaging_deep_links_come_from_channels(href: str) -> None:
    assert footer_link(href, "Message us") == [("chat", "footer")]


@pytest.mark.parametrize(("href", "text"), [
    ("/blog/help", "Helpful tips for winter"), ("/browsers", "Supported browsers"),
    ("/offices/chatham", "Chatham office"), ("/kontakte", "Kontaktlinsen"),
    ("/x", "Read how our support team helps local families choose the right lenses"),
    ("https://www.facebook.com/acme", "Facebook"), ("/blog/faq-season-recap", "Season recap"),
])
def test_not_help_links(href: str, text: str) -> None:
    assert footer_link(href, text) == []


def test_a_script_link_that_opens_a_chat() -> None:
    assert footer_link("javascript:void(Tawk_API.toggle())", "Live chat") == [("chat", "footer")]
    assert footer_link("javascript:history.back()", "Back") == []


def test_help_and_contact_is_a_contact_link() -> None:
    assert footer_link("/x", "Help & contact") == [("contact_link", "footer")]


# -- contact details in visible text ---------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Tel: 0113 246 0958", "+44 (0)113 246 0958", "Call (415) 555-0132", "0176 471 56017",
    "Teléfono 943 638 545", "+49 176 471 560 17", "Ring 07400 123456",
])
def test_visible_phone_in_footer(text: str) -> None:
    assert items(f"<footer><p>{text}</p></footer>") == [("phone", "footer")]


@pytest.mark.parametrize("text", [
    "Company No. 01234567", "Company Number: 07551763", "VAT Registered: 405869573",
    "VAT GB 123 4567 89", "USt-IdNr. DE123456789", "HRB 12345, Amtsgericht München",
    "Offer ends 31.08.2026", "© 2012-2024 Acme Ltd", "Open 9:00-17:00", "46485 Wesel",
    "Six-inch cake from £38", "Order #4155550132", "Fax: 020 7946 0959",
    "IBAN DE89 3704 0044 0532 0130 00", "ABN 63 578 045 899",
])
def test_numbers_that_are_not_phones(text: str) -> None:
    assert items(f"<footer><p>{text}</p></footer>") == []


def test_a_fax_label_in_the_previous_element_counts() -> None:
    assert items("<footer><h5>Fax</h5><span>(805) 646-3519</span></footer>") == []
    assert items("<footer><h5>Phone</h5><span>(805) 646-5109</span></footer>") == [
        ("phone", "footer")]


@pytest.mark.parametrize("text", [
    "hello@acme.co.uk", "Write to jane [at] acme [dot] co [dot] uk",
])
def test_visible_email_in_footer(text: str) -> None:
    assert items(f"<footer><p>{text}</p></footer>") == [("email", "footer")]


def test_email_and_phone_in_one_text_keep_their_order() -> None:
    assert items("<footer><p>hello@acme.co.uk · 0113 246 0958</p></footer>") == [
        ("email", "footer"), ("phone", "footer")]
    assert items("<footer><p>0113 246 0958 · hello@acme.co.uk</p></footer>") == [
        ("phone", "footer"), ("email", "footer")]


def test_a_number_and_its_own_tel_link_are_one_mechanism() -> None:
    body = "<footer>Tel: 0113 246 0958 <a href='tel:+441132460958'>Call now</a></footer>"
    assert items(body) == [("phone", "footer")]


def test_mailto_and_tel_links_with_labels() -> None:
    seq = fact("<header><a href='tel:+441132460958'>Call</a> "
               "<a href='mailto:hi@acme.test'>Mail</a></header>").data["sequence"]
    assert [(i["mechanism"], i["label"]) for i in seq] == [
        ("header_start", ""), ("phone", "Call"), ("email", "Mail"), ("main", "")]


# -- forms and chat widgets ------------------------------------------------------------------


def test_message_form_outside_main() -> None:
    form = "<form action='/send'><input type=email name=email><textarea name=m></textarea></form>"
    assert items(f"<main></main><aside>{form}</aside>") == [("form", "aside")]


@pytest.mark.parametrize("form", [
    "<form><input type=email name=email><button>Subscribe</button></form>",
    "<form role=search><input name=q><textarea></textarea></form>",
    "<form id=commentform><textarea></textarea></form>",
])
def test_forms_that_are_not_help(form: str) -> None:
    assert items(f"<footer>{form}</footer>") == []


CHATS = [(e["name"], h) for e in load("channels")["chat"] for h in e.get("hosts", ())[:1]]


@pytest.mark.parametrize(("name", "host"), CHATS)
def test_chat_widget_by_script_host(name: str, host: str) -> None:
    src = f"https://{host}{'' if host.endswith('/') else '/'}loader.js"
    seq = fact("<main></main><footer>x</footer>", head=f"<script src='{src}'></script>"
               ).data["sequence"]
    assert seq[-1] == {"mechanism": "chat", "region": "widget", "label": name,
                       "selector": "script"}


def test_chat_widget_by_inline_loader_and_settings() -> None:
    loader = ("<script>(function(){var s=document.createElement('script');"
              "s.src='https://embed.tawk.to/5f1a/default';document.body.appendChild(s)})();"
              "</script>")
    assert items("<main></main>", head=loader) == [("chat", "widget")]
    assert items("<main></main>", head="<script>window.intercomSettings={app_id:'x'}</script>"
                 ) == [("chat", "widget")]


def test_unconfirmed_chat_hosts_and_big_scripts_are_not_chats() -> None:
    unconfirmed = [h for e in load("channels")["chat"] for h in e.get("unconfirmed", ())]
    head = "".join(f"<script src='https://{h}/1.js'></script>" for h in unconfirmed)
    big = "<script>var state=" + "1," * 5000 + "'https://embed.tawk.to/x';</script>"
    assert items("<main></main>", head=head + big) == []


# -- the sequence: markers in DOM order ------------------------------------------------------


def test_markers_follow_dom_order() -> None:
    f = fact("<header><a href='/contact'>Contact</a></header><aside><a href='/faq'>FAQ</a>"
             "</aside><main><p>x</p></main><footer><a href='tel:+441132460958'>Call</a>"
             "</footer>")
    assert f.value == "header|contact_link|aside|self_help|main|footer|phone"
    assert [i["selector"] for i in f.data["sequence"]][:2] == ["header", "header > a"]


def test_without_a_main_element_content_sits_before_the_footer() -> None:
    f = fact("<div class='site-header'><a href='/help'>Help</a></div><div><p>Body</p></div>"
             "<div id='footer'>hello@acme.co.uk</div>")
    assert f.value == "header|self_help|main|footer|email"


def test_main_inside_a_wrapper_named_like_page_chrome() -> None:
    # A wrapper whose class says "nav" but which holds the page's <main> is the page, not
    # its chrome (crawler.page): what it holds is main content, out of the sequence.
    f = fact("<div class='nav-open'><a href='/contact'>Contact</a><main><a href='/faq'>FAQ</a>"
             "</main><p>0113 246 0958</p></div><footer>x</footer>")
    assert f.value == "main|footer"
    assert f.data["any_help"] is True


def test_adjacent_blocks_of_one_kind_share_a_marker() -> None:
    f = fact("<main><p>x</p></main><nav>Menu</nav><nav>More</nav><footer>"
             "<a href='/contact'>Contact</a></footer><footer><a href='/faq'>FAQ</a></footer>")
    assert f.value == "main|nav|footer|contact_link|footer|self_help"
    assert order_key(f.data["sequence"]) == (
        "main", "nav", "footer", "footer:contact_link", "footer#2", "footer:self_help")


def test_help_inside_main_is_not_in_the_sequence_but_counts_as_help() -> None:
    f = fact("<header><a href='/'>Home</a></header><main><a href='tel:+4930123456'>Call</a>"
             "</main>")
    assert f.value == "header|main"
    assert f.data["any_help"] is True


@pytest.mark.parametrize("main", [
    "<p>Mail us: office@acme.test</p>", "<p>Tel. 030 1234567</p>",
    "<form><input type=email><textarea></textarea></form>", "<a href='/kontakt'>Kontakt</a>",
])
def test_any_help_in_main(main: str) -> None:
    assert fact(f"<main>{main}</main>").data["any_help"] is True


def test_no_help_anywhere() -> None:
    f = fact("<header><a href='/'>Home</a></header><main><p>Redirecting...</p></main>")
    assert f.data["any_help"] is False
    assert fact("").data == {"sequence": [{"mechanism": "main", "region": "main", "label": "",
                                           "selector": "main"}], "any_help": False}


def test_deeply_nested_footer_does_not_crash() -> None:
    # Deeper than Python's recursion limit, within what the HTML parser keeps.
    body = "<footer>" + "<div>" * 1500 + "<a href='/contact'>Contact</a>" + "</div>" * 1500
    assert ("contact_link", "footer") in items(body + "</footer>")


def test_repeated_chrome_is_walked_once_and_answers_stay_independent() -> None:
    det = HelpOrderDetector()
    html = ("<header><a href='/contact'>Contact</a></header><main>{}</main>"
            "<footer>0113 246 0958</footer>")
    pages = [Page.from_html(f"https://a.test/{i}", html.format(i)) for i in range(3)]
    seqs = [next(det.detect(p)).data["sequence"] for p in pages]
    assert seqs[0] == seqs[1] == seqs[2]
    seqs[0][1]["label"] = "changed"
    assert next(det.detect(pages[2])).data["sequence"][1]["label"] == "Contact"
    other = Page.from_html("https://a.test/x", html.replace("0113 246 0958", "Hello").format(9))
    assert next(det.detect(other)).value == "header|contact_link|main|footer"
    # The detector keeps strings only, never parts of a page.
    for cached in det._cache.values():
        assert all(isinstance(v, str) for item in cached for v in item.values())


# -- comparing pages -------------------------------------------------------------------------


def seq(*tokens: str) -> list[dict[str, Any]]:
    """A sequence from a compact form: markers by block name, mechanisms as block:mechanism."""
    markers = {"header": "header_start", "nav": "nav_start", "main": "main",
               "footer": "footer_start", "aside": "aside_start"}
    out: list[dict[str, Any]] = []
    for t in tokens:
        if t in markers:
            out.append({"mechanism": markers[t], "region": t, "label": "", "selector": t})
        else:
            block, mech = t.split(":")
            out.append({"mechanism": mech, "region": block, "label": "", "selector": ""})
    return out


STD = seq("header", "header:contact_link", "main", "footer", "footer:phone", "footer:email")


def test_order_key_and_signature() -> None:
    s = seq("main", "footer", "footer:phone", "footer:phone", "footer:email")
    assert order_key(s) == ("main", "footer", "footer:phone", "footer:phone#2", "footer:email")
    assert signature(s) == "main|footer|phone|phone|email"


def test_agreeing_pages() -> None:
    assert compare({"/": STD, "/a": STD, "/b": STD}) == (
        "header|contact_link|main|footer|phone|email", [])


def test_swapped_mechanisms_disagree() -> None:
    swapped = seq("header", "header:contact_link", "main", "footer", "footer:email",
                  "footer:phone")
    assert compare({"/": STD, "/a": STD, "/b": swapped}) == (
        "header|contact_link|main|footer|phone|email", ["/b"])
    assert conflicts({"/": STD, "/a": STD, "/b": swapped}) == {
        "/b": ["footer:email before footer:phone (most pages: after)"]}


def test_a_mechanism_moved_to_another_block_disagrees() -> None:
    moved = seq("header", "main", "footer", "footer:contact_link", "footer:phone",
                "footer:email")
    bad = conflicts({"/": STD, "/a": STD, "/b": moved})
    assert list(bad) == ["/b"]
    assert "contact_link in footer (most pages: header)" in bad["/b"]


def test_an_extra_or_a_missing_mechanism_is_not_a_disagreement() -> None:
    extra = seq("header", "header:phone", "header:contact_link", "main", "footer",
                "footer:phone", "footer:email")
    missing = seq("header", "main", "footer", "footer:phone", "footer:email")
    assert compare({"/": STD, "/a": STD, "/b": extra, "/c": missing})[1] == []


def test_a_mechanism_on_one_page_only_is_not_compared() -> None:
    chat = seq("header", "header:contact_link", "main", "footer", "footer:chat",
               "footer:phone", "footer:email")
    assert compare({"/": STD, "/a": chat})[1] == []


def test_a_tie_goes_to_the_first_page() -> None:
    swapped = seq("header", "header:contact_link", "main", "footer", "footer:email",
                  "footer:phone")
    assert compare({"/": STD, "/b": swapped}) == (
        "header|contact_link|main|footer|phone|email", ["/b"])
    assert compare({"/b": swapped, "/": STD})[1] == ["/"]


def test_empty_and_single_page() -> None:
    assert compare({}) == ("", [])
    assert compare({"/": STD}) == ("header|contact_link|main|footer|phone|email", [])


def test_many_pages_few_orders() -> None:
    pages = {f"/{i}": STD for i in range(2000)}
    pages["/odd"] = seq("header", "header:contact_link", "main", "footer", "footer:email",
                        "footer:phone")
    assert compare(pages)[1] == ["/odd"]


def test_help_share() -> None:
    assert help_share([True] * 19 + [False]) == 0.95
    assert help_share([]) == 0.0


def test_demo_site_catering_page_is_the_deliberate_inconsistency() -> None:
    det = HelpOrderDetector()
    pages: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(DEMO.glob("*.html")):
        page = Page.from_html(f"https://hollybrook.test/{path.name}",
                              path.read_text(encoding="utf-8"))
        f = next(det.detect(page))
        assert f.data["any_help"], path.name
        pages[path.name] = f.data["sequence"]
    majority, bad = compare(pages)
    assert majority == ("header|self_help|contact_link|main|footer|phone|email|contact_link"
                        "|self_help")
    assert bad == ["catering.html"]
