"""White-label reports (issue 13): ``[branding]`` name, logo and accent colour in the HTML
report and the batch index; the logo embedded as a checked data URI, the accent held to WCAG
contrast, the report's Content-Security-Policy still the only thing that lets anything in."""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import html

from contactable.batch import SiteResult, write_index
from contactable.branding import MAX_LOGO_BYTES
from contactable.config import ConfigError, load
from reports.contrast import ratio
from reports.html_report import BACKGROUNDS
from reports.json_report import schema as report_schema

Cli = Callable[..., Any]
DEMO = Path(__file__).resolve().parents[1] / "contactable" / "demo_site"
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
       '<rect width="120" height="40" fill="#0b5fff"/><text x="8" y="26">Acme</text></svg>')


def png(width: int = 2, height: int = 2) -> bytes:
    """A real, tiny PNG (a logo as an image editor writes it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x0b\x5f\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def config(folder: Path, branding: str, logo: tuple[str, bytes] | None = None) -> Path:
    if logo is not None:
        (folder / logo[0]).write_bytes(logo[1])
    path = folder / "contactable.toml"
    path.write_text(f"[branding]\n{branding}\n", encoding="utf-8")
    return path


def test_a_good_branding_is_read(tmp_path: Path) -> None:
    path = config(tmp_path, 'name = "Acme Digital"\nlogo = "logo.png"\naccent = "#0B5FFF"',
                  ("logo.png", png()))
    cfg = load(path)
    assert cfg.branding is not None
    assert (cfg.branding.name, cfg.branding.accent) == ("Acme Digital", "#0b5fff")
    assert cfg.branding.logo == "data:image/png;base64," + base64.b64encode(png()).decode()


@pytest.mark.parametrize(("branding", "logo", "message"), [
    ('accent = "#ffcc00"', None,
     "branding.accent: #ffcc00 has a contrast of 1.4:1 against the report's background; text "
     "needs 4.5:1 (WCAG 2.2, 1.4.3): use a darker shade such as \"#896e00\""),
    ('accent = "blue"', None, "branding.accent: 'blue' is not a colour such as \"#0b5fff\""),
    ('logo = "logo.png"', ("logo.png", b"<html>not a png</html>"),
     "branding.logo: logo.png is not a PNG image"),
    ('logo = "logo.gif"', ("logo.gif", b"GIF89a"), "must be a .png, .jpg or .svg file"),
    ('logo = "big.png"', ("big.png", png() + b"\0" * MAX_LOGO_BYTES), "the limit is 100 KB"),
    ('logo = "missing.svg"', None, "branding.logo: missing.svg not found"),
    ('logo = "../outside.svg"', None, "leads outside the configuration file's folder"),
    ('logo = "x.svg"', ("x.svg", SVG.replace("<text", "<script>alert(1)</script><text")),
     "holds <script>"),
    ('logo = "x.svg"', ("x.svg", SVG.replace("<rect", '<rect onload="alert(1)"')),
     "has an event handler (onload)"),
    ('logo = "x.svg"', ("x.svg", SVG.replace("<rect", '<image href="https://t.test/p.png"/><rect')),
     "links to another file"),
    ('logo = "x.svg"', ("x.svg", SVG.replace("<rect", '<rect style="fill:url(https://t.test/)"')),
     "loads another file"),
    ('logo = "x.svg"', ("x.svg", '<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG), "has a DOCTYPE"),
    ('logo = "x.svg"', ("x.svg", "<html><body>hi</body></html>"), "no <svg> root"),
    ('colour = "#000000"', None, "unknown key branding.colour"),
    ('name = "' + "A" * 81 + '"', None, "branding.name must be a line of text"),
])
def test_bad_branding_is_one_line_that_says_what_to_do(
        tmp_path: Path, branding: str, logo: tuple[str, str | bytes] | None,
        message: str) -> None:
    folder = tmp_path / "cfg"
    folder.mkdir()
    (tmp_path / "outside.svg").write_text(SVG)
    raw = None if logo is None else (logo[0], logo[1].encode() if isinstance(logo[1], str)
                                     else logo[1])
    with pytest.raises(ConfigError) as err:
        load(config(folder, branding, raw))
    said = str(err.value)
    assert message in said and "\n" not in said, said
    assert said.startswith(str(folder / "contactable.toml") + ": ")


def test_the_suggested_accent_reads_on_every_background() -> None:
    # The shade the error proposes must itself pass the check it failed.
    assert all(ratio("#896e00", bg) >= 4.5 for bg in BACKGROUNDS)


def _style_hash(doc: Any) -> str:
    css = doc.xpath("//style")[0].text
    return base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()


def test_the_html_report_is_white_labelled_under_its_csp(cli: Cli, tmp_path: Path) -> None:
    hostile = '<script>alert(1)</script> "Acme" & Co'
    config(tmp_path, f"name = '{hostile}'\nlogo = \"logo.svg\"\naccent = \"#0b5fff\"",
           ("logo.svg", SVG.encode()))
    run = cli(str(DEMO), "--format", "json,html", "--quiet", cwd=tmp_path)
    assert run.code == 0, run.stderr
    report = run.report
    jsonschema.validate(report, report_schema())
    assert report["branding"]["name"] == hostile
    page = (run.out / "report.html").read_text(encoding="utf-8")
    doc = html.fromstring(page)
    [brand] = doc.xpath('//header[@class="top"]//p[@class="brand"]')
    [img] = brand.xpath(".//img")
    assert img.get("src") == "data:image/svg+xml;base64," + base64.b64encode(
        SVG.encode()).decode()
    assert img.get("alt") == hostile and brand.text_content() == hostile
    assert "<script>alert(1)" not in page and not doc.xpath("//script")
    assert not doc.xpath("//svg")  # the logo is an image, never inline markup
    csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert csp == (f"default-src 'none'; style-src 'sha256-{_style_hash(doc)}'; "
                   "img-src data:; base-uri 'none'; form-action 'none'")
    assert "--accent:#0b5fff" in doc.xpath("//style")[0].text


def test_without_branding_the_report_allows_no_images(cli: Cli, tmp_path: Path) -> None:
    run = cli(str(DEMO), "--format", "html", "--quiet", cwd=tmp_path)
    doc = html.fromstring((run.out / "report.html").read_text(encoding="utf-8"))
    csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "img-src" not in csp and not doc.xpath('//p[@class="brand"]')


def test_a_hand_edited_report_cannot_smuggle_a_logo_or_a_faint_accent() -> None:
    from reports.html_report import HtmlReport

    golden = Path(__file__).parent / "golden" / "demo_report.json"
    report = json.loads(golden.read_text(encoding="utf-8"))
    report["branding"] = {"name": "Agency", "accent": "#ffff00",
                          "logo": "javascript:alert(1)//data:image/png;base64,AAAA"}
    doc = html.fromstring(HtmlReport().render(report))
    assert not doc.xpath("//img")
    style = doc.xpath("//style")[0].text
    accent = style.split("--accent:")[1][:7]
    assert all(ratio(accent, bg) >= 4.5 for bg in BACKGROUNDS), accent
    assert "img-src" not in doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]


def test_the_batch_index_is_white_labelled(tmp_path: Path) -> None:
    row = SiteResult("https://bakery.example", "01-bakery.example")
    logo = "data:image/png;base64," + base64.b64encode(png()).decode()
    write_index(tmp_path, [row], branding={"name": "Acme Digital", "accent": "#0b5fff",
                                           "logo": logo})
    assert json.loads((tmp_path / "index.json").read_text())["branding"]["name"] == "Acme Digital"
    doc = html.fromstring((tmp_path / "index.html").read_text(encoding="utf-8"))
    [brand] = doc.xpath('//header[@class="top"]//p[@class="brand"]')
    assert brand.xpath(".//img/@src") == [logo] and "Acme Digital" in brand.text_content()
    csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert f"style-src 'sha256-{_style_hash(doc)}'; img-src data:;" in csp


def test_the_readme_branding_example_is_valid(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### White-label reports"):]
    block = section[section.index("```toml\n") + len("```toml\n"):]
    (tmp_path / "acme-logo.svg").write_text(SVG, encoding="utf-8")
    (tmp_path / "contactable.toml").write_text(block[:block.index("```")], encoding="utf-8")
    cfg = load(cwd=tmp_path)
    assert cfg.branding is not None and cfg.branding.name == "Acme Digital"
    assert cfg.branding.logo.startswith("data:image/svg+xml;base64,")
