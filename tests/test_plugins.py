"""Plugins: an installed entry point and an ad-hoc --plugin both reach the report."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from plugins.registry import PluginError, load_object, load_registry
from tests.conftest import SITES, Run, Served

PLUGIN = textwrap.dedent('''
    from checks.api import Result, check
    from checks.facts import Fact


    class ShoutDetector:
        id = "shout"

        def detect(self, page):
            if "FIXTURE" in page.text.upper():
                yield Fact("shout", page.url, "text", "main")


    @check(id="tiny.shout", title="Pages shout", category="channels",
           description="A tiny test plugin.")
    def shout(site):
        n = sum(1 for _ in site.facts_of("shout"))
        return Result.passed(f"{n} pages shout") if n else Result.failed("silence")
''')


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    (tmp_path / "tinyplugin.py").write_text(PLUGIN)
    return tmp_path


def test_builtins_are_registered_through_entry_points() -> None:
    reg = load_registry()
    assert {"emails", "phones", "contact_links", "forms"} <= set(reg.detectors)
    assert "email.visible" in reg.checks
    assert {"json", "html"} <= set(reg.reports)


def test_bad_plugin_specs_say_what_to_do() -> None:
    with pytest.raises(PluginError, match="module:Name"):
        load_object("nocolon")
    with pytest.raises(PluginError, match="cannot import"):
        load_object("no_such_module_xyz:Thing")


def test_ad_hoc_plugin_check_and_detector_reach_the_report(
        plugin_path: Path, serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    served = serve(SITES / "shop")
    env = {"PYTHONPATH": f"{plugin_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    run = cli(served.url, "--plugin", "tinyplugin:ShoutDetector", "--plugin", "tinyplugin:shout",
              env=env)
    assert run.code == 0, run.stderr
    [chk] = [c for c in run.report["checks"] if c["id"] == "tiny.shout"]
    assert chk["status"] == "pass"
    assert chk["summary"].split()[0].isdigit() and int(chk["summary"].split()[0]) >= 1


def test_installed_plugin_is_found_through_its_entry_point(
        plugin_path: Path, serve: Callable[..., Served], cli: Callable[..., Run]) -> None:
    # "Installing" = a dist-info with entry_points.txt on sys.path, as pip would leave it.
    dist = plugin_path / "tinyplugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tinyplugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[contactable.detectors]\nshout = tinyplugin:ShoutDetector\n\n"
        "[contactable.checks]\nshout = tinyplugin:shout\n")
    served = serve(SITES / "shop")
    env = {"PYTHONPATH": f"{plugin_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    run = cli(served.url, env=env)
    assert run.code == 0, run.stderr
    assert [c["status"] for c in run.report["checks"] if c["id"] == "tiny.shout"] == ["pass"]
