"""D10 Other channels, hours and address: more than one way in, and a place behind the site.

>>> from checks.facts import Fact
>>> hours = Fact("opening_hours", "Mo-Fr 09:00-17:00", "text", "footer")
>>> s = SiteModel.build("https://a.test/", "https://a.test/",
...                     [{"url": "https://a.test/", "status": 200, "facts": [hours]}])
>>> opening_hours(s).status
'pass'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from checks.api import Check, Evidence, Result
from checks.facts import Fact
from checks.lexicons import load
from checks.model import ContactItem, SiteModel
from checks.rules.common import item_evidence, said, visible, voice_phones
from checks.rules.forms import contact_form
from checks.rules.meta import rule

# Chat products that answer with a bot first and hand over to staff only if configured
# (vendors' own product pages); the live-chat tools of the channels lexicon (Intercom, Tawk.to,
# LiveChat, Crisp ...) put a person first. A lexicon entry may also say "bot_first": true.
BOT_FIRST = frozenset({
    "ada", "botpress", "botsonic", "chatbase", "chatbot", "dialogflow", "kore", "landbot",
    "manychat", "voiceflow", "watson", "yellow",
})
# An availability promise that someone will ring the visitor ("we call you back"), EN/DE/FR/ES.
CALL_BACK = re.compile(
    r"call(?:ing)?\s+(?:you\s+)?back|call-?back|ring\s+you\s+back|r[üu]ckruf|zur[üu]ckrufen|"
    r"rufen\s+(?:wir\s+)?(?:sie\s+|dich\s+)?zur[üu]ck|rappel|devolv\w*\s+(?:la\s+)?llamada|"
    r"(?:le|te|les)\s+llamamos",
    re.IGNORECASE,
)
REAL_TIME = ("phone", "chat", "messaging")
_SUGGEST = (("phone", "a phone number"), ("email", "an email address"),
            ("form", "a contact form"), ("messaging", "a WhatsApp link"),
            ("post", "your street address"))
LABELS = {
    "phone": "phone", "email": "email", "form": "contact form", "chat": "chat",
    "messaging": "messaging app", "social": "social media", "call_back": "call-back",
    "post": "post",
}


def _channels(site: SiteModel, kind: str) -> list[tuple[str, Fact]]:
    return [(u, f) for u, f in site.facts_of("channel") if f.data.get("type") == kind]


def _provider(f: Fact) -> str:
    return str(f.data.get("provider") or f.value.partition(":")[2] or f.value).lower()


@cache
def _chat_lexicon() -> tuple[dict[str, str], frozenset[str]]:
    """Display names of chat providers, and the bot-first ones (BOT_FIRST and flagged)."""
    rules = load("channels").get("chat", [])
    names = {str(r["provider"]): str(r.get("name") or r["provider"]) for r in rules}
    flagged = {str(r["provider"]) for r in rules if r.get("bot_first")}
    return names, BOT_FIRST | flagged


def _name(f: Fact) -> str:
    p = _provider(f)
    return _chat_lexicon()[0].get(p, p)


def _chats(site: SiteModel) -> list[tuple[str, Fact]]:
    # A loader script alone (HubSpot tracking, say) does not prove a chat is offered.
    return [(u, f) for u, f in _channels(site, "chat") if f.data.get("confirmed", True)]


def _is_bot(f: Fact) -> bool:
    return bool(f.data.get("bot_first")) or _provider(f) in _chat_lexicon()[1]


def _ev(pairs: Iterable[tuple[str, Fact]], limit: int = 1) -> list[Evidence]:
    return [Evidence(u, f.selector, f.snippet, f.value) for u, f in list(pairs)[:limit]]


def _and(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else f"{', '.join(words[:-1])} and {words[-1]}"


def _street(f: Fact) -> bool:
    return bool(f.data.get("street")) and bool(f.data.get("postcode"))


def _replying_emails(site: SiteModel) -> list[ContactItem]:
    """Visible email addresses that are not no-reply ones."""
    return [i for i in visible(site, "email") if not i.data("noreply", False)]


def _staffed_chats(site: SiteModel) -> list[tuple[str, Fact]]:
    return [(u, f) for u, f in _chats(site) if not _is_bot(f)]


def _call_backs(site: SiteModel) -> list[tuple[str, Fact]]:
    """Promises that someone rings the visitor back."""
    return [(u, f) for u, f in said(site)
            if f.data.get("kind") == "availability"
            and CALL_BACK.search(f"{f.value} {f.data.get('phrase') or ''}")]


def _postal(site: SiteModel) -> list[tuple[str, Fact]]:
    """Visible addresses that a letter can go to: a street or a PO box."""
    return [(u, f) for u, f in site.facts_of("address")
            if f.visible and (f.data.get("street") or f.data.get("po_box"))]


def _ways_in(site: SiteModel) -> dict[str, list[Evidence]]:
    """Every way in that the site offers, by kind (the keys of LABELS, in their order), each
    with the evidence of one; a chat's is a staffed one when there is one."""
    phones, emails, form = voice_phones(site), _replying_emails(site), contact_form(site)
    offered = {
        "phone": item_evidence(phones, 1) if phones else None,
        "email": item_evidence(emails, 1) if emails else None,
        "form": _ev([form]) if form else None,
        "chat": _ev(_staffed_chats(site) or _chats(site)),
        "messaging": _ev(_channels(site, "messaging")),
        "social": _ev(_channels(site, "social")),
        "call_back": _ev(_call_backs(site)),
        "post": _ev(_postal(site)),
    }
    return {kind: ev for kind, ev in offered.items() if ev}


def _real_time(site: SiteModel, found: dict[str, list[Evidence]]) -> list[str]:
    """The kinds found that reach a person at once: a phone, a staffed chat, messaging."""
    staffed = bool(_staffed_chats(site))
    return [k for k in REAL_TIME if k in found and (k != "chat" or staffed)]


@rule("channels.diversity")
def diversity(site: SiteModel) -> Result:
    found = _ways_in(site)
    evidence = [e for ev in found.values() for e in ev]
    listed = ", ".join(LABELS[k] for k in found) or "none"
    if len(found) < 3:
        return _too_few(found, listed, evidence)
    live = _real_time(site, found)
    if live:
        return Result.passed(f"{len(found)} ways to get in touch ({listed}); "
                             f"the {LABELS[live[0]]} reaches a person in real time.",
                             evidence=evidence)
    return Result.warned(
        f"{len(found)} ways to get in touch ({listed}), but none reaches a person in "
        "real time.", evidence=evidence,
        recommendation=f"Next to your {listed}, give a phone number or a staffed live "
        "chat so urgent questions get an answer at once.")


def _too_few(found: dict[str, list[Evidence]], listed: str, evidence: list[Evidence]) -> Result:
    """Fewer than three ways in: say which to add, next to the ones there are."""
    missing = [text for k, text in _SUGGEST if k not in found]
    names = [LABELS[k] for k in found]
    have = f" next to your {_and(names)}" if names else ""
    advice = f"Offer at least three channels: add {_and(missing[:3 - len(found)])}{have}."
    if len(found) == 2:
        return Result.warned(f"Only two ways to get in touch: {listed}.", evidence=evidence,
                             recommendation=advice)
    summary = (f"Only one way to get in touch: {listed}." if found else
               "No way to get in touch was found.")
    return Result.failed(summary, evidence=evidence, recommendation=advice)


@rule("channels.opening_hours")
def opening_hours(site: SiteModel) -> Result:
    hours = list(site.facts_of("opening_hours"))
    # A timetable says more than "24/7" or "open 7 days": show it first.
    shown = sorted(((u, f) for u, f in hours if f.visible),
                   key=lambda p: bool(p[1].data.get("always")))
    if shown:
        return Result.passed(f"Opening hours are given: {shown[0][1].value}.",
                             evidence=_ev(shown, 2))
    marked = hours + [(u, f) for u, f in site.facts_of("organization")
                      if f.data.get("opening_hours")]
    if marked:
        u, f = marked[0]
        value = (f.value if f.kind == "opening_hours"
                 else "; ".join(map(str, f.data["opening_hours"])))
        return Result.warned(
            "Opening hours are only in the structured data, which visitors do not see.",
            evidence=[Evidence(u, f.selector, f.snippet, value)],
            recommendation=f"Show the hours from your structured data ({value}) on the "
            "contact page and next to the phone number.")
    return Result.warned("No opening hours were found.")


@rule("channels.bot_fallback")
def bot_fallback(site: SiteModel) -> Result:
    chats = _chats(site)
    bot_only = [(u, f) for u, f in said(site)
                if f.data.get("anti") == "bot_only"]
    bots = [(u, f) for u, f in chats if _is_bot(f)] + bot_only
    if not bots:
        if chats:
            return Result.passed(f"The chat ({_name(chats[0][1])}) is a live-chat tool "
                                 "staffed by people.", evidence=_ev(chats))
        return Result.not_applicable("No chat widget or chat bot was found.")
    phones = voice_phones(site)
    emails = _replying_emails(site)
    human = [(u, f) for u, f in said(site)
             if f.data.get("kind") == "human" and f.visible]
    fallback = item_evidence(phones, 1) + item_evidence(emails, 1) + _ev(human)
    what = (f"the {_name(bots[0][1])} chat bot" if bots[0][1].kind == "channel"
            else "a virtual assistant")
    if fallback:
        return Result.passed(f"Next to {what}, visitors can reach a person "
                             f"({fallback[0].value}).", evidence=_ev(bots) + fallback[:1])
    return Result.warned(
        f"The site offers {what} but no phone number, email address or promise of a person.",
        evidence=_ev(bots, 2),
        recommendation=f"Next to {what}, show a phone number or email address, or a "
        "'talk to a person' option that hands the chat over to staff.")


@rule("channels.address")
def address(site: SiteModel) -> Result:
    addresses = list(site.facts_of("address"))
    streets = [(u, f) for u, f in addresses if _street(f)]
    shown = [(u, f) for u, f in streets if f.visible]
    if shown:
        return Result.passed(f"A street address is given: {shown[0][1].value}.",
                             evidence=_ev(shown))
    if streets:
        u, f = streets[0]
        return Result.warned(
            "The street address is only in the structured data, which visitors do not see.",
            evidence=_ev(streets),
            recommendation=f"Show your address ({f.value}) in the footer or on the contact "
            "page.")
    partial = [(u, f) for u, f in addresses if f.data.get("street") and f.visible]
    if partial:
        u, f = partial[0]
        return Result.warned(f"The address {f.value} has no postcode.", evidence=_ev(partial),
                             recommendation=f"Add the postcode to the address on {u}.")
    boxes = [(u, f) for u, f in addresses if f.data.get("po_box")]
    if boxes:
        u, f = boxes[0]
        return Result.failed(f"No street address found: only a PO box ({f.value}).",
                             evidence=_ev(boxes),
                             recommendation="Give the street address where you work, with "
                             f"postcode, next to the PO box on {u}.")
    return Result.failed("No street address found.")


CHECKS: list[Check] = [diversity, opening_hours, bot_fallback, address]
