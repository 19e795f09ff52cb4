"""``report.codequality.json`` (GitLab code quality) on the hostile report and a real audit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

from reports.codequality_report import CodeQualityReport
from tests.test_formats import build_report

SITE = Path(__file__).resolve().parent / "sites" / "plaintext"
# What GitLab requires of each issue (docs.gitlab.com, "Code Quality report format").
ISSUE = {
    "type": "array", "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {"type": "object", "required": ["path", "lines"], "properties": {
                "path": {"type": "string", "minLength": 1},
                "lines": {"type": "object", "required": ["begin"],
                          "properties": {"begin": {"type": "integer", "minimum": 1}}}}},
        }}}


def test_every_finding_is_an_issue_with_a_stable_fingerprint() -> None:
    report = build_report()
    issues = json.loads(CodeQualityReport().render(report))
    jsonschema.validate(issues, ISSUE)
    findings = [c["id"] for c in report["checks"]
                if c["status"] in ("fail", "warn", "needs_review", "error")]
    assert [i["check_name"] for i in issues] == findings
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert json.loads(CodeQualityReport().render(build_report())) == issues
    # Controls and bidi overrides from the site never reach the widget.
    text = json.dumps(issues, ensure_ascii=False)
    assert not any(ch in text for ch in "\u202e\u2066\x07")


def test_suppressed_findings_stay_as_info_and_file_paths_win() -> None:
    report: dict[str, Any] = {
        "site": {"final_url": "http://127.0.0.1:9/"},
        "pages": [{"url": "http://127.0.0.1:9/contact/", "path": "_site/contact/index.html"}],
        "checks": [{"id": "phone.tel_link", "title": "Tel", "status": "warn", "summary": "x",
                    "suppressed": {"reason": "widget"},
                    "evidence": [{"url": "http://127.0.0.1:9/contact/"}]},
                   {"id": "phone.found", "status": "pass", "summary": "ok", "evidence": []}]}
    [issue] = json.loads(CodeQualityReport().render(report))
    assert issue["severity"] == "info" and issue["description"] == "Tel: x (suppressed: widget)"
    assert issue["location"] == {"path": "_site/contact/index.html", "lines": {"begin": 1}}


def test_a_folder_audit_writes_it(cli: Callable[..., Any], tmp_path: Path) -> None:
    run = cli(str(SITE), "--format", "json,codequality", "--quiet")
    assert run.code == 0, run.stderr
    issues = json.loads((run.out / "report.codequality.json").read_text("utf-8"))
    jsonschema.validate(issues, ISSUE)
    tel = next(i for i in issues if i["check_name"] == "phone.tel_link")
    assert tel["severity"] == "minor" and tel["location"]["path"].startswith("contact/")
