"""Scrapyd benchmark: N fixture sites over two local Scrapyd nodes against a local batch.

Run from the repository root with the project's virtualenv and the ``scrapyd`` extra::

    python bench/scrapyd_bench.py --sites 200
    python bench/scrapyd_bench.py --sites 200 --node-slots 2 --jobs 4 --json

What it does:

1. serves N sites on 127.0.0.1, one port each (the test fixture folders, in turn: the demo
   bakery, the notary, the shop, ...), from a separate process;
2. runs ``contactable batch LIST --jobs J`` (a local batch, J audits at a time) and times it;
3. starts two Scrapyd nodes (``max_proc`` = ``--node-slots``, ``poll_interval`` as given),
   deploys the egg with ``contactable scrapyd deploy``, runs ``contactable batch LIST
   --scrapyd A,B --node-slots S`` and times it;
4. while each runs, samples every 0.2 s the resident memory of each process tree (the local
   batch and its audits; each node and the jobs it started, read from ``/proc``) and each
   node's ``daemonstatus.json``; prints wall times, their ratio, peak memory of the local
   batch and per node, the most jobs ever seen pending on a node (by this sampler and by the
   dispatcher's own polls, ``scrapyd-batch.json``), and whether both batches agree on every
   site's score.

Two nodes with one slot each run two audits at a time, as ``--jobs 2`` does: the ratio is
what Scrapyd's scheduling costs (a process per job, the egg activated, ``poll_interval``).
Nothing here is a test; numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.scrapyd_nodes import start_node  # noqa: E402

FOLDERS = [ROOT / "contactable" / "demo_site",
           *(ROOT / "tests" / "sites" / n for n in ("notary", "shop", "plaintext", "diff-before",
                                                    "diff-after", "hostile"))]

_SERVER = """
import functools, sys, threading, time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *a): pass
folders = sys.argv[1:]
for i, folder in enumerate(folders):
    s = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    s.daemon_threads = True
    print(s.server_address[1], flush=True)
    threading.Thread(target=s.serve_forever, daemon=True).start()
while True:
    time.sleep(3600)
"""


def _tree_rss_kb(pgid: int) -> int:
    """Resident memory of every process in the process group ``pgid``, in KiB."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:  # pgrp, after state and ppid
                continue
            for line in (stat.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total


class Sampler(threading.Thread):
    """Peak memory of process groups and peak pending jobs of nodes, every 0.2 s."""

    def __init__(self, groups: dict[str, int], nodes: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.groups, self.nodes = groups, nodes
        self.peak_kb = dict.fromkeys(groups, 0)
        self.peak_pending = dict.fromkeys(nodes, 0)
        self.peak_running = dict.fromkeys(nodes, 0)
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            for name, pgid in self.groups.items():
                self.peak_kb[name] = max(self.peak_kb[name], _tree_rss_kb(pgid))
            for name, url in self.nodes.items():
                try:
                    with urllib.request.urlopen(url + "/daemonstatus.json", timeout=2) as r:
                        status = json.load(r)
                except OSError:
                    continue
                self.peak_pending[name] = max(self.peak_pending[name], status["pending"])
                self.peak_running[name] = max(self.peak_running[name], status["running"])


def _batch(args: list[str], cwd: Path, sampler_groups: dict[str, int],
           nodes: dict[str, str]) -> tuple[float, Sampler, subprocess.CompletedProcess[str]]:
    began = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "contactable", "batch", *args], cwd=cwd,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    sampler = Sampler({**sampler_groups, "dispatcher" if nodes else "local batch": proc.pid},
                      nodes)
    sampler.start()
    try:
        out, err = proc.communicate()
    except BaseException:  # Ctrl-C: its own session would outlive us
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    wall = time.monotonic() - began
    sampler.stop.set()
    sampler.join()
    return wall, sampler, subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--sites", type=int, default=200)
    ap.add_argument("--max-pages", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=2, help="the local batch's --jobs")
    ap.add_argument("--node-slots", type=int, default=1, help="each node's max_proc")
    ap.add_argument("--poll-interval", type=float, default=1.0, help="Scrapyd's poll_interval")
    ap.add_argument("--json", action="store_true")
    ns = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="contactable-scrapyd-bench-") as tmp_name:
        tmp = Path(tmp_name)
        folders = [str(FOLDERS[i % len(FOLDERS)]) for i in range(ns.sites)]
        server = subprocess.Popen([sys.executable, "-c", _SERVER, *folders], text=True,
                                  stdout=subprocess.PIPE)
        assert server.stdout is not None
        ports = [server.stdout.readline().strip() for _ in folders]
        listing = tmp / "sites.txt"
        listing.write_text("".join(f"http://127.0.0.1:{p}/\n" for p in ports), "utf-8")
        common = ["--max-pages", str(ns.max_pages), "--quiet"]
        nodes = []
        try:
            local_s, local, local_run = _batch(
                [str(listing), "--out", str(tmp / "local"), "--jobs", str(ns.jobs), *common],
                tmp, {}, {})
            nodes = [start_node(tmp / name, max_proc=ns.node_slots, poll=ns.poll_interval)
                     for name in ("a", "b")]
            deploy = subprocess.run([sys.executable, "-m", "contactable", "scrapyd", "deploy",
                                     *(n.url for n in nodes)], cwd=tmp, capture_output=True,
                                    text=True, check=False)
            assert deploy.returncode == 0, deploy.stderr
            urls = {f"node {n}": node.url for n, node in zip("ab", nodes, strict=True)}
            remote_s, remote, remote_run = _batch(
                [str(listing), "--out", str(tmp / "remote"), "--scrapyd",
                 ",".join(urls.values()), "--node-slots", str(ns.node_slots), *common],
                tmp, {name: node.proc.pid for name, node in zip(urls, nodes, strict=True)},
                urls)
        finally:
            for node in nodes:
                node.stop()
            server.kill()
        state = json.loads((tmp / "remote" / "scrapyd-batch.json").read_text("utf-8"))
        scores = [[s["score"] for s in json.loads((tmp / kind / "index.json").read_text(
            "utf-8"))["sites"]] for kind in ("local", "remote")]
        result = {
            "sites": ns.sites, "max_pages": ns.max_pages, "cpus": os.cpu_count(),
            "local": {"jobs": ns.jobs, "wall_s": round(local_s, 1), "exit": local_run.returncode,
                      "peak_rss_mb": round(local.peak_kb["local batch"] / 1024)},
            "scrapyd": {
                "node_slots": ns.node_slots, "poll_interval": ns.poll_interval,
                "wall_s": round(remote_s, 1), "exit": remote_run.returncode,
                "peak_rss_mb": {k: round(v / 1024) for k, v in remote.peak_kb.items()},
                "peak_pending_sampled": remote.peak_pending,
                "peak_running_sampled": remote.peak_running,
                "dispatcher_polls": {n: {k: v for k, v in s.items() if k.startswith("peak")}
                                     for n, s in state["nodes"].items()},
                "jobs_per_node": {n: s["scheduled"] for n, s in state["nodes"].items()},
            },
            "wall_ratio_scrapyd_over_local": round(remote_s / local_s, 2),
            "same_scores": scores[0] == scores[1],
        }
    if ns.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
