"""Email addresses: ``mailto:`` links, visible text, obfuscated and Cloudflare-protected forms,
and addresses that exist only inside inline scripts.

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> detector = EmailDetector.from_context(SiteContext("https://acme.co.uk/"))
>>> page = Page.from_html("https://acme.co.uk/", "<main><p>Write to sales@acme.co.uk.</p></main>"
...                       "<footer><a href='MAILTO:Info@Acme.CO.UK?subject=Hi'>Mail</a> · "
...                       "jane [at] acme [dot] co [dot] uk · <img src='logo@2x.png'></footer>")
>>> [(f.value, f.method, f.region) for f in detector.detect(page)]
[('Info@acme.co.uk', 'mailto', 'footer'), ('sales@acme.co.uk', 'text', 'main'), \
('jane@acme.co.uk', 'obfuscated', 'footer')]

Every candidate goes through the same gate (:func:`checks.parsers.check_address`, shared with
the ``mailto:`` parser): ``email_validator`` for syntax and IDN, then the bundled public-suffix
list, because the validator alone accepts ``logo@2x.png``.

Speed: text is never scanned with an unanchored address regex (the regex engine would try every
character as the start of a local part). Instead ``str.find('@')`` locates the few candidates
and short anchored regexes grow the local part leftwards and the domain rightwards. The slower
obfuscation pattern only runs on blocks that contain a bracketed ``at``/``dot`` marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import lxml.etree as etree

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.parsers import (
    Address,
    check_address,
    is_noreply,
    parse_mailto,
    split_address,
)
from checks.whose import (
    CHROME,
    credit_before,
    others_reason,
    tel_headings,
    text_before,
    text_headings,
)
from crawler.page import Page, css_path

__all__ = ["EmailDetector"]

# Letters allowed around the '@' in running text: ASCII, Latin-1/Latin Extended (minus × and ÷)
# and, for domains, Cyrillic. CJK is left out on purpose: those scripts write no spaces, so
# "メールinfo@acme.co.jpまで" must stop at the Latin letters.
_LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LOCAL_CHARS = _LATIN + "._%+-"
_LABEL_CHARS = _LATIN + "\u0400-\u04ff-"
_LOCAL_TAIL = re.compile(f"[{_LOCAL_CHARS}]{{1,64}}\\Z")
_DOMAIN_HEAD = re.compile(f"[{_LABEL_CHARS}]+(?:\\.[{_LABEL_CHARS}]+)+")
# What may end the token holding a local part; anything else before it (a '/' or '://') means
# the '@' sits inside a URL's userinfo or path: Sentry DSNs, map links, CDN package paths.
_TOKEN_BREAKS = frozenset(" \t\n\r\f\v\xa0\"'<>()[]{},;")

_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_AT_MARK = rf"{_OPEN}\s*(?:at|@|ät)\s*{_CLOSE}"
_DOT_MARK = rf"{_OPEN}\s*(?:dot|punkt|point|punto)\s*{_CLOSE}"
_MARK = re.compile(f"{_AT_MARK}|{_DOT_MARK}", re.IGNORECASE)
# A marker ends with a closing bracket: finding those with str.find (memchr speed) and testing
# the few characters before each costs ~2 us on a page, where one regex pass over the text
# costs ~80 us (the engine cannot skip ahead on a pattern that starts with a character class).
_MARK_END = re.compile(f"(?:{_AT_MARK}|{_DOT_MARK})\\Z", re.IGNORECASE)
_CLOSERS = "])}>"
_MARK_REACH = 12  # longest marker, "( punkt )" with some spaces
_OBF_BEFORE, _OBF_AFTER = 120, 200  # window around a marker that can hold a whole address
_OBF_LABEL = f"[{_LABEL_CHARS}]+"
_OBFUSCATED = re.compile(
    rf"(?<![{_LOCAL_CHARS}])(?P<local>[{_LOCAL_CHARS}]{{1,64}})"
    rf"(?P<at>\s*{_AT_MARK}\s*|\s+at\s+)"
    rf"(?P<domain>{_OBF_LABEL}(?:(?:\s*{_DOT_MARK}\s*|\s+dot\s+|\.){_OBF_LABEL})+)",
    re.IGNORECASE,
)
_DOT_SEP = re.compile(rf"\s*{_DOT_MARK}\s*|\s+dot\s+", re.IGNORECASE)
# html-text decodes the HTML 4 entities; libxml2 leaves HTML5-only ones such as &commat; as text.
_ENTITY = re.compile(r"&(?:(commat|#0*64|#x0*40)|period|#0*46|#x0*2e);", re.IGNORECASE)

_JS_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\/")
# 'office'+'@'+'acme.ie' -> 'office@acme.ie': joins adjacent string literals only.
_JS_CONCAT = re.compile(r"""["'`]\s*\+\s*["'`]""")

_JS_REACH = 160  # characters either side of a needle: room for an address cut into pieces
# A mailto: built at run time: '@' or a char-code call shortly after the scheme.
_JS_MAILTO = re.compile(r"mailto:.{0,200}?(?:@|fromCharCode)", re.DOTALL)

def _check_glued(local: str, domain: str) -> Address | None:
    # "sales@acme.co.uk.Next we go": a sentence glued to the address. A capitalised last label
    # after lower-case ones is read as the next word first (.next is a real TLD, so the
    # suffix list alone cannot tell).
    head, _, last = domain.rpartition(".")
    if "." in head and last[:1].isupper() and not last.isupper() and head.islower():
        found = _check_glued(local, head)
        if found is not None:
            return found
    return check_address(local, domain)


def _cf_decode(hexstr: str) -> str | None:
    """Cloudflare's email obfuscation: first byte is an XOR key for the UTF-8 bytes after it."""
    try:
        data = bytes.fromhex(hexstr.strip())
    except ValueError:
        return None
    if len(data) < 2:
        return None
    key = data[0]
    try:
        return bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _scan(text: str) -> Iterator[tuple[Address, int, int]]:
    """Addresses written plainly in ``text``, with their span."""
    find = text.find
    i = find("@")
    while i != -1:
        nxt = i + 1
        lm = _LOCAL_TAIL.search(text, max(0, i - 64), i)
        dm = _DOMAIN_HEAD.match(text, i + 1) if lm else None
        if lm and dm:
            start = lm.start()
            local = lm.group().lstrip(".-+")
            nxt = dm.end()
            if local and not _in_url(text, start):
                found = _check_glued(local, dm.group())
                if found is not None:
                    yield found, start, dm.end()
        i = find("@", nxt)


def _in_url(text: str, start: int) -> bool:
    # Walk back over the token that ends where the local part starts; usually it is empty.
    j, lo = start, max(0, start - 200)
    while j > lo and text[j - 1] not in _TOKEN_BREAKS:
        j -= 1
    return "/" in text[j:start]


def _markers(text: str) -> list[int]:
    """End offsets of bracketed ``at``/``dot`` markers in ``text``; usually none."""
    ends: list[int] = []
    for closer in _CLOSERS:
        k = text.find(closer)
        while k != -1:
            if _MARK_END.search(text, max(0, k - _MARK_REACH), k + 1):
                ends.append(k + 1)
            k = text.find(closer, k + 1)
    ends.sort()
    return ends


def _scan_obfuscated(text: str, marks: list[int]) -> Iterator[tuple[Address, int, int]]:
    # Only the windows around markers are searched: the pattern is slow on long texts.
    windows: list[list[int]] = []
    for k in marks:
        lo, hi = max(0, k - _OBF_BEFORE), k + _OBF_AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        for m in _OBFUSCATED.finditer(text, lo, hi):
            at, domain = m.group("at"), m.group("domain")
            # A bare " at " is English prose ("look at this.page"): one bracketed marker needed.
            if not _MARK.search(at) and not _MARK.search(domain):
                continue
            found = check_address(m.group("local").lstrip(".-+"), _DOT_SEP.sub(".", domain))
            if found is not None:
                yield found, m.start(), m.end()


def _js_windows(code: str) -> list[str]:
    """Decoded pieces of script text around each '@' (or escaped '@').

    Inline scripts can be hundreds of kilobytes of JSON full of ``\\/`` escapes and ``+``
    signs: decoding only the windows keeps the cost proportional to the candidates.
    """
    needles = ["@"]
    # Cheap single-character gates (memchr) before the slower multi-character searches.
    if "\\" in code:
        needles += ("\\u0040", "\\x40")
    if "&" in code:
        needles.append("&#64;")
    spans: list[list[int]] = []
    for needle in needles:
        k = code.find(needle)
        while k != -1:
            spans.append([max(0, k - _JS_REACH), k + _JS_REACH])
            k = code.find(needle, k + 1)
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for lo, hi in spans[1:]:
        if lo <= merged[-1][1]:
            merged[-1][1] = max(hi, merged[-1][1])
        else:
            merged.append([lo, hi])
    return [_js_decode(code[lo:hi]) for lo, hi in merged]


def _js_decode(w: str) -> str:
    if "\\" in w:
        w = _JS_ESCAPE.sub(_js_unescape, w)
    if "&" in w:
        w = _ENTITY.sub(_entity, w)
    if "+" in w:
        w = _JS_CONCAT.sub("", w)
    return w


def _entity(m: re.Match[str]) -> str:
    return "@" if m.group(1) else "."


def _js_unescape(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2) or m.group(3)
    if code is None:
        return "/"
    n = int(code, 16)
    # Lone surrogates (half of an escaped emoji) would break the UTF-8 report later.
    if n > 0x10FFFF or 0xD800 <= n <= 0xDFFF:
        return m.group()
    return chr(n)


class _Facts:
    """Turns addresses into facts, once per (address, method, region) on one page."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: set[tuple[str, str, str]] = set()

    def __call__(
        self,
        addr: Address,
        method: str,
        region: str,
        selector: str,
        snippet: str,
        visible: bool = True,
        credit: str | None = None,
        others: str | None = None,
    ) -> Fact | None:
        key = (addr.value.lower(), method, region)
        if key in self.seen:
            return None
        self.seen.add(key)
        data: dict[str, Any] = {
            "ascii": addr.ascii,
            "noreply": is_noreply(addr.value),
        }
        if credit:
            # The web designer's credit: evidence, never the business's own address.
            data.update(kind="designer", reason=f"web designer's credit: {credit}")
            return Fact("third_party_email", addr.value, method, region, selector, snippet,
                        visible, data)  # fmt: skip
        if others:
            # Under a heading about others (places nearby, the data protection authority).
            data.update(kind="third_party", reason=others)
            return Fact("third_party_email", addr.value, method, region, selector, snippet,
                        visible, data)  # fmt: skip
        return Fact("email", addr.value, method, region, selector, snippet, visible, data)


class EmailDetector:
    """One fact per distinct (address, method, region) on a page; see the module docstring.

    ``[detectors.emails] scripts = false`` turns off the scan of inline scripts.
    """

    id: ClassVar[str] = "emails"

    def __init__(self, scripts: bool = True) -> None:
        self.scripts = scripts

    @classmethod
    def from_context(cls, ctx: SiteContext) -> EmailDetector:
        return cls(scripts=bool(ctx.options.get("scripts", True)))

    def detect(self, page: Page) -> Iterator[Fact]:
        fact = _Facts()
        # Links the page's CSS hides (a success message, a closed menu) come last, so that an
        # address shown elsewhere in the same region is reported as the visible one.
        for a in sorted(page.anchors, key=lambda a: a.hidden):
            href = a.href
            if href[:7].lower() == "mailto:":
                credit = credit_before(text_before(a.element))
                others = None if credit or a.region in CHROME else others_reason(
                    page, tel_headings(page, a.element))
                for addr in parse_mailto(href):
                    f = fact(addr, "mailto", a.region, css_path(a.element), (a.text or href)[:80],
                             not a.hidden, credit=credit, others=others)  # fmt: skip
                    if f:
                        yield f
            elif "/cdn-cgi/l/email-protection#" in href:
                for addr in _decoded(_cf_decode(href.rpartition("#")[2])):
                    f = fact(addr, "cloudflare", a.region, css_path(a.element), a.text[:80],
                             not a.hidden)
                    if f:
                        yield f
        yield from _cloudflare(page, fact)
        yield from _visible_text(page, fact)
        if self.scripts:
            yield from _scripts(page, fact)
            if not fact.seen:
                # Only worth saying when the page shows no address at all.
                yield from _js_only(page)


def _decoded(decoded: str | None) -> list[Address]:
    if not decoded:
        return []
    if decoded[:7].lower() == "mailto:":
        return parse_mailto(decoded)
    # Cloudflare also encodes strings that merely contain '@' (row 13): re-validate.
    found = split_address(decoded.partition("?")[0])
    return [found] if found else []


def _cloudflare(page: Page, fact: _Facts) -> Iterator[Fact]:
    # A substring test on the HTML is far cheaper than an XPath walk over the tree.
    if page.html is not None and "data-cfemail" not in page.html:
        return
    root = page.selector.root
    if not isinstance(root, etree._Element):
        return
    for el in _CFEMAIL(root):
        for addr in _decoded(_cf_decode(el.get("data-cfemail") or "")):
            snippet = " ".join(el.text_content().split())[:80]
            f = fact(addr, "cloudflare", page.region_of(el), css_path(el), snippet)
            if f:
                yield f


def _visible_text(page: Page, fact: _Facts) -> Iterator[Fact]:
    reversed_texts = [t for t in page.reversed_texts if len(t) >= 3]
    for index, block in enumerate(page.blocks):
        text = block.text
        if "&" in text and _ENTITY.search(text):
            text = _ENTITY.sub(_entity, text)
        if "@" in text:
            for addr, s, e in _scan(text):
                raw = text[s:e]
                # CSS bidi-override shows reversed source text: a deliberate obfuscation.
                bidi = any(raw in t or t in raw for t in reversed_texts)
                snippet = snippet_around(text, s, e, 40)
                credit = credit_before(text[max(0, text.rfind("\n", 0, s) + 1) : s])
                others = None if credit or block.region in CHROME else others_reason(
                    page, text_headings(page, index, s))
                f = fact(addr, "obfuscated" if bidi else "text", block.region, block.selector,
                         snippet, credit=credit, others=others)  # fmt: skip
                if f:
                    yield f
        marks = _markers(text)
        if marks:
            for addr, s, e in _scan_obfuscated(text, marks):
                snippet = snippet_around(text, s, e, 40)
                f = fact(addr, "obfuscated", block.region, block.selector, snippet)
                if f:
                    yield f


def _code_scripts(page: Page) -> Iterator[str]:
    for script in page.scripts:
        # JSON-LD belongs to the structured-data detector.
        if script.text and not script.type.endswith("ld+json"):
            yield script.text


def _scripts(page: Page, fact: _Facts) -> Iterator[Fact]:
    # Scripts have no place on the page a visitor sees: region "main", visible False.
    for text in _code_scripts(page):
        for code in _js_windows(text):
            for addr, s, e in _scan(code):
                f = fact(addr, "js", "main", "script", snippet_around(code, s, e, 40), False)
                if f:
                    yield f


def _js_only(page: Page) -> Iterator[Fact]:
    # A mailto: built from pieces we cannot join (variables, fromCharCode): a visitor without
    # JavaScript sees no address, and that alone is worth reporting.
    for text in _code_scripts(page):
        k = text.find("mailto")
        while k != -1:
            window = _js_decode(text[max(0, k - _JS_REACH) : k + _JS_REACH])
            m = _JS_MAILTO.search(window)
            if m:
                snippet = snippet_around(window, m.start(), m.end(), 40)
                yield Fact("email_js_only", "", "js", "main", "script", snippet, False)
                return
            k = text.find("mailto", k + 1)


_CFEMAIL = etree.XPath("//*[@data-cfemail]")
