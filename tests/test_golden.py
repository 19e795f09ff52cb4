"""The demo site's report, pinned: score, grade, category scores, every check's status and
score, and the contacts found. A change in any detector or check that moves them shows here.

After an intended change, regenerate with::

    CONTACTABLE_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).parent / "golden" / "demo_report.json"


def pinned(report: dict[str, Any]) -> dict[str, Any]:
    """What the golden file keeps: no URLs with ports, no times."""
    contacts = report["contacts"]
    return {
        "score": report["score"],
        "grade": report["grade"],
        "pages_crawled": report["site"]["pages_crawled"],
        "categories": {c["id"]: c["score"] for c in report["categories"]},
        "checks": {c["id"]: [c["status"], c["score"]] for c in report["checks"]},
        "emails": sorted((e["value"], e["min_depth"]) for e in contacts["emails"]),
        "phones": sorted((p["value"], p["kind"], p["min_depth"]) for p in contacts["phones"]),
        "persons": sorted((p["name"], p["role"], p["min_depth"]) for p in contacts["persons"]),
        "reassurances": sorted((r["text"], r["kind"]) for r in contacts["reassurances"]),
        "opening_hours": sorted(h["value"] for h in contacts["opening_hours"]),
        "addresses": sorted(a["value"] for a in contacts["addresses"]),
    }


def test_the_demo_report_is_the_golden_one(cli: Callable[..., Any], tmp_path: Path) -> None:
    run = cli("demo", "--out", str(tmp_path / "demo"), "--quiet")
    assert run.code == 0, run.stderr
    report = json.loads((tmp_path / "demo" / "report.json").read_text("utf-8"))
    # Round-trip through JSON so tuples compare with the file's lists.
    got = json.loads(json.dumps(pinned(report)))
    if os.environ.get("CONTACTABLE_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
        pytest.skip(f"{GOLDEN.name} written: review its diff, then run again without "
                    "CONTACTABLE_UPDATE_GOLDEN")
    want = json.loads(GOLDEN.read_text("utf-8"))
    for key in want:
        assert got[key] == want[key], f"{key} changed; see the module docstring to update"
    assert got == want
