"""Every sub-check of the rubric exists, with complete metadata, registered like a plugin."""

from __future__ import annotations

import re

from checks.api import STATUSES
from checks.rules import CHECKS
from checks.rules.meta import rules
from checks.scoring import CATEGORIES
from plugins.registry import load_registry


def test_every_rule_has_exactly_one_check() -> None:
    ids = [c.meta.id for c in CHECKS]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(rules())


def test_metadata_is_complete() -> None:
    categories = {c[0] for c in CATEGORIES}
    for c in CHECKS:
        m = c.meta
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", m.id)
        assert m.id.split(".")[0] == m.category in categories
        assert m.title and m.description and m.source and m.recommendation
        assert m.help_url.startswith("https://")
        assert m.weight > 0


def test_built_in_checks_come_through_the_entry_point() -> None:
    registry = load_registry([])
    assert {c.meta.id for c in CHECKS} <= set(registry.checks)


def test_a_failing_result_gets_the_rules_default_recommendation() -> None:
    from tests.sitemodels import site

    (chk,) = [c for c in CHECKS if c.meta.id == "email.visible"]
    res = chk(site({"/": []}))
    assert res.status == "fail" and res.status in STATUSES
    assert res.recommendation == chk.meta.recommendation


def test_docs_checks_md_is_generated_from_the_rules() -> None:
    from pathlib import Path

    from checks.rules.docs import markdown

    docs = Path(__file__).resolve().parents[1] / "docs" / "checks.md"
    assert docs.read_text(encoding="utf-8") == markdown(), \
        "run: python -m checks.rules.docs > docs/checks.md"
