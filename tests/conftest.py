"""Fixture sites served on 127.0.0.1 by the tests themselves; audits run as real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

SITES = Path(__file__).parent / "sites"


@dataclass
class Served:
    """A fixture folder on a loopback port, with optional special routes."""

    root: Path
    url: str
    server: ThreadingHTTPServer
    requests: list[str] = field(default_factory=list)


def _handler(root: Path, routes: dict[str, Callable[[Any], None]], delay: float,
             log: list[str]) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, directory=str(root), **kw)

        def do_GET(self) -> None:
            log.append(self.path)
            if delay:
                time.sleep(delay)
            route = routes.get(self.path.split("?", 1)[0])
            if route is not None:
                route(self)
                return
            super().do_GET()

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    """``serve(folder, routes={path: fn(handler)}, delay=0)`` -> a running :class:`Served`."""
    running: list[ThreadingHTTPServer] = []

    def start(root: Path, routes: dict[str, Callable[[Any], None]] | None = None,
              delay: float = 0.0) -> Served:
        log: list[str] = []
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(root, routes or {}, delay, log))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running.append(server)
        return Served(root, f"http://127.0.0.1:{server.server_address[1]}/", server, log)

    yield start
    for s in running:
        s.shutdown()
        s.server_close()


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    out: Path

    @property
    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.out / "report.json").read_text("utf-8"))
        return data


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., Run]:
    """Run ``python -m contactable ARGS --out TMP`` as a real subprocess."""

    def run(*args: str, out: Path | None = None, timeout: float = 120,
            env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
        out = out or tmp_path / "out"
        cmd = [sys.executable, "-m", "contactable", *args]
        if "--out" not in args and args and args[0] != "--version":
            cmd += ["--out", str(out)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, **(env or {})}, cwd=cwd, check=False)
        return Run(proc.returncode, proc.stdout, proc.stderr, out)

    return run


def redirect(to: str, code: int = 301) -> Callable[[Any], None]:
    def fn(h: Any) -> None:
        h.send_response(code)
        h.send_header("Location", to)
        h.end_headers()

    return fn


def respond(body: bytes, ctype: str, status: int = 200) -> Callable[[Any], None]:
    def fn(h: Any) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return fn
