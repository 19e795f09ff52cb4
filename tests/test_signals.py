"""Ctrl-C and SIGTERM during a crawl, with real signals to a real process.

The fixture site has one page that takes 20 s to answer; each signal is sent once that page
is being fetched. Whatever the signals, the audit ends within seconds, writes the report of
what it crawled marked incomplete and interrupted, and exits 130.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Served

SLOW_S = 20.0


def _slow(h: Any) -> None:
    time.sleep(SLOW_S)
    body = b"<html><body><p>slow</p></body></html>"
    try:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    except OSError:  # the audit hung up, as it should
        pass


@pytest.fixture
def slow_site(serve: Callable[..., Served], tmp_path: Path) -> Served:
    site = tmp_path / "site"
    site.mkdir()
    links = "".join(f'<a href="p{i}.html">p{i}</a>' for i in range(30))
    (site / "index.html").write_text(
        f'<html><body><a href="slow.html">slow</a>{links}'
        "<p>hello@slow-fixture.co.uk</p></body></html>")
    for i in range(30):
        (site / f"p{i}.html").write_text(f"<html><body><p>page {i}</p></body></html>")
    return serve(site, {"/slow.html": _slow}, delay=0.3)


def _interrupt(served: Served, out: Path, signals: list[signal.Signals],
               ) -> tuple[int, str, float, dict[str, Any]]:
    """Start an audit, send ``signals`` (0.3 s apart) once the slow page is being fetched."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "contactable", served.url, "--out", str(out), "--format",
         "json", "--concurrency", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 60
        while "/slow.html" not in served.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "/slow.html" in served.requests, "the slow page was never asked for"
        time.sleep(0.2)
        began = time.monotonic()
        for i, sig in enumerate(signals):
            if i:
                time.sleep(0.3)
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        took = time.monotonic() - began
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    report = json.loads((out / "report.json").read_text("utf-8"))
    return proc.returncode, err, took, report


def _assert_interrupted(code: int, err: str, took: float, report: dict[str, Any]) -> None:
    assert code == 130, err
    assert took < 15, f"took {took:.1f} s to stop"  # drains for 0.5 s; generous for slow CI
    assert report["site"]["complete"] is False
    assert report["site"]["stop_reason"] == "interrupted"
    assert report["site"]["pages_crawled"] >= 1
    assert "Traceback" not in err


def test_one_ctrl_c_stops_within_seconds_with_a_slow_page_in_flight(
        slow_site: Served, tmp_path: Path) -> None:
    code, err, took, report = _interrupt(slow_site, tmp_path / "out", [signal.SIGINT])
    _assert_interrupted(code, err, took, report)
    assert "stopping: finishing" in err and "press Ctrl-C again to stop now" in err
    assert err.count("stopping:") == 1


def test_two_ctrl_c_stop_at_once_and_still_write_an_incomplete_report(
        slow_site: Served, tmp_path: Path) -> None:
    code, err, took, report = _interrupt(slow_site, tmp_path / "out",
                                         [signal.SIGINT, signal.SIGINT])
    _assert_interrupted(code, err, took, report)


def test_ctrl_c_then_sigterm_is_interrupted_too(slow_site: Served, tmp_path: Path) -> None:
    code, err, took, report = _interrupt(slow_site, tmp_path / "out",
                                         [signal.SIGINT, signal.SIGTERM])
    _assert_interrupted(code, err, took, report)


def test_sigterm_alone_stops_like_ctrl_c(slow_site: Served, tmp_path: Path) -> None:
    code, err, took, report = _interrupt(slow_site, tmp_path / "out", [signal.SIGTERM])
    _assert_interrupted(code, err, took, report)
    assert "stopping: finishing" in err
