"""D2 Email: an address that allows rapid, direct contact (EU 2000/31/EC Art. 5(1)(c))."""

from __future__ import annotations

from checks.api import Check, Result
from checks.model import ContactItem, SiteModel
from checks.rules.common import fact_evidence, item_evidence, visible
from checks.rules.meta import rule

# A visitor can copy or tap these; obfuscated ones must be retyped.
_USABLE = ("mailto", "text", "cloudflare")


def _usable(items: list[ContactItem]) -> list[ContactItem]:
    return [i for i in items if any(o.fact.method in _USABLE for o in i.visible_occurrences)]


@rule("email.visible")
def email_visible(site: SiteModel) -> Result:
    shown = visible(site, "email")
    if shown:
        return Result.passed(f"Found {len(shown)} email address(es), e.g. {shown[0].value}.",
                             evidence=item_evidence(shown))
    return Result.failed("No email address is visible on the site.")


@rule("email.not_noreply_only")
def email_not_noreply_only(site: SiteModel) -> Result:
    shown = visible(site, "email")
    if not shown:
        return Result.not_applicable("No email address is visible.")
    readable = [i for i in shown if not i.data("noreply", False)]
    if readable:
        return Result.passed(f"{readable[0].value} is an address a person reads.",
                             evidence=item_evidence(readable, 1))
    return Result.failed("The only email addresses are no-reply addresses.",
                         evidence=item_evidence(shown))


@rule("email.machine_readable")
def email_machine_readable(site: SiteModel) -> Result:
    shown = visible(site, "email")
    if shown:
        return Result.passed("An email address is written in the page.",
                             evidence=item_evidence(shown, 1))
    hidden = [i for i in site.contacts("email") if i.method == "js"]
    built = list(site.facts_of("email_js_only"))
    if hidden or built:
        ev = item_evidence(hidden) if hidden else fact_evidence(built)
        advice = (f"Check that {hidden[0].value} shows on the page, and write it as a mailto: "
                  "link in the HTML rather than with JavaScript." if hidden else "")
        return Result("needs_review", "An email address seems to exist only in scripts, so "
                      "visitors may see it only after JavaScript runs, or not at all.",
                      evidence=ev, recommendation=advice)
    return Result.not_applicable("No email address was found.")


@rule("email.not_obfuscated")
def email_not_obfuscated(site: SiteModel) -> Result:
    shown = visible(site, "email")
    if not shown:
        return Result.not_applicable("No email address is visible.")
    usable = _usable(shown)
    if usable:
        return Result.passed(f"{usable[0].value} can be copied or tapped.",
                             evidence=item_evidence(usable, 1))
    return Result.warned("Email addresses are obfuscated ('name [at] domain'), so visitors "
                         "must retype them.", evidence=item_evidence(shown),
                         recommendation=f"Write {shown[0].value} as a plain mailto: link "
                         f"(href=\"mailto:{shown[0].value}\"); let your mail provider's spam "
                         "filter deal with spam.")


CHECKS: list[Check] = [email_visible, email_not_noreply_only, email_machine_readable,
                       email_not_obfuscated]
