"""D3 Phone: a number a visitor can call, in one tap, at a fair price, knowing when."""

from __future__ import annotations

from collections.abc import Callable

from checks.api import Check, Evidence, Result
from checks.facts import Fact
from checks.model import ContactItem, SiteModel
from checks.region import tld_region
from checks.rules.common import fact_evidence, item_evidence, said, voice_phones
from checks.rules.meta import rule


def _where(items: list[ContactItem], test: Callable[[Fact], bool]) -> list[Evidence]:
    """Evidence of the visible occurrences that pass ``test``, nearest first: the page where
    a number is a tel: link, say, not merely the nearest page showing it."""
    hits = [(o, i) for i in items for o in i.visible_occurrences if test(o.fact)]
    hits.sort(key=lambda t: (t[0].depth is None, t[0].depth or 0, t[0].url))
    return [Evidence(o.url, o.fact.selector, o.fact.snippet, i.value) for o, i in hits]


@rule("phone.found")
def phone_found(site: SiteModel) -> Result:
    phones = voice_phones(site)
    if phones:
        return Result.passed(f"Found {len(phones)} phone number(s), e.g. "
                             f"{phones[0].data('display') or phones[0].value}.",
                             evidence=item_evidence(phones))
    return Result.failed("No phone number was found.")


@rule("phone.tel_link")
def phone_tel_link(site: SiteModel) -> Result:
    phones = voice_phones(site)
    if not phones:
        return Result.not_applicable("No phone number was found.")
    linked = _where(phones, lambda f: f.method == "tel")
    if linked:
        return Result.passed("A phone number is a tel: link.", evidence=linked[:1])
    first = phones[0]
    return Result.warned("Phone numbers are plain text only.", evidence=item_evidence(phones),
                         recommendation=f"Make {_shown(first)} a tel: link "
                         f"(href=\"tel:{first.value}\") so mobile visitors can call in "
                         "one tap.")


@rule("phone.country_code")
def phone_country_code(site: SiteModel) -> Result:
    phones = voice_phones(site)
    if not phones:
        return Result.not_applicable("No phone number was found.")
    intl = _where(phones, lambda f: bool(f.data.get("intl")))
    if intl:
        return Result.passed("A phone number is written with its country code.",
                             evidence=intl[:1])
    # A country-code domain whose country owns every number: visitors are local.
    domain = tld_region(site.final_url) or tld_region(site.start_url)
    if domain and all(i.value.startswith("+") and _country(i.value) == domain for i in phones):
        return Result.passed(f"The site is clearly domestic ({domain} domain and numbers), so "
                             "national numbers are enough.", evidence=item_evidence(phones, 1))
    first = phones[0]
    return Result.warned("No phone number is written with its country code, so visitors "
                         "abroad cannot dial it as shown.", evidence=item_evidence(phones),
                         recommendation=f"Write {_shown(first)} as {_international(first.value)}"
                         f" at least once, and link it as tel:{first.value}.")


def _shown(item: ContactItem) -> str:
    return str(item.data("display") or item.value)


def _international(value: str) -> str:
    """``+44 113 246 0958`` for ``+441132460958``, the stored value when it does not parse."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value.split(";")[0])
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _country(e164: str) -> str | None:
    import phonenumbers

    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164.split(";")[0]))
    except phonenumbers.NumberParseException:
        return None


@rule("phone.premium")
def phone_premium(site: SiteModel) -> Result:
    phones = voice_phones(site)
    if not phones:
        return Result.not_applicable("No phone number was found.")
    premium = [i for i in phones if i.data("premium", False)]
    charges = [(u, f) for u, f in said(site)
               if f.data.get("anti") == "premium_rate"]
    if premium or charges:
        ev = item_evidence(premium) + fact_evidence(charges)
        what = (f"{premium[0].data('display') or premium[0].value} is a premium-rate or "
                "shared-cost number" if premium else "The site mentions per-minute call charges")
        return Result.warned(f"{what}: callers pay extra to reach you.", evidence=ev)
    return Result.passed("No premium-rate number or per-minute charge was found.")


@rule("phone.hours_near")
def phone_hours_near(site: SiteModel) -> Result:
    phones = voice_phones(site)
    if not phones:
        return Result.not_applicable("No phone number was found.")
    phone_pages = {o.url for i in phones for o in i.visible_occurrences}
    for url in sorted(phone_pages, key=lambda u: (site.depth(u) is None, site.depth(u) or 0)):
        for f in site.facts_on(url):
            hours = f.kind == "opening_hours" and f.visible
            said = f.kind == "reassurance" and f.data.get("kind") == "availability"
            if hours or said:
                return Result.passed("Opening hours are given on a page with the phone number.",
                                     evidence=[Evidence(url, f.selector, f.snippet, f.value)])
    return Result.warned("No page with the phone number says when it is answered.",
                         evidence=item_evidence(phones, 2),
                         recommendation=f"Write when {_shown(phones[0])} is answered right "
                         "next to it, e.g. 'Mon–Fri 9am–5pm'.")


@rule("phone.broken_tel_link")
def phone_broken_tel_link(site: SiteModel) -> Result:
    broken = list(site.facts_of("broken_tel"))
    if not broken and not any(True for _ in site.facts_of("phone")):
        return Result.not_applicable("No phone number was found.")
    if broken:
        return Result.failed(f"{len(broken)} tel: link(s) do not hold a valid number.",
                             evidence=fact_evidence(broken))
    return Result.passed("Every tel: link holds a valid number.")


CHECKS: list[Check] = [phone_found, phone_tel_link, phone_country_code, phone_premium,
                       phone_hours_near, phone_broken_tel_link]
