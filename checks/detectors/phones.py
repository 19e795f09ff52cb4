"""Phone numbers: ``tel:``/``callto:`` links and numbers in visible text, as E.164 facts.

>>> from checks.api import SiteContext
>>> from crawler.page import Page
>>> detector = PhoneDetector.from_context(SiteContext("https://acme.co.uk/"))
>>> page = Page.from_html("https://acme.co.uk/", "<footer>Tel: 020 7946 0958 · "
...                       "Fax: 020 7946 0959 · Company No. 01234567</footer>")
>>> [(f.value, f.method, f.data["kind"]) for f in detector.detect(page)]
[('+442079460958', 'text', 'phone'), ('+442079460959', 'text', 'fax')]

Numbers are parsed by libphonenumber (``phonenumbers``) in the site's default region: the
``--region`` flag, else the start URL's ccTLD, else the page's ``lang``. Without a region only
numbers in international form (``+CC ...``) are accepted. Text is scanned line by line, and
only the few lines that hold a run of seven or more digits reach the (slow) matcher; parse
results are cached per line because headers and footers repeat on every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import unquote

import phonenumbers
from phonenumbers import (
    Leniency,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberMatcher,
    PhoneNumberType,
)

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.patterns import alternation
from checks.region import REGIONS, lang_region, tld_region
from crawler.page import Page, css_path

__all__ = ["PhoneDetector", "default_region"]

_REGIONS = REGIONS

# Labels, matched case-insensitively right before a number; the nearest label wins.
FAX_LABELS = ("telefax", "télécopie", "telecopie", "télécopieur", "fax")
MOBILE_LABELS = (
    "mobile", "mobil", "mob", "handy", "portable", "móvil", "movil", "cell", "cellphone",
    "cellulare", "gsm", "whatsapp",
)  # fmt: skip
TOLL_FREE_LABELS = (
    "toll-free", "toll free", "tollfree", "freephone", "freecall", "gebührenfrei",
    "kostenlos", "numéro vert", "numero verde", "línea gratuita",
)  # fmt: skip
PHONE_LABELS = (
    "telephone", "téléphone", "telefon", "telefono", "teléfono", "telf", "tfno",
    "tlf", "tel", "phone", "ph", "fon", "tél", "call", "ring", "hotline", "helpline",
    "rufnummer", "appelez", "llámanos", "llame", "contact",
)  # fmt: skip
# Numbers that follow these are identifiers, prices or dates, not phones (Known traps).
TRAP_WORDS = (
    "date", "datum", "dated", "order", "bestellung", "bestellnr", "auftrag", "commande",
    "pedido", "invoice", "rechnung", "facture", "factura", "ref", "réf", "reference",
    "referenz", "no.", "no:", "nr", "nr.", "nº", "n°", "num.", "vat", "ust", "ust-id",
    "ust-idnr", "uid", "steuernummer", "steuer-nr", "st-nr", "tax", "tva", "iva", "nif",
    "cif", "n.i.f", "dni",
    "siret", "siren", "rcs", "ape", "naf", "abn", "acn", "gst", "gstin", "pan", "cin", "pin",
    "pincode", "iban", "bic", "swift", "blz", "bsb", "ifsc", "sort code", "account", "konto",
    "kontonummer", "hrb", "hra", "handelsregister", "amtsgericht", "registergericht",
    "company no", "company number", "company reg", "registered", "registration",
    "registry", "reg", "registro", "charity", "licence", "license", "lizenz", "autorización",
    "sanitaria", "postcode", "post code", "zip", "zip code", "plz", "postleitzahl",
    "code postal", "cp", "po box", "p.o. box", "postfach", "bp", "cedex", "copyright",
    "isbn", "issn", "iso", "din", "ticket", "case", "kundennummer", "customer no", "sku",
    "art.-nr", "item", "model", "serial", "price", "preis", "prix", "precio", "total",
    "tracking", "plot", "suite", "unit", "since", "seit", "year", "jahr",
)  # fmt: skip
# Symbols that glue to the number: "#4155550132", "$4155550132", "© 2012-2024".
TRAP_SYMBOLS = "#$€£¥©№%"
# "Phone No." is a label, not the "No." trap: the compound must win over its parts.
_LABEL_COMPOUND = (
    r"(?<!\w)(?:tel(?:e(?:phone|fon))?|phone|fax|mobile?|handy|telefon)\.?\s*"
    r"(?:no|nr|number|nummer|n[º°])\b\.?"
)

COUNTRY_LABELS = {
    "USA": "US", "US": "US", "U.S.": "US", "U.S.A.": "US", "United States": "US",
    "America": "US", "Canada": "CA", "UK": "GB", "U.K.": "GB", "United Kingdom": "GB",
    "Great Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB", "Ireland": "IE",
    "Germany": "DE", "Deutschland": "DE", "Austria": "AT", "Österreich": "AT",
    "Switzerland": "CH", "Schweiz": "CH", "Suisse": "CH", "France": "FR", "Belgium": "BE",
    "Belgique": "BE", "Spain": "ES", "España": "ES", "Italy": "IT", "Italia": "IT",
    "Netherlands": "NL", "Nederland": "NL", "Australia": "AU", "New Zealand": "NZ",
    "India": "IN", "Singapore": "SG", "Mexico": "MX", "México": "MX",
}  # fmt: skip

# Numbers whose caller pays a premium or shared-cost rate, by country code and national prefix;
# libphonenumber's number types catch most, these are what rubric D3 names explicitly.
PREMIUM_PREFIXES = {49: ("900", "137", "180"), 44: ("9", "87"), 33: ("89",)}


_LABEL_KINDS = {w: "fax" for w in FAX_LABELS}
_LABEL_KINDS.update({w: "mobile" for w in MOBILE_LABELS})
_LABEL_KINDS.update({w: "toll_free" for w in TOLL_FREE_LABELS})
_LABEL_KINDS.update({w: "phone" for w in PHONE_LABELS})
_LABEL_OR_TRAP = re.compile(
    rf"(?P<compound>{_LABEL_COMPOUND})"
    rf"|(?<!\w)(?P<label>{alternation(list(_LABEL_KINDS))})(?!\w)"
    rf"|(?<!\w)(?P<trap>{alternation(TRAP_WORDS)})(?!\w)"
    rf"|(?P<symbol>[{re.escape(TRAP_SYMBOLS)}])",
    re.IGNORECASE,
)
_COUNTRY = re.compile(rf"(?<!\w)(?:{alternation(list(COUNTRY_LABELS))})(?!\w)")

# Cheap gates before the matcher: a run of digits and separators holding seven digits, or a
# 1-8xx vanity number. Simple character classes keep re's per-character scan fast.
_DIGIT_RUN = re.compile(r"[0-9][0-9 \t\xa0\u2007\u2009\u202f().\-/\u2010-\u2015]{5,}[0-9]")
_SEVEN_DIGITS = re.compile(r"(?:[0-9][^0-9]{0,3}){6}[0-9]")
_VANITY_GATE = re.compile(r"8[0-9][0-9][-. ]?[A-Z]{3}")
_VANITY = re.compile(
    r"(?<![\w+])(?:\+?1[-. ]?)?8(?:00|33|44|55|66|77|88)[-. ]?"
    r"(?=[A-Z0-9-]*[A-Z]{3})[A-Z0-9][A-Z0-9-]{5,9}(?![\w-])"
)
# "4064361 - 362 - 364", "4064362, 64", "0958/59": alternative endings of one number, written
# last on their line; the matcher misreads them ("4064361 - 362" as one number) or gives up.
_ABBREVIATED = re.compile(
    r"(?P<main>\+?\d[\d \t().\-/]*?\d)"
    r"(?P<alts>(?:[^\S\n]*(?:,|/|[^\S\n][-–]|[-–][^\S\n])[^\S\n]*\d{1,4}(?![\d.:]))+)"
    r"[^\S\n]*(?:$|[|;])"
)
_ALT = re.compile(r"\d{1,4}")
_ROUND_THE_CLOCK = re.compile(r"24\s*/\s*7")
# Dates, date ranges and opening hours that libphonenumber accepts as valid numbers.
_DATE_OR_TIME = re.compile(
    r"^\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})$"
    r"|\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\b"
    r"|\b\d{1,2}/(?:19|20)\d\d\b"
    r"|^(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)?\d\d)$"
    r"|^\d{1,2}[.:]\d\d\s*[-–]\s*\d{1,2}[.:]\d\d$"
)
# Same-width replacements, so match offsets stay valid in the original text.
_NORMALISE = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
    | {c: " " for c in "\u00a0\u2007\u2009\u202f"}
)
_CONTEXT = 30
_CACHE_SIZE = 4096
_TEL_SCHEMES = ("tel:", "callto:")


@dataclass(frozen=True, slots=True)
class _Hit:
    """An accepted number, offsets relative to its line."""

    start: int
    end: int
    value: str
    display: str
    kind: str
    premium: bool


# Bounded caches shared by all detectors: headers and footers repeat on every page of a site.
_cache: dict[tuple[str, str, str | None], tuple[_Hit, ...]] = {}
_tel_cache: dict[tuple[str, str, str | None], tuple[str, str, dict[str, Any]] | None] = {}


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
    if len(cache) >= _CACHE_SIZE:
        del cache[next(iter(cache))]  # oldest first: dicts keep insertion order
    cache[key] = value


def default_region(start_url: str, forced: str | None = None, lang: str = "") -> str | None:
    """The region national numbers are read in: forced, else ccTLD, else ``lang``.

    >>> default_region("https://acme.co.uk/"), default_region("https://x.com/", lang="de-at")
    ('GB', 'AT')
    >>> default_region("https://x.com/", lang="en") is None
    True
    """
    if forced:
        return forced.upper()
    return tld_region(start_url) or lang_region(lang)


class PhoneDetector:
    """Finds phone numbers on a page; see the module docstring."""

    id: ClassVar[str] = "phones"

    def __init__(self, site_region: str | None = None) -> None:
        self.site_region = site_region

    @classmethod
    def from_context(cls, ctx: SiteContext) -> PhoneDetector:
        return cls(default_region(ctx.start_url, ctx.region))

    def region_for(self, page: Page) -> str | None:
        return self.site_region or lang_region(page.lang)

    def detect(self, page: Page) -> Iterator[Fact]:
        region = self.region_for(page)
        seen: set[tuple[str, str, str]] = set()
        for anchor in page.anchors:
            if not anchor.href[:8].lower().startswith(_TEL_SCHEMES):
                continue
            found = read_tel(anchor.href, anchor.text, region)
            if found is None or (found[1], "tel", anchor.region) in seen:
                continue
            seen.add((found[1], "tel", anchor.region))
            kind, value, data = found
            yield Fact(kind, value, "tel", anchor.region, css_path(anchor.element),
                       anchor.text or anchor.href, data=dict(data))  # fmt: skip
        for block in page.blocks:
            text = block.text
            for start, end in _candidate_lines(text):
                prefix = _context_before(text, start)
                for hit in _scan_line(text[start:end], prefix, region):
                    key = (hit.value, "text", block.region)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield Fact(
                        "phone", hit.value, "text", block.region, block.selector,
                        snippet_around(text, start + hit.start, start + hit.end),
                        data={"kind": hit.kind, "display": hit.display, "premium": hit.premium,
                              "intl": hit.display.lstrip("( ").startswith(("+", "00"))},
                    )  # fmt: skip


def read_tel(href: str, text: str, region: str | None) -> tuple[str, str, dict[str, Any]] | None:
    """(fact kind, value, data) for a ``tel:``/``callto:`` link, None when it cannot be judged."""
    key = (href, text, region)
    if key in _tel_cache:
        return _tel_cache[key]
    raw, ext = _tel_target(href)
    number = _parse(raw, region)
    found: tuple[str, str, dict[str, Any]] | None
    if number is None or not phonenumbers.is_valid_number(number):
        digits = any(c.isdigit() for c in raw)
        # Without a region a national-form link may well work for local visitors, and
        # "callto:name" is a Skype name, not a number.
        broken = (
            (region or raw.lstrip().startswith("+") or not digits)
            if href[:4].lower() == "tel:"
            else digits and (region or raw.lstrip().startswith("+"))
        )
        found = ("broken_tel", href, {"display": text}) if broken else None
    else:
        if ext:
            number.extension = ext
        # The link text is shown only when it is the number: a label or markup is not.
        shown = "".join(c for c in text if c.isdigit())
        nsn = phonenumbers.national_significant_number(number)
        display = text.strip() if nsn and shown.endswith(nsn) and len(text) <= 40 \
            else phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        kind, premium = _describe(number, _nearest_label(text))
        # A tel: link dialled from abroad works only in international form.
        intl = raw.lstrip().startswith(("+", "00"))
        found = ("phone", _value(number),
                 {"kind": kind, "display": display, "premium": premium,
                  "intl": intl})  # fmt: skip
    _remember(_tel_cache, key, found)
    return found


def _tel_target(href: str) -> tuple[str, str | None]:
    """The number and extension of a ``tel:``/``callto:`` href (RFC 3966, percent-encoded)."""
    target = unquote(href.split(":", 1)[1]).lstrip("/").split("?", 1)[0]
    number, *params = target.split(";")
    ext = None
    for param in params:
        name, _, val = param.partition("=")
        if name.strip().lower() == "ext" and val.strip().isdigit():
            ext = val.strip()
    return number, ext


def _parse(raw: str, region: str | None) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None


def _value(number: PhoneNumber) -> str:
    value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return f"{value};ext={number.extension}" if number.extension else value


def _describe(number: PhoneNumber, label: str | None) -> tuple[str, bool]:
    """The phone kind and the premium flag (number_type is slow: call it once)."""
    ntype = phonenumbers.number_type(number)
    premium = ntype in (PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST)
    prefixes = PREMIUM_PREFIXES.get(number.country_code or 0)
    if prefixes and not premium:
        premium = phonenumbers.national_significant_number(number).startswith(prefixes)
    # A label the site wrote beats the number's type (a fax line is often a fixed line).
    if label in ("fax", "mobile", "toll_free"):
        return label or "", premium
    if ntype == PhoneNumberType.MOBILE:
        return "mobile", premium
    if ntype == PhoneNumberType.TOLL_FREE:
        return "toll_free", premium
    return "phone", premium


def _nearest_label(context: str) -> str | None:
    """The kind named by the last label in ``context``: "trap", a phone kind, or None.

    "Telephone / Fax :" names both, and the line is a phone first.
    """
    found = list(_LABEL_OR_TRAP.finditer(context))
    if not found:
        return None
    last = found[-1]
    if last.group("trap") or last.group("symbol"):
        return "trap"
    if last.group("compound"):
        word = last.group("compound").lower()
        return "fax" if word.startswith("fax") else "mobile" if word.startswith("mob") else "phone"
    kind = _LABEL_KINDS[last.group("label").lower()]
    if kind == "fax" and any(
        m.group("label") and _LABEL_KINDS[m.group("label").lower()] == "phone" for m in found[:-1]
    ):
        return "phone"
    return kind


def _candidate_lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the lines of ``text`` that could hold a phone number, each once."""
    hits = [m.start() for m in _DIGIT_RUN.finditer(text) if _SEVEN_DIGITS.search(m.group())]
    if "8" in text:
        hits += [m.start() for m in _VANITY_GATE.finditer(text)]
        hits.sort()
    line_end = -1
    for at in hits:
        if at < line_end:
            continue
        start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        if line_end < 0:
            line_end = len(text)
        yield start, line_end


def _context_before(text: str, line_start: int) -> str:
    # Labels often sit in the element before ("<h5>Fax</h5><span>(805) ..."), a paragraph up;
    # only what follows the previous number counts (see _judge), so this cannot reach far.
    return text[max(0, line_start - _CONTEXT) : line_start]


def _scan_line(line: str, prefix: str, region: str | None) -> tuple[_Hit, ...]:
    key = (line, prefix, region)
    hits = _cache.get(key)
    if hits is None:
        found = _find(line.translate(_NORMALISE), prefix, region)
        hits = tuple(sorted(found, key=lambda hit: hit.start))
        _remember(_cache, key, hits)
    return hits


def _find(line: str, prefix: str, region: str | None) -> Iterator[_Hit]:
    context = prefix + line
    shift = len(prefix)
    covered: list[tuple[int, int]] = []
    for abbr in _ABBREVIATED.finditer(line):
        if _ROUND_THE_CLOCK.search(abbr.group()):
            continue
        main = abbr.group("main")
        for m in PhoneNumberMatcher(main, region or "ZZ", leniency=Leniency.VALID):
            start, end = abbr.start() + m.start, abbr.start() + m.end
            hit = _judge(context, shift, start, end, m.raw_string, m.number, region)
            if not hit or end != abbr.end("main"):
                continue
            covered.append((start, abbr.end()))
            yield hit
            display = " ".join(line[start : abbr.end()].split())
            for alt in _ALT.finditer(abbr.group("alts")):
                number = _with_ending(m.number, alt.group())
                if number is not None:
                    alt_start = abbr.start("alts") + alt.start()
                    yield _Hit(alt_start, alt_start + len(alt.group()), _value(number), display,
                               *_describe(number, None))  # fmt: skip
    for m in PhoneNumberMatcher(line, region or "ZZ", leniency=Leniency.VALID):
        if _overlaps(covered, m.start, m.end):
            continue
        covered.append((m.start, m.end))
        hit = _judge(context, shift, m.start, m.end, m.raw_string, m.number, region)
        if hit:
            yield hit
    for vanity in _VANITY.finditer(line):
        start, end = vanity.span()
        if _overlaps(covered, start, end):
            continue
        raw = vanity.group()
        nanp = raw.lstrip("+").startswith("1") or region in ("US", "CA")
        number = _parse(raw, region if region in ("US", "CA") else "US") if nanp else None
        if number is not None and phonenumbers.is_valid_number(number):
            covered.append((start, end))
            hit = _judge(context, shift, start, end, raw, number, region)
            if hit:
                yield hit
    # "US office: 415 555 0132" on a GB site: read it in the labelled country, never in ours.
    for other in {COUNTRY_LABELS[c.group()] for c in _COUNTRY.finditer(context)} - {region}:
        for m in PhoneNumberMatcher(line, other, leniency=Leniency.VALID):
            if _overlaps(covered, m.start, m.end):
                continue
            hit = _judge(context, shift, m.start, m.end, m.raw_string, m.number, region)
            if hit and _country_before(context, shift + m.start) == other:
                covered.append((m.start, m.end))
                yield hit


def _with_ending(number: PhoneNumber, ending: str) -> PhoneNumber | None:
    nsn = phonenumbers.national_significant_number(number)
    if len(ending) >= len(nsn) - 3:
        return None
    other = _parse(f"+{number.country_code}{nsn[: -len(ending)]}{ending}", None)
    return other if other is not None and phonenumbers.is_valid_number(other) else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _segment_before(context: str, at: int) -> str:
    """What is written between the previous number (if near) and the one at ``at``.

    Labels are read only here, so "Tel: 020 ... Fax: 020 ..." gives each number its own.
    """
    before = context[max(0, at - _CONTEXT) : at]
    last_digit = max(before.rfind(d) for d in "0123456789")
    return before[last_digit + 1 :]


def _country_before(context: str, at: int) -> str | None:
    found = _COUNTRY.findall(_segment_before(context, at))
    return COUNTRY_LABELS[found[-1]] if found else None


def _judge(
    context: str, shift: int, start: int, end: int, raw: str, number: PhoneNumber,
    region: str | None,
) -> _Hit | None:  # fmt: skip
    """Keep or drop one match by what is written around it (the Known traps)."""
    at = shift + start
    if _DATE_OR_TIME.search(raw):
        return None
    # A fragment of a longer token: "03/2015 – 03/2016" yields "2015 – 03/2016".
    if at >= 2 and context[at - 1] in "/.:-" and context[at - 2].isdigit():
        return None
    label = _nearest_label(_segment_before(context, at))
    if label == "trap":
        return None
    national = not raw.lstrip().startswith(("+", "00"))
    country = _country_before(context, at) if national else None
    if country and region and country != region:
        # "UK office: 020 ..." on a US site: read it where the label says, when valid there.
        relabelled = _parse(raw, country)
        if relabelled is not None and phonenumbers.is_valid_number(relabelled):
            number = relabelled
    return _Hit(start, end, _value(number), " ".join(raw.split()), *_describe(number, label))
