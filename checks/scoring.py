"""Scoring: check results -> category scores -> overall score and grade.

A category scores the mean of its applicable checks' scores (weighted by check weight);
categories with no applicable check drop out and their weight is shared by the others.

>>> grade(85), grade(84.9), grade(50), grade(10)
('A', 'B', 'C', 'D')
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.api import CheckMeta, Result

# (id, title, weight): the rubric's dimensions D1..D10, in docs/checks.md's order.
CATEGORIES: tuple[tuple[str, str, float], ...] = (
    ("findability", "Findability and click depth", 15),
    ("email", "Email", 10),
    ("phone", "Phone", 10),
    ("person", "A named contact person", 8),
    ("reassurance", "Reassurance and response promise", 12),
    ("forms", "Contact-form friction", 10),
    ("help", "Consistent help (WCAG 2.2 SC 3.2.6)", 12),
    ("legal", "Legal contact information", 13),
    ("structured_data", "Structured data", 4),
    ("channels", "Other channels, hours, address", 6),
)
UNWEIGHTED = ("not_applicable", "error")


@dataclass(slots=True)
class CategoryScore:
    id: str
    title: str
    weight: float
    score: float | None
    """0..100, or None when no check of the category applied."""


def grade(score: float) -> str:
    """A (>= 85), B (>= 70), C (>= 50), D below."""
    if score >= 85:
        return "A"
    if score >= 70:
        return "B"
    if score >= 50:
        return "C"
    return "D"


def score_categories(
    results: list[tuple[CheckMeta, Result]],
    weights: dict[str, float] | None = None,
) -> tuple[list[CategoryScore], float | None]:
    """Category scores and the overall score (None when nothing applied)."""
    weights = weights or {}
    cats: list[CategoryScore] = []
    known = {c[0] for c in CATEGORIES}
    extra = sorted({m.category for m, _ in results} - known)
    for cid, title, weight in (*CATEGORIES, *((c, c.title(), 0.0) for c in extra)):
        applicable = [(m, r) for m, r in results
                      if m.category == cid and r.status not in UNWEIGHTED and m.weight > 0]
        if applicable:
            total = sum(m.weight for m, _ in applicable)
            value = sum(m.weight * (r.score or 0.0) for m, r in applicable) / total * 100
            score: float | None = round(value, 1)
        else:
            score = None
        cats.append(CategoryScore(cid, title, weights.get(cid, weight), score))
    scored = [c for c in cats if c.score is not None and c.weight > 0]
    if not scored:
        return cats, None
    overall = sum(c.weight * (c.score or 0.0) for c in scored) / sum(c.weight for c in scored)
    return cats, round(overall, 1)
