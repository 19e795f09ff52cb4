"""``contactable history SITE`` (a site's trend) and ``contactable diff A B`` (two audits).

An audit is a ``report.json`` or an entry of the history: ``history:SITE`` (the newest),
``history:SITE@-2`` (the one before), ``history:SITE@1`` (the oldest). The comparison is
:func:`contactable.diff.compare`, shown by :mod:`reports.diff_view` as ``--baseline`` shows it.

>>> parse_entry("history:shop.example@-2"), parse_entry("history:/srv/site"), parse_entry("a.json")
(('shop.example', -2), ('/srv/site', -1), None)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from contactable.audit import AuditError
from contactable.config import ConfigError
from contactable.config import load as load_config
from contactable.history import (
    DEFAULT_FILE,
    HistoryError,
    audits,
    load_report,
    stored_reports,
)
from contactable.options import EXIT_ASSERT, EXIT_OK, EXIT_USAGE, Parser, positive
from reports.terminal import printable
from reports.trend import spark_text

_ENTRY = re.compile(r"^history:(?P<site>.+?)(?:@(?P<n>[+-]?\d+))?$")


def parse_entry(text: str) -> tuple[str, int] | None:
    """``(site, which)`` for ``history:SITE[@N]``, None for a file name."""
    m = _ENTRY.match(text)
    return (m["site"], int(m["n"] or -1)) if m else None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--history", type=Path, default=None, metavar="FILE",
                   help=f"the history file (default: the configuration's history key, e.g. "
                        f"{DEFAULT_FILE})")
    p.add_argument("--config", type=Path, default=None, metavar="FILE",
                   help="configuration file (default: ./contactable.toml, else "
                        "[tool.contactable] in ./pyproject.toml)")


def history_parser() -> argparse.ArgumentParser:
    p = Parser(prog="contactable history",
               description="Print a site's audits kept in the history, oldest first: score, "
                           "grade, pages and what changed since the run before.")
    p.add_argument("site", metavar="SITE", help="a URL, a host name or an audited folder")
    p.add_argument("--last", type=positive, default=20, metavar="N",
                   help="the last N audits (default 20)")
    _common(p)
    return p


def diff_parser() -> argparse.ArgumentParser:
    p = Parser(prog="contactable diff",
               description="What changed from audit A to audit B: each a report.json, or "
                           "history:SITE[@N] (@-1 the newest, @-2 the one before, @1 the "
                           "oldest).")
    p.add_argument("a", metavar="A", help="the earlier audit")
    p.add_argument("b", metavar="B", help="the later audit")
    p.add_argument("--json", action="store_true", help="print the diff as JSON")
    p.add_argument("--fail-on", choices=("regression",), default=None, type=str.lower,
                   help="exit 1 when a contact item was lost or needs more clicks, or a check "
                        "got worse")
    _common(p)
    return p


def _history_file(ns: argparse.Namespace) -> Path:
    if ns.history is not None:
        return Path(ns.history)
    try:
        cfg = load_config(ns.config)
    except ConfigError as exc:
        raise AuditError(str(exc), EXIT_USAGE) from None
    if cfg.history is None:
        raise AuditError(f"no history given: add --history FILE, or history = \"{DEFAULT_FILE}\""
                         " to the configuration", EXIT_USAGE)
    return Path(cfg.history)


def history_main(argv: Sequence[str]) -> int:
    ns = history_parser().parse_args(list(argv))
    path = _history_file(ns)
    try:
        found = audits(path, ns.site)
        if not found:
            load_report(path, ns.site)  # raises, naming the sites the history holds
        shown = found[-ns.last:]
        # The run before the first one shown, if any: that row's change is measured from it.
        earlier = len(found) - len(shown)
        stored = stored_reports(path, found[max(earlier - 1, 0):])
        before: dict[str, Any] | None = stored.pop(0) if earlier else None
        lines = [f"{len(shown)} audit{'s' if len(shown) != 1 else ''} of {shown[0].site} in "
                 f"{path}, oldest first: {spark_text([a.score for a in shown])}",
                 "   #  when                       score  grade  pages  since the run before"]
        for a, now in zip(shown, stored, strict=True):
            lines.append(f"{a.number:>4}  {a.generated_at:<25}  {_score(a.score):>5}  "
                         f"{a.grade or '-':<5}  {_pages(a.pages_crawled, a.complete):>5}  "
                         f"{_change(before, now) if before else 'first run'}")
            before = now
    except HistoryError as exc:
        raise AuditError(str(exc), EXIT_USAGE) from None
    print("\n".join(printable(line) for line in lines))
    return EXIT_OK


def _score(score: float | None) -> str:
    from reports.view import shown_score

    return str(shown_score(score)) if score is not None else "-"


def _pages(pages: int | None, complete: bool | None) -> str:
    return "-" if pages is None else f"{pages}{'' if complete is not False else '*'}"


def _change(before: dict[str, Any], now: dict[str, Any]) -> str:
    from contactable.diff import compare
    from reports import diff_view

    return diff_view.headline(compare(before, now))


def read_report(path: Path, what: str) -> dict[str, Any]:
    """A ``report.json`` to compare with (``what``: ``baseline`` or ``audit``), or one line."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AuditError(f"{what} {path} not found: run once with --out to create it",
                         EXIT_USAGE) from None
    except (OSError, ValueError) as exc:
        raise AuditError(f"{what} {path} is not a report.json ({exc})", EXIT_USAGE) from None
    if not isinstance(data, dict) or not isinstance(data.get("score"), (int, float)):
        raise AuditError(f"{what} {path} has no score: give a report.json of contactable",
                         EXIT_USAGE)
    site = data.get("site")
    if (not isinstance(site, dict) or not isinstance(site.get("start_url"), str)
            or not isinstance(data.get("checks"), list)
            or not isinstance(data.get("contacts"), dict)):
        raise AuditError(f"{what} {path} is not a report.json of contactable (it lacks "
                         "site.start_url, checks or contacts)", EXIT_USAGE)
    return data



def _audit(text: str, ns: argparse.Namespace) -> dict[str, Any]:
    entry = parse_entry(text)
    if entry is None:
        return read_report(Path(text), "audit")
    try:
        return load_report(_history_file(ns), *entry)
    except HistoryError as exc:
        raise AuditError(str(exc), EXIT_USAGE) from None


def diff_main(argv: Sequence[str]) -> int:
    ns = diff_parser().parse_args(list(argv))
    old, new = _audit(ns.a, ns), _audit(ns.b, ns)
    from contactable.diff import compare, regressions

    diff = compare(old, new)
    if ns.json:
        print(json.dumps(diff, indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        from reports.terminal import print_diff

        title = f"From {_name(ns.a, old)} to {_name(ns.b, new)}"
        print_diff(diff, Console(highlight=False, soft_wrap=True), title=title, shown=None)
        if not diff["same_site"]:
            print(printable(f"Note: these are audits of two sites: {_site(old)} and "
                            f"{_site(new)}"))
    if ns.fail_on == "regression" and diff["regression"]:
        for line in regressions(diff):
            line = line.removeprefix("since the baseline: ")
            print(f"contactable: regression: {printable(line)}", file=sys.stderr)
        return EXIT_ASSERT
    return EXIT_OK


def _name(text: str, report: dict[str, Any]) -> str:
    when = str(report.get("generated_at") or "")
    return f"{text} ({when})" if when else text


def _site(report: dict[str, Any]) -> str:
    from contactable.history import site_key

    return site_key(report) or "?"
