"""Where a Scrapyd job's reports land, and the small record it leaves beside them.

A batch's results location is a folder that the nodes and the dispatcher can both reach (a
shared mount), given to a job as a path or a ``file://`` URI. Each site has its folder there,
named as in a local batch; the job writes the reports into it, then ``job.json``: which batch
and job wrote them and what became of the audit. The dispatcher reads ``job.json`` back, also
after its own restart, to know which sites are done.

>>> local_path("file:///srv/audits/03-acme")
PosixPath('/srv/audits/03-acme')
>>> local_path("/srv/audits/03-acme")
PosixPath('/srv/audits/03-acme')
>>> local_path("s3://bucket/x")
Traceback (most recent call last):
...
ValueError: s3://bucket/x: give a folder path or a file:// URI the node can write
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from w3lib.url import file_uri_to_path

JOB_FILE = "job.json"


@dataclass
class JobRecord:
    """What a job says of itself once its audit ended (or could not start)."""

    batch: str
    job: str
    target: str
    exit_code: int
    error: str = ""
    seconds: float | None = None
    version: str = ""
    """The contactable version that ran the audit on the node."""


def local_path(location: str) -> Path:
    """A results location (a path or a ``file://`` URI) as a path on this machine."""
    if location.startswith("file://"):
        return Path(file_uri_to_path(location))
    if "://" in location:
        raise ValueError(f"{location}: give a folder path or a file:// URI the node can write")
    return Path(location)


def write_record(folder: Path, record: JobRecord) -> None:
    """``job.json`` in ``folder``, written whole or not at all (the dispatcher may be reading)."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (JOB_FILE + ".part")
    tmp.write_text(json.dumps(asdict(record), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / JOB_FILE)


def read_record(folder: Path) -> JobRecord | None:
    """The ``job.json`` in ``folder``, or None when there is none (yet) or it is not one."""
    try:
        data: Any = json.loads((folder / JOB_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    try:
        record = JobRecord(**{k: data[k] for k in JobRecord.__dataclass_fields__ if k in data})
    except TypeError:  # a required field missing
        return None
    if not isinstance(record.exit_code, int) or not isinstance(record.batch, str):
        return None
    return record
