"""What a user can ask for on the command line: exit codes, the audit's argument parser, its
value checks, and :func:`options_from`, which merges flags with the configuration file.

Both ``contactable URL`` (:mod:`contactable.cli`) and ``contactable batch``
(:mod:`contactable.batch`) use them: a site in a batch takes exactly the options of one audit.

>>> positive("3"), score("80"), region("uk"), check_level("phone.tel_link=Error")
(3, 80.0, 'GB', ('phone.tel_link', 'error'))
>>> ns = audit_parser().parse_args(["https://example.com", "--max-pages", "5"])
>>> options_from(ns, ns.target, Config()).crawl.max_pages
5
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from contactable import __version__, values
from contactable.audit import AuditOptions
from contactable.config import Config
from crawler.access import parse_cookie, parse_header
from crawler.settings import CrawlOptions

FORMATS = ("json", "html")
"""The reports written when neither ``--format`` nor the configuration names any."""
EXIT_OK, EXIT_ASSERT, EXIT_USAGE, EXIT_UNAUDITABLE = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit :data:`EXIT_USAGE`."""

    def error(self, message: str) -> NoReturn:
        # One line that says what to do, not argparse's usage dump.
        self.exit(EXIT_USAGE, f"contactable: error: {message} (see: contactable --help)\n")


class _WorkersRemoved(argparse.Action):
    # A flag of earlier versions: one line that says what to do, rather than "unrecognized".
    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        parser.error("--workers was removed: contactable reads every page in one process; "
                     "drop the option")


def _flag(validate: Callable[[Any], Any]) -> Callable[[str], Any]:
    """An argparse ``type`` from a shared validator of :mod:`contactable.values`: the flag
    refuses a value in the words the configuration file uses."""
    def parse(text: str) -> Any:
        try:
            return validate(text)
        except values.BadValue as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = validate.__name__
    return parse


positive = _flag(values.positive)
non_negative = _flag(values.non_negative)
score = _flag(values.score)
region = _flag(values.region)
seconds = _flag(values.seconds)
delay = _flag(values.delay)
check_level = _flag(values.check_level)
category_min = _flag(values.category_min)
legal_profile = _flag(values.legal_profile)
preset = _flag(values.preset)
fail_on = _flag(values.fail_on)
formats = _flag(values.formats)
render = _flag(values.render)


def header(text: str) -> tuple[str, str]:
    """``"Name: value"`` (``--header``); the error never repeats the value, often a secret."""
    try:
        return parse_header(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cookie(text: str) -> tuple[str, str]:
    """``name=value`` (``--cookie``)."""
    try:
        return parse_cookie(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def audit_parser() -> argparse.ArgumentParser:
    """The parser of ``contactable URL|FOLDER [options]``; every default is ``None`` (or an
    empty list) so that :func:`options_from` can tell a flag from the configuration file."""
    p = Parser(
        prog="contactable",
        description="Audit whether visitors of a website can reach a human. "
                    "Other commands: 'contactable demo' audits a bundled example site; "
                    "'contactable batch FILE' audits every site listed in FILE; "
                    "'contactable history SITE' prints a site's trend; 'contactable diff A B' "
                    "compares two audits.",
    )
    p.add_argument("target", nargs="?",
                   help="a URL (https://example.com) or a folder of HTML to serve")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="folder for the reports (default ./contactable-report); '-' writes "
                        "a single format to stdout")
    p.add_argument("--format", type=formats, default=None, metavar="LIST",
                   help="comma-separated formats: json,html,md,junit,sarif (default json,html)")
    p.add_argument("--max-pages", type=positive, default=None, metavar="N",
                   help="stop after N pages (default 300)")
    p.add_argument("--max-depth", type=non_negative, default=None, metavar="N",
                   help="do not follow links more than N clicks from the start page")
    p.add_argument("--region", type=region, default=None, metavar="CC",
                   help="country for phone numbers written without +code (default: from the "
                        "domain, then the page language)")
    p.add_argument("--concurrency", type=positive, default=None, metavar="N",
                   help="requests at a time (default 4 for remote sites, 16 on loopback)")
    p.add_argument("--workers", action=_WorkersRemoved, nargs="?", default=argparse.SUPPRESS,
                   help=argparse.SUPPRESS)
    p.add_argument("--delay", type=delay, default=None, metavar="SECONDS",
                   help="fixed delay between requests (default: AutoThrottle for remote sites)")
    p.add_argument("--ignore-robots", action="store_true", default=None,
                   help="do not obey robots.txt (only for a site you own)")
    p.add_argument("--no-sitemaps", action="store_true", default=None,
                   help="do not use sitemap.xml as extra start points")
    p.add_argument("--fail-under", type=score, default=None, metavar="SCORE",
                   help="exit 1 when the score is below SCORE")
    p.add_argument("--baseline", type=Path, default=None, metavar="REPORT.json",
                   help="compare with this earlier report.json of the same site: the reports "
                        "show what changed; exit 1 when the score is lower")
    p.add_argument("--fail-on", default=None, type=fail_on, metavar="regression",
                   help="with --baseline: regression exits 1 when a contact item was lost or "
                        "needs more clicks, or a check got worse")
    p.add_argument("--baseline-any-site", action="store_true", default=None,
                   help="compare with a baseline of another site (else an error)")
    p.add_argument("--plugin", action="append", default=[], metavar="MODULE:NAME",
                   help="load a detector, check or report format without installing it")
    p.add_argument("--save-crawl", type=Path, default=None, metavar="FILE",
                   help="also save the crawled site model, to re-score it with --from-crawl")
    p.add_argument("--from-crawl", type=Path, default=None, metavar="FILE",
                   help="re-score a site model saved by --save-crawl, without crawling")
    p.add_argument("--history", type=Path, default=None, metavar="FILE",
                   help="add this audit to an SQLite history (for 'contactable history' and "
                        "'contactable diff'); default: the configuration's history key, else "
                        "none")
    p.add_argument("--config", type=Path, default=None, metavar="FILE",
                   help="configuration file (default: ./contactable.toml, else "
                        "[tool.contactable] in ./pyproject.toml)")
    p.add_argument("--check", action="append", default=[], type=check_level,
                   metavar="ID=LEVEL",
                   help="set a check's (or category's) level: error (exit 1 when it warns or "
                        "fails), error:fail (only when it fails), warn (print it), or off; "
                        "repeatable")
    p.add_argument("--category-min", action="append", default=[], type=category_min,
                   metavar="CATEGORY=SCORE",
                   help="exit 1 when that category's score is below SCORE; repeatable")
    p.add_argument("--preset", default=None, type=preset, metavar="recommended|strict",
                   help="assertions: recommended (exit 1 when no email or no phone is found), "
                        "strict (exit 1 on any check's warn or fail); --check wins")
    p.add_argument("--report-only", action="store_true", default=None,
                   help="never exit 1: print what would have failed, and exit 0")
    p.add_argument("--legal-profile", type=legal_profile, default=None, metavar="PROFILE",
                   help="legal profile: auto (from domain, language, address), EU, DE, UK "
                        "or none")
    p.add_argument("--wait-for", type=seconds, default=None, metavar="SECONDS",
                   help="first wait up to SECONDS for the URL to answer (a deploy starting)")
    p.add_argument("--header", action="append", default=[], type=header,
                   metavar="'NAME: VALUE'",
                   help="send this header to the audited site only (never to another host, "
                        "never written in a report); repeatable")
    p.add_argument("--cookie", action="append", default=[], type=cookie, metavar="NAME=VALUE",
                   help="send this cookie to the audited site only; repeatable")
    p.add_argument("--render", default=None, type=render, metavar="auto|always|never",
                   help="render pages that need JavaScript in Chromium: auto (only those, "
                        "the default), always (every page), never; needs contactable[render]")
    p.add_argument("--chromium", default=None, metavar="PATH",
                   help="the Chromium to render with (default: chromium on PATH)")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    p.add_argument("--verbose", "-v", action="store_true", help="show Scrapy's log")
    p.add_argument("--version", action="version", version=f"contactable {__version__}")
    return p


def options_from(ns: argparse.Namespace, target: str | Path, cfg: Config) -> AuditOptions:
    """The audit's options from parsed flags (``ns`` of :func:`audit_parser`) and the
    configuration ``cfg``: a flag wins over the file, the file over the default."""
    def pick(flag: Any, conf: Any, default: Any) -> Any:
        return flag if flag is not None else conf if conf is not None else default

    crawl = CrawlOptions(
        max_pages=pick(ns.max_pages, cfg.max_pages, 300),
        max_depth=pick(ns.max_depth, cfg.max_depth, None),
        concurrency=pick(ns.concurrency, cfg.concurrency, None),
        delay=pick(ns.delay, cfg.delay, None),
        obey_robots=not pick(ns.ignore_robots, cfg.ignore_robots, False),
        use_sitemaps=not ns.no_sitemaps if ns.no_sitemaps is not None
        else pick(None, cfg.sitemaps, True),
        verbose=ns.verbose,
        headers=_merged(cfg.headers, ns.header, str.lower),
        cookies=_merged(cfg.cookies, ns.cookie, str),
        render=pick(ns.render, cfg.render, "auto"),
        chromium=ns.chromium,
    )
    levels = {**cfg.checks, **dict(ns.check)}
    return AuditOptions(target=target, crawl=crawl, region=pick(ns.region, cfg.region, None),
                        plugins=[*cfg.plugins, *ns.plugin],
                        formats=pick(ns.format, cfg.format, list(FORMATS)),
                        out=pick(ns.out, cfg.out, "contactable-report"), quiet=ns.quiet,
                        save_crawl=ns.save_crawl, levels=levels, weights=dict(cfg.weights),
                        legal_profile=pick(ns.legal_profile, cfg.legal_profile, None),
                        config_source=cfg.source,
                        detectors_off=[d for d, v in cfg.detectors.items() if v == "off"],
                        wait_for=pick(ns.wait_for, cfg.wait_for, None),
                        preset=pick(ns.preset, cfg.preset, None),
                        category_min={**cfg.category_min, **dict(ns.category_min)},
                        suppress=list(cfg.suppress), assert_matrix=list(cfg.assert_matrix),
                        report_only=pick(ns.report_only, cfg.report_only, False),
                        fail_on=pick(ns.fail_on, cfg.fail_on, None),
                        baseline_any_site=bool(ns.baseline_any_site),
                        history=pick(ns.history, cfg.history, None),
                        branding=cfg.branding.to_report() if cfg.branding else None)


def _merged(conf: dict[str, str], flags: list[tuple[str, str]],
            key: Any) -> tuple[tuple[str, str], ...]:
    """The configuration's pairs, then the flags'; a flag replaces the file's pair of the same
    name (``key`` folds a name: header names ignore case, cookie names do not)."""
    out: dict[str, tuple[str, str]] = {}
    for name, value in [*conf.items(), *flags]:
        out[key(name)] = (name, value)
    return tuple(out.values())
