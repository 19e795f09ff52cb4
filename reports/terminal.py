"""The terminal summary: score, the four answers, and what to fix first."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reports import diff_view
from reports.view import answers, clicks, setup_notes

_DIFF_SHOWN = 10  # the rest is in report.json and the other formats
_TONE = {"bad": "red", "good": "green", "neutral": "dim"}
# C0 and C1 control characters (ESC starts the sequences that retitle or clear a terminal) and
# the bidirectional overrides that reorder what a reader sees; tab and newline stay.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``text`` without the characters a crawled site could use to drive a terminal.

    >>> printable("Acme\x1b]0;pwned\x07 \x1b[2J\u202eLtd")
    'Acme]0;pwned [2JLtd'
    """
    return _CONTROL.sub("", str(text))


def safe(text: object) -> str:
    """Site text for a rich console: printable, and never read as rich markup."""
    return escape(printable(text))


_STYLE = {"pass": "green", "warn": "yellow", "needs_review": "yellow", "fail": "red",
          "error": "red", "not_applicable": "dim"}


def print_summary(report: dict[str, Any], console: Console, written: list[str]) -> None:
    site = report["site"]
    shown = math.floor(report["score"])  # as the HTML report: 69.8 is not yet a B's 70
    console.print(f"[bold]{safe(site.get('folder') or site['final_url'])}[/]: score "
                  f"[bold]{shown}[/]/100, "
                  f"grade [bold]{report['grade']}[/] ({site['pages_crawled']} pages, "
                  f"{site['duration_s']:.1f} s)", highlight=False)
    if not site["complete"]:
        reason = safe(str(site["stop_reason"]))
        console.print(f"[yellow]Incomplete:[/] the crawl stopped early ({reason}).")
    for note in setup_notes(report):
        console.print(f"[yellow]Check your settings:[/] {safe(note)}.", highlight=False)
    for partial, verb in ((False, "could not be read"), (True, "were read only in part")):
        unread = Counter(str(u["reason"]).replace("_", " ") for u in report.get("unread") or ()
                         if bool(u.get("partial")) is partial)
        if unread:
            why = ", ".join(f"{n} {safe(reason)}" for reason, n in unread.most_common())
            console.print(f"[yellow]{unread.total()} pages {verb}[/] ({why}): listed in the "
                          "JSON report's unread", highlight=False)
    if isinstance(report.get("diff"), dict):
        print_diff(report["diff"], console)
    table = Table(show_header=False, box=None, pad_edge=False)
    for a in answers(report):
        if a["depth"] is not None:
            verdict = f"[green]yes[/], {clicks(a['depth'])}: {safe(str(a['value']))}"
        elif a["found"]:
            verdict = f"[yellow]only on unlinked pages[/]: {safe(str(a['value']))}"
        else:
            verdict = "[red]no[/]"
        table.add_row(a["question"], verdict)
    console.print(table)
    todo = [c for c in report["checks"] if c["status"] in ("fail", "warn", "error")
            and not c.get("suppressed")]
    todo.sort(key=lambda c: (c["status"] != "fail", -c["weight"]))
    for c in todo[:5]:
        style = _STYLE.get(c["status"], "")
        text = f"{safe(c['title'])}: {safe(c['summary'])}"
        console.print(f"  [{style}]{c['status']:>4}[/] {text}", highlight=False)
    # Accepted findings are never hidden: each is listed with the reason it was accepted.
    for c in report["checks"]:
        sup = c.get("suppressed") or c.get("suppression_expired")
        if not sup:
            continue
        until = f", until {sup['expires']}" if sup.get("expires") else ""
        where = f" on {sup['url']}" if sup.get("url") else ""
        if c.get("suppressed"):
            head = f"  [dim]suppressed[/] {safe(c['id'])} ({c['status']}{safe(where)})"
        else:
            head = (f"  [yellow]suppression expired[/] {safe(c['id'])} "
                    f"({c['status']}{safe(where)}): it counts again")
        console.print(f"{head}: {safe(sup['reason'])}{safe(until)}", highlight=False)
    for path in written:
        console.print(f"Wrote {safe(path)}", highlight=False)


def print_diff(diff: dict[str, Any], console: Console, title: str = "Since the baseline",
               shown: int | None = _DIFF_SHOWN) -> None:
    """What changed since the baseline (or from one audit to another), worst first; the first
    ``shown`` changes, or all when None."""
    console.print(f"{safe(title)}: {safe(diff_view.headline(diff))}", highlight=False)
    changes = diff_view.rows(diff)
    for r in changes[:shown]:
        style = _TONE[r["tone"]]
        console.print(f"  [{style}]{r['change']:>7}[/] {safe(r['what'])}: "
                      f"{safe(r['before'])} → {safe(r['after'])}", highlight=False)
    if shown is not None and len(changes) > shown:
        console.print(f"  ... and {len(changes) - shown} more changes in the reports",
                      highlight=False)
    for note in diff.get("notes") or []:
        console.print(f"  [yellow]Note:[/] {safe(str(note))}", highlight=False)
