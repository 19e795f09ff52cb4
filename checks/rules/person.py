"""D4 A named contact person: a human with a role, reachable directly."""

from __future__ import annotations

import re

from checks.api import Check, Evidence, Result
from checks.model import ContactItem, SiteModel
from checks.rules.meta import rule

# Pages where a business presents its people (EN, DE, FR, ES).
_PEOPLE_PAGE = re.compile(
    r"contact|about|team|staff|people|who-we-are|our-story|impressum|imprint|legal|kontakt"
    r"|ueber|uber|über|wir|mentions|equipe|équipe|qui-sommes|nosotros|equipo|aviso|quienes",
    re.IGNORECASE)


def _channels(item: ContactItem) -> list[str]:
    found: list[str] = []
    for o in item.visible_occurrences:
        found += [*o.fact.data.get("emails", ()), *o.fact.data.get("phones", ())]
    return list(dict.fromkeys(found))


def _best(items: list[ContactItem], site: SiteModel) -> tuple[int, ContactItem]:
    def rank(item: ContactItem) -> tuple[int, int, int]:
        role = any(o.fact.data.get("role") for o in item.visible_occurrences)
        reach = bool(_channels(item)) or any(o.fact.data.get("photo")
                                             for o in item.visible_occurrences)
        page = any(_PEOPLE_PAGE.search(o.url) or _PEOPLE_PAGE.search(
            site.pages[o.url].title if o.url in site.pages else "")
            for o in item.visible_occurrences)
        return (int(role) + 2 * int(reach), int(page), -(item.min_depth or 0))

    best = max(items, key=rank)
    return rank(best)[0], best


def _evidence(item: ContactItem) -> list[Evidence]:
    o = item.pages()[0]
    role = next((x.fact.data.get("role") for x in item.visible_occurrences
                 if x.fact.data.get("role")), "")
    return [Evidence(o.url, o.fact.selector, o.fact.snippet,
                     f"{item.value} ({role})" if role else item.value)]


@rule("person.named_contact")
def named_contact(site: SiteModel) -> Result:
    people = [i for i in site.contacts("person") if i.visible]
    if not people:
        return Result.failed("No named contact person was found: visitors cannot tell who "
                             "they would be dealing with.")
    level, person = _best(people, site)
    role = next((o.fact.data.get("role") for o in person.visible_occurrences
                 if o.fact.data.get("role")), "")
    who = f"{person.value} ({role})" if role else person.value
    channels = _channels(person)
    if level >= 2:
        how = f"reachable at {channels[0]}" if channels else "shown with a photo"
        return Result.passed(f"{who} is named, {how}.", evidence=_evidence(person))
    return Result.warned(
        f"{who} is named, but without a direct email or phone.", evidence=_evidence(person),
        recommendation=f"Give {person.value}'s direct email or phone number next to their "
                       "name, so visitors can reach them without a switchboard.")


CHECKS: list[Check] = [named_contact]
