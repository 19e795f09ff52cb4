"""The ``contactable`` command line.

Exit codes: 0 audited and every assertion held; 1 audited and an assertion failed
(``--fail-under``, ``--baseline``, ``--fail-on regression``, ``--category-min``, a check at
level ``error``; never with ``--report-only``: see :mod:`contactable.assertions`); 2 usage or
configuration error;
3 the site could not be audited; 130 interrupted (the report of what was crawled is still
written). Errors are one line on stderr, never a traceback. The codes, the parser and the
checks of the options' values are in :mod:`contactable.options`, which ``batch`` shares.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:  # Scrapy and the detectors take a second to load: Ctrl-C then is one line too
    from contactable.assertions import evaluate
    from contactable.audit import AuditError, AuditOptions, rescore, run_audit
    from contactable.config import ConfigError
    from contactable.config import load as load_config
    from contactable.history_commands import read_report
    from contactable.options import (
        EXIT_ASSERT,
        EXIT_INTERRUPTED,
        EXIT_OK,
        EXIT_USAGE,
        FORMATS,
        Parser,
        audit_parser,
        options_from,
    )
    from crawler.local import INDEX_NAMES
    from crawler.settings import CrawlOptions
    from reports.terminal import printable
except KeyboardInterrupt:
    print("contactable: error: interrupted", file=sys.stderr)
    raise SystemExit(130) from None

def _demo_parser() -> argparse.ArgumentParser:
    p = Parser(prog="contactable demo",
                description="Audit a small bundled example site and write its reports.")
    p.add_argument("--out", default="contactable-report", metavar="DIR")
    p.add_argument("--quiet", "-q", action="store_true")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "demo":
            return _demo(_demo_parser().parse_args(args[1:]))
        if args and args[0] in ("history", "diff"):
            from contactable import history_commands as hc

            return (hc.history_main if args[0] == "history" else hc.diff_main)(args[1:])
        if args and args[0] == "batch":
            from contactable import batch

            try:
                if any(a == "--scrapyd" or a.startswith("--scrapyd=") for a in args):
                    from contactable.scrapyd import dispatch

                    return dispatch.main(args[1:])
                return batch.main(args[1:])
            except batch.BatchError as exc:
                _err(str(exc))
                return EXIT_USAGE
        if args and args[0] == "scrapyd":
            from contactable.scrapyd import deploy

            try:
                return deploy.main(args[1:])
            except deploy.DeployError as exc:
                _err(str(exc))
                return EXIT_USAGE
        return _audit(audit_parser().parse_args(args))
    except AuditError as exc:
        _err(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug must still end in one line, not a traceback
        if os.environ.get("CONTACTABLE_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set CONTACTABLE_DEBUG=1 for the "
             "traceback and please report it)")
        return 3


def _err(message: str) -> None:
    print(f"contactable: error: {printable(message)}", file=sys.stderr)


def _resolve_target(text: str) -> str | Path:
    path = Path(text)
    if path.is_dir():
        if not any((path / name).is_file() for name in INDEX_NAMES):
            # Served, it would answer its start page with a 404: say what is missing instead.
            raise AuditError(f"{text} has no index.html: give the folder your site is built "
                             "into (the one that holds index.html)", EXIT_USAGE)
        return path
    if path.exists():
        raise AuditError(f"{text} is a file: give a URL or a folder of HTML files", EXIT_USAGE)
    if "://" not in text and (text.startswith((".", "/", "~")) or (os.sep in text
                              and "." not in text.split(os.sep)[0])):
        raise AuditError(f"no such folder: {text}", EXIT_USAGE)
    return text


def _audit(ns: argparse.Namespace) -> int:
    try:
        cfg = load_config(ns.config)
    except ConfigError as exc:
        raise AuditError(str(exc), EXIT_USAGE) from None
    if ns.from_crawl is None and ns.target is None:
        raise AuditError("give a URL or a folder to audit (or --from-crawl FILE)", EXIT_USAGE)
    if ns.from_crawl is not None and ns.target is not None:
        raise AuditError("give either a URL/folder or --from-crawl FILE, not both", EXIT_USAGE)
    opts = options_from(ns, ns.target or "", cfg)
    if str(opts.out) == "-" and len(opts.formats) != 1:
        raise AuditError("--out - writes to stdout and needs exactly one --format", EXIT_USAGE)
    fail_under = ns.fail_under if ns.fail_under is not None else cfg.fail_under
    baseline = read_report(ns.baseline, "baseline") if ns.baseline else None
    if ns.fail_on is not None and baseline is None:
        raise AuditError(f"--fail-on {ns.fail_on} compares with an earlier report: add "
                         "--baseline REPORT.json", EXIT_USAGE)
    opts.baseline = baseline
    if baseline is not None and ns.target is not None and not opts.baseline_any_site:
        _same_site_or_stop(baseline, ns.target)  # before a crawl that would be wasted
    if ns.from_crawl is not None:
        report = rescore(ns.from_crawl, opts)
    else:
        opts.target = _resolve_target(ns.target)
        report = run_audit(opts)
    code = _assertions(report, opts, fail_under, baseline)
    if report.get("site", {}).get("stop_reason") == "interrupted":
        # The report is written, but a CI job must not take a stopped audit for a pass.
        return EXIT_INTERRUPTED
    return code


def _same_site_or_stop(baseline: dict[str, Any], target: str) -> None:
    """A URL's host is known before the crawl (a folder's is only once it is served: the audit
    checks again, on the report's start URL)."""
    from contactable.diff import site_host
    from crawler.urls import BadURL, normalize_start_url

    if Path(target).is_dir():
        return
    try:
        url = normalize_start_url(target)
    except BadURL:
        return  # the audit says what is wrong with it
    theirs, ours = site_host(baseline), site_host({"site": {"start_url": url}})
    if theirs != ours:
        raise AuditError(f"--baseline is a report of {theirs or '?'}, not of {ours}: give this "
                         "site's report, or add --baseline-any-site to compare them anyway",
                         EXIT_USAGE)


def _assertions(report: dict[str, Any], opts: AuditOptions, fail_under: float | None,
                baseline: dict[str, Any] | None) -> int:
    outcome = evaluate(report, levels=opts.levels, preset=opts.preset, fail_under=fail_under,
                       baseline=baseline, category_min=opts.category_min,
                       matrix=opts.assert_matrix)
    if opts.fail_on == "regression" and "diff" in report:
        from contactable.diff import regressions

        outcome.failures.extend(regressions(report["diff"]))
    for n in outcome.notes:
        print(f"contactable: {printable(n)}", file=sys.stderr)
    for w in outcome.warnings:
        print(f"contactable: warning: {printable(w)}", file=sys.stderr)
    said = "would fail (--report-only)" if opts.report_only else "assertion failed"
    for f in outcome.failures:
        print(f"contactable: {said}: {printable(f)}", file=sys.stderr)
    return EXIT_ASSERT if outcome.failures and not opts.report_only else EXIT_OK


def _demo(ns: argparse.Namespace) -> int:
    from importlib.resources import as_file, files

    site = files("contactable").joinpath("demo_site")
    with as_file(site) as folder:
        opts = AuditOptions(target=Path(folder), crawl=CrawlOptions(), formats=list(FORMATS),
                            out=ns.out, quiet=ns.quiet, demo=True)
        run_audit(opts)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
