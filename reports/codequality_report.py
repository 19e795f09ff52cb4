"""``report.codequality.json``: GitLab's code-quality report (a subset of Code Climate's format).

GitLab shows these in a merge request's widget and diff, comparing them with the target
branch's by ``fingerprint``: one issue per check that fails, warns or needs review, at the
first page of its evidence (the site's start page when there is none). A fingerprint is the
check id and that page, so an issue keeps its identity from one build to the next.

GitLab reads ``location.path`` as a file of the repository: the evidence's or its page's
``path`` (a folder audit's file) when the report has one; otherwise the page's URL path.
A suppressed finding stays, at ``info`` severity, its reason in the description.

>>> issues = CodeQualityReport().render({"site": {"final_url": "https://a.test/"}, "checks": [
...     {"id": "phone.tel_link", "status": "warn", "summary": "Plain text.",
...      "evidence": [{"url": "https://a.test/contact/"}]}]})
>>> [(i["check_name"], i["severity"], i["location"]) for i in json.loads(issues)]
[('phone.tel_link', 'minor', {'path': 'contact/', 'lines': {'begin': 1}})]
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

SEVERITY = {"fail": "major", "error": "major", "warn": "minor", "needs_review": "info"}
# Controls and bidi overrides disguise text in the widget; nothing from a site needs them.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def _text(value: object, limit: int = 1000) -> str:
    out = " ".join(_JUNK.sub("", str(value if value is not None else "")).split())
    return out if len(out) <= limit else out[: limit - 1] + "…"


def _items(value: object) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _location(evidence: Mapping[str, Any], start: str,
              files: Mapping[str, str]) -> dict[str, Any]:
    path = evidence.get("path") or files.get(str(evidence.get("url")))
    if not isinstance(path, str) or not path:
        path = unquote(urlsplit(str(evidence.get("url") or start)).path).lstrip("/") \
            or "index.html"
    line = evidence.get("line")
    begin = line if isinstance(line, int) and not isinstance(line, bool) and line > 0 else 1
    return {"path": _text(path, 500), "lines": {"begin": begin}}


class CodeQualityReport:
    name: ClassVar[str] = "codequality"
    filename: ClassVar[str] = "report.codequality.json"

    def render(self, report: dict[str, Any]) -> str:
        site = report["site"] if isinstance(report.get("site"), dict) else {}
        start = str(site.get("final_url") or site.get("start_url") or "")
        # A folder audit's pages may carry their file's path: it is what GitLab can annotate.
        files = {str(p.get("url")): p["path"] for p in _items(report.get("pages"))
                 if isinstance(p.get("path"), str) and p["path"]}
        issues = []
        for chk in _items(report.get("checks")):
            status = str(chk.get("status"))
            if status not in SEVERITY:
                continue
            evidence = _items(chk.get("evidence"))
            location = _location(evidence[0] if evidence else {}, start, files)
            description = f"{_text(chk.get('title') or chk.get('id'), 200)}: " \
                          f"{_text(chk.get('summary'))}"
            severity = SEVERITY[status]
            sup = chk.get("suppressed")
            if isinstance(sup, dict):
                severity = "info"
                description += f" (suppressed: {_text(sup.get('reason'), 300)})"
            ident = _text(chk.get("id"), 200)
            key = f"contactable\0{ident}\0{location['path']}".encode()
            issues.append({
                "type": "issue", "check_name": ident, "description": description,
                "categories": ["Style"], "severity": severity,
                "fingerprint": hashlib.sha256(key).hexdigest()[:32],
                "location": location,
            })
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
