"""Real Scrapyd nodes on 127.0.0.1, for the Scrapyd tests and bench/scrapyd_bench.py.

Each node is the ``scrapyd`` of this virtualenv in a subprocess, with its own configuration
file, eggs, logs and queue databases in its own folder, on a free loopback port; it is stopped
(or killed, to play a node that dies) by whoever started it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

_CONF = """\
[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
max_proc = {max_proc}
poll_interval = {poll}
eggs_dir = {root}/eggs
logs_dir = {root}/logs
dbs_dir = {root}/dbs
items_dir =
jobs_to_keep = 1000
finished_to_keep = 1000
"""


@dataclass
class ScrapydNode:
    url: str
    root: Path
    proc: subprocess.Popen[bytes]

    def kill(self) -> None:
        """Kill the node and the jobs it runs, as a machine that dies would lose them."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_text(self) -> str:
        return (self.root / "scrapyd.log").read_text("utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_node(root: Path, max_proc: int = 2, poll: float = 0.5,
               timeout: float = 60.0) -> ScrapydNode:
    """A Scrapyd node serving from ``root`` (made), answering once this returns."""
    root.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (root / "scrapyd.conf").write_text(
        _CONF.format(port=port, max_proc=max_proc, poll=poll, root=root), "utf-8")
    env = {**os.environ, "HOME": str(root)}  # no ~/.scrapyd.conf of this machine
    log = (root / "scrapyd.log").open("wb")
    # Its own process group: killing the node kills the crawls it started, as a dead machine.
    proc = subprocess.Popen([sys.executable, "-m", "scrapyd", "--pidfile", str(root / "pid")],
                            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    log.close()
    node = ScrapydNode(f"http://127.0.0.1:{port}", root, proc)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(node.url + "/daemonstatus.json", timeout=2) as resp:
                if resp.status == 200:
                    return node
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            node.stop()
            raise RuntimeError(f"scrapyd did not start: {node.log_text()[-2000:]}")
        time.sleep(0.2)
