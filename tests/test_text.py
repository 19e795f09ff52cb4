"""crawler.text lays text out exactly as html_text does (it is a faster copy of its walk)."""

from __future__ import annotations

import sys
from pathlib import Path

import html_text
import lxml.etree as etree
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.text import tree_text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from sitegen import PROFILES, generate_site  # noqa: E402

_TAGS = ["div", "p", "span", "b", "a", "li", "ul", "td", "tr", "table", "h2", "br", "section",
         "label", "em", "dd", "dt", "article", "header", "footer", "figcaption", "blockquote"]
# Pieces of text with what html_text treats specially: punctuation after, "(" before,
# whitespace of every kind at either end, or nothing but whitespace.
_TEXT = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\n\t ", "\xa0", ",", ". ", "(", "Call (", ") now", "!", "?",
                     '"', "a\u2009b", "Mon-Fri", "\u3000x", " y "]),
    st.text(alphabet=st.sampled_from("ab (),.:;!?\"\n\t\xa0\u2028\u3000"), max_size=8),
)


@st.composite
def _trees(draw: st.DrawFn, depth: int = 0) -> etree._Element:
    el = etree.Element(draw(st.sampled_from(_TAGS)))
    el.text = draw(_TEXT)
    if depth < 4:
        for _ in range(draw(st.integers(0, 4))):
            child = draw(_trees(depth + 1))
            child.tail = draw(_TEXT)
            el.append(child)
    return el


@settings(max_examples=400, deadline=None)
@given(_trees())
def test_generated_trees_read_as_html_text_reads_them(tree: etree._Element) -> None:
    assert tree_text(tree) == html_text.etree_to_text(tree)


def _pages(tmp_path: Path) -> list[Path]:
    pages = sorted((ROOT / "contactable" / "demo_site").rglob("*.html"))
    pages += sorted((ROOT / "tests" / "sites").rglob("*.html"))
    for profile in PROFILES:
        (tmp_path / profile).mkdir()
        generate_site(tmp_path / profile, 12, 20, 40, 1, profile=profile)
        pages += sorted((tmp_path / profile).glob("*.html"))
    return pages


def test_every_fixture_and_benchmark_page_reads_the_same(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    assert len(pages) > 30
    compared = 0
    for path in pages:
        raw = path.read_bytes()
        if not raw.strip():
            continue
        root = lxml.html.fromstring(raw)
        etree.strip_elements(root, "script", "style", etree.Comment, etree.PI, with_tail=False)
        for el in [root, *root.iter("body", "header", "footer", "nav", "main", "div", "td")]:
            assert tree_text(el) == html_text.etree_to_text(el), (path, el.tag)
            compared += 1
    assert compared > 500


@pytest.mark.parametrize("html, text", [
    # A space between inline elements, none before punctuation or after "(": html_text's
    # guesses, kept.
    ("<p>Ring us (free)</p><p>Mon<b>-Fri</b>, 9-5.</p>", "Ring us (free)\n\nMon -Fri, 9-5."),
    ("<div>a<br>b<span>c</span> , d</div>", "a\nb c, d"),
    ("<ul><li>one</li><li> two </li></ul>", "one\ntwo"),
])
def test_line_breaks_and_spaces(html: str, text: str) -> None:
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert tree_text(tree) == text == html_text.etree_to_text(tree)
