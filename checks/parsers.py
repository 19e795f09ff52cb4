"""Parsers that several detectors share, so that no detector imports another.

Each section is self-contained: its own reading of one kind of value, with no state of a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import phonenumbers

from checks.addresses import format_address, is_po_box, text_addresses
from checks.lexicons import load
from checks.opening_hours import Hours, Spec, hours_of, merge, parse_hours, weekday
from checks.structured import dicts, texts

__all__ = ["LinkMatch", "item_address", "item_hours", "match_link"]

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
