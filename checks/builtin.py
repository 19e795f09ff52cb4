"""The built-in checks, registered through the ``contactable.checks`` entry point.

Each check is a small pure function of the :class:`~checks.model.SiteModel`; its metadata
cites the ground in RUBRIC.md it scores against.
"""

from __future__ import annotations

from checks.api import Check, Evidence, Result, check
from checks.model import ContactItem, SiteModel

NNG = "NN/g, Contact Us page guidelines"


def _evidence(items: list[ContactItem], limit: int = 5) -> list[Evidence]:
    out = []
    for item in items:
        for o in item.pages()[:1]:
            out.append(Evidence(o.url, o.fact.selector, o.fact.snippet, item.value))
        if len(out) >= limit:
            break
    return out


def _visible(site: SiteModel, kind: str) -> list[ContactItem]:
    return [i for i in site.contacts(kind) if i.visible]


# -- D1 findability ---------------------------------------------------------------------------


@check(
    id="findability.contact_link_placement",
    title="A contact link is in the header or navigation and in the footer",
    category="findability",
    description=(
        "Visitors look for a Contact link at the top of the page and again at the bottom. "
        f"{NNG}: put it in the main navigation and in the footer."
    ),
)
def contact_link_placement(site: SiteModel) -> Result:
    links = list(site.facts_of("contact_link"))
    top = [(u, f) for u, f in links if f.region in ("header", "nav")]
    bottom = [(u, f) for u, f in links if f.region == "footer"]
    ev = [Evidence(u, f.selector, f.snippet, f.value) for u, f in (top[:1] + bottom[:1])]
    if top and bottom:
        return Result.passed("A contact link is in both the header/navigation and the footer.",
                             evidence=ev)
    if top or bottom:
        where, missing = ("header/navigation", "footer") if top else ("footer", "header")
        return Result.warned(
            f"A contact link is in the {where} but not in the {missing}.", evidence=ev,
            recommendation=f"Add a 'Contact' link to the {missing} of every page.")
    if links:
        u, f = links[0]
        return Result.warned(
            "A contact link exists only in the page content.",
            evidence=[Evidence(u, f.selector, f.snippet, f.value)],
            recommendation="Add a 'Contact' link to the main navigation and to the footer.")
    return Result.failed("No link labelled Contact, Help or Support was found.",
                         recommendation="Add a 'Contact' link to the navigation and footer.")


@check(
    id="findability.clicks_to_contact",
    title="A phone number or email is at most one click from the home page",
    category="findability",
    description=(
        "Every click loses visitors. SYKES' 2019 e-commerce study found phone numbers on "
        "average 1.23 clicks from the home page; the best sites show them on it."
    ),
)
def clicks_to_contact(site: SiteModel) -> Result:
    items = _visible(site, "email") + _visible(site, "phone")
    depths = [(i.min_depth, i) for i in items if i.min_depth is not None]
    if not depths:
        return Result.failed(
            "No page reachable from the start page shows a phone number or email address.",
            recommendation="Show a phone number and an email address in the footer of every "
                           "page.")
    d, item = min(depths, key=lambda t: t[0])
    ev = _evidence([item], 1)
    clicks = "on the start page" if d == 0 else f"{d} click{'s' if d > 1 else ''} away"
    if d <= 1:
        return Result.passed(f"{item.value} is {clicks}.", evidence=ev)
    rec = "Put the phone number and email in the header or footer of every page."
    if d == 2:
        return Result.warned(f"The nearest contact detail is {clicks}.", evidence=ev,
                             recommendation=rec)
    return Result.failed(f"The nearest contact detail is {clicks}.", evidence=ev,
                         recommendation=rec)


@check(
    id="findability.contact_page_channels",
    title="The contact page shows a phone number and an email address",
    category="findability",
    description=(
        f"{NNG}: a contact page should give at least a phone number and an email address, "
        "not only a form."
    ),
)
def contact_page_channels(site: SiteModel) -> Result:
    pages = site.contact_pages()
    if not pages:
        return Result.not_applicable("No contact page was found.")
    page = pages[0]
    kinds = {f.kind for u, f in site.facts if u == page.url and f.visible}
    has_phone, has_email = "phone" in kinds, "email" in kinds
    ev = [Evidence(page.url, "", page.title)]
    if has_phone and has_email:
        return Result.passed("The contact page shows a phone number and an email address.",
                             evidence=ev)
    if has_phone or has_email:
        missing = "an email address" if has_phone else "a phone number"
        return Result.warned(f"The contact page does not show {missing}.", evidence=ev,
                             recommendation=f"Add {missing} to the contact page.")
    return Result.failed("The contact page shows neither a phone number nor an email address.",
                         evidence=ev,
                         recommendation="Give a phone number and an email address on the "
                                        "contact page, not only a form.")


# -- D2 email ---------------------------------------------------------------------------------


@check(
    id="email.visible",
    title="A usable email address is visible",
    category="email",
    description=(
        "EU Directive 2000/31 Art. 5(1)(c) asks for an email address that allows rapid, direct "
        "contact. Visitors copy addresses or tap mailto: links."
    ),
)
def email_visible(site: SiteModel) -> Result:
    usable = [i for i in _visible(site, "email") if not i.data("noreply", False)]
    if usable:
        return Result.passed(f"Found {len(usable)} email address(es), e.g. {usable[0].value}.",
                             evidence=_evidence(usable))
    if _visible(site, "email"):
        return Result.failed("The only email addresses are no-reply addresses.",
                             evidence=_evidence(_visible(site, "email")),
                             recommendation="Publish an address that a person reads.")
    return Result.failed("No email address is visible on the site.",
                         recommendation="Show an email address (a mailto: link) on the contact "
                                        "page and in the footer.")


@check(
    id="email.machine_readable",
    title="The email address is a text or mailto: link, not only built by JavaScript",
    category="email",
    description=(
        "An address that only JavaScript assembles, or that is obfuscated ('name [at] domain'), "
        "must be retyped by visitors and is missed by assistive tools."
    ),
)
def email_machine_readable(site: SiteModel) -> Result:
    items = site.contacts("email")
    if not items:
        if any(True for _ in site.facts_of("email_js_only")):
            return Result("needs_review", "An email address seems to be built by JavaScript.",
                          recommendation="Write the address as a mailto: link in the HTML.")
        return Result.not_applicable("No email address was found.")
    if any(i.method in ("mailto", "text", "cloudflare") for i in items):
        return Result.passed("An email address is written as text or a mailto: link.",
                             evidence=_evidence(items, 1))
    if any(i.method == "obfuscated" for i in items):
        return Result.warned("Email addresses are obfuscated, so visitors must retype them.",
                             evidence=_evidence(items),
                             recommendation="Use a plain mailto: link.")
    return Result("needs_review", "Email addresses appear only in scripts.",
                  evidence=_evidence(items),
                  recommendation="Write the address as a mailto: link in the HTML.")


# -- D3 phone ---------------------------------------------------------------------------------


@check(
    id="phone.found",
    title="A phone number is given",
    category="phone",
    description=(
        "NN/g: show phone numbers clearly. The Consumer Rights Directive Art. 6(1)(c) asks "
        "traders to give a telephone number."
    ),
)
def phone_found(site: SiteModel) -> Result:
    phones = [i for i in _visible(site, "phone") if i.data("kind") != "fax"]
    if phones:
        return Result.passed(f"Found {len(phones)} phone number(s), e.g. "
                             f"{phones[0].data('display') or phones[0].value}.",
                             evidence=_evidence(phones))
    return Result.failed("No phone number was found.",
                         recommendation="Show a phone number in the footer of every page.")


@check(
    id="phone.tel_link",
    title="Phone numbers are tap-to-call tel: links",
    category="phone",
    description="On a phone, a tel: link calls in one tap; a number in plain text must be "
                "copied or retyped.",
)
def phone_tel_link(site: SiteModel) -> Result:
    phones = [i for i in _visible(site, "phone") if i.data("kind") != "fax"]
    if not phones:
        return Result.not_applicable("No phone number was found.")
    linked = [i for i in phones if i.method == "tel"]
    if linked:
        return Result.passed("A phone number is a tel: link.", evidence=_evidence(linked, 1))
    return Result.warned("Phone numbers are plain text only.", evidence=_evidence(phones),
                         recommendation="Make the phone number in your footer a tel: link so "
                                        "mobile visitors can call in one tap.")


@check(
    id="phone.broken_tel_link",
    title="tel: links dial a valid number",
    category="phone",
    description="A tel: link with an invalid number fails silently when tapped.",
)
def phone_broken_tel_link(site: SiteModel) -> Result:
    broken = list(site.facts_of("broken_tel"))
    if not any(True for _ in site.facts_of("phone")) and not broken:
        return Result.not_applicable("No phone number was found.")
    if broken:
        ev = [Evidence(u, f.selector, f.snippet, f.value) for u, f in broken[:5]]
        return Result.failed(f"{len(broken)} tel: link(s) do not hold a valid number.",
                             evidence=ev,
                             recommendation="Write tel: links in international form, e.g. "
                                            "tel:+442079460958.")
    return Result.passed("Every tel: link holds a valid number.")


CHECKS: list[Check] = [
    contact_link_placement,
    clicks_to_contact,
    contact_page_channels,
    email_visible,
    email_machine_readable,
    phone_found,
    phone_tel_link,
    phone_broken_tel_link,
]
