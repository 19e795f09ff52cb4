"""``contactable scrapyd deploy URL...``: build the egg once and upload it to every node.

Each node answers ``addversion.json`` with the spiders it found in the egg, which checks that
the node can import the project (it runs ``scrapy list`` with the egg). The version is the
time of the deploy, so the newest deploy is the one Scrapyd runs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from contactable import __version__
from contactable.options import EXIT_OK, EXIT_UNAUDITABLE, Parser
from contactable.scrapyd.nodes import PROJECT, SPIDER, Node, NodeError


class DeployError(Exception):
    """Bad input to the deploy: one line, exit 2."""


def deploy_parser() -> Parser:
    p = Parser(prog="contactable scrapyd deploy",
               description="Build contactable's Scrapyd project as an egg and upload it to each "
                           "node (addversion.json). Each node needs contactable[scrapyd] "
                           f"{__version__} installed, for the dependencies.")
    p.add_argument("nodes", nargs="+", metavar="URL",
                   help="a Scrapyd node, e.g. http://node1:6800 (http://USER:PASS@HOST:6800 "
                        "with Scrapyd's basic authentication)")
    p.add_argument("--version", default=None, metavar="V",
                   help="version to upload as (default: the time now, so the newest wins)")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    return p


def nodes_of(urls: Sequence[str]) -> list[Node]:
    """Nodes from URLs (each may be a comma-separated list); :class:`DeployError` if one is
    not a node's URL."""
    nodes: list[Node] = []
    for text in urls:
        for url in text.split(","):
            if not url.strip():
                continue
            try:
                node = Node(url)
            except ValueError as exc:
                raise DeployError(str(exc)) from None
            if node.url not in {n.url for n in nodes}:
                nodes.append(node)
    if not nodes:
        raise DeployError("give at least one Scrapyd node's URL, e.g. http://node1:6800")
    return nodes


def main(argv: Sequence[str]) -> int:
    args = list(argv)
    if not args or args[0] != "deploy":
        raise DeployError("usage: contactable scrapyd deploy URL... (then: contactable batch "
                          "FILE --scrapyd URL,URL)")
    ns = deploy_parser().parse_args(args[1:])
    nodes = nodes_of(ns.nodes)
    from contactable.scrapyd.egg import EggError, build_egg

    try:
        egg = build_egg()
    except EggError as exc:
        raise DeployError(str(exc)) from None
    version = ns.version or str(int(time.time()))
    failed = 0
    for node in nodes:
        try:
            answer = node.addversion(egg, version)
        except NodeError as exc:
            failed += 1
            print(f"contactable: error: {exc}", file=sys.stderr)
            continue
        spiders = answer.get("spiders")
        if not ns.quiet:
            print(f"{node.url}: {PROJECT} version {version} (contactable {__version__}), "
                  f"{spiders} spider{'s' if spiders != 1 else ''}", file=sys.stderr)
    if failed:
        return EXIT_UNAUDITABLE
    if not ns.quiet:
        print(f"run: contactable batch FILE --scrapyd {','.join(n.url for n in nodes)} "
              f"(spider {SPIDER})", file=sys.stderr)
    return EXIT_OK

