"""Build the JSON report contract (schema_version "1") from the site model and results.

Every output format renders this dict; outside tools read it. Keep its names.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from checks.api import CheckMeta, Result
from checks.detectors.persons.names import fold
from checks.model import ContactItem, Occurrence, PageInfo, SiteModel
from checks.scoring import CategoryScore, grade
from contactable import __version__

SCHEMA_VERSION = "1"


def _pages(item: ContactItem) -> list[dict[str, Any]]:
    return [
        {"url": o.url, "depth": o.depth, "region": o.fact.region, "method": o.fact.method,
         "visible": o.fact.visible}
        for o in item.pages()
    ]


def _email(item: ContactItem) -> dict[str, Any]:
    out = {
        "value": item.value,
        "method": item.method,
        "pages": _pages(item),
        "min_depth": item.min_depth,
        "visible": item.visible,
        "noreply": bool(item.data("noreply", False)),
    }
    ascii_form = item.data("ascii")
    if ascii_form and ascii_form != item.value:
        out["ascii"] = ascii_form
    return out


def _phone(item: ContactItem) -> dict[str, Any]:
    return {
        "value": item.value,
        "display": item.data("display") or item.value,
        "kind": item.data("kind") or "phone",
        "method": item.method,
        "pages": _pages(item),
        "min_depth": item.min_depth,
        "visible": item.visible,
        "premium": bool(item.data("premium", False)),
    }


def third_parties(site: SiteModel) -> list[dict[str, Any]]:
    """Numbers and addresses that belong to someone else (an emergency line, a restaurant on a
    page about the neighbourhood, the web designer): evidence, never the business's contact.
    A value the site also shows as its own is the business's and is left out here."""
    own = {i.value.lower() for kind in ("phone", "email") for i in site.contacts(kind)}
    out: list[dict[str, Any]] = []
    for kind in ("phone", "email"):
        for item in site.contacts(f"third_party_{kind}"):
            if item.value.lower() in own:
                continue
            out.append({
                "type": kind, "value": item.value,
                "display": item.data("display") or item.value,
                "kind": item.data("kind") or "third_party", "reason": item.data("reason") or "",
                "method": item.method, "pages": _pages(item), "min_depth": item.min_depth,
                "visible": item.visible,
            })  # fmt: skip
    return out


def _richest(item: ContactItem, key: str) -> Any:
    """The longest non-empty value of ``key`` across an item's occurrences."""
    values = [o.fact.data.get(key) for o in item.occurrences if o.fact.data.get(key)]
    return max(values, key=lambda v: len(v) if isinstance(v, (str, list)) else 0, default=None)


def _union(item: ContactItem, key: str) -> list[str]:
    seen: dict[str, None] = {}
    for o in item.occurrences:
        for v in o.fact.data.get(key) or ():
            seen.setdefault(v, None)
    return list(seen)


# Where a role is most trustworthy: markup, then legal notices, then team cards, then prose.
_ROLE_SOURCES = ("schema", "hcard", "impressum", "team_card", "role_pattern", "by", "ask_for")


def _role(item: ContactItem) -> str:
    ranked = sorted((o.fact for o in item.occurrences if o.fact.data.get("role")),
                    key=lambda f: _ROLE_SOURCES.index(f.data.get("source"))
                    if f.data.get("source") in _ROLE_SOURCES else len(_ROLE_SOURCES))
    return str(ranked[0].data["role"]) if ranked else ""


def persons(site: SiteModel) -> list[ContactItem]:
    """The site's persons, each written several ways reported once, under its fullest name.

    "Sara Vandamme" and "Sara Van Damme" are one spelling; "Javier Ruiz" (a footer) and
    "Javier Ruiz Moreno" (the team page) are one person when only one fuller name on the site
    holds the shorter one's words; "Ask for Jane" and "Jane Smith, Owner" likewise when the
    site names one Jane. With two fuller names that fit, the shorter one stays on its own.
    """
    # Copies: the site model's own items stay as the checks saw them.
    items = [ContactItem(i.kind, i.value, list(i.occurrences)) for i in site.contacts("person")]
    order = {id(i): n for n, i in enumerate(items)}
    out: list[ContactItem] = []
    # Fullest names first, so that each is there to receive the shorter ones.
    for item in sorted(items, key=lambda i: -len(_name_words(i.value))):
        words = _name_words(item.value)
        compact = "".join(words)
        same = [o for o in out if "".join(_name_words(o.value)) == compact]
        fuller = same or [o for o in out if _holds(_name_words(o.value), words)]
        if len(fuller) == 1:
            fuller[0].occurrences.extend(item.occurrences)
        else:
            out.append(item)
    return sorted(out, key=lambda i: order[id(i)])


def _name_words(name: str) -> list[str]:
    return fold(name).replace("-", " ").split()


def _holds(full: list[str], short: list[str]) -> bool:
    """Whether ``full`` is a fuller form of ``short``: the same first word, and every other
    word of ``short`` in ``full`` ("mychal gallop" in "mychal joseph gallop")."""
    return (len(full) > len(short) and full[0] == short[0]
            and set(short[1:]) <= set(full[1:]))


def _person(item: ContactItem) -> dict[str, Any]:
    return {
        "name": item.value,
        "role": _role(item),
        "emails": _union(item, "emails"),
        "phones": _union(item, "phones"),
        "method": item.method,
        "source": item.data("source") or "",
        "pages": _pages(item),
        "min_depth": item.min_depth,
        "visible": item.visible,
        "business_name": any(o.fact.data.get("business_name") for o in item.occurrences),
    }


def reassurances(site: SiteModel) -> list[ContactItem]:
    """Reassuring sentences merged by text and kind: one sentence may both invite and promise.
    """
    merged: dict[tuple[str, str, str], ContactItem] = {}
    for url, f in site.facts_of("reassurance"):
        key = (f.value.casefold(), str(f.data.get("kind")), str(f.data.get("anti")))
        item = merged.setdefault(key, ContactItem("reassurance", f.value))
        item.occurrences.append(Occurrence(url, site.depth(url), f))
    return sorted(merged.values(),
                  key=lambda i: (i.min_depth is None, i.min_depth or 0, -len(i.occurrences)))


def _reassurance(item: ContactItem) -> dict[str, Any]:
    return {
        "text": item.value,
        "kind": item.data("kind") or "",
        "anti": item.data("anti"),
        "language": item.data("language") or "",
        "promise": item.data("promise"),
        "cta": bool(item.data("cta")),
        "pages": _pages(item),
        "min_depth": item.min_depth,
        "visible": item.visible,
    }


def _channel(item: ContactItem) -> dict[str, Any]:
    return {
        "value": item.value,
        "type": item.data("type") or "",
        "provider": item.data("provider") or "",
        "confirmed": item.data("confirmed"),
        "handle": item.data("handle"),
        "pages": _pages(item),
        "min_depth": item.min_depth,
    }


def _place(item: ContactItem) -> dict[str, Any]:
    return {"value": item.value, "method": item.method, "pages": _pages(item),
            "min_depth": item.min_depth}


def _check(meta: CheckMeta, res: Result) -> dict[str, Any]:
    return {
        "id": meta.id,
        "title": meta.title,
        "description": meta.description,
        "category": meta.category,
        "status": res.status,
        "score": round(res.score or 0.0, 3),
        "weight": meta.weight,
        "summary": res.summary,
        "recommendation": res.recommendation,
        "help_url": meta.help_url,
        "source": meta.source,
        "evidence": [
            {"url": e.url, "selector": e.selector, "snippet": e.snippet, "value": e.value}
            for e in res.evidence
        ],
    }


# A hostile site can put 200 addresses on each of 300 pages: the report keeps, per kind, the
# nearest items, and per item the nearest pages, and says how many more there were (the checks
# have already seen them all).
MAX_ITEMS, MAX_PAGES = 200, 50


def _bounded(contacts: dict[str, Any]) -> dict[str, int]:
    more: dict[str, int] = {}
    for kind, items in contacts.items():
        if not isinstance(items, list):
            continue
        if len(items) > MAX_ITEMS:
            more[kind] = len(items) - MAX_ITEMS
            del items[MAX_ITEMS:]
        for item in items:
            pages = item.get("pages") if isinstance(item, dict) else None
            if isinstance(pages, list) and len(pages) > MAX_PAGES:
                item["pages_more"] = len(pages) - MAX_PAGES
                del pages[MAX_PAGES:]
    return more


def _via_rendered(site: SiteModel, page: PageInfo) -> bool:
    """The shortest path reaches ``page`` by a link that exists only after rendering."""
    via = site.pages.get(page.via) if page.via else None
    return via is not None and page.url in via.rendered_links


def _render_summary(site: SiteModel) -> dict[str, Any]:
    """How pages were rendered, and which ones probably needed it but were not."""
    pages = site.html_pages
    return {
        "mode": site.render.get("mode", "never"),
        "available": bool(site.render.get("available")),
        "unavailable": site.render.get("unavailable") or None,
        "rendered": sum(p.rendered for p in pages),
        "needs_rendering": [{"url": p.url, "reason": p.render_reason}
                            for p in site.not_rendered[:MAX_ITEMS]],
        "blocked": list(site.render.get("blocked") or []),
    }


# The report's contact lists and the site model's kinds they come from.
_RENDERED_KINDS = {"emails": "email", "phones": "phone", "channels": "channel",
                   "opening_hours": "opening_hours", "addresses": "address"}


def _mark_rendered(site: SiteModel, report: dict[str, Any]) -> None:
    """``rendered: true`` on each contact item found only after pages' scripts ran, and on
    each of its pages where it was; ``via_rendered_link`` on contact pages reached so."""
    contacts = report["contacts"]
    for key, kind in _RENDERED_KINDS.items():
        items = {i.value.lower(): i for i in site.contacts(kind)}
        _mark_items(site, contacts[key], items, "value")
    _mark_items(site, contacts["persons"], {i.value.lower(): i for i in persons(site)}, "name")
    _mark_items(site, contacts["reassurances"],
                {i.value.lower(): i for i in reassurances(site)}, "text")
    for cp in contacts["contact_pages"]:
        page = site.pages.get(cp["url"])
        cp["via_rendered_link"] = page is not None and _via_rendered(site, page)


def _mark_items(site: SiteModel, out: list[dict[str, Any]], items: dict[str, ContactItem],
                key: str) -> None:
    for entry in out:
        item = items.get(str(entry.get(key, "")).lower())
        if item is None:
            continue
        if site.rendered_only(item):
            entry["rendered"] = True
        where = {o.url for o in item.occurrences if o.fact.data.get("rendered")}
        for pg in entry.get("pages", ()):
            if pg.get("url") in where:
                pg["rendered"] = True


def build_report(
    site: SiteModel,
    results: list[tuple[CheckMeta, Result]],
    categories: list[CategoryScore],
    overall: float | None,
) -> dict[str, Any]:
    """The report dict, ready for ``json.dumps``."""
    html_pages = site.html_pages
    unread = [*site.unread, *(
        {"url": p.url, "reason": "http_status", "detail": f"HTTP {p.status}"}
        for p in site.pages.values() if p.status >= 400
    )]
    value = overall if overall is not None else 0.0
    forms = [
        {**f.data, "url": u, "action": f.data.get("action", f.value), "region": f.region,
         "selector": f.selector, "depth": site.depth(u)}
        for u, f in site.facts_of("form")
    ]
    report: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "contactable", "version": __version__},
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "site": {
            "start_url": site.start_url,
            "final_url": site.final_url,
            "pages_crawled": len(html_pages),
            "pages_unread": len(unread),
            "complete": site.complete,
            "stop_reason": site.stop_reason,
            "duration_s": site.duration_s,
            "region": site.region,
            "render": _render_summary(site),
        },
        "score": value,
        "grade": grade(value),
        "categories": [
            {"id": c.id, "title": c.title, "score": c.score, "weight": c.weight}
            for c in categories
        ],
        "checks": [_check(m, r) for m, r in results],
        "contacts": {
            "emails": [_email(i) for i in site.contacts("email")],
            "phones": [_phone(i) for i in site.contacts("phone")],
            "persons": [_person(i) for i in persons(site)],
            "reassurances": [_reassurance(i) for i in reassurances(site)],
            "contact_pages": [{"url": p.url, "depth": p.depth} for p in site.contact_pages()],
            "forms": forms,
            "channels": [_channel(i) for i in site.contacts("channel")],
            "opening_hours": [_place(i) for i in site.contacts("opening_hours")],
            "addresses": [_place(i) for i in site.contacts("address")],
            "third_party": third_parties(site),
        },
        "pages": [
            {"url": p.url, "depth": p.depth, "status": p.status, "title": p.title,
             "linked": p.depth is not None, "via": p.via, "rendered": p.rendered,
             "render_reason": p.render_reason or None,
             "via_rendered_link": _via_rendered(site, p)}
            for p in sorted(html_pages, key=lambda p: (p.depth is None, p.depth or 0, p.url))
        ],
        "unread": unread,
        "warnings": list(site.warnings),
    }
    _mark_rendered(site, report)
    more = _bounded(report["contacts"])
    if more:
        report["contacts_more"] = more
    return report
