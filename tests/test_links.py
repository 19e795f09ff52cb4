"""Contact links and forms: every lexicon phrase is a test."""

from __future__ import annotations

import pytest

from checks.detectors.forms import FormDetector
from checks.detectors.links import ContactLinkDetector
from checks.lexicons import load
from crawler.page import Page

PHRASES = [(lang, p) for lang, ps in load("contact_links").items() if not lang.startswith("_")
           for p in ps]


def links(html: str) -> list[tuple[str, str]]:
    page = Page.from_html("https://a.test/", html)
    return [(f.value, f.region) for f in ContactLinkDetector().detect(page)]


@pytest.mark.parametrize(("lang", "phrase"), PHRASES)
def test_every_lexicon_phrase_is_a_contact_link(lang: str, phrase: str) -> None:
    html = f"<html lang='{lang}'><nav><a href='/x'>{phrase.upper()}</a></nav></html>"
    assert links(html) == [("https://a.test/x", "nav")]


@pytest.mark.parametrize("text", [
    "Contractors", "Helpful tips for winter", "Supported browsers",
    "Read how we help local families find the right contact lens for their needs",
])
def test_words_that_merely_contain_a_phrase_are_not_contact_links(text: str) -> None:
    assert links(f"<a href='/x'>{text}</a>") == []


def test_icon_link_found_by_path() -> None:
    assert links("<footer><a href='/contact-us/'><svg></svg></a></footer>") == [
        ("https://a.test/contact-us/", "footer")]


def test_mailto_is_not_a_contact_page_link() -> None:
    assert links("<a href='mailto:a@a.test'>Contact</a>") == []


def forms(html: str) -> list[dict[str, object]]:
    page = Page.from_html("https://a.test/c", html)
    return [f.data for f in FormDetector().detect(page)]


def test_message_form_counts_fields_and_required() -> None:
    [form] = forms("<form><input name=name required><input type=email name=email required>"
                   "<input type=tel name=phone><textarea name=msg aria-required=true></textarea>"
                   "<input type=hidden name=token><button>Send</button></form>")
    assert (form["fields"], form["required"], form["email_field"]) == (4, 3, True)


@pytest.mark.parametrize("html", [
    "<form role=search><input name=q></form>",
    "<form><input type=email name=newsletter><button>Subscribe</button></form>",
    "<form><input name=user><input type=password name=pw><textarea></textarea></form>",
])
def test_search_signup_and_login_forms_are_not_contact_forms(html: str) -> None:
    assert forms(html) == []
