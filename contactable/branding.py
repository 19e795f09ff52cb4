"""White-label reports: an agency's name, logo and accent colour (``[branding]`` in the
configuration), shown in the HTML report and the batch index.

The logo is a local file embedded in the report as a ``data:`` URI (a report is one file that
works offline, and its Content-Security-Policy then only has to allow ``img-src data:``). It is
checked here, once, when the configuration is read:

- at most :data:`MAX_LOGO_BYTES`, inside the configuration file's folder;
- a PNG, a JPEG or an SVG by its content, not only its name;
- an SVG is shown through ``<img>``, where a browser runs no script and loads nothing, and
  it is still refused when it holds a script, an event handler, a ``<foreignObject>``, a
  DOCTYPE or a link to another file: a logo has no use for any of them.

The accent colour must reach WCAG's 4.5:1 against the report's backgrounds; a lighter one is
refused with the nearest darker colour that does.

>>> from pathlib import Path
>>> parse_branding({"name": "Acme Digital", "accent": "#0B5FFF"}, Path("."))
Branding(name='Acme Digital', accent='#0b5fff', logo='')
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.contrast import AA, darkened, is_hex, ratio
from reports.html_report import BACKGROUNDS

MAX_LOGO_BYTES = 100 * 1024
"""A logo is a few kilobytes; the cap keeps a mistaken photo out of every report."""
MAX_NAME = 80
_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
          ".svg": "image/svg+xml"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class BrandingError(ValueError):
    """What is wrong with ``[branding]``, in one line (without where: the caller adds it)."""


@dataclass(frozen=True)
class Branding:
    name: str = ""
    accent: str = ""
    logo: str = ""
    """A ``data:image/...;base64,...`` URI, or empty."""

    def to_report(self) -> dict[str, str]:
        """The report's ``branding`` object: only what is set."""
        return {k: v for k, v in (("name", self.name), ("accent", self.accent),
                                  ("logo", self.logo)) if v}


def parse_branding(table: Any, base: Path) -> Branding:
    """Check a ``[branding]`` table; ``base`` is the folder the configuration file is in."""
    if not isinstance(table, dict):
        raise BrandingError("[branding] must be a table with name, logo and accent")
    unknown = sorted(set(table) - {"name", "logo", "accent"})
    if unknown:
        raise BrandingError(f"unknown key branding.{unknown[0]} (known: name, logo, accent)")
    name = table.get("name", "")
    if not isinstance(name, str) or len(name.strip()) > MAX_NAME or _CONTROL.search(name):
        raise BrandingError(f"branding.name must be a line of text of at most {MAX_NAME} "
                            "characters")
    accent = table.get("accent", "")
    if accent:
        accent = _accent(accent)
    logo = table.get("logo", "")
    if logo:
        if not isinstance(logo, str):
            raise BrandingError("branding.logo must be the path of a PNG, JPEG or SVG file")
        logo = data_uri(base / logo, logo, base)
    return Branding(name.strip(), accent, logo)


def _accent(value: Any) -> str:
    if not isinstance(value, str) or not is_hex(value.strip()):
        raise BrandingError(f"branding.accent: {value!r} is not a colour such as \"#0b5fff\"")
    colour = value.strip().lower()
    worst = min(ratio(colour, bg) for bg in BACKGROUNDS)
    if worst < AA:
        raise BrandingError(
            f"branding.accent: {colour} has a contrast of {worst:.1f}:1 against the report's "
            f"background; text needs {AA}:1 (WCAG 2.2, 1.4.3): use a darker shade such as "
            f"\"{darkened(colour, BACKGROUNDS)}\"")
    return colour


def data_uri(path: Path, written: str, base: Path) -> str:
    """The logo file as a ``data:`` URI, once it passed every check of the module docstring."""
    try:
        real = path.resolve(strict=True)
    except OSError:
        raise BrandingError(f"branding.logo: {written} not found (a path relative to the "
                            "configuration file)") from None
    if not real.is_relative_to(base.resolve()):
        raise BrandingError(f"branding.logo: {written} leads outside the configuration "
                            "file's folder")
    kind = _TYPES.get(real.suffix.lower())
    if kind is None or not real.is_file():
        raise BrandingError(f"branding.logo: {written} must be a .png, .jpg or .svg file")
    size = real.stat().st_size
    if size > MAX_LOGO_BYTES:
        raise BrandingError(f"branding.logo: {written} is {size // 1024} KB; the limit is "
                            f"{MAX_LOGO_BYTES // 1024} KB (export a smaller logo)")
    data = real.read_bytes()
    if kind == "image/svg+xml":
        _safe_svg(data, written)
    elif not data.startswith(_MAGIC[kind]):
        raise BrandingError(f"branding.logo: {written} is not a {kind.split('/')[1].upper()} "
                            "image (its content says otherwise)")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


_EXTERNAL_URL = re.compile(rb"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


def _safe_svg(data: bytes, written: str) -> None:
    from lxml import etree

    def bad(why: str) -> BrandingError:
        return BrandingError(f"branding.logo: {written} {why}: a logo needs none (save it as "
                             "plain SVG, or as PNG)")

    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise bad("has a DOCTYPE or entities")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise BrandingError(f"branding.logo: {written} is not an SVG image (not XML)") from None
    if etree.QName(root).localname != "svg":
        raise BrandingError(f"branding.logo: {written} is not an SVG image (no <svg> root)")
    if _EXTERNAL_URL.search(data):
        raise bad("loads another file (url(...))")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # a comment or processing instruction
        if etree.QName(el).localname.lower() in ("script", "foreignobject"):
            raise bad(f"holds <{etree.QName(el).localname}>")
        for attr, value in el.attrib.items():
            local = etree.QName(attr).localname.lower()
            if local.startswith("on"):
                raise bad(f"has an event handler ({local})")
            if local == "href" and not value.strip().startswith("#"):
                raise bad("links to another file")
