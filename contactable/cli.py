"""The ``contactable`` command line.

Exit codes: 0 audited and every assertion held; 1 audited and an assertion failed
(``--fail-under``, ``--baseline``, a check at level ``error``); 2 usage or configuration error;
3 the site could not be audited; 130 interrupted (the report of what was crawled is still
written). Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

try:  # Scrapy and the detectors take a second to load: Ctrl-C then is one line too
    from contactable.audit import AuditError, AuditOptions, rescore, run_audit
    from contactable.config import LEGAL_PROFILES, LEVELS, Config, ConfigError, level_of
    from contactable.config import load as load_config
    from crawler.settings import CrawlOptions, __version__
except KeyboardInterrupt:
    print("contactable: error: interrupted", file=sys.stderr)
    raise SystemExit(130) from None

FORMATS = ("json", "html")
EXIT_OK, EXIT_ASSERT, EXIT_USAGE, EXIT_UNAUDITABLE = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line that says what to do, not argparse's usage dump.
        self.exit(EXIT_USAGE, f"contactable: error: {message} (see: contactable --help)\n")


class _WorkersRemoved(argparse.Action):
    # A flag of earlier versions: one line that says what to do, rather than "unrecognized".
    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        parser.error("--workers was removed: contactable reads every page in one process; "
                     "drop the option")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("a score is between 0 and 100")
    return value


def _region(text: str) -> str:
    import phonenumbers

    code = text.strip().upper()
    if code == "UK":
        code = "GB"
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a two-letter country code such as GB, US, DE")
    return code


def _check_level(text: str) -> tuple[str, str]:
    ident, sep, level = text.partition("=")
    if not sep or not ident.strip() or level.strip().lower() not in LEVELS:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not ID=LEVEL, e.g. phone.tel_link=error (levels: {', '.join(LEVELS)})")
    return ident.strip(), level.strip().lower()


def _legal_profile(text: str) -> str:
    for p in LEGAL_PROFILES:
        if p.lower() == text.strip().lower():
            return p
    raise argparse.ArgumentTypeError(f"{text!r} is not one of {', '.join(LEGAL_PROFILES)}")


def _formats(text: str) -> list[str]:
    # Names are checked against the registry by the audit: plugins may add formats.
    out = [f.strip().lower() for f in text.split(",") if f.strip()]
    if not out:
        raise argparse.ArgumentTypeError("give at least one format, e.g. json,html")
    return out


def _audit_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="contactable",
        description="Audit whether visitors of a website can reach a human. "
                    "Other commands: 'contactable demo' audits a bundled example site; "
                    "'contactable batch FILE' audits every site listed in FILE.",
    )
    p.add_argument("target", nargs="?",
                   help="a URL (https://example.com) or a folder of HTML to serve")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="folder for the reports (default ./contactable-report); '-' writes "
                        "a single format to stdout")
    p.add_argument("--format", type=_formats, default=None, metavar="LIST",
                   help="comma-separated formats: json,html,md,junit,sarif (default json,html)")
    p.add_argument("--max-pages", type=_positive, default=None, metavar="N",
                   help="stop after N pages (default 300)")
    p.add_argument("--max-depth", type=_non_negative, default=None, metavar="N",
                   help="do not follow links more than N clicks from the start page")
    p.add_argument("--region", type=_region, default=None, metavar="CC",
                   help="country for phone numbers written without +code (default: from the "
                        "domain, then the page language)")
    p.add_argument("--concurrency", type=_positive, default=None, metavar="N",
                   help="requests at a time (default 4 for remote sites, 16 on loopback)")
    p.add_argument("--workers", action=_WorkersRemoved, nargs="?", default=argparse.SUPPRESS,
                   help=argparse.SUPPRESS)
    p.add_argument("--delay", type=float, default=None, metavar="SECONDS",
                   help="fixed delay between requests (default: AutoThrottle for remote sites)")
    p.add_argument("--ignore-robots", action="store_true", default=None,
                   help="do not obey robots.txt (only for a site you own)")
    p.add_argument("--no-sitemaps", action="store_true", default=None,
                   help="do not use sitemap.xml as extra start points")
    p.add_argument("--fail-under", type=_score, default=None, metavar="SCORE",
                   help="exit 1 when the score is below SCORE")
    p.add_argument("--baseline", type=Path, default=None, metavar="REPORT.json",
                   help="exit 1 when the score is lower than in this earlier report.json")
    p.add_argument("--plugin", action="append", default=[], metavar="MODULE:NAME",
                   help="load a detector, check or report format without installing it")
    p.add_argument("--save-crawl", type=Path, default=None, metavar="FILE",
                   help="also save the crawled site model, to re-score it with --from-crawl")
    p.add_argument("--from-crawl", type=Path, default=None, metavar="FILE",
                   help="re-score a site model saved by --save-crawl, without crawling")
    p.add_argument("--config", type=Path, default=None, metavar="FILE",
                   help="configuration file (default: ./contactable.toml, else "
                        "[tool.contactable] in ./pyproject.toml)")
    p.add_argument("--check", action="append", default=[], type=_check_level,
                   metavar="ID=LEVEL",
                   help="set a check's (or category's) level: error (exit 1 when it fails), "
                        "warn, or off; repeatable")
    p.add_argument("--legal-profile", type=_legal_profile, default=None, metavar="PROFILE",
                   help="legal profile: auto (from domain, language, address), EU, DE, UK "
                        "or none")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    p.add_argument("--verbose", "-v", action="store_true", help="show Scrapy's log")
    p.add_argument("--version", action="version", version=f"contactable {__version__}")
    return p


def _demo_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="contactable demo",
                description="Audit a small bundled example site and write its reports.")
    p.add_argument("--out", default="contactable-report", metavar="DIR")
    p.add_argument("--quiet", "-q", action="store_true")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "demo":
            return _demo(_demo_parser().parse_args(args[1:]))
        if args and args[0] == "batch":
            from contactable import batch

            try:
                return batch.main(args[1:])
            except batch.BatchError as exc:
                _err(str(exc))
                return EXIT_USAGE
        return _audit(_audit_parser().parse_args(args))
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
    print(f"contactable: error: {message}", file=sys.stderr)


def _options_from(ns: argparse.Namespace, target: str | Path, cfg: Config) -> AuditOptions:
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
    )
    levels = {**cfg.checks, **dict(ns.check)}
    return AuditOptions(target=target, crawl=crawl, region=pick(ns.region, cfg.region, None),
                        plugins=[*cfg.plugins, *ns.plugin],
                        formats=pick(ns.format, cfg.format, list(FORMATS)),
                        out=pick(ns.out, cfg.out, "contactable-report"), quiet=ns.quiet,
                        save_crawl=ns.save_crawl, levels=levels, weights=dict(cfg.weights),
                        legal_profile=pick(ns.legal_profile, cfg.legal_profile, None),
                        config_source=cfg.source,
                        detectors_off=[d for d, v in cfg.detectors.items() if v == "off"])


def _resolve_target(text: str) -> str | Path:
    path = Path(text)
    if path.is_dir():
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
    opts = _options_from(ns, ns.target or "", cfg)
    if str(opts.out) == "-" and len(opts.formats) != 1:
        raise AuditError("--out - writes to stdout and needs exactly one --format", EXIT_USAGE)
    fail_under = ns.fail_under if ns.fail_under is not None else cfg.fail_under
    baseline = _read_baseline(ns.baseline) if ns.baseline else None
    if ns.from_crawl is not None:
        report = rescore(ns.from_crawl, opts)
    else:
        opts.target = _resolve_target(ns.target)
        report = run_audit(opts)
    code = _assertions(report, fail_under, baseline, opts.levels)
    if report.get("site", {}).get("stop_reason") == "interrupted":
        # The report is written, but a CI job must not take a stopped audit for a pass.
        return EXIT_INTERRUPTED
    return code


def _read_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AuditError(f"baseline {path} not found: run once with --out to create it",
                         EXIT_USAGE) from None
    except (OSError, ValueError) as exc:
        raise AuditError(f"baseline {path} is not a report.json ({exc})", EXIT_USAGE) from None
    if not isinstance(data, dict) or not isinstance(data.get("score"), (int, float)):
        raise AuditError(f"baseline {path} has no score: give a report.json of contactable",
                         EXIT_USAGE)
    return data


def _assertions(report: dict[str, Any], fail_under: float | None,
                baseline: dict[str, Any] | None, levels: dict[str, str] | None = None) -> int:
    failures: list[str] = []
    warnings: list[str] = []
    if fail_under is not None and report["score"] < fail_under:
        failures.append(f"score {report['score']:.1f} is below --fail-under {fail_under:g}")
    if baseline is not None and report["score"] < baseline["score"]:
        failures.append(f"score {report['score']:.1f} is lower than the baseline's "
                        f"{baseline['score']:.1f}")
    for chk in report.get("checks", []):
        level = level_of(levels or {}, chk["id"])
        if level in ("error", "warn") and chk["status"] in ("fail", "error"):
            line = f"{chk['id']} {chk['status']}ed: {chk['summary']}".replace("errored", "failed")
            (failures if level == "error" else warnings).append(line)
    for w in warnings:
        print(f"contactable: warning: {w}", file=sys.stderr)
    for f in failures:
        print(f"contactable: assertion failed: {f}", file=sys.stderr)
    return EXIT_ASSERT if failures else EXIT_OK


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
