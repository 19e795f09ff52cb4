"""Parsers that several detectors share, so that detectors import this module, never each other.

Each section is self-contained: its own reading of one kind of value, with no state of a page.

>>> [a.value for a in parse_mailto("mailto:Info@Acme.CO.UK?cc=ops@acme.co.uk")]
['Info@acme.co.uk', 'ops@acme.co.uk']
>>> read_tel("tel:020%207946%200958", "020 7946 0958", "GB")[1]
'+442079460958'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

import phonenumbers
import tldextract
from email_validator import validate_email
from phonenumbers import PhoneNumber, PhoneNumberFormat, PhoneNumberType, shortnumberinfo

from checks.addresses import format_address, is_po_box, text_addresses
from checks.lexicons import load
from checks.opening_hours import Hours, Spec, hours_of, merge, parse_hours, weekday
from checks.patterns import trie
from checks.region import lang_region, tld_region
from checks.structured import dicts, texts

__all__ = [
    "BUTTON_CLASS",
    "FAX_LABELS",
    "MOBILE_LABELS",
    "PHONE_LABELS",
    "PREMIUM_PREFIXES",
    "TOLL_FREE_LABELS",
    "TRAP_SYMBOLS",
    "TRAP_WORDS",
    "WRITTEN_CHANNEL",
    "Address",
    "LinkMatch",
    "check_address",
    "default_region",
    "describe_number",
    "e164",
    "is_noreply",
    "item_address",
    "item_hours",
    "match_link",
    "nearest_label",
    "parse_mailto",
    "parse_number",
    "read_tel",
    "split_address",
]

# -- mailto and tel ------------------------------------------------------------------------------

# "Button" as a word of an element's class, in the site's language too ("btn-primary",
# "bouton--clair"): what a call to action, or a label that names no person, is styled as.
BUTTON_CLASS = re.compile(
    r"(?<![^\W_])(?:btn|button|cta|bouton|boton|botao|knopf|knop|pulsante|przycisk|knapp)"
    r"(?![^\W_])", re.I)

# An email address, or a phone number as people write one in text: international, with its
# area code in brackets, or national from its trunk 0 (not "2024-2025" or a price). A cheap
# sign that a box or a sentence gives a way to reach someone; the detectors judge the values.
WRITTEN_CHANNEL = re.compile(
    r"[\w.+-]+@[\w-]+\.\w|\+\d[\d \t()./-]{6,}\d|\(\d{2,5}\)[\d \t./-]{5,}\d"
    r"|(?<!\d)0\d[\d \t./-]{5,}\d")

# The bundled public-suffix list only: an audit must never download anything.
_TLD_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

_NOREPLY = re.compile(
    r"no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|mailer[-_.]?daemon", re.IGNORECASE
)
# Hex tokens as long as these are keys (Sentry DSNs, build hashes), not mailboxes.
_HEX_KEY = re.compile(r"[0-9a-f]{24,}", re.IGNORECASE)
# Asset names that email_validator accepts because .png/.zip look like (or are) TLDs.
_FILE_EXTS = frozenset({
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff", "heic",
    "js", "mjs", "cjs", "ts", "css", "scss", "map", "json", "xml", "txt", "pdf", "html", "htm",
    "php", "asp", "aspx", "mp3", "mp4", "webm", "mov", "woff", "woff2", "ttf", "otf", "eot",
    "zip", "gz",
})  # fmt: skip
_PLACEHOLDER_LOCALS = frozenset({
    "you", "your", "yourname", "your.name", "your-name", "your_name", "youremail",
    "your.email", "name", "username", "firstname.lastname", "first.last", "vorname.nachname",
    "max.mustermann", "prenom.nom", "nombre",
})  # fmt: skip
# Registrable names (without suffix) used in form placeholders and documentation.
_PLACEHOLDER_DOMAINS = frozenset({
    "example", "yourdomain", "your-domain", "yoursite", "yourcompany", "mydomain", "domain",
    "email-domain", "beispiel",
})  # fmt: skip
# Error trackers: their DSNs look like user@host and appear in every page's scripts.
_TRACKER_DOMAINS = frozenset({"sentry.io", "wixpress.com", "sentry-cdn.com"})


class Address(NamedTuple):
    """A validated address: ``value`` as reported and its ASCII (punycode) form, if any."""

    value: str
    ascii: str | None


def is_noreply(address: str) -> bool:
    """Whether an address's mailbox says nobody reads it.

    >>> is_noreply("no-reply@shop.test"), is_noreply("info@shop.test")
    (True, False)
    """
    return _NOREPLY.search(address.partition("@")[0]) is not None


@lru_cache(maxsize=8192)
def check_address(local: str, domain: str) -> Address | None:
    """The one gate every candidate address passes: ``email_validator`` for syntax and IDN,
    then the bundled public-suffix list (the validator alone accepts ``logo@2x.png``).

    Cached because sites repeat their addresses on every page.

    >>> check_address("logo", "2x.png") is None, check_address("info", "müller.de").ascii
    (True, 'info@xn--mller-kva.de')
    """
    domain = domain.rstrip(".-")
    labels = domain.lower().split(".")
    if len(labels) < 2 or labels[-1] in _FILE_EXTS:
        return None
    if local.lower() in _PLACEHOLDER_LOCALS or _HEX_KEY.fullmatch(local):
        return None
    try:
        res = validate_email(f"{local}@{domain}", check_deliverability=False)
    except ValueError:  # EmailNotValidError, and idna's UnicodeError, are ValueErrors
        return None
    ext = _TLD_EXTRACT(res.ascii_domain)
    if not ext.suffix or not ext.domain:
        return None
    if ext.domain in _PLACEHOLDER_DOMAINS or f"{ext.domain}.{ext.suffix}" in _TRACKER_DOMAINS:
        return None
    if any(label.startswith("sentry") for label in labels):
        return None
    ascii_form = f"{local}@{res.ascii_domain}" if local.isascii() else None
    return Address(f"{local}@{res.domain}", ascii_form)


def split_address(addr: str) -> Address | None:
    """One written address (``Acme Sales <sales@acme.com>`` too) through the gate."""
    addr = addr.strip()
    if "<" in addr and addr.endswith(">"):
        addr = addr[addr.rindex("<") + 1 : -1].strip()
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain:
        return None
    return check_address(local, domain)


def parse_mailto(href: str) -> list[Address]:
    """The valid recipients of a ``mailto:`` URL (path, ``to``, ``cc`` and ``bcc``).

    >>> [a.value for a in parse_mailto("MAILTO:Sales@Acme.com?subject=Hi%20there&cc=ops@acme.com")]
    ['Sales@acme.com', 'ops@acme.com']
    >>> [a.value for a in parse_mailto("mailto:%20estimate@acme.de,b@acme.de")]
    ['estimate@acme.de', 'b@acme.de']
    """
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return []
    raw = [unquote(parts.path).lstrip("/")]
    # Not parse_qsl: RFC 6068 does not read '+' as a space, and "a+b@acme.com" is common.
    for pair in parts.query.split("&"):
        key, _, val = pair.partition("=")
        if key.strip().lower() in ("to", "cc", "bcc"):
            raw.append(unquote(val))
    found: list[Address] = []
    for chunk in raw:
        for addr in re.split(r"[,;]", chunk):
            ok = split_address(addr)
            if ok is not None and ok not in found:
                found.append(ok)
    return found


_PHONE_WORDS = load("phones")
FAX_LABELS: tuple[str, ...] = tuple(_PHONE_WORDS["labels"]["fax"])
MOBILE_LABELS: tuple[str, ...] = tuple(_PHONE_WORDS["labels"]["mobile"])
TOLL_FREE_LABELS: tuple[str, ...] = tuple(_PHONE_WORDS["labels"]["toll_free"])
PHONE_LABELS: tuple[str, ...] = tuple(_PHONE_WORDS["labels"]["phone"])
# Numbers that follow these are identifiers, prices or dates, not phones (Known traps).
TRAP_WORDS: tuple[str, ...] = tuple(_PHONE_WORDS["traps"])
# Symbols that glue to the number: "#4155550132", "$4155550132", "© 2012-2024".
TRAP_SYMBOLS: str = _PHONE_WORDS["trap_symbols"]
# Numbers whose caller pays a premium or shared-cost rate, by country code and national prefix;
# libphonenumber's number types catch most, these are what rubric D3 names explicitly.
PREMIUM_PREFIXES = {49: ("900", "137", "180"), 44: ("9", "87"), 33: ("89",)}

# "Phone No." is a label, not the "No." trap: the compound must win over its parts.
_LABEL_COMPOUND = (
    r"(?<!\w)(?:tel(?:e(?:phone|fon))?|phone|fax|mobile?|handy|telefon)\.?\s*"
    r"(?:no|nr|number|nummer|n[º°])\b\.?"
)
_LABEL_KINDS = {w: "fax" for w in FAX_LABELS}
_LABEL_KINDS.update({w: "mobile" for w in MOBILE_LABELS})
_LABEL_KINDS.update({w: "toll_free" for w in TOLL_FREE_LABELS})
_LABEL_KINDS.update({w: "phone" for w in PHONE_LABELS})
# Factored by common prefixes (trie): read before every run of digits on dense pages.
_LABEL_OR_TRAP = re.compile(
    rf"(?P<compound>{_LABEL_COMPOUND})"
    rf"|(?<!\w)(?P<label>{trie(_LABEL_KINDS)})(?!\w)"
    rf"|(?<!\w)(?P<trap>{trie(TRAP_WORDS)})(?!\w)"
    rf"|(?P<symbol>[{re.escape(TRAP_SYMBOLS)}])",
    re.IGNORECASE,
)

# No business line is this short: a tel: link to one dials an emergency or service number.
_SHORT_DIGITS = 5
_TEL_CACHE_SIZE = 4096
# Bounded: the same header and footer links come back on every page of a site.
_tel_cache: dict[tuple[str, str, str | None], tuple[str, str, dict[str, Any]] | None] = {}


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


def parse_number(raw: str, region: str | None) -> PhoneNumber | None:
    """``phonenumbers.parse`` that answers None instead of raising."""
    try:
        return phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None


def e164(number: PhoneNumber) -> str:
    """The report's value of a number: E.164, with ``;ext=`` when it has an extension."""
    value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return f"{value};ext={number.extension}" if number.extension else value


def describe_number(number: PhoneNumber, label: str | None) -> tuple[str, bool]:
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


def nearest_label(context: str) -> str | None:
    """The kind named by the last label in ``context``: "trap", a phone kind, or None.

    "Telephone / Fax :" names both, and the line is a phone first.

    >>> nearest_label("Fax:"), nearest_label("Telephone / Fax :"), nearest_label("VAT")
    ('fax', 'phone', 'trap')
    >>> nearest_label("Tel: 0123 call or text\\n\\nFax: ")
    'fax'

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
    if kind == "fax" and len(found) > 1 and (before := found[-2]).group("label") \
            and _LABEL_KINDS[before.group("label").lower()] == "phone" \
            and _JOINED.fullmatch(context, before.end(), last.start()):
        return "phone"
    return kind


# Between the labels of one line that serves both ("Tel. / Fax", "Phone & fax"), not a line
# that ends a sentence about calling before the fax's own label ("call or text\nFax:").
_JOINED = re.compile(r"[ \t.:]*(?:[/&|,+-]|and|und|et|y|e|og|och|en|i|oraz)?[ \t.:]*", re.I)


def read_tel(href: str, text: str, region: str | None) -> tuple[str, str, dict[str, Any]] | None:
    """(fact kind, value, data) for a ``tel:``/``callto:`` link, None when it cannot be judged.

    >>> read_tel("tel:+1234567890", "Call us", "US")[0]
    'broken_tel'
    >>> read_tel("tel:112", "112", "DE")[2]["reason"]
    'emergency number'
    """
    key = (href, text, region)
    if key in _tel_cache:
        return _tel_cache[key]
    raw, ext = _tel_target(href)
    number = parse_number(raw, region)
    found: tuple[str, str, dict[str, Any]] | None
    short = _short_number(raw, text, region)
    if short is not None:
        found = short
    elif number is None or not phonenumbers.is_valid_number(number):
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
        kind, premium = describe_number(number, nearest_label(text))
        # A tel: link dialled from abroad works only in international form.
        intl = raw.lstrip().startswith(("+", "00"))
        found = ("phone", e164(number),
                 {"kind": kind, "display": display, "premium": premium,
                  "intl": intl})  # fmt: skip
    if len(_tel_cache) >= _TEL_CACHE_SIZE:
        del _tel_cache[next(iter(_tel_cache))]  # oldest first: dicts keep insertion order
    _tel_cache[key] = found
    return found


def _short_number(
    raw: str, text: str, region: str | None
) -> tuple[str, str, dict[str, Any]] | None:
    """"tel:112", "tel:100": an emergency or service line, nobody's business number."""
    short = "".join(c for c in raw if c.isdigit())
    if raw.lstrip().startswith("+") or not 2 < len(short) <= _SHORT_DIGITS:
        return None
    emergency = bool(region) and shortnumberinfo.is_emergency_number(short, region or "")
    return ("third_party_phone", short,
            {"kind": "third_party", "display": text.strip() or short,
             "reason": "emergency number" if emergency else "short service number"})  # fmt: skip


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


# -- schema.org items and channel links ------------------------------------------------------------
#
# A schema.org item's postal address and opening hours, read by the places detector and the
# structured-data detector (an organisation's summary), in the grammars of checks.addresses and
# checks.opening_hours.


def item_address(item: dict[str, Any], region: str | None = None) -> dict[str, Any] | None:
    """The postal address of a schema.org item: street, postcode, locality, region, country,
    po_box and the one-line ``value``; None without one.

    >>> item_address({"address": {"streetAddress": "PO Box 42", "postalCode": "2000",
    ...     "addressLocality": "Sydney", "addressRegion": "NSW", "addressCountry": "AU"}})["value"]
    'PO Box 42, Sydney, NSW 2000'
    """
    nodes = dicts(item.get("address"))
    if not nodes:
        line = next(iter(texts(item.get("address"))), "")
        if not line:
            return None
        found = [a for a, _, _ in text_addresses(line, region)]
        if found:
            return found[0]
        return {"street": line, "postcode": "", "locality": "", "region": "", "country": "",
                "po_box": False, "value": line}
    node = nodes[0]
    street = ", ".join(texts(node.get("streetAddress")))
    box = ", ".join(texts(node.get("postOfficeBoxNumber")))
    country = next(iter(texts(node.get("addressCountry"))), "")
    if len(country) == 2:
        country = "GB" if country.upper() == "UK" else country.upper()
    parts = {
        "postcode": next(iter(texts(node.get("postalCode"))), ""),
        "locality": next(iter(texts(node.get("addressLocality"))), ""),
        "region": next(iter(texts(node.get("addressRegion"))), ""),
        "country": country,
    }
    po_box = bool(box) or is_po_box(street)
    if po_box and is_po_box(street):
        box, street = street, ""
    if not any((street, box, *parts.values())):
        return None
    line = ", ".join(p for p in (box if box and not box[0].isdigit() else
                                 f"PO Box {box}" if box else "", street) if p)
    value = format_address(line, parts["postcode"], parts["locality"], parts["region"],
                           parts["country"])
    return {"street": street, **parts, "po_box": po_box and not street, "value": value}


def item_hours(item: dict[str, Any]) -> Hours | None:
    """Opening hours of a schema.org item: ``openingHours`` strings, then
    ``openingHoursSpecification`` (or a ContactPoint's ``hoursAvailable``).

    >>> item_hours({"openingHoursSpecification": [{"dayOfWeek": ["https://schema.org/Monday",
    ...     "Tuesday"], "opens": "09:00:00", "closes": "17:00"}]}).value
    'Mo,Tu 09:00-17:00'
    """
    # Sites repeat their JSON-LD on every page: the item's hours are parsed once.
    key = repr([item.get(k) for k in _HOURS_KEYS])
    if key in _hours_cache:
        return _hours_cache[key]
    found = _item_hours(item)
    if len(_hours_cache) >= _HOURS_CACHE_SIZE:
        del _hours_cache[next(iter(_hours_cache))]
    _hours_cache[key] = found
    return found


_HOURS_KEYS = ("openingHours", "openingHoursSpecification", "hoursAvailable")
_hours_cache: dict[str, Hours | None] = {}
_HOURS_CACHE_SIZE = 1024


def _item_hours(item: dict[str, Any]) -> Hours | None:
    spec: Spec = {}
    raws: list[str] = []
    for raw in texts(item.get("openingHours")):
        found = parse_hours(raw)
        if found is not None:
            raws.append(raw)
            for row in found.spec:
                merge(spec, {d: [(row["opens"], row["closes"])] if row["opens"] else []
                              for d in row["days"]})
    for key in ("openingHoursSpecification", "hoursAvailable"):
        for row in dicts(item.get(key)):
            days = [weekday(d.rsplit("/", 1)[-1]) for d in texts(row.get("dayOfWeek"))]
            opens, closes = _hhmm(row.get("opens")), _hhmm(row.get("closes"))
            if not opens or not closes or opens == closes:
                continue  # schema.org writes a closed day as 00:00-00:00
            known = [d for d in days if d]
            merge(spec, {d: [(opens, "24:00" if closes == "23:59" else closes)] for d in known})
            if known:
                raws.append(f"{','.join(texts(row.get('dayOfWeek')))} {opens}-{closes}")
    if not spec:
        return None
    return hours_of(spec, "; ".join(raws))


def _hhmm(value: Any) -> str:
    m = re.match(r"\s*(\d{1,2}):(\d\d)", value) if isinstance(value, str) else None
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m and int(m.group(1)) <= 24 else ""


# Links to messaging apps, chats and social profiles (providers, hosts and URL shapes are data,
# ``lexicons/channels.json``), read by the channels detector and by the help-order detector (a
# WhatsApp link is a help mechanism).


@dataclass(frozen=True, slots=True)
class _Rule:
    path: re.Pattern[str]
    value: str


@dataclass(frozen=True, slots=True)
class _Provider:
    provider: str
    type: str
    rules: tuple[_Rule, ...]
    reserved: frozenset[str]


@dataclass(frozen=True, slots=True)
class LinkMatch:
    """What a link is: ``value`` is the normalised channel URL (``chat:<provider>`` for chats)."""

    value: str
    type: str
    provider: str
    handle: str | None


def _compile_links() -> tuple[dict[str, tuple[_Provider, ...]], tuple[_Provider, ...]]:
    by_host: dict[str, list[_Provider]] = {}
    rel_me: list[_Provider] = []
    for entry in load("channels")["links"]:
        prov = _Provider(
            entry["provider"], entry["type"],
            tuple(_Rule(re.compile(r["path"], re.IGNORECASE), r["value"]) for r in entry["rules"]),
            frozenset(w.lower() for w in entry.get("reserved", ())),
        )
        for h in entry["hosts"]:
            by_host.setdefault(h, []).append(prov)
        if entry.get("rel_me"):
            rel_me.append(prov)
    return {h: tuple(p) for h, p in by_host.items()}, tuple(rel_me)


_LINK_HOSTS, _REL_ME = _compile_links()
_HTTP = re.compile(r"(?:https?:)?//([^/?#\\]+)(.*)", re.IGNORECASE | re.DOTALL)
_NON_DIGIT = re.compile(r"\D")


def _e164(digits: str) -> str:
    """``+<digits>`` in E.164 when libphonenumber knows the country code, else the digits."""
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return digits
    if not phonenumbers.is_possible_number(number):
        return digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _split(href: str) -> tuple[str, str] | None:
    """(host or ``scheme:``, everything after it) for an absolute link, else None."""
    m = _HTTP.match(href)
    if m:
        host = m.group(1).lower().rpartition("@")[2].partition(":")[0].rstrip(".")
        return host, m.group(2)
    colon = href.find(":")
    if colon <= 0:
        return None
    return href[: colon + 1].lower(), href[colon + 1:]


def _apply(prov: _Provider, host: str, rest: str) -> LinkMatch | None:
    for rule in prov.rules:
        m = rule.path.match(rest)
        if m is None:
            continue
        groups: dict[str, Any] = m.groupdict()
        handle: str | None = groups.get("handle")
        if handle is not None and handle.lower() in prov.reserved:
            continue
        phone = groups.get("phone")
        if phone is not None:
            digits = _NON_DIGIT.sub("", unquote(phone))
            if not 6 <= len(digits) <= 15:
                continue
            groups["phone"] = digits
            handle = _e164(digits)
        value = rule.value.format(host=host, **groups)
        return LinkMatch(value, prov.type, prov.provider, None if prov.type == "chat" else handle)
    return None


def match_link(href: str, rel: str = "") -> LinkMatch | None:
    """What channel ``href`` (as written) links to, if any.

    >>> match_link("https://api.whatsapp.com/send?phone=%2B91%2098765%2043210")
    LinkMatch(value='https://wa.me/919876543210', type='messaging', provider='whatsapp', \
handle='+919876543210')
    >>> match_link("https://www.facebook.com/sharer/sharer.php?u=x") is None
    True
    """
    split = _split(href)
    if split is None:
        return None
    host, rest = split
    provs = _LINK_HOSTS.get(host)
    if provs is None:
        provs = _LINK_HOSTS.get(host.partition(".")[2])
        if provs is None:
            # Mastodon-like servers are countless: a rel="me" link to /@user names a profile.
            if rel and rest.startswith("/@") and "me" in rel.lower().split():
                provs = _REL_ME
            else:
                return None
    for prov in provs:
        found = _apply(prov, host.removeprefix("www."), rest)
        if found is not None:
            return found
    return None
