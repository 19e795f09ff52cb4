"""Whose contact a number or an address is: the page structure around it.

A number under a heading about places nearby, useful numbers or a regional on-call service is
someone else's; an address right after "Website by" is the web designer's; a number written
after a fax or printer icon is a fax. The words are data (``checks/lexicons/third_party.json``).

>>> others_heading("Qué ver en los alrededores"), others_heading("Contact us")
('nearby', None)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import lxml.etree as etree

from checks.lexicons import load
from checks.patterns import trie
from crawler.page import Page, derived

__all__ = [
    "SAME_DIGITS",
    "credit_before",
    "digits",
    "fax_icon_numbers",
    "listed_others_numbers",
    "others_heading",
    "tel_headings",
    "text_before",
    "text_headings",
    "whose_phone",
]

# A run of digits and the separators numbers are written with (as the phone detector's gate).
_DIGIT_RUN = re.compile(r"[0-9][0-9 \t\xa0\u2007\u2009\u202f().\-/\u2010-\u2015]{5,}[0-9]")


_OTHERS = load("third_party")


def _phrases(groups: Iterable[Iterable[str]]) -> re.Pattern[str]:
    words = {w.lower() for group in groups for w in group}
    spaced = trie(words, char=lambda c: r"\s+" if c == " " else re.escape(c))
    return re.compile(rf"(?<!\w)(?:{spaced})(?!\w)", re.IGNORECASE)


_OTHERS_HEADINGS = {family: _phrases(by_language.values())
                    for family, by_language in _OTHERS["headings"].items()}  # fmt: skip
_CREDIT = _phrases(_OTHERS["credits"].values())
_CAPTION = re.compile(r"\s*[:|\u2013\u2014-]")
_CREDIT_REACH = 64  # "Website by Studio Name, Jane Roe — " before the designer's address
_BLOCK_TAGS = frozenset({"p", "li", "div", "td", "th", "dd", "section", "footer", "address",
                         "article", "aside", "header", "nav", "main", "body", "table", "ul"})


CHROME = frozenset({"header", "nav", "footer"})
"""The site's own frame, repeated on every page: the numbers and addresses there are its own."""


def others_heading(heading: str) -> str | None:
    """Why a heading (or page title) says the numbers under it are someone else's, or None.

    >>> others_heading("Qué ver en los alrededores"), others_heading("Wachtdienst")
    ('nearby', 'on_call')
    >>> others_heading("Contact us") is None
    True
    """
    for family, pattern in _OTHERS_HEADINGS.items():
        if pattern.search(heading):
            return family
    return None


def credit_before(text: str) -> str | None:
    """The web designer's credit ("Website by", "Réalisation :") ending ``text``, if any.

    >>> credit_before("© 2024 Acme · Website door "), credit_before("Réalisation : ")
    ('Website door', 'Réalisation')
    >>> credit_before("Mail us: "), credit_before("Diseño de interiores. Escríbenos: ")
    (None, None)
    """
    found = list(_CREDIT.finditer(text[-_CREDIT_REACH:]))
    if not found:
        return None
    last = found[-1]
    phrase = " ".join(last.group().split())
    # A lone noun ("Réalisation", "Diseño", "Webdesign") credits only as a caption: "Diseño:".
    if " " not in phrase and not _CAPTION.match(text[-_CREDIT_REACH:], last.end()):
        return None
    return phrase


# A caption names whose the number after it is, within this reach and with no other number
# between: "Zahnärztlicher Notdienst 0761 ...", not "Notdienst: 116117 · Praxis: 0711 ...".
_CAPTION_FAMILIES = ("on_call", "authority", "insurer", "regulator")
_CAPTION_REACH = 120
# Another number between the caption and this one: five digits or more, separators aside (a
# house number or a four-digit postcode of the caption's address is not one).
_NUMBER_BETWEEN = re.compile(r"\d(?:[ ./-]?\d){4,}")


def caption_before(text: str) -> str | None:
    """Why the text right before a number says it is another organisation's (a regional
    on-call service, an authority, a professional liability insurer), or None.

    >>> caption_before("Zahnärztlicher Notdienst ")
    'on call: Zahnärztlicher Notdienst'
    >>> caption_before("Ärztlicher Bereitschaftsdienst: 116117 · Praxis: ") is None
    True
    """
    tail = text[-_CAPTION_REACH:]
    best: tuple[re.Match[str], str] | None = None
    for family in _CAPTION_FAMILIES:
        for m in _OTHERS_HEADINGS[family].finditer(tail):
            if best is None or m.start() > best[0].start():
                best = (m, family)
    if best is None or _NUMBER_BETWEEN.search(tail, best[0].end()):
        return None
    m, family = best
    return f"{family.replace('_', ' ')}: {' '.join(m.group().split())}"


def text_before(el: etree._Element, limit: int = 80) -> str:
    """The text written right before an element, within its paragraph (or list item, cell...).

    >>> from lxml import html
    >>> p = html.fromstring("<div><p>Website by <b>Studio</b> <a>Jan</a></p></div>")
    >>> text_before(p.find(".//a"))
    'Website by Studio '
    """
    parts: list[str] = []
    node = el
    size = 0
    while size < limit:
        prev = node.getprevious()
        if prev is not None:
            piece = (prev.text_content() if isinstance(prev.tag, str) else "") + (prev.tail or "")
            node = prev
        else:
            parent = node.getparent()
            if parent is None:
                break
            piece = parent.text or ""
            node = parent
        parts.append(piece)
        size += len(piece)
        if prev is None and node.tag in _BLOCK_TAGS:
            break
    return "".join(reversed(parts))[-limit:]


_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NEAREST_HEADING = etree.XPath(
    "(preceding::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
    "|ancestor::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6])"
    "[last()]"
)
_NON_DIGITS = re.compile(r"[^0-9]+")


def digits(text: str) -> str:
    return _NON_DIGITS.sub("", text)


def _heading_text(el: etree._Element) -> str:
    return " ".join(el.text_content().split())


@derived
def _page_outline(page: Page) -> list[tuple[str, int]]:
    """The page's headings in reading order with their levels (h2: 2)."""
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return []
    return [(t, int(el.tag[1])) for el in root.iter(*_HEADING_TAGS)
            if (t := _heading_text(el))]


def _page_headings(page: Page) -> list[str]:
    """The page's headings in reading order; their first is the page's topic."""
    return [t for t, _ in _page_outline(page)]


@derived
def _block_headings(page: Page) -> list[list[tuple[int, int]]]:
    """For each text block, the offsets of the headings it holds and their places in the
    page's outline (found in reading order)."""
    heads = _page_headings(page)
    out = []
    for block in page.blocks:
        found, pos = [], 0
        for index, head in enumerate(heads):
            k = block.text.find(head, pos)
            if k >= 0:
                found.append((k, index))
                pos = k + len(head)
        out.append(found)
    return out


def _sections(outline: list[tuple[str, int]], index: int) -> list[str]:
    """The heading at ``index`` and those of the sections it is in: the nearest before it of
    each higher level ("Supervisory authority" over "Address" over the authority's name)."""
    text, level = outline[index]
    out = [text]
    for above, above_level in reversed(outline[:index]):
        if above_level < level:
            out.append(above)
            level = above_level
    return out


def text_headings(page: Page, block: int, at: int) -> list[str]:
    """The heading right above offset ``at`` of a block and its sections' headings, and the
    block's first heading."""
    found = [index for k, index in _block_headings(page)[block] if k <= at]
    if not found:
        return []
    return [*_sections(_page_outline(page), found[-1]), _page_outline(page)[found[0]][0]]


def tel_headings(page: Page, el: etree._Element) -> list[str]:
    nearest = _NEAREST_HEADING(el)
    outline = _page_outline(page)
    sections = [_heading_text(h) for h in nearest]
    if nearest:
        # Its place in the outline: the headings before it, counted in document order.
        index = int(_HEADINGS_BEFORE(nearest[0]))
        if index < len(outline) and outline[index][0] == sections[0]:
            sections = _sections(outline, index)
    topic = _page_headings(page)[:1]
    return [*sections, *topic]


_HEADINGS_BEFORE = etree.XPath(
    "count(preceding::*[(self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6)"
    " and normalize-space(.)])")


# Fax lines marked only by an icon: Font Awesome's fa-fax/fa-print, other icon sets, an image.
_FAX_ICONS = etree.XPath(
    "//*[contains(@class,'fax') or contains(@class,'print') or contains(@class,'Fax')]"
    "|//img[contains(translate(@src,'FAX','fax'),'fax') or contains(translate(@alt,'FAX','fax'),"
    "'fax')]"
)
_ICON_CLASS = re.compile(r"(?<![\w-])(?:fa|fas|far|fal|bi|icon|glyphicon|las|la|ti|mdi|uil|icofont)"
                         r"-(?:fax|print|printer)(?![\w-])|(?<![\w-])(?:icon-)?fax(?![\w-])",
                         re.IGNORECASE)


# What an icon's markup holds: a class of an icon set ("fa-fax") or a file name ("fax.png").
_ICON_HINTS = ("-fax", "fax-", "fax.", "-print")


@derived
def fax_icon_numbers(page: Page) -> frozenset[str]:
    """The digits of the numbers written right after a fax or printer icon."""
    html = page.html
    lowered = html.lower() if html is not None else None
    if lowered is not None and not any(hint in lowered for hint in _ICON_HINTS):
        return frozenset()  # most pages: one scan of the HTML instead of a walk of the tree
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return frozenset()
    found = set()
    for icon in _FAX_ICONS(root):
        if icon.tag != "img" and not _ICON_CLASS.search(icon.get("class") or ""):
            continue
        if _heading_text(icon) and icon.tag != "img":
            continue  # a labelled element ("Print this page"), not an icon
        shown = digits(_text_after(icon))
        if len(shown) >= 7:
            found.add(shown[-SAME_DIGITS:])
    # A number the page also links with tel: is a phone line too ("Telephone / Fax").
    dialled = {digits(a.href)[-SAME_DIGITS:] for a in page.anchors
               if a.href[:4].lower() == "tel:"}
    return frozenset(found - dialled)


_AFTER_REACH = 40
SAME_DIGITS = 8  # numbers are compared by their last digits: "+44 20 ..." is "020 ..."


def _text_after(el: etree._Element) -> str:
    """The text that follows an (empty) icon element, up to the next number's end."""
    parts: list[str] = []
    node = el
    for _ in range(3):  # the icon may sit in a wrapper or two: climb to find the text
        parts.append(node.tail or "")
        for sib in node.itersiblings():
            if isinstance(sib.tag, str) and sib.tag in ("i", "img", "svg", "br"):
                return _first_run("".join(parts))
            text = sib.text_content() if isinstance(sib.tag, str) else ""
            parts.append(text + (sib.tail or ""))
            if sum(map(len, parts)) > _AFTER_REACH:
                return _first_run("".join(parts))
        if "".join(parts).strip():
            break
        parent = node.getparent()
        if parent is None:
            break
        node = parent
    return _first_run("".join(parts))


def _first_run(text: str) -> str:
    run = _DIGIT_RUN.search(text[:_AFTER_REACH])
    return run.group() if run else ""


# Links that are the business's own channels, not another organisation's site: its social and
# messaging profiles (the channels lexicon), its map and its booking page.
_OWN_CHANNEL_HOSTS = tuple(
    {h for item in load("channels")["links"] for h in item["hosts"] if "." in h}
    | set(load("channels")["booking"]["hosts"]) | set(_OTHERS["own_channel_hosts"])
)
_LIST_ITEMS = 2  # a list: two items or more, each linking to another site


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _other_site(host: str, own: str) -> bool:
    if not host or host == own or host.endswith("." + own) or own.endswith("." + host):
        return False
    return not any(host == h or host.endswith("." + h) for h in _OWN_CHANNEL_HOSTS)


@derived
def listed_others_numbers(page: Page) -> frozenset[str]:
    """The digits of the numbers written in a list of other organisations' sites: the items of
    one list (``<li>``, table rows, cards side by side), two or more of them linking each to
    another site, are other organisations' entries ("Lorem Foundation · 0123 ... · lorem.org").
    """
    own = _host(page.url)
    items: dict[etree._Element, set[str]] = {}
    for a in page.anchors:
        host = _host(a.url) if a.region == "main" else ""
        if not _other_site(host, own):
            continue
        node, parent = a.element, a.element.getparent()
        # The item: the anchor's ancestor that is a child of the list holding the others.
        while parent is not None and parent.tag not in ("body", "main", "html"):
            items.setdefault(node, set()).add(host)
            node, parent = parent, parent.getparent()
    lists: dict[etree._Element, list[etree._Element]] = {}
    for item, hosts in items.items():
        parent = item.getparent()
        if len(hosts) == 1 and parent is not None:
            lists.setdefault(parent, []).append(item)
    found: set[str] = set()
    for parent, entries in lists.items():
        hosts = {next(iter(items[e])) for e in entries}
        children = [c for c in parent if isinstance(c.tag, str) and _heading_text(c)
                    and c.tag not in _HEADING_TAGS]
        # Most of the list's items link to another site, each to its own: a list of others,
        # not a business's own contact box that happens to sit beside one partner's logo.
        if len(hosts) < _LIST_ITEMS or 2 * len(entries) < len(children):
            continue
        for entry in entries:
            for run in _DIGIT_RUN.findall(entry.text_content()):
                shown = digits(run)
                if len(shown) >= 7:
                    found.add(shown[-SAME_DIGITS:])
    return frozenset(found)


# The blocks a sentence lives in: a number in one of these beside a link to another site.
_SENTENCE_TAGS = frozenset({"p", "li", "dd", "td", "figcaption", "blockquote"})


@derived
def beside_others_numbers(page: Page) -> frozenset[str]:
    """The digits of the numbers written in the same paragraph (or list item, cell) as a link
    to another organisation's site, in the page's content: "for details see gov.example or
    call 0800 ..." gives that organisation's number, in any language. The business's own
    channels (social, messaging, maps, booking) are not others' sites."""
    own = _host(page.url)
    found: set[str] = set()
    for a in page.anchors:
        if a.region != "main" or a.element is None or not _other_site(_host(a.url), own):
            continue
        block = a.element.getparent()
        while block is not None and block.tag not in _SENTENCE_TAGS:
            if block.tag in ("body", "main", "section", "article", "div"):
                block = None
                break
            block = block.getparent()
        if block is None:
            continue
        for run in _DIGIT_RUN.findall(block.text_content()):
            shown = digits(run)
            if len(shown) >= 7:
                found.add(shown[-SAME_DIGITS:])
    return frozenset(found)


def whose_phone(page: Page, data: dict[str, Any], headings: Callable[[], list[str]], region: str,
                shown: str, before: str = "", above: str = "") -> str:  # fmt: skip
    """The fact kind of a number: "phone", or "third_party_phone" with the reason in ``data``;
    a number written after a fax icon becomes a fax. ``headings`` are looked up only for
    numbers in the page's content; ``before`` is the text of its line before it, where a web
    designer's credit ("Webdesign: Studio Lorem, Tel. ...") names whose it is, in any region;
    ``above`` the text of the lines before that, where with ``before`` a caption ("Zahnärztlicher
    Notdienst", a professional liability insurer) may name another organisation."""
    if data.get("kind") != "fax" and digits(shown)[-SAME_DIGITS:] in fax_icon_numbers(page):
        data["kind"] = "fax"
    credit = credit_before(before) if before else None
    if credit:
        data.update(kind="third_party", reason=f"web designer: {credit}")
        return "third_party_phone"
    caption = caption_before(f"{above}\n{before}") if before or above else None
    if caption:
        data.update(kind="third_party", reason=caption)
        return "third_party_phone"
    if region in CHROME:
        return "phone"
    if digits(shown)[-SAME_DIGITS:] in listed_others_numbers(page):
        data.update(kind="third_party", reason="in a list of links to other sites")
        return "third_party_phone"
    if digits(shown)[-SAME_DIGITS:] in beside_others_numbers(page):
        data.update(kind="third_party", reason="beside a link to another organisation's site")
        return "third_party_phone"
    reason = others_reason(page, headings())
    if reason:
        data.update(kind="third_party", reason=reason)
        return "third_party_phone"
    return "phone"


def others_reason(page: Page, headings: list[str]) -> str | None:
    """Why the headings over a number or an address (or the page's title) say it is someone
    else's ("nearby: Things to do"), or None."""
    for heading in (*headings, page.title):
        family = others_heading(heading)
        if family:
            return f"{family.replace('_', ' ')}: {heading}"[:120]
    return None
