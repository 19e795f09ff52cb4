"""D7 Consistent help, WCAG 2.2 SC 3.2.6: help in the same order on every page.

Each page's ``help_order`` fact holds its help mechanisms in DOM order (the detector
:mod:`checks.detectors.help`); comparing those sequences across pages is site-level work and
lives here: :func:`conflicts` (which pages put a mechanism in another order than most pages
do), :func:`compare` and :func:`help_share`. The checks decide which pages take part and what
the result means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from checks.api import Check, Evidence, Result
from checks.help_sequence import MARKER_BLOCK, MECHANISMS, signature
from checks.model import SiteModel
from checks.rules.meta import rule

# -- comparing pages (pure functions of the pages' sequences) ------------------------------------

_Order = tuple[str, ...]
"""A page's sequence as :func:`order_key` gives it."""


def order_key(sequence: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """The sequence as unique tokens in DOM order, comparable across pages.

    Markers become their block (``header``, ``main``, ``footer`` ...); a mechanism becomes
    ``block:mechanism``; the n-th repeat of a token on a page gets ``#n``.

    >>> order_key([{"mechanism": "header_start", "region": "header"},
    ...            {"mechanism": "contact_link", "region": "header"},
    ...            {"mechanism": "main", "region": "main"},
    ...            {"mechanism": "footer_start", "region": "footer"},
    ...            {"mechanism": "contact_link", "region": "footer"},
    ...            {"mechanism": "contact_link", "region": "footer"}])
    ('header', 'header:contact_link', 'main', 'footer', 'footer:contact_link', \
'footer:contact_link#2')
    """
    seen: Counter[str] = Counter()
    out: list[str] = []
    for item in sequence:
        mech = str(item.get("mechanism", ""))
        block = MARKER_BLOCK.get(mech)
        token = block if block is not None else f"{item.get('region', '')}:{mech}"
        seen[token] += 1
        out.append(token if seen[token] == 1 else f"{token}#{seen[token]}")
    return tuple(out)


def _mechanism(token: str) -> str:
    return token.partition(":")[2].partition("#")[0]


def conflicts(pages: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, list[str]]:
    """Pages whose help mechanisms are out of the order most pages use, with the reasons.

    Two rules, after the Understanding document of SC 3.2.6 ("content present across the set
    of pages that is before the help item should be before it on this page"):

    - order: for every pair of tokens found on two or more pages, at least one of them a help
      mechanism, the order most pages show wins (a tie goes to the first page, in the order
      given, that has both); a page showing the other order disagrees;
    - place: a mechanism found on two or more pages must share at least one block with the
      block set most of those pages use (a phone moved from the header to the footer).

    >>> a = [{"mechanism": "footer_start"}, {"mechanism": "phone", "region": "footer"},
    ...      {"mechanism": "contact_link", "region": "footer"}]
    >>> b = [a[0], a[2], a[1]]
    >>> conflicts({"/": a, "/about": a, "/catering": b})
    {'/catering': ['footer:contact_link before footer:phone (most pages: after)']}
    """
    keys = {url: order_key(seq) for url, seq in pages.items()}
    # Most pages of a site share a few orders: each distinct one is judged once, weighted.
    weight = Counter(keys.values())  # in first-seen order: ties go to the earliest page
    verdict: dict[_Order, list[str]] = {key: [] for key in weight}
    for key, reason in [*_order_disagreements(weight), *_place_disagreements(weight)]:
        verdict[key].append(reason)
    return {url: verdict[key] for url, key in keys.items() if verdict[key]}


def _order_disagreements(weight: Counter[_Order]) -> Iterator[tuple[_Order, str]]:
    """The order rule of :func:`conflicts`: (order, reason) for each pair an order has the
    other way round than most pages."""
    presence: Counter[str] = Counter()
    for key, n in weight.items():
        for t in set(key):
            presence[t] += n
    repeated = {t for t, n in presence.items() if n >= 2}
    votes: Counter[tuple[str, str]] = Counter()
    first: dict[frozenset[str], tuple[str, str]] = {}
    pairs: dict[_Order, list[tuple[str, str]]] = {}
    for key, n in weight.items():
        toks = [t for t in key if t in repeated]
        mine = [(a, b) for i, a in enumerate(toks) for b in toks[i + 1 :] if ":" in a or ":" in b]
        pairs[key] = mine
        for pair in mine:
            votes[pair] += n
            first.setdefault(frozenset(pair), pair)
    for key in weight:
        for a, b in pairs[key]:
            here, there = votes[(a, b)], votes[(b, a)]
            if there > here or (there == here and first[frozenset((a, b))] == (b, a)):
                yield key, f"{a} before {b} (most pages: after)"


def _place_disagreements(weight: Counter[_Order]) -> Iterator[tuple[_Order, str]]:
    """The place rule of :func:`conflicts`: (order, reason) for each mechanism an order puts in
    none of the blocks most pages put it in."""
    blocks: dict[_Order, dict[str, frozenset[str]]] = {}
    tally: dict[str, Counter[frozenset[str]]] = {}
    for key, n in weight.items():
        per: dict[str, set[str]] = {}
        for t in key:
            if ":" in t:
                per.setdefault(_mechanism(t), set()).add(t.partition(":")[0])
        blocks[key] = {m: frozenset(s) for m, s in per.items()}
        for m, where in blocks[key].items():
            tally.setdefault(m, Counter())[where] += n
    usual = {m: c.most_common(1)[0][0] for m, c in tally.items() if sum(c.values()) >= 2}
    for key in weight:
        for m, s in blocks[key].items():
            if m in usual and not s & usual[m]:
                yield key, (f"{m} in {', '.join(sorted(s))} "
                            f"(most pages: {', '.join(sorted(usual[m]))})")


def compare(pages: Mapping[str, Sequence[Mapping[str, Any]]]) -> tuple[str, list[str]]:
    """The most common signature and the pages that disagree with the majority order.

    ``pages`` maps a page (URL) to its ``help_order`` fact's ``data["sequence"]``, in crawl
    order (the home page first: it breaks ties). Disagreeing pages come in the given order.

    >>> a = [{"mechanism": "header_start"}, {"mechanism": "phone", "region": "header"},
    ...      {"mechanism": "main"}]
    >>> b = [{"mechanism": "main"}, {"mechanism": "footer_start"},
    ...      {"mechanism": "phone", "region": "footer"}]
    >>> compare({"/": a, "/x": a, "/y": b})
    ('header|phone|main', ['/y'])
    """
    if not pages:
        return "", []
    sigs = Counter(signature(seq) for seq in pages.values())
    majority = sigs.most_common(1)[0][0]
    bad = conflicts(pages)
    return majority, [url for url in pages if url in bad]


def help_share(any_help: Iterable[bool]) -> float:
    """The share of pages that offer any help mechanism (their facts' ``data["any_help"]``).

    >>> help_share([True, True, False, True])
    0.75
    """
    flags = list(any_help)
    return sum(flags) / len(flags) if flags else 0.0


# -- the checks -----------------------------------------------------------------------------------


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
