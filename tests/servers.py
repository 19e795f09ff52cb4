"""A loopback server whose every answer a test writes: status, headers and body per path.

It records each request's path and headers, so a test can say what the crawl asked for, and
stops itself when the test ends.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Answer = tuple[int, dict[str, str], str | bytes | Callable[[], Iterator[bytes]]]
"""A body is text, bytes, or a function giving it in pieces as it is sent (a huge or slow
body: no Content-Length unless the headers give one; the end of the connection ends it)."""


class Routes:
    """Answers ``pages`` (path -> (status, headers, body)); anything else is a 404."""

    def __init__(self, pages: dict[str, Answer] | None = None, port: int = 0,
                 guard: Callable[[Any], bool] | None = None) -> None:
        self.pages: dict[str, Answer] = dict(pages or {})
        self.seen: list[tuple[str, dict[str, str]]] = []
        routes = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                routes.seen.append((self.path, dict(self.headers.items())))
                if guard is not None and not guard(self):
                    status, headers, body = 401, {"WWW-Authenticate": "Bearer"}, "no entry"
                else:
                    status, headers, body = routes.pages.get(self.path, (404, {}, "not found"))
                self.send_response(status)
                for k, v in {"Content-Type": "text/html", **headers}.items():
                    self.send_header(k, v)
                if callable(body):
                    self.end_headers()
                    with contextlib.suppress(OSError):  # the crawl hung up, as it may
                        for piece in body():
                            self.wfile.write(piece)
                    return
                data = body.encode("utf-8") if isinstance(body, str) else body
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def asked(self) -> list[str]:
        return [path for path, _headers in self.seen]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> Routes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def page(body: str, title: str = "t") -> Answer:
    return 200, {}, f"<html><head><title>{title}</title></head><body>{body}</body></html>"


ROBOTS: Answer = (200, {"Content-Type": "text/plain"}, "User-agent: *\nAllow: /\n")


def one_line_error(run: Any) -> str:
    """The one line a failed run printed on stderr (asserting it is one line)."""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr[-2000:]
    return str(lines[0])


def saved_crawl(cli: Callable[..., Any], tmp_path: Path,
                pages: dict[str, Answer]) -> tuple[Path, dict[str, Any]]:
    """A site served from ``pages``, audited with ``--save-crawl``: the file and its data."""
    saved = tmp_path / "crawl.json"
    with Routes(pages) as site:
        assert cli(site.url + "/", "--save-crawl", str(saved), "--quiet").code == 0
    return saved, json.loads(saved.read_text("utf-8"))
