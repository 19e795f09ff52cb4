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
from typing import Any

from checks.detectors.persons.names import fold, known_name, titled
from checks.detectors.persons.prose import ROLE_ANY
from crawler.page import Page, derived

# Words that put a place before its name, not a person: "practicing law in Santa Barbara",
# "wir sind im Allgäu". Words that also put a person there are left out: "écrivez à Claire",
# "fragen Sie nach Max", "bei", and "en" / "i", which also mean "and".
_AT_PLACE = r"(?:in|near|around|across|throughout|im)"


_HOME_FRAGMENTS = frozenset({"", "top", "home", "page-top", "hero", "header", "main"})
_BRAND = re.compile(r"brand|logo", re.IGNORECASE)
_BUTTON = re.compile(r"\b(?:btn|button|cta)", re.IGNORECASE)


@derived
def menu_phrases(page: Page) -> frozenset[str]:
    """The texts of the page's menu items and buttons, folded: "Estate Planning" or "Chi
    Siamo" in the menu, "Dona Ora" on a button, is not a person. The brand, a link to the home
    page, is left out: it is often the owner's name."""
    out: set[str] = set()
    for a in page.anchors:
        if a.region not in ("nav", "header", "footer") and not _button(a.element):
            continue
        if _home_link(a.href, a.url) or _BRAND.search(a.element.get("class") or ""):
            continue
        if a.href.lower().startswith(("mailto:", "tel:", "callto:")):
            continue
        out.add(fold(" ".join(a.text.split())))
    out.discard("")
    return frozenset(out)


def _button(el: Any) -> bool:
    return el is not None and _BUTTON.search(el.get("class") or "") is not None


def _home_link(href: str, url: str) -> bool:
    """A link to the home page or to the top of the page (a brand, a logo)."""
    fragment = href.partition("#")[2].lower()
    if fragment not in _HOME_FRAGMENTS:
        return False  # a section of a one-page site ("#chi-siamo") is a menu item
    if href.startswith("#"):
        return True
    rest = url.partition("://")[2]
    path = rest[rest.find("/"):] if "/" in rest else "/"
    path = path.split("?", 1)[0]
    return path.count("/") <= 1 and (path == "/" or path.startswith("/index."))


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
             emails: list[str], vouched: bool = False, role: str = "",
             labelled: bool = False) -> bool:
    """Whether the page gives reason to take ``name`` for a person (see the module doc);
    ``vouched`` when the page's structure already does (a role word in a list of staff);
    ``labelled`` when a table cell or a definition term before it says the role.
    A menu item is a person only with a title, a role word or their own address: the
    therapist's page in the menu ("Anna Weber") and her card saying "Physiotherapeutin"."""
    own = any(own_address(name, e) for e in emails)
    strong = source in ("impressum", "schema", "hcard") or titled(raw) or own
    if not strong and fold(name) in menu_phrases(page) and ROLE_ANY.search(role) is None:
        return False
    if not titled(raw) and _place(page, name):
        return False
    if vouched or known_name(name) or strong:
        return True
    # "Owner: Dinesh Kanojia": a role label and a colon introduce a name in any language, as
    # does a label cell ("<dt>Praxismanagerin</dt><dd>...").
    return labelled or line[:at].rstrip().endswith((":", "："))


@derived
def folded_text(page: Page) -> str:
    """The page's visible text, case- and accent-free, for finding a name in it."""
    return fold(page.text)


def _place(page: Page, name: str) -> bool:
    """Whether the page speaks of ``name`` as a place ("in Santa Barbara")."""
    pattern = rf"(?<!\w){_AT_PLACE}\s+{re.escape(fold(name))}(?![\w'’])"
    return re.search(pattern, folded_text(page)) is not None
