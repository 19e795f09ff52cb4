"""Rendering benchmark: an audit that renders the shells of a site, against a plain Scrapy crawl.

Run from the repository root with the project's virtualenv, the ``render`` extra, ``psutil``
and a system Chromium::

    python bench/render.py                     # 200 pages, 20 of them app shells
    python bench/render.py --pages 400 --shells 40 --runs 3

It generates a static site of ``--pages`` pages on a temporary directory, every ``pages /
shells``-th of which is a JavaScript app shell (an empty ``<div id="root">`` that ``app.js``
fills with the page's text and links), the others plain HTML (text, links, a footer with a
``tel:`` and a ``mailto:`` link); serves it on 127.0.0.1 (``bench/throughput.py``'s server),
then times, ``--runs`` times each: (a) a plain Scrapy crawl (``throughput.py``'s), (b) the
audit with ``--render never``, (c) the audit with ``--render auto``. For each it prints the
median wall time and the median peak memory of the whole process tree (the crawl plus
Chromium's processes: their proportional set sizes, PSS, summed, sampled every 50 ms with
psutil; ``ru_maxrss`` would give only the largest process, summed RSS counts shared pages once
per process), and for the audits the pages crawled and rendered; then the ratios against the plain
crawl, and each run's return code. Exits 0 whatever the figures are; 1 when a crawl or an
audit failed (its figures would time a failure); 2 when psutil, the extra or Chromium is
missing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import throughput  # bench/ is not a package: its scripts run from the repository root

REPO = Path(__file__).resolve().parents[1]
_APP = """(function () {
  var data = JSON.parse(document.getElementById("data").textContent);
  var links = data.links.map(function (u) { return '<a href="' + u + '">Page ' + u + '</a>'; });
  document.getElementById("root").innerHTML = '<main><h1>' + data.title + '</h1><p>' +
    data.text + '</p><nav>' + links.join(" ") + '</nav></main>';
})();
"""
_TEXT = ("Our small team bakes bread every morning and delivers it to cafes and offices in the "
         "town. Orders placed before noon arrive the next day. ") * 8


def _links(i: int, pages: int) -> list[str]:
    # Every page is reachable by plain links alone (i -> i+1), so the plain crawl and the
    # audit see the same 200 pages; shells add their own links on top.
    targets = {(i + 1) % pages, (i + 7) % pages, (i * 3 + 1) % pages, (i + 31) % pages}
    return [f"/p{t}.html" if t else "/" for t in sorted(targets - {i})]


def make_site(root: Path, pages: int, shells: int) -> None:
    every = max(1, pages // max(1, shells))
    (root / "app.js").write_text(_APP, "utf-8")
    for i in range(pages):
        name = "index.html" if i == 0 else f"p{i}.html"
        links = _links(i, pages)
        if i % every == every - 1 and shells:
            data = json.dumps({"title": f"Page {i}", "text": _TEXT, "links": links})
            body = (f"<div id='root'></div><script type='application/json' id='data'>{data}"
                    "</script><script src='/app.js'></script>")
            if i + 1 < pages:  # the plain crawl's way on
                body += f"<p hidden><a href='/p{i + 1}.html'>next</a></p>"
        else:
            nav = " ".join(f"<a href='{u}'>Page {u}</a>" for u in links)
            body = (f"<header><nav><a href='/'>Home</a> {nav}</nav></header><main><h1>Page {i}"
                    f"</h1><p>{_TEXT}</p></main><footer><a href='tel:+442079460958'>020 7946 "
                    "0958</a> <a href='mailto:shop@bakery-bench.co.uk'>shop@bakery-bench.co.uk"
                    "</a></footer>")
        (root / name).write_text(f"<!doctype html><html lang='en'><head><title>Page {i}"
                                 f"</title></head><body>{body}</body></html>", "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", "utf-8")


def _tree_pss(proc: Any) -> int:
    import psutil

    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):  # ended between the listing and the reading
            # PSS: Chromium's processes share most of their pages, which summed RSS would
            # count once per process (2.3 GB instead of the real figure on 200 pages).
            total += getattr(p.memory_full_info(), "pss", 0) or p.memory_info().rss
    return total


def measured(cmd: list[str], log: Path) -> tuple[float, int, int]:
    """Run ``cmd``; wall seconds, return code, and the peak of the process tree's summed PSS."""
    import psutil

    peak = 0
    with log.open("w") as out:
        start = time.perf_counter()
        popen = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
        proc = psutil.Process(popen.pid)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                try:
                    peak = max(peak, _tree_pss(proc))
                except psutil.Error:
                    return
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        rc = popen.wait()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
    return wall, rc, peak


def audit(url: str, mode: str, pages: int, work: Path, index: int) -> dict[str, Any]:
    out = work / f"{mode}-{index}"
    cmd = [sys.executable, "-m", "contactable", url, "--out", str(out), "--format", "json",
           "--quiet", "--render", mode, "--max-pages", str(pages + 10), "--no-sitemaps"]
    log = work / f"{mode}-{index}.log"
    wall, rc, peak = measured(cmd, log)
    report = json.loads((out / "report.json").read_text("utf-8")) if rc in (0, 1) else {}
    site = report.get("site", {})
    return {"wall_s": wall, "pss_mb": peak / 2**20, "rc": rc, "last": _last_line(log),
            "pages": site.get("pages_crawled"),
            "rendered": site.get("render", {}).get("rendered"),
            "shells_rendered": sorted(p["url"].rsplit("/", 1)[-1] for p in report.get("pages", [])
                                      if p.get("rendered"))}


def plain(url: str, work: Path, index: int) -> dict[str, Any]:
    cmd = [sys.executable, throughput.__file__, "--role", "plain", "--url", url,
           "--concurrency", "16"]
    log = work / f"plain-{index}.log"
    wall, rc, peak = measured(cmd, log)
    pages = next((int(ln.split()[1]) for ln in log.read_text().splitlines()
                  if ln.startswith("PAGES ")), None)
    return {"wall_s": wall, "pss_mb": peak / 2**20, "rc": rc, "last": _last_line(log),
            "pages": pages}


def _last_line(log: Path) -> str:
    """The log's last line: a failed run's one-line error (the log goes with the temporary
    folder)."""
    lines = log.read_text("utf-8", errors="replace").strip().splitlines()
    return lines[-1][:200] if lines else ""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=200)
    p.add_argument("--shells", type=int, default=20)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    try:
        import psutil  # noqa: F401
    except ImportError:
        print("bench/render.py needs psutil (pip install psutil)", file=sys.stderr)
        return 2
    from crawler.render import find_chromium, unavailable

    why = unavailable(find_chromium())
    if why:
        print(f"bench/render.py cannot render: {why}", file=sys.stderr)
        return 2
    results: dict[str, list[dict[str, Any]]] = {"plain": [], "never": [], "auto": []}
    with tempfile.TemporaryDirectory(prefix="contactable-render-bench-") as tmp:
        root, work = Path(tmp) / "site", Path(tmp) / "work"
        root.mkdir()
        work.mkdir()
        make_site(root, args.pages, args.shells)
        server, port = throughput.start_server(root, "twisted")
        url = f"http://127.0.0.1:{port}/"
        try:
            for i in range(args.runs):
                results["plain"].append(plain(url, work, i))
                results["never"].append(audit(url, "never", args.pages, work, i))
                results["auto"].append(audit(url, "auto", args.pages, work, i))
        finally:
            server.kill()
            server.wait()
    summary = {k: {"wall_s": round(statistics.median(r["wall_s"] for r in v), 2),
                   "pss_mb": round(statistics.median(r["pss_mb"] for r in v), 1),
                   "pages": v[-1]["pages"], "rendered": v[-1].get("rendered"),
                   "rc": [r["rc"] for r in v]}
               for k, v in results.items()}
    base = summary["plain"]
    for k in ("never", "auto"):
        summary[k]["wall_ratio"] = round(summary[k]["wall_s"] / base["wall_s"], 2)
        summary[k]["pss_ratio"] = round(summary[k]["pss_mb"] / base["pss_mb"], 2)
    shells = results["auto"][-1]["shells_rendered"]
    # An audit that failed has no report (rc 0 or 1 both write one): its time and memory
    # measure a crash, not a crawl.
    failed = [f"{k} run {i + 1}: rc {r['rc']}: {r['last']}" for k, v in results.items()
              for i, r in enumerate(v) if r["rc"] not in ((0,) if k == "plain" else (0, 1))]
    if args.json:
        print(json.dumps({"summary": summary, "rendered_pages": shells, "failed": failed},
                         indent=2))
        return 1 if failed else 0
    print(f"{args.pages} pages, {args.shells} shells, {args.runs} run(s); medians")
    print(f"{'':8} {'wall s':>8} {'peak PSS MB':>12} {'pages':>6} {'rendered':>9} "
          f"{'wall/plain':>11} {'PSS/plain':>10}  rc")
    for k, s in summary.items():
        print(f"{k:8} {s['wall_s']:8.2f} {s['pss_mb']:12.1f} {s['pages'] or 0:6} "
              f"{s['rendered'] if s['rendered'] is not None else '-':>9} "
              f"{s.get('wall_ratio', 1.0):11.2f} {s.get('pss_ratio', 1.0):10.2f}  "
              f"{','.join(str(rc) for rc in s['rc'])}")
    print("rendered:", ", ".join(shells))
    for line in failed:
        print(f"failed: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
