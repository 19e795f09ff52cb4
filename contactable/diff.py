"""What changed since a baseline report: two report dicts in, a ``diff`` dict out.

Pure functions of the JSON contract, so the same diff serves ``--baseline``, a batch's
history and a pull-request comment. Contacts are matched by what a visitor would call the
same item (an address without regard to case, a phone's E.164 number, a person's name, a
promise's sentence with its spacing folded); checks by id. Every change is one row with a
plain-text ``text`` that every format shows (escaped there: it holds crawled text), sorted
most important first: what got worse, then what got better, then the rest.

>>> old = {"site": {"start_url": "https://www.a.test/"}, "score": 80, "grade": "B",
...        "contacts": {"emails": [{"value": "Hi@a.test", "min_depth": 1}]}, "checks": []}
>>> new = {"site": {"start_url": "https://a.test/"}, "score": 70, "grade": "B",
...        "contacts": {"emails": []}, "checks": []}
>>> d = compare(old, new)
>>> d["same_site"], d["regression"], [c["text"] for c in d["changes"]]
(True, True, ['Email lost: Hi@a.test (was 1 click away)'])
>>> compare(new, new)["changes"], compare(new, new)["regression"]
([], False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

# A check's status from best to worst; not_applicable sits outside the order (a check that
# stops applying is a change, not a regression: what it measured shows in the contacts).
_STATUS_RANK = {"pass": 0, "needs_review": 1, "warn": 2, "fail": 3, "error": 3}
# Order of the rows: regressions first, as a pull-request comment is read top down.
_CHANGE_ORDER = ("lost", "worse", "gained", "better", "changed", "new", "removed")
_AREA_ORDER = ("email", "phone", "person", "promise", "contact_link", "check", "category")
_AREA_LABEL = {"email": "Email", "phone": "Phone", "person": "Named person",
               "promise": "Promise"}
SCORE_EPSILON = 0.0005
"""Check scores are rounded to 3 places in the report: smaller moves are noise."""


def site_host(report: Mapping[str, Any]) -> str:
    """The start URL's host, lower case, without ``www.`` and port: two audits of one site
    compare equal whatever the scheme, and a folder served on a new loopback port each run
    stays the same site.

    >>> site_host({"site": {"start_url": "HTTPS://WWW.Shop.example:8443/x"}})
    'shop.example'
    """
    site = _map(report.get("site"))
    url = str(site.get("start_url") or site.get("final_url") or "")
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return host.lower().removeprefix("www.")


def _map(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _depth(item: Mapping[str, Any]) -> int | None:
    d = item.get("min_depth")
    return d if isinstance(d, int) and not isinstance(d, bool) else None


def _clicks(depth: int | None) -> str:
    # The reports' wording (reports.view.clicks), repeated: contactable must not need reports
    # to build a diff, and this is one line.
    if depth is None:
        return "not linked from the start page"
    if depth == 0:
        return "on the start page"
    return f"{depth} click{'s' if depth != 1 else ''} away"


def _fold(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


# Each contact area: the report's list, the key that says two entries are one item, and what
# a person reads as the item.
_AREAS: dict[str, tuple[str, Callable[[Mapping[str, Any]], str],
                        Callable[[Mapping[str, Any]], str]]] = {
    "email": ("emails", lambda i: _fold(i.get("value")), lambda i: str(i.get("value") or "")),
    "phone": ("phones", lambda i: str(i.get("value") or ""),
              lambda i: str(i.get("display") or i.get("value") or "")),
    "person": ("persons", lambda i: _fold(i.get("name")), lambda i: str(i.get("name") or "")),
    "promise": ("reassurances", lambda i: _fold(i.get("text")),
                lambda i: " ".join(str(i.get("text") or "").split())),
}


def _items(report: Mapping[str, Any], area: str) -> dict[str, Mapping[str, Any]]:
    key_list, key, _label = _AREAS[area]
    out: dict[str, Mapping[str, Any]] = {}
    for item in _list(_map(report.get("contacts")).get(key_list)):
        if area == "promise" and item.get("anti"):
            continue  # "we do not take calls" is no promise to gain or lose
        k = key(item)
        if k and (k not in out or _closer(item, out[k])):
            out[k] = item
    return out


def _closer(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    da, db = _depth(a), _depth(b)
    return da is not None and (db is None or da < db)


def _row(area: str, change: str, ident: str, label: str, before: Any, after: Any,
         text: str, regression: bool) -> dict[str, Any]:
    return {"area": area, "change": change, "id": ident, "label": label, "before": before,
            "after": after, "text": text, "regression": regression}


def _contact_rows(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for area, (_lst, _key, label_of) in _AREAS.items():
        name = _AREA_LABEL[area]
        before, after = _items(old, area), _items(new, area)
        for k, item in before.items():
            label = label_of(item)
            if k not in after:
                rows.append(_row(area, "lost", k, label, _depth(item), None,
                                 f"{name} lost: {label} (was {_clicks(_depth(item))})", True))
                continue
            was, now = _depth(item), _depth(after[k])
            if was == now:
                continue
            worse = now is None or (was is not None and now > was)
            rows.append(_row(area, "worse" if worse else "better", k, label, was, now,
                             f"{name} {label}: {_clicks(now)}, was {_clicks(was)}", worse))
        for k, item in after.items():
            if k not in before:
                label = label_of(item)
                rows.append(_row(area, "gained", k, label, None, _depth(item),
                                 f"{name} gained: {label} ({_clicks(_depth(item))})", False))
    return rows


def _placement(report: Mapping[str, Any]) -> dict[str, Any]:
    """Where the contact link is: the placement check's verdict and the nearest contact page."""
    chk = next((c for c in _list(report.get("checks"))
                if c.get("id") == "findability.contact_link_placement"), {})
    depths = [p.get("depth") for p in _list(_map(report.get("contacts")).get("contact_pages"))]
    known = [d for d in depths if isinstance(d, int)]
    return {"status": chk.get("status"), "summary": str(chk.get("summary") or ""),
            "depth": min(known) if known else None, "found": bool(depths)}


def _reach(p: Mapping[str, Any]) -> float:
    # Clicks to the nearest contact page: an unlinked one is far, none at all is farther.
    if not p["found"]:
        return float("inf")
    return float(p["depth"]) if p["depth"] is not None else 1e6


def _contact_link_rows(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    was, now = _placement(old), _placement(new)
    if (was["status"], was["depth"], was["found"]) == (now["status"], now["depth"],
                                                       now["found"]):
        return []
    rank_was, rank_now = _STATUS_RANK.get(was["status"]), _STATUS_RANK.get(now["status"])
    if rank_was is not None and rank_now is not None and rank_was != rank_now:
        worse = rank_now > rank_was
    else:
        worse = _reach(now) > _reach(was)

    def say(p: Mapping[str, Any]) -> str:
        page = (f"contact page {_clicks(p['depth'])}" if p["found"] else "no contact page")
        return f"{p['summary'] or 'placement not checked'} ({page})"

    return [_row("contact_link", "worse" if worse else "better", "contact_link",
                 "Contact link", was, now,
                 f"Contact link: {say(now)}; was: {say(was)}", worse)]


def _status_change(was: Mapping[str, Any], now: Mapping[str, Any]) -> str | None:
    """``worse``, ``better``, ``changed`` (to or from not applicable) or None (no change)."""
    s_was, s_now = was.get("status"), now.get("status")
    score_was, score_now = _num(was.get("score")), _num(now.get("score"))
    moved = abs(score_now - score_was) >= SCORE_EPSILON
    if s_was == s_now and not moved:
        return None
    r_was, r_now = _STATUS_RANK.get(str(s_was)), _STATUS_RANK.get(str(s_now))
    if r_was is None or r_now is None:
        return "changed"
    if r_was != r_now:
        return "worse" if r_now > r_was else "better"
    if not moved:
        return "changed"
    return "worse" if score_now < score_was else "better"


def _num(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def _check_rows(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    before = {str(c.get("id")): c for c in _list(old.get("checks"))}
    after = {str(c.get("id")): c for c in _list(new.get("checks"))}
    rows = []
    for ident, now in after.items():
        title = str(now.get("title") or ident)
        state = f"{now.get('status')} ({_num(now.get('score')):.2f})"
        if ident not in before:
            rows.append(_row("check", "new", ident, title, None, _state(now),
                             f"Check {ident} is new: {state}", False))
            continue
        was = before[ident]
        change = _status_change(was, now)
        if change is None:
            continue
        text = (f"Check {ident} {change}: {was.get('status')} ({_num(was.get('score')):.2f})"
                f" -> {state}: {now.get('summary') or title}")
        rows.append(_row("check", change, ident, title, _state(was), _state(now), text,
                         change == "worse"))
    for ident, was in before.items():
        if ident not in after:
            rows.append(_row("check", "removed", ident, str(was.get("title") or ident),
                             _state(was), None, f"Check {ident} no longer runs", False))
    return rows


def _state(chk: Mapping[str, Any]) -> dict[str, Any]:
    return {"status": chk.get("status"), "score": _num(chk.get("score")),
            "summary": str(chk.get("summary") or "")}


def _category_rows(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    before = {str(c.get("id")): c.get("score") for c in _list(old.get("categories"))}
    rows = []
    for cat in _list(new.get("categories")):
        ident = str(cat.get("id"))
        was, now = before.get(ident), cat.get("score")
        if not isinstance(was, (int, float)) or not isinstance(now, (int, float)):
            continue
        if abs(now - was) < 0.05:  # shown to one decimal
            continue
        change = "worse" if now < was else "better"
        rows.append(_row("category", change, ident, str(cat.get("title") or ident), was, now,
                         f"Category {cat.get('title') or ident}: {now:.1f}, was {was:.1f}",
                         False))  # a category moves because a check did: that row counts
    return rows


def _sort_key(row: Mapping[str, Any]) -> tuple[bool, bool, int, int]:
    # Categories last: each moved because a check above it did.
    return (not row["regression"], row["area"] == "category",
            _CHANGE_ORDER.index(row["change"]), _AREA_ORDER.index(row["area"]))


def compare(baseline: Mapping[str, Any], report: Mapping[str, Any]) -> dict[str, Any]:
    """The ``diff`` section of ``report`` against ``baseline`` (both report dicts)."""
    base_site = _map(baseline.get("site"))
    rows = [*_contact_rows(baseline, report), *_contact_link_rows(baseline, report),
            *_check_rows(baseline, report), *_category_rows(baseline, report)]
    rows.sort(key=_sort_key)  # stable: within a group, the reports' own order
    notes = []
    for which, rep in (("baseline", baseline), ("this audit", report)):
        site = _map(rep.get("site"))
        if site.get("complete") is False:
            notes.append(f"The crawl of {which} was incomplete ({site.get('stop_reason')}): "
                         "items on pages it did not reach may show as lost or gained.")
    score_was, score_now = _num(baseline.get("score")), _num(report.get("score"))
    counts = {c: sum(1 for r in rows if r["change"] == c) for c in _CHANGE_ORDER}
    return {
        "baseline": {"start_url": str(base_site.get("start_url") or ""),
                     "generated_at": str(baseline.get("generated_at") or ""),
                     "version": str(_map(baseline.get("tool")).get("version") or "")},
        "same_site": site_host(baseline) == site_host(report),
        "score": {"before": score_was, "after": score_now,
                  "change": round(score_now - score_was, 1)},
        "grade": {"before": str(baseline.get("grade") or ""),
                  "after": str(report.get("grade") or "")},
        "regression": any(r["regression"] for r in rows),
        "counts": counts,
        "changes": rows,
        "notes": notes,
    }


def regressions(diff: Mapping[str, Any]) -> list[str]:
    """One line per regression, for ``--fail-on regression``."""
    return [f"since the baseline: {r['text']}" for r in _list(diff.get("changes"))
            if r.get("regression")]
