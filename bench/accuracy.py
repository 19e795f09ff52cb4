"""Accuracy benchmark: contactable's report against the hand-labelled corpus.

Run from the repository root with the project's virtualenv::

    python bench/accuracy.py                      # every site, table on stdout
    python bench/accuracy.py --site topa-eye      # one site
    python bench/accuracy.py --json --jobs 2      # machine-readable, two audits at a time
    python bench/accuracy.py --corpus DIR --reports /tmp/reports   # keep each report.json
    python bench/accuracy.py --reports /tmp/reports --rescore      # score them again, no audit
    python bench/accuracy.py --blind              # the tuned and the blind set, side by side

The corpus defaults to ``<repo>/../shared/corpus`` (``sites/<name>/`` folders and
``labels/<name>.json``, see its README): the *tuned* set, whose pages detector changes were
made on. More sites, labelled by reading their pages, have their labels and manifest
(repository and commit of each site) committed in ``bench/corpus/``; their pages are exported,
outside the repository, into ``<repo>/../extra-corpus/sites/`` (``--extra-sites``;
bench/corpus/README.md says how). The manifest's ``set`` column puts each in the tuned set
(opened for tuning once measured blind) or the *blind* set, which nobody tuning a detector
opens. ``--blind`` scores both sets side by side: a change that helps the tuned set and not
the blind one is memorised, not learned.

Each site folder is audited with ``python -m contactable <folder> --out DIR --format json
--quiet`` (the CLI serves the folder on 127.0.0.1 itself) and ``report.json`` is compared with
the labels:

* ``emails`` / ``phones``: site-level sets (emails case-insensitive, phones E.164), per site
  and overall (micro) precision and recall;
* ``email_pages`` / ``phone_pages``: (item, page) pairs, label ``pages`` against the report's
  ``contacts.*[].pages[].url``, i.e. "on which pages was it seen";
* ``coverage``: the site's HTML pages (the labelled pages, ``pages_total``) found in the
  report's ``pages[].url``; recall over all pages and over pages reachable from home
  (excluding ``pages_unreachable_from_home``, which a link crawl cannot see);
* ``persons``: label names against reported visible persons (a name matches when one's words,
  titles aside, contain the other's); ``reassurance``: recall per distinct labelled sentence (a
  found sentence matches when one contains the other or they share most words, Jaccard >= 0.6),
  as "precision", the share of found sentences that match a label (labels are not exhaustive);
  ``reassurance@reach``: the same over sentences labelled on a page reachable from home;
  ``reass_lang``: the site's language (MANIFEST.tsv) is among the found reassurance languages;
* ``clicks_email`` / ``clicks_phone``: the label's ``min_clicks_to_*`` against the smallest
  ``min_depth`` of the report's emails / phones (``null`` means none found); items marked
  ``"counts": false`` in the labels are left out of the report side, as the README says.

Label items marked ``"optional": true`` (a checker "may or may not report" them, the corpus
README says: a WhatsApp-only number, a first name on a card) are neither required nor held
against the report, in every metric above.

Page-pair metrics give the figure over all labelled pages and over reachable pages
(``...@reach``). Adding a metric is one function in ``bench/accuracy_metrics.py`` decorated with
``@metric("name")`` that takes
a :class:`Case` and returns :class:`Counts` or :class:`Agreement`. It is a benchmark, not a
test: it exits 0 whatever the figures (2 only for bad arguments).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_metrics import (
    DEFAULT_CORPUS,
    DEFAULT_EXTRA_SITES,
    EXTRA_LABELS,
    METRICS,
    REPO,
    Agreement,
    Case,
    Corpus,
    Counts,
    Result,
)

# ----------------------------------------------------------------------------- running


@dataclass
class SiteResult:
    name: str
    seconds: float
    error: str = ""
    results: dict[str, Result] = field(default_factory=dict)


def audit(folder: Path, out: Path, timeout: float) -> dict[str, Any]:
    """Run the CLI on ``folder``; return report.json or raise RuntimeError with a short reason."""
    cmd = [sys.executable, "-m", "contactable", str(folder), "--out", str(out)]
    cmd += ["--format", "json", "--quiet"]
    try:
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"timed out after {timeout:.0f} s") from exc
    report = out / "report.json"
    if proc.returncode not in (0, 1) or not report.exists():
        lines = (proc.stderr or proc.stdout).strip().splitlines() or ["no output"]
        raise RuntimeError(f"exit {proc.returncode}: {lines[-1][:200]}")
    return json.loads(report.read_text(encoding="utf-8"))


def evaluate(name: str, corpus: Corpus, reports: Path, timeout: float,
             kept: bool = False) -> SiteResult:
    """Audit one site (or, ``kept``, read the report an earlier run kept) and compute every
    metric."""
    folder = corpus.sites / name
    label = json.loads((corpus.labels / f"{name}.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    try:
        report = (json.loads((reports / name / "report.json").read_text(encoding="utf-8"))
                  if kept else audit(folder, reports / name, timeout))
    except (RuntimeError, json.JSONDecodeError, OSError) as exc:
        return SiteResult(name, time.perf_counter() - start, error=str(exc))
    seconds = time.perf_counter() - start
    case = Case(name, folder, label, report, corpus.manifest)
    return SiteResult(name, seconds, results={m: fn(case) for m, fn in METRICS.items()})


def overall(sites: list[SiteResult]) -> dict[str, Result]:
    """Micro totals of each metric over the sites that were audited."""
    totals: dict[str, Any] = {}
    for site in sites:
        for name, result in site.results.items():
            totals[name] = totals.get(name, type(result)()) + result
    return totals


def print_table(sites: list[SiteResult], totals: dict[str, Result], details: bool) -> None:
    """A row per site and a row of overall (micro) figures; ``details`` lists misses."""
    cols = {name: max(len(name), 9) for name in METRICS}
    site_w = max([len(s.name) for s in sites] + [14])

    def row(results: dict[str, Result]) -> str:
        return "  ".join(
            f"{short(results[n]) if n in results else '':>{w}}" for n, w in cols.items()
        )

    print(f"{'site':<{site_w}} {'secs':>5}  " + "  ".join(f"{n:>{w}}" for n, w in cols.items()))
    for site in sites:
        head = f"{site.name:<{site_w}} {site.seconds:>5.1f}  "
        print(head + (f"ERROR {site.error}" if site.error else row(site.results)))
    ok = sum(1 for s in sites if not s.error)
    print(f"{'OVERALL':<{site_w}} {ok:>2}/{len(sites):<2}  " + row(totals))
    print("(sets and pairs: precision/recall in %; clicks: y = label and report agree)")
    if details:
        print_details(sites)


def short(result: Result) -> str:
    """A compact table cell."""
    if isinstance(result, Counts):
        p, r = result.precision, result.recall
        return f"{'-' if p is None else round(p * 100)}/{'-' if r is None else round(r * 100)}"
    if result.detail:
        return "y" if result.agree == result.total else "NO"
    return f"{result.agree}/{result.total}"


def print_details(sites: list[SiteResult]) -> None:
    """What each site missed or added, and click-depth disagreements."""
    for site in sites:
        for name, result in site.results.items():
            if isinstance(result, Counts) and (result.missed or result.extra):
                print(f"{site.name} {name}: missed {result.missed} extra {result.extra}")
            elif isinstance(result, Agreement) and result.agree != result.total:
                print(f"{site.name} {name}: {result.detail}")


def as_json(corpus: Corpus, sites: list[SiteResult], totals: dict[str, Result]) -> dict[str, Any]:
    return {
        "corpus": corpus.title,
        "sites": [
            {
                "site": s.name,
                "seconds": round(s.seconds, 2),
                "error": s.error or None,
                "metrics": {k: v.as_dict() for k, v in s.results.items()},
            }
            for s in sites
        ],
        "overall": {k: v.as_dict() for k, v in totals.items()},
    }


def headline(result: Result | None) -> str:
    """A summary cell: precision and recall, or the share that agrees."""
    if result is None:
        return "-"
    if isinstance(result, Counts):
        return f"P {rnd2(result.precision)} R {rnd2(result.recall)}"
    return f"{result.agree}/{result.total} = {rnd2(result.share)}"


def rnd2(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def print_side_by_side(runs: list[Run]) -> None:
    """One row per metric, one column per corpus: the tuned and the blind figures together."""
    heads = [f"{c.title} ({sum(not s.error for s in sites)} sites)" for c, sites, _ in runs]
    width = max(len(h) for h in heads) + 2
    print(f"\n{'metric':<18}" + "".join(f"{h:<{max(width, 24)}}" for h in heads))
    for name in METRICS:
        cells = [headline(totals.get(name)) for _, _, totals in runs]
        print(f"{name:<18}" + "".join(f"{c:<{max(width, 24)}}" for c in cells))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="tuned corpus folder")
    p.add_argument("--blind", action="store_true",
                   help="also score the blind set (labels in bench/corpus/), side by side")
    p.add_argument("--blind-only", action="store_true", help="score the blind set alone")
    p.add_argument("--extra-sites", type=Path, default=DEFAULT_EXTRA_SITES,
                   help="where bench/corpus's pages were exported (default ../extra-corpus/sites)")
    p.add_argument("--set", dest="only_set", metavar="SET",
                   help="score only bench/corpus's sites of this manifest set (e.g. fresh: "
                        "labelled, not yet measured, before they are opened for tuning)")
    p.add_argument("--site", help="run one site only")
    p.add_argument("--json", action="store_true", help="print machine-readable results")
    p.add_argument("--details", action="store_true", help="list missed and extra items")
    p.add_argument("--jobs", type=int, default=1, help="audits to run at once (default 1)")
    p.add_argument("--timeout", type=float, default=300, help="seconds per audit (default 300)")
    p.add_argument("--reports", type=Path, help="keep each site's report.json under this folder")
    p.add_argument("--rescore", action="store_true",
                   help="score the reports kept under --reports by an earlier run, auditing "
                        "nothing (after a change to the metrics or the labels)")
    return p.parse_args(argv)


def corpora(args: argparse.Namespace) -> list[Corpus]:
    """The corpora asked for that are on this machine (a missing one is said, and skipped)."""
    wanted: list[Corpus] = []
    extra = args.extra_sites.resolve()
    labels, manifest = EXTRA_LABELS / "labels", EXTRA_LABELS / "MANIFEST.tsv"
    if args.only_set:
        wanted.append(Corpus(args.only_set, extra, labels, manifest, args.only_set))
    elif not args.blind_only:
        wanted.append(Corpus.folder("tuned", args.corpus.resolve()))
        wanted.append(Corpus("tuned+", extra, labels, manifest, "tuned"))
    if (args.blind or args.blind_only) and not args.only_set:
        wanted.append(Corpus("blind", extra, labels, manifest, "blind"))
    found = []
    for corpus in wanted:
        if corpus.sites.is_dir() and corpus.labels.is_dir():
            found.append(corpus)
        else:
            print(f"{corpus.title} corpus not found at {corpus.sites}, skipping")
    return found


Run = tuple[Corpus, list[SiteResult], dict[str, Result]]


def _joined_tuned(runs: list[Run]) -> list[Run]:
    """The shared corpus and bench/corpus's tuned sites are one tuned set."""
    tuned = [r for r in runs if r[0].title.startswith("tuned")]
    if len(tuned) < 2:
        return runs
    sites = [s for _, ss, _ in tuned for s in ss]
    joined = (Corpus("tuned", tuned[0][0].sites, tuned[0][0].labels, tuned[0][0].manifest),
              sites, overall(sites))
    return [joined, *(r for r in runs if not r[0].title.startswith("tuned"))]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.rescore and not args.reports:
        raise SystemExit("accuracy.py: error: --rescore reads the reports of --reports DIR")
    runs = []
    with tempfile.TemporaryDirectory(prefix="contactable-accuracy-") as tmp:
        reports = args.reports.resolve() if args.reports else Path(tmp)
        for corpus in corpora(args):
            names = corpus.names(args.site)
            with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
                sites = list(pool.map(
                    lambda n, c=corpus: evaluate(n, c, reports / c.title, args.timeout,
                                                 args.rescore), names))
            runs.append((corpus, sites, overall(sites)))
    runs = _joined_tuned(runs)
    if args.site and not any(sites for _, sites, _ in runs):
        raise SystemExit(f"accuracy.py: error: no labelled site {args.site!r}")
    if args.json:
        print(json.dumps([as_json(*run) for run in runs], indent=2))
        return 0
    for corpus, sites, totals in runs:
        print(f"\n== {corpus.title}: {corpus.sites}")
        print_table(sites, totals, args.details)
    if len(runs) > 1:
        print_side_by_side(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
