"""What a report shows, shaped from the report dict: the view model the renderers share.

The four answers a visitor wants (:func:`answers`), what to fix first (:func:`fix_order`), the
wording of a click depth (:func:`clicks`), the crawled pages with short names and click paths
(:class:`Site`), and the rows the HTML report lays out. Only the report dict comes in, and any
key of it may be missing or odd; nothing here writes HTML, Markdown or terminal markup.

>>> [(a["key"], a["found"], clicks(a["depth"])) for a in answers({"contacts": {"emails": [
...     {"value": "jo@a.test", "pages": [{"url": "https://a.test/", "depth": 0}]}]}})][:2]
[('email', True, 'on the start page'), ('phone', False, 'not linked from the start page')]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from http import HTTPStatus
from typing import Any
from urllib.parse import quote, unquote, urlsplit

STATUSES = ("pass", "warn", "fail", "needs_review", "not_applicable", "error")
STATUS_ORDER = {"fail": 0, "error": 1, "warn": 2, "needs_review": 3, "pass": 4,
                "not_applicable": 5}

METHOD_LABEL = {
    "mailto": "email link", "tel": "tap-to-call link", "text": "plain text",
    "obfuscated": "obfuscated, must be retyped", "cloudflare": "hidden by Cloudflare",
    "structured_data": "only in structured data", "js": "only built by JavaScript",
}
GRADE_HEADLINE = {
    "A": "Visitors can reach you easily.",
    "B": "Visitors can reach you, with a few gaps.",
    "C": "Visitors may struggle to reach a person.",
    "D": "Visitors will struggle to reach a person.",
}
# The four questions as the batch index and index.csv head them, keyed as answers() keys them.
QUESTIONS = (("email", "Email"), ("phone", "Phone"), ("person", "Named person"),
             ("reassurance", "Told someone answers"))

# A check on a 2,000-page site may cite every page; the page lists the first ones, the JSON
# report keeps them all.
EVIDENCE_LISTED = 50
PAGES_LISTED = 25


def clicks(depth: int | None) -> str:
    """How far a visitor clicks from the start page: the one wording of every report (and
    the same as the checks' summaries, :func:`checks.rules.common.clicks`).

    >>> clicks(0), clicks(1), clicks(3), clicks(None)
    ('on the start page', '1 click away', '3 clicks away', 'not linked from the start page')
    """
    if depth is None:
        return "not linked from the start page"
    if depth == 0:
        return "on the start page"
    return f"{depth} click{'s' if depth != 1 else ''} away"


def number(value: object, default: float | None = None) -> float | None:
    """A report number, or ``default`` for anything that is not one (a report may be odd).

    >>> number(92.8), number("x"), number(None, 0.0), number(True)
    (92.8, None, 0.0, None)
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return float(value)



def slug(text: object) -> str:
    """A safe HTML id from a check id.

    >>> slug("email.visible"), slug('x" onmouseover="a')
    ('email.visible', 'x--onmouseover--a')
    """
    return re.sub(r"[^A-Za-z0-9_.-]", "-", str(text))[:80] or "x"


_NUMBERISH = re.compile(r"\+?\(?\d[\d\s().\-/]{4,}\d")


def _find(text: str, needle: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]
    if spans or not needle.startswith("+"):
        return spans
    # A phone's value is E.164; the page writes it nationally: "+441132460958" is shown as
    # "0113 246 0958", whose digits (less the trunk 0) end the value's.
    want = re.sub(r"\D", "", needle)
    for m in _NUMBERISH.finditer(text):
        digits = re.sub(r"\D", "", m.group()).lstrip("0")
        if len(digits) >= 6 and want.endswith(digits):
            spans.append(m.span())
    return spans


def marked(snippet: object, value: object) -> list[tuple[str, bool]]:
    """Split a snippet into (text, is_match) parts so the matched value can be highlighted.

    >>> marked("Mail Jo@a.test today", "jo@a.test")
    [('Mail ', False), ('Jo@a.test', True), (' today', False)]
    >>> marked("Call 0113 246 0958 now", "+441132460958")
    [('Call ', False), ('0113 246 0958', True), (' now', False)]
    >>> marked("no match", "x@y")
    [('no match', False)]
    """
    text, needle = str(snippet or ""), str(value or "")
    if not needle or len(needle) > len(text) + 3:
        return [(text, False)] if text else []
    parts: list[tuple[str, bool]] = []
    pos = 0
    for start, end in _find(text, needle):
        if start > pos:
            parts.append((text[pos:start], False))
        parts.append((text[start:end], True))
        pos = end
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


def http_status(code: object) -> str:
    """``404 Not Found``; the bare value when it is not an HTTP status.

    >>> http_status(404), http_status(999)
    ('404 Not Found', '999')
    """
    try:
        return f"{int(str(code))} {HTTPStatus(int(str(code))).phrase}"
    except ValueError:
        return str(code)


def short(text: object, limit: int = 70) -> str:
    """Long page titles cut to fit a breadcrumb.

    >>> short("a" * 80, 10)
    'aaaaaaaaa…'
    """
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def as_list(value: object) -> list[Any]:
    """A report's list, or an empty one for anything else (a missing key, None, junk)."""
    return list(value) if isinstance(value, (list, tuple)) else []


def as_map(value: object) -> Mapping[str, Any]:
    """A report's mapping, or an empty one for anything else."""
    return value if isinstance(value, Mapping) else {}


def _depth(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _nearest_page(item: Mapping[str, Any]) -> Mapping[str, Any] | None:
    pages = [as_map(p) for p in as_list(item.get("pages"))]
    linked = [p for p in pages if _depth(p.get("depth")) is not None]
    if linked:
        return min(linked, key=lambda p: p["depth"])
    return pages[0] if pages else None


def min_depth(item: Mapping[str, Any]) -> int | None:
    """``min_depth`` when the report gives it, else the nearest of the item's pages.

    >>> min_depth({"pages": [{"url": "u", "depth": 2}, {"url": "v", "depth": 1}]})
    1
    """
    if "min_depth" in item:
        return _depth(item.get("min_depth"))
    page = _nearest_page(item)
    return _depth(page.get("depth")) if page else None


_SEPARATOR = re.compile(r"\s+(?:[|—–·:-]|::)\s+")


def page_names(pages: Mapping[str, Mapping[str, Any]],
               paths: Mapping[str, str] | None = None) -> dict[str, str]:
    """Short distinct names for pages: the site name shared by most titles is dropped, and
    a title several pages share gives way to the page's path.

    >>> page_names({"https://a.test/": {"title": "Acme", "depth": 0},
    ...     "https://a.test/about": {"title": "About us | Acme"},
    ...     "https://a.test/team": {"title": "Team | Acme"},
    ...     "https://a.test/x": {"title": "Acme"}, "https://a.test/y": {"title": "Acme"}})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'https://a.test/': 'Home page', 'https://a.test/about': 'About us',
     'https://a.test/team': 'Team', 'https://a.test/x': '/x', 'https://a.test/y': '/y'}
    """
    titles = {u: " ".join(str(p.get("title") or "").split()) for u, p in pages.items()}
    suffixes: dict[str, int] = {}
    for t in titles.values():
        parts = _SEPARATOR.split(t)
        if len(parts) > 1:
            suffixes[parts[-1]] = suffixes.get(parts[-1], 0) + 1
    site_name = max(suffixes, key=lambda k: suffixes[k], default="")
    if suffixes.get(site_name, 0) < 2:
        site_name = ""
    names: dict[str, str] = {}
    for u, t in titles.items():
        parts = _SEPARATOR.split(t)
        if site_name and len(parts) > 1 and parts[-1] == site_name:
            t = t[: t.rfind(site_name)].rstrip(" |—–·:-")
        names[u] = t
    seen: dict[str, int] = {}
    for t in names.values():
        seen[t] = seen.get(t, 0) + 1
    for u, t in names.items():
        if _depth(pages[u].get("depth")) == 0:
            names[u] = "Home page"
        elif (not t or seen[t] > 1) and paths and u in paths:
            names[u] = short(paths[u])  # a folder's page is named by its file
        elif not t or seen[t] > 1:
            split = urlsplit(u)
            names[u] = short((split.path or "/") + (f"?{split.query}" if split.query else ""))
        else:
            names[u] = short(t)
    return names


def file_paths(report: Mapping[str, Any]) -> dict[str, str]:
    """A folder audit's served URLs and the files that answered them (the ``path`` beside a
    ``url`` anywhere in the report); empty for a remote audit."""
    out: dict[str, str] = {}
    stack: list[Any] = [v for k, v in report.items() if k != "site"]
    while stack:
        v = stack.pop()
        if isinstance(v, Mapping):
            if isinstance(v.get("url"), str) and isinstance(v.get("path"), str) and v["path"]:
                out.setdefault(v["url"], v["path"])
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
    return out


class Site:
    """The crawled pages by URL, their short names, and the click path to each (``via``).

    In a folder audit (``site.folder``) a page is its file: :meth:`shown` names it by its path
    in the folder and :meth:`href` links to the file, relative to ``folder_href`` (the folder
    as seen from where the report is written); the served URLs are gone after the run.
    """

    def __init__(self, report: Mapping[str, Any], folder_href: str | None = None) -> None:
        self.pages: dict[str, Mapping[str, Any]] = {}
        for p in as_list(report.get("pages")):
            p = as_map(p)
            if "url" in p:
                self.pages.setdefault(str(p["url"]), p)
        info = as_map(report.get("site"))
        self.folder = bool(info.get("folder"))
        self.files = file_paths(report) if self.folder else {}
        start = urlsplit(str(info.get("start_url") or ""))
        self.root = f"{start.scheme}://{start.netloc}/" if self.folder and start.netloc else ""
        self.folder_href = folder_href
        self.names = page_names(self.pages, self.files)

    def shown(self, url: object) -> str:
        """How the report writes ``url``: as it is, or in a folder audit as its file (the
        path in the folder of a URL no file answered)."""
        text = str(url or "")
        if not self.root or not text.startswith(self.root):
            return text
        return self.files.get(text) or unquote(urlsplit(text).path).lstrip("/") or "/"

    def href(self, url: object) -> str:
        """The link to ``url``: a web URL as it is, a folder's file relative to the report;
        "" when there is nothing to open (a served URL no file answered)."""
        text = str(url or "")
        if not self.root or not text.startswith(self.root):
            return text
        path = self.files.get(text)
        if not path:
            return ""
        return quote(f"{self.folder_href or '.'}/{path}".removeprefix("./"), safe="/")

    def label(self, url: str) -> str:
        if url in self.names:
            return self.names[url]
        if self.root and url.startswith(self.root):
            return short(self.shown(url))
        parts = urlsplit(url)
        return short(parts.path or url)

    def path(self, url: str) -> list[dict[str, str]] | None:
        """Home page .. ``url``, one entry per click; None when the report cannot tell."""
        chain: list[str] = []
        cur: str | None = url
        while cur is not None and cur in self.pages and len(chain) <= len(self.pages):
            chain.append(cur)
            page = self.pages[cur]
            if _depth(page.get("depth")) == 0:
                return [{"url": u, "label": self.label(u)} for u in reversed(chain)]
            via = page.get("via")
            cur = str(via) if via else None
        return None


def _contact_row(item: Mapping[str, Any], site: Site, value: str, detail: str = "",
                 how: str = "") -> dict[str, Any]:
    page = _nearest_page(item)
    url = str(page.get("url", "")) if page else ""
    if item.get("rendered") is True:
        # Every format says it: visitors without JavaScript, and many crawlers, miss it.
        detail = " · ".join(x for x in (detail.strip(), "shown only by JavaScript") if x)
    pages = [as_map(p) for p in as_list(item.get("pages"))]
    return {
        "value": value.strip(), "detail": detail.strip(), "how": how, "depth": min_depth(item),
        "url": url, "label": site.label(url) if url else "",
        "path": site.path(url) if url else None,
        "pages": [{"url": str(p.get("url", "")), "depth": _depth(p.get("depth")),
                   "label": site.label(str(p.get("url", "")))} for p in pages[:PAGES_LISTED]],
        "more_pages": max(0, len(pages) - PAGES_LISTED),
    }


def _reassurance_note(r: Mapping[str, Any]) -> str:
    if not _reassuring(r):
        return "puts visitors off"
    # Kept in the report as evidence, left out of the checks: say so beside it.
    return "" if r.get("visible", True) else "hidden until opened, not counted"


def _kind(r: Mapping[str, Any]) -> str:
    return str(r.get("kind", "")).lower().replace("-", "_")


def _reassuring(r: Mapping[str, Any]) -> bool:
    # Anti-patterns ("mailbox not monitored") may share the list; they reassure no one.
    return not (r.get("anti") or r.get("anti_pattern") or _kind(r).startswith("anti"))


_ANSWERING_KINDS = ("response_time", "human")


def answers(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The four questions a visitor asks, answered from the report's contacts.

    Each answer has ``question``, ``found``, ``depth`` (clicks to the nearest), ``value``,
    and for the page: ``state`` (yes, unlinked, no), ``url``, ``path``, ``note``, ``count``.
    """
    c = as_map(report.get("contacts"))
    site = Site(report)
    emails_all = [as_map(e) for e in as_list(c.get("emails"))]
    phones_all = [as_map(p) for p in as_list(c.get("phones"))]
    emails = [e for e in emails_all if e.get("visible", True) and not e.get("noreply")]
    phones = [p for p in phones_all if p.get("visible", True) and p.get("kind") != "fax"]
    persons = [as_map(p) for p in as_list(c.get("persons"))]
    # Someone will answer: a promise of a reply or of a person. Opening hours say when the
    # phone is staffed, an invitation only asks, so neither answers the question (nor do the
    # checks of the same question, reassurance.response_promise and human_touch).
    reassure = [r for r in (as_map(r) for r in as_list(c.get("reassurances")))
                if _reassuring(r) and _kind(r) in _ANSWERING_KINDS and r.get("visible", True)]

    email_note = ""
    if emails_all and not emails:
        email_note = ("Only a no-reply address was found." if any(e.get("noreply")
                      for e in emails_all) else "An address exists but a visitor cannot see it.")
    phone_note = "Only a fax number was found." if phones_all and not phones else ""

    def answer(key: str, question: str, items: list[Mapping[str, Any]],
               show: Any, note: str = "") -> dict[str, Any]:
        ranked = sorted(items, key=lambda i: (min_depth(i) is None, min_depth(i) or 0))
        best = ranked[0] if ranked else None
        out: dict[str, Any] = {
            "key": key, "question": question, "found": best is not None, "depth": None,
            "value": "", "detail": "", "url": "", "label": "", "path": None, "note": note,
            "count": len(items), "state": "no",
        }
        if best is not None:
            value, detail = show(best)
            row = _contact_row(best, site, value, detail)
            out.update({k: row[k] for k in ("value", "detail", "depth", "url", "label", "path")})
            out["state"] = "yes" if row["depth"] is not None else "unlinked"
            out["value"] = out["value"].strip()
        return out

    return [
        answer("email", "Can I find an email address?", emails,
               lambda e: (str(e.get("value", "")), ""), email_note),
        answer("phone", "Can I find a phone number?", phones,
               lambda p: (str(p.get("display") or p.get("value", "")),
                          "" if p.get("kind") in (None, "phone") else str(p.get("kind", ""))
                          .replace("_", "-")), phone_note),
        answer("person", "Can I find a named person?", persons,
               lambda p: (str(p.get("name", "")), str(p.get("role") or ""))),
        answer("reassurance", "Am I told someone will answer?", reassure,
               lambda r: (str(r.get("text", "")), "")),
    ]


def fix_order(check: Mapping[str, Any]) -> tuple[int, float, str]:
    """What to fix first: failures before warnings, then the checks that lose the most."""
    lost = (number(check.get("weight"), 1.0) or 0.0) * (1 - (number(check.get("score"), 0.0)
                                                              or 0.0))
    return (STATUS_ORDER.get(str(check.get("status")), 9), -lost, str(check.get("id", "")))


def _evidence(check: Mapping[str, Any], site: Site) -> list[dict[str, Any]]:
    out = []
    for e in (as_map(e) for e in as_list(check.get("evidence"))[:EVIDENCE_LISTED]):
        url = str(e.get("url", ""))
        value = str(e.get("value") or "")
        parts = marked(e.get("snippet"), value)
        out.append({
            "url": url, "label": site.label(url) if url else "",
            "known": url in site.pages, "selector": str(e.get("selector") or ""),
            "value": site.shown(value) if value != url else "", "parts": parts,
            "line": e.get("line") if isinstance(e.get("line"), int) else None,
            "matched": any(hit for _, hit in parts),
        })
    return out


def check_cards(report: Mapping[str, Any], site: Site) -> list[dict[str, Any]]:
    cats = {str(as_map(c).get("id")): str(as_map(c).get("title", ""))
            for c in as_list(report.get("categories"))}
    checks = [dict(as_map(c)) for c in as_list(report.get("checks"))]
    for c in checks:
        status = str(c.get("status", "error"))
        c["status"] = status if status in STATUSES else "error"
        c["anchor"] = "check-" + slug(c.get("id", ""))
        c["category_title"] = cats.get(str(c.get("category")), str(c.get("category") or ""))
        c["ev"] = _evidence(c, site)
        c["ev_unlisted"] = max(0, len(as_list(c.get("evidence"))) - EVIDENCE_LISTED)
    checks.sort(key=fix_order)
    return checks


def contact_sections(report: Mapping[str, Any], site: Site) -> list[dict[str, Any]]:
    """Every contact detail found, by kind, each with its click path."""
    c = as_map(report.get("contacts"))
    sections: list[dict[str, Any]] = []

    def add(key: str, title: str, rows: Iterable[dict[str, Any]]) -> None:
        sections.append({"key": key, "title": title, "rows": list(rows)})

    emails = (as_map(e) for e in as_list(c.get("emails")))
    add("emails", "Email addresses", (
        _contact_row(e, site, str(e.get("value", "")),
                     "no-reply" if e.get("noreply") else
                     ("" if e.get("visible", True) else "not visible"),
                     METHOD_LABEL.get(str(e.get("method")), str(e.get("method") or "")))
        for e in emails))
    phones = (as_map(p) for p in as_list(c.get("phones")))
    add("phones", "Phone numbers", (
        _contact_row(p, site, str(p.get("display") or p.get("value", "")),
                     " · ".join(x for x in (
                         str(p.get("kind", "")).replace("_", "-") if p.get("kind") != "phone"
                         else "", "premium rate" if p.get("premium") else "",
                         str(p.get("value", "")) if p.get("display") not in (None, p.get("value"))
                         else "") if x),
                     METHOD_LABEL.get(str(p.get("method")), str(p.get("method") or "")))
        for p in phones))
    persons = (as_map(p) for p in as_list(c.get("persons")))
    add("persons", "People", (
        _contact_row(p, site, str(p.get("name", "")), str(p.get("role") or ""),
                     ", ".join(str(x) for x in [*as_list(p.get("emails")),
                                               *as_list(p.get("phones"))]))
        for p in persons))
    reassure = (as_map(r) for r in as_list(c.get("reassurances")))
    add("reassurances", "Reassuring words", (
        _contact_row(r, site, str(r.get("text", "")),
                     " · ".join(str(x).replace("_", " ") for x in (r.get("kind"),
                                r.get("language")) if x),
                     _reassurance_note(r))
        for r in reassure))
    add("contact_pages", "Contact pages", (
        _contact_row({"pages": [p], "min_depth": as_map(p).get("depth")}, site,
                     site.label(str(as_map(p).get("url", ""))),
                     site.shown(as_map(p).get("url", "")))
        for p in as_list(c.get("contact_pages"))))
    add("forms", "Contact forms", (
        _contact_row({"pages": [{"url": f.get("url"), "depth": f.get("depth")}],
                      "min_depth": f.get("depth")}, site, site.label(str(f.get("url", ""))),
                     ", ".join(x for x in (
                         f"{f['fields']} fields" if "fields" in f else "",
                         f"{f['required']} required" if "required" in f else "") if x))
        for f in (as_map(f) for f in as_list(c.get("forms")))))
    add("channels", "Chat, messaging and social", (_channel(as_map(ch), site) for ch in
                                                   as_list(c.get("channels"))))
    add("opening_hours", "Opening hours", (_generic(as_map(o), site) for o in
                                           as_list(c.get("opening_hours"))))
    add("addresses", "Postal addresses", (_generic(as_map(a), site) for a in
                                          as_list(c.get("addresses"))))
    # Kinds added to the contract later still show, under their key.
    for key, items in c.items():
        if key not in KNOWN_CONTACTS and isinstance(items, list):
            add(slug(key), str(key).replace("_", " ").capitalize(),
                (_generic(as_map(i), site) for i in items))
    return sections


KNOWN_CONTACTS = {"emails", "phones", "persons", "reassurances", "contact_pages", "forms",
                  "channels", "opening_hours", "addresses"}


def _generic(item: Mapping[str, Any], site: Site) -> dict[str, Any]:
    value = next((str(item[k]) for k in ("display", "value", "text", "name", "url")
                  if item.get(k)), "")
    return _contact_row(item, site, value, "",
                        METHOD_LABEL.get(str(item.get("method")), str(item.get("method") or "")))


def _channel(ch: Mapping[str, Any], site: Site) -> dict[str, Any]:
    name = next((str(ch[k]) for k in ("provider", "kind", "type", "name") if ch.get(k)), "")
    value = next((str(ch[k]) for k in ("display", "value", "handle", "url") if ch.get(k)), "")
    kind = str(ch.get("type") or "")
    detail = " · ".join(x for x in (name if value else "", kind if kind != name else "",
                                    "unconfirmed" if ch.get("confirmed") is False else "") if x)
    return _contact_row(ch, site, value or name, detail)


def page_rows(report: Mapping[str, Any], site: Site) -> list[dict[str, Any]]:
    rows = []
    for p in (as_map(p) for p in as_list(report.get("pages"))):
        via = str(p.get("via") or "")
        code = p.get("status")
        rows.append({
            "url": str(p.get("url", "")), "title": str(p.get("title") or ""),
            "depth": _depth(p.get("depth")), "status": http_status(code),
            "ok": isinstance(code, int) and 200 <= code < 300,
            "via": via, "via_label": site.label(via) if via else "",
            "rendered": p.get("rendered") is True,
            "render_reason": short(p.get("render_reason") or "", 100),
            "via_rendered_link": p.get("via_rendered_link") is True,
        })
    return rows


def setup_notes(report: Mapping[str, Any]) -> list[str]:
    """The texts of the report's ``notes`` (a setting that disagrees with the site), as every
    format shows them, first thing after the score."""
    return [str(n["text"]) for n in map(as_map, as_list(report.get("notes"))) if n.get("text")]


def shown_score(value: object) -> str:
    """A score as every format shows it: rounded down (69.8 never reads as 70 next to the C
    that 69.8 earns) and clamped to 0..100; "–" when there is none.

    >>> shown_score(85.8), shown_score(100.0), shown_score(None)
    ('85', '100', '–')
    """
    score = number(value)
    return "–" if score is None else str(max(0, min(100, math.floor(score))))


def summary(report: Mapping[str, Any], ans: list[dict[str, Any]],
             checks: list[dict[str, Any]]) -> dict[str, Any]:
    score = number(report.get("score"))
    grade = str(report.get("grade") or "")
    # Rounded down, so 69.8 never reads as 70 next to the C that 69.8 earns.
    shown = None if score is None else max(0, min(100, math.floor(score)))
    yes = [a for a in ans if a["state"] == "yes"]
    counts = {s: sum(1 for c in checks if c["status"] == s) for s in STATUSES}
    todo = [c for c in checks if c["status"] in ("fail", "error", "warn")]
    return {
        "score": shown, "grade": grade, "audited": _when(report.get("generated_at")),
        "grade_class": {"A": "pass", "B": "pass", "C": "warn"}.get(grade, "fail"),
        "headline": GRADE_HEADLINE.get(grade, ""),
        "answered": len(yes), "counts": counts,
        "fixes": todo[:5], "more_fixes": max(0, len(todo) - 5)
                                          + counts["needs_review"],
    }


def _when(stamp: object) -> str:
    """``2026-01-02T03:04:05+00:00`` as ``2 January 2026, 03:04 UTC``; odd values as given."""
    try:
        when = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp or "")
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return f"{when.day} {when:%B %Y, %H:%M}" + (" UTC" if when.tzinfo else "")

