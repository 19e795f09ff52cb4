"""Parsers that several detectors share, so that no detector imports another.

Each section is self-contained: its own reading of one kind of value, with no state of a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import phonenumbers

from checks.lexicons import load

__all__ = ["LinkMatch", "match_link"]

# -- schema.org items and channel links ------------------------------------------------------------
#
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
