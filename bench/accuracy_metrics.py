"""The accuracy benchmark's scoring: the labelled corpora, one audited site against its labels
(:class:`Case`), and the metrics (``@metric``), read by ``bench/accuracy.py``, which runs the
audits and prints the tables. The rules are in ``bench/accuracy.py``'s docstring.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXTRA_LABELS = REPO / "bench" / "corpus"
DEFAULT_EXTRA_SITES = REPO.parent / "extra-corpus" / "sites"
HTML_SUFFIXES = (".html", ".htm")
# The README: items with "counts": false semantics are explained in `note`, excluded from
# min-clicks. The key is authoritative; the note pattern catches labels written in prose.
NOT_COUNTED_NOTE = re.compile(
    r"counts\W{0,3}false|does(?: not|n't) count|excluded from min.clicks", re.IGNORECASE
)


# --------------------------------------------------------------------------- result types


@dataclass
class Counts:
    """True positives, false positives and false negatives; adds up across sites (micro)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def cell(self) -> str:
        return f"P {pct(self.precision)} R {pct(self.recall)}"

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"tp": self.tp, "fp": self.fp, "fn": self.fn}
        d |= {"precision": rnd(self.precision), "recall": rnd(self.recall)}
        if self.missed or self.extra:
            d |= {"missed": self.missed, "extra": self.extra}
        return d


@dataclass
class Agreement:
    """Whether a label value and a report value agree; adds up as a share."""

    agree: int = 0
    total: int = 0
    detail: str = ""

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(self.agree + other.agree, self.total + other.total)

    @property
    def share(self) -> float | None:
        return self.agree / self.total if self.total else None

    def cell(self) -> str:
        if self.detail:
            return ("ok " if self.agree == self.total else "NO ") + self.detail
        return f"{self.agree}/{self.total} ({pct(self.share)})"

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"agree": self.agree, "total": self.total, "share": rnd(self.share)}
        return d | ({"detail": self.detail} if self.detail else {})


Result = Counts | Agreement


def pct(x: float | None) -> str:
    return "  - " if x is None else f"{x:4.0%}"


def rnd(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# ------------------------------------------------------------------------------ one case


@dataclass(frozen=True)
class Corpus:
    """Labelled sites: ``sites/<name>/`` folders, ``<name>.json`` labels and a MANIFEST.tsv."""

    title: str
    sites: Path
    labels: Path
    manifest: Path
    split: str | None = None
    """Only the sites whose manifest ``set`` column says this (None: every site)."""

    @classmethod
    def folder(cls, title: str, path: Path) -> Corpus:
        """A corpus laid out as ../shared/corpus is: sites/, labels/ and MANIFEST.tsv."""
        return cls(title, path / "sites", path / "labels", path / "MANIFEST.tsv")

    def names(self, only: str | None = None) -> list[str]:
        """Sites that have a folder, a label file and, with a split, that set."""
        sets = self.sets()
        names = sorted(p.name for p in self.sites.iterdir()
                       if (self.labels / f"{p.name}.json").exists()
                       and (self.split is None or sets.get(p.name) == self.split))
        if only is not None:
            names = [n for n in names if n == only]
        return names

    def sets(self) -> dict[str, str]:
        """Each site's ``set`` column in the manifest."""
        if not self.manifest.exists():
            return {}
        rows = [line.split("\t") for line in self.manifest.read_text("utf-8").splitlines()]
        if not rows or "set" not in rows[0]:
            return {}
        at = rows[0].index("set")
        return {r[0]: r[at].strip() for r in rows[1:] if len(r) > at}


@dataclass
class Case:
    """One audited site: its folder, labels and report, with helpers shared by metrics."""

    name: str
    folder: Path
    label: dict[str, Any]
    report: dict[str, Any]
    manifest: Path | None = None

    @cached_property
    def site_pages(self) -> set[str]:
        """The labelled pages: every HTML file of the site folder (``pages_total`` of them)."""
        files = (p for p in self.folder.rglob("*") if p.suffix.lower() in HTML_SUFFIXES)
        return {p.relative_to(self.folder).as_posix() for p in files}

    @property
    def unreachable(self) -> set[str]:
        value = self.label.get("pages_unreachable_from_home") or []
        return set(value) if isinstance(value, list) else set()

    @cached_property
    def error_urls(self) -> dict[str, bool]:
        """Report URLs that answered with an HTTP error status."""
        return {p["url"]: p.get("status", 200) >= 400 for p in self.report.get("pages", [])}

    def page_of(self, url: str) -> str:
        """Map a served URL (``http://127.0.0.1:PORT/about.html``) to a label page path."""
        path = unquote(urlsplit(url).path).lstrip("/")
        if self.error_urls.get(url) and "404.html" in self.site_pages:
            return "404.html"  # the folder server answers dead links with the site's 404.html
        if path == "" or path.endswith("/"):
            path += "index.html"
        if path not in self.site_pages:
            for suffix in HTML_SUFFIXES:
                if path + suffix in self.site_pages:
                    return path + suffix
        return path

    @property
    def language(self) -> str:
        """The site's language from the corpus MANIFEST.tsv ('' when not listed)."""
        manifest = self.manifest
        if manifest is not None and manifest.exists():
            for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
                cols = line.split("\t")
                if cols[0] == self.name and len(cols) > 7:
                    return cols[7].strip()
        return ""

    def not_counted(self, kind: str) -> set[str]:
        """Normalised values of label items of ``kind`` that must not count for min-clicks."""
        out = set()
        for item in self.label.get(kind, []):
            if item.get("counts") is False or NOT_COUNTED_NOTE.search(item.get("note", "")):
                out.add(normalise(kind, item["value"]))
        return out


def normalise(kind: str, value: str) -> str:
    """Comparable form: emails lower-cased, phones as ``+digits``."""
    if kind == "emails":
        return value.strip().lower()
    return "+" + re.sub(r"\D", "", value)


# ------------------------------------------------------------------------------- metrics

METRICS: dict[str, Callable[[Case], Result]] = {}


def metric(name: str) -> Callable[[Callable[[Case], Result]], Callable[[Case], Result]]:
    """Register a metric function under ``name`` (the order of registration is the order shown)."""

    def register(fn: Callable[[Case], Result]) -> Callable[[Case], Result]:
        METRICS[name] = fn
        return fn

    return register


def compare_sets(expected: Iterable[str], found: Iterable[str]) -> Counts:
    exp, got = set(expected), set(found)
    return Counts(
        len(exp & got), len(got - exp), len(exp - got), sorted(exp - got), sorted(got - exp)
    )


def reported_items(case: Case, kind: str) -> list[dict[str, Any]]:
    """The report's contacts of ``kind``; fax numbers are left out: the labels list them as
    distractors, and the report marks them ``kind: fax`` rather than as a way to call."""
    items = case.report.get("contacts", {}).get(kind, [])
    # Items only in JSON-LD or scripts are invisible to visitors; the labels leave them out.
    return [i for i in items if not (kind == "phones" and i.get("kind") == "fax")
            and i.get("visible", True)]


def required(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Label items a checker must report: ``optional: true`` ones "may or may not" be (the
    corpus README), so they are neither missed when absent nor extra when found."""
    return [i for i in items if not i.get("optional")]


def optional_values(case: Case, kind: str) -> set[str]:
    return {normalise(kind, i["value"]) for i in case.label.get(kind, []) if i.get("optional")}


def contact_values(case: Case, kind: str) -> tuple[set[str], set[str]]:
    """Labelled and reported values of ``emails`` or ``phones`` (optional ones left out)."""
    labelled = {normalise(kind, i["value"]) for i in required(case.label.get(kind, []))}
    reported = {normalise(kind, i["value"]) for i in reported_items(case, kind)}
    return labelled, reported - optional_values(case, kind)


def contact_pairs(case: Case, kind: str, reachable_only: bool) -> Counts:
    """(value, page) pairs of ``kind``: label ``pages`` against the report's ``pages[].url``."""
    skip = case.unreachable if reachable_only else set()
    labelled = {
        (normalise(kind, i["value"]), p)
        for i in required(case.label.get(kind, []))
        for p in i.get("pages", [])
        if p not in skip
    }
    optional = optional_values(case, kind)
    reported = {
        (normalise(kind, i["value"]), case.page_of(p["url"]))
        for i in reported_items(case, kind)
        for p in i.get("pages", [])
        if p.get("visible", True) and normalise(kind, i["value"]) not in optional
    }
    return compare_sets((f"{v} @ {p}" for v, p in labelled), (f"{v} @ {p}" for v, p in reported))


def min_clicks(case: Case, kind: str, label_key: str) -> Agreement:
    """The label's fewest clicks to an email/phone against the report's smallest min_depth."""
    expected = case.label.get(label_key)
    skip = case.not_counted(kind)
    depths = [
        i.get("min_depth")
        for i in reported_items(case, kind)
        if normalise(kind, i["value"]) not in skip and i.get("min_depth") is not None
    ]
    found = min(depths) if depths else None
    return Agreement(int(expected == found), 1, f"label {expected} / report {found}")


@metric("emails")
def emails(case: Case) -> Result:
    return compare_sets(*contact_values(case, "emails"))


@metric("phones")
def phones(case: Case) -> Result:
    return compare_sets(*contact_values(case, "phones"))


def reachable_items(case: Case, kind: str) -> Counts:
    """Like the site-level sets, but only labelled items seen on a page reachable from home."""
    labelled, reported = contact_values(case, kind)
    seen = {
        normalise(kind, i["value"])
        for i in required(case.label.get(kind, []))
        if set(i.get("pages", [])) - case.unreachable
    }
    hidden = labelled - seen  # neither required nor held against the report
    return compare_sets(seen, reported - hidden)


@metric("emails@reach")
def emails_reachable(case: Case) -> Result:
    return reachable_items(case, "emails")


@metric("phones@reach")
def phones_reachable(case: Case) -> Result:
    return reachable_items(case, "phones")


@metric("email_pages")
def email_pages(case: Case) -> Result:
    return contact_pairs(case, "emails", reachable_only=False)


@metric("email_pages@reach")
def email_pages_reachable(case: Case) -> Result:
    return contact_pairs(case, "emails", reachable_only=True)


@metric("phone_pages")
def phone_pages(case: Case) -> Result:
    return contact_pairs(case, "phones", reachable_only=False)


@metric("phone_pages@reach")
def phone_pages_reachable(case: Case) -> Result:
    return contact_pairs(case, "phones", reachable_only=True)


def crawled_pages(case: Case) -> set[str]:
    """Report pages that were fetched successfully (404s of dead links are not site pages)."""
    pages = case.report.get("pages", [])
    return {case.page_of(p["url"]) for p in pages if (p.get("status") or 200) < 400}


@metric("coverage")
def coverage(case: Case) -> Result:
    return compare_sets(case.site_pages, crawled_pages(case))


@metric("coverage@reach")
def coverage_reachable(case: Case) -> Result:
    return compare_sets(case.site_pages - case.unreachable, crawled_pages(case) - case.unreachable)


@metric("clicks_email")
def clicks_email(case: Case) -> Result:
    return min_clicks(case, "emails", "min_clicks_to_email")


@metric("clicks_phone")
def clicks_phone(case: Case) -> Result:
    return min_clicks(case, "phones", "min_clicks_to_phone")


def words(text: str) -> list[str]:
    """Lower-case words without accents: 'Sánchez-Pérez' -> ['sanchez', 'perez']."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", plain)


def match_greedy(expected: list[str], found: list[str],
                 same: Callable[[str, str], bool]) -> Counts:
    """Pair each expected item with at most one found item for which ``same`` holds."""
    left = list(found)
    missed = []
    for e in expected:
        hit = next((f for f in left if same(e, f)), None)
        if hit is None:
            missed.append(e)
        else:
            left.remove(hit)
    tp = len(expected) - len(missed)
    return Counts(tp, len(left), len(missed), missed, left)


_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "herr", "frau", "m", "mme", "sr", "sra",
           "d", "dna", "rev", "pastor"}


def same_person(a: str, b: str) -> bool:
    """Names match when one's words (titles aside) contain all of the other's."""
    wa = set(words(a)) - _TITLES
    wb = set(words(b)) - _TITLES
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def same_sentence(a: str, b: str) -> bool:
    """One contains the other, or they share most words (Jaccard >= 0.6)."""
    na, nb = " ".join(words(a)), " ".join(words(b))
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    sa, sb = set(na.split()), set(nb.split())
    return len(sa & sb) / len(sa | sb) >= 0.6


@metric("persons")
def persons(case: Case) -> Result:
    expected = [p["name"] for p in required(case.label.get("persons", []))]
    optional = [p["name"] for p in case.label.get("persons", []) if p.get("optional")]
    found = [p["name"] for p in case.report.get("contacts", {}).get("persons", [])
             if p.get("visible", True)]
    counts = match_greedy(expected, found, same_person)
    extra = [f for f in counts.extra if not any(same_person(o, f) for o in optional)]
    return Counts(counts.tp, len(extra), counts.fn, counts.missed, extra)


@metric("reassurance")
def reassurance(case: Case) -> Result:
    """Recall per labelled sentence; 'precision' counts unlabelled finds, and the labels are
    not exhaustive for generic sentences, so read it as a spray indicator only."""
    # Labels list a sentence once per page it is on; the report lists it once with its
    # pages: each distinct sentence is one item to find.
    distinct = {" ".join(words(r["text"])): r["text"]
                for r in required(case.label.get("reassurance", []))}
    return sentence_counts(case, list(distinct.values()))


def sentence_counts(case: Case, expected: list[str]) -> Counts:
    """The report's reassurances (anti-patterns aside) against ``expected`` sentences; a found
    sentence that matches no labelled one at all is the 'precision' side."""
    found = [r["text"] for r in case.report.get("contacts", {}).get("reassurances", [])
             if r.get("kind") != "anti_pattern"]
    counts = match_greedy(expected, found, same_sentence)
    # A found sentence may cover several labelled ones (a paragraph): count each label once.
    labelled = [r["text"] for r in case.label.get("reassurance", [])]
    extra = [f for f in found if not any(same_sentence(e, f) for e in labelled)]
    return Counts(counts.tp, len(extra), counts.fn, counts.missed, extra)


@metric("reassurance@reach")
def reassurance_reachable(case: Case) -> Result:
    """Like ``reassurance``, over the sentences labelled on a page reachable from home (as
    ``emails@reach``): what the detector missed, not what a link crawl cannot see."""
    by_text: dict[str, list[dict[str, Any]]] = {}
    for r in required(case.label.get("reassurance", [])):
        by_text.setdefault(" ".join(words(r["text"])), []).append(r)
    reachable = [rs[0]["text"] for rs in by_text.values()
                 if any(r.get("page") not in case.unreachable for r in rs)]
    return sentence_counts(case, reachable)


@metric("reass_lang")
def reassurance_language(case: Case) -> Result:
    """Whether the site's own language (one of them) shows among the languages found."""
    lang = case.language
    found = {r.get("language") for r in case.report.get("contacts", {}).get("reassurances", [])}
    # A site in two languages ("ca+es") passes when one of them is found.
    ok = any(part in found for part in str(lang).split("+"))
    return Agreement(int(ok), 1, f"site {lang} / found {sorted(map(str, found))}")
