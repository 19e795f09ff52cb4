"""``contactable batch FILE --scrapyd URL,URL``: one Scrapyd job per site, across the nodes.

Scrapyd has no batch scheduling and no balancing across nodes, and thousands of
``schedule.json`` calls at once exhaust a node's memory. So the dispatcher keeps each node's
queue short: every poll it asks each node's ``daemonstatus.json`` how many jobs are pending and
running (all projects), and schedules on the least loaded node only while that node has fewer
than ``--node-slots`` (its ``max_proc``) jobs pending and fewer than twice that in all: a slot
that frees finds a job waiting (Scrapyd starts pending jobs every ``poll_interval``), and no
node ever holds more than ``--node-slots`` jobs pending. A node that stops answering is left
out, and the jobs it held are scheduled again on another node; so is a job that its node no
longer lists and that left no ``job.json``.

Each job writes the site's reports and ``job.json`` into the batch's folder (``--out``, which
the nodes must be able to write: a shared mount; ``--node-out`` when they mount it elsewhere).
The dispatcher reads them back, adds each report to the batch's history (``--history``: a file
on this machine, so the jobs write none), writes the same ``index.json`` and ``index.html`` as a
local batch (:func:`contactable.batch.finish`), and keeps ``scrapyd-batch.json`` so that, run again
on the same list, it resumes: the sites whose ``job.json`` is there are done, the jobs still
listed by their nodes are waited for, the rest are scheduled. Ctrl-C cancels the jobs it
scheduled (``cancel.json``); each running one writes the report of what it crawled.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from contactable.batch import (
    BatchError,
    SiteOptions,
    SiteResult,
    batch_parser,
    finish,
    initial_results,
    prepare,
    progress_line,
    site_result,
)
from contactable.options import EXIT_ASSERT, EXIT_INTERRUPTED, EXIT_OK, audit_parser
from contactable.portfolio import report_of
from contactable.scrapyd.results import JobRecord, read_record
from contactable.scrapyd.state import BatchState, Job, NodeStats, load_state

if TYPE_CHECKING:
    from contactable.scrapyd.nodes import Node

POLL_S = 2.0
UNSEEN_POLLS = 3  # a shared folder's job.json may show a little after the job ended
ATTEMPTS = 3
DRAIN_S = 60.0  # after Ctrl-C: Scrapy closes a cancelled crawl within its download timeout
NO_NODE_S = 300.0  # every node silent this long: the batch stops, incomplete


def main(argv: Sequence[str], say: Callable[[str], None] | None = None) -> int:
    """``contactable batch FILE --scrapyd URL,URL ...``."""
    import sys

    from reports.terminal import printable

    ns, extra = batch_parser().parse_known_args(list(argv))
    if ns.jobs != 1:
        raise BatchError("--jobs is for a local batch: with --scrapyd, --node-slots sets how "
                         "many jobs each node runs at a time")
    targets, options, out = prepare(ns, extra)
    say = say or (lambda line: None if ns.quiet else print(printable(line), file=sys.stderr))
    return dispatch(ns, targets, options, out, say)


def dispatch(ns: argparse.Namespace, targets: list[str], options: SiteOptions, out: Path,
             say: Callable[[str], None], poll_s: float = POLL_S) -> int:
    try:
        from contactable.scrapyd.deploy import DeployError, nodes_of
    except ImportError as exc:  # requests, from the extra
        raise BatchError(f"--scrapyd needs contactable[scrapyd]: {exc}") from None
    try:
        nodes = nodes_of([ns.scrapyd])
    except DeployError as exc:
        raise BatchError(str(exc)) from None
    results = initial_results(targets)
    for r in results:
        if r.status == "not started" and Path(r.target).is_dir():
            r.status = "not audited"
            r.error = ("a folder is read on this machine: Scrapyd nodes audit URLs (audit "
                       "folders with a local batch)")
    state = load_state(out, targets, options.args)
    node_out = ns.node_out or str(out.resolve())
    run = Dispatcher(nodes, ns.node_slots or 4, out, node_out, state, results, say, poll_s,
                     _job_args(options.args, state.batch, options.branding), options.history)
    run.preflight()
    interrupted = run.run()
    return finish(out, results, interrupted, say, ns.sort, options)


def _job_args(options: list[str], batch: str,
              branding: dict[str, str] | None = None) -> dict[str, str]:
    from contactable import __version__

    # The branding checked here, its logo a data URI: the logo's path is relative to the
    # configuration file, which the node does not have.
    return {"options": json.dumps(options), "batch": batch, "version": __version__,
            "config": config_spec(options), "branding": json.dumps(branding or {})}


def config_spec(options: list[str], cwd: Path | None = None) -> str:
    """The batch's configuration file as the node gets it: its text, as JSON, found as
    :func:`contactable.config.load` finds it (``--config``, else ``./contactable.toml``, else
    pyproject's ``[tool.contactable]``); '' when there is none."""
    path = audit_parser().parse_args(["https://example.com", *options]).config
    cwd = cwd or Path.cwd()
    if path is not None:
        source, pyproject = str(path), path.name == "pyproject.toml"
    elif (cwd / "contactable.toml").is_file():
        path, source, pyproject = cwd / "contactable.toml", "contactable.toml", False
    elif (cwd / "pyproject.toml").is_file() and "[tool.contactable" in (
            cwd / "pyproject.toml").read_text(encoding="utf-8", errors="replace"):
        path, source, pyproject = (cwd / "pyproject.toml", "pyproject.toml [tool.contactable]",
                                   True)
    else:
        return ""
    text = path.read_text(encoding="utf-8")  # read once already by check_options
    return json.dumps({"text": text, "source": source, "pyproject": pyproject})


class Dispatcher:
    """One batch's jobs across the nodes; see the module docstring."""

    def __init__(self, nodes: list[Node], slots: int, out: Path, node_out: str, state: BatchState,
                 results: list[SiteResult], say: Callable[[str], None], poll_s: float,
                 job_args: dict[str, str], history: Path | None = None) -> None:
        self.nodes = nodes
        self.slots = slots
        self.out = out
        self.node_out = node_out.rstrip("/")
        self.state = state
        self.results = results
        self.say = say
        self.poll_s = poll_s
        self.job_args = job_args
        self.history = history
        self.todo: list[int] = []
        self.flying: dict[int, Job] = {}
        self.load: dict[str, int] = {}
        self.pending: dict[str, int] = {}
        self.up: dict[str, bool] = {n.url: True for n in nodes}
        self.refused: dict[str, str] = {}
        self.moved: dict[str, list[str]] = {}
        """Per node, the ids of its jobs scheduled again elsewhere: cancelled there if it
        answers again."""
        self.done = 0
        self.total = 0
        for n in nodes:
            state.nodes.setdefault(n.url, NodeStats())

    # -- the batch ---------------------------------------------------------------------------

    def preflight(self) -> None:
        """Every node answers and knows the project, or the batch stops before it starts."""
        from contactable.scrapyd.nodes import NodeError

        answered = []
        for node in self.nodes:
            try:
                node.listjobs()
                answered.append(node)
            except NodeError as exc:
                if "not found" in str(exc):
                    raise BatchError(f"{exc}: deploy first with: contactable scrapyd deploy "
                                     f"{node.url}") from None
                self.say(f"warning: {exc}; the batch goes on without it until it answers")
                self.up[node.url] = False
        if not answered:
            raise BatchError("no Scrapyd node answers: start them (scrapyd) and check the "
                             "URLs given to --scrapyd")

    def run(self) -> bool:
        """Dispatch until every site is done; True when Ctrl-C stopped it."""
        for i, r in enumerate(self.results):
            if r.status != "not started":
                continue
            self.total += 1
            record = read_record(self.out / r.folder)
            if self._counts(record, None):
                assert record is not None
                self._finished(i, record)
            elif i in self.state.jobs and self.state.jobs[i].jobid:
                self.flying[i] = self.state.jobs[i]  # still on its node, perhaps
            else:
                self.todo.append(i)
        if self.state.resumed:
            self.say(f"resuming batch {self.state.batch}: {self.done} of {self.total} sites "
                     f"done, {len(self.flying)} jobs to look for on the nodes")
        silent_since: float | None = None
        try:
            while self.todo or self.flying:
                self._collect()
                self._poll()
                if not any(self.up.values()):
                    silent_since = silent_since or time.monotonic()
                    if time.monotonic() - silent_since > NO_NODE_S:
                        self.say(f"no Scrapyd node answered for {NO_NODE_S:.0f} s: stopping")
                        # As after Ctrl-C: a site whose job may still run is not "not started".
                        for i in self.flying:
                            self.results[i].status = "interrupted"
                        return True
                else:
                    silent_since = None
                self._schedule()
                self.state.save(self.out)
                if self.todo or self.flying:
                    time.sleep(self.poll_s)
        except KeyboardInterrupt:
            self._cancel_all()
            return True
        self.state.ended = True
        self.state.save(self.out)
        return False

    # -- one poll ----------------------------------------------------------------------------

    def _collect(self) -> None:
        for i, job in list(self.flying.items()):
            record = read_record(self.out / self.results[i].folder)
            if self._counts(record, job):
                assert record is not None
                del self.flying[i]
                self._finished(i, record)

    def _counts(self, record: JobRecord | None, job: Job | None) -> bool:
        """A ``job.json`` of this batch; an interrupted one only from the job now running."""
        if record is None or record.batch != self.state.batch:
            return False
        return record.exit_code != EXIT_INTERRUPTED or (job is not None and
                                                         record.job == job.jobid)

    def _finished(self, i: int, record: JobRecord) -> None:
        r = self.results[i]
        self.results[i] = site_result(r.target, self.out / r.folder, record.exit_code,
                                      record.error, record.seconds)
        if self.history is not None and record.exit_code in (EXIT_OK, EXIT_ASSERT,
                                                             EXIT_INTERRUPTED):
            self._record(self.history, self.results[i])
        self.state.done.add(i)
        self.done += 1
        self.say(f"[{self.done}/{self.total}] {progress_line(self.results[i])}")

    def _record(self, history: Path, r: SiteResult) -> None:
        """Add the site's report to the batch's history, as a local audit adds its own (the
        node's job does not: the history is on this machine). Once: a resumed batch reads
        back the reports that an earlier run recorded already."""
        from contactable.history import HistoryError, audits, record, site_key

        report = report_of(self.out / r.folder)
        if report is None:
            return
        try:
            site = report.get("site") or {}
            if not history.is_file() or not any(
                    (a.generated_at, a.start_url) == (report.get("generated_at"),
                                                      site.get("start_url"))
                    for a in audits(history, site_key(report))):
                record(history, report)
        except HistoryError as exc:
            self.say(f"warning: {r.target} not added to the history: {exc}")

    def _poll(self) -> None:
        from contactable.scrapyd.nodes import NodeError

        for node in self.nodes:
            if node.url in self.refused:
                continue
            try:
                status = node.daemonstatus()
                listed = node.listjobs()
            except NodeError as exc:
                if self.up[node.url]:
                    self.say(f"warning: {exc}: its jobs go to the other nodes")
                    self.state.nodes[node.url].failures += 1
                self.up[node.url] = False
                # Not at the first failed poll: a node that missed one answer is likely still
                # running its jobs, and a second job would audit the same site into the same
                # folder. Its jobs move once it stayed silent UNSEEN_POLLS polls in a row.
                for job in self.flying.values():
                    if job.node == node.url:
                        job.unseen += 1
                self._requeue(node.url, "did not answer")
                continue
            if not self.up[node.url]:
                self.say(f"{node.url} answers again")
                self._cancel_moved(node)
            self.up[node.url] = True
            pending, running = int(status.get("pending", 0)), int(status.get("running", 0))
            self.load[node.url] = pending + running
            self.pending[node.url] = pending
            stats = self.state.nodes[node.url]
            stats.peak_pending = max(stats.peak_pending, pending)
            stats.peak_running = max(stats.peak_running, running)
            alive = {j.get("id") for key in ("pending", "running") for j in listed.get(key, [])}
            for job in self.flying.values():
                if job.node != node.url:
                    continue
                job.unseen = 0 if job.jobid in alive else job.unseen + 1
            self._requeue(node.url, "ended without a result")

    def _cancel_moved(self, node: Node) -> None:
        """Cancel the jobs moved off ``node`` while it was silent: one still there would
        audit its site a second time, into the folder of the job that replaced it."""
        from contactable.scrapyd.nodes import NodeError

        for jobid in self.moved.pop(node.url, []):
            try:
                node.cancel(jobid)
            except NodeError:
                continue  # it stops answering again: its jobs are dealt with at the next poll

    def _requeue(self, url: str, why: str) -> None:
        """Schedule again the jobs of the node at ``url`` that it did not list (or it did not
        answer) UNSEEN_POLLS polls in a row."""
        for i, job in list(self.flying.items()):
            if job.node != url or job.unseen < UNSEEN_POLLS:
                continue
            del self.flying[i]
            job.failed_on.append(job.node)
            self.moved.setdefault(url, []).append(job.jobid)
            if job.attempt >= ATTEMPTS:
                r = self.results[i]
                r.status, r.error = "not audited", (
                    f"{ATTEMPTS} jobs {why} (last on {job.node}): see the node's log of job "
                    f"{job.jobid}")
                self.done += 1
                self.say(f"[{self.done}/{self.total}] {progress_line(r)}")
            else:
                self.todo.insert(0, i)  # first in line: it waited already

    def _schedule(self) -> None:
        from contactable.scrapyd.nodes import NodeError

        while self.todo:
            free = [n for n in self.nodes if self.up[n.url] and n.url not in self.refused
                    and self.pending.get(n.url, self.slots) < self.slots
                    and self.load.get(n.url, 2 * self.slots) < 2 * self.slots]
            if not free:
                if self.nodes and all(n.url in self.refused for n in self.nodes):
                    raise BatchError("every node refused the jobs: " + "; ".join(
                        self.refused.values()))
                return
            i = self.todo[0]
            job = self.state.jobs.get(i) or Job(i)
            # The least loaded node, one the site's job has not failed on if there is one.
            node = min(free, key=lambda n: (n.url in job.failed_on,
                                            self.load.get(n.url, 0) / self.slots))
            job.attempt += 1
            jobid = f"{self.state.batch}-{i + 1:04d}-{job.attempt}"
            folder = f"{self.node_out}/{self.results[i].folder}"
            args = {**self.job_args, "target": self.results[i].target, "out": folder}
            try:
                node.schedule(jobid, args)
            except NodeError as exc:
                if "did not answer" in str(exc):
                    # It may have queued the job all the same: the job id is ours, so the next
                    # polls find it on the node, or schedule the site again if it is not there.
                    self.load[node.url] = 2 * self.slots  # no more on it until it answers
                else:  # not deployed, wrong version: the same for every job on it
                    job.attempt -= 1
                    self.refused[node.url] = str(exc)
                    self.say(f"warning: {exc}")
                    continue
            job.jobid, job.node, job.unseen = jobid, node.url, 0
            self.state.jobs[i] = job
            self.flying[i] = job
            self.todo.pop(0)
            self.load[node.url] = self.load.get(node.url, 0) + 1
            self.pending[node.url] = self.pending.get(node.url, 0) + 1
            self.state.nodes[node.url].scheduled += 1
            # At once: killed now, the dispatcher must find this job on its node when rerun,
            # not schedule the site a second time.
            self.state.save(self.out)

    # -- Ctrl-C ------------------------------------------------------------------------------

    def _cancel_all(self) -> None:
        from contactable.scrapyd.nodes import NodeError

        self.say(f"interrupted: cancelling {len(self.flying)} jobs (Ctrl-C again: stop "
                 "waiting for their reports)")
        by_url = {n.url: n for n in self.nodes}
        for i, job in list(self.flying.items()):
            try:
                was = by_url[job.node].cancel(job.jobid)
            except (NodeError, KeyError):
                continue
            if was == "pending":  # it never started: the site stays "not started"
                del self.flying[i]
        self.state.save(self.out)
        try:
            deadline = time.monotonic() + DRAIN_S
            while self.flying and time.monotonic() < deadline:
                time.sleep(min(self.poll_s, 1.0))
                self._collect()
                self._forget_ended(by_url)
        except KeyboardInterrupt:
            pass
        for i in self.flying:
            self.results[i].status = "interrupted"

    def _forget_ended(self, by_url: dict[str, Node]) -> None:
        """Stop waiting for cancelled jobs whose process is gone without a ``job.json``: one
        cancelled while Python was still starting has nothing to write."""
        from contactable.scrapyd.nodes import NodeError

        for url in {job.node for job in self.flying.values()}:
            try:
                listed = by_url[url].listjobs()
            except (NodeError, KeyError):
                alive: set[str] = set()
            else:
                alive = {j.get("id") for key in ("pending", "running")
                         for j in listed.get(key, [])}
            for i, job in list(self.flying.items()):
                if job.node == url and job.jobid not in alive:
                    job.unseen += 1
                    if job.unseen >= UNSEEN_POLLS:
                        del self.flying[i]
                        self.results[i].status = "interrupted"
