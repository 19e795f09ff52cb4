"""The SQLite history: real audits of fixture folders (served on 127.0.0.1) added to a file,
read back by ``contactable history`` and ``contactable diff``, and ten processes writing one
file at once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from contactable import history
from contactable.diff import compare
from contactable.history import (
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryError,
    audits,
    connect,
    load_report,
    record,
)

ROOT = Path(__file__).resolve().parents[1]
BEFORE = ROOT / "tests" / "sites" / "diff-before"
AFTER = ROOT / "tests" / "sites" / "diff-after"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "contactable", *args], capture_output=True,
                          text=True, timeout=180, cwd=cwd, check=False)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One site audited twice into one history, changed in between (diff-before, then
    diff-after: an address and the phone number's page moved away)."""
    root = tmp_path_factory.mktemp("history")
    shutil.copytree(BEFORE, root / "bikes")
    first = _run("bikes", "--out", "r1", "--format", "json", "--history", "h.sqlite",
                 "--quiet", cwd=root)
    assert first.returncode == 0, first.stderr
    shutil.rmtree(root / "bikes")
    shutil.copytree(AFTER, root / "bikes")
    second = _run("bikes", "--out", "r2", "--format", "json", "--history", "h.sqlite",
                  "--quiet", cwd=root)
    assert second.returncode == 0, second.stderr
    return root


def test_a_stored_audit_compares_as_its_report_does(two_runs: Path) -> None:
    db = two_runs / "h.sqlite"
    stored = audits(db, str(two_runs / "bikes"))
    assert [a.number for a in stored] == [1, 2]
    for n, folder in ((1, "r1"), (2, "r2")):
        report = json.loads((two_runs / folder / "report.json").read_text("utf-8"))
        back = load_report(db, str(two_runs / "bikes"), n)
        assert (back["score"], back["grade"]) == (report["score"], report["grade"])
        # What the history keeps is what the diff reads: nothing differs.
        assert compare(report, back)["changes"] == []
        assert compare(back, report)["changes"] == []
    old = json.loads((two_runs / "r1" / "report.json").read_text("utf-8"))
    new = json.loads((two_runs / "r2" / "report.json").read_text("utf-8"))
    from_files = compare(old, new)
    from_history = compare(load_report(db, str(two_runs / "bikes"), -2),
                           load_report(db, str(two_runs / "bikes"), -1))
    assert from_history["changes"] == from_files["changes"] != []


def test_history_prints_the_trend_and_diff_names_what_changed(two_runs: Path) -> None:
    shown = _run("history", "bikes", "--history", "h.sqlite", cwd=two_runs)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith(f"2 audits of {two_runs / 'bikes'} in h.sqlite, oldest first")
    assert lines[2].split()[0] == "1" and lines[2].endswith("first run")
    assert lines[3].split()[0] == "2" and "1 lost" in lines[3]
    # --last shows fewer runs than there are: the first one shown still compares with the
    # run before it, which is not shown.
    last = _run("history", "bikes", "--history", "h.sqlite", "--last", "1", cwd=two_runs)
    assert last.returncode == 0, last.stderr
    rows = last.stdout.splitlines()
    assert rows[0].startswith("1 audit of ") and len(rows) == 3
    assert rows[2].split()[0] == "2" and "1 lost" in rows[2] and "first run" not in rows[2]
    diff = _run("diff", "history:bikes@-2", "history:bikes", "--history", "h.sqlite",
                cwd=two_runs)
    assert diff.returncode == 0, diff.stderr
    assert "Email sales@quayside-bikes.co.uk: 1 click away → lost" in diff.stdout
    # A file and a history entry compare the same way; a regression fails when asked.
    mixed = _run("diff", "r1/report.json", "history:bikes@2", "--history", "h.sqlite",
                 "--json", "--fail-on", "regression", cwd=two_runs)
    assert mixed.returncode == 1
    changes = json.loads(mixed.stdout)["changes"]
    assert {"area": "email", "change": "lost"}.items() <= changes[0].items()
    assert "contactable: regression: Email lost: sales@quayside-bikes.co.uk" in mixed.stderr


@pytest.mark.parametrize(("args", "said"), [
    (["history", "bikes"], "no history given: add --history FILE"),
    (["history", "nowhere.test", "--history", "h.sqlite"],
     "holds no audit of nowhere.test (sites: /"),
    (["history", "bikes", "--history", "missing.sqlite"], "no history at missing.sqlite"),
    (["diff", "history:bikes@7", "r1/report.json", "--history", "h.sqlite"],
     "bikes has 2 audits in h.sqlite: give @-1 (the newest) to @-2, or @1 to @2"),
    (["diff", "r1", "r2/report.json"], "audit r1 is not a report.json"),
    (["bikes", "--history", "r1", "--out", "r3"], "history r1 is a folder: give a file"),
])
def test_bad_history_input_is_one_line(two_runs: Path, args: list[str], said: str) -> None:
    run = _run(*args, cwd=two_runs)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and said in run.stderr, run.stderr
    assert not (two_runs / "r3").exists()  # said before the crawl


def test_an_older_history_is_migrated_and_a_newer_or_foreign_one_refused(
        tmp_path: Path) -> None:
    old = tmp_path / "v1.sqlite"
    with sqlite3.connect(old) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.execute("INSERT INTO audits (site, start_url, generated_at, recorded_at, "
                     "tool_version, score) VALUES ('a.test', 'https://a.test/', "
                     "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', '0.1', 70)")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    with connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                               "type = 'index'")}
        assert "checks_by_audit" in indexes
    assert [a.score for a in audits(old, "a.test")] == [70.0]
    newer = tmp_path / "v99.sqlite"
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    for path, said in ((newer, "written by a newer contactable"), (foreign, "something else")):
        run = _run("history", "a.test", "--history", str(path), cwd=tmp_path)
        assert run.returncode == 2 and said in run.stderr, run.stderr
    with sqlite3.connect(foreign) as conn:  # left as it was, in its own journal mode
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["photos"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    with sqlite3.connect(newer) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_history_locked_too_long_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another writer holds the file past the busy timeout: a HistoryError of one line (the
    CLI's exit 2), not sqlite3's OperationalError, and the audit is not half stored."""
    db = tmp_path / "h.sqlite"
    report = {"site": {"start_url": "https://a.test/"}, "score": 80, "grade": "B",
              "generated_at": "2026-01-01T00:00:00+00:00"}
    record(db, report)
    monkeypatch.setattr(history, "BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(HistoryError) as caught:
            record(db, dict(report, generated_at="2026-01-02T00:00:00+00:00"))
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    said = str(caught.value)
    assert said.startswith(f"cannot write the history {db}: database is locked: ")
    assert "\n" not in said and "then audit again" in said
    assert [a.generated_at[:10] for a in audits(db, "a.test")] == ["2026-01-01"]


def test_a_gone_folder_is_found_by_any_spelling_of_its_path(tmp_path: Path) -> None:
    """A folder audited, then removed: its absolute path with a trailing slash or a ``..``
    still names it (the key is normalised, as when it was recorded)."""
    db, folder = tmp_path / "h.sqlite", tmp_path / "site"
    record(db, {"site": {"folder": str(folder), "start_url": "http://127.0.0.1:1/"},
                "score": 70, "generated_at": "2026-01-01T00:00:00+00:00"})
    assert not folder.exists()
    for spelled in (f"{folder}/", f"{folder}/../site", str(folder)):
        assert [a.score for a in audits(db, spelled)] == [70.0], spelled


def test_ten_processes_writing_one_history_lose_no_row(
        tmp_path: Path, cli: Callable[..., Any]) -> None:
    """Ten audits end together, as in ``batch --jobs 10``: each is a real ``contactable``
    process re-scoring a saved crawl (no network) into the same history file."""
    saved = tmp_path / "site.crawl.json"
    first = cli(str(BEFORE), "--save-crawl", str(saved), "--format", "json", "--quiet")
    assert first.code == 0, first.stderr
    checks = len(json.loads((first.out / "report.json").read_text("utf-8"))["checks"])
    db = tmp_path / "shared.sqlite"
    procs = [subprocess.Popen(
        [sys.executable, "-m", "contactable", "--from-crawl", str(saved), "--history", str(db),
         "--format", "json", "--quiet", "--out", str(tmp_path / f"r{i}")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}) for i in range(10)]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert all(code == 0 for code, _ in results), results
    with connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM audits").fetchone()[0] == 10
        per_audit = conn.execute("SELECT count(*) FROM checks GROUP BY audit_id").fetchall()
        assert [n for (n,) in per_audit] == [checks] * 10  # each audit whole


def test_a_batch_with_a_history_it_cannot_open_says_so_once(tmp_path: Path) -> None:
    (tmp_path / "clients.txt").write_text("https://a.test\nhttps://b.test\n", "utf-8")
    (tmp_path / "taken").mkdir()
    run = _run("batch", "clients.txt", "--out", "audits", "--history", "taken", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == ("contactable: error: history taken is a folder: give a file, e.g. "
                          ".contactable/history.sqlite\n")
    assert not (tmp_path / "audits").exists()
