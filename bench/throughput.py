"""Throughput benchmark: contactable's audit against a plain Scrapy crawl of the same site.

Run from the repository root with the project's virtualenv::

    python bench/throughput.py --pages 2000 --concurrency 16
    python bench/throughput.py --pages 2000 --profile both --runs 3
    python bench/throughput.py --pages 500 --runs 1 --only plain --json
    python bench/throughput.py --pages 2000 --core     # also: what the later detectors add

What it does, for each profile asked for (``--profile standard``, the default,
``number-dense`` or ``both``):

1. generates an N-page static site in a temporary directory, about 40 KB of realistic HTML per
   page: header nav, ~40 internal links spread at random so that every page is reachable from
   ``index.html``, an inline ``<style>`` and ``<script>``, a JSON state blob, a footer with a
   ``tel:`` link, a ``mailto:`` link and a plain-text phone number; plus ``robots.txt``.

   - ``standard``: about 6 KB of visible prose in cards, inline SVG icons; ``--text-kb 34``
     fills the pages with text instead, as this benchmark did before (its main texts are cut
     to the same reading window);
   - ``number-dense``: about 16 KB of visible text dense in dates, prices and long order,
     article and tracking numbers: a supplier's price list, a delivery timetable and an order
     history in tables, as on catalogue, price-list and timetable pages (where phone number
     matching is costly: every run of digits is a candidate);
2. serves it on 127.0.0.1 from a separate process (Twisted's static ``File`` resource by
   default; ``--server http.server`` uses the standard library's ThreadingHTTPServer, which
   measured about 10% slower: 19.6 s against 17.7 s for the plain crawl of 2000 pages at
   concurrency 16 on a 2-CPU machine);
3. times, alternately, ``--runs`` times each:
   (a) a plain Scrapy spider that only follows ``a[href]`` links, with the same concurrency,
       ``ROBOTSTXT_OBEY`` on, telnet off, ``LOG_LEVEL=WARNING``;
   (b) ``python -m contactable URL --out DIR --format json --quiet --concurrency N
       --max-pages N+10``, reading ``site.pages_crawled`` from ``report.json`` (one process,
       as the plain spider is);
   (c) with ``--core``, the same audit with the detectors added after the core turned off
       (``[detectors]`` in a config file), to show what they cost;
4. prints, per profile, the median wall time, CPU time (user + sys) and peak RSS of each kind,
   pages crawled, and the audit/plain ratios of the three medians. Each subprocess is reaped
   with ``os.wait4``, whose resource usage is that of the process and of every descendant it
   reaped (as ``getrusage(RUSAGE_CHILDREN)`` would count them): CPU time is the whole process
   tree's; peak RSS (``ru_maxrss``) is the largest of them, not their sum. An audit is one
   process, as the plain crawl is.

Both halves run in subprocesses of this script; the same file doubles as the server and the
plain spider (hidden ``--role`` argument). Exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, astuple, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen import (  # noqa: E402  (bench/ is not a package)
    NUMBERS_TEXT_KB,
    PROFILES,
    TEXT_KB,
    generate_site,
)


@dataclass
class Run:
    """One timed subprocess run."""

    kind: str
    index: int
    wall_s: float
    pages: int | None
    peak_rss_kib: int
    cpu_s: float
    returncode: int
    error: str = ""


# ---------------------------------------------------------------------- subprocess roles


def serve(root: str, server: str) -> None:
    """Role: serve ``root`` on 127.0.0.1 (free port, printed as the first stdout line)."""
    if server == "twisted":
        from twisted.internet import reactor
        from twisted.web.server import Site
        from twisted.web.static import File

        class QuietSite(Site):
            def log(self, request: object) -> None:  # no access log: it costs time
                pass

        port = reactor.listenTCP(0, QuietSite(File(root)), interface="127.0.0.1", backlog=128)
        print(port.getHost().port, flush=True)
        reactor.run()
        return
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like a real server

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=root))
    httpd.daemon_threads = True
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()


def plain_crawl(url: str, concurrency: int) -> None:
    """Role: a plain Scrapy crawl following every ``a[href]``; prints ``PAGES <n>``."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class PlainSpider(scrapy.Spider):
        name = "plain"
        start_urls = (url,)
        allowed_domains = ("127.0.0.1",)
        count = 0

        def parse(self, response):  # type: ignore[no-untyped-def]
            if not isinstance(response, scrapy.http.TextResponse):
                return
            PlainSpider.count += 1
            for href in response.css("a::attr(href)").getall():
                if href.startswith(("mailto:", "tel:", "javascript:", "#")):
                    continue
                absolute = response.urljoin(href)
                if absolute.startswith(("http://", "https://")):
                    yield scrapy.Request(absolute, callback=self.parse)

    process = CrawlerProcess(
        settings={
            "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
            "ROBOTSTXT_OBEY": True,
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
        }
    )
    process.crawl(PlainSpider)
    process.start()
    print(f"PAGES {PlainSpider.count}", flush=True)


# ------------------------------------------------------------------------------- measuring


def start_server(root: Path, server: str) -> tuple[subprocess.Popen[str], int]:
    """Start the static server subprocess and return it with its port."""
    cmd = [sys.executable, __file__, "--role", "serve", "--root", str(root), "--server", server]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.isdigit():
        proc.kill()
        raise SystemExit(f"server did not start: {line!r}")
    return proc, int(line)


def timed(cmd: list[str], log: Path) -> tuple[float, int, int, float]:
    """Run ``cmd`` with output to ``log``; return wall s, return code, peak RSS KiB, CPU s."""
    with log.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, proc.returncode, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def tail(path: Path, lines: int = 3) -> str:
    """The last few lines of a log, for error messages."""
    return " | ".join(path.read_text(errors="replace").strip().splitlines()[-lines:])


def run_plain(url: str, concurrency: int, work: Path, index: int) -> Run:
    """Time one plain Scrapy crawl."""
    log = work / f"plain-{index}.log"
    cmd = [sys.executable, __file__, "--role", "plain", "--url", url]
    cmd += ["--concurrency", str(concurrency)]
    wall, rc, rss, cpu = timed(cmd, log)
    pages = next(
        (int(ln.split()[1]) for ln in log.read_text().splitlines() if ln.startswith("PAGES ")), None
    )
    error = "" if rc == 0 and pages is not None else tail(log)
    return Run("plain", index, wall, pages, rss, cpu, rc, error)


# Detectors that came after the core (emails, phones, contact links, forms): --core turns
# them off to measure what they add.
LATER = ("persons", "reassurance", "channels", "structured_data", "places", "help_order",
         "legal")


def run_audit(url: str, concurrency: int, max_pages: int, work: Path, index: int,
              config: Path | None = None) -> Run:
    """Time one ``python -m contactable`` audit (with ``--config`` when given)."""
    out = work / f"audit-{index}"
    log = work / f"audit-{index}.log"
    cmd = [
        sys.executable, "-m", "contactable", url, "--out", str(out), "--format", "json",
        "--quiet", "--concurrency", str(concurrency), "--max-pages", str(max_pages),
    ]  # fmt: skip
    if config is not None:
        cmd += ["--config", str(config)]
    wall, rc, rss, cpu = timed(cmd, log)
    report = out / "report.json"
    pages = None
    if report.exists():
        pages = json.loads(report.read_text(encoding="utf-8")).get("site", {}).get("pages_crawled")
    error = "" if rc in (0, 1) and pages is not None else tail(log)
    return Run("audit", index, wall, pages, rss, cpu, rc, error)


def summarise(runs: list[Run], kind: str) -> dict[str, Any] | None:
    """Medians of wall time, pages, CPU time and peak RSS of the successful runs of one kind."""
    ok = [r for r in runs if r.kind == kind and not r.error]
    if not ok:
        return None
    wall = statistics.median(r.wall_s for r in ok)
    pages = statistics.median(r.pages or 0 for r in ok)
    return {
        "median_wall_s": round(wall, 3),
        "pages": pages,
        "pages_per_s": round(pages / wall, 1) if wall else None,
        "median_cpu_s": round(statistics.median(r.cpu_s for r in ok), 2),
        "median_rss_mib": round(statistics.median(r.peak_rss_kib for r in ok) / 1024, 1),
        "peak_rss_mib": round(max(r.peak_rss_kib for r in ok) / 1024, 1),
        "runs_ok": len(ok),
    }


def ratios(top: dict[str, Any] | None, bottom: dict[str, Any] | None) -> dict[str, float] | None:
    """``top``'s medians over ``bottom``'s: wall time, CPU time, peak RSS."""
    if not top or not bottom:
        return None
    keys = {"wall": "median_wall_s", "cpu": "median_cpu_s", "rss": "median_rss_mib"}
    return {name: round(top[key] / bottom[key], 2) if bottom[key] else float("nan")
            for name, key in keys.items()}


def print_table(result: dict[str, Any], runs: list[Run]) -> None:
    """Human-readable output for one profile."""
    print(
        f"profile {result['profile']}: {result['pages_generated']} pages, "
        f"{result['site_mb']} MB ({result['text_kb']:g} KB of visible text a page), "
        f"server {result['server']}, concurrency {result['concurrency']}"
    )
    head = ("kind", "run", "wall_s", "pages", "cpu_s", "rss_MiB", "rc")
    print("{:<6} {:>3} {:>8} {:>6} {:>7} {:>8} {:>3}  error".format(*head))
    for r in runs:
        pages = "-" if r.pages is None else str(r.pages)
        print(
            f"{r.kind:<6} {r.index:>3} {r.wall_s:>8.2f} {pages:>6} "
            f"{r.cpu_s:>7.1f} {r.peak_rss_kib / 1024:>8.1f} {r.returncode:>3}  {r.error[:100]}"
        )
    for kind in ("plain", "audit", "core"):
        s = result[kind]
        if s is None and kind == "core":
            continue
        if s is None:
            print(f"{kind}: no successful run")
        else:
            print(
                f"{kind}: median {s['median_wall_s']} s, {s['pages']} pages "
                f"({s['pages_per_s']} pages/s), CPU {s['median_cpu_s']} s, "
                f"peak RSS {s['median_rss_mib']} MiB (largest {s['peak_rss_mib']})"
            )
    for name, label in (("audit_plain", "audit/plain"),
                        ("audit_core", "audit/core (what the later detectors add)")):
        r = result["ratios"].get(name)
        if r is not None:
            print(f"ratio {label}: wall {r['wall']}, CPU {r['cpu']}, peak RSS {r['rss']}")
    print()


def print_summary(results: list[dict[str, Any]]) -> None:
    """One line per profile: the audit/plain ratios of the medians."""
    print("audit/plain, medians     wall    CPU  peak RSS   audit: wall s  CPU s  RSS MiB")
    for res in results:
        r, audit = res["ratios"].get("audit_plain"), res["audit"]
        if r is None or audit is None:
            print(f"{res['profile']:<22}  no successful pair of runs")
            continue
        print(f"{res['profile']:<22} {r['wall']:>6} {r['cpu']:>6} {r['rss']:>9}   "
              f"{audit['median_wall_s']:>13} {audit['median_cpu_s']:>6} "
              f"{audit['median_rss_mib']:>8}")


def benchmark(args: argparse.Namespace, profile: str) -> tuple[dict[str, Any], list[Run]]:
    """Generate one profile's site, serve it, run alternately, summarise."""
    with tempfile.TemporaryDirectory(prefix="contactable-bench-") as tmp:
        site, work = Path(tmp) / "site", Path(tmp) / "work"
        site.mkdir()
        work.mkdir()
        t0 = time.perf_counter()
        text_kb = args.text_kb or (NUMBERS_TEXT_KB if profile == "number-dense" else TEXT_KB)
        size = generate_site(site, args.pages, args.links, args.page_kb, args.seed, text_kb,
                             profile)
        gen_s = time.perf_counter() - t0
        server, port = start_server(site, args.server)
        url = f"http://127.0.0.1:{port}/"
        runs: list[Run] = []
        core_config = work / "core.toml"
        core_config.write_text("[detectors]\n" + "".join(f'{d} = "off"\n' for d in LATER))
        try:
            for i in range(args.runs):
                if args.only in ("both", "plain"):
                    runs.append(run_plain(url, args.concurrency, work, i))
                if args.only in ("both", "audit"):
                    runs.append(run_audit(url, args.concurrency, args.pages + 10, work, i))
                if args.core:
                    core = run_audit(url, args.concurrency, args.pages + 10, work, 100 + i,
                                     core_config)
                    runs.append(Run("core", i, *astuple(core)[2:]))
        finally:
            server.terminate()
            server.wait(timeout=10)
    plain, audit = summarise(runs, "plain"), summarise(runs, "audit")
    core = summarise(runs, "core")
    found = {"audit_plain": ratios(audit, plain), "audit_core": ratios(audit, core)}
    result: dict[str, Any] = {
        "profile": profile,
        "pages_generated": args.pages + 1,  # + contact.html
        "site_mb": round(size / 1e6, 1),
        "text_kb": text_kb,
        "generate_s": round(gen_s, 2),
        "server": args.server,
        "concurrency": args.concurrency,
        "plain": plain,
        "audit": audit,
        "core": core,
        "ratios": {k: v for k, v in found.items() if v is not None},
        "runs": [asdict(r) for r in runs],
    }
    return result, runs


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pages", type=int, default=2000, help="pages to generate (default 2000)")
    p.add_argument("--concurrency", type=int, default=16, help="concurrent requests (default 16)")
    p.add_argument("--runs", type=int, default=3, help="runs of each kind (default 3)")
    p.add_argument("--profile", choices=[*PROFILES, "both"], default="standard",
                   help="the pages: standard (about 6 KB of prose a page), number-dense "
                        "(about 16 KB of prices, dates and order numbers a page) or both "
                        "(default standard)")
    p.add_argument("--links", type=int, default=40, help="internal links per page (default 40)")
    p.add_argument("--page-kb", type=int, default=40, help="approximate page size (default 40)")
    p.add_argument("--text-kb", type=float, default=None,
                   help=f"visible text per page (default {TEXT_KB:g} for standard pages, as on "
                        f"real pages of that size, {NUMBERS_TEXT_KB:g} for number-dense ones; "
                        "34 gives the text-heavy pages of earlier versions)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--server", choices=["twisted", "http.server"], default="twisted")
    p.add_argument("--only", choices=["both", "plain", "audit"], default="both")
    p.add_argument("--core", action="store_true",
                   help="also time the audit with only the core detectors (emails, phones, "
                        "contact links, forms) and print what the others add")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--role", choices=["serve", "plain"], help=argparse.SUPPRESS)
    p.add_argument("--root", help=argparse.SUPPRESS)
    p.add_argument("--url", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    if args.role == "serve":
        serve(args.root, args.server)
        return 0
    if args.role == "plain":
        plain_crawl(args.url, args.concurrency)
        return 0
    profiles = PROFILES if args.profile == "both" else (args.profile,)
    results = []
    for profile in profiles:
        result, runs = benchmark(args, profile)
        results.append(result)
        if not args.json:
            print_table(result, runs)
    if args.json:
        print(json.dumps({"profiles": results}, indent=2))
    else:
        print_summary(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
