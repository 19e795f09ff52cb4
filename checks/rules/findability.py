"""D1 Findability and click depth: is a way to reach a human easy to find?"""

from __future__ import annotations

from checks.api import Check, Evidence, Result
from checks.model import ContactItem, SiteModel
from checks.rules.common import clicks, visible, voice_phones
from checks.rules.meta import rule


def _shown(item: ContactItem) -> str:
    return str(item.data("display") or item.value)


@rule("findability.contact_link_placement")
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
        return Result.warned("A contact link exists only in the page content.",
                             evidence=[Evidence(u, f.selector, f.snippet, f.value)])
    return Result.failed("No link labelled Contact, Help or Support was found.")


@rule("findability.clicks_to_contact")
def clicks_to_contact(site: SiteModel) -> Result:
    # Faxes reach no one; markup-only occurrences are not seen, so they neither set the
    # depth nor serve as evidence.
    seen = [(o, i) for i in visible(site, "email") + voice_phones(site)
            for o in i.visible_occurrences if o.depth is not None]
    if not seen:
        return Result.failed(
            "No page reachable from the start page shows a phone number or email address.")
    o, item = min(seen, key=lambda t: (t[0].depth or 0, t[0].url))
    d = o.depth or 0
    ev = [Evidence(o.url, o.fact.selector, o.fact.snippet, item.value)]
    if d <= 1:
        return Result.passed(f"{item.value} is {clicks(d)}.", evidence=ev)
    status = "warn" if d == 2 else "fail"
    return Result(status, f"The nearest contact detail is {clicks(d)}.", evidence=ev,
                  recommendation=f"Show {_shown(item)} (now {clicks(d)}, on {o.url}) in the "
                  "header or footer of every page.")


@rule("findability.contact_page_channels")
def contact_page_channels(site: SiteModel) -> Result:
    pages = site.contact_pages()
    if not pages:
        return Result.not_applicable("No contact page was found.")
    page = pages[0]
    kinds = {f.kind for f in site.facts_on(page.url)
             if f.visible and (f.kind != "phone" or f.data.get("kind") != "fax")}
    has_phone, has_email = "phone" in kinds, "email" in kinds
    ev = [Evidence(page.url, "", page.title)]
    if has_phone and has_email:
        return Result.passed("The contact page shows a phone number and an email address.",
                             evidence=ev)
    if has_phone or has_email:
        missing = "an email address" if has_phone else "a phone number"
        known = visible(site, "email") if has_phone else voice_phones(site)
        what = (f"{_shown(known[0])}, which other pages show," if known else missing)
        return Result.warned(f"The contact page does not show {missing}.", evidence=ev,
                             recommendation=f"Add {what} to the contact page {page.url}.")
    return Result.failed("The contact page shows neither a phone number nor an email address.",
                         evidence=ev)


# What a visitor uses to reach a human: shown only by scripts, it is lost without them.
_REACH_KINDS = ("email", "phone", "contact_link", "person")


@rule("findability.without_javascript")
def without_javascript(site: SiteModel) -> Result:
    items = [i for kind in _REACH_KINDS for i in site.contacts(kind)
             if i.visible and site.rendered_only(i)]
    if items:
        ev = []
        for item in items[:10]:
            o = item.pages()[0]
            ev.append(Evidence(o.url, o.fact.selector, o.fact.snippet, _shown(item)))
        names = ", ".join(_shown(i) for i in items[:3]) + (" ..." if len(items) > 3 else "")
        return Result.warned(
            f"{len(items)} way(s) to reach you appear only after JavaScript runs ({names}): "
            "visitors whose browser does not run it, and some search engines and assistants, "
            "do not see them.", evidence=ev)
    missed = site.not_rendered
    if missed:
        ev = [Evidence(p.url, "", p.render_reason) for p in missed[:10]]
        return Result("needs_review",
                      f"{len(missed)} page(s) probably need JavaScript to show their content "
                      "and were read as raw HTML: contact details there may be missed.",
                      evidence=ev,
                      recommendation="Audit again with a browser (pip install "
                      "'contactable[render]' and a Chromium), and put contact details in "
                      "the HTML itself.")
    if any(p.rendered for p in site.html_pages):
        return Result.passed("Every way to reach you is in the pages' HTML, without "
                             "JavaScript.")
    return Result.not_applicable("No page needs JavaScript to show its content.")


CHECKS: list[Check] = [contact_link_placement, clicks_to_contact, contact_page_channels,
                       without_javascript]
