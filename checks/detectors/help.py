"""Help mechanisms in DOM order, for WCAG 2.2 SC 3.2.6 Consistent Help (rubric D7).

SC 3.2.6 asks that help mechanisms repeated on several pages (human contact details, a human
contact mechanism, a self-help option, a fully automated contact mechanism) "occur in the same
order relative to other page content", that is in serialised (DOM) order. One fact per page
lists, in DOM order, the help mechanisms OUTSIDE the main content together with the markers of
the repeated blocks (header, nav, main, footer, aside) they sit between:

>>> from crawler.page import Page
>>> page = Page.from_html("https://a.test/", "<header><a href='/faq'>FAQ</a></header>"
...     "<main><p>Call 0113 246 0958</p></main><footer>Tel: 0113 246 0958 · "
...     "<a href='/contact'>Contact us</a> · <a href='mailto:hi@a.test'>hi@a.test</a></footer>")
>>> fact = next(HelpOrderDetector().detect(page))
>>> fact.value
'header|self_help|main|footer|phone|contact_link|email'

The sequence's vocabulary is :mod:`checks.help_sequence`; comparing pages (which pages put a
mechanism in another order than most pages do) is the D7 checks' work, in
:mod:`checks.rules.help`.

Speed: only the small header/footer/nav/aside subtrees are walked; the main content is only
looked at (anchors first, text last) when a page shows no help outside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import lxml.etree as etree

from checks.api import SiteContext
from checks.facts import Fact
from checks.help_sequence import MARKERS, MECHANISMS, signature
from checks.lexicons import load
from checks.parsers import FAX_LABELS, PHONE_LABELS, TRAP_SYMBOLS, TRAP_WORDS, match_link
from checks.patterns import alternation
from crawler.page import Anchor, Page, css_path

__all__ = ["WIDGET", "HelpOrderDetector", "classify_anchor", "help_sequence"]

WIDGET = "widget"
"""The block of a chat widget: injected by script, it has no place in the served DOM; vendors
append their launcher to the end of ``<body>``, so it is listed last."""
_MAX_LABEL = 40  # longer link texts are sentences that mention help, not help links


def _words(data: Mapping[str, Any]) -> set[str]:
    return {w.casefold() for lang, ws in data.items() if not lang.startswith("_") for w in ws}


def _compile() -> dict[str, Any]:
    lex = load("help")
    self_help = _words(lex["self_help"])
    chat = _words(lex["chat"])
    contact = _words(load("contact_links")) - self_help - set(lex["not_contact"])

    def phrases(words: set[str]) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)")

    def last_segment(segments: list[str]) -> re.Pattern[str]:
        return re.compile(rf"/(?:{alternation(segments)})(?:\.[a-z]{{2,5}})?/?$", re.IGNORECASE)

    # Chat widget hosts and loader settings are shared with the channels detector.
    hosts: dict[str, str] = {}
    settings: list[tuple[str, str]] = []
    for entry in load("channels")["chat"]:
        for h in entry.get("hosts", ()):  # "unconfirmed" hosts may show no chat: left out
            hosts[h.lower()] = entry["name"]
        settings.extend((marker, entry["name"]) for marker in entry.get("settings", ()))
    alt = "|".join(re.escape(h) + ("" if h.endswith("/") else r"(?![\w.-])")
                   for h in sorted(hosts, key=len, reverse=True))
    return {
        "contact": phrases(contact),
        "self_help": phrases(self_help),
        "chat": phrases(chat),
        "self_help_path": last_segment(lex["self_help_paths"]),
        "chat_path": last_segment(lex["chat_paths"]),
        "contact_path": re.compile(
            r"/(?:contact(?:[-_]?us)?|kontakt|contacto|nous-contacter|contactez-nous"
            r"|get-in-touch)(?:\.[a-z]{2,5})?/?$", re.IGNORECASE),
        "chat_schemes": tuple(f"{s}:" for s in lex["chat_link_schemes"]),
        "widget_src": re.compile(rf"(?:[a-z]+:)?//(?:[\w-]+\.)*({alt})", re.IGNORECASE),
        "widget_inline": re.compile(rf"//(?:[\w-]+\.)*({alt})"),
        "widget_names": hosts,
        "widget_settings": tuple(settings),
    }


_LEX = _compile()
_TEL = ("tel:", "callto:")
# Vendors' inline snippets are under 2 KB; long inline scripts (framework state) are not read.
_MAX_INLINE_SCRIPT = 5_000
_CACHE_SIZE = 256  # distinct page chromes remembered per audit

# Visible numbers and addresses: a deliberately small scan, not the phone/email detectors.
_SEP = r"[ \u00a0./-]"
_PHONE = re.compile(
    rf"(?<![\w+/.,{re.escape(TRAP_SYMBOLS)}-])(?:"
    rf"(?:\+|00)[1-9]\d{{0,2}}(?:{_SEP}?\(0\))?(?:{_SEP}?\(?\d+\)?){{2,6}}"  # international
    rf"|\(?0[1-9]\d{{0,4}}\)?(?:{_SEP}?\d+){{1,5}}"  # national, with trunk 0
    r"|\(?[2-9]\d{2}\)?[ \u00a0.-]?\d{3}[ \u00a0.-]\d{4}"  # North American
    r"|[6-9]\d{2}(?:[ \u00a0.]\d{2,3}){2,3}"  # grouped 9 digits without trunk 0 (ES, PT ...)
    r")(?!\d)"
)
_DIGIT_RUN = re.compile(r"[+(]?[0-9][0-9 \u00a0().\-/]{5,}[0-9]")
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:19|20)\d\d\s*[-/]\s*(?:19|20)?\d\d")
_BEFORE = 30
_TRAP_BEFORE = re.compile(
    rf"(?<!\w)(?:{alternation([*TRAP_WORDS, *FAX_LABELS])})(?!\w)[^\d\n]{{0,12}}\Z", re.IGNORECASE
)
_LABEL_BEFORE = re.compile(rf"(?<!\w)(?:{alternation(PHONE_LABELS)})(?!\w)[^\d\n]{{0,12}}\Z",
                           re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]{1,64}(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:(?:\.|\s?[\[(]dot[\])]\s?)"
                    r"[\w-]+)+", re.IGNORECASE)


def _phone_in(text: str, context: str = "") -> str | None:
    """The first visible phone number in ``text``, or None; cheap and context-filtered.

    ``context`` is the text read just before (a label in the previous element: "Fax").
    """
    for run in _DIGIT_RUN.finditer(text):
        for m in _PHONE.finditer(text, run.start(), run.end()):
            found = m.group()
            digits = sum(ch.isdigit() for ch in found)
            if not 7 <= digits <= 15 or _DATE.fullmatch(found.strip("()")):
                continue
            if sum(ch.isdigit() for ch in text[run.start() : m.start()]) >= 4:
                continue  # the tail of a longer number: an IBAN, an order or account number
            before = (context + text[: m.start()])[-_BEFORE:]
            if _TRAP_BEFORE.search(before) and not _LABEL_BEFORE.search(before):
                continue
            return found
    return None


def _email_in(text: str) -> str | None:
    if "@" not in text and "at]" not in text and "at)" not in text:
        return None
    m = _EMAIL.search(text)
    return m.group() if m else None


def classify_anchor(a: Anchor) -> tuple[str, str] | None:
    """The help mechanism a link offers, with a short label, or None.

    >>> from crawler.page import Anchor
    >>> classify_anchor(Anchor("/faq.html", "https://a.test/faq.html", "Questions & answers",
    ...                        "footer", None))
    ('self_help', 'Questions & answers')
    >>> classify_anchor(Anchor("https://wa.me/447400123456", "https://wa.me/447400123456", "",
    ...                        "footer", None))
    ('chat', 'https://wa.me/447400123456')
    """
    href, url = a.href, a.url
    low = href[:8].lower()
    label = a.text[:80] or href[:80]
    if low.startswith(_TEL):
        return "phone", label
    if low.startswith("mailto:"):
        return "email", label
    if low.startswith(_LEX["chat_schemes"]):
        return "chat", label
    channel = match_link(href)  # messaging deep links and chat pages, as the channels detector
    if channel is not None and channel.type in ("chat", "messaging"):
        return "chat", label
    text = a.text.casefold()
    if href[:11].lower() == "javascript:":
        # A script link that opens a chat ("Live chat" calling the widget's API).
        return ("chat", label) if text and _LEX["chat"].search(text) else None
    if not url.startswith(("http://", "https://")):
        return None
    if text:
        if len(text) > _MAX_LABEL:
            return None
        # Contact before self-help: "Help & contact" leads to people, "Help" to answers.
        for mechanism in ("contact", "self_help", "chat"):
            if _LEX[mechanism].search(text):
                return ("contact_link" if mechanism == "contact" else mechanism), label
        return None
    path = url.split("?", 1)[0]
    for mechanism, key in (("contact_link", "contact_path"), ("self_help", "self_help_path"),
                           ("chat", "chat_path")):
        if _LEX[key].search(path):
            return mechanism, label
    return None


def _message_form(form: Any) -> bool:
    # A form to write a message in; search boxes, sign-ups and comment forms do not count.
    if (form.get("role") or "").lower() == "search":
        return False
    ident = f"{form.get('id') or ''} {form.get('class') or ''} {form.get('action') or ''}"
    if "comment" in ident.lower():
        return False
    return next(form.iter("textarea"), None) is not None


def _chat_widget(page: Page, cache: dict[str, str | None] | None = None) -> str | None:
    """The chat widget a page loads (the vendor's name), or None.

    ``cache`` maps a script's src (or short inline text) to the answer: sites load the same
    scripts on every page.
    """
    for script in page.scripts:
        code = script.src or script.text
        if not code or (not script.src and len(code) > _MAX_INLINE_SCRIPT):
            continue
        if cache is not None and code in cache:
            found = cache[code]
        else:
            found = _widget_in(code, bool(script.src))
            if cache is not None:
                if len(cache) >= _CACHE_SIZE:
                    del cache[next(iter(cache))]
                cache[code] = found
        if found is not None:
            return found
    return None


def _widget_in(code: str, is_src: bool) -> str | None:
    m = (_LEX["widget_src"].match if is_src else _LEX["widget_inline"].search)(code)
    if m is not None:
        name: str = _LEX["widget_names"][m.group(1).lower()]
        return name
    if not is_src:
        for marker, name in _LEX["widget_settings"]:
            if marker in code:
                return name
    return None


def _region_roots(page: Page) -> list[tuple[Any, str]]:
    """The page's region roots (outermost header/nav/footer/aside elements) in DOM order."""
    public = getattr(page, "region_roots", None)
    roots = public if public is not None else page._region_roots
    return list(roots.items()) if isinstance(roots, dict) else list(roots)


def _doc_key(el: Any) -> tuple[int, ...]:
    key: list[int] = []
    node = el
    parent = node.getparent()
    while parent is not None:
        key.append(parent.index(node))
        node, parent = parent, parent.getparent()
    key.reverse()
    return tuple(key)


class _Walker:
    """Collects help items of one region root, in DOM order."""

    __slots__ = ("anchors", "context", "main", "out", "region")

    def __init__(self, anchors: dict[Any, Anchor], out: list[dict[str, str]],
                 main: Any = None) -> None:
        self.anchors = anchors
        self.out = out
        self.region = ""
        self.context = ""
        self.main = main
        """A ``<main>`` inside a region root (a wrapper classed "nav-open"): marked, not read."""

    def emit(self, mechanism: str, label: str, el: Any) -> None:
        last = self.out[-1] if self.out else None
        # "Tel: 0113 246 0958" next to its own tel: link is one mechanism, not two.
        if last and last["mechanism"] == mechanism and last["region"] == self.region:
            return
        self.out.append({"mechanism": mechanism, "region": self.region,
                         "label": " ".join(label.split())[:60], "selector": css_path(el)})

    def text(self, text: str | None, el: Any) -> None:
        if not text or text.isspace():
            return
        context, self.context = self.context, (self.context + " " + text)[-_BEFORE:]
        if len(text) < 6:
            return
        found = _email_in(text)
        phone = _phone_in(text, context)
        if found and phone:
            # Both in one text node: keep their order in it.
            first = ("email", found) if text.find(found) < text.find(phone) else ("phone", phone)
            second = ("phone", phone) if first[0] == "email" else ("email", found)
            self.emit(*first, el)
            self.emit(*second, el)
        elif found:
            self.emit("email", found, el)
        elif phone:
            self.emit("phone", phone, el)

    def walk(self, root: Any) -> None:
        # Iterative on purpose: hostile pages nest thousands of elements in a footer.
        events = etree.iterwalk(root, events=("start", "end"))
        for event, el in events:
            if event == "end":
                if el is not root:
                    self.text(el.tail, el.getparent())
                continue
            tag = el.tag
            if el is self.main:
                self.out.append(_marker("main", css_path(el)))
                self.context = ""
                events.skip_subtree()
                continue
            if tag in ("a", "area"):
                a = self.anchors.get(el)
                hit = classify_anchor(a) if a is not None else None
                if hit is not None:
                    self.emit(hit[0], hit[1], el)
                    events.skip_subtree()
                    continue
            elif tag == "form" and _message_form(el):
                self.emit("form", "form", el)
                events.skip_subtree()
                continue
            self.text(el.text, el)


def help_sequence(
    page: Page,
    cache: dict[Any, list[dict[str, str]]] | None = None,
    scripts: dict[str, str | None] | None = None,
) -> list[dict[str, str]]:
    """Markers and help mechanisms outside ``<main>``, in DOM order (see the module doc).

    ``cache`` (owned by the caller) maps a page's chrome to its sequence: most pages of a site
    share their header and footer, which are then walked once; ``scripts`` caches
    :func:`_chat_widget`'s answers.
    """
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return []
    roots = _region_roots(page)
    main_el = next(root.iter("main"), None)
    wrapped = None
    if main_el is not None and page.region_of(main_el) != "main":
        # A region root wraps the content too: the walk marks <main> where it meets it.
        wrapped, main_el = main_el, None
        main_at = -1
        main_sel = css_path(wrapped)
    elif main_el is not None:
        main_key = _doc_key(main_el)
        main_at = sum(1 for el, _ in roots if _doc_key(el) < main_key)
        main_sel = css_path(main_el)
    else:
        # No <main>: the content sits before the first footer/aside, as Page assumes.
        main_at = next((i for i, (_, r) in enumerate(roots) if r in ("footer", "aside")),
                       len(roots))
        main_sel = "main"
    key: Any = None
    if cache is not None:
        # Same regions, same texts, same links in the same order: the same walk result.
        key = (main_at, main_sel, tuple(r for _, r in roots),
               tuple((b.region, b.text) for b in page.blocks if b.region != "main"),
               tuple((a.href, a.text, a.region) for a in page.anchors if a.region != "main"))
        hit = cache.get(key)
        if hit is not None:
            return [dict(item) for item in hit] + _widget_items(page, scripts)
    out: list[dict[str, str]] = []
    walker = _Walker({a.element: a for a in page.anchors if a.region != "main"}, out, wrapped)
    for i, (el, region) in enumerate(roots):
        if i == main_at:
            out.append(_marker("main", main_sel))
        if not (out and out[-1]["mechanism"] == MARKERS[region]):
            out.append(_marker(region, css_path(el)))  # one marker for adjacent like blocks
        walker.region, walker.context = region, ""
        walker.walk(el)
    if main_at >= len(roots) or (main_at < 0 and not any(i["mechanism"] == "main" for i in out)):
        out.append(_marker("main", main_sel))
    if cache is not None:
        if len(cache) >= _CACHE_SIZE:
            del cache[next(iter(cache))]
        cache[key] = [dict(item) for item in out]
    return out + _widget_items(page, scripts)


def _widget_items(page: Page, scripts: dict[str, str | None] | None) -> list[dict[str, str]]:
    widget = _chat_widget(page, scripts)
    if widget is None:
        return []
    return [{"mechanism": "chat", "region": WIDGET, "label": widget, "selector": "script"}]


def _marker(region: str, selector: str) -> dict[str, str]:
    return {"mechanism": MARKERS[region], "region": region, "label": "", "selector": selector}


def _help_in_main(page: Page) -> bool:
    if any(a.region == "main" and classify_anchor(a) for a in page.anchors):
        return True
    root = page.selector.root
    if isinstance(root, etree._Element):
        for ta in root.iter("textarea"):
            form = next(ta.iterancestors("form"), None)
            if form is not None and _message_form(form):
                return True
    return any(b.region == "main" and (_email_in(b.text) or _phone_in(b.text))
               for b in page.blocks)


class HelpOrderDetector:
    """One ``help_order`` fact per page; see the module docstring.

    ``value`` is :func:`signature` of ``data["sequence"]``; ``data["any_help"]`` says whether
    the page offers any help mechanism anywhere (main content included).
    """

    id: ClassVar[str] = "help_order"

    def __init__(self) -> None:
        self._cache: dict[Any, list[dict[str, str]]] = {}
        self._scripts: dict[str, str | None] = {}

    @classmethod
    def from_context(cls, ctx: SiteContext) -> HelpOrderDetector:
        return cls()

    def detect(self, page: Page) -> Iterator[Fact]:
        seq = help_sequence(page, self._cache, self._scripts)
        any_help = any(item["mechanism"] in MECHANISMS for item in seq) or _help_in_main(page)
        yield Fact("help_order", signature(seq), "dom", "",
                   data={"sequence": seq, "any_help": any_help})
