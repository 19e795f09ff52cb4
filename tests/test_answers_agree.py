"""The four headline answers never contradict the checks printed under them (issue 11).

Every site of the shared corpus (``../shared/corpus/sites``, beside the repository, as CI lays
it out) is audited for real, in a subprocess; the test skips, saying so, where the corpus is
not there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from reports.view import answers

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "sites"
SITES = sorted(p.name for p in CORPUS.iterdir() if (p / "index.html").exists()) \
    if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("corpus-reports")

    def audit(name: str) -> tuple[str, dict[str, Any]]:
        subprocess.run([sys.executable, "-m", "contactable", str(CORPUS / name), "--out",
                        str(out / name), "--format", "json", "--quiet", "--max-pages", "60"],
                       cwd=ROOT, check=False, timeout=600)
        return name, json.loads((out / name / "report.json").read_text("utf-8"))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(audit, SITES))


def _status(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in report["checks"]}


@pytest.mark.skipif(not SITES, reason=f"no corpus at {CORPUS}")
@pytest.mark.parametrize("name", SITES)
def test_headline_answers_agree_with_their_checks(
        name: str, reports: dict[str, dict[str, Any]]) -> None:
    report = reports[name]
    checks = _status(report)
    said = {a["key"]: a["found"] for a in answers(report)}

    # An email a visitor can use is an email the check sees; none seen, none answered.
    assert said["email"] <= (checks["email.visible"]["status"] == "pass")
    assert said["phone"] == (checks["phone.found"]["status"] == "pass")
    assert said["person"] == (checks["person.named_contact"]["status"] != "fail")
    # "Am I told someone will answer?": a reply promise or a promise of a person. Opening
    # hours or an invitation alone never make it yes while the reply promise check says the
    # site never says when visitors hear back.
    promise = checks["reassurance.response_promise"]
    never = promise["status"] == "fail" and not promise.get("evidence")
    humans = [r for r in report["contacts"]["reassurances"] if r.get("kind") == "human"]
    assert said["reassurance"] == (not never or bool(humans))
