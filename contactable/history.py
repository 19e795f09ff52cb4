"""The history of audits: an SQLite file that every audit given ``--history FILE`` adds to.

One row per audit in ``audits`` (site, time, tool version, score, grade, crawl), its
categories, its checks' statuses and its contact items with their clicks in three tables
beside it. What is kept is what :func:`contactable.diff.compare` reads, so an audit taken back
out (:func:`load_report`) compares with a ``report.json`` exactly as two reports do.

Many batch processes write one file at once: the file is in WAL mode (readers never wait for
the writer), each connection waits up to :data:`BUSY_SECONDS` for a lock, and each audit is one
``BEGIN IMMEDIATE`` transaction, so an audit is stored whole or not at all. The schema's
version is ``PRAGMA user_version``; :data:`MIGRATIONS` bring an older file up to date, in
order, and a file of a newer contactable is refused rather than misread.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     db = pathlib.Path(tmp, "h.sqlite")
...     report = {"site": {"start_url": "https://www.a.test/"}, "score": 80, "grade": "B",
...               "generated_at": "2026-01-01T00:00:00+00:00",
...               "contacts": {"emails": [{"value": "hi@a.test", "min_depth": 1}]}}
...     n = record(db, report)
...     [(a.number, a.site, a.score) for a in audits(db, "https://a.test")]
...     load_report(db, "a.test", -1)["contacts"]["emails"][0]["min_depth"]
[(1, 'a.test', 80.0)]
1
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from contactable.diff import _list, _map, site_host

BUSY_SECONDS = 60.0
"""How long a writer waits for another's transaction: ten sites' audits end together."""

DEFAULT_FILE = ".contactable/history.sqlite"
"""Where the documentation suggests keeping it (``history = ...`` in the configuration)."""

# Each entry brings a file from version i to i + 1; never edit one that has shipped, add one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE audits (
        id INTEGER PRIMARY KEY,
        site TEXT NOT NULL,
        start_url TEXT NOT NULL,
        generated_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        score REAL,
        grade TEXT,
        pages_crawled INTEGER,
        complete INTEGER,
        stop_reason TEXT
    );
    CREATE INDEX audits_by_site ON audits (site, generated_at, id);
    CREATE TABLE categories (
        audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        id TEXT NOT NULL, title TEXT, score REAL, weight REAL
    );
    CREATE TABLE checks (
        audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        id TEXT NOT NULL, title TEXT, category TEXT, status TEXT, score REAL, weight REAL,
        summary TEXT
    );
    CREATE TABLE contacts (
        audit_id INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
        area TEXT NOT NULL, value TEXT NOT NULL, display TEXT, min_depth INTEGER
    );
    """,
    # The index of a batch reads the last runs of each site: keep that read off a table scan.
    """
    CREATE INDEX categories_by_audit ON categories (audit_id);
    CREATE INDEX checks_by_audit ON checks (audit_id);
    CREATE INDEX contacts_by_audit ON contacts (audit_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# The report's contact lists kept, and the field that names each item.
_AREAS = {"emails": "value", "phones": "value", "persons": "name", "reassurances": "text",
          "contact_pages": "url"}


class HistoryError(Exception):
    """The history file cannot be opened or read: one line, exit 2."""


@dataclass(frozen=True)
class Audit:
    """One stored audit, as ``contactable history`` lists it."""

    id: int
    number: int
    """Its place among the site's audits, from 1 (oldest): ``history:SITE@NUMBER``."""
    site: str
    start_url: str
    generated_at: str
    tool_version: str
    score: float | None
    grade: str | None
    pages_crawled: int | None
    complete: bool | None
    stop_reason: str | None = None


def site_key(report: Mapping[str, Any]) -> str:
    """What makes two audits the same site: a folder's absolute path (every folder is served
    on 127.0.0.1), else the start URL's host without ``www.`` and port, and its path (an
    agency may audit ``acme.example/en`` and ``acme.example/fr`` as two sites)."""
    site = _map(report.get("site"))
    folder = site.get("folder")
    if isinstance(folder, str) and folder:
        return str(Path(folder).resolve())
    return _url_key(str(site.get("start_url") or site.get("final_url") or ""))


def key_of(text: str) -> str:
    """The site key for what a user types: a folder, a URL or a host name (and path).

    >>> key_of("https://www.Acme.example:8443/en/"), key_of("acme.example")
    ('acme.example/en', 'acme.example')
    """
    if Path(text).is_dir():
        return str(Path(text).resolve())
    return _url_key(text if "://" in text else f"http://{text}") or text.strip().lower()


def _url_key(url: str) -> str:
    host = site_host({"site": {"start_url": url}})
    try:
        path = urlsplit(url).path.rstrip("/")
    except ValueError:
        path = ""
    return host + path if host else ""


@contextmanager
def connect(path: str | Path) -> Iterator[sqlite3.Connection]:
    """An open history, its schema up to date; the parent folder is made if need be."""
    path = Path(path)
    if path.is_dir():
        raise HistoryError(f"history {path} is a folder: give a file, e.g. {DEFAULT_FILE}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise HistoryError(f"cannot open history {path}: {exc}") from None
    with closing(conn):
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            _migrate(conn, path)
            # Only once the file is ours: WAL persists in the file, and a mistyped --history
            # must not switch another program's database.
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"{path} is not a contactable history ({exc}): give another "
                               "file") from None
        yield conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise HistoryError(f"{path} was written by a newer contactable (schema {version}): "
                           "upgrade contactable to read it")
    conn.execute("BEGIN IMMEDIATE")  # two processes starting at once: one migrates
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise HistoryError(f"{path} is an SQLite file of something else: give another "
                               "file for the history")
        for script in MIGRATIONS[version:]:
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def check_writable(path: str | Path) -> None:
    """Open (and create) the history now, so that a wrong path stops before the crawl."""
    with connect(path):
        pass


def record(path: str | Path, report: Mapping[str, Any]) -> int:
    """Store one audit in one transaction; return its row id."""
    try:
        return _insert(path, report)
    except sqlite3.Error as exc:
        # Locked past the busy timeout, a full disk, an I/O error: the user's to fix, one line.
        raise HistoryError(f"cannot write the history {path}: {exc}: check that the disk has "
                           "room and the file is writable, and that no other program holds it "
                           f"for more than {BUSY_SECONDS:g} s, then audit again") from None


def _insert(path: str | Path, report: Mapping[str, Any]) -> int:
    site = _map(report.get("site"))
    contacts = _map(report.get("contacts"))
    with connect(path) as conn:
        try:
            conn.execute("BEGIN IMMEDIATE")
            cur = conn.execute(
                "INSERT INTO audits (site, start_url, generated_at, recorded_at, tool_version,"
                " score, grade, pages_crawled, complete, stop_reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (site_key(report), str(site.get("start_url") or ""),
                 str(report.get("generated_at") or _now()), _now(),
                 str(_map(report.get("tool")).get("version") or ""), _num(report.get("score")),
                 _str(report.get("grade")), _int(site.get("pages_crawled")),
                 None if site.get("complete") is None else int(bool(site.get("complete"))),
                 _str(site.get("stop_reason"))))
            audit_id = cur.lastrowid
            conn.executemany(
                "INSERT INTO categories VALUES (?, ?, ?, ?, ?)",
                [(audit_id, str(c.get("id")), _str(c.get("title")), _num(c.get("score")),
                  _num(c.get("weight"))) for c in _list(report.get("categories"))])
            conn.executemany(
                "INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(audit_id, str(c.get("id")), _str(c.get("title")), _str(c.get("category")),
                  _str(c.get("status")), _num(c.get("score")), _num(c.get("weight")),
                  _str(c.get("summary"))) for c in _list(report.get("checks"))])
            conn.executemany(
                "INSERT INTO contacts VALUES (?, ?, ?, ?, ?)",
                [(audit_id, area, str(item.get(field)), _str(item.get("display")),
                  _int(item.get("min_depth", item.get("depth"))))
                 for area, field in _AREAS.items()
                 for item in _list(contacts.get(area))
                 if item.get(field) and not item.get("anti")])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    assert audit_id is not None
    return audit_id


def audits(path: str | Path, site: str, last: int | None = None) -> list[Audit]:
    """The audits of ``site`` (as a user types it, or a key), oldest first; the last N."""
    # An absolute path is a folder's key even when the folder is gone: normalised as
    # site_key stored it ('/srv/site/' is '/srv/site').
    key = str(Path(site).resolve()) if Path(site).is_absolute() else key_of(site)
    _must_exist(path)
    with connect(path) as conn:
        rows = conn.execute(
            "SELECT id, site, start_url, generated_at, tool_version, score, grade,"
            " pages_crawled, complete, stop_reason FROM audits WHERE site = ?"
            " ORDER BY generated_at, id",
            (key,)).fetchall()
    found = [Audit(r[0], n, r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                   None if r[8] is None else bool(r[8]), r[9]) for n, r in enumerate(rows, 1)]
    return found[-last:] if last else found


def sites(path: str | Path) -> list[str]:
    """Every site the history holds, for an error that says which there are."""
    _must_exist(path)
    with connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT DISTINCT site FROM audits ORDER BY site")]


def load_report(path: str | Path, site: str, which: int = -1) -> dict[str, Any]:
    """The stored audit ``which`` of ``site`` (-1 the newest, -2 the one before; 1 the
    oldest) as a report dict with what the diff reads."""
    found = audits(path, site)
    if not found:
        known = ", ".join(sites(path)[:10]) or "none yet"
        raise HistoryError(f"the history {path} holds no audit of {site} (sites: {known})")
    try:
        audit = found[which if which < 0 else which - 1]
        if which == 0:
            raise IndexError
    except IndexError:
        raise HistoryError(f"{site} has {len(found)} audit{'s' if len(found) != 1 else ''} "
                           f"in {path}: give @-1 (the newest) to @-{len(found)}, or @1 to "
                           f"@{len(found)}") from None
    return stored_reports(path, [audit])[0]


def stored_reports(path: str | Path, found: list[Audit]) -> list[dict[str, Any]]:
    """The report dicts of ``found`` (from :func:`audits`), read through one connection:
    ``contactable history`` shows twenty at a time."""
    with connect(path) as conn:
        return [_report(conn, audit) for audit in found]


def _report(conn: sqlite3.Connection, audit: Audit) -> dict[str, Any]:
    cats = conn.execute("SELECT id, title, score, weight FROM categories WHERE audit_id = ?"
                        " ORDER BY rowid", (audit.id,)).fetchall()
    checks = conn.execute("SELECT id, title, category, status, score, weight, summary FROM"
                          " checks WHERE audit_id = ? ORDER BY rowid", (audit.id,)).fetchall()
    items = conn.execute("SELECT area, value, display, min_depth FROM contacts WHERE"
                         " audit_id = ? ORDER BY rowid", (audit.id,)).fetchall()
    contacts: dict[str, list[dict[str, Any]]] = {area: [] for area in _AREAS}
    for area, value, display, depth in items:
        item: dict[str, Any] = {_AREAS[area]: value, "min_depth": depth}
        if area == "contact_pages":
            item = {"url": value, "depth": depth}
        elif display is not None:
            item["display"] = display
        contacts[area].append(item)
    site: dict[str, Any] = {"start_url": audit.start_url, "pages_crawled": audit.pages_crawled,
                            "complete": audit.complete, "stop_reason": audit.stop_reason}
    if audit.site.startswith("/"):
        site["folder"] = audit.site
    return {
        "tool": {"name": "contactable", "version": audit.tool_version},
        "generated_at": audit.generated_at, "site": site, "score": audit.score,
        "grade": audit.grade,
        "categories": [dict(zip(("id", "title", "score", "weight"), c, strict=True)) for c in cats],
        "checks": [dict(zip(("id", "title", "category", "status", "score", "weight",
                             "summary"), c, strict=True)) for c in checks],
        "contacts": contacts,
        "history": {"site": audit.site, "number": audit.number},
    }


def _must_exist(path: str | Path) -> None:
    if not Path(path).is_file():
        raise HistoryError(f"no history at {path}: audit with --history {path} first")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: object) -> str | None:
    return None if value is None else str(value)
