"""``report.sarif``: SARIF 2.1.0 for code-scanning views (GitHub code scanning, IDE viewers).

One run; one rule per check (``tool.driver.rules``); one result per check whose status is
``fail`` (level ``error``), ``warn`` (``warning``) or ``needs_review`` (``note``, kind
``review``), located at the page URLs of its evidence (the CSS selector as a logical location),
else at the site's start URL. A check whose status is ``error`` broke, not the site: it becomes
a tool execution notification, as do an incomplete crawl and the report's warnings.

A folder audit is located in files, so code scanning annotates them: each location is the
evidence's file (its ``path``), relative to the repository's root when the folder is in a git
work tree (``site.folder_in_repo``), else relative to the folder (``uriBaseId`` ``SITEROOT``),
with a ``region`` at the evidence's ``line`` and ``column`` when the report found it in the
file. A remote page has no lines: its snippet goes to the location's ``message``.

>>> rule_name("findability.clicks_to_contact")
'FindabilityClicksToContact'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

from reports.view import setup_notes

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
INFORMATION_URI = "https://github.com/contactable/contactable"
LEVEL = {"fail": "error", "warn": "warning", "needs_review": "note"}
KIND = {"fail": "fail", "warn": "fail", "needs_review": "review"}
MAX_LOCATIONS = 100
# Lone surrogates cannot be written as UTF-8; controls and bidi overrides disguise text.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
                   "\ufffe\uffff]")
# RFC 3986 reserved and unreserved characters, and existing %-escapes, stay as they are.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def text(value: object, limit: int = 2000) -> str:
    """``value`` as clean text of at most ``limit`` characters."""
    out = _JUNK.sub("", str(value if value is not None else "")).strip()
    return out if len(out) <= limit else out[: limit - 1] + "…"


def web_uri(value: object) -> str | None:
    """An absolute http(s) URI, percent-encoded where needed, else None."""
    raw = _JUNK.sub("", str(value or "")).strip()
    try:
        parts = urlsplit(raw)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(raw, safe=_URI_SAFE)


def rule_name(check_id: str) -> str:
    """A readable PascalCase identifier, as SARIF suggests for ``reportingDescriptor.name``."""
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", check_id) if w)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: object) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _rule(check: Mapping[str, Any]) -> dict[str, Any]:
    title = text(check.get("title") or check.get("id"), 500)
    rule: dict[str, Any] = {
        "id": text(check.get("id"), 200),
        "name": rule_name(str(check.get("id"))),
        "shortDescription": {"text": title},
        "fullDescription": {"text": text(check.get("description") or title)},
    }
    help_uri = web_uri(check.get("help_url"))
    if help_uri:
        rule["helpUri"] = help_uri
    props: dict[str, Any] = {"tags": sorted({"contactable", text(check.get("category"), 100)}
                                            - {""})}
    if check.get("category"):
        props["category"] = text(check["category"], 100)
    if isinstance(check.get("weight"), (int, float)):
        props["weight"] = check["weight"]
    rule["properties"] = props
    return rule


class _Files:
    """Where a folder audit's files are: URIs of their paths, and the run's base URI."""

    def __init__(self, site: Mapping[str, Any]) -> None:
        folder = site.get("folder")
        in_repo = site.get("folder_in_repo")
        self.active = isinstance(folder, str) and bool(folder)
        self.prefix = (text(in_repo).strip("/") + "/").lstrip("/") if isinstance(in_repo, str) \
            else ""
        # Outside a repository the paths are the folder's own, against a named base.
        self.base = None if isinstance(in_repo, str) or not self.active else "SITEROOT"
        self.folder = str(folder or "")

    def uri(self, path: object) -> str | None:
        if not self.active or not isinstance(path, str) or not path:
            return None
        parts = [p for p in text(path).split("/") if p not in ("", ".", "..")]
        return quote(self.prefix + "/".join(parts), safe="/") if parts else None

    def artifact(self, uri: str) -> dict[str, Any]:
        return {"uri": uri, "uriBaseId": self.base} if self.base else {"uri": uri}

    def bases(self) -> dict[str, Any]:
        if self.base is None:
            return {}
        base: dict[str, Any] = {"description": {"text": f"the audited folder {text(self.folder)}"}}
        if PurePath(self.folder).is_absolute():
            base["uri"] = PurePath(self.folder).as_uri().rstrip("/") + "/"
        return {self.base: base}


def _region(evidence: Mapping[str, Any]) -> dict[str, Any] | None:
    line, column = evidence.get("line"), evidence.get("column")
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        return None
    region = {"startLine": line}
    if isinstance(column, int) and not isinstance(column, bool) and column >= 1:
        region["startColumn"] = column
    return region


def _location(artifact: dict[str, Any],
              evidence: Mapping[str, Any] | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": artifact}}
    if not evidence:
        return loc
    region = _region(evidence) if "uriBaseId" in artifact or "://" not in artifact["uri"] \
        else None
    if region:
        loc["physicalLocation"]["region"] = region
    selector = text(evidence.get("selector"), 500)
    if selector:
        loc["logicalLocations"] = [{"name": selector, "fullyQualifiedName": selector,
                                    "kind": "element"}]
    snippet = text(evidence.get("snippet"), 500)
    value = text(evidence.get("value"), 500)
    if snippet or value:
        loc["message"] = {"text": snippet or value}
        loc["properties"] = {k: v for k, v in (("snippet", snippet), ("value", value)) if v}
    return loc


def _locations(check: Mapping[str, Any], fallback: dict[str, Any] | None,
               files: _Files) -> tuple[list[Any], int]:
    """Locations of the evidence (deduplicated), and how many were left out past the cap."""
    seen: set[tuple[str, str, object]] = set()
    out: list[dict[str, Any]] = []
    for ev in _items(check.get("evidence")):
        # A folder audit's served URLs are gone after the run: only its files are places.
        uri = files.uri(ev.get("path")) if files.active else web_uri(ev.get("url"))
        key = (uri or "", text(ev.get("selector")), ev.get("line"))
        if uri is None or key in seen:
            continue
        seen.add(key)
        out.append(_location(files.artifact(uri), ev))
    if not out and fallback:
        # Nothing on any page to point at (no phone anywhere): the finding is the site's, and
        # code scanning is shown its start page from the top.
        loc = _location(fallback)
        if files.active:
            loc["physicalLocation"]["region"] = {"startLine": 1}
        out.append(loc)
    return out[:MAX_LOCATIONS], max(0, len(out) - MAX_LOCATIONS)


def _result(check: Mapping[str, Any], index: int, status: str,
            fallback: dict[str, Any] | None, files: _Files) -> dict[str, Any]:
    check_id = text(check.get("id"), 200)
    locations, omitted = _locations(check, fallback, files)
    first = locations[0]["physicalLocation"]["artifactLocation"]["uri"] if locations else ""
    result: dict[str, Any] = {
        "ruleId": check_id,
        "ruleIndex": index,
        "kind": KIND[status],
        "level": LEVEL[status],
        "message": {"text": text(check.get("summary") or check.get("title") or check_id)},
        "locations": locations,
        # Stable across runs so code scanning tracks one alert per check and page, and does
        # not try to hash source lines of a web page it cannot see.
        "partialFingerprints": {
            "contactableCheck/v1": hashlib.sha256(f"{check_id}\n{first}".encode()).hexdigest()
        },
    }
    props: dict[str, Any] = {"status": status}
    if isinstance(check.get("score"), (int, float)):
        props["score"] = check["score"]
    if check.get("recommendation"):
        props["recommendation"] = text(check["recommendation"])
    if omitted:
        props["omittedLocations"] = omitted
    result["properties"] = props
    return result


def _notification(message: str, level: str, rule: tuple[str, int] | None = None
                  ) -> dict[str, Any]:
    note: dict[str, Any] = {"message": {"text": text(message) or "(no message)"}, "level": level}
    if rule is not None:
        note["associatedRule"] = {"id": rule[0], "index": rule[1]}
    return note


def build_log(report: Mapping[str, Any]) -> dict[str, Any]:
    """The SARIF log of ``report`` as a dict."""
    site = _dict(report.get("site"))
    files = _Files(site)
    fallback: dict[str, Any] | None = None
    if files.active:
        # The start page's file: the page crawled first, with no click to it.
        start = next((files.uri(p.get("path")) for p in _items(report.get("pages"))
                      if p.get("depth") == 0 and files.uri(p.get("path"))), None)
        fallback = files.artifact(start) if start else None
    else:
        web = web_uri(site.get("start_url")) or web_uri(site.get("final_url"))
        fallback = {"uri": web} if web else None
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for check in _items(report.get("checks")):
        check_id = text(check.get("id"), 200)
        if check_id not in index:
            # A duplicated id keeps its first rule, so ruleIndex always matches ruleId.
            index[check_id] = len(rules)
            rules.append(_rule(check))
        status = check.get("status")
        if status in LEVEL:
            results.append(_result(check, index[check_id], str(status), fallback, files))
        elif status not in ("pass", "not_applicable"):
            notes.append(_notification(
                f"Check {check_id} could not run ({text(status, 50)}): "
                f"{text(check.get('summary'))}", "error", (check_id, index[check_id])))
    if site.get("complete") is False:
        notes.append(_notification(
            f"The crawl stopped early ({text(site.get('stop_reason'), 200) or 'unknown reason'})"
            " : pages not visited were not checked.", "warning"))
    for warning in report.get("warnings") or []:
        notes.append(_notification(str(warning), "warning"))
    tool = _dict(report.get("tool"))
    driver: dict[str, Any] = {"name": "contactable", "informationUri": INFORMATION_URI,
                              "rules": rules}
    if tool.get("version"):
        driver["version"] = text(tool["version"], 50)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if isinstance(report.get("generated_at"), str) and report["generated_at"]:
        invocation["endTimeUtc"] = report["generated_at"]
    if notes:
        invocation["toolExecutionNotifications"] = notes
    settings = [_notification(f"Check your settings: {note}.", "warning")
                for note in setup_notes(report)]
    if settings:
        invocation["toolConfigurationNotifications"] = settings
    run: dict[str, Any] = {"tool": {"driver": driver}, "invocations": [invocation],
                           "results": results, "columnKind": "unicodeCodePoints"}
    run_props = {k: report.get(k) for k in ("score", "grade") if report.get(k) is not None}
    if site:
        run_props["site"] = {k: site[k] for k in ("start_url", "final_url", "pages_crawled",
                                                  "complete", "stop_reason", "folder")
                             if k in site}
    if run_props:
        run["properties"] = run_props
    if files.bases():
        run["originalUriBaseIds"] = files.bases()
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def combined_sarif(reports: Sequence[Mapping[str, Any]]) -> str:
    """One SARIF log for the batch: one run a site (SARIF's own way to hold several)."""
    runs = [run for r in reports for run in build_log(r)["runs"]]
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": runs}, indent=2,
                      ensure_ascii=False) + "\n"


class SarifReport:
    name: ClassVar[str] = "sarif"
    filename: ClassVar[str] = "report.sarif"

    def render(self, report: dict[str, Any]) -> str:
        return json.dumps(build_log(report), indent=2, ensure_ascii=False) + "\n"
