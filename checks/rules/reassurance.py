"""D5 Reassurance and response promise: will someone answer, and when?"""

from __future__ import annotations

from typing import Any

from checks.api import Check, Evidence, Result
from checks.facts import Fact
from checks.model import SiteModel
from checks.rules.common import fact_evidence, said, visible, voice_phones
from checks.rules.meta import rule

_HUMAN_KINDS = ("human", "invitation", "guarantee")


def promise_days(promise: dict[str, Any] | None) -> float | None:
    """A response promise in business days (24 hours = 1 day); None when vague.

    >>> promise_days({"hours": 48}), promise_days({"same_day": True}), promise_days(None)
    (2.0, 0.5, None)
    """
    if not promise:
        return None
    if promise.get("same_day"):
        return 0.5
    if promise.get("business_days") is not None:
        return float(promise["business_days"])
    if promise.get("hours") is not None:
        return float(promise["hours"]) / 24
    return None


def _message_forms(site: SiteModel) -> set[str]:
    """Pages with a form a visitor writes a message in."""
    return {u for u, f in site.facts_of("form") if f.data.get("message", True)}


def _near_contact(site: SiteModel) -> set[str]:
    """Pages where a visitor writes to the business: contact pages and pages with a form."""
    return {p.url for p in site.contact_pages()} | _message_forms(site)


def _where(site: SiteModel) -> str:
    """Where the advice puts a promise: beside the form, or beside the contact details of a
    site that has no form (advice about a form it lacks would puzzle its owner)."""
    if _message_forms(site):
        return "on the contact page, next to the form"
    return "on the contact page, beside the phone number and email address"


@rule("reassurance.response_promise")
def response_promise(site: SiteModel) -> Result:
    promises = [(u, f) for u, f in said(site)
                if f.data.get("kind") == "response_time"]
    if not promises:
        return Result.failed("The site never says when a visitor will get an answer.")
    near = _near_contact(site)

    def rank(pair: tuple[str, Fact]) -> tuple[float, int]:
        days = promise_days(pair[1].data.get("promise"))
        return (days if days is not None else 99.0, 0 if pair[0] in near else 1)

    url, fact = min(promises, key=rank)
    days = promise_days(fact.data.get("promise"))
    ev = [Evidence(url, fact.selector, fact.snippet, fact.value)]
    if days is None:
        return Result.warned(f"The promise is vague: “{fact.value}”.", evidence=ev,
                             recommendation="Give a number: 'We reply within one business "
                                            "day' instead of 'as soon as possible'.")
    if days > 3:
        return Result.failed(f"The promised reply time is long: “{fact.value}”.", evidence=ev,
                             recommendation="Aim to answer within one business day and say "
                                            f"so {_where(site)}.")
    if days > 1:
        return Result.warned(f"Replies are promised in {days:g} days: “{fact.value}”.",
                             evidence=ev, recommendation="Customers expect an answer within a "
                             "day: promise one business day if you can keep it.")
    if near and url not in near:
        return Result.warned(
            f"A quick reply is promised, but not where visitors write to you: “{fact.value}”.",
            evidence=ev, recommendation=f"Repeat the promise {_where(site)}.")
    return Result.passed(f"Visitors are told when they will hear back: “{fact.value}”.",
                         evidence=ev)


@rule("reassurance.human_touch")
def human_touch(site: SiteModel) -> Result:
    # A bare "Contact us" button only asks (data["cta"]): it says nobody will answer.
    found = [(u, f) for u, f in said(site)
             if f.data.get("kind") in _HUMAN_KINDS and not f.data.get("cta")]
    if found:
        found.sort(key=lambda p: (_HUMAN_KINDS.index(p[1].data["kind"]),
                                  site.depth(p[0]) if site.depth(p[0]) is not None else 99))
        return Result.passed(f"The site speaks like people who will help: “{found[0][1].value}”.",
                             evidence=fact_evidence(found, 3))
    return Result.warned("Nothing on the site says a real person will help.")


@rule("reassurance.anti_patterns")
def anti_patterns(site: SiteModel) -> Result:
    found = [(u, f) for u, f in said(site)
             if f.data.get("kind") == "anti_pattern"]
    if voice_phones(site) or [i for i in visible(site, "email") if not i.data("noreply")]:
        # A bot next to a phone number or a read mailbox is not a dead end.
        found = [(u, f) for u, f in found if f.data.get("anti") != "bot_only"]
    kinds = sorted({f.data.get("anti") or "other" for _, f in found})
    if not found:
        return Result.passed("No off-putting contact message was found.")
    first: dict[str, tuple[str, Fact]] = {}
    for u, f in found:
        first.setdefault(f.data.get("anti") or "other", (u, f))
    ev = fact_evidence(first.values())
    quoted = "; ".join(f"“{f.value}”" for _, f in list(first.values())[:2])
    if len(kinds) == 1:
        return Result.warned(f"One off-putting message: {quoted}.", evidence=ev)
    return Result.failed(f"{len(kinds)} kinds of off-putting message: {quoted}.", evidence=ev)


CHECKS: list[Check] = [response_promise, human_touch, anti_patterns]
