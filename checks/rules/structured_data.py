"""D9 Structured data: schema.org markup that tells machines how to reach you, truthfully.

Structured phone and email facts (method ``structured_data``, not visible) are merged by
value with the visible ones in ``site.contacts``: a structured value that never merged with a
visible one differs from everything shown.

>>> from checks.facts import Fact
>>> org = Fact("organization", "Acme", "structured_data", "", visible=False,
...            data={"types": ["LocalBusiness"], "telephone": ["+441132460958"]})
>>> s = SiteModel.build("https://a.test/", "https://a.test/",
...                     [{"url": "https://a.test/", "status": 200, "facts": [org]}])
>>> organization(s).status
'pass'
"""

from __future__ import annotations

from checks.api import Check, Evidence, Result
from checks.facts import Fact
from checks.model import ContactItem, SiteModel
from checks.rules.common import item_evidence, visible, voice_phones
from checks.rules.meta import rule

STRUCTURED = "structured_data"


def _has_contact(f: Fact) -> bool:
    return bool(f.data.get("telephone") or f.data.get("email") or f.data.get("contact_points"))


def _nearest(site: SiteModel, facts: list[tuple[str, Fact]]) -> list[tuple[str, Fact]]:
    return sorted(facts, key=lambda uf: (site.depth(uf[0]) is None, site.depth(uf[0]) or 0,
                                         uf[0]))


def _shown(item: ContactItem) -> str:
    return str(item.data("display") or item.value)


def _seen(item: ContactItem) -> Evidence:
    """Where a visitor sees ``item`` (its nearest visible occurrence)."""
    o = min(item.visible_occurrences, key=lambda o: (o.depth is None, o.depth or 0, o.url))
    return Evidence(o.url, o.fact.selector, o.fact.snippet, item.value)


def _properties(site: SiteModel) -> str:
    """The JSON-LD properties to add, filled with the contact details visitors see."""
    phones, emails = voice_phones(site), visible(site, "email")
    props = []
    if phones:
        props.append(f'"telephone": "{phones[0].value.split(";")[0]}"')
    if emails:
        props.append(f'"email": "{emails[0].value}"')
    return " and ".join(props) or '"telephone", "email" and "contactPoint"'


def _structured(site: SiteModel, kind: str) -> list[ContactItem]:
    items = [i for i in site.contacts(kind)
             if any(o.fact.method == STRUCTURED for o in i.occurrences)]
    return [i for i in items if i.data("kind") != "fax"]


@rule("structured_data.organization")
def organization(site: SiteModel) -> Result:
    orgs = _nearest(site, list(site.facts_of("organization")))
    complete = [(u, f) for u, f in orgs if _has_contact(f)]
    if complete:
        u, f = complete[0]
        what = "/".join(f.data.get("types") or ["Organization"])
        return Result.passed(f"{what} markup for {f.value} gives contact details.",
                             evidence=[Evidence(u, f.selector, f.snippet, f.value)])
    home = site.final_url
    if orgs:
        u, f = orgs[0]
        what = "/".join(f.data.get("types") or ["Organization"])
        return Result.warned(
            f"{what} markup for {f.value} gives no telephone, email or contactPoint.",
            evidence=[Evidence(u, f.selector, f.snippet, f.value)],
            recommendation=f"Add {_properties(site)} to the {what} JSON-LD on {u}.")
    loose = _structured(site, "phone") + _structured(site, "email")
    if loose:
        return Result.warned(
            "Structured data gives contact details but names no Organization or "
            "LocalBusiness.", evidence=item_evidence(loose, 2),
            recommendation=f"Wrap them in an Organization or LocalBusiness JSON-LD item "
            f"with your name on {home}.")
    return Result.failed(
        "No schema.org Organization or LocalBusiness markup was found.",
        recommendation=f"Add Organization (or LocalBusiness) JSON-LD to {home} with your "
        f'"name", {_properties(site)}.')


def _key(kind: str, value: str) -> str:
    # Phones compare by E.164 without extension; emails case-insensitively.
    return value.split(";")[0] if kind == "phone" else value.lower()


@rule("structured_data.consistent")
def consistent(site: SiteModel) -> Result:
    compared = 0
    matched: list[ContactItem] = []
    evidence: list[Evidence] = []
    advice: list[str] = []
    for kind, shown in (("phone", voice_phones(site)), ("email", visible(site, "email"))):
        marked = _structured(site, kind)
        if not marked or not shown:
            continue
        compared += 1
        keys = {_key(kind, i.value) for i in shown}
        for item in marked:
            if item.visible or _key(kind, item.value) in keys:
                matched.append(item)
                continue
            occ = next(o for o in item.pages() if o.fact.method == STRUCTURED)
            evidence.append(Evidence(occ.url, occ.fact.selector, occ.fact.snippet, item.value))
            evidence.append(_seen(shown[0]))
            advice.append(f"{item.value} to {_shown(shown[0])} in the JSON-LD on {occ.url}")
    if not compared:
        return Result.not_applicable("No structured phone or email to compare with a visible "
                                     "one.")
    if evidence:
        n = len(advice)
        return Result.warned(
            f"{n} structured phone number(s) or email address(es) differ from every one shown "
            f"on the pages, e.g. {evidence[0].value} (shown: {evidence[1].value}).",
            evidence=evidence[:6],
            recommendation=f"Change {'; '.join(advice[:3])}, or show them on the page if "
            "they are right.")
    return Result.passed("The structured phone numbers and email addresses match the visible "
                         "ones.", evidence=[_seen(i) for i in matched if i.visible][:2])


CHECKS: list[Check] = [organization, consistent]
