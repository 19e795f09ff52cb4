"""D8 Legal contact information under the EU, German (Impressum) and UK rules.

Findings are worded "possible gap": this is an automated reading, not legal advice.
The profile comes from configuration (``legal_profile``) or, on ``auto``, from the site's
country and its home page's language; sites outside the EU, the EEA and the UK are not judged.
"""

from __future__ import annotations

from collections.abc import Callable

from checks.api import Check, Evidence, Result
from checks.facts import Fact
from checks.legal_profile import legal_profile
from checks.model import SiteModel
from checks.rules.common import visible, voice_phones
from checks.rules.meta import rule

_NAMES = {"DE": "German §5 DDG (Impressum)", "UK": "UK E-Commerce Regulations 2002",
          "EU": "EU e-Commerce Directive Art. 5"}


def profile(site: SiteModel) -> str | None:
    """The legal profile that applies: configured, else inferred; None when none applies."""
    chosen = site.options.get("legal_profile") or "auto"
    if chosen == "none":
        return None
    if chosen != "auto":
        return str(chosen)
    home = site.pages.get(site.final_url) or site.pages.get(site.start_url)
    return legal_profile(site.region, home.lang if home else "")


def _legal(site: SiteModel, kind: str) -> list[tuple[str, Fact]]:
    return [(u, f) for u, f in site.facts_of("legal") if f.data.get("type") == kind]


def imprint_pages(site: SiteModel) -> list[str]:
    """Pages that are the legal notice: so titled, or the target of a legal-notice link."""
    found = {u for u, _ in _legal(site, "imprint_page")}
    found |= {f.value for _, f in _legal(site, "imprint_link") if f.value in site.pages}
    ok = [u for u in found if site.pages[u].status < 400]
    return sorted(ok, key=lambda u: (site.depth(u) is None, site.depth(u) or 0, u))


def _scope(site: SiteModel) -> tuple[list[str], str]:
    """Where to look for the details: the legal notice, else every page."""
    pages = imprint_pages(site)
    if pages:
        return pages, "on the legal notice"
    return [p.url for p in site.html_pages], "on the site"


def _on(site: SiteModel, pages: list[str], kind: str, **data: str) -> list[tuple[str, Fact]]:
    return [(u, f) for u in pages for f in site.facts_on(u)
            if f.kind == kind and f.visible and all(f.data.get(k) == v for k, v in data.items())]


def _not_applicable() -> Result:
    return Result.not_applicable("No EU, German or UK legal profile applies to this site (set "
                                 "legal_profile in the configuration to choose one).")


def _under_profile(judge: Callable[[SiteModel, str], Result]) -> Callable[[SiteModel], Result]:
    """A check that applies only where a legal profile does, and is told which."""

    def check(site: SiteModel) -> Result:
        prof = profile(site)
        return _not_applicable() if prof is None else judge(site, prof)

    check.__name__, check.__doc__ = judge.__name__, judge.__doc__
    return check


def _ev(pairs: list[tuple[str, Fact]], limit: int = 3) -> list[Evidence]:
    return [Evidence(u, f.selector, f.snippet, f.value) for u, f in pairs[:limit]]


@rule("legal.imprint_link")
@_under_profile
def imprint_link(site: SiteModel, prof: str) -> Result:
    pages = [p for p in site.html_pages if p.status < 400]
    links = _legal(site, "imprint_link")
    notices = imprint_pages(site)
    if not notices:
        # Outside Germany the details need no page of their own: a footer on every page
        # that names the company (number, VAT ID, representative) is "permanently accessible".
        details = [(u, f) for u, f in site.facts_of("legal") if f.region == "footer"
                   and f.data.get("type") in ("company_register", "vat_id", "representative")]
        on = {u for u, _ in details}
        if prof != "DE" and pages and len(on) / len(pages) >= 0.95:
            return Result.passed("There is no legal notice page, but the footer of every page "
                                 "gives the company's legal details.", evidence=_ev(details, 2))
        status = "fail" if prof == "DE" else "warn"
        return Result(status, f"Possible gap ({_NAMES[prof]}): no legal notice / imprint page "
                      "was found" + (" and the footers give no company details."
                                     if prof != "DE" else "."))
    footer = {u for u, f in links if f.region == "footer"}
    share = len(footer) / len(pages) if pages else 0.0
    depth = site.depth(notices[0])
    ev = _ev(links) or [Evidence(notices[0], "", site.pages[notices[0]].title)]
    if share >= 0.95 and depth is not None and depth <= 2:
        return Result.passed(f"A legal notice is linked from the footer of {round(share * 100)}% "
                             f"of pages, {depth} click(s) from the start page.", evidence=ev)
    where = (f"linked from the footer of only {round(share * 100)}% of pages" if share < 0.95
             else f"{depth} clicks from the start page" if depth is not None
             else "not linked from any page")
    return Result.warned(f"Possible gap ({_NAMES[prof]}): the legal notice is {where}.",
                         evidence=ev)


@rule("legal.identity_address")
@_under_profile
def identity_address(site: SiteModel, prof: str) -> Result:
    pages, where = _scope(site)
    names = (_on(site, pages, "legal", type="representative") + _on(site, pages, "person")
             + [(u, f) for u, f in site.facts_of("organization") if f.value])
    streets = [(u, f) for u, f in _on(site, pages, "address") if not f.data.get("po_box")]
    boxes = _on(site, pages, "legal", type="po_box") + [
        (u, f) for u, f in _on(site, pages, "address") if f.data.get("po_box")]
    if names and streets:
        return Result.passed(f"A name ({names[0][1].value}) and a street address are given "
                             f"{where}.", evidence=_ev(names, 1) + _ev(streets, 1))
    missing = [] if names else ["the provider's name"]
    if not streets:
        missing.append("a street address (only a PO box)" if boxes else "a street address")
    status = "warn" if names or streets else "fail"
    return Result(status, f"Possible gap ({_NAMES[prof]}): {' and '.join(missing)} not found "
                  f"{where}.", evidence=_ev(names, 1) + _ev(streets or boxes, 1))


@rule("legal.direct_channels")
@_under_profile
def direct_channels(site: SiteModel, prof: str) -> Result:
    pages, where = _scope(site)
    emails = [(u, f) for u, f in _on(site, pages, "email") if not f.data.get("noreply")]
    phones = [(u, f) for u, f in _on(site, pages, "phone") if f.data.get("kind") != "fax"]
    forms = [(u, f) for u, f in _on(site, pages, "form") if f.data.get("message")]
    if not emails and imprint_pages(site):
        # An address on every page's footer serves the notice too.
        emails = [(o.url, o.fact) for i in visible(site, "email") if not i.data("noreply")
                  for o in i.visible_occurrences[:1]]
        where += " or elsewhere on the site"
    second = phones or forms
    if emails and second:
        return Result.passed(f"An email address and a second fast channel are given {where}.",
                             evidence=_ev(emails, 1) + _ev(second, 1))
    if emails or second or voice_phones(site):
        lack = "a monitored email address" if not emails else "a second fast channel (phone)"
        return Result.warned(f"Possible gap ({_NAMES[prof]}): {lack} not found {where}.",
                             evidence=_ev(emails or second, 2))
    return Result.failed(f"Possible gap ({_NAMES[prof]}): neither an email address nor a phone "
                         f"number was found {where}.")


@rule("legal.register")
@_under_profile
def register(site: SiteModel, prof: str) -> Result:
    reps = _legal(site, "representative")
    regs = _legal(site, "company_register")
    if reps and regs:
        return Result.passed(f"{reps[0][1].value} is named as representative and the register "
                             f"number {regs[0][1].value} is given.",
                             evidence=_ev(reps, 1) + _ev(regs, 1))
    if regs:
        return Result.warned(f"Possible gap ({_NAMES[prof]}): register number "
                             f"{regs[0][1].value} is given but no representative is named.",
                             evidence=_ev(regs, 1))
    if reps:
        return Result.warned(f"Possible gap ({_NAMES[prof]}): {reps[0][1].value} is named, but "
                             "no trade register number was found (not needed for sole traders).",
                             evidence=_ev(reps, 1))
    status = "fail" if prof == "DE" else "warn"
    return Result(status, f"Possible gap ({_NAMES[prof]}): no representative and no register "
                  "number were found.")


@rule("legal.vat_id")
@_under_profile
def vat_id(site: SiteModel, prof: str) -> Result:
    ids = _legal(site, "vat_id")
    if ids:
        return Result.passed(f"A VAT or tax ID is given: {ids[0][1].value}.", evidence=_ev(ids, 1))
    return Result.warned(f"Possible gap ({_NAMES[prof]}): no VAT ID was found (small "
                         "businesses may have none).")


CHECKS: list[Check] = [imprint_link, identity_address, direct_channels, register, vat_id]
