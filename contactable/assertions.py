"""What makes a run fail (exit 1), and the findings a configuration accepts.

Assertions, each printed as one line on stderr:

- ``--fail-under SCORE`` and ``--baseline report.json``: the overall score;
- ``--category-min CATEGORY=SCORE`` (``[category_min]``): a category's score;
- a check's level (``--check ID=LEVEL``, ``[checks]``, else the ``--preset``'s): ``error``
  fails the run when the check warns or fails, ``error:fail`` only when it fails, ``warn``
  prints it and never fails;
- ``[[assert_matrix]]`` entries (Lighthouse CI's ``assertMatrix``): on pages whose path
  matches an entry's patterns, its levels (else its preset) win over the top-level ones; a
  finding is judged on every page of its evidence and the strictest outcome holds; a finding
  without a page (nothing was found anywhere) is judged by the top-level levels;
- ``--report-only`` prints what would have failed and never fails.

A ``[[suppress]]`` entry accepts a finding (a check that warns, fails or errs): the check is
marked ``suppressed`` in every report, with its reason, and its level no longer fails the run.
The score stays the site's score: a suppression silences an assertion, not the measurement.
After its ``expires`` day the entry no longer applies: the check is marked
``suppression_expired`` and counts again.

>>> level({}, "strict", "forms.required_fields"), level({"forms": "warn"}, "strict", "forms.x")
('error', 'warn')
>>> level({}, "recommended", "email.visible"), level({}, "recommended", "phone.tel_link")
('error:fail', None)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import urlsplit

from contactable.config import MatrixEntry, Suppression, level_of

PRESET_LEVELS: dict[str, dict[str, str]] = {
    # The core questions: can a visitor find an email address and a phone number at all?
    "recommended": {"email.visible": "error:fail", "phone.found": "error:fail"},
    "strict": {},  # every check at "error": see level()
}
CAUGHT = {"error": ("warn", "fail", "error"), "error:fail": ("fail", "error"),
          "warn": ("warn", "fail", "error")}
"""The statuses each level reports (a check that raised, ``error``, always counts)."""
FINDINGS = ("warn", "fail", "error")


def level(levels: dict[str, str], preset: str | None, check_id: str) -> str | None:
    """A check's level: the user's (its id, else its category), else the preset's."""
    own = level_of(levels, check_id)
    if own is not None:
        return own
    if preset == "strict":
        return "error"
    return level_of(PRESET_LEVELS.get(preset or "", {}), check_id)


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


def on_page(url: str, pattern: str) -> bool:
    """Whether the path of ``url`` matches ``pattern``, written with or without its first /.

    >>> on_page("http://127.0.0.1:8000/blog/a.html", "/blog/*"), on_page("http://h/blog/", "blog/*")
    (True, True)
    """
    return fnmatchcase(_path(url), pattern) or fnmatchcase(_path(url).lstrip("/"), pattern)


def _pages(chk: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(e["url"] for e in chk.get("evidence", []) if e.get("url")))


def _matches(sup: Suppression, chk: dict[str, Any]) -> bool:
    if sup.check not in (chk["id"], chk["category"]):
        return False
    if not sup.url:
        return True
    # A page pattern accepts a finding only where every piece of its evidence is on a
    # matching page: a finding that also stands elsewhere still counts.
    urls = _pages(chk)
    return bool(urls) and all(on_page(u, sup.url) for u in urls)


def _effect(lvl: str | None, status: str) -> int:
    """2: the finding fails the run at this level, 1: it is printed as a warning, 0: neither."""
    if lvl not in CAUGHT or status not in CAUGHT[lvl]:
        return 0
    return 2 if lvl.startswith("error") else 1


def level_on(chk: dict[str, Any], levels: dict[str, str], preset: str | None,
             matrix: list[MatrixEntry]) -> tuple[str | None, str]:
    """The level a finding is judged by, and where it came from (``""``: the top level, else
    the matrix patterns of the page that decided it).

    Each page of its evidence takes the first matrix entry matching its path, else the top
    level; the page where the finding weighs most decides (a finding on a relaxed page and
    a strict one still fails).
    """
    top = level(levels, preset, chk["id"])
    pages = _pages(chk)
    if not matrix or not pages:
        return top, ""
    best: tuple[int, str | None, str] | None = None
    for url in pages:
        entry = next((m for m in matrix if any(on_page(url, p) for p in m.urls)), None)
        if entry is None:
            here = (_effect(top, chk["status"]), top, "")
        else:
            lvl = level_of(entry.checks, chk["id"])
            if lvl is None:
                lvl = level({}, entry.preset, chk["id"]) if entry.preset else top
            here = (_effect(lvl, chk["status"]), lvl, ", ".join(entry.urls))
        if best is None or here[0] > best[0]:
            best = here
    assert best is not None
    return best[1], best[2]


def suppress(report: dict[str, Any], suppressions: list[Suppression],
             today: date | None = None) -> None:
    """Mark the report's accepted findings ``suppressed`` (and lapsed ones
    ``suppression_expired``), in place; nothing is removed."""
    today = today or date.today()
    for chk in report.get("checks", []):
        if chk["status"] not in FINDINGS:
            continue
        for sup in suppressions:
            if not _matches(sup, chk):
                continue
            entry: dict[str, Any] = {"reason": sup.reason}
            if sup.expires is not None:
                entry["expires"] = sup.expires.isoformat()
            if sup.url:
                entry["url"] = sup.url
            if sup.expires is not None and sup.expires < today:
                chk.setdefault("suppression_expired", entry)
                continue
            chk["suppressed"] = entry
            chk.pop("suppression_expired", None)
            break


def describe(sup: dict[str, Any]) -> str:
    """``reason (until 2026-01-31)``: how a suppression is shown."""
    until = f" (until {sup['expires']})" if sup.get("expires") else ""
    where = f" on {sup['url']}" if sup.get("url") else ""
    return f"{sup['reason']}{where}{until}"


@dataclass
class Outcome:
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Suppressed findings that would otherwise have failed or warned, and lapsed entries."""


def evaluate(report: dict[str, Any], *, levels: dict[str, str], preset: str | None = None,
             fail_under: float | None = None, baseline: dict[str, Any] | None = None,
             category_min: dict[str, float] | None = None,
             matrix: list[MatrixEntry] | None = None) -> Outcome:
    """Every assertion against ``report`` (after :func:`suppress` marked it)."""
    out = Outcome()
    if fail_under is not None and report["score"] < fail_under:
        out.failures.append(f"score {report['score']:.1f} is below --fail-under {fail_under:g}")
    if baseline is not None and report["score"] < baseline["score"]:
        out.failures.append(f"score {report['score']:.1f} is lower than the baseline's "
                            f"{baseline['score']:.1f}")
    for cat in report.get("categories", []):
        minimum = (category_min or {}).get(cat["id"])
        if minimum is None:
            continue
        if cat["score"] is None:
            out.warnings.append(f"category {cat['id']} has no score (no check applies): its "
                                f"minimum {minimum:g} is not tested")
        elif cat["score"] < minimum:
            out.failures.append(f"category {cat['id']} scores {cat['score']:.1f}, below "
                                f"--category-min {minimum:g}")
    for chk in report.get("checks", []):
        lvl, where = level_on(chk, levels, preset, matrix or [])
        if lvl not in CAUGHT or chk["status"] not in CAUGHT[lvl]:
            continue
        verb = {"warn": "warned", "fail": "failed", "error": "failed"}[chk["status"]]
        line = f"{chk['id']} {verb}: {chk['summary']}"
        if where:
            line += f" (at {lvl} on {where}, [[assert_matrix]])"
        if chk.get("suppressed"):
            out.notes.append(f"suppressed: {line} (accepted: {describe(chk['suppressed'])})")
            continue
        if chk.get("suppression_expired"):
            line += f" (its suppression expired: {describe(chk['suppression_expired'])})"
        (out.failures if lvl.startswith("error") else out.warnings).append(line)
    return out
