"""What the dispatcher remembers in ``OUT/scrapyd-batch.json``, so that it survives its own
restart: the batch's id, what it was asked (the targets, and a SHA-256 of the options: they
may hold ``--header``/``--cookie`` secrets, and this file sits in the shared results folder),
and for each site the job it scheduled last (node, job id, attempt, the nodes it failed on).
Which sites are done it reads from the results location itself (each site's ``job.json``),
not from here.

A batch that ended (every site dealt with) is never resumed: the next run is a new batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

STATE_FILE = "scrapyd-batch.json"


@dataclass
class Job:
    """A site's current job."""

    index: int
    jobid: str = ""
    node: str = ""
    attempt: int = 0
    failed_on: list[str] = field(default_factory=list)
    unseen: int = 0
    """Polls in a row its node listed it neither pending nor running, with no job.json."""


@dataclass
class NodeStats:
    """What the dispatcher saw of a node: the most jobs it ever had pending and running."""

    peak_pending: int = 0
    peak_running: int = 0
    scheduled: int = 0
    failures: int = 0


@dataclass
class BatchState:
    batch: str
    targets: list[str]
    options: list[str]
    jobs: dict[int, Job] = field(default_factory=dict)
    nodes: dict[str, NodeStats] = field(default_factory=dict)
    ended: bool = False
    resumed: bool = False
    done: set[int] = field(default_factory=set)
    """Sites whose job.json is read: saved only if they took more than one job, so that
    the file, written after each schedule.json, stays small in a batch of thousands."""

    def save(self, out: Path) -> None:
        data = {"batch": self.batch, "targets": self.targets,
                "options_sha256": options_digest(self.options),
                "ended": self.ended,
                "jobs": {str(i): {k: v for k, v in asdict(j).items() if k != "unseen"}
                         for i, j in sorted(self.jobs.items())
                         if i not in self.done or j.attempt > 1},
                "nodes": {url: asdict(s) for url, s in self.nodes.items()}}
        tmp = out / (STATE_FILE + ".part")
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, out / STATE_FILE)


def options_digest(options: list[str]) -> str:
    """What the state file keeps of the options: enough to tell a batch run with others."""
    return hashlib.sha256(json.dumps(options).encode("utf-8")).hexdigest()


def load_state(out: Path, targets: list[str], options: list[str]) -> BatchState:
    """The unfinished batch of the same targets and options in ``out``, else a new one."""
    try:
        data: Any = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if (isinstance(data, dict) and not data.get("ended") and data.get("targets") == targets
            and data.get("options_sha256") == options_digest(options)
            and isinstance(data.get("batch"), str)):
        state = BatchState(data["batch"], targets, options, resumed=True)
        for key, job in (data.get("jobs") or {}).items():
            try:
                state.jobs[int(key)] = Job(int(key), str(job["jobid"]), str(job["node"]),
                                           int(job["attempt"]), list(job.get("failed_on") or []))
            except (KeyError, TypeError, ValueError):
                continue  # scheduled again
        return state
    return BatchState(uuid.uuid4().hex[:12], targets, options)
