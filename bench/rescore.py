"""Re-scoring benchmark: how long ``--from-crawl`` takes on a saved crawl of N pages.

Run from the repository root with the project's virtualenv::

    python bench/rescore.py --pages 2000

It generates the same site as ``bench/throughput.py`` (about 40 KB a page, ~40 links, a contact
footer), audits it once with ``--save-crawl``, then times, ``--runs`` times each:

(a) the whole command ``contactable --from-crawl FILE --format json --quiet`` (wall time,
    interpreter start and imports included), and
(b) in-process: loading the saved model and running every check and the scoring
    (:func:`contactable.audit.rescore` without writing reports).

The issue's bar is under 3 s for 2,000 pages. Exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import generate_site


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--pages", type=int, default=2000)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="contactable-rescore-") as tmp:
        work = Path(tmp)
        site = work / "site"
        site.mkdir()
        generate_site(site, args.pages, 40, 40, 7)
        saved = work / "crawl.json"
        cmd = [sys.executable, "-m", "contactable", str(site), "--quiet", "--format", "json",
               "--out", str(work / "first"), "--max-pages", str(args.pages + 10),
               "--save-crawl", str(saved)]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        print(f"crawled {args.pages} pages in {time.perf_counter() - t0:.1f} s; saved model "
              f"{saved.stat().st_size / 2**20:.1f} MiB")
        walls = []
        for i in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "contactable", "--from-crawl", str(saved),
                            "--quiet", "--format", "json", "--out", str(work / f"r{i}")],
                           check=True)
            walls.append(time.perf_counter() - t0)
        inproc = [_in_process(saved) for _ in range(args.runs)]
        print(f"--from-crawl command: median {statistics.median(walls):.2f} s "
              f"(min {min(walls):.2f}, max {max(walls):.2f})")
        print(f"in-process load + checks + scoring: median {statistics.median(inproc):.2f} s")
    return 0


def _in_process(saved: Path) -> float:
    import json

    from checks.model import SiteModel
    from contactable.pipeline import run_checks, score
    from contactable.report import build_report
    from plugins.registry import load_registry

    registry = load_registry([])
    t0 = time.perf_counter()
    site = SiteModel.from_dict(json.loads(saved.read_text(encoding="utf-8")))
    results = run_checks(site, registry)
    categories, overall = score(results)
    build_report(site, results, categories, overall)
    return time.perf_counter() - t0


if __name__ == "__main__":
    raise SystemExit(main())
