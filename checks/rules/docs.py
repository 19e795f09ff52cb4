"""Documentation of the built-in checks, generated from ``rules.json``."""

from __future__ import annotations

from checks.rules.meta import rules


def markdown() -> str:
    """``docs/checks.md``: every rule's title, why it matters, its source and what to do.

    Regenerate with ``python -m checks.rules.docs > docs/checks.md`` (a test keeps it in step).
    """
    from checks.scoring import CATEGORIES

    lines = ["# The checks", "",
             "Generated from `checks/rules/rules.json` by `python -m checks.rules.docs`. "
             "Each check cites its ground: a norm or law, usability research, or a survey "
             "(direction only). Legal findings are possible gaps, not legal advice.", "",
             "Scoring (`checks/scoring.py`): a check scores 1 when it passes, 0.5 for a "
             "warning or a finding to check by hand, 0 when it fails; a category scores the "
             "weighted mean of its checks that applied and could run, out of 100; a category "
             "with none drops out and the others share its weight. Grades: A from 85, "
             "B from 70, C from 50, D below.", ""]
    table = rules()
    for cid, title, weight in CATEGORIES:
        lines += [f"## {title} ({cid}, weight {weight:g})", ""]
        for ident, r in table.items():
            if r["category"] != cid:
                continue
            lines += [f"### {ident}", "", f"**{r['title']}**", "", r["description"], "",
                      f"*Source:* {r['source']}", "", f"*What to do:* {r['recommendation']}", ""]
            if r.get("detectors"):
                lines += [f"*Reads the detectors:* {', '.join(r['detectors'])} (with one turned "
                          "off in `[detectors]`, the check is not applicable)", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
