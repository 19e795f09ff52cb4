"""``run_audit``: crawl, detect, model, check, score, write reports; ``audit`` for libraries.

A Twisted reactor runs once per process, so :func:`run_audit` (used by the CLI) may be called
once per process; :func:`audit` runs it in a subprocess and can be called any number of times.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checks.model import SiteModel
from checks.scoring import CATEGORIES
from contactable import __version__
from contactable.assertions import suppress
from contactable.config import (
    Config,
    ConfigError,
    MatrixEntry,
    Suppression,
    check_ids,
    level_of,
)
from contactable.folder_files import name_files
from contactable.notes import add_notes
from contactable.pipeline import PageFacts, lacks_contacts, run_checks, score, site_model
from contactable.progress import Progress
from contactable.report import build_report
from contactable.saved_crawl import SavedCrawlError, load_text
from crawler.records import CrawlResult
from crawler.render import RenderUnavailable
from crawler.runner import run_crawl
from crawler.settings import USER_AGENT, CrawlOptions, user_agent
from crawler.urls import BadURL
from plugins.registry import GROUPS, PluginError, Registry, load_registry


class AuditError(Exception):
    """The audit could not run; ``str()`` is the one line to show, ``exit_code`` the code."""

    def __init__(self, message: str, exit_code: int = 3) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class AuditOptions:
    target: str | Path
    crawl: CrawlOptions = field(default_factory=CrawlOptions)
    region: str | None = None
    plugins: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=lambda: ["json", "html"])
    out: str | Path = "contactable-report"
    quiet: bool = False
    save_crawl: Path | None = None
    demo: bool = False
    levels: dict[str, str] = field(default_factory=dict)
    """Per check id or category: ``error`` / ``warn`` (assertions) or ``off``."""
    weights: dict[str, float] = field(default_factory=dict)
    legal_profile: str | None = None
    config_source: str = ""
    detectors_off: list[str] = field(default_factory=list)
    wait_for: float | None = None
    """Seconds to wait for the start URL to answer before the audit (``--wait-for``)."""
    preset: str | None = None
    """``recommended`` or ``strict``: levels for the checks ``levels`` does not name."""
    category_min: dict[str, float] = field(default_factory=dict)
    suppress: list[Suppression] = field(default_factory=list)
    assert_matrix: list[MatrixEntry] = field(default_factory=list)
    """Levels for findings on some pages (``[[assert_matrix]]``)."""
    report_only: bool = False
    """Assertions are printed but never make the exit code 1."""
    baseline: dict[str, Any] | None = None
    """An earlier report of the site (``--baseline``): the report gains a ``diff`` section."""
    baseline_any_site: bool = False
    fail_on: str | None = None
    history: str | Path | None = None
    """The SQLite history this audit is added to (``--history``), or None."""
    branding: dict[str, str] | None = None
    """``[branding]`` as the report's ``branding`` object (name, accent, logo data URI)."""


def _registry(plugins: list[str], groups: tuple[str, ...] = GROUPS) -> Registry:
    try:
        return load_registry(plugins, groups)
    except PluginError as exc:
        raise AuditError(str(exc), 2) from None


def checked_registry(opts: AuditOptions, detectors: bool = True) -> Registry:
    """The plugins' registry for ``opts``, once the formats, check ids, categories and
    detectors that ``opts`` names are known to it (else :class:`AuditError`, exit 2)."""
    groups = GROUPS if detectors else tuple(g for g in GROUPS if not g.endswith(".detectors"))
    registry = _registry(opts.plugins, groups)
    unknown = [f for f in opts.formats if f not in registry.reports]
    if unknown:
        raise AuditError(f"unknown format {', '.join(unknown)}: choose from "
                         f"{', '.join(sorted(registry.reports))}", 2)
    categories = {c[0] for c in CATEGORIES} | {c.meta.category for c in registry.checks.values()}
    cfg = Config(source=opts.config_source, checks=opts.levels, weights=opts.weights,
                 detectors={d: "off" for d in opts.detectors_off},
                 category_min=opts.category_min, suppress=opts.suppress,
                 assert_matrix=opts.assert_matrix)
    try:
        check_ids(cfg, set(registry.checks), categories,
                  set(registry.detectors) if detectors else None)
    except ConfigError as exc:
        raise AuditError(str(exc), 2) from None
    return registry


def run_audit(opts: AuditOptions) -> dict[str, Any]:
    """Audit ``opts.target`` in this process, write the reports and return the report dict."""
    registry, handler, crawl_opts = prepare(opts)
    _tune_gc()
    progress = Progress(opts.quiet)

    def ready(start_url: str) -> PageFacts:
        handler.start_url = start_url
        progress.start(start_url)
        return handler

    try:
        crawl = run_crawl(opts.target, crawl_opts, handler, lambda _r, p: progress.update(p),
                          ready, progress.stopping, lacks_contacts)
    except (BadURL, RenderUnavailable) as exc:
        progress.stop(total=False)
        raise AuditError(str(exc), 2) from None
    except BaseException:
        progress.stop(total=False)
        raise
    progress.stop(total=not crawl.fatal)
    if crawl.fatal:
        raise AuditError(crawl.fatal, 3)
    site = build_site(crawl, handler, opts)
    if opts.save_crawl is not None:
        _write(Path(opts.save_crawl), json.dumps(site.to_dict()))
    return report_site(site, registry, opts)


def prepare(opts: AuditOptions) -> tuple[Registry, PageFacts, CrawlOptions]:
    """What an audit needs before its crawl, and the checks that stop it before one: the
    registry, the page handler, the crawl options (our User-Agent). Shared by run_audit and
    the Scrapyd job, so that both audit alike."""
    registry = checked_registry(opts)
    _history_ready(opts)
    writable_out(opts.out)
    if opts.wait_for:
        _wait_for(opts)
    handler = PageFacts(registry, region=opts.region, disabled=list(opts.detectors_off))
    crawl_opts = opts.crawl
    if crawl_opts.user_agent == USER_AGENT:  # the crawler cannot know our version: say it
        crawl_opts = replace(crawl_opts, user_agent=user_agent(__version__))
    return registry, handler, crawl_opts


def build_site(crawl: CrawlResult, handler: PageFacts, opts: AuditOptions) -> SiteModel:
    """The site model of a finished crawl, with what the audit's setup must add to it (the
    region note's facts, a folder's path, the detectors turned off)."""
    site = site_model(crawl, handler.region, handler.errors)
    if opts.region is not None and handler.detected is not None:
        # Kept in the site model, so a saved crawl re-scored still warns.
        site.options["region_configured"] = opts.region
        site.options["region_detected"] = list(handler.detected)
    if isinstance(opts.target, Path):
        site.options["folder"] = str(opts.target)  # a saved crawl re-scored names files too
    if opts.detectors_off:
        # A saved crawl lacks their facts for good: re-scored, its checks stay not applicable.
        site.options["detectors_off"] = sorted(set(opts.detectors_off))
    return site


def _history_ready(opts: AuditOptions) -> None:
    """A history that cannot be opened is said before the crawl, not after it."""
    if opts.history is None:
        return
    from contactable.history import HistoryError, check_writable

    try:
        check_writable(opts.history)
    except HistoryError as exc:
        raise AuditError(str(exc), 2) from None


def writable_out(out: str | Path) -> None:
    """Stop before the crawl when the reports could not be written to ``out`` (a long crawl
    must not end in "cannot write"): create the folder and write a file in it, as the reports
    will. Permission bits alone would not tell (root ignores them; a read-only mount does
    not show in them)."""
    if str(out) == "-":
        return
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".contactable-", suffix=".part", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise AuditError(f"cannot write the reports to {out}: {why}: give --out a folder you "
                         "can write to", 2) from None


def _wait_for(opts: AuditOptions) -> None:
    """Poll the start URL until it answers (``--wait-for``), before any reactor exists."""
    from crawler.urls import host_of, normalize_start_url
    from crawler.waiting import wait_until_up

    if not isinstance(opts.target, str):
        raise AuditError("--wait-for waits for a URL: a folder is served by contactable "
                         "itself", 2)
    try:
        url = normalize_start_url(opts.target)
    except BadURL as exc:
        raise AuditError(str(exc), 2) from None
    seconds = opts.wait_for or 0.0
    if not opts.quiet:
        print(f"contactable: waiting up to {seconds:g} s for {url} to answer", file=sys.stderr)
    why = wait_until_up(url, seconds, user_agent(__version__))
    if why is not None:
        raise AuditError(f"{host_of(url)} did not answer within --wait-for {seconds:g} s "
                         f"(last: {why}): is the deploy up, and is the URL right?", 3)


def rescore(path: Path, opts: AuditOptions) -> dict[str, Any]:
    """Re-score a site model saved with ``--save-crawl``: no network, checks only."""
    registry = checked_registry(opts, detectors=False)
    _history_ready(opts)
    writable_out(opts.out)
    try:
        if path.stat().st_size > _SAVED_CRAWL_BYTES:
            raise SavedCrawlError(f"larger than {_SAVED_CRAWL_BYTES // 2**20} MB")
        site = load_text(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AuditError(f"saved crawl {path} not found: make one with --save-crawl FILE",
                         2) from None
    except (OSError, ValueError) as exc:  # SavedCrawlError, UnicodeDecodeError
        raise AuditError(f"{path} is not a crawl saved by --save-crawl: {exc}", 2) from None
    return report_site(site, registry, opts)


# A 10,000-page crawl saves about 20 MB; a file much larger is not one of ours.
_SAVED_CRAWL_BYTES = 256 * 2**20


def _tune_gc(gen0: int = 50_000) -> None:
    """Collect garbage less often while crawling.

    Scrapy allocates heavily, and with the default threshold (700 new objects) the collector
    runs thousands of times a second over objects the audit keeps until the end; a quarter of
    a 2,000-page audit went there. Objects alive now (modules, lexicons) are frozen: they are
    never garbage. Peak memory grows a little (bench/throughput.py measures both).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(gen0, 10, 10)


def report_site(site: SiteModel, registry: Registry, opts: AuditOptions) -> dict[str, Any]:
    """Check and score a site model, write the reports, print the summary."""
    if opts.legal_profile is not None:
        site.options["legal_profile"] = opts.legal_profile
    off = [i for i in registry.checks
           if level_of(opts.levels, i) == "off"]
    crawled_without = site.options.get("detectors_off")
    no_facts = {*opts.detectors_off,
                *(crawled_without if isinstance(crawled_without, list) else ())}
    results = run_checks(site, registry, off, opts.weights, sorted(map(str, no_facts)))
    categories, overall = score(results, opts.weights)
    report = build_report(site, results, categories, overall)
    add_notes(report, site.options)
    if opts.branding:
        report["branding"] = dict(opts.branding)
    suppress(report, opts.suppress)  # shown in every format, with its reason
    folder = opts.target if isinstance(opts.target, Path) else None
    if folder is None and isinstance(site.options.get("folder"), str):
        folder = Path(site.options["folder"])  # re-scoring a saved crawl of a folder
    if folder is not None:
        # A folder is served on a random loopback port: its name says which site this is.
        report["site"]["folder"] = str(folder)
        if folder.is_dir():
            name_files(report, folder)
    if opts.baseline is not None:
        _add_diff(report, opts)
    written = _write_reports(report, registry, opts)
    if opts.history is not None:
        from contactable.history import HistoryError, record

        try:
            record(opts.history, report)  # an interrupted audit too: it says it is incomplete
        except HistoryError as exc:
            raise AuditError(str(exc), 2) from None
        written.append(f"{opts.history} (history)")
    if str(opts.out) != "-":
        from reports.markdown_report import write_step_summary

        # In GitHub Actions the Markdown summary shows on the run's page.
        write_step_summary(report)
    if not opts.quiet:
        from rich.console import Console

        from reports.terminal import print_summary

        console = Console(stderr=str(opts.out) == "-")
        print_summary(report, console, written)
        if opts.demo:
            console.print("Open the HTML report in a browser to see every check and its "
                          "evidence. Audit your own site with: contactable https://your-site")
    return report


def _add_diff(report: dict[str, Any], opts: AuditOptions) -> None:
    from contactable.diff import compare, site_host

    assert opts.baseline is not None
    report["diff"] = compare(opts.baseline, report)
    if not report["diff"]["same_site"] and not opts.baseline_any_site:
        raise AuditError(f"--baseline is a report of {site_host(opts.baseline) or '?'}, not of "
                         f"{site_host(report) or '?'}: give this site's report, or add "
                         "--baseline-any-site to compare them anyway", 2)


def _write_reports(report: dict[str, Any], registry: Registry,
                   opts: AuditOptions) -> list[str]:
    if str(opts.out) == "-":
        sys.stdout.write(registry.reports[opts.formats[0]]().render(report))
        return []
    out = Path(opts.out)
    written = []
    for fmt in opts.formats:
        fmt_cls = registry.reports[fmt]
        path = out / fmt_cls.filename
        renderer = fmt_cls()
        if hasattr(renderer, "out_dir"):  # its links to a folder's files start from there
            renderer.out_dir = out
        _write(path, renderer.render(report))
        written.append(str(path))
    return written


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so an interrupted write never leaves half a report behind.
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise AuditError(f"cannot write {path}: {exc.strerror or exc}", 2) from None


def audit(target: str | Path, *args: str, timeout: float | None = None) -> dict[str, Any]:
    """Audit ``target`` in a subprocess and return the report dict (for libraries and tests).

    Extra ``args`` are CLI flags, e.g. ``audit("https://a.test", "--max-pages", "50")``.
    """
    with tempfile.TemporaryDirectory(prefix="contactable-") as tmp:
        cmd = [sys.executable, "-m", "contactable", str(target), "--out", tmp,
               "--format", "json", "--quiet", *args]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        report_path = Path(tmp) / "report.json"
        if not report_path.exists():
            message = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
            raise AuditError(message.removeprefix("contactable: error: "), proc.returncode)
        data: dict[str, Any] = json.loads(report_path.read_text(encoding="utf-8"))
        return data
