"""D7 Consistent help, WCAG 2.2 SC 3.2.6: help in the same order on every page.

The comparison itself lives with the ``help_order`` detector (:func:`conflicts`); these checks
decide which pages take part and what the result means.
"""

from __future__ import annotations

import re
from typing import Any

from checks.api import Check, Evidence, Result
from checks.detectors.help import MECHANISMS, conflicts, signature
from checks.model import SiteModel
from checks.rules.meta import rule


def _pages(site: SiteModel) -> dict[str, dict[str, Any]]:
    """Each audited HTML page's help_order data, home first then by depth (ties: URL)."""
    out: dict[str, dict[str, Any]] = {}
    for url, f in site.facts_of("help_order"):
        info = site.pages.get(url)
        if info is not None and info.is_html and info.status < 400:
            out.setdefault(url, f.data)
    return dict(sorted(out.items(), key=lambda kv: (
        site.depth(kv[0]) is None, site.depth(kv[0]) or 0, kv[0])))


_NAMES = {"phone": "the phone number", "email": "the email address",
          "contact_link": "the contact link", "self_help": "the help/FAQ link",
          "chat": "the chat", "form": "the contact form"}
_TOKEN = re.compile(r"(\w+):(\w+)(?:#(\d+))?")
_BEFORE = re.compile(r"^(\S+) before (\S+) \(most pages: after\)$")


def readable(reason: str) -> str:
    """A disagreement as a sentence.

    >>> readable("footer:contact_link before footer:phone (most pages: after)")
    'the contact link (footer) comes before the phone number (footer); most pages have it after'
    >>> readable("phone in header (most pages: footer)")
    'the phone number is in the header; most pages have it in the footer'
    """
    def name(token: str) -> str:
        m = _TOKEN.fullmatch(token)
        if not m:
            return token
        nth = f" (#{m.group(3)})" if m.group(3) else ""
        return f"{_NAMES.get(m.group(2), m.group(2))} ({m.group(1)}){nth}"

    m = _BEFORE.match(reason)
    if m:
        return f"{name(m.group(1))} comes before {name(m.group(2))}; most pages have it after"
    m = re.match(r"^(\w+) in ([\w, ]+) \(most pages: ([\w, ]+)\)$", reason)
    if m:
        return (f"{_NAMES.get(m.group(1), m.group(1))} is in the {m.group(2)}; most pages have "
                f"it in the {m.group(3)}")
    return reason


@rule("help.consistent_order")
def consistent_order(site: SiteModel) -> Result:
    pages = {u: d["sequence"] for u, d in _pages(site).items()
             if any(i.get("mechanism") in MECHANISMS for i in d.get("sequence", ()))}
    if len(pages) < 2:
        return Result.not_applicable("Fewer than two pages repeat a help mechanism outside the "
                                     "main content, so there is no order to compare.")
    bad = conflicts(pages)
    agree = 1 - len(bad) / len(pages)
    ev = [Evidence(u, "", "; ".join(map(readable, reasons))[:300], signature(pages[u]))
          for u, reasons in list(bad.items())[:10]]
    if not bad:
        return Result.passed(f"All {len(pages)} pages with repeated help put it in the same "
                             f"order ({signature(next(iter(pages.values())))}).")
    share = f"{len(bad)} of {len(pages)} pages"
    rec = (f"Check {next(iter(bad))} and the other listed pages: move the contact details and "
           "links to where the other pages have them (usually the shared footer template).")
    if agree >= 0.9:
        return Result("needs_review", f"{share} put help in another order than the rest; a "
                      "person should check them (SC 3.2.6 allows a different order only when "
                      "the user changes it).", evidence=ev, recommendation=rec)
    return Result.failed(f"{share} put help in another order than most pages: help moves "
                         "around the site.", evidence=ev, recommendation=rec)


@rule("help.coverage")
def coverage(site: SiteModel) -> Result:
    pages = _pages(site)
    if not pages:
        return Result.not_applicable("No page was audited.")
    without = [u for u, d in pages.items() if not d.get("any_help")]
    share = 1 - len(without) / len(pages)
    ev = [Evidence(u, "", site.pages[u].title if u in site.pages else "") for u in without[:10]]
    summary = f"{round(share * 100)}% of {len(pages)} pages offer a way to get help"
    if share >= 0.95:
        return Result.passed(summary + ".", evidence=ev)
    status = "warn" if share >= 0.6 else "fail"
    return Result(status, f"{summary}; {len(without)} offer none.", evidence=ev)


CHECKS: list[Check] = [consistent_order, coverage]
