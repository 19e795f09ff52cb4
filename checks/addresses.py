"""Postal addresses in visible text: a postcode in the site's country format *and* a street
line above it (or a PO box, flagged ``po_box``). A wrong address is worse than none, so a town
with a postcode is not one.

>>> [a["value"] for a, _, _ in text_addresses("Unit 4, 12 Mill Lane\\nLeeds LS1 4AB", "GB")]
['Unit 4, 12 Mill Lane, Leeds, LS1 4AB']

Street, unit and label words are data (``checks/lexicons/places.json``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.place_words import LEX, alt, phrases

__all__ = ["POSTCODE_FIRST", "STATE_ZIP", "format_address", "is_po_box", "text_addresses"]

_UPPER = "A-ZÄÖÜÁÉÍÓÚÑÀÈÇÂÊÎÔ"
_TOWN = (rf"[{_UPPER}][\w'’.-]*(?:[ \t]+(?:[{_UPPER}][\w'’.-]*|(?:am|an|der|im|bei|sur|sous|en"
         rf"|de|del|la|le|les)(?=[ \t]+[{_UPPER}])))*")
# No leading lookbehind: re scans several times faster without one, and _left_edge checks the
# character before a hit in Python.
_POSTCODES: dict[str, re.Pattern[str]] = {
    "GB": re.compile(r"(?P<pc>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w-])"),
    "US": re.compile(rf"(?P<state>{alt(LEX['us_states'])})\.?,?[ \t]+"
                     rf"(?P<pc>\d{{5}}(?:-\d{{4}})?)(?![\w-])"),
    "AU": re.compile(rf"(?P<state>{alt(LEX['au_states'])}),?[ \t]+(?P<pc>\d{{4}})(?![\w-])"),
    "IN": re.compile(r"(?P<pc>[1-9]\d{2} ?\d{3})(?![\d-])"),
    "5": re.compile(rf"(?P<pc>\d{{5}})[ \t]+(?P<town>{_TOWN})"),
    "4": re.compile(rf"(?P<pc>\d{{4}})[ \t]+(?P<town>{_TOWN})"),
}
_COUNTRY_PREFIX = re.compile(r"(?<![\w-])[A-Z]{1,2}-$")  # "D-79098 Freiburg"
# Which postcode formats a site's country writes; countries not listed get no text addresses.
_FORMATS = {
    "GB": "GB", "US": "US", "AU": "AU", "IN": "IN", "DE": "5", "FR": "5", "ES": "5", "IT": "5",
    "AT": "4", "CH": "4", "BE": "4",
}  # fmt: skip
_UNKNOWN_REGION = ("GB", "US", "AU")  # formats distinctive enough to need no region
POSTCODE_FIRST = frozenset({"DE", "AT", "CH", "FR", "ES", "IT", "BE", "NL", "LU", "PT", "DK",
                            "NO", "SE", "FI", "PL", "CZ"})
STATE_ZIP = frozenset({"US", "AU", "CA"})

_SEPARATORS = re.compile(r"\n|[ \t]*[|·•;][ \t]*|[ \t]+[–—-][ \t]+|,(?![ \t]*\d)[ \t]*")
_WINDOW_LINES = 6
_SUFFIX_WORD = re.compile(rf"(?<![\w'’])(?:{alt(LEX['street_suffix']['en'])})(?![\w'’])\.?",
                          re.IGNORECASE)
_PREFIX_WORD = re.compile(
    rf"(?<![\w'’])(?:{alt(w for k, v in LEX['street_prefix'].items() if k != 'de' for w in v)})"
    rf"(?![\w'’])\.?", re.IGNORECASE)
_NUMBERLESS = re.compile(
    rf"^(?:[{_UPPER}][\w.'’-]*\s+){{1,4}}(?i:{alt(LEX['street_suffix']['en'])})\.?$"
    rf"|^(?i:{alt(w for k, v in LEX['street_prefix'].items() if k != 'de' for w in v)})\.?"
    rf"\s+(?:[\w.'’-]+\s+){{0,4}}[{_UPPER}][\w.'’-]*$")
_DE_STREET = re.compile(
    rf"[{_UPPER}][\w-]*(?i:{alt(LEX['street_suffix']['de'])})\.?\s+\d"
    rf"|(?<!\w)(?:{alt(LEX['street_prefix']['de'])})\s+[{_UPPER}][\w.-]*(?:\s+[\w.-]+)?\s+\d",
    re.IGNORECASE)
_PARTICLES = alt(LEX["name_particles"])
_NAME_NUMBER = re.compile(
    rf"(?:^|(?<=\s))((?:(?:[{_UPPER}][\w.'’-]*|(?i:{_PARTICLES}))\s+){{0,4}}"
    rf"[{_UPPER}][\w.'’-]*,?\s+(?!(?:19|20)\d\d\b)\d{{1,4}}\s?[a-zA-Z]?"
    rf"(?:\s*[-/]\s*\d{{1,4}}[a-zA-Z]?)?(?:,?\s+[a-zäöüßéèáíóúñ\dºª][\wºª.]*){{0,2}})$")
_UNIT = re.compile(rf"^(?:{alt(phrases('unit_words'))})(?![\w'’])", re.IGNORECASE)
_PO_BOX = re.compile(rf"^(?:{alt(phrases('po_box'))})\.?\s*(?:n[o°º]\.?\s*)?\d", re.IGNORECASE)
_LABELS = frozenset(w.lower() for w in phrases("address_labels"))
_PC_LABEL = re.compile(rf"(?:^|\s)(?:{alt(phrases('postcode_labels'))})\s*[:.-]?\s*$",
                       re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"^([^\W\d][^\d:]{0,30}?)\s*:\s*(\S.*)$")
_NOT_ADDRESS = re.compile(
    rf"@|https?:|www\.|©|\(c\)|(?<!\w)(?:{alt(phrases('not_address'))})(?!\w)"
    r"|\d(?:[ .\-/]?\d){6}", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"(?<!\S)[a-zäöüßéèáíóúñ][^\s,]*")
_PARTICLE_SET = frozenset(LEX["name_particles"])
_PARENS = re.compile(r"^\s*\(([^()]{2,40})\)")


def format_address(street: str, postcode: str, locality: str, region: str,
                   country: str) -> str:
    """One line, in the order the country writes it.

    >>> format_address("Hauptstraße 5", "10115", "Berlin", "", "DE")
    'Hauptstraße 5, 10115 Berlin'
    >>> format_address("1211 Maricopa Highway", "93023", "Ojai", "CA", "US")
    '1211 Maricopa Highway, Ojai, CA 93023'
    >>> format_address("Stadium Close", "DY10 1NB", "Kidderminster", "", "GB")
    'Stadium Close, Kidderminster, DY10 1NB'
    """
    if country in POSTCODE_FIRST:
        parts = [street, f"{postcode} {locality}".strip()]
    elif country in STATE_ZIP:
        parts = [street, locality, f"{region} {postcode}".strip()]
    else:
        parts = [street, locality, region, postcode]
    return " ".join(", ".join(p for p in parts if p).split())


def _formats(region: str | None) -> list[tuple[str, str]]:
    """(postcode format, country) pairs to look for on a site of ``region``."""
    if region is None:
        return [(f, f) for f in _UNKNOWN_REGION]
    fmt = _FORMATS.get(region)
    return [(fmt, region)] if fmt else []


def is_po_box(line: str) -> bool:
    """Whether ``line`` starts with a PO box ("PO Box 42", "Postfach 1234", "BP 12").

    >>> is_po_box("PO Box 42"), is_po_box("12 Mill Lane")
    (True, False)
    """
    return _PO_BOX.match(line) is not None


def text_addresses(text: str, region: str | None) -> Iterator[tuple[dict[str, Any], int, int]]:
    """Addresses in ``text``: (parts with ``value``, start, end)."""
    for fmt, country in _formats(region):
        pattern = _POSTCODES[fmt]
        for m in pattern.finditer(text):
            if not _left_edge(text, m.start(), fmt):
                continue
            found = _address_at(text, m, fmt, country)
            if found is not None:
                yield found


def _left_edge(text: str, at: int, fmt: str) -> bool:
    """Whether a postcode hit starts a token: "123456 Town" holds no "23456 Town"."""
    if at == 0:
        return True
    before = text[at - 1]
    if fmt == "IN":
        return not before.isdigit()
    if fmt in ("4", "5"):
        if before == "-":
            return bool(_COUNTRY_PREFIX.search(text, max(0, at - 4), at))
        return not (before.isalnum() or before in "_.,/")
    return not (before.isalnum() or before in "_-")


def _address_at(text: str, m: re.Match[str], fmt: str,
                country: str) -> tuple[dict[str, Any], int, int] | None:
    start = m.start()
    prefix = _COUNTRY_PREFIX.search(text, max(0, start - 4), start) if fmt in ("4", "5") else None
    if prefix:
        start = prefix.start()
    lo = start
    for _ in range(_WINDOW_LINES):
        lo = text.rfind("\n", 0, max(lo - 1, 0)) + 1
        if lo == 0:
            break
    segments = [s.strip(" \t,;:-–") for s in _SEPARATORS.split(text[lo:start])]
    pre = _PC_LABEL.sub("", segments[-1]).strip(" \t,;:-–")
    lines = _address_lines([s for s in segments[:-1] if s] + ([pre] if pre else []),
                           _POSTCODES[fmt], fmt in ("4", "5"))
    if lines is None:
        return None
    street_lines, middle, has_street = lines
    post = text[m.end():m.end() + 60].split("\n", 1)[0]
    locality, area = "", ""
    if fmt in ("4", "5"):
        locality = m.group("town")
        paren = _PARENS.match(post)
        area = paren.group(1) if paren else ""
        street_lines, middle = street_lines + middle, []
    elif fmt in ("US", "AU"):
        locality, area = (middle[-1] if middle else ""), m.group("state")
        street_lines += middle[:-1]
    elif middle:
        locality, area = middle[0], ", ".join(middle[1:])
    street = ", ".join(street_lines)
    parts = {"street": street if has_street else "", "postcode": m.group("pc"),
             "locality": locality, "region": area, "country": country,
             "po_box": not has_street}
    value = format_address(street, m.group("pc"), locality, area, country)
    first = text.find(street_lines[0], lo)
    return {**parts, "value": value}, first if first >= 0 else start, m.end()


def _address_lines(candidates: list[str], pattern: re.Pattern[str],
                   name_number: bool) -> tuple[list[str], list[str], bool] | None:
    """(street lines, locality lines after them, has a street) from the segments before a
    postcode, nearest last; None when no street or PO box leads the way to it."""
    lines: list[str] = []
    kinds: list[str] = []
    for i, seg in enumerate(reversed(candidates[-_WINDOW_LINES:])):
        if seg.lower().rstrip(" :") in _LABELS or seg.endswith(":"):
            break
        labelled = _LABEL_PREFIX.match(seg)
        if labelled:
            seg = labelled.group(2)
        seg = _trim_prose(seg)
        if len(seg) > 80 or len(seg.split()) > 12 or _NOT_ADDRESS.search(seg) \
                or pattern.search(seg):
            break
        if i == 0 and name_number:
            # "Schlossgarten 4", "San Pedro, 24 bajo": a name and a number right before the
            # postcode is a street where postcodes come first.
            nm = _NAME_NUMBER.search(seg)
            if nm and not _street_kind(seg):
                lines.insert(0, nm.group(1))
                kinds.insert(0, "street")
                continue
        lines.insert(0, seg)
        kinds.insert(0, _street_kind(seg))
        if labelled:
            break
    if "street" not in kinds and "po" not in kinds:
        return None
    first = min(i for i, k in enumerate(kinds) if k)
    last = max(i for i, k in enumerate(kinds) if k in ("street", "po", "unit"))
    street_lines, middle = lines[first:last + 1], lines[last + 1:]
    if not middle and kinds[last] == "street":
        head, rest = _split_locality(street_lines[-1])
        if rest:
            street_lines[-1], middle = head, [rest]
    if any(any(c.isdigit() for c in s) for s in middle):
        return None  # a number between street and postcode: not a locality, not sure
    return street_lines, middle, "street" in kinds


def _trim_prose(seg: str) -> str:
    """"Visit us at 12 Mill Lane" -> "12 Mill Lane": lower-case words before the house number
    that are no street word ("calle", "rue") or particle ("de") are prose."""
    digit = _DIGIT.search(seg)
    if digit is None or _UNIT.match(seg) or _PO_BOX.match(seg):
        return seg
    cut = 0
    for w in _LOWER_WORD.finditer(seg, 0, digit.start()):
        if not (_PREFIX_WORD.fullmatch(w.group()) or w.group() in _PARTICLE_SET):
            cut = w.end()
    return seg[cut:].lstrip(" ,:") if cut else seg


def _street_kind(seg: str) -> str:
    if _PO_BOX.match(seg):
        return "po"
    digit = any(c.isdigit() for c in seg)
    if (digit and (_SUFFIX_WORD.search(seg) or _PREFIX_WORD.search(seg)
                   or _DE_STREET.search(seg))) or _NUMBERLESS.match(seg):
        return "street"
    return "unit" if _UNIT.match(seg) else ""


def _split_locality(line: str) -> tuple[str, str]:
    """"23 E. Timber Dr. Rhinelander" -> ("23 E. Timber Dr.", "Rhinelander")."""
    if not line[:1].isdigit():
        return line, ""
    words = list(_SUFFIX_WORD.finditer(line))
    if not words:
        return line, ""
    last = words[-1]
    rest = line[last.end():].strip(" ,")
    if rest and rest[0].isupper() and not any(c.isdigit() for c in rest) \
            and len(rest.split()) <= 3:
        return line[:last.end()].rstrip(" ,"), rest
    return line, ""
