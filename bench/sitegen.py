"""The benchmark site of ``bench/throughput.py`` (and ``bench/rescore.py``): N pages of about
40 KB with ~40 internal links and a contact footer, of prose (``standard``) or of prices, dates,
timetables and order numbers (``number-dense``), generated from a seed.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

WORDS = str.split(
    "bakery bread sourdough order delivery customer service quality team local family "
    "business years experience fresh daily recipe flour oven morning coffee cake office "
    "platter event wedding birthday garden kitchen market supplier organic seasonal menu "
    "friendly staff welcome visit shop open weekend holiday price offer booking table "
    "the a of and to in for with on our we you your is are be will can from at by this that "
    "every all more most new best good great small made hand long slow simple careful"
)
# Visible text per page: real 40 KB pages carry about 6 KB of it (../shared/corpus: text is
# 15% of a page's HTML at the median; pages over 30 KB hold 4 KB of text at the median, 13 KB
# at most). --text-kb 34 gives the text-heavy pages of earlier versions of this benchmark.
TEXT_KB = 6.0
# Number-dense pages (price lists, catalogues, timetables) carry more text in their 40 KB: the
# issue that added this profile measured pages holding about 16 KB of it.
NUMBERS_TEXT_KB = 16.0
PROFILES = ("standard", "number-dense")
NAV = ["index.html", "page-1.html", "page-2.html", "page-3.html", "page-4.html", "page-5.html"]
STYLE = "\n".join(
    f".c{i} {{ margin: {i % 7}px {i % 5}px; padding: {i % 3}em; color: #{i * 9973:06x}; }}"
    for i in range(40)
)
SCRIPT = "\n".join(
    f"  document.querySelectorAll('.c{i}').forEach(function (el) {{ el.dataset.n = {i}; }});"
    for i in range(25)
)
FOOTER = """<footer class="site-footer">
  <p>Call us on <a href="tel:+441132460958">0113 246 0958</a> or email
  <a href="mailto:hello@bench-bakery.example">hello@bench-bakery.example</a>.</p>
  <p>Orders line (text only): 0113 245 7281. Mon-Fri 9am-5pm.</p>
  <p><a href="contact.html">Contact us</a> &middot; <a href="page-2.html">Legal notice</a></p>
</footer>"""


def page_name(i: int) -> str:
    """File name of page ``i`` (page 0 is the home page)."""
    return "index.html" if i == 0 else f"page-{i}.html"


def link_graph(n: int, links: int, rng: random.Random) -> list[list[int]]:
    """Outgoing links per page: a random tree (so all pages are reachable) plus random extras."""
    out: list[list[int]] = [[] for _ in range(n)]
    for i in range(1, n):
        out[rng.randrange(i)].append(i)
    for targets in out:
        while len(targets) < min(links, n - 1):
            targets.append(rng.randrange(n))
        rng.shuffle(targets)
    return out


def paragraph_pool(rng: random.Random, size: int = 400) -> list[str]:
    """A pool of random paragraphs (~600 bytes each) to assemble pages quickly."""
    pool = []
    for _ in range(size):
        sentences = []
        for _ in range(rng.randint(5, 8)):
            words = rng.choices(WORDS, k=rng.randint(8, 16))
            sentences.append(" ".join(words).capitalize() + ".")
        pool.append(" ".join(sentences))
    return pool


ICON = ('<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2C6.48 2 2 6.48 '
        '2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 '
        '3.59 8 8-3.59 8-8 8zm-1-13h2v6h-2zm0 8h2v2h-2z"/></svg>')


def render_page(i: int, targets: list[int], pool: list[str], rng: random.Random, kb: int,
                text_kb: float = TEXT_KB) -> str:
    """Render one page of roughly ``kb`` kilobytes, ``text_kb`` of them visible text.

    The rest is what real pages carry besides their prose: wrappers with classes and data
    attributes, inline SVG icons, a JSON state blob for scripts.
    """
    body: list[str] = []
    size = text = 0
    while text < text_kb * 1000 - 1200:  # the nav, related links and footer hold the rest
        para = rng.choice(pool)
        body.append(f'<div class="card c{rng.randrange(40)}" data-id="{rng.randrange(10**6)}">'
                    f'<div class="card__body"><p class="c{rng.randrange(40)}">{para}</p>'
                    f"</div></div>")
        size += len(body[-1])
        text += len(para)
    related = "".join(f'<li class="related__item"><a class="related__link" '
                      f'href="{page_name(t)}">{ICON}<span>item {t}</span></a></li>'
                      for t in targets)
    body.append(f'<section class="related"><h2>Related</h2><ul>{related}</ul></section>')
    size += len(body[-1])
    state = []
    while size < kb * 1000 - 4500:
        item = {"id": rng.randrange(10**6), "sku": f"SKU-{rng.randrange(10**6):06d}",
                "price": rng.randrange(100, 9999) / 100, "tags": rng.sample(WORDS[:40], 3),
                "image": f"/media/{rng.randrange(10**6)}.jpg"}
        state.append(item)
        size += len(json.dumps(item)) + 2
    body.append('<script type="application/json" id="app-state">'
                f"{json.dumps(state)}</script>")
    return _page(i, f"Benchmark page {i}", "\n".join(body))


def _page(i: int, title: str, main: str) -> str:
    """The page around ``main``: head, header and nav, footer, script."""
    nav = "\n".join(f'    <li><a href="{name}">Section {k}</a></li>' for k, name in enumerate(NAV))
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{STYLE}
</style>
</head>
<body>
<header><a href="index.html">Bench Bakery</a>
<nav><ul>
{nav}
    <li><a href="contact.html">Contact</a></li>
</ul></nav></header>
<main>
<h1>{title}</h1>
{main}
</main>
{FOOTER}
<script>
{SCRIPT}
</script>
</body>
</html>
"""


PRODUCTS = str.split(
    "flour:strong-white flour:wholemeal flour:rye yeast:dried sugar:caster butter:unsalted "
    "eggs:free-range milk:whole cream:double chocolate:dark almonds:flaked seeds:sunflower "
    "boxes:cake boxes:bread bags:paper labels:allergen trays:baking liners:tin gloves:nitrile"
)
ROUTES = ("Leeds depot - Harrogate", "Leeds depot - York", "Bradford - Leeds depot",
          "Leeds depot - Wakefield", "Huddersfield - Leeds depot", "Leeds depot - Otley")


def _date(rng: random.Random) -> tuple[int, int, int]:
    return 2023 + rng.randrange(3), 1 + rng.randrange(12), 1 + rng.randrange(28)


def _money(rng: random.Random, high: int = 250_000) -> str:
    return f"£{rng.randrange(50, high) / 100:,.2f}"


def price_row(rng: random.Random) -> str:
    """A price-list row: article and EAN numbers, pack size, prices, validity dates."""
    kind, name = rng.choice(PRODUCTS).split(":")
    y, m, d = _date(rng)
    ean = f"50{rng.randrange(10**10, 10**11)}"
    net = rng.randrange(150, 99_000)
    return (f'<tr class="price-row" data-sku="{kind[:3].upper()}-{rng.randrange(10**5):05d}">'
            f"<td>{rng.randrange(10**5, 10**6)}-{rng.randrange(100):02d}</td>"
            f"<td>{name.replace('-', ' ')} {kind}, {rng.choice((1, 5, 12.5, 16, 25))} kg</td>"
            f'<td>EAN {ean}</td><td class="num">£{net / 100:,.2f}</td>'
            f'<td class="num">£{net * 1.2 / 100:,.2f}</td>'
            f"<td>valid {d:02d}/{m:02d}/{y} to {min(d + 14, 28):02d}/{m:02d}/{y + 1}</td></tr>")


def timetable_row(rng: random.Random) -> str:
    """A delivery timetable row: route, date, departure and arrival times, run and fare."""
    y, m, d = _date(rng)
    dep = rng.randrange(5 * 60, 20 * 60)
    arr = dep + rng.randrange(25, 140)
    return (f'<tr class="run"><td>{rng.choice(ROUTES)}</td><td>{y}-{m:02d}-{d:02d}</td>'
            f"<td>{dep // 60:02d}:{dep % 60:02d}</td><td>{arr // 60:02d}:{arr % 60:02d}</td>"
            f"<td>run {rng.randrange(100, 999)}/{rng.randrange(10, 99)}</td>"
            f'<td class="num">{_money(rng, 9_000)}</td></tr>')


def order_row(rng: random.Random) -> str:
    """An order-history row: long order, invoice and tracking numbers, dates and totals."""
    y, m, d = _date(rng)
    tracking = " ".join(f"{rng.randrange(10**4):04d}" for _ in range(4))
    return (f'<tr class="order"><td>ORD-{y}-{rng.randrange(10**8):08d}</td>'
            f"<td>{d:02d}.{m:02d}.{y}</td><td>Invoice {rng.randrange(10**11, 10**12)}</td>"
            f"<td>{rng.randrange(1, 400)} items</td>"
            f'<td class="num">{_money(rng)}</td><td>Tracking JD{tracking}</td></tr>')


def render_numbers_page(i: int, targets: list[int], rng: random.Random, kb: int,
                        text_kb: float = NUMBERS_TEXT_KB) -> str:
    """A page of roughly ``kb`` kilobytes holding ``text_kb`` of text dense in numbers: a
    price list, a delivery timetable and an order history, in tables."""
    heads = {
        "price": ("Article", "Product", "EAN", "Net", "Inc. VAT", "Valid"),
        "timetable": ("Route", "Date", "Departs", "Arrives", "Run", "Fare"),
        "orders": ("Order", "Date", "Invoice", "Quantity", "Total", "Tracking"),
    }
    makers = {"price": price_row, "timetable": timetable_row, "orders": order_row}
    rows: dict[str, list[str]] = {k: [] for k in heads}
    text = 0
    while text < text_kb * 1000 - 1500:  # the nav, headings, related links and footer: the rest
        kind = rng.choice(tuple(heads))
        row = makers[kind](rng)
        rows[kind].append(row)
        text += len(_TAG.sub("", row))
    body = []
    for kind, head in heads.items():
        cells = "".join(f"<th>{h}</th>" for h in head)
        body.append(f'<section class="{kind}"><h2>{kind.capitalize()}</h2>'
                    f'<table class="data"><thead><tr>{cells}</tr></thead><tbody>'
                    + "\n".join(rows[kind]) + "</tbody></table></section>")
    related = "".join(f'<li><a href="{page_name(t)}">catalogue {t}</a></li>' for t in targets)
    body.append(f'<section class="related"><h2>Related</h2><ul>{related}</ul></section>')
    size = sum(len(b) for b in body)
    state = []
    while size < kb * 1000 - 4500:
        item = {"sku": f"SKU-{rng.randrange(10**6):06d}", "stock": rng.randrange(500),
                "price": rng.randrange(100, 9999) / 100}
        state.append(item)
        size += len(json.dumps(item)) + 2
    body.append('<script type="application/json" id="app-state">'
                f"{json.dumps(state)}</script>")
    return _page(i, f"Price list {i}", "\n".join(body))


_TAG = re.compile(r"<[^>]+>")


def generate_site(root: Path, n: int, links: int, kb: int, seed: int,
                  text_kb: float | None = None, profile: str = "standard") -> int:
    """Write an ``n``-page site of ``profile`` plus contact.html and robots.txt under ``root``;
    return its bytes. ``text_kb`` defaults to the profile's."""
    rng = random.Random(seed)
    pool = paragraph_pool(rng)
    graph = link_graph(n, links, rng)
    total = 0
    for i in range(n):
        if profile == "number-dense":
            html = render_numbers_page(i, graph[i], rng, kb, text_kb or NUMBERS_TEXT_KB)
        else:
            html = render_page(i, graph[i], pool, rng, kb, text_kb or TEXT_KB)
        total += (root / page_name(i)).write_text(html, encoding="utf-8")
    contact = render_page(n, [0], pool, rng, 4).replace(f"Benchmark page {n}", "Contact us")
    total += (root / "contact.html").write_text(contact, encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return total
