"""The channels of a person's card: email addresses and phone numbers in its links and text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import lxml.etree as etree
import phonenumbers

from checks.parsers import parse_mailto

_DIGITS = re.compile(r"\d[\d\s().+/-]{5,}\d")
EMAIL_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_SCHEMES = ("tel:", "callto:")


def text_of(el: etree._Element) -> str:
    """The text of ``el`` with its pieces kept apart ("Jane<br>Tel: 020 ..." stays two words)."""
    return " ".join(" ".join(el.itertext()).split())


def channels(box: etree._Element, region: str | None) -> tuple[list[str], list[str]]:
    emails: list[str] = []
    phones: list[str] = []
    for a in box.iter("a"):
        href = (a.get("href") or "").strip()
        low = href[:8].lower()
        if low.startswith("mailto:"):
            emails.extend(x.value.lower() for x in parse_mailto(href))
        elif low.startswith(_PHONE_SCHEMES):
            phones.extend(phones_in(href.split(":", 1)[1], region, whole=True))
    text = text_of(box)
    if "@" in text:
        for m in EMAIL_TEXT.finditer(text):
            emails.extend(x.value.lower() for x in parse_mailto("mailto:" + m.group()))
    if _DIGITS.search(text):
        phones.extend(phones_in(text, region))
    return emails, phones


@lru_cache(maxsize=2048)
def _phones_cached(text: str, region: str | None, whole: bool) -> tuple[str, ...]:
    e164 = phonenumbers.PhoneNumberFormat.E164
    if not whole:
        return tuple(phonenumbers.format_number(m.number, e164)
                     for m in phonenumbers.PhoneNumberMatcher(text, region or "ZZ"))
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ()
    return (phonenumbers.format_number(number, e164),) if phonenumbers.is_valid_number(
        number) else ()


def phones_in(text: str, region: str | None, whole: bool = False) -> list[str]:
    return list(_phones_cached(text[:600], region, whole))


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))

