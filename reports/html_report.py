"""``report.html``: one self-contained page a business owner can read, print or mail on.

No scripts, no fonts, no images, no requests: the CSS is inline and allowed by its hash in a
Content-Security-Policy that forbids everything else. Everything from the crawled site is
hostile: the template autoescapes, and links to crawled pages are only ever ``http(s)`` URLs.
:mod:`reports.view` shapes the report dict into what the page shows (the four answers, click
paths, what to fix first); this module only renders it, and the template only lays it out,
tolerating any key being missing.

>>> html = HtmlReport().render({"site": {"final_url": "https://a.test/"}, "score": 40,
...                             "grade": "D"})
>>> "<script" in html, "default-src 'none'" in html
(False, True)
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from reports import diff_view
from reports.contrast import AA, darkened, is_hex, ratio
from reports.trend import spark_points
from reports.view import (
    QUESTIONS,
    Site,
    answers,
    as_list,
    as_map,
    check_cards,
    clicks,
    contact_sections,
    number,
    page_rows,
    setup_notes,
    shown_score,
    slug,
    summary,
)

# Colours are data so tests can hold every text/background pair to WCAG's 4.5:1.
PALETTE = {
    "fg": "#1b1f24", "muted": "#57606a", "bg": "#ffffff", "line": "#d0d7de",
    "surface": "#f6f8fa", "link": "#0550ae", "track": "#e6e9ed",
    "pass": "#116329", "pass-bg": "#dafbe1",
    "warn": "#7d4e00", "warn-bg": "#fff8c5",
    "fail": "#a40e26", "fail-bg": "#ffebe9",
    "review": "#6639ba", "review-bg": "#f5f0ff",
    "na": "#57606a", "na-bg": "#f6f8fa",
    "mark": "#fff1a8",
}
BACKGROUNDS = (PALETTE["bg"], PALETTE["surface"])
"""The backgrounds text sits on: an agency's accent colour must read on both."""
# (text, background) pairs the stylesheet actually uses.
CONTRAST_PAIRS = [
    ("fg", "bg"), ("muted", "bg"), ("link", "bg"), ("fg", "surface"), ("muted", "surface"),
    ("link", "surface"), ("fg", "mark"),
    *((s, "bg") for s in ("pass", "warn", "fail", "review", "na")),
    *((s, f"{s}-bg") for s in ("pass", "warn", "fail", "review", "na")),
]

STATUS_LABEL = {
    "pass": "Pass", "warn": "Warning", "fail": "Fail", "needs_review": "Needs review",
    "not_applicable": "Not applicable", "error": "Error",
}
# The badge's word carries the meaning; the symbol and colour only repeat it.
STATUS_ICON = {"pass": "✓", "warn": "!", "fail": "✗", "needs_review": "?",
               "not_applicable": "–", "error": "⚠"}
COUNT_LABEL = {"pass": "passed", "warn": "to improve", "fail": "failed",
               "needs_review": "to check by hand", "not_applicable": "not applicable",
               "error": "could not run"}
STATUS_CLASS = {"pass": "pass", "warn": "warn", "fail": "fail", "needs_review": "review",
                "not_applicable": "na", "error": "fail"}
# Groups of check cards, failing first; the last two start folded.
GROUPS = [
    ("fix", "Needs fixing", ("fail",), True),
    ("improve", "Could be better", ("warn",), True),
    ("review", "Check by hand", ("needs_review",), True),
    ("error", "Could not be checked", ("error",), True),
    ("passed", "Passed", ("pass",), False),
    ("na", "Not applicable to this site", ("not_applicable",), False),
]
STOP_REASON = {
    "max_pages": "it reached the page limit (--max-pages)",
    "max_depth": "it reached the click-depth limit (--max-depth)",
    "interrupted": "it was interrupted",
}
EVIDENCE_SHOWN = 5


def safe_href(url: object) -> str:
    """Only web links are clickable; anything else (``javascript:``) becomes inert.

    >>> safe_href("javascript:alert(1)"), safe_href("https://a.test/x"), safe_href(" data:x")
    ('#', 'https://a.test/x', '#')
    """
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else "#"


def percent(value: object) -> int:
    """0..100 as an integer, clamped, for bar widths and the score ring.

    >>> percent(92.8), percent(140), percent("100%"), percent(-3)
    (93, 100, 0, 0)
    """
    v = number(value, 0.0) or 0.0
    return max(0, min(100, round(v)))


# Bidi overrides and isolates can make "exe.gnp" read as "png.exe"; control characters have
# no business in a report either. Everything printed passes through this.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _finalize(value: object) -> object:
    if isinstance(value, str) and not isinstance(value, Markup):
        return _INVISIBLE.sub("", value)
    return value


def _css(env: Environment, brand: Mapping[str, str] | None = None) -> str:
    palette = dict(PALETTE)
    if brand and brand.get("accent"):
        palette["accent"] = brand["accent"]
    return env.get_template("report.css.j2").render(palette=palette, brand=brand)


def _style(env: Environment,
           brand: Mapping[str, str] | None = None) -> tuple[Markup, Markup]:
    """The pages' CSS and the Content-Security-Policy that allows it and nothing else (and
    ``data:`` images when an agency's logo is embedded)."""
    css = _css(env, brand)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    images = "img-src data:; " if brand and brand.get("logo") else ""
    return Markup(css), Markup(f"default-src 'none'; style-src 'sha256-{digest}'; {images}"
                               "base-uri 'none'; form-action 'none'")


# What a report's "branding" may hold: it is read from report.json, which anyone can edit.
_LOGO = re.compile(r"data:image/(?:png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}")


def brand(data: object) -> dict[str, str] | None:
    """The agency's name, logo and accent from a report's (or index's) ``branding``, each
    kept only when it is what the configuration check lets through; an accent too light to
    read is darkened (a hand-edited report.json must not make the report unreadable)."""
    b = as_map(data)
    name = " ".join(str(b.get("name") or "").split())[:80]
    logo = str(b.get("logo") or "")
    accent = str(b.get("accent") or "").lower()
    out = {"name": name, "logo": logo if _LOGO.fullmatch(logo) else "",
           "accent": accent if is_hex(accent) else ""}
    if out["accent"] and min(ratio(out["accent"], bg) for bg in BACKGROUNDS) < AA:
        out["accent"] = darkened(out["accent"], BACKGROUNDS)
    return out if any(out.values()) else None


@functools.lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=ChainableUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(safe_href=safe_href, clicks=clicks, percent=percent, slug=slug,
                       shown_score=shown_score, spark_points=spark_points)
    env.globals.update(EVIDENCE_SHOWN=EVIDENCE_SHOWN, STATUS_LABEL=STATUS_LABEL,
                       STATUS_ICON=STATUS_ICON, STATUS_CLASS=STATUS_CLASS,
                       COUNT_LABEL=COUNT_LABEL)
    return env


def folder_href(folder: str, out_dir: str | os.PathLike[str] | None) -> str | None:
    """The audited folder as a relative link from the report's folder ``out_dir`` (the
    current one when None), so the report opens the files beside the folder or away from it.

    >>> folder_href("site", "site/report"), folder_href("/a/site", "/b")
    ('..', '../a/site')
    """
    try:
        rel = os.path.relpath(os.path.abspath(folder), os.path.abspath(out_dir or "."))
    except ValueError:  # another drive (Windows): no relative link exists
        return None
    return Path(rel).as_posix()


class HtmlReport:
    name: ClassVar[str] = "html"
    filename: ClassVar[str] = "report.html"

    def __init__(self) -> None:
        self.out_dir: str | os.PathLike[str] | None = None
        """Where the report is written: a folder audit's links to files start from there."""

    def render(self, report: Mapping[str, Any]) -> str:
        env = _env()
        agency = brand(report.get("branding"))
        css, csp = _style(env, agency)
        folder = str(as_map(report.get("site")).get("folder") or "")
        site = Site(report, folder_href(folder, self.out_dir) if folder else None)
        checks = check_cards(report, site)
        ans = answers(report)
        groups = [
            {"key": key, "title": title, "open": open_, "checks": [c for c in checks
                                                                    if c["status"] in st]}
            for key, title, st, open_ in GROUPS
        ]
        info = as_map(report.get("site"))
        reason = str(info.get("stop_reason") or "")
        address = str(info.get("final_url") or info.get("start_url") or "")
        return env.get_template("report.html.j2").render(
            href=lambda url: site.href(url) if site.root and str(url or "").startswith(
                site.root) else safe_href(url), shown=site.shown,
            r=report, site=info, css=css, address=address, folder=folder,
            host=(folder.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1] or folder
                  if folder else urlsplit(address).netloc or address),
            stopped=STOP_REASON.get(reason, reason.replace("_", " ") or "for an unknown reason"),
            csp=csp, summary=summary(report, ans, checks), answers=ans,
            groups=[g for g in groups if g["checks"]], checks=checks,
            categories=[as_map(c) for c in as_list(report.get("categories"))],
            contacts=contact_sections(report, site), pages=page_rows(report, site),
            has_via=any("via" in p for p in site.pages.values()),
            warnings=[str(w) for w in as_list(report.get("warnings"))],
            notes=setup_notes(report),
            diff=_diff(report.get("diff")), brand=agency,
        )


def _diff(diff: object) -> dict[str, Any] | None:
    """The baseline section's content, or None without ``--baseline``."""
    if not isinstance(diff, Mapping):
        return None
    return {"headline": diff_view.headline(diff), "rows": diff_view.rows(diff),
            "notes": [str(n) for n in as_list(diff.get("notes"))],
            "when": str(as_map(diff.get("baseline")).get("generated_at") or "")[:10]}


# The index's caption for each of the batch's --sort orders (contactable.portfolio.SORTS; a
# test holds the two to the same keys: reports does not import contactable).
SORT_CAPTIONS = {"list": "Sites in the order of the batch file",
                 "score": "Sites by score, lowest first",
                 "change": "Sites by what they lost since the last run, most first",
                 "name": "Sites by name"}


def render_batch_index(index: Mapping[str, Any], sites: Sequence[Mapping[str, Any]]) -> str:
    """The HTML index of a ``contactable batch`` (``index``: the index.json data; ``sites``:
    its sites, each with ``report``, a relative link to its HTML report or None)."""
    env = _env()
    agency = brand(index.get("branding"))
    css, csp = _style(env, agency)
    audited = sum(1 for s in sites if s.get("status") in ("audited", "failed an assertion"))
    return env.get_template("batch_index.html.j2").render(
        index=index, sites=sites, css=css, audited=audited,
        not_audited=len(sites) - audited, linked=any(s.get("report") for s in sites),
        QUESTIONS=QUESTIONS, SORT_CAPTION=SORT_CAPTIONS,
        tracked=any(s.get("trend") for s in sites), csp=csp, brand=agency,
    )
