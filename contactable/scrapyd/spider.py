"""The audit as a spider that Scrapyd schedules: one job, one site.

Scrapyd starts ``scrapy crawl contactable-audit -a target=URL -a out=LOCATION ...`` in a
process of its own (a reactor runs once per process, as for a local audit). The spider is the
local audit's :class:`~crawler.spider.SiteSpider` with the same crawl settings, detectors,
site model, checks and report writers (:func:`contactable.audit.report_site`), so a site's
``report.json`` is the one ``contactable URL`` writes. Its arguments:

``target``   the site's URL;
``out``      the site's results folder, a path or ``file://`` URI (:mod:`.results`);
``options``  the audit's command-line options, a JSON list (``["--max-pages", "50"]``);
``config``   the batch's configuration file, JSON ``{"text", "source", "pyproject"}``;
``branding`` its ``[branding]`` as the dispatcher checked it, JSON (the logo a data URI);
``batch``    the batch's id, written back in ``job.json``;
``version``  the contactable version the dispatcher runs: a node that runs another refuses.

Spider settings are set from the arguments in :meth:`AuditSpider.from_crawler`, which Scrapy
allows since 2.11 (https://docs.scrapy.org/en/latest/topics/settings.html#settings-per-spider).
Scrapyd's ``cancel.json`` sends SIGINT: Scrapy closes the spider with reason ``shutdown``, and
the report of what was crawled is written, marked incomplete (``stop_reason: interrupted``).
"""

from __future__ import annotations

import atexit
import json
import logging
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from contactable import __version__
from contactable.audit import AuditError, AuditOptions, build_site, prepare, report_site
from contactable.config import Config, ConfigError, parse
from contactable.options import EXIT_INTERRUPTED, EXIT_UNAUDITABLE, EXIT_USAGE, audit_parser
from contactable.options import options_from as _options_from
from contactable.pipeline import PageFacts
from contactable.scrapyd.results import JobRecord, local_path, write_record
from crawler.records import CrawlResult, PageRecord
from crawler.runner import settings_for, settle
from crawler.spider import SiteSpider
from crawler.urls import BadURL, normalize_start_url
from plugins.registry import Registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)
# Never requested: the start URL of a job that failed before its crawl (it closes at once).
_NOWHERE = "http://invalid.invalid/"


@dataclass
class _Audit:
    """One job's audit: what the local audit's ``run_audit`` holds across its crawl."""

    opts: AuditOptions
    registry: Registry
    handler: PageFacts
    result: CrawlResult
    folder: Path
    record: JobRecord
    fail_under: float | None
    began: float


class AuditSpider(SiteSpider):
    """Audits one site for a Scrapyd job; see the module docstring."""

    name = "contactable-audit"
    audit: _Audit | None = None
    """None when the job failed before its crawl: its ``job.json`` is written already."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> AuditSpider:
        began = time.monotonic()
        job = str(kwargs.pop("_job", ""))
        kwargs.pop("_version", None)
        target = str(kwargs.pop("target", ""))
        out = str(kwargs.pop("out", ""))
        record = JobRecord(batch=str(kwargs.pop("batch", "")), job=job, target=target,
                           exit_code=EXIT_USAGE, version=__version__)
        # A location that cannot be written cannot say so either: the job fails in its log,
        # and the dispatcher, seeing no job.json, tries another node.
        folder = local_path(out) if out else Path("contactable-report")
        try:
            audit = _prepare(target, folder, record, began, kwargs)
        except AuditError as exc:
            record.exit_code, record.error = exc.exit_code, str(exc)
            write_record(folder, record)
            spider = super().from_crawler(crawler, start_url=_NOWHERE)
            assert isinstance(spider, AuditSpider)
            return spider
        crawl = audit.opts.crawl
        settings = settings_for(audit.result.start_url, crawl)
        # No browser is started in a Scrapyd job: pages are read as their HTML stands, and
        # the report says so (as a local audit without Chromium does).
        audit.result.render = {"mode": crawl.render, "available": False, "unavailable":
                               "" if crawl.render == "never" else
                               "Scrapyd jobs read pages without a browser"}
        if not crawl.verbose:  # the node's log file (Scrapyd's logs_dir) keeps its records
            settings = {k: v for k, v in settings.items() if not k.startswith("LOG_")}
        settings.pop("TWISTED_REACTOR")  # installed already, from the project's settings
        crawler.settings.setdict(settings, priority="spider")
        spider = super().from_crawler(
            crawler, start_url=audit.result.start_url, page_handler=audit.handler,
            max_pages=crawl.max_pages, max_depth=crawl.max_depth, use_sitemaps=crawl.use_sitemaps,
            result=audit.result, site_headers=crawl.headers, site_cookies=crawl.cookies)
        assert isinstance(spider, AuditSpider)
        spider.audit = audit
        crawler.signals.connect(spider._scraped, signal=signals.item_scraped)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        # Cancelled while Scrapy is still starting, the process ends without closing the
        # spider: the report of nothing crawled, marked interrupted, is still written.
        atexit.register(spider._closed, spider, "shutdown")
        return spider

    async def start(self) -> AsyncIterator[Any]:
        if self.audit is None:  # the job failed before its crawl
            return
        async for request in super().start():
            yield request

    def _scraped(self, item: Any, response: Any, spider: Any) -> None:
        if isinstance(item, PageRecord) and self.audit is not None:
            self.audit.result.records.append(item)

    def _closed(self, spider: Any, reason: str) -> None:
        audit, self.audit = self.audit, None  # once: spider_closed, else at exit
        if audit is None:
            return
        result, record = audit.result, audit.record
        settle(result, self, reason)
        result.duration_s = round(time.monotonic() - audit.began, 3)
        try:
            record.exit_code = _report(audit)
        except AuditError as exc:
            record.exit_code, record.error = exc.exit_code, str(exc)
        except Exception as exc:  # a bug still leaves a record that says what happened
            log.exception("the audit of %s failed", record.target)
            record.exit_code = EXIT_UNAUDITABLE
            record.error = f"internal error: {type(exc).__name__}: {exc}"
        record.seconds = round(time.monotonic() - audit.began, 1)
        write_record(audit.folder, record)


def _prepare(target: str, folder: Path, record: JobRecord, began: float,
             args: dict[str, Any]) -> _Audit:
    """The job's audit from its arguments; :class:`AuditError` when it cannot run."""
    wanted = str(args.get("version") or "")
    if wanted and wanted != __version__:
        raise AuditError(f"this node runs contactable {__version__}, the batch {wanted}: "
                         f"install contactable=={wanted} on the node", EXIT_USAGE)
    try:
        options = json.loads(str(args.get("options") or "[]"))
        if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            raise ValueError("not a list of strings")
    except ValueError as exc:
        raise AuditError(f"the job's options are not a JSON list: {exc}", EXIT_USAGE) from None
    cfg = _config(str(args.get("config") or ""))
    try:
        # The parser's errors exit, as on the command line; the dispatcher checked the options
        # once already, so this is a job scheduled by hand.
        ns = audit_parser().parse_args([*options, "--out", str(folder), "--quiet", "--", target])
    except SystemExit:
        raise AuditError("the job's options are not contactable's: see contactable --help",
                         EXIT_USAGE) from None
    for flag in ("baseline", "save_crawl", "from_crawl"):
        if getattr(ns, flag) is not None:
            raise AuditError(f"--{flag.replace('_', '-')} names a file: a Scrapyd job cannot "
                             "take it", EXIT_USAGE)
    opts = _options_from(ns, target, cfg)
    # A history path is the dispatcher's: on the node it would name a file relative to
    # Scrapyd's folder there. The dispatcher records each report it collects instead.
    opts.history = None
    opts.branding = _branding(str(args.get("branding") or ""))
    try:
        start_url = normalize_start_url(target)
    except BadURL as exc:
        raise AuditError(f"{exc} (a Scrapyd job audits a URL)", EXIT_USAGE) from None
    registry, handler, opts.crawl = prepare(opts)  # run_audit's own preparation
    handler.start_url = start_url
    fail_under = ns.fail_under if ns.fail_under is not None else cfg.fail_under
    return _Audit(opts, registry, handler, CrawlResult(start_url=start_url), folder, record,
                  fail_under, began)


def _config(spec: str) -> Config:
    """The batch's configuration, read where the dispatcher runs and passed as text: the node
    reads it as ``contactable.config.load`` would have read the file."""
    if not spec:
        return Config()
    try:
        data = json.loads(spec)
        table = tomllib.loads(str(data["text"]))
        if data.get("pyproject"):
            table = table.get("tool", {}).get("contactable", {})
        # Its logo is a path beside the file, which is not on the node: the job takes the
        # branding the dispatcher checked (the ``branding`` argument) instead.
        table.pop("branding", None)
        return parse(table, str(data["source"]))
    except ConfigError as exc:  # before ValueError, which it is
        raise AuditError(str(exc), EXIT_USAGE) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AuditError(f"the job's configuration cannot be read: {exc}", EXIT_USAGE) from None


def _branding(spec: str) -> dict[str, str] | None:
    """The report's ``branding`` object from the job's argument; None when there is none."""
    try:
        data = json.loads(spec) if spec else {}
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise AuditError("the job's branding is not a JSON object of strings", EXIT_USAGE)
    return data or None


def _report(audit: _Audit) -> int:
    """Write the site's reports as a local audit does; the exit code the CLI would give."""
    from contactable.cli import _assertions  # the CLI's own assertions, not a copy of them

    result = audit.result
    if result.fatal:
        raise AuditError(result.fatal, EXIT_UNAUDITABLE)
    site = build_site(result, audit.handler, audit.opts)
    report = report_site(site, audit.registry, audit.opts)
    code = _assertions(report, audit.opts, audit.fail_under, None)
    if report.get("site", {}).get("stop_reason") == "interrupted":
        return EXIT_INTERRUPTED
    return code
