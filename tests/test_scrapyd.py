"""Audits on Scrapyd nodes: real ``scrapyd`` processes on 127.0.0.1, fixture sites served by
the tests, the egg deployed with ``contactable scrapyd deploy``, the batch dispatched with
``contactable batch FILE --scrapyd``; its reports compared with a local batch's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("scrapyd", reason="scrapyd is not installed: pip install "
                                      "'contactable[scrapyd]' (tox's py env does)")

from contactable.batch import initial_results
from contactable.history import audits, sites
from contactable.options import EXIT_INTERRUPTED
from contactable.scrapyd.dispatch import UNSEEN_POLLS, Dispatcher, _job_args, config_spec
from contactable.scrapyd.nodes import Node
from contactable.scrapyd.results import read_record
from contactable.scrapyd.state import STATE_FILE, Job, load_state
from tests.scrapyd_nodes import ScrapydNode, free_port, start_node

SITES = Path(__file__).parent / "sites"
DEMO = Path(__file__).resolve().parents[1] / "contactable" / "demo_site"
FOLDERS = [DEMO, *(SITES / n for n in ("notary", "shop", "plaintext", "diff-before",
                                       "diff-after", "hostile"))]


def _contactable(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contactable", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, check=False)


def _popen(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "contactable", *args], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[Callable[..., ScrapydNode]]:
    """``nodes(name, max_proc)`` -> a running, deployed Scrapyd node, stopped at the end."""
    started: list[ScrapydNode] = []

    def start(name: str, max_proc: int = 2, deploy: bool = True) -> ScrapydNode:
        node = start_node(tmp_path / "nodes" / name, max_proc=max_proc, poll=0.3)
        started.append(node)
        if deploy:
            run = _contactable("scrapyd", "deploy", node.url, cwd=tmp_path)
            assert run.returncode == 0, run.stderr
            assert "1 spider" in run.stderr
        return node

    yield start
    for node in started:
        node.stop()


def _listing(tmp_path: Path, serve: Callable[..., Any], n: int) -> Path:
    urls = [serve(FOLDERS[i % len(FOLDERS)]).url for i in range(n)]
    listing = tmp_path / "clients.txt"
    listing.write_text("\n".join(urls) + "\n", "utf-8")
    return listing


def _index(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "index.json").read_text("utf-8"))
    return data


def _without_times(report: dict[str, Any]) -> dict[str, Any]:
    """A report less what differs between two audits of the same site: when, and how long."""
    report = dict(report, generated_at=None)
    report["site"] = dict(report["site"], duration_s=None)
    return report


def _wait(what: Callable[[], bool], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not what():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_twenty_sites_on_two_nodes_match_a_local_batch_even_when_a_node_dies(
        tmp_path: Path, serve: Callable[..., Any],
        nodes: Callable[..., ScrapydNode]) -> None:
    a, b = nodes("a"), nodes("b")
    listing = _listing(tmp_path, serve, 20)
    # Read where the batch runs, by the local audits and, passed on, by the nodes' jobs.
    # region: the report's configured-region note must come from the node's job too. The
    # logo is a path beside this file, which the nodes do not have.
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" '
                                       'height="8"><rect width="8" height="8"/></svg>', "utf-8")
    (tmp_path / "contactable.toml").write_text(
        'region = "GB"\n[weights]\nlegal = 0\n[branding]\nname = "Acme"\nlogo = "logo.svg"\n',
        "utf-8")
    # One request at a time: pages then arrive in the same order in every run. With more,
    # which of two differing facts wins can depend on arrival order (a person's role on the
    # team page or in the imprint), and two local audits of a site can differ too.
    # Scrapyd jobs read raw HTML (no browser on the nodes): the local batch is asked the same.
    options = ("--max-pages", "30", "--concurrency", "1", "--render", "never")
    local = _contactable("batch", str(listing), "--out", str(tmp_path / "local"), "--jobs", "2",
                         *options, "--history", str(tmp_path / "local.sqlite"), cwd=tmp_path)
    assert local.returncode == 0, local.stderr

    out = tmp_path / "remote"
    # Relative, as a user types it: a node's job would write it in its own folder.
    history = tmp_path / "remote.sqlite"
    proc = _popen("batch", str(listing), "--out", str(out), *options, "--history", history.name,
                  "--scrapyd", f"{a.url},{b.url}", "--node-slots", "2", cwd=tmp_path)
    # Kill node a while it runs jobs of the batch, once a few sites are done.
    _wait(lambda: len(list(out.glob("*/job.json"))) >= 4
          and Node(a.url).daemonstatus()["running"] > 0)
    a.kill()
    _stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    assert f"warning: {a.url} did not answer" in stderr
    assert "[20/20]" in stderr

    ours, theirs = _index(out), _index(tmp_path / "local")
    assert ours["complete"] and theirs["complete"]
    assert [s["status"] for s in ours["sites"]] == ["audited"] * 20
    keys = ("target", "folder", "status", "exit_code", "score", "grade", "pages_crawled",
            "complete", "weakest", "found", "error")
    assert [{k: s[k] for k in keys} for s in ours["sites"]] == [
        {k: s[k] for k in keys} for s in theirs["sites"]]
    for site in ours["sites"]:
        mine = json.loads((out / site["folder"] / "report.json").read_text("utf-8"))
        local_report = json.loads(
            (tmp_path / "local" / site["folder"] / "report.json").read_text("utf-8"))
        assert _without_times(mine) == _without_times(local_report), site["target"]
        assert [c["weight"] for c in mine["categories"] if c["id"] == "legal"] == [0]
        assert mine["branding"]["logo"].startswith("data:image/svg+xml;base64,")
        assert (out / site["folder"] / "report.html").is_file()

    # The dispatcher recorded each site once in its history; no node wrote one of its own.
    # (Sites on 127.0.0.1 are one site to the history, which drops the port.)
    assert sum(len(audits(history, site)) for site in sites(history)) == 20
    assert not list((tmp_path / "nodes").rglob("*.sqlite*"))

    state = json.loads((out / "scrapyd-batch.json").read_text("utf-8"))
    moved = [j for j in state["jobs"].values() if a.url in j["failed_on"]]
    assert moved, "node a was killed while running jobs: they were scheduled again"
    assert all(j["node"] == b.url and j["attempt"] >= 2 for j in moved)
    for url in (a.url, b.url):  # queues kept short: never more than max_proc waiting
        assert state["nodes"][url]["scheduled"] > 0
        assert state["nodes"][url]["peak_pending"] <= 2
        assert state["nodes"][url]["peak_running"] <= 2
    assert state["ended"]


def test_a_restarted_dispatcher_resumes_and_audits_no_site_twice(
        tmp_path: Path, serve: Callable[..., Any],
        nodes: Callable[..., ScrapydNode]) -> None:
    node = nodes("a", max_proc=1)
    listing = _listing(tmp_path, serve, 6)
    out = tmp_path / "out"
    args = ("batch", str(listing), "--out", str(out), "--max-pages", "10",
            "--scrapyd", node.url, "--node-slots", "1")
    first = _popen(*args, cwd=tmp_path)
    _wait(lambda: len(list(out.glob("*/job.json"))) >= 2)
    first.kill()  # no Ctrl-C, no goodbye: as a machine that reboots
    first.wait(timeout=30)
    again = _contactable(*args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "resuming batch" in again.stderr
    index = _index(out)
    assert index["complete"] and [s["status"] for s in index["sites"]] == ["audited"] * 6
    # Each site was audited by exactly one job: the done ones were read back, the one in
    # flight was waited for, not scheduled again. The last job writes its report before its
    # process exits, so Scrapyd may still list it as running for a moment: wait for it.
    def settled() -> bool:
        jobs = Node(node.url).listjobs()
        return not jobs["pending"] and not jobs["running"]
    _wait(settled, timeout=60)
    finished = Node(node.url).listjobs()["finished"]
    assert len(finished) == 6
    batch = json.loads((out / "scrapyd-batch.json").read_text("utf-8"))["batch"]
    records = [json.loads(p.read_text("utf-8")) for p in out.glob("*/job.json")]
    assert {r["batch"] for r in records} == {batch} and len(records) == 6


def test_ctrl_c_cancels_the_jobs_and_their_reports_say_incomplete(
        tmp_path: Path, serve: Callable[..., Any],
        nodes: Callable[..., ScrapydNode]) -> None:
    node = nodes("a", max_proc=2)
    slow = [serve(DEMO, delay=1.0) for _ in range(6)]
    listing = tmp_path / "clients.txt"
    listing.write_text("\n".join(s.url for s in slow) + "\n", "utf-8")
    out = tmp_path / "out"
    proc = _popen("batch", str(listing), "--out", str(out), "--scrapyd", node.url,
                  "--node-slots", "2", cwd=tmp_path)
    # Both running jobs are mid-crawl: their home pages are in, more pages are on the way.
    _wait(lambda: all(len(s.requests) >= 4 for s in slow[:2]))
    proc.send_signal(signal.SIGINT)
    _stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "cancelling 4 jobs" in stderr  # two running, two pending; two never scheduled
    # The reports are in (the dispatcher waited for them); the processes end just after.
    _wait(lambda: Node(node.url).daemonstatus()["running"] == 0, timeout=30)
    assert Node(node.url).daemonstatus()["pending"] == 0
    index = _index(out)
    assert not index["complete"]
    stopped = [s for s in index["sites"] if s["status"] == "interrupted"]
    assert len(stopped) == 2
    for s in stopped:
        report = json.loads((out / s["folder"] / "report.json").read_text("utf-8"))
        assert report["site"]["complete"] is False
        assert report["site"]["stop_reason"] == "interrupted"
        assert report["site"]["pages_crawled"] >= 1  # what was in flight was let in
    assert [s["status"] for s in index["sites"]].count("not started") == 4


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path,
                                          nodes: Callable[..., ScrapydNode]) -> None:
    listing = tmp_path / "clients.txt"
    listing.write_text("http://127.0.0.1:9/\n", "utf-8")
    bare = nodes("bare", deploy=False)
    cases = [
        (("batch", str(listing), "--scrapyd", "ftp://node"), "not a Scrapyd node's URL"),
        (("batch", str(listing), "--node-slots", "2"), "go with --scrapyd"),
        (("batch", str(listing), "--scrapyd", bare.url, "--jobs", "3"), "--node-slots"),
        (("batch", str(listing), "--scrapyd", bare.url), "deploy first"),
        (("scrapyd",), "contactable scrapyd deploy URL"),
        (("scrapyd", "deploy", "node1"), "not a Scrapyd node's URL"),
    ]
    for args, said in cases:
        run = _contactable(*args, "--out", str(tmp_path / "out"), cwd=tmp_path) \
            if args[0] == "batch" else _contactable(*args, cwd=tmp_path)
        lines = run.stderr.strip().splitlines()
        assert run.returncode == 2 and len(lines) == 1 and said in lines[0], (args, run.stderr)
        assert "Traceback" not in run.stderr


def test_the_node_reads_the_configuration_the_local_batch_would(tmp_path: Path) -> None:
    (tmp_path / "contactable.toml").write_text('max_pages = 7\n[weights]\nlegal = 0\n', "utf-8")
    spec = json.loads(config_spec(["--format", "json"], cwd=tmp_path))
    assert spec["source"] == "contactable.toml" and "max_pages = 7" in spec["text"]
    assert not spec["pyproject"]
    assert config_spec(["--format", "json"], cwd=tmp_path / "nowhere") == ""
    own = tmp_path / "audit.toml"
    own.write_text("max_pages = 3\n", "utf-8")
    spec = json.loads(config_spec(["--config", str(own)], cwd=tmp_path))
    assert spec["source"] == str(own) and spec["text"] == "max_pages = 3\n"


def test_a_node_url_keeps_ipv6_brackets_and_drops_credentials() -> None:
    assert Node("http://[::1]:6800/").url == "http://[::1]:6800"
    node = Node("http://user:secret@[::1]:6800")
    assert node.url == "http://[::1]:6800" and node.auth == ("user", "secret")
    assert Node("http://a.test:6800/x/").url == "http://a.test:6800/x"


def test_the_state_file_keeps_no_header_or_cookie_value(tmp_path: Path) -> None:
    options = ["--header", "Authorization: Bearer s3cret-token", "--cookie", "sid=hush-hush"]
    state = load_state(tmp_path, ["https://a.test/"], options)
    state.jobs[0] = Job(0, "job-1", "http://127.0.0.1:6800", 1)
    state.save(tmp_path)
    text = (tmp_path / STATE_FILE).read_text("utf-8")
    assert "s3cret-token" not in text and "hush-hush" not in text
    again = load_state(tmp_path, ["https://a.test/"], options)
    assert again.resumed and again.batch == state.batch and again.jobs[0].jobid == "job-1"
    other = load_state(tmp_path, ["https://a.test/"], [*options[:3], "sid=other"])
    assert not other.resumed and other.batch != state.batch


def _dispatcher(tmp_path: Path, node_url: str, target: str, say: Callable[[str], None],
                options: tuple[str, ...] = ("--max-pages", "30")) -> Dispatcher:
    """A dispatcher of one site on one node, driven poll by poll by the test."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    state = load_state(out, [target], list(options))
    return Dispatcher([Node(node_url, timeout=1.0)], 1, out, str(out), state,
                      initial_results([target]), say, 0.1, _job_args(list(options), state.batch))


def test_a_node_silent_for_one_poll_keeps_its_job_and_moved_jobs_are_cancelled(
        tmp_path: Path, serve: Callable[..., Any],
        nodes: Callable[..., ScrapydNode]) -> None:
    node = nodes("a", max_proc=1)
    site = serve(DEMO, delay=1.0)
    said: list[str] = []
    run = _dispatcher(tmp_path, node.url, site.url, said.append)
    run.todo, run.total = [0], 1
    run._poll()
    run._schedule()
    jobid = run.flying[0].jobid
    _wait(lambda: len(site.requests) >= 2, timeout=60)  # the job is mid-crawl
    os.kill(node.proc.pid, signal.SIGSTOP)  # the node stops answering; its job runs on
    try:
        for _ in range(UNSEEN_POLLS - 1):
            run._poll()
            assert 0 in run.flying and not run.todo, "one silent poll moved the job"
        run._poll()
        assert run.todo == [0] and not run.flying
    finally:
        os.kill(node.proc.pid, signal.SIGCONT)
    run._poll()  # it answers again: the job it still runs is cancelled
    assert f"{node.url} answers again" in said
    folder = run.out / run.results[0].folder
    _wait(lambda: read_record(folder) is not None, timeout=60)
    record = read_record(folder)
    assert record is not None and record.job == jobid and record.exit_code == EXIT_INTERRUPTED


def test_jobs_in_flight_when_every_node_went_silent_are_interrupted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import contactable.scrapyd.dispatch as dispatch

    monkeypatch.setattr(dispatch, "NO_NODE_S", -1.0)  # stop at the first silent poll
    said: list[str] = []
    silent = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    run = _dispatcher(tmp_path, silent, "http://127.0.0.1:9/", said.append)
    run.state.jobs[0] = Job(0, f"{run.state.batch}-0001-1", Node(silent).url, 1)
    assert run.run() is True
    assert any("no Scrapyd node answered" in line for line in said)
    assert run.results[0].status == "interrupted"


def test_a_job_takes_the_dispatchers_branding_not_the_logo_path(tmp_path: Path) -> None:
    from contactable.scrapyd.spider import _branding, _config

    # The node has no logo.svg beside the configuration: reading it there failed every job.
    spec = json.dumps({"text": 'region = "GB"\n[branding]\nlogo = "logo.svg"\n',
                       "source": "contactable.toml", "pyproject": False})
    assert _config(spec).region == "GB"
    branding = {"name": "Acme", "logo": "data:image/png;base64,AAAA"}
    assert _branding(json.dumps(branding)) == branding
    assert _branding("") is None and _branding("{}") is None
