"""``index.csv`` of a ``contactable batch``: the index's table, one row a site, for a
spreadsheet; a cell a spreadsheet would run as a formula is defused.

>>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-1"), csv_cell(-1.5), csv_cell("Acme")
('\\'=HYPERLINK("http://x")', "'-1", -1.5, 'Acme')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from reports.view import QUESTIONS, clicks, shown_score


def csv_cell(value: object) -> object:
    """A cell a spreadsheet will not run: text starting with ``= + - @`` (or a tab or carriage
    return) is prefixed with a quote, as OWASP advises; numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def index_csv(sites: Sequence[Mapping[str, Any]]) -> str:
    """``index.csv``: one row a site, in the index's order."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["position", "site", "target", "score", "grade", "score_change", "lost",
                     "gained", *(label for _key, label in QUESTIONS), "fix_first_1",
                     "fix_first_2", "fix_first_3", "outcome", "report"])
    for s in sites:
        found = s.get("found") or {}
        answers = []
        for key, _label in QUESTIONS:
            a = found.get(key)
            answers.append("" if not a else clicks(a.get("clicks")) if a.get("found")
                           else "not found")
        change = s.get("change") or {}
        fixes = [*(s.get("weakest") or [])[:3], "", "", ""][:3]
        outcome = str(s.get("status") or "") + (f": {s['error']}" if s.get("error") else "")
        score = s.get("score")
        row = [s.get("position"), s.get("name"), s.get("target"),
               shown_score(score) if isinstance(score, (int, float)) else "", s.get("grade"),
               change.get("score", ""), change.get("lost", ""), change.get("gained", ""),
               *answers, *fixes, outcome, s.get("report") or ""]
        writer.writerow([csv_cell("" if v is None else v) for v in row])
    return buf.getvalue()
