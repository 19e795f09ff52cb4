"""``report.html``: one self-contained page (inline CSS, no scripts, no requests).

Everything from the crawled site is hostile: the template autoescapes, links to crawled
pages are only ever ``http(s)`` URLs, and a Content-Security-Policy forbids any fetch.
"""

from __future__ import annotations

from typing import Any, ClassVar

from jinja2 import Environment, PackageLoader, select_autoescape

STATUS_LABEL = {
    "pass": "Pass", "warn": "Warning", "fail": "Fail", "needs_review": "Needs review",
    "not_applicable": "Not applicable", "error": "Error",
}
STATUS_ORDER = {"fail": 0, "error": 1, "warn": 2, "needs_review": 3, "pass": 4,
                "not_applicable": 5}


def safe_href(url: object) -> str:
    """Only web links are clickable; anything else (``javascript:``) becomes inert.

    >>> safe_href("javascript:alert(1)"), safe_href("https://a.test/x")
    ('#', 'https://a.test/x')
    """
    text = str(url or "")
    return text if text.lower().startswith(("http://", "https://")) else "#"


def clicks(depth: int | None) -> str:
    """Human wording of a click depth.

    >>> clicks(0), clicks(1), clicks(3), clicks(None)
    ('on the start page', '1 click', '3 clicks', 'not linked')
    """
    if depth is None:
        return "not linked"
    if depth == 0:
        return "on the start page"
    return f"{depth} click{'s' if depth != 1 else ''}"


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["clicks"] = clicks
    env.globals["STATUS_LABEL"] = STATUS_LABEL
    return env


def answers(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The four questions a visitor asks, answered from the report's contacts."""
    c = report["contacts"]

    def nearest(items: list[dict[str, Any]], key: str) -> dict[str, Any]:
        found = [i for i in items if i.get("min_depth") is not None]
        if not found:
            return {"found": bool(items), "depth": None, "value": items[0][key] if items else ""}
        best = min(found, key=lambda i: i["min_depth"])
        return {"found": True, "depth": best["min_depth"], "value": best[key]}

    emails = [e for e in c["emails"] if e.get("visible", True) and not e.get("noreply")]
    phones = [p for p in c["phones"] if p.get("visible", True) and p.get("kind") != "fax"]
    reassure = [
        {**r, "min_depth": min((p["depth"] for p in r["pages"] if p.get("depth") is not None),
                               default=None)}
        for r in c["reassurances"]
    ]
    return [
        {"question": "Can I find an email address?", **nearest(emails, "value")},
        {"question": "Can I find a phone number?", **nearest(phones, "display")},
        {"question": "Can I find a named person?", **nearest(c["persons"], "name")},
        {"question": "Am I told someone will answer?", **nearest(reassure, "text")},
    ]


class HtmlReport:
    name: ClassVar[str] = "html"
    filename: ClassVar[str] = "report.html"

    def render(self, report: dict[str, Any]) -> str:
        checks = sorted(report["checks"], key=lambda c: (STATUS_ORDER.get(c["status"], 9),
                                                          c["id"]))
        return _env().get_template("report.html.j2").render(
            r=report, checks=checks, answers=answers(report),
        )
