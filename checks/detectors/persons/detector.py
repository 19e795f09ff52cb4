"""The person detector: structured data, then the text reader's candidates checked against the
page's structure, merged into one fact per person."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from checks.api import SiteContext
from checks.detectors.persons.captions import role_captions
from checks.detectors.persons.contacts import unique
from checks.detectors.persons.evidence import credible, own_address
from checks.detectors.persons.layout import (
    Where,
    heading_cards,
    in_control,
    labelled_cell,
    locate,
    shares_element,
    where_is,
)
from checks.detectors.persons.names import fold
from checks.detectors.persons.notices import copyright_holders
from checks.detectors.persons.reader import Candidate, text_candidates
from checks.detectors.persons.roster import business_names, cards, first_person, staff_lines
from checks.detectors.persons.schema import person_from_item, structured_persons
from checks.detectors.persons.titled import titled_headings
from checks.facts import Fact, snippet_around
from checks.language import page_locale
from checks.parsers import default_region
from checks.region import lang_region
from crawler.page import Page

_SOURCE_RANK = {"schema": 0, "hcard": 1, "impressum": 2, "team_card": 3, "role_pattern": 4,
                "first_person": 5, "by": 6, "ask_for": 7, "business_name": 8, "copyright": 9}


class PersonDetector:
    """One ``person`` fact per named person on a page; see the module docstring.

    ``Fact("person", value=<name without title>, method="structured_data" | "microformat" |
    "text", region, selector, snippet, visible=<False only when found in JSON-LD alone>,
    data={"role": <as written, "" if none>, "source": "schema" | "hcard" | "team_card" |
    "role_pattern" | "impressum" | "ask_for" | "by" | "first_person" | "business_name" |
    "copyright",
    "business_name": <the name is the business's: "Law Office of Jane Roe">, "emails":
    [<lower-case>], "phones": [<E.164>], "photo": <an image in the card>})``. Phones are read
    in the site's region (``--region``, else the start URL's ccTLD, else the page's ``lang``).
    """

    id: ClassVar[str] = "persons"

    def __init__(self, site_region: str | None = None) -> None:
        self.site_region = site_region

    @classmethod
    def from_context(cls, ctx: SiteContext) -> PersonDetector:
        return cls(default_region(ctx.start_url, ctx.region))

    def detect(self, page: Page) -> Iterator[Fact]:
        region = self.site_region or lang_region(page_locale(page))
        people: dict[str, tuple[Fact, int]] = {}
        # The page's structured data is parsed once for every detector that reads it.
        for item, source in structured_persons(page):
            _merge(people, person_from_item(page, item, source, region))
        seen: dict[Any, Where | None] = {}
        for cand in text_candidates(page):
            _merge(people, self._from_candidate(page, cand, region, seen))
        for cand in heading_cards(page):
            if fold(cand.name) not in people:
                _merge(people, self._from_candidate(page, cand, region, seen))
        # Structure without role words: staff lists, cards, the first person, the business's
        # name; each only adds what the readers above did not find.
        for found in (staff_lines(page), titled_headings(page), role_captions(page), cards(page),
                      first_person(page), business_names(page), copyright_holders(page)):
            for cand in found:
                if fold(cand.name) not in people or cand.business:
                    _merge(people, self._from_candidate(page, cand, region, seen))
        _fold_first_names(people)
        for fact, _rank in people.values():
            yield fact

    def _from_candidate(self, page: Page, cand: Candidate, region: str | None,
                        seen: dict[Any, Where | None]) -> Fact | None:
        el = cand.el if cand.el is not None else locate(page, cand)
        if el is not None and cand.cue and not shares_element(el, cand.cue):
            return None  # "Contact" and "Tabbed" in two links of a menu
        if cand.cta and (el is None or not in_control(el)):
            return None
        if el is None:
            if cand.weak:
                return None
            where = Where(cand.block.selector, [], [], False, False)
        else:
            key = (el, cand.name)
            # Several patterns often find the same occurrence: the tree is read once for it.
            if key not in seen:
                seen[key] = where_is(el, cand.name, region)
            found = seen[key]
            if found is None:
                return None
            where = found
            card = where.photo or where.emails or where.phones or cand.emails
            if (cand.weak == 1 and not (card or where.heading)) or (
                    cand.weak == 2 and not (card or labelled_cell(el, cand.role))):
                return None
        if not credible(page, cand.name, cand.raw, cand.line, cand.at, cand.source,
                        [*cand.emails, *where.emails], cand.vouched, cand.role):
            return None
        emails = unique([*cand.emails, *where.emails])
        # A list of staff in one paragraph is one card: each keeps the addresses made of
        # their own name.
        own = [e for e in emails if own_address(cand.name, e)]
        emails = own if own and len(emails) > 1 else emails
        snippet = snippet_around(cand.line, cand.at, cand.at + len(cand.raw), 50)
        return Fact("person", cand.name, "text", cand.block.region, where.selector, snippet, True,
                    {"role": cand.role, "source": cand.source, "business_name": cand.business,
                     "emails": emails,
                     "phones": unique(where.phones), "photo": where.photo})


def _merge(people: dict[str, tuple[Fact, int]], fact: Fact | None) -> None:
    """One fact per person: the strongest source leads, the others add role and channels."""
    if fact is None:
        return
    key = fold(fact.value)
    rank = _SOURCE_RANK.get(fact.data["source"], 9)
    old = people.get(key)
    if old is None:
        people[key] = (fact, rank)
    elif old[1] <= rank:
        _absorb(old[0], fact)
    else:
        _absorb(fact, old[0])
        people[key] = (fact, rank)


def _absorb(keep: Fact, other: Fact) -> None:
    data, more = keep.data, other.data
    if not data["role"]:
        data["role"] = more["role"]
    data["emails"] = unique([*data["emails"], *more["emails"]])
    data["phones"] = unique([*data["phones"], *more["phones"]])
    data["photo"] = data["photo"] or more["photo"]
    data["business_name"] = data["business_name"] or more["business_name"]
    if other.visible and not keep.visible:
        keep.visible = True
        keep.region, keep.selector, keep.snippet = other.region, other.selector, other.snippet


def _fold_first_names(people: dict[str, tuple[Fact, int]]) -> None:
    """"Jane" and "Jane Smith" on one page are one person, when only one Jane is named."""
    for key in [k for k in people if " " not in k]:
        fulls = [k for k in people if " " in k and k.split()[0] == key]
        if len(fulls) == 1:
            _absorb(people[fulls[0]][0], people.pop(key)[0])
