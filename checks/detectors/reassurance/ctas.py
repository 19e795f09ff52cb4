"""Calls to action: a button or heading that asks a visitor to get in touch, read by structure.

A sentence is found by its words (:mod:`.detector`); a bare "Contáctanos", "Fale conosco" or
"Termin vereinbaren" says too little to be found so, and as a plain heading it is often only a
section's name. What makes it an invitation holds in every language: it is a link or button
that takes the visitor to a channel (a ``mailto:``, ``tel:`` or messaging link, the contact
page, a booking page or service, a section of the page that holds a form or a channel), or a
heading over such a section.
Its words must still read as an invitation: the language's contact imperative, or, on an
element styled as a button, a short phrase that is not just the channel's name or value.
These findings carry ``data["cta"]``: an invitation that only asks, which the human-touch
check does not take for a promise that a person will help.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit

from lxml import etree

from checks.language import LANGUAGES, text_language
from checks.lexicons import load
from checks.parsers import BUTTON_CLASS, WRITTEN_CHANNEL, match_link
from checks.patterns import alternation
from checks.wordscan import fold
from crawler.page import Page, css_path

__all__ = ["Cta", "ctas"]

_MAX_WORDS = 8
_MAX_CHARS = 60
_HEADINGS = ("h1", "h2", "h3", "h4")
_SECTION_UP = 3  # how many ancestors of a heading make its section
_CHANNEL_SCHEMES = ("mailto:", "tel:", "sms:", "callto:")
# A link whose text is the channel itself ("WhatsApp", "info@acme.test", "040 123 456").
_VALUE = re.compile(r"@|^\W*\+?[\d\s()./-]{6,}\W*$|^\W*(?:https?://|www\.)", re.I)
_CHANNEL_FOR = ".//form | .//a[starts-with(@href, 'mailto:') or starts-with(@href, 'tel:')]"


@dataclass(frozen=True, slots=True)
class Cta:
    """One call to action: its text, where it is, and the language its imperative is in."""

    text: str
    phrase: str
    language: str
    region: str
    selector: str


def ctas(page: Page, page_lang: str) -> Iterator[Cta]:
    """The page's calls to action outside its menus, in reading order, each text once."""
    seen: set[str] = set()
    own = _host(page.url)
    for a in page.anchors:
        if a.hidden or a.region == "nav" or a.element is None:
            continue
        text = " ".join(a.text.split())
        if not _short(text) or text.casefold() in seen:
            continue
        if not _to_channel(page, own, a.url, a.href) or _in_prose(a.element):
            continue
        found = _imperative(text, page_lang)
        # Without an imperative, a button's words must say more than a channel's or the
        # business's name ("WhatsApp", "Club Dojo Tarraco").
        if found is None and _button(a.element) and len(text.split()) >= 2 \
                and not _named_channel(text) \
                and not _is_title(page, text):
            found = (page_lang, text)  # a button's own words, in any language
        if found:
            seen.add(text.casefold())
            yield Cta(text, found[1], found[0], a.region, css_path(a.element))
    for h in page.selector.root.iter(*_HEADINGS):
        text = " ".join("".join(h.itertext()).split())
        if not _short(text) or text.casefold() in seen:
            continue
        heading = _imperative(text, page_lang)
        if heading is None and text.endswith("?") and _leads_channel(h):
            # A question that opens the section with the phone or the form ("Ready to book
            # your visit?", "Podemos te ajudar?") asks the visitor to use it, in any language.
            heading = (text_language(text, min_votes=1) or page_lang, text)
        if heading and _over_channel(h, page, own) and (region := page.region_of(h)) != "nav":
            seen.add(text.casefold())
            yield Cta(text, heading[1], heading[0], region, css_path(h))
    for button in _SEND_BUTTONS(page.selector.root):
        # The button that sends a message form ("Nachricht senden", "Odeslat zprávu") asks
        # the visitor to write, in any language; a bare "Send" says nothing more, a contact
        # imperative ("Contattaci") does.
        words = button.get("value") or "" if button.tag == "input" else "".join(button.itertext())
        text = " ".join(words.split())
        if (not _short(text) or text.casefold() in seen or _named_channel(text)
                or (region := page.region_of(button)) == "nav"):
            continue
        said = _imperative(text, page_lang)
        if said is None and len(text.split()) < 2:
            continue
        seen.add(text.casefold())
        lang, phrase = said or (text_language(text, min_votes=1) or page_lang, text)
        yield Cta(text, phrase, lang, region, css_path(button))


def _short(text: str) -> bool:
    return (2 < len(text) <= _MAX_CHARS and len(text.split()) <= _MAX_WORDS
            and not _VALUE.search(text))


def _is_title(page: Page, text: str) -> bool:
    """The business's name on a button ("Club Dojo Tarraco"): it names, it does not ask."""
    return text.casefold() in page.title.casefold()


def _imperative(text: str, page_lang: str) -> tuple[str, str] | None:
    """(language, phrase) when ``text`` begins with a contact imperative, or ends with the
    verb of a call to action ("Jetzt Termin online buchen", "Cliquez pour appeler": German
    and Dutch put the infinitive last, Romance languages after "to"); the page's own
    language first ("ring oss" is Swedish and Norwegian)."""
    folded = fold(text.lower())
    for lang, start, end in _imperatives(page_lang):
        m = start.match(folded) or (end.search(folded) if end else None)
        if m:
            voted = lang if lang == page_lang else (text_language(text, min_votes=1) or lang)
            return voted, text[m.start(1):m.end(1)]
    return None


@cache
def _imperatives(page_lang: str,
                 ) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]:
    """Each language's contact imperatives at a text's start and verbs at its end, the
    page's language first."""
    out = []
    for lang in sorted(LANGUAGES, key=lambda lang: lang != page_lang):
        parts = load(f"reassurance_{lang}").get("parts", {})
        # Booking verbs count only here, on a link or over a section that leads to a
        # channel or a booking page: in a sentence "book" may be anything.
        words = [*parts.get("cta", []), *parts.get("book", [])]
        ends = [fold(w.lower()) for w in parts.get("cta_end", [])]
        if words:
            folded = [fold(w.lower()) for w in words]
            end = re.compile(rf"(?<!\w)({alternation(ends)})\W*$") if ends else None
            out.append((lang, re.compile(rf"^\W*({alternation(folded)})(?!\w)"), end))
    return tuple(out)


# "Contact" as European languages spell it, in a URL's path: ``/contatti.html``, ``/kontakt``,
# ``/yhteystiedot``, ``/contacto``, Quebec's ``/nous-joindre``; stems, not page names.
_CONTACT_PATH = re.compile(
    r"(?:^|[/_.-])(?:contac?t|contat|kontak|yhtey|joindre)[^/]*/?$", re.I)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _to_channel(page: Page, own: str, url: str, href: str) -> bool:
    """Whether the link leads to a channel: a mail, phone or messaging link, this site's
    contact page, or a section of this page that holds a form or a mail or phone link."""
    if url.lower().startswith(_CHANNEL_SCHEMES):
        return True
    fragment = href.partition("#")[2]
    if fragment and url.split("#", 1)[0] == page.url.split("#", 1)[0]:
        # A jump to a section of this page ("#kontakt"): a channel when the section holds one.
        target = page.selector.root.xpath("//*[@id=$id]", id=fragment)
        return bool(target) and bool(target[0].xpath(_CHANNEL_FOR))
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").removeprefix("www.")
    if host == own:
        return bool(_CONTACT_PATH.search(parts.path)) or _booking_path(parts.path)
    if _booking_host(host):
        return True
    found = match_link(href)  # WhatsApp, Telegram, Messenger ... (lexicons/channels.json)
    return found is not None and found.type == "messaging"


@cache
def _booking() -> tuple[re.Pattern[str], tuple[str, ...]]:
    data = load("channels")["booking"]
    # A path segment that is a booking word, or begins with one and a hyphen, with or
    # without an extension ("/bokning.html", "/book-a-consultation/").
    segment = re.compile(
        rf"(?:^|/)(?:{alternation(data['paths'])})(?:-[^/]*)?(?:\.\w+)?(?:/|$)", re.I)
    return segment, tuple(data["hosts"])


def _booking_path(path: str) -> bool:
    """A page of the site where visitors book ("/bokning.html", "/book-a-consultation/")."""
    return _booking()[0].search(path) is not None


def _booking_host(host: str) -> bool:
    """An appointment service's page (Doctolib, Calendly ...)."""
    return any(host == h or host.endswith("." + h) for h in _booking()[1])


def _in_prose(el: etree._Element) -> bool:
    """A link inside a sentence ("then please get in touch: ..."): the sentence is the finding."""
    parent = el.getparent()
    if parent is None:
        return False
    around = [parent.text or ""] + [child.tail or "" for child in parent]
    return len(" ".join(around).split()) >= 3


def _button(el: etree._Element) -> bool:
    """Styled as a button: by its own class or role, or its parent's (a wrapper ``.btn``)."""
    for node in (el, el.getparent()):
        if node is None:
            continue
        if node.get("role") == "button" or BUTTON_CLASS.search(node.get("class") or ""):
            return True
    return False


def _named_channel(text: str) -> bool:
    """Only a channel's or platform's name ("Email", "WhatsApp", "Instagram / Facebook")."""
    return all(len(w) < 3 or w.lower() in _PLATFORMS for w in re.findall(r"\w+", text))


_PLATFORMS = frozenset({
    "email", "e-mail", "mail", "whatsapp", "telegram", "messenger", "viber", "signal",
    "instagram", "facebook", "linkedin", "twitter", "phone", "sms", "skype", "map", "maps",
    "google",
})


def _leads_channel(h: etree._Element) -> bool:
    """The heading is the only one, or one of two, in the nearest section holding a channel:
    a question among many (an FAQ beside a phone number) asks nothing of the visitor."""
    node = h.getparent()
    for _ in range(_SECTION_UP):
        if node is None:
            return False
        if node.xpath(_CHANNEL_FOR):
            return float(node.xpath(_HEADINGS_IN)) <= 2
        node = node.getparent()
    return False


_HEADINGS_IN = "count(.//h1 | .//h2 | .//h3 | .//h4)"


def _over_channel(h: etree._Element, page: Page, own: str) -> bool:
    """The heading leads a section that holds a form, a mail or phone link, or a link to a
    booking service or a messaging app; or, in its own box, an address or number written
    out ("Contattaci" over "Tel. 051 123 4567")."""
    node = h.getparent()
    for level in range(_SECTION_UP):
        if node is None:
            return False
        if node.xpath(_CHANNEL_FOR) or any(
                _to_channel(page, own, urljoin(page.url, href), href)
                for href in _OFFSITE_LINKS(node)):
            return True
        if level < 2 and node.tag not in _PAGE_BOXES \
                and WRITTEN_CHANNEL.search(node.text_content()):
            return True
        node = node.getparent()
    return False


_PAGE_BOXES = frozenset({"body", "main", "html"})


_OFFSITE_LINKS = etree.XPath(".//a[starts-with(@href, 'http')]/@href")
# The submit button of a form that takes a message (a text area): what it says invites.
_SEND_BUTTONS = etree.XPath(
    "//form[.//textarea]//*[self::button[not(@type) or @type='submit']"
    " or self::input[@type='submit']]")
