"""The egg Scrapyd runs: contactable's own packages, with a ``scrapy`` entry point naming the
settings module (:mod:`contactable.scrapyd.settings`).

Scrapyd activates an uploaded egg and reads that entry point
(https://scrapyd.readthedocs.io/en/latest/deploy.html). The egg is built the way
scrapyd-client's ``scrapyd-deploy`` builds one, ``setup.py bdist_egg`` with setuptools, but
from the packages this contactable runs from (a checkout or an installed wheel alike), copied
into a scratch folder: scrapyd-deploy needs a Scrapy project folder with ``scrapy.cfg`` and
writes its ``setup.py`` into it.

The egg carries the code, not its dependencies (Scrapy, phonenumbers...): a node installs
``contactable[scrapyd]`` of the same version, which the job checks.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from contactable import __version__

PACKAGES = ("crawler", "checks", "plugins", "reports", "contactable")
SETTINGS = "contactable.scrapyd.settings"
# As pyproject.toml's package data: lexicons, templates, schemas, the demo site.
_DATA = ["*.json", "*.html", "*.css", "*.txt", "*.xml", "*.toml", "*.js", "*.svg", "*.png",
         "py.typed", "templates/*", "demo_site/*", "demo_site/**/*"]

_SETUP_PY = """\
from setuptools import find_packages, setup

setup(
    name="contactable-scrapyd",
    version={version!r},
    packages=find_packages(),
    package_data={{"": {data!r}}},
    entry_points={{"scrapy": ["settings = {settings}"]}},
    zip_safe=True,
)
"""


class EggError(Exception):
    """The egg could not be built; ``str()`` says why."""


def build_egg(version: str = __version__) -> bytes:
    """The egg's bytes, built in a scratch folder that is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="contactable-egg-") as tmp:
        src = Path(tmp) / "src"
        for name in PACKAGES:
            package = Path(importlib.import_module(name).__file__ or "").parent
            shutil.copytree(package, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "tests"))
        (src / "setup.py").write_text(
            _SETUP_PY.format(version=_egg_version(version), data=_DATA, settings=SETTINGS),
            encoding="utf-8")
        dist = Path(tmp) / "dist"
        proc = subprocess.run([sys.executable, "setup.py", "-q", "bdist_egg", "-d", str(dist)],
                              cwd=src, capture_output=True, text=True, check=False)
        eggs = sorted(dist.glob("*.egg"))
        if proc.returncode != 0 or not eggs:
            said = (proc.stderr.strip().splitlines() or ["no egg was written"])[-1]
            raise EggError(f"building the egg failed: {said[:300]} (is setuptools installed? "
                           "pip install 'contactable[scrapyd]')")
        return eggs[0].read_bytes()


def _egg_version(version: str) -> str:
    """A version setuptools accepts as it is (``0.1.0``), else ``0+something``."""
    return version if all(p.isdigit() for p in version.split(".")) else "0"
