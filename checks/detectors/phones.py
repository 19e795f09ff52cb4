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
numbers in international form (``+CC ...``) are accepted.

The matcher is slow (about 0.3 ms per candidate it tries), so it never reads whole texts: a
cheap scan finds the runs of digits and separators that hold seven or more digits, drops those
that are a date, a time range or an identifier after its label ("Order", "IBAN", "€"), and hands
the matcher a short window around each remaining run. Results are cached per line because
headers and footers repeat on every page.

Not every number is the business's: a ``tel:`` link to a short number (112, 100) and a number
under a heading about places nearby, useful numbers, a regional on-call service or other
organisations, or in a list of links to other sites (:mod:`checks.whose`) are
``third_party_phone`` facts with a ``reason``, evidence that no check counts; a number after a
fax or printer icon is a fax.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Any, ClassVar

import phonenumbers
from phonenumbers import (
    Leniency,
    PhoneNumber,
    PhoneNumberMatch,
    PhoneNumberMatcher,
    shortnumberinfo,
)

from checks.api import SiteContext
from checks.facts import Fact, snippet_around
from checks.language import page_locale
from checks.lexicons import load
from checks.parsers import (
    default_region,
    describe_number,
    e164,
    nearest_label,
    parse_number,
    read_tel,
)
from checks.patterns import alternation
from checks.region import fallback_countries, lang_region, tld_region
from checks.whose import digits, tel_headings, text_before, text_headings, whose_phone
from crawler.page import Page, css_path

__all__ = ["PhoneDetector"]

COUNTRY_LABELS: dict[str, str] = load("phones")["countries"]

_COUNTRY = re.compile(rf"(?<!\w)(?:{alternation(list(COUNTRY_LABELS))})(?!\w)")

# Cheap gates before the (slow) matcher: a run of digits and the separators numbers are
# written with, holding seven to twenty digits, or a 1-8xx vanity number. Simple character
# classes keep re's per-character scan fast.
_DIGIT_RUN = re.compile(r"[0-9][0-9 \t\xa0\u2007\u2009\u202f().\-/\u2010-\u2015]{5,}[0-9]")
_SEVEN_DIGITS = re.compile(r"(?:[0-9][^0-9]{0,3}){6}[0-9]")
_MAX_DIGITS = 20
# Three numbers side by side at most ("0221 987 65 43 / 0221 987 65 44 / ..."): a longer run of
# digits and spaces is a table or a list of figures, and the matcher would read it whole.
_MAX_RUN = 64
# A run that is one date, date range, range of years or time range ("05.10.2023",
# "2012-2024", "1809–1873", "08.00 - 18.00") holds no number.
_DATE = r"\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d"
_DATE_RUN = re.compile(
    rf"{_DATE}(?:\s*[-\u2013/]\s*{_DATE})?|(?:1\d|20)\d\d\s*[-\u2013/]\s*(?:1\d|20)\d\d"
    r"|\d{1,2}[.:]\d\d\s*[-\u2013]\s*\d{1,2}[.:]\d\d"
)
# The matcher reads a window around each run: room before for "+", "(" and the character it
# checks before a number, room after for an extension ("ext. 204", "Durchwahl 12").
_WINDOW_BEFORE, _WINDOW_AFTER = 8, 16
_VANITY_GATE = re.compile(r"8[0-9][0-9][-. ]?[A-Z]{3}")
_VANITY = re.compile(
    r"(?<![\w+])(?:\+?1[-. ]?)?8(?:00|33|44|55|66|77|88)[-. ]?"
    r"(?=[A-Z0-9-]*[A-Z]{3})[A-Z0-9][A-Z0-9-]{5,9}(?![\w-])"
)
# "4064361 - 362 - 364", "4064362, 64", "0958/59": alternative endings of one number, written
# last on their line; the matcher misreads them ("4064361 - 362" as one number) or gives up.
# A run glued to a letter is an identifier ("ORD-2023-34093507", "JD1234 5678 9012"). ASCII
# letters only: Chinese and Japanese write a number right after the word for telephone.
_IDENTIFIER = re.compile(r"[A-Za-z]-?[0-9]|.?[A-Za-z][0-9]", re.DOTALL)
# A letter right after the digits makes a quantity ("3015 4000W"); "x22", "ext. 4" extend.
_UNIT = re.compile(r"(?!(?:x|ext\.?)\s?[0-9])[^\W\d_]", re.IGNORECASE)
# A date inside a run of digits: "2025-06-17 17:36", "ORD-... 07.03.2023".
_DATE_IN_RUN = re.compile(
    r"(?<![0-9./-])(?:(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]"
    r"|[0-9]{1,2}[./-][0-9]{1,2}[./-](?:19|20)[0-9]{2})(?![0-9]|[./-][0-9])"
)
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
_NORMALISE = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
                           | {c: " " for c in "\u00a0\u2007\u2009\u202f"})
_CONTEXT = 30
_ADDRESS_REACH = 80  # a street, postcode and town between a country's name and the number
# Where the text after the last digit begins (always matches, at worst the empty end).
_AFTER_DIGITS = re.compile(r"[^0-9]*\Z")
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


# Bounded cache shared by all detectors: headers and footers repeat on every page of a site.
_cache: dict[tuple[str, str, str | None, tuple[str, ...], bool], tuple[_Hit, ...]] = {}


class PhoneDetector:
    """Finds phone numbers on a page; see the module docstring.

    ``guessed`` says the site's region is a guess (no ccTLD says it): then a national number
    that is not valid there is read in the countries of the page's language (nl: NL or BE, de:
    DE, AT or CH ...), and taken when it is valid in exactly one of them, or in the one another
    number on its line was. A region the user set (``configured``) is treated the same way,
    and the countries the page's addresses name are tried too
    (:func:`checks.region.fallback_countries`).
    """

    id: ClassVar[str] = "phones"

    def __init__(self, site_region: str | None = None, guessed: bool = False,
                 configured: bool = False) -> None:
        self.site_region = site_region
        self.guessed = guessed or configured
        self.configured = configured

    @classmethod
    def from_context(cls, ctx: SiteContext) -> PhoneDetector:
        # A region the user set is the default, not a filter: it may be wrong for this site
        # (issue 13), so a number it rejects is still read in the page's other countries.
        return cls(default_region(ctx.start_url, ctx.region), tld_region(ctx.start_url) is None,
                   configured=ctx.region_configured)

    def region_for(self, page: Page) -> str | None:
        return self.site_region or lang_region(page_locale(page))

    def candidates_for(self, page: Page, region: str | None) -> tuple[str, ...]:
        if not self.guessed and self.site_region:
            return ()
        return tuple(c for c in fallback_countries(page, self.configured) if c != region)

    def detect(self, page: Page) -> Iterator[Fact]:
        region = self.region_for(page)
        candidates = self.candidates_for(page, region)
        seen: set[tuple[str, str, str]] = set()
        # A number whose link a heading or caption gives to another organisation is theirs
        # where the page also writes it out (the text may miss the link's headings).
        others: dict[str, str] = {}
        for anchor in sorted(page.anchors, key=lambda a: a.hidden):  # hidden ones last
            if not anchor.href[:8].lower().startswith(_TEL_SCHEMES):
                continue
            found = _read_tel(anchor.href, anchor.text, region, candidates)
            if found is None or (found[1], "tel", anchor.region) in seen:
                continue
            seen.add((found[1], "tel", anchor.region))
            kind, value, tel_data = found
            tel_data = dict(tel_data)
            if kind == "phone":
                headings = partial(tel_headings, page, anchor.element)
                kind = whose_phone(page, tel_data, headings, anchor.region, anchor.text,
                                   text_before(anchor.element))
                if kind == "third_party_phone":
                    others[value] = tel_data["reason"]
            yield Fact(kind, value, "tel", anchor.region, css_path(anchor.element),
                       anchor.text or anchor.href, not anchor.hidden, tel_data)  # fmt: skip
        for index, block in enumerate(page.blocks):
            text = block.text
            # The main text of a price list, a timetable or an order history holds hundreds of
            # numbers the site's region rejects: reading each in every neighbouring country took
            # 60% of an audit's CPU on such pages (bench/throughput.py --profile number-dense).
            # Its header and footer, where contact lines live, are still read that way.
            dense = block.region == "main" and _dense(text)
            neighbours = () if dense else candidates
            for start, end in _candidate_lines(text, dense):
                prefix = _context_before(text, start)
                for hit in _scan_line(text[start:end], prefix, region, neighbours, dense):
                    key = (hit.value, "text", block.region)
                    if key in seen:
                        continue
                    seen.add(key)
                    data: dict[str, Any] = {
                        "kind": hit.kind, "display": hit.display, "premium": hit.premium,
                        "intl": hit.display.lstrip("( ").startswith(("+", "00")),
                    }  # fmt: skip
                    at = start + hit.start
                    headings = partial(text_headings, page, index, at)
                    kind = whose_phone(page, data, headings, block.region, hit.display,
                                       text[start:at], prefix)
                    if kind == "phone" and hit.value in others:
                        kind = "third_party_phone"
                        data.update(kind="third_party", reason=others[hit.value])
                    yield Fact(kind, hit.value, "text", block.region, block.selector,
                               snippet_around(text, at, start + hit.end), data=data)


def _dense(text: str) -> bool:
    """Whether a text is a table of numbers rather than prose with a few in it."""
    return next(islice(_DIGIT_RUN.finditer(text), _DENSE_RUNS, None), None) is not None


_DENSE_RUNS = 60


def _read_tel(href: str, text: str, region: str | None, candidates: tuple[str, ...],
              ) -> tuple[str, str, dict[str, Any]] | None:
    """A tel: link read in the site's region, else in the one candidate country it fits."""
    found = read_tel(href, text, region)
    if found is not None and found[0] == "third_party_phone" and any(
        shortnumberinfo.is_emergency_number(found[1], c) for c in candidates
    ):
        return found[0], found[1], {**found[2], "reason": "emergency number"}
    if found is None or found[0] != "broken_tel" or not candidates:
        return found
    fits = [f for f in (read_tel(href, text, c) for c in candidates) if f and f[0] == "phone"]
    return fits[0] if len(fits) == 1 else found


def _candidate_lines(text: str, dense: bool = False) -> Iterator[tuple[int, int]]:
    """Spans of the lines of ``text`` that could hold a phone number, each once."""
    hits = [start for start, _, _ in _number_runs(text, 0, dense)]
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


def _number_runs(text: str, pos: int, dense: bool) -> Iterator[tuple[int, int, str]]:
    """The runs of digits in ``text`` from ``pos`` on that can be a phone number, as spans and
    texts.

    On price lists, timetables and order pages nearly every run is a date, an order number or
    an identifier after its label: those are dropped here, before the matcher (which costs
    about 0.3 ms per candidate) sees them, as :func:`_judge` would drop its matches anyway.
    In the main text of such a page (``dense``) a bare run must also be written as a phone
    number is (:func:`_phone_shaped`) or follow a phone label: on bench/throughput.py's
    number-dense pages these gates took phones from 90 to about 3 ms a page.
    """
    for whole in _DIGIT_RUN.finditer(text, pos):
        if len(whole.group()) > _MAX_RUN or not _SEVEN_DIGITS.search(whole.group()) \
                or _IDENTIFIER.match(text, whole.start() - 2) or _UNIT.match(text, whole.end()):
            continue
        for start, end, run in _without_dates(whole):
            if not _SEVEN_DIGITS.search(run) or _DATE_RUN.fullmatch(run):
                continue
            # Longer runs are kept only when spaced: two numbers side by side ("0221 987 65 43
            # 0221 987 65 44"), never one long identifier.
            if len(run) > _MAX_DIGITS and sum(c.isdigit() for c in run) > _MAX_DIGITS \
                    and " " not in run:
                continue
            label = nearest_label(_segment_before(text, start))
            if label == "trap" or (dense and label not in _PHONE_KINDS
                                   and not _phone_shaped(run, text[start - 1 : start])):
                continue
            yield start, end, run


def _without_dates(whole: re.Match[str]) -> Iterator[tuple[int, int, str]]:
    """The parts of a run of digits between the dates written in it ("2025-06-17 17",
    "12345678 07.03.2023"): a date neither makes a number nor joins the one beside it."""
    text = whole.group()
    if not _DATE_IN_RUN.search(text):
        yield whole.start(), whole.end(), text
        return
    at = 0
    for date in (*_DATE_IN_RUN.finditer(text), None):
        end = date.start() if date else len(text)
        part = text[at:end].strip(" \t\xa0\u2007\u2009\u202f-./")
        if part:
            start = whole.start() + text.index(part, at)
            yield start, start + len(part), part
        if date:
            at = date.end()


def _windows(line: str, context: str, shift: int, dense: bool = False) -> list[tuple[int, int]]:
    """The spans of ``line`` the matcher must read: around each run of digits that can be a
    number (:func:`_number_runs`), merged where they touch."""
    spans: list[tuple[int, int]] = []
    for start, end, _ in _number_runs(context, shift, dense):
        run_start, run_end = start - shift, end - shift
        lo = max(0, run_start - _WINDOW_BEFORE)
        # The room before is for a "+" or "(", never the digits of a date or number before.
        lead = _LAST_DIGIT.search(line, lo, run_start)
        lo = lead.end() if lead else lo
        hi = min(len(line), run_end + _WINDOW_AFTER)
        while hi < len(line) and not line[hi].isspace():  # never cut through a word
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _phone_shaped(run: str, before: str) -> bool:
    """Whether a run is written as people write a phone number: international, or in groups
    of two to five digits ("0113 245 7281", "(805) 555-0134", "06 12 34 56 78"), not
    "434698-55" or "5093506089462"."""
    if before in ("+", "(") or run.startswith(("00", "(")):
        return True
    groups = _DIGITS.findall(run)
    return len(groups) > 1 and len(groups[0]) > 1 and all(len(g) <= 5 for g in groups)


_DIGITS = re.compile(r"[0-9]+")
_LAST_DIGIT = re.compile(r"[0-9](?=[^0-9]*\Z)")


def _match(line: str, windows: list[tuple[int, int]], region: str) -> Iterator[PhoneNumberMatch]:
    """The matcher's matches in the windows of ``line``, offsets relative to the line."""
    for lo, hi in windows:
        for m in PhoneNumberMatcher(line[lo:hi], region, leniency=Leniency.VALID):
            yield PhoneNumberMatch(lo + m.start, m.raw_string, m.number)


def _context_before(text: str, line_start: int) -> str:
    # Labels often sit in the element before ("<h5>Fax</h5><span>(805) ..."), a paragraph up;
    # only what follows the previous number counts (see _judge), so this cannot reach far.
    return text[max(0, line_start - _CONTEXT) : line_start]


def _scan_line(
    line: str, prefix: str, region: str | None, candidates: tuple[str, ...] = (),
    dense: bool = False,
) -> tuple[_Hit, ...]:  # fmt: skip
    key = (line, prefix, region, candidates, dense)
    hits = _cache.get(key)
    if hits is None:
        found = _find(line.translate(_NORMALISE), prefix, region, candidates, dense)
        hits = tuple(sorted(found, key=lambda hit: hit.start))
        if len(_cache) >= _CACHE_SIZE:
            del _cache[next(iter(_cache))]  # oldest first: dicts keep insertion order
        _cache[key] = hits
    return hits


def _find(
    line: str, prefix: str, region: str | None, candidates: tuple[str, ...] = (),
    dense: bool = False,
) -> Iterator[_Hit]:  # fmt: skip
    context = prefix + line
    shift = len(prefix)
    covered: list[tuple[int, int]] = []
    windows = _windows(line, context, shift, dense)
    if windows:
        yield from _find_abbreviated(line, context, shift, region, covered)
        for m in _match(line, windows, region or "ZZ"):
            if _overlaps(covered, m.start, m.end):
                continue
            covered.append((m.start, m.end))
            hit = _judge(context, shift, m.start, m.end, m.raw_string, m.number, region)
            if hit:
                yield hit
    if "8" in line:
        yield from _find_vanity(line, context, shift, region, covered)
    if windows:
        yield from _find_abroad(line, windows, context, shift, region, covered)
    if windows and candidates:
        yield from _find_neighbours(line, windows, context, shift, candidates, covered)


def _find_abbreviated(
    line: str, context: str, shift: int, region: str | None, covered: list[tuple[int, int]]
) -> Iterator[_Hit]:
    """"4064361 - 362 - 364": the number and each alternative ending."""
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
            display = " ".join(line[start : abbr.end()].split())
            alts = list(_ALT.finditer(line, abbr.start("alts"), abbr.end("alts")))
            read = [_alternative(m.number, alt.group()) for alt in alts]
            # "(0 72 22) 9 14 99 - 00" (DIN 5008) is dialled with its extension, never without.
            dialled = all(found and found[1] for found in read)
            if not dialled:
                yield hit
            for alt, found in zip(alts, read, strict=True):
                if found and found[1] == dialled:  # a fax line's other endings are fax lines
                    yield _Hit(start if dialled else alt.start(), alt.end(), e164(found[0]),
                               display, hit.kind, hit.premium)  # fmt: skip


def _find_vanity(
    line: str, context: str, shift: int, region: str | None, covered: list[tuple[int, int]]
) -> Iterator[_Hit]:
    """1-800-FLOWERS: letters the matcher does not read, on North American numbers only."""
    for vanity in _VANITY.finditer(line):
        start, end = vanity.span()
        if _overlaps(covered, start, end):
            continue
        raw = vanity.group()
        nanp = raw.lstrip("+").startswith("1") or region in ("US", "CA")
        number = parse_number(raw, region if region in ("US", "CA") else "US") if nanp else None
        if number is not None and phonenumbers.is_valid_number(number):
            covered.append((start, end))
            hit = _judge(context, shift, start, end, raw, number, region)
            if hit:
                yield hit


def _find_abroad(
    line: str, windows: list[tuple[int, int]], context: str, shift: int, region: str | None,
    covered: list[tuple[int, int]],
) -> Iterator[_Hit]:  # fmt: skip
    """"US office: 415 555 0132" on a GB site: read it in the labelled country, never in ours."""
    for other in {COUNTRY_LABELS[c.group()] for c in _COUNTRY.finditer(context)} - {region}:
        for m in _match(line, windows, other):
            if _overlaps(covered, m.start, m.end):
                continue
            hit = _judge(context, shift, m.start, m.end, m.raw_string, m.number, region)
            if hit and _country_before(context, shift + m.start, shift) == other:
                covered.append((m.start, m.end))
                yield hit


def _find_neighbours(
    line: str, windows: list[tuple[int, int]], context: str, shift: int,
    candidates: tuple[str, ...], covered: list[tuple[int, int]],
) -> Iterator[_Hit]:  # fmt: skip
    """National numbers the site's (guessed) region rejects, read in the page language's other
    countries: "09.355.92.15" on a Dutch-language page is Belgian, valid in BE and not in NL.
    A number that fits none, or several equally, is left out."""
    found = _open_runs(line, windows, context, shift, candidates, covered)
    # A number that fits several countries takes the one most numbers on its line fit
    # ("020-2553 1234 · 09822012345": NZ or IN, GB or IN: both Indian).
    votes = Counter(r for _, fits in found.values() for r in fits)
    for (start, end), (raw, fits) in sorted(found.items()):
        ranked = sorted(fits, key=lambda r: -votes[r])
        clear = len(ranked) == 1 or votes[ranked[0]] > votes[ranked[1]] or _same_number(raw, ranked)
        number = parse_number(raw, ranked[0]) if clear else None
        if number is None:
            continue
        hit = _judge(context, shift, start, end, raw, number, ranked[0])
        if hit:
            covered.append((start, end))
            yield hit


def _same_number(raw: str, regions: list[str]) -> bool:
    """Whether ``raw`` is one number in all these countries: a NANP number is the same +1
    number in the US and Canada ("(208) 337-4900" on an English page)."""
    numbers = [parse_number(raw, r) for r in regions]
    return None not in numbers and len({e164(n) for n in numbers if n is not None}) == 1


def _open_runs(
    line: str, windows: list[tuple[int, int]], context: str, shift: int,
    candidates: tuple[str, ...], covered: list[tuple[int, int]],
) -> dict[tuple[int, int], tuple[str, tuple[str, ...]]]:  # fmt: skip
    """The runs no number was read in, written as a phone is, with the countries they fit.

    Each run is parsed whole in each country (a matcher pass per country would cost ten times
    more on pages full of references): the runs the site's region left are few.
    """
    found: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = {}
    for lo, hi in windows:
        for run in _DIGIT_RUN.finditer(line, lo, hi):
            raw, span = run.group(), run.span()
            if not _SEVEN_DIGITS.search(raw) or _DATE_RUN.fullmatch(raw) \
                    or _overlaps(covered, *span):
                continue
            if line[max(0, span[0] - 1) : span[0]] == "+" or raw.startswith("00"):
                continue  # international numbers were read in the site's region already
            # Grouped, or after a label: not a bare code or reference.
            label = nearest_label(_segment_before(context, shift + span[0]))
            if label == "trap" or (not _GROUPED.search(raw) and label not in _PHONE_KINDS):
                continue
            fits = tuple(r for r in candidates if _valid_in(raw, r))
            if fits:
                found[span] = (raw, fits)
    return found


_GROUPED = re.compile(r"[0-9][ ./()\-][0-9]")
_PHONE_KINDS = frozenset({"phone", "fax", "mobile", "toll_free"})


def _valid_in(raw: str, region: str) -> bool:
    number = parse_number(raw, region)
    if number is None or not phonenumbers.is_valid_number(number):
        return False
    # And written as there, as the matcher requires: with the trunk prefix where one is dialled
    # ("17515-460", a postcode, is no Irish 017 515 460; Brazil's "(14) 3402-2700" has none).
    return next(iter(PhoneNumberMatcher(digits(raw), region, leniency=Leniency.VALID)), 0) != 0


def _alternative(number: PhoneNumber, ending: str) -> tuple[PhoneNumber, bool] | None:
    """Digits after a number: another ending of it when they count on from the ending they
    replace ("0958/59", "4064361 - 362 - 364": lines of one block), else an extension dialled
    after it ("9 14 99 - 00", "12345-0"), then with True. None when neither is valid."""
    nsn = phonenumbers.national_significant_number(number)
    replaced = nsn[-len(ending) :]
    extension = replaced[:-1] != ending[:-1] or replaced[-1] >= ending[-1]
    if len(ending) >= len(nsn) - 3:
        return None
    kept = nsn if extension else nsn[: -len(ending)]
    other = parse_number(f"+{number.country_code}{kept}{ending}", None)
    return (other, extension) if other and phonenumbers.is_valid_number(other) else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _segment_before(context: str, at: int) -> str:
    """What is written between the previous number (if near) and the one at ``at``.

    Labels are read only here, so "Tel: 020 ... Fax: 020 ..." gives each number its own.
    """
    before = context[max(0, at - _CONTEXT) : at]
    after = _AFTER_DIGITS.search(before)
    return before[after.start() :] if after else before


def _country_before(context: str, at: int, line_start: int = 0) -> str | None:
    """The country named right before a number ("US office: ..."), else the last one named
    earlier on its line within reach: an address abroad ("Friedrichstr. 1, 10117 Berlin,
    Germany · Tel. 030 ...") puts a postcode between the name and the number."""
    found = _COUNTRY.findall(_segment_before(context, at))
    if not found:
        found = _COUNTRY.findall(context[max(line_start, at - _ADDRESS_REACH) : at])
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
    label = nearest_label(_segment_before(context, at))
    if label == "trap":
        return None
    national = not raw.lstrip().startswith(("+", "00"))
    country = _country_before(context, at, shift) if national else None
    if country and region and country != region:
        # "UK office: 020 ..." on a US site: read it where the label says, when valid there.
        relabelled = parse_number(raw, country)
        if relabelled is not None and phonenumbers.is_valid_number(relabelled):
            number = relabelled
    return _Hit(start, end, e164(number), " ".join(raw.split()), *describe_number(number, label))
