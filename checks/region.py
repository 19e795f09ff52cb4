"""Which country a site is in: phone numbers written without ``+code`` are read in it.

Once per audit, from the start URL and the home page, strongest signal first: the domain's
ccTLD, the canonical URL's ccTLD (a local build folder is served on 127.0.0.1 but its
canonical URL names the real domain), schema.org ``addressCountry``, the ``lang`` region,
then a vote of the numbers and postcodes on the page, then the language alone.

>>> from crawler.page import Page
>>> infer_region(Page.from_html("http://127.0.0.1:8000/",
...     '<link rel="canonical" href="https://acme.co.uk/"><p>Hi</p>'), "http://127.0.0.1:8000/")
('GB', 'canonical URL')
>>> infer_region(Page.from_html("http://127.0.0.1:8000/",
...     '<p>Rhinelander, WI 54501 · (715) 362-3523</p>'), "http://127.0.0.1:8000/")
('US', 'numbers and postcodes on the home page')
"""

from __future__ import annotations

import re
from collections import Counter

import phonenumbers
import tldextract

from checks.language import page_locale
from checks.structured import iter_items, structured_items
from crawler.page import Page

# The bundled public-suffix list only: an audit must never download anything.
_TLD_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
REGIONS = frozenset(phonenumbers.SUPPORTED_REGIONS)
_TLD_ALIASES = {"uk": "GB"}
# ccTLDs sold as generic names (.io, .co, .tv ...): they say nothing about where a site is.
_GENERIC_CCTLDS = frozenset({
    "ac", "ad", "ag", "ai", "am", "as", "cc", "cd", "co", "fm", "gg", "gl", "io", "la", "ly",
    "me", "ms", "nu", "sc", "sh", "so", "st", "tk", "to", "tv", "vc", "ws",
})  # fmt: skip
# A bare language code implies a country only where one country dominates; "en" does not.
_LANGUAGE_REGION = {
    "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pl": "PL", "pt": "PT",
    "sv": "SE", "da": "DK", "nb": "NO", "nn": "NO", "no": "NO", "fi": "FI", "cs": "CZ",
    "sk": "SK", "hu": "HU", "ro": "RO", "el": "GR", "bg": "BG", "hr": "HR", "sl": "SI",
    "et": "EE", "lv": "LV", "lt": "LT", "ja": "JP", "ko": "KR", "tr": "TR", "he": "IL",
    "uk": "UA", "is": "IS",
}  # fmt: skip
# Countries whose national numbers a page in this language may carry (the language's own
# country and its neighbours that speak it); order breaks ties.
_CANDIDATES = {
    "en": ("US", "GB", "AU", "CA", "IE", "NZ", "IN", "ZA"),
    "de": ("DE", "AT", "CH", "LU"),
    "fr": ("FR", "BE", "CH", "LU", "CA"),
    "es": ("ES", "MX", "AR", "CO", "CL"),
    "nl": ("NL", "BE"),
    "it": ("IT", "CH"),
    "pt": ("PT", "BR"),
    "sv": ("SE", "FI"),
    "ca": ("ES", "AD"),
}


def language_candidates(lang: str) -> tuple[str, ...]:
    """The countries a page in ``lang`` is likely written from, most likely first.

    >>> language_candidates("nl-BE"), language_candidates("sv"), language_candidates("")
    (('BE', 'NL'), ('SE', 'FI'), ())
    """
    code = lang.replace("_", "-").lower().split("-")[0]
    candidates = _CANDIDATES.get(code)
    if candidates is None:
        own = _LANGUAGE_REGION.get(code)
        candidates = (own,) if own else ()
    named = lang_region(lang, language_default=False)
    if named:  # "nl-BE": the page names its country
        return (named, *(c for c in candidates if c != named))
    return candidates


def fallback_countries(page: Page, configured: bool = False) -> tuple[str, ...]:
    """The countries whose national numbers ``page`` may hold besides the site's default
    region: its language's countries (nl: NL then BE ...).

    When the user set the region (``configured``), it may be wrong for this site: then the
    countries the page itself names come first and alone (its domain, its canonical URL, its
    addresses, in schema.org ``addressCountry`` or in words: "69002 Lyon, France"), because a
    number read in several of a language's countries (a French "04 ..." is Belgian too) is left
    out as ambiguous; the language's countries only when the page names none.

    >>> page = Page.from_html("http://127.0.0.1/", '<html lang="fr"><p>Lyon, France</p>')
    >>> fallback_countries(page)[:2], fallback_countries(page, configured=True)
    (('FR', 'BE'), ('FR',))
    """
    found = language_candidates(page_locale(page))
    if not configured:
        return found
    named = [tld_region(page.url), tld_region(page.canonical) if page.canonical else None,
             _address_country(page),
             *(_COUNTRY_NAMES[n.lower()] for n in _COUNTRY_RE.findall(page.text[:_MAX_TEXT]))]
    return tuple(dict.fromkeys(c for c in named if c)) or found


_POSTCODES = (
    ("GB", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")),
    ("US", re.compile(r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]"
                      r"|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]),? \d{5}(?:-\d{4})?\b")),
    ("AU", re.compile(r"\b(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT),? \d{4}\b")),
)
# A postcode of four digits before a place's name ("9550 Herzele", "8010 Graz"): among a
# language's countries, the ones that write postcodes so (the Netherlands adds two letters,
# France and Germany have five digits). After the street and its number, as an address is
# written ("Kerkstraat 5, 9000 Gent"): a year before a noun ("2015 Praxisgründung") is not.
_FOUR_DIGIT_POSTCODE = re.compile(
    r"(?:,[ \t]*|\d[a-z]?[ \t]*\n[ \t]*)[1-9]\d{3} [A-ZÀ-Ý][a-zà-ÿ]{2,}")
_FOUR_DIGIT_COUNTRIES = frozenset({"BE", "AT", "CH", "LU", "DK", "NO", "AU", "NZ", "ZA", "HU"})
_NL_POSTCODE = re.compile(r"\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b")
# Country names in addresses ("Faridabad, Haryana (INDIA)"): a strong, cheap signal.
_COUNTRY_NAMES = {
    "united kingdom": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "great britain": "GB", "united states": "US", "usa": "US", "u.s.a.": "US",
    "australia": "AU", "india": "IN", "ireland": "IE", "éire": "IE", "canada": "CA",
    "new zealand": "NZ", "south africa": "ZA", "germany": "DE", "deutschland": "DE",
    "austria": "AT", "österreich": "AT", "switzerland": "CH", "schweiz": "CH", "suisse": "CH",
    "france": "FR", "belgique": "BE", "belgium": "BE", "spain": "ES", "españa": "ES",
    "méxico": "MX", "mexico": "MX", "argentina": "AR", "italy": "IT", "italia": "IT",
    "netherlands": "NL", "nederland": "NL",
}  # fmt: skip
_COUNTRY_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(_COUNTRY_NAMES, key=len, reverse=True))
    + r")(?!\w)", re.IGNORECASE)
_MAX_TEXT = 20_000
_YEARS = re.compile(r"(?:1[5-9]|20)\d\d ?[-–/] ?(?:1[5-9]|20)\d\d")
_NATIONAL = re.compile(r"\(?0?\d[\d ()./-]{6,16}\d")
_TIMES = re.compile(r"\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:kr|sek|nok|dkk|eur|euro|zł|zl|pln|kč|czk|chf|fr|usd|gbp|brl|r\$|[€$£]|,-|:-)(?!\w)",
    re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:[€$£]|r\$|kr\.?)\s?$", re.IGNORECASE)
# checks.parsers.match_link reads these links in full, but it needs this module (a cycle).
_MESSAGING_NUMBER = re.compile(
    r"(?:\bwa\.me/|whatsapp\.com/send/?\?(?:[^#]*&)?phone=)(?:%2B|\+)?(\d{8,15})\b", re.I)


def tld_region(url: str) -> str | None:
    """The country of a URL's ccTLD, if it is one that means a country.

    >>> tld_region("https://acme.com.au/"), tld_region("https://acme.io/")
    ('AU', None)
    """
    suffix = _TLD_EXTRACT(url).suffix
    if not suffix:
        return None
    label = suffix.rsplit(".", 1)[-1].lower()
    if label in _GENERIC_CCTLDS:
        return None
    region = _TLD_ALIASES.get(label, label.upper())
    return region if region in REGIONS else None


def lang_region(lang: str, language_default: bool = True) -> str | None:
    """The country of a ``lang`` value: its region part, else (optionally) the language's.

    >>> lang_region("en-GB"), lang_region("de"), lang_region("en"), lang_region("de", False)
    ('GB', 'DE', None, None)
    """
    parts = lang.replace("_", "-").lower().split("-")
    if len(parts) > 1 and len(parts[1]) == 2:
        region = _TLD_ALIASES.get(parts[1], parts[1].upper())
        if region in REGIONS:
            return region
    return _LANGUAGE_REGION.get(parts[0]) if language_default else None


def infer_region(page: Page, start_url: str) -> tuple[str | None, str]:
    """The site's country and the reason, from the start URL and its (home) page."""
    region = tld_region(start_url)
    if region:
        return region, "domain"
    if page.canonical:
        region = tld_region(page.canonical)
        if region:
            return region, "canonical URL"
    region = _address_country(page)
    if region:
        return region, "structured data"
    region = lang_region(page_locale(page), language_default=False)
    if region:
        return region, "page language"
    region = _vote(page)
    if region:
        return region, "numbers and postcodes on the home page"
    region = lang_region(page_locale(page))
    if region:
        return region, "page language"
    return None, "unknown"


def _address_country(page: Page) -> str | None:
    for item in iter_items(structured_items(page)):
        country = item.get("addressCountry")
        if isinstance(country, dict):
            country = country.get("name")
        if isinstance(country, str):
            code = country.strip().upper()
            code = _TLD_ALIASES.get(code.lower(), code)
            if code in REGIONS:
                return code
    return None


def _vote(page: Page) -> str | None:
    text = page.text[:_MAX_TEXT]
    hrefs = [a.href[4:] for a in page.anchors if a.href[:4].lower() == "tel:"]
    # A WhatsApp link always carries the number with its country code ("wa.me/5551...").
    hrefs += ["+" + n for a in page.anchors for n in _MESSAGING_NUMBER.findall(a.href)]
    votes: Counter[str] = Counter()
    for m in phonenumbers.PhoneNumberMatcher(" \n".join([text, *hrefs]), None):
        region = phonenumbers.region_code_for_number(m.number)
        if region:
            votes[region] += 2  # written with +code: unambiguous
    for name in _COUNTRY_RE.findall(text):
        votes[_COUNTRY_NAMES[name.lower()]] += 2
    for region, pattern in _POSTCODES:
        found = len(pattern.findall(text))
        if found:
            votes[region] += 2 * found
    candidates = language_candidates(page_locale(page) or "en")
    four = next((c for c in candidates if c in _FOUR_DIGIT_COUNTRIES), None)
    if four and "NL" in candidates and _NL_POSTCODE.search(text):
        votes["NL"] += 2
    elif four and _FOUR_DIGIT_POSTCODE.search(text):
        votes[four] += 2
    written = " \n".join([text, *hrefs])
    national = list(_NATIONAL.finditer(written))
    for run in national[:50]:
        raw = run.group()
        if _YEARS.fullmatch(raw.strip("() ")) or _TIMES.fullmatch(raw.strip("() ")):
            continue  # "(1847-1931)": a life's years, valid as an Irish number; "9.00-11.00"
        if _CURRENCY_AFTER.match(written, run.end()) or _CURRENCY_BEFORE.search(
                written, max(0, run.start() - 4), run.start()):
            continue  # a price or a range of prices ("750 - 2560 kr"), valid in Finland
        for region in candidates:
            try:
                number = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                votes[region] += 1
    if not votes:
        return None
    best = max(votes.values())
    order = {r: i for i, r in enumerate(candidates)}
    return min((r for r, v in votes.items() if v == best), key=lambda r: order.get(r, 99))
