"""Whether a name the text reader found is a person's: a known given name, or evidence that
holds in any language (a title, the person's own email address, a legal-notice label, a role
given with a colon); and never a phrase of the page's own menu.

>>> own_address("Kara Baker", "klb@firm.com"), own_address("Curtis Choate", "curtis@firm.com")
(True, True)
>>> own_address("Jane Roe", "info@firm.com")
False
"""

from __future__ import annotations

import re

from checks.detectors.persons.names import fold, known_name, titled
from checks.detectors.persons.prose import ROLE_ANY
from checks.parsers import BUTTON_CLASS, WRITTEN_CHANNEL
from crawler.page import Page, derived

# Words that put a place before its name, not a person: "practicing law in Santa Barbara",
# "wir sind im Allgäu". Words that also put a person there are left out: "écrivez à Claire",
# "fragen Sie nach Max", "bei", and "en" / "i", which also mean "and".
_AT_PLACE = r"(?:in|near|around|across|throughout|im)"


@derived
def menu_phrases(page: Page) -> frozenset[str]:
    """The page's navigation items, folded: "Estate Planning" in the menu, "Chi Siamo" in the
    footer's list of pages, is no person. A link to the home page (the brand, often the
    owner's name) and a mailto: or tel: link are left out."""
    out = {fold(" ".join(a.text.split())) for a in page.anchors
           if a.region in ("nav", "header", "footer") and not _home_or_channel(a.href)}
    for block in page.blocks:
        if block.region == "nav":
            out.update(fold(" ".join(line.split())) for line in block.text.split("\n"))
    out.discard("")
    return frozenset(out)


@derived
def button_labels(page: Page) -> tuple[str, ...]:
    """The folded labels of the page's buttons (``<button>``, links styled or marked as
    buttons): "Dona ora", "Contattaci" side by side in a slide read as "Dona Ora Contattaci",
    which is no one."""
    out = {fold(" ".join(a.text.split())) for a in page.anchors
           if BUTTON_CLASS.search(a.element.get("class") or "")
           or a.element.get("role") == "button"}
    root = page.selector.root
    if hasattr(root, "iter"):
        out.update(fold(" ".join(el.text_content().split())) for el in root.iter("button"))
    out.discard("")
    return tuple(sorted(out))


def _holds_button(name: str, labels: tuple[str, ...]) -> bool:
    folded = f" {fold(name)} "
    return any(f" {label} " in folded for label in labels)


def _home_or_channel(href: str) -> bool:
    low = href.lower()
    return low.startswith(("mailto:", "tel:", "callto:", "#")) or low.rstrip("/") in (
        "", ".", "..", "index.html", "index.htm", "index.php") or low in ("/", "./", "../")


def own_address(name: str, address: str) -> bool:
    """Whether an email address is made of the name: first.last@, flast@, first@, initials
    ("klb@" for Kara L. Baker)."""
    local = fold(address.rpartition("@")[0])
    tokens = [t for t in fold(name).replace("-", " ").split() if t]
    if not tokens or not local:
        return False
    if any(len(t) >= 3 and t in local for t in tokens):
        return True
    letters = "".join(c for c in local if c.isalpha())
    initials = tokens[0][0] + tokens[-1][0]
    return 2 <= len(letters) <= 4 and letters[0] == initials[0] and letters[-1] == initials[1]


def credible(page: Page, name: str, raw: str, line: str, at: int, source: str,
             emails: list[str], vouched: bool = False, role: str = "") -> bool:
    """Whether the page gives reason to take ``name`` for a person (see the module doc);
    ``vouched`` when the page's structure already does (a role word in a list of staff)."""
    if fold(name) in menu_phrases(page) and not _named_in_menu(name, raw, source, emails, role):
        return False
    if _holds_button(name, button_labels(page)) and not _named_in_menu(
            name, raw, source, emails, role):
        return False
    if not titled(raw) and _place(page, name):
        return False
    if not (known_name(name) or titled(raw)) and " " in name \
            and fold(name) in fold(page.title) and _said_lower(page, name):
        # The page's title names the business and its trade ("Studio Emmezeta -
        # Amministrazioni Condominiali"), which its text also writes in lower case, as no
        # one writes a person's name.
        return False
    if vouched or known_name(name) or titled(raw) or source in ("impressum", "schema", "hcard"):
        return True
    if any(own_address(name, e) for e in emails):
        return True
    # "Neem contact op met Annemieke Gerrits op 06-...": asked for by name, with the number
    # or address to reach them by, is a person whatever their given name.
    if source == "ask_for" and " " in name and _CHANNEL_AFTER.match(line, at + len(raw)):
        return True
    # "Owner: Dinesh Kanojia": a role label and a colon introduce a name in any language.
    return line[:at].rstrip().endswith((":", "："))


# Within a few words after a name, in its sentence.
_CHANNEL_AFTER = re.compile(rf"[^.!?\n]{{0,25}}?(?:{WRITTEN_CHANNEL.pattern})")


def _named_in_menu(name: str, raw: str, source: str, emails: list[str], role: str) -> bool:
    """A menu item is a person only with a title, a role word or their own address (a
    therapist's own page in the menu); a known given name alone does not make "Chi Siamo"
    one."""
    return (titled(raw) or source in ("impressum", "schema", "hcard")
            or any(own_address(name, e) for e in emails)
            or (known_name(name) and ROLE_ANY.search(role) is not None))


@derived
def _folded_page_text(page: Page) -> str:
    return fold(page.text)


def _said_lower(page: Page, name: str) -> bool:
    """Whether the page's text writes the first word of ``name`` in lower case."""
    # Case is what tells here, so the page's own text, not its folded copy; asked only for a
    # title's phrase with no given name, rarely.
    first = name.split()[0]
    word = first.lower()
    return word != first and re.search(
        rf"(?<!\w){re.escape(word)}(?!\w)", page.text) is not None


def _place(page: Page, name: str) -> bool:
    """Whether the page speaks of ``name`` as a place ("in Santa Barbara")."""
    pattern = rf"(?<!\w){_AT_PLACE}\s+{re.escape(fold(name))}(?![\w'’])"
    return re.search(pattern, _folded_page_text(page)) is not None
