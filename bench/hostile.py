"""Hostile-site benchmark: the audit against traps, bombs, loops and bad input, as a user runs it.

Run from the repository root with the project's virtualenv::

    python bench/hostile.py            # every case
    python bench/hostile.py --only gzip-bomb-home,silent-server

Each case starts its own server on 127.0.0.1 (or writes its own folder or file), runs
``python -m contactable ...`` as a real process, and reaps it with ``os.wait4`` for its CPU
and peak RSS. The table gives the case, exit code, seconds, peak RSS, pages reported, pages
listed as unread, seconds from Ctrl-C to the end (for the case that sends one), and a
verdict: ``ok`` when the run was bounded (under 60 s and 300 MB, Ctrl-C acting within 2 s),
asked another site nothing, and ended with a report or a one-line error naming the expected
reason. Exits 0 whatever happens.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LIMIT_S, LIMIT_MB = 60.0, 300.0
Body = bytes | Callable[[], Iterator[bytes]]
"""A body, or a function giving it in pieces: large bodies are made as they are sent, so
this process stays small (a child's peak RSS counts its parent's at fork time)."""
Answer = tuple[int, dict[str, str], Body]


def _page(body: str) -> Answer:
    return 200, {"Content-Type": "text/html"}, f"<html><body>{body}</body></html>".encode()


ROBOTS: Answer = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
HOME = _page('<a href="/contact.html">Contact</a><p>hello@bakery-leeds.co.uk</p>')
CONTACT = _page("<p>Call +44 20 7946 0958</p>")


class Server:
    """Answers ``routes`` (path -> answer) on a loopback port; ``silent`` never answers."""

    def __init__(self, routes: dict[str, Answer], silent: bool = False) -> None:
        self.routes = routes
        self.silent = silent
        self.asked: list[str] = []
        self.sock: socket.socket | None = None
        if silent:
            self.sock = socket.socket()
            self.sock.bind(("127.0.0.1", 0))
            self.sock.listen(64)  # accepted by the kernel, never read: a server that hangs
            self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
            return
        routes_, asked = routes, self.asked

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                asked.append(self.path)
                status, headers, body = routes_.get(self.path, (404, {}, b"not found"))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if isinstance(body, bytes):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                pieces = [body] if isinstance(body, bytes) else body()
                with contextlib.suppress(OSError):  # the audit may hang up: it should
                    for piece in pieces:
                        self.wfile.write(piece)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        else:
            self.server.shutdown()
            self.server.server_close()


def _bomb(mb: int, encoding: str = "gzip") -> Callable[[], Iterator[bytes]]:
    """``mb`` megabytes of HTML compressed to about a thousandth of that, in ``encoding``
    (gzip, deflate, br or zstd), compressed as it is sent."""
    def pieces() -> Iterator[bytes]:
        z = _compressor(encoding)
        yield z[0](b"<html><body>")
        for _ in range(mb):
            yield z[0](b" " * 2**20)
        yield z[1]()
    return pieces


def _compressor(encoding: str) -> tuple[Callable[[bytes], bytes], Callable[[], bytes]]:
    if encoding == "br":
        import brotli  # Scrapy's own dependency for br
        b = brotli.Compressor(quality=5)
        return b.process, b.finish
    if encoding == "zstd":
        zstd = _zstd_module()
        c = zstd.ZstdCompressor()
        return c.compress, c.flush
    z = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)  # 31: gzip header
    return z.compress, z.flush


def _zstd_module() -> Any:
    for name in ("compression.zstd", "backports.zstd"):  # where Scrapy looks for it
        with contextlib.suppress(ImportError):
            return importlib.import_module(name)
    return None


def _can_encode(encoding: str) -> bool:
    if encoding == "br":
        return importlib.util.find_spec("brotli") is not None
    return encoding != "zstd" or _zstd_module() is not None


def _big_page(mb: int) -> Answer:
    def pieces() -> Iterator[bytes]:
        yield b"<html><body><p>"
        for _ in range(mb):
            yield b"x" * 2**20
        yield b"</p></body></html>"
    return 200, {"Content-Type": "text/html"}, pieces


def _stalled(seconds: float) -> Answer:
    """Headers, then nothing for ``seconds``: a page or a robots.txt that never finishes."""
    def pieces() -> Iterator[bytes]:
        time.sleep(seconds)
        yield b""
    return 200, {"Content-Type": "text/html"}, pieces


def _trickle(mb: int, seconds: float) -> Answer:
    """``mb`` megabytes sent evenly over ``seconds``: a huge page in flight."""
    def pieces() -> Iterator[bytes]:
        yield b"<html><body><p>"
        for _ in range(mb * 10):
            time.sleep(seconds / (mb * 10))
            yield b"x" * (2**20 // 10)
    return 200, {"Content-Type": "text/html"}, pieces


def _nested(levels: int) -> Answer:
    return _page('<a href="/contact.html">Contact</a>' + "<div>" * levels
                 + "<p>deep@bakery-leeds.co.uk</p>" + "</div>" * levels)


def _redirect(to: str) -> Answer:
    return 302, {"Location": to}, b""


def _refresh(to: str) -> Answer:
    return 200, {"Content-Type": "text/html"}, (
        f'<html><head><meta http-equiv="refresh" content="0; url={to}"></head>'
        "<body>moved</body></html>").encode()


def _links(n: int) -> Answer:
    def pieces() -> Iterator[bytes]:
        yield b"<html><body>"
        for start in range(0, n, 10_000):
            yield "".join(f'<a href="/p{i}.html">{i}</a>'
                          for i in range(start, min(n, start + 10_000))).encode()
        yield b"</body></html>"
    return 200, {"Content-Type": "text/html"}, pieces


def _index(urls: list[str]) -> Answer:
    body = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return 200, {"Content-Type": "application/xml"}, (
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        f"{body}</sitemapindex>").encode()


@dataclass
class Case:
    name: str
    routes: Callable[[str, str], dict[str, Answer]] | None
    """(this server's URL, another server's URL) -> routes; None for a case without a site."""
    expect: str
    """What the run must show: ``exit:N`` and/or a text in its stderr or its report."""
    args: tuple[str, ...] = ()
    silent: bool = False
    target: Callable[[Path, str], list[str]] | None = None
    """For cases that audit a folder or a file instead: (temp dir, site URL) -> arguments."""
    interrupt_on: str = ""
    """Send Ctrl-C (SIGINT) half a second after the site is asked for this path."""
    needs: str = ""
    """A content encoding this Scrapy may not decode (br, zstd): skipped when it cannot."""


def _site(extra: dict[str, Answer]) -> Callable[[str, str], dict[str, Answer]]:
    return lambda url, other: {"/": HOME, "/contact.html": CONTACT, "/robots.txt": ROBOTS,
                               **extra}


def _folder_with_symlinks(tmp: Path, url: str) -> list[str]:
    secret = tmp / "secret.html"
    secret.write_text("<p>leaked@secret-firm.co.uk</p>")
    site = tmp / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="leak.html">x</a><a href="passwd.html">p</a>')
    (site / "leak.html").symlink_to(secret)
    (site / "passwd.html").symlink_to("/etc/passwd")
    return [str(site)]


def _batch(tmp: Path, url: str) -> list[str]:
    listing = tmp / "sites.txt"
    listing.write_text(f"-h\n--config=/etc/passwd\nhttp://a.test/\x00\n{url}/\n")
    return ["batch", str(listing), "--max-pages", "5"]


def _batch_escapes(tmp: Path, url: str) -> list[str]:
    listing = tmp / "sites.txt"
    listing.write_text(f"{url}/\nhttp://a.test/\x1b]0;pwned\x07\n--from-crawl=/etc/passwd\n")
    return ["batch", str(listing), "--max-pages", "5"]


def _bad_unread(tmp: Path, url: str) -> list[str]:
    bad = tmp / "crawl.json"
    bad.write_text('{"start_url": "x", "final_url": "x", "complete": true, "stop_reason": "x",'
                   ' "duration_s": 1, "warnings": [], "pages": [], "links": {}, "facts": [],'
                   ' "unread": [{"url": 5, "reason": "timeout"}]}')
    return ["--from-crawl", str(bad)]


def _bomb_home(encoding: str) -> Callable[[str, str], dict[str, Answer]]:
    return lambda u, o: {"/": (200, {"Content-Encoding": encoding, "Content-Type": "text/html"},
                               _bomb(200, encoding))}


def _sitemap_chain(u: str, depth: int) -> dict[str, Answer]:
    return {"/robots.txt": (200, {}, f"User-agent: *\nSitemap: {u}/n0.xml\n".encode()),
            **{f"/n{i}.xml": _index([f"{u}/n{i + 1}.xml"]) for i in range(depth)}}


def _bad_crawl(tmp: Path, url: str) -> list[str]:
    bad = tmp / "crawl.json"
    bad.write_text('{"start_url": "x", "final_url": "x", "complete": true, "stop_reason": "x",'
                   ' "duration_s": NaN, "warnings": [], "pages": [], "links": {}, "facts": []}')
    return ["--from-crawl", str(bad)]


CASES = [
    Case("gzip-bomb-home", lambda u, o: {"/": (200, {"Content-Encoding": "gzip",
                                                     "Content-Type": "text/html"}, _bomb(200))},
         "exit:3 larger than the size cap", ("--ignore-robots",)),
    Case("gzip-bomb-subpage", _site({"/": _page('<a href="/b.html">b</a>'),
                                     "/b.html": (200, {"Content-Encoding": "gzip"}, _bomb(200))}),
         "exit:0 too_large"),
    Case("redirect-loop-home", lambda u, o: {"/": _redirect("/a"), "/a": _redirect("/")},
         "exit:3 redirects in a loop", ("--ignore-robots",)),
    Case("redirect-chain-30", lambda u, o: {"/": _redirect("/0"), **{
        f"/{i}": _redirect(f"/{i + 1}") for i in range(30)}},
         "exit:3 redirects in a loop", ("--ignore-robots",)),
    Case("meta-refresh-loop", lambda u, o: {"/": _refresh("/b"), "/b": _refresh("/")},
         "exit:3 redirects in a loop", ("--ignore-robots",)),
    Case("redirect-loop-subpage", _site({"/": _page('<a href="/l">l</a>'), "/l": _redirect("/m"),
                                         "/m": _redirect("/l")}), "exit:0 too_many_redirects"),
    Case("offsite-redirect", lambda u, o: _site({
        "/": _page('<a href="/out">x</a><a href="/r.html">r</a>'),
        "/out": _redirect(o + "/moved.html"), "/r.html": _refresh(o + "/")})(u, o),
         "exit:0 off_site"),
    Case("robots-sitemap-file-url", _site({"/robots.txt": (200, {}, (
        b"User-agent: *\nAllow: /\nSitemap: file:///etc/passwd\nSitemap: file:///dev/zero\n"))}),
         "exit:0"),
    Case("sitemap-fanout", lambda u, o: _site({
        "/robots.txt": (200, {}, f"User-agent: *\nSitemap: {u}/index.xml\n".encode()),
        "/index.xml": _index([f"{u}/s{i}.xml" for i in range(1000)]),
        **{f"/s{i}.xml": _index([f"{u}/t{i}-{j}.xml" for j in range(1000)]) for i in range(60)},
    })(u, o), "exit:0"),
    Case("links-100k", _site({"/": _links(100_000)}), "exit:0", ("--max-pages", "50")),
    Case("links-300k", _site({"/": _links(300_000)}), "exit:0", ("--max-pages", "50")),  # 9 MB
    Case("page-20mb", _site({"/": _big_page(20)}), "exit:3 larger than the size cap"),
    Case("silent-server", None, "exit:3 did not answer in time", silent=True),
    Case("terminal-escapes", _site({"/": _page(
        '<title>A\x1b]0;pwned\x07</title><a href="/contact.html">c</a>\x1b[2J')}), "exit:0"),
    Case("invalid-port", None, "exit:2 not a valid URL",
         target=lambda tmp, url: ["http://127.0.0.1:99999/"]),
    Case("folder-symlinks", None, "exit:0", target=_folder_with_symlinks),
    Case("batch-option-lines", _site({}), "exit:0", target=_batch),
    Case("from-crawl-nan", None, "exit:2 NaN", target=_bad_crawl),
    # Added with the tests of tests/test_hostile_bodies.py and test_hostile_entries.py.
    *(Case(f"{e}-bomb-home", _bomb_home(e), "exit:3 larger than the size cap",
           ("--ignore-robots",), needs=e) for e in ("deflate", "br", "zstd")),
    Case("page-200mb-announced", _site({"/": (200, {"Content-Type": "text/html",
                                                    "Content-Length": str(200 * 2**20)},
                                              _big_page(1)[2])}),
         "exit:3 larger than the size cap"),
    Case("nested-3000-home", _site({"/": _nested(3000)}), "exit:0 too_deep"),
    Case("timeout-subpage", _site({"/": _page('<a href="/slow.html">s</a>'),
                                   "/slow.html": _stalled(90)}), "exit:0 timeout"),
    Case("robots-silent", _site({"/robots.txt": _stalled(90)}), "exit:0 hello@bakery"),
    Case("robots-offsite-redirect", lambda u, o: _site({
        "/robots.txt": _redirect(o + "/robots.txt")})(u, o), "exit:0 hello@bakery"),
    Case("sitemap-entries-elsewhere", lambda u, o: _site({
        "/robots.txt": (200, {}, f"User-agent: *\nSitemap: {u}/index.xml\n".encode()),
        "/index.xml": _index([f"{o}/s.xml", "file:///dev/zero", f"{u}/urls.xml"]),
        "/urls.xml": (200, {"Content-Type": "application/xml"}, (
            "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"<url><loc>{o}/</loc></url><url><loc>file:///etc/passwd</loc></url>"
            "</urlset>").encode()),
    })(u, o), "exit:0"),
    Case("sitemap-nested-1000", lambda u, o: _site(_sitemap_chain(u, 1000))(u, o), "exit:0"),
    Case("ctrl-c-huge-page", _site({"/": _page('<a href="/huge.html">h</a>'),
                                    "/huge.html": _trickle(9, 60)}),
         "exit:130 interrupted", interrupt_on="/huge.html"),
    Case("batch-escapes", _site({"/": _page("<title>A\x1b]0;pwned\x07</title>x")}), "exit:0",
         target=_batch_escapes),
    Case("from-crawl-bad-unread", None, "exit:2 unread[0].url", target=_bad_unread),
]


@dataclass
class Outcome:
    code: int
    seconds: float
    rss_mb: float
    pages: int | None
    unread: int | None
    verdict: str
    stop_s: float | None = None
    """Seconds from Ctrl-C to the end of the process, for the cases that send it."""


def run_case(case: Case, tmp: Path) -> Outcome:
    other = Server({"/": HOME})
    server = Server({}, silent=case.silent)
    if case.routes is not None:
        server.routes.update(case.routes(server.url, other.url))
    out = tmp / "out"
    args = case.target(tmp, server.url) if case.target else [server.url + "/"]
    cmd = [sys.executable, "-m", "contactable", *args, *case.args, "--out", str(out), "--quiet"]
    began = time.monotonic()
    interrupted: list[float] = []
    with open(tmp / "stdout", "wb") as so, open(tmp / "stderr", "wb") as se:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=so, stderr=se)
        timer = threading.Timer(LIMIT_S * 3, proc.kill)  # a runaway case still ends
        timer.start()
        if case.interrupt_on:
            threading.Thread(target=_interrupt, args=(proc, server, case.interrupt_on,
                                                      interrupted), daemon=True).start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    ended = time.monotonic()
    seconds = ended - began
    server.close()
    other.close()
    code = proc.returncode
    rss = usage.ru_maxrss / 1024  # KiB on Linux: this process or the largest it reaped
    stdout, stderr = (tmp / "stdout").read_bytes(), (tmp / "stderr").read_bytes()
    report: dict[str, Any] = {}
    if (out / "report.json").is_file():
        report = json.loads((out / "report.json").read_text("utf-8"))
    text = stderr.decode("utf-8", "replace") + json.dumps(report)
    want_code, _, want_text = case.expect.partition(" ")
    ok = (seconds < LIMIT_S and rss < LIMIT_MB and f"exit:{code}" == want_code
          and want_text in text and b"\x1b" not in stdout + stderr
          and not other.asked  # another site is never asked anything
          and (code == 0 or len(stderr.decode("utf-8", "replace").strip().splitlines()) <= 2))
    stop = round(ended - interrupted[0], 1) if interrupted else None
    if case.interrupt_on and (stop is None or stop > 2.0):
        ok = False  # Ctrl-C must act within 2 s whatever is in flight
    site = report.get("site") or {}
    return Outcome(code, round(seconds, 1), round(rss, 1), site.get("pages_crawled"),
                   site.get("pages_unread"), "ok" if ok else "FAIL", stop)


def _interrupt(proc: subprocess.Popen[bytes], server: Server, path: str,
               sent: list[float]) -> None:
    while proc.poll() is None:
        if path in server.asked:
            time.sleep(0.5)  # the page is in flight
            sent.append(time.monotonic())
            proc.send_signal(signal.SIGINT)
            return
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="comma-separated case names")
    ns = ap.parse_args(argv)
    only = {n for n in ns.only.split(",") if n}
    print(f"{'case':26} {'exit':>4} {'secs':>6} {'MiB':>7} {'pages':>5} {'unread':>6} "
          f"{'stop':>5}  verdict")
    for case in CASES:
        if only and case.name not in only:
            continue
        if case.needs and not _can_encode(case.needs):
            print(f"{case.name:26} skipped: this Scrapy cannot decode {case.needs}")
            continue
        with tempfile.TemporaryDirectory() as d:
            o = run_case(case, Path(d))
        print(f"{case.name:26} {o.code:>4} {o.seconds:>6} {o.rss_mb:>7} {o.pages or '-':>5} "
              f"{o.unread if o.unread is not None else '-':>6} "
              f"{o.stop_s if o.stop_s is not None else '-':>5}  {o.verdict}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
