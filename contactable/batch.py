"""``contactable batch FILE``: audit many sites, one report each, and an index comparing them.

FILE holds one target a line (a URL, or a folder of HTML); blank lines and ``#`` comments are
skipped. Each site is audited by its own ``python -m contactable`` process (a Scrapy reactor
cannot restart in one process), with the options given after FILE, into ``OUT/NN-name/``.
``OUT/index.json`` and ``OUT/index.html`` list every site in FILE's order (the HTML and
``OUT/index.csv`` in ``--sort``'s): its score, grade, pages, the four answers, what to fix
first and what became of it; with a history (``--history FILE``), its trend and what changed
since its last run (:mod:`contactable.portfolio`).

>>> site_folder(3, "https://www.acme.co.uk/en/")
'03-www.acme.co.uk-en'
>>> outcome(3), outcome(1), outcome(130)
('not audited', 'failed an assertion', 'interrupted')
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from contactable import __version__
from contactable.audit import AuditError, checked_registry, writable_out
from contactable.config import ConfigError
from contactable.config import load as load_config
from contactable.history import HistoryError, check_writable
from contactable.options import (
    EXIT_ASSERT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNAUDITABLE,
    EXIT_USAGE,
    Parser,
    audit_parser,
    options_from,
    positive,
)
from contactable.portfolio import SORTS, report_of, sort_sites, trend_and_change
from reports.batch_csv import index_csv
from reports.junit_report import combined_junit
from reports.sarif_report import combined_sarif
from reports.terminal import printable
from reports.view import shown_score

INDEX_VERSION = "1"
_OUTCOMES = {
    EXIT_OK: "audited",
    EXIT_ASSERT: "failed an assertion",
    EXIT_USAGE: "not audited",
    EXIT_UNAUDITABLE: "not audited",
    EXIT_INTERRUPTED: "interrupted",
}
# Options that name one site's files, or that compare with one earlier report.
_PER_SITE = ("out", "baseline", "save_crawl", "from_crawl")


class BatchError(Exception):
    """Bad input to the batch itself: one line, exit 2."""


@dataclass
class SiteResult:
    """One line of the index."""

    target: str
    folder: str
    name: str = ""
    """What the index calls the site: a URL without its scheme, a folder's own name."""
    status: str = "not started"
    exit_code: int | None = None
    score: float | None = None
    grade: str | None = None
    pages_crawled: int | None = None
    complete: bool | None = None
    weakest: list[str] = field(default_factory=list)
    """Titles of the three lowest-scoring checks that did not pass."""
    found: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The report's four answers (``email``, ``phone``, ``person``, ``reassurance``): each
    ``found`` and, when a link leads there, ``clicks`` from the home page."""
    error: str = ""
    seconds: float | None = None
    trend: list[float | None] = field(default_factory=list)
    """The site's scores over its last runs in the history, oldest first, this one last."""
    change: dict[str, Any] | None = None
    """What changed since its last run in the history (:func:`portfolio.change_summary`)."""


def batch_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="contactable batch",
        description="Audit every site listed in FILE (one URL or folder a line; '#' starts a "
                    "comment), one report each in OUT/NN-name/, and write OUT/index.html and "
                    "OUT/index.json comparing them. Other options (--max-pages, --format, "
                    "--fail-under, --config ...) apply to every site.",
    )
    p.add_argument("file", type=Path, metavar="FILE",
                   help="a text file: one URL or folder a line")
    p.add_argument("--out", default="contactable-batch", metavar="DIR",
                   help="folder for the index and the sites' reports (default "
                        "./contactable-batch)")
    p.add_argument("--jobs", type=positive, default=1, metavar="N",
                   help="sites audited at a time (default 1)")
    p.add_argument("--sort", choices=SORTS, default="list", type=str.lower,
                   help="order of index.html and index.csv: list (the file's, default), score "
                        "(lowest first), change (most lost since the last run first), name")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    # Scale-out: the CLI hands a batch with --scrapyd to contactable.scrapyd.dispatch.
    p.add_argument("--scrapyd", default=None, metavar="URL,URL",
                   help="run one Scrapyd job per site on these nodes (deployed with "
                        "'contactable scrapyd deploy'); OUT must be a folder they can write")
    p.add_argument("--node-slots", type=positive, default=None, metavar="N",
                   help="with --scrapyd: jobs at a time per node, its max_proc; at most as many "
                        "more wait in its queue (default 4)")
    p.add_argument("--node-out", default=None, metavar="DIR|file://URI",
                   help="with --scrapyd: OUT as the nodes see it, when mounted elsewhere")
    return p


def read_targets(path: Path) -> list[str]:
    """The targets listed in ``path``, in order: a folder is taken relative to the list's own
    folder when it is there (as a list beside its sites expects), else to the current one."""
    if path.is_dir():
        raise BatchError(f"{path} is a folder: give a file that lists the sites, one a line")
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark from Notepad or Excel
    except FileNotFoundError:
        raise BatchError(
            f"{path} does not exist: give a file with one URL or folder a line") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BatchError(f"cannot read {path}: {exc}") from exc
    targets = []
    for line in text.splitlines():
        line = _COMMENT.sub("", line).strip()
        if not line:
            continue
        if "://" not in line and not Path(line).is_absolute() and (path.parent / line).is_dir():
            line = str(path.parent / line)
        targets.append(line)
    if not targets:
        raise BatchError(f"{path} lists no site: write one URL or folder a line")
    return targets


# A comment: a whole line from '#', or '#' after white space ("https://a.test  # client").
_COMMENT = re.compile(r"(?:^|\s)#.*$")


def short_name(target: str) -> str:
    """A URL's host and path, a folder's own name.

    >>> short_name("https://www.acme.co.uk/en/"), short_name("HTTP://a.test")
    ('www.acme.co.uk/en', 'a.test')
    """
    name = target.strip()
    if not re.match(r"[a-z][a-z0-9+.-]*://", name, re.IGNORECASE) and Path(name).is_dir():
        return Path(name).resolve().name
    return re.sub(r"^[a-z][a-z0-9+.-]*://", "", name, flags=re.IGNORECASE).rstrip("/")


def site_folder(index: int, target: str) -> str:
    """The folder a site's reports go to: its place in FILE, then its name (a URL's host and
    path, a folder's own name), made safe."""
    name = short_name(target)
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:60] or "site"
    return f"{index:02d}-{name}"


def bad_target(target: str) -> str | None:
    """Why a line of the list cannot be a site, or None: it is audited and judged then."""
    if _CONTROL.search(target):
        return "the line holds control characters: write one URL or folder a line"
    if target.startswith("-"):
        return "the line starts with '-': a line is a URL or a folder, never an option"
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def outcome(exit_code: int) -> str:
    """What an audit's exit code says became of the site."""
    return _OUTCOMES.get(exit_code, "not audited")


@dataclass(frozen=True)
class SiteOptions:
    """The options every site of a batch is audited with, checked once."""

    args: list[str]
    """For each site's ``contactable`` process (or Scrapyd job): the batch's own, then the
    formats to write (``json`` always: the index is made from each site's report.json)."""
    formats: list[str]
    history: Path | None
    """The history the audits add to (``--history``, else the configuration's key)."""
    branding: dict[str, str] | None
    """The configuration's ``[branding]``, for the index as for each report."""


def check_options(extra: list[str]) -> SiteOptions:
    """The per-site options, checked once here so that a typo is one line, not N failures."""
    parser = audit_parser()
    parser.prog = "contactable batch FILE"
    ns = parser.parse_args(["https://example.com", *extra])
    for name in _PER_SITE:
        if getattr(ns, name) is not None:
            flag = "--" + name.replace("_", "-")
            raise BatchError(f"{flag} names one site's file: it cannot go with batch")
    if ns.fail_on is not None or ns.baseline_any_site:
        # Each site would need its own baseline report; batch does not pair them (yet).
        raise BatchError("--fail-on and --baseline-any-site go with --baseline, which batch "
                         "does not take: audit the site alone to compare it")
    # A wrong configuration, check id or format is the batch's mistake, said once: not one
    # failed audit per site.
    try:
        opts = options_from(ns, "", load_config(ns.config))
        checked_registry(opts)
        if opts.history is not None:  # one line now, not one failed audit per site
            check_writable(opts.history)
    except (ConfigError, AuditError, HistoryError) as exc:
        raise BatchError(str(exc)) from None
    formats = opts.formats  # the flag's, else the configuration's, else the default
    if "json" not in formats:
        formats = ["json", *formats]
    # The last --format is the one taken.
    return SiteOptions([*extra, "--format", ",".join(formats)], formats,
                       Path(opts.history) if opts.history is not None else None,
                       opts.branding)


def audit_site(target: str, folder: Path, options: list[str]) -> SiteResult:
    """Audit one site in its own process and read what it wrote."""
    # "--" before the target: a line of the list is a site, never an option ("-h",
    # "--config=/etc/passwd").
    cmd = [sys.executable, "-m", "contactable", "--out", str(folder), "--quiet", *options,
           "--", target]
    began = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    return site_result(target, folder, proc.returncode, lines[-1] if lines else "",
                       round(time.monotonic() - began, 1))


def site_result(target: str, folder: Path, exit_code: int, last_error: str,
                seconds: float | None) -> SiteResult:
    """What became of one audit, from its exit code, the last line it printed on stderr and
    the report.json in ``folder`` (also for audits run elsewhere: Scrapyd jobs)."""
    result = SiteResult(target, folder.name, short_name(target), seconds=seconds)
    result.exit_code = exit_code
    result.status = outcome(exit_code)
    if exit_code not in (EXIT_OK, EXIT_ASSERT) and last_error.strip():
        said = last_error.strip().removeprefix("contactable: error: ")[:300]
        result.error = "" if said == result.status else said
    report = folder / "report.json"
    if report.is_file():
        try:
            _read_report(result, json.loads(report.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            result.error = result.error or f"unreadable report.json: {exc}"
    return result


def _read_report(result: SiteResult, report: dict[str, Any]) -> None:
    site = report.get("site") or {}
    result.score = report.get("score")
    result.grade = report.get("grade")
    result.pages_crawled = site.get("pages_crawled")
    result.complete = site.get("complete")
    from reports.view import answers, fix_order

    # In the order the site's own report lists what to fix first.
    failing = sorted((c for c in report.get("checks") or []
                      if c.get("status") in ("fail", "error", "warn")), key=fix_order)
    result.weakest = [str(c.get("title") or c.get("id")) for c in failing[:3]]

    result.found = {a["key"]: {"found": a["found"], "clicks": a["depth"]}
                    for a in answers(report)}


def run_batch(ns: argparse.Namespace, extra: list[str],
              say: Callable[[str], None] | None = None) -> int:
    """Audit every target of ``ns.file``; write the index; return the batch's exit code."""
    if ns.node_slots is not None or ns.node_out is not None:
        raise BatchError("--node-slots and --node-out go with --scrapyd URL,URL")
    targets, options, out = prepare(ns, extra)
    say = say or (lambda line: None if ns.quiet else print(printable(line), file=sys.stderr))
    results = initial_results(targets)
    todo = [i for i, r in enumerate(results) if r.status == "not started"]
    interrupted = False
    pool = ThreadPoolExecutor(max_workers=ns.jobs)
    futures = {pool.submit(audit_site, targets[i], out / results[i].folder, options.args): i
               for i in todo}
    try:
        for done, future in enumerate(as_completed(futures), 1):
            i = futures[future]
            results[i] = future.result()
            say(f"[{done}/{len(todo)}] {progress_line(results[i])}")
    except KeyboardInterrupt:  # the sites' audits had Ctrl-C too: each writes its report
        interrupted = True
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for future, i in futures.items():
        if future.done() and not future.cancelled() and future.exception() is None:
            results[i] = future.result()
    return finish(out, results, interrupted, say, ns.sort, options)


def prepare(ns: argparse.Namespace, extra: list[str]) -> tuple[list[str], SiteOptions, Path]:
    """The batch's targets, the options checked once for every site, and its folder (made):
    shared with the Scrapyd dispatcher (:mod:`contactable.scrapyd.dispatch`)."""
    targets = read_targets(ns.file)
    options = check_options(extra)
    if str(ns.out) == "-":
        raise BatchError("--out - prints one site's report: give batch a folder for its reports")
    out = Path(ns.out)
    try:
        writable_out(out)  # before any audit: the index is written last
    except AuditError as exc:
        raise BatchError(str(exc)) from None
    return targets, options, out


def initial_results(targets: list[str]) -> list[SiteResult]:
    """One line of the index per target; lines that are no site, or a site listed again, are
    judged here and never audited."""
    results = [SiteResult(t, site_folder(i, t), short_name(t))
               for i, t in enumerate(targets, 1)]
    first: dict[str, int] = {}
    for i, target in enumerate(targets):
        why = bad_target(target)
        if why:
            results[i].status, results[i].error = "not audited", why
        elif target in first:
            results[i].status = f"listed twice: see #{first[target] + 1}"
        first.setdefault(target, i)
    return results


def finish(out: Path, results: list[SiteResult], interrupted: bool,
           say: Callable[[str], None], sort: str, options: SiteOptions) -> int:
    """Add each site's trend from the history, write the index, say the summary and return
    the batch's exit code (a local batch's and the Scrapyd dispatcher's)."""
    history = options.history
    combined = "junit" in options.formats or "sarif" in options.formats
    # Each site's report.json read once, here: for its trend and for the combined exports.
    reports: dict[str, dict[str, Any]] = {}
    for r in results:
        tracked = history is not None and r.exit_code in (EXIT_OK, EXIT_ASSERT,
                                                          EXIT_INTERRUPTED)
        report = report_of(out / r.folder) if tracked or (
            combined and r.score is not None) else None
        if report is None:
            continue
        reports[r.folder] = report
        if tracked and history is not None:
            r.trend, r.change = trend_and_change(history, report)
    write_index(out, results, interrupted, sort, options.formats, options.branding, reports)
    say(f"{_summary(results)}; index: {out / 'index.html'}")
    return _exit_code(results, interrupted)


def _summary(results: list[SiteResult]) -> str:
    counts: dict[str, int] = {}
    for r in results:
        key = r.status.split(":")[0]
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in counts.items())


def progress_line(r: SiteResult) -> str:
    if r.score is not None and r.status != "interrupted":
        pages = f"{r.pages_crawled} pages" + ("" if r.complete else ", incomplete")
        said = "" if r.status == "audited" else f", {r.status}"
        return f"{r.target}  {shown_score(r.score)}/100 {r.grade}  ({pages}{said})"
    return f"{r.target}  {r.status}" + (f": {r.error}" if r.error else "")


def _exit_code(results: list[SiteResult], interrupted: bool) -> int:
    if interrupted:
        return EXIT_INTERRUPTED
    codes = {r.exit_code for r in results if r.exit_code is not None}  # not: listed twice
    if codes - {EXIT_OK, EXIT_ASSERT}:
        return EXIT_UNAUDITABLE
    if EXIT_ASSERT in codes:
        return EXIT_ASSERT
    return EXIT_OK


def write_index(out: Path, results: list[SiteResult], interrupted: bool = False,
                sort: str = "list", formats: Sequence[str] = (),
                branding: dict[str, str] | None = None,
                reports: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """``index.json`` (in FILE's order), ``index.html`` and ``index.csv`` (in ``sort``'s) in
    ``out``; ``index.junit.xml`` and ``index.sarif``, every site together, when the sites'
    ``formats`` hold ``junit`` or ``sarif``; ``branding`` white-labels the index.
    ``reports``: the sites' report.json already read, by folder (else read here)."""
    data: dict[str, Any] = {
        "index_version": INDEX_VERSION,
        "tool": {"name": "contactable", "version": __version__},
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        # Complete when every line was dealt with: audited, or judged without an audit (listed
        # twice, not a site); a site that could not be reached was dealt with too.
        "complete": not interrupted and all(
            r.exit_code is not None or r.status != "not started" for r in results),
        "sort": sort,
        "sites": [dict(asdict(r), position=i) for i, r in enumerate(results, 1)],
    }
    if branding:
        data["branding"] = branding
    (out / "index.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    sites = sort_sites(_linked(data["sites"], out), sort)
    (out / "index.html").write_text(render_index(data, sites), encoding="utf-8")
    (out / "index.csv").write_text(index_csv(sites), encoding="utf-8", newline="")
    if "junit" in formats or "sarif" in formats:
        if reports is None:  # a caller that has not read them
            reports = {s["folder"]: r for s in sites if s["score"] is not None
                       and (r := report_of(out / s["folder"])) is not None}
        pairs = [(s, reports.get(s["folder"]) if s["score"] is not None else None)
                 for s in sites]
        if "junit" in formats:
            (out / "index.junit.xml").write_text(combined_junit(
                [(s, r or {}) for s, r in pairs]), encoding="utf-8")
        if "sarif" in formats:
            (out / "index.sarif").write_text(combined_sarif(
                [r for _s, r in pairs if r]), encoding="utf-8")


def _linked(sites: list[dict[str, Any]], out: Path) -> list[dict[str, Any]]:
    # Each site with ``report``: a relative link to its most readable report, or None.
    return [dict(s, report=next((f"{s['folder']}/{name}" for name in _LINKED
                                 if (out / s["folder"] / name).is_file()), None))
            for s in sites]


def render_index(data: dict[str, Any], sites: list[dict[str, Any]]) -> str:
    """The index as HTML; every value from a site or FILE is escaped by the template."""
    from reports.html_report import render_batch_index

    return render_batch_index(data, sites)


_LINKED = ("report.html", "report.md", "report.json")


def main(argv: Sequence[str]) -> int:
    """``contactable batch ...``: errors in the batch's own input are one line, exit 2."""
    ns, extra = batch_parser().parse_known_args(list(argv))
    return run_batch(ns, extra)
