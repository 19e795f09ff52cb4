"""Legal contact information (rubric D8): imprint, privacy and terms links, VAT IDs, company
registers, named representatives, imprint pages and PO-box-only addresses.

>>> from crawler.page import Page
>>> page = Page.from_html("https://firma.test/impressum", "<main><h1>Impressum</h1>"
...     "<p>Beispiel GmbH<br>Geschäftsführer: Max Müller<br>HRB 12345, Amtsgericht München<br>"
...     "USt-IdNr.: DE 123 456 789</p></main><footer><a href='/impressum'>Impressum</a></footer>")
>>> [(f.data["type"], f.value, f.region) for f in LegalDetector().detect(page)]
[('imprint_link', 'https://firma.test/impressum', 'footer'), \
('imprint_page', 'https://firma.test/impressum', 'main'), \
('representative', 'Max Müller', 'main'), ('company_register', 'HRB 12345', 'main'), \
('vat_id', 'DE123456789', 'main')]

Every fact has kind ``legal``; ``data["type"]`` says what it is, and the value and the other
``data`` keys depend on it:

- ``imprint_link``, ``privacy_link``, ``terms_link``: the link's URL (this site's links only),
  method ``link``, the link's region; ``label``;
- ``imprint_page``: the page URL, method ``heading``, ``title`` or ``text`` (a statute line such
  as "Angaben gemäß § 5 DDG"); ``heading``;
- ``vat_id``: the compact number (``DE123456789``; Spanish CIF/NIF count here); ``country``,
  ``label``;
- ``company_register``: the number (``HRB 12345``, ``01234567``); ``register``, ``country``,
  ``number``, and ``court`` (DE, AT) or ``city`` (RCS, Registro Mercantil) when written;
- ``representative``: the name; ``name``, ``role``, ``label``, ``organisation`` (a company
  named as representative);
- ``po_box``: the box as written; ``street_nearby`` (a street address within 200 characters).

Patterns and labels are data (``checks/lexicons/legal.json``, each with examples the tests
run). Which rules apply to a site is :func:`checks.legal_profile.legal_profile`'s answer, not
this detector's: it reads every page the same way. Page chrome (header, nav, footer, aside) and
legal pages (imprint, privacy, terms: by heading, title or URL) are read in full; other content
only for VAT and register numbers, and only after a phrase that introduces them ("registered
in", "USt-IdNr" ...). Speed: ``str.find`` of each label's keywords in the
lower-cased text, then the label's own pattern anchored where it hits; repeated page chrome and
links are read once per audit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, ClassVar

import lxml.etree as etree

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.lexicons import load
from checks.patterns import alternation
from checks.reading import window
from checks.wordscan import Phrases
from crawler.page import Page, TextBlock, css_path

__all__ = ["LEGAL_TYPES", "LegalDetector"]

LEGAL_TYPES = ("imprint_link", "privacy_link", "terms_link", "imprint_page", "vat_id",
               "company_register", "representative", "po_box")

_LEX = load("legal")
_I = re.IGNORECASE
_MAX_LABEL = 40
_CACHE_SIZE = 512
_HEAD = 600  # characters of the main text in which a page's heading is looked for


def _link_rules() -> list[tuple[str, re.Pattern[str], frozenset[str], re.Pattern[str]]]:
    rules = []
    for kind, spec in _LEX["links"].items():
        words = {w.casefold() for lang, ws in spec["phrases"].items() for w in ws}
        phrases = re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)")
        path = re.compile(rf"/(?:{alternation(spec['paths'])})(?:\.[a-z]{{2,5}})?/?$", _I)
        rules.append((kind, phrases, frozenset(spec["exact"]), path))
    return rules


_LINKS = _link_rules()
_LINK_TEXT = re.compile("|".join(f"(?P<{kind}>{rx.pattern})" for kind, rx, _, _ in _LINKS))
_LINK_EXACT = {kind: exact for kind, _, exact, _ in _LINKS}
_IMPRINT_WORDS = next(rx for kind, rx, _, _ in _LINKS if kind == "imprint_link")
_STATUTE = re.compile(_LEX["imprint_statutes"]["pattern"], _I)
_TITLE_SPLIT = re.compile(r"\s+[|–—·:\-]\s+|\s*[|·]\s*")

_VAT = _LEX["vat"]
_VAT_FORMATS = {cc: re.compile(f) for cc, f in _VAT["formats"].items()}
_VAT_NATIONAL = {cc: re.compile(f) for cc, f in _VAT["national"].items()}
_VAT_LABELS = [(re.compile(e["label"], _I), e["country"]) for e in _VAT["labels"]]
_REGISTERS = [(e, re.compile(e["pattern"], _I)) for e in _LEX["register"]]
_COURT = re.compile(_LEX["courts"]["pattern"], _I)
_REPS = [(re.compile(e["label"], _I), e) for e in _LEX["representative"]]
_ORG_WORDS = frozenset(_LEX["organisation_words"])
_PO_BOX = re.compile(_LEX["po_box"]["pattern"], _I)
_STREET = re.compile(_LEX["street"]["pattern"], _I)

# Where to look closer: lower-case keywords that start a label, each naming its family and
# entry. str.find over the lower-cased text is several times faster than one combined
# case-insensitive pattern; the anchored entry pattern then decides.
_KEYS: list[tuple[str, str, int]] = sorted(
    [(k, "vat", i) for i, e in enumerate(_VAT["labels"]) for k in e["keys"]]
    + [(k, "reg", i) for i, e in enumerate(_LEX["register"]) for k in e["keys"]]
    + [(k, "rep", i) for i, e in enumerate(_LEX["representative"]) for k in e["keys"]]
    + [(k, "po", 0) for k in _LEX["po_box"]["keys"]]
)
# Outside legal pages and page chrome only VAT and register numbers are looked for, and only
# in texts holding one of the phrases that usually introduce them.
_CORE_KEYS = [k for k in _KEYS if k[1] in ("vat", "reg")]
# Phrases another one begins add nothing to the test ("ust-idnr" begins with "ust-id").
_CORE_GATE = tuple(g for g in _LEX["core_gate"]
                   if not any(o != g and g.startswith(o) for o in _LEX["core_gate"]))
_GATES = Phrases(_CORE_GATE)
_BARE_VAT = re.compile("(?:" + "|".join(_VAT["bare_prefixes"]) + r") ?\d")
_LEGAL_PATHS = re.compile(
    "/(?:" + "|".join(re.escape(p) for spec in _LEX["links"].values() for p in spec["paths"])
    + r")(?:\.[a-z]{2,5})?/?$", _I)

# After a label: punctuation and a "No."/"Nr." before the value.
_VALUE_LEAD = re.compile(r"[\s:.#°º\-–]*(?:(?:no|nr|number|nummer|n[°º]|núm(?:ero)?|id)\.?"
                         r"(?![\w])[\s:.#]*)?", _I)
_TOKEN = re.compile(r"[A-Za-z0-9.\-/+*]+")
_COMPACT = re.compile(r"[\s.\-/]")
_SEP = re.compile(r"[ \t]*[:：\-–][ \t]*|[ \t]*\n\s*|\t[ \t]*")
_NAME_TOKEN = r"[A-ZÀ-ÖØ-Þ][\w'’-]*\.?"
_NAME = re.compile(
    rf"(?:(?:Dr|Prof|Mag|Ing|Dipl)\.(?:-[A-Z][a-z]+\.)?[ \t]+)*{_NAME_TOKEN}"
    rf"(?:[ \t]+(?:(?:von|van|der|den|de|del|della|di|da|du|la|le|dos|das|zu|y)[ \t]+)*"
    rf"{_NAME_TOKEN}){{1,3}}"
)
_NOT_FIRST = frozenset({
    "The", "Die", "Der", "Das", "La", "Le", "Les", "El", "Los", "Las", "Our", "Unser", "Unsere",
    "Notre", "Nuestro", "Nuestra", "Your", "Ihr", "Ihre", "Votre", "Su",
})  # fmt: skip
_NAME_END = re.compile(r"[ \t]*(?:$|[,;(]|\n)", re.MULTILINE)


class _Facts:
    """Builds facts, once per (type, value, region) on a page."""

    __slots__ = ("out", "seen")

    def __init__(self) -> None:
        self.seen: set[tuple[str, str, str]] = set()
        self.out: list[Fact] = []

    def add(self, kind: str, value: str, method: str, region: str, selector: str,
            snippet: str, **data: Any) -> None:
        key = (kind, value.casefold(), region)
        if not value or key in self.seen:
            return
        self.seen.add(key)
        self.out.append(Fact("legal", value, method, region, selector, snippet,
                             data={"type": kind, **data}))

    def add_fact(self, fact: Fact) -> None:
        key = (fact.data["type"], fact.value.casefold(), fact.region)
        if key not in self.seen:
            self.seen.add(key)
            self.out.append(Fact("legal", fact.value, fact.method, fact.region, fact.selector,
                                 fact.snippet, fact.visible, dict(fact.data)))


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
    if len(cache) >= _CACHE_SIZE:
        del cache[next(iter(cache))]  # oldest first: dicts keep insertion order
    cache[key] = value


def _host(url: str) -> str:
    host = url.partition("://")[2].partition("/")[0].lower()
    return host[4:] if host.startswith("www.") else host


def _compact(tokens: Iterable[str]) -> str:
    return _COMPACT.sub("", "".join(tokens)).upper()


def _value_tokens(text: str, pos: int) -> list[str]:
    """The number-like tokens starting at ``pos``: "GB 284 7163 59" -> [GB, 284, 7163, 59]."""
    out: list[str] = []
    for m in _TOKEN.finditer(text, pos, min(len(text), pos + 48)):
        if m.start() != pos and text[pos:m.start()].strip(" \t\xa0"):
            break  # something else (a comma, a line break) sits between tokens
        tok = m.group().rstrip(".")
        if not (any(c.isdigit() for c in tok) or (len(tok) <= 3 and tok.isupper())):
            break
        out.append(tok)
        pos = m.end()
        if len(out) == 6:
            break
    return out


def _vat_value(tokens: list[str], country: str | None) -> tuple[str, str] | None:
    """The longest run of tokens that is a valid VAT number: (compact value, country)."""
    for n in range(len(tokens), 0, -1):
        value = _compact(tokens[:n])
        prefix = "AT" if value.startswith("ATU") else value[:2]
        fmt = _VAT_FORMATS.get(prefix)
        if fmt is not None and fmt.fullmatch(value):
            return value, "GR" if prefix == "EL" else prefix
        national = _VAT_NATIONAL.get(country or "")
        if national is not None and national.fullmatch(value):
            return value, country or ""
    return None


class LegalDetector:
    """Facts of kind ``legal``; see the module docstring for the types."""

    id: ClassVar[str] = "legal"

    def __init__(self) -> None:
        # Headers and footers repeat on every page of a site: each distinct one
        # is read once per audit. Bounded, and holding strings only, never page objects.
        self._blocks: dict[tuple[str, str, str, bool], list[Fact]] = {}

    @classmethod
    def from_context(cls, ctx: SiteContext) -> LegalDetector:
        return cls()

    def detect(self, page: Page) -> Iterator[Fact]:
        facts = _Facts()
        _links(page, facts)
        legal_page = _imprint_page(page, facts) or _legal_url_or_title(page)
        for block in page.blocks:
            full = legal_page or block.region != "main"
            if not full and not _gated(window(block.text)):
                continue  # ordinary content: only a strong phrase makes it worth a read
            key = (block.region, block.selector, block.text, full)
            found = self._blocks.get(key)
            if found is None:
                sub = _Facts()
                _scan(block, sub, full)
                found = sub.out
                if block.region != "main":
                    _remember(self._blocks, key, found)
            for f in found:
                facts.add_fact(f)
        yield from facts.out


def _gated(text: str) -> bool:
    """Whether a phrase that introduces a VAT or register number starts a word of ``text``.

    One word scan (:class:`checks.wordscan.Phrases`) finds where the phrases may start; twenty
    substring tests would read the text twenty times.
    """
    return next(_GATES.find(text), None) is not None


def _links(page: Page, facts: _Facts) -> None:
    own = _host(page.url)
    for a in page.anchors:
        by_label = _label_kinds(a.text)
        if by_label == () or not a.url.startswith(("http://", "https://")):
            continue  # most links: worded, and naming nothing legal
        kinds = list(by_label) if by_label is not None else _path_kinds(a.url)
        # Other sites' policies (a cookie page's links to Google's) are not this site's.
        if kinds and _host(a.url) == own:
            for kind in kinds:
                facts.add(kind, a.url, "link", a.region, css_path(a.element), a.text[:80],
                          label=a.text[:80])


@lru_cache(maxsize=4096)
def _label_kinds(text: str) -> tuple[str, ...] | None:
    """What a link's words make it; None when it has no words and its path must tell.

    Memoised: menus repeat the same labels on every page.
    """
    label = text.casefold()
    if len(label) > _MAX_LABEL:
        return ()
    if label:
        kinds = [m.lastgroup or "" for m in _LINK_TEXT.finditer(label)]
        kinds += [kind for kind, exact in _LINK_EXACT.items() if label in exact]
        if kinds:
            return tuple(dict.fromkeys(kinds))
        if any(c.isalpha() for c in label):
            return ()  # a worded link that names nothing legal is something else
    return None


def _path_kinds(url: str) -> list[str]:
    """What a wordless link's path makes it ("/impressum", "/privacy-policy")."""
    path = url.split("?", 1)[0]
    return [kind for kind, _, _, by_path in _LINKS if by_path.search(path)][:1]


def _imprint_page(page: Page, facts: _Facts) -> bool:
    """Adds an ``imprint_page`` fact when the page says it is one (h1, title, statute)."""
    root = page.selector.root
    # The tree is only searched for the h1 when a text's start names an imprint (not the
    # footer's: it links to the imprint from every page).
    if isinstance(root, etree._Element) and any(
        b.region != "footer" and _names_imprint(b.text[:_HEAD]) for b in page.blocks
    ):
        h1 = next(root.iter("h1"), None)
        heading = " ".join(h1.text_content().split()) if h1 is not None else ""
        if heading and len(heading) <= 60 and _IMPRINT_WORDS.search(heading.casefold()):
            facts.add("imprint_page", page.url, "heading", "main", css_path(h1), heading,
                      heading=heading)
            return True
    for part in _TITLE_SPLIT.split(page.title):
        part = part.strip().casefold()
        if part and (_IMPRINT_WORDS.fullmatch(part) or part == "legal"):
            facts.add("imprint_page", page.url, "title", "main", "title", page.title,
                      heading=page.title)
            return True
    for block in page.blocks:
        if "§" in block.text:
            m = _STATUTE.search(block.text)
            if m:
                facts.add("imprint_page", page.url, "text", block.region, block.selector,
                          snippet_around(block.text, m.start(), m.end(), 40),
                          heading=m.group())
                return True
    return False


@lru_cache(maxsize=256)
def _names_imprint(head: str) -> bool:
    """Whether a text's start names an imprint; memoised: headers repeat on every page."""
    return _IMPRINT_WORDS.search(head.casefold()) is not None


def _legal_url_or_title(page: Page) -> bool:
    """A privacy or terms page, by its URL or title: its text is read in full too."""
    if _LEGAL_PATHS.search(page.url.split("?", 1)[0]):
        return True
    parts = [p.strip().casefold() for p in _TITLE_SPLIT.split(page.title)]
    return any(p and len(p) <= _MAX_LABEL and phrases.search(p)
               for p in parts for _, phrases, _, _ in _LINKS)


def _scan(block: TextBlock, facts: _Facts, full: bool) -> None:
    text = block.text
    low = text.lower()
    if len(low) != len(text):  # "İ" lower-cases to two characters: keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    hits: list[tuple[int, str, int]] = []
    for key, family, index in _KEYS if full else _CORE_KEYS:
        i = low.find(key)
        while i != -1:
            if i == 0 or not low[i - 1].isalnum():
                hits.append((i, family, index))
            i = low.find(key, i + 1)
    if full:
        hits.extend((m.start(), "vatid", 0) for m in _BARE_VAT.finditer(text)
                    if m.start() == 0 or not text[m.start() - 1].isalnum())
    hits.sort()
    done = 0
    for pos, family, index in hits:
        if pos < done:
            continue
        end = _HANDLERS[family](block, pos, index, facts)
        if end:
            done = end


def _label_end(text: str, m: re.Match[str] | None) -> int | None:
    """Where a label match ends, if it is a whole word (not "fluid" for "uid")."""
    if m is None:
        return None
    end = m.end()
    if text[end - 1].isalnum() and end < len(text) and text[end].isalpha():
        return None
    return end


def _vat(block: TextBlock, pos: int, index: int, facts: _Facts) -> int | None:
    text = block.text
    rx, country = _VAT_LABELS[index]
    m = rx.match(text, pos)
    end = _label_end(text, m)
    if m is None or end is None:
        return None
    lead = _VALUE_LEAD.match(text, end)
    return _vat_at(block, pos, lead.end() if lead else end, country, m.group().strip(), facts)


def _bare_vat(block: TextBlock, pos: int, index: int, facts: _Facts) -> int | None:
    return _vat_at(block, pos, pos, None, "", facts)


def _vat_at(block: TextBlock, start: int, pos: int, country: str | None, label: str,
            facts: _Facts) -> int | None:
    text = block.text
    tokens = _value_tokens(text, pos)
    found = _vat_value(tokens, country) if tokens else None
    if found is None:
        return None
    value, cc = found
    end = pos + len(" ".join(tokens))
    facts.add("vat_id", value, "text", block.region, block.selector,
              snippet_around(text, start, end, 40), country=cc, label=label)
    return end


def _register(block: TextBlock, pos: int, index: int, facts: _Facts) -> int | None:
    text = block.text
    entry, rx = _REGISTERS[index]
    m = rx.match(text, pos)
    if m is None:
        return None
    raw = m.group("number")
    value = raw.replace(" ", "") if raw.replace(" ", "").isdigit() else " ".join(raw.split())
    data: dict[str, Any] = {"register": entry["register"], "country": entry["country"],
                            "number": value}
    if "city" in rx.groupindex and m.group("city"):
        data["city"] = m.group("city")
    if entry["country"] in ("DE", "AT"):
        court = _COURT.search(text, max(0, pos - 80), m.end() + 80)
        if court:
            data["court"] = court.group("court")
        elif entry["country"] == "DE" and not value.startswith("HR"):
            return None  # "VR 360": a Vereinsregister number comes with its court
    facts.add("company_register", value, "text", block.region, block.selector,
              snippet_around(text, pos, m.end(), 40), **data)
    return m.end()


def _representative(block: TextBlock, pos: int, index: int, facts: _Facts) -> int | None:
    text = block.text
    rx, entry = _REPS[index]
    m = rx.match(text, pos)
    label_end = _label_end(text, m)
    if m is None or label_end is None:
        return None
    not_after = entry.get("not_after")
    if not_after and text[max(0, pos - 20) : pos].lower().rstrip().endswith(tuple(not_after)):
        return None
    sep = _SEP.match(text, label_end)
    line_start = pos == 0 or text[pos - 1] == "\n"
    if sep is not None:
        start = sep.end()
    elif entry["sep"] and not line_start:
        return None
    else:
        start = label_end + len(text[label_end:label_end + 4]) - len(
            text[label_end:label_end + 4].lstrip(" \t"))
        if start == label_end:
            return None  # the label runs into the next word
    name_m = _NAME.match(text, start)
    if name_m is None:
        return None
    tokens = name_m.group().split()
    end = name_m.end()
    if re.match(r"[ \t]+\d", text[end : end + 3]):
        tokens.pop()  # "Beispielweg 12": a street, not a surname
    if len(tokens) < 2 or tokens[0] in _NOT_FIRST:
        return None
    if sep is None and entry["sep"] and not _NAME_END.match(text, end):
        return None  # "Director Jane Smith says ...": prose, not a label and a name
    name = " ".join(tokens)
    org = any(t.casefold().strip(".,") in _ORG_WORDS for t in tokens)
    facts.add("representative", name, "text", block.region, block.selector,
              snippet_around(text, pos, end, 40), role=entry["role"], name=name,
              label=m.group().strip(" :"), organisation=org)
    return end


def _po_box(block: TextBlock, pos: int, index: int, facts: _Facts) -> int | None:
    text = block.text
    m = _PO_BOX.match(text, pos)
    if m is None:
        return None
    value = " ".join(m.group().split())
    street = _STREET.search(text, max(0, m.start() - 200), m.end() + 200) is not None
    facts.add("po_box", value, "text", block.region, block.selector,
              snippet_around(text, m.start(), m.end(), 40), street_nearby=street)
    return m.end()


_HANDLERS = {"vat": _vat, "vatid": _bare_vat, "reg": _register, "rep": _representative,
             "po": _po_box}
