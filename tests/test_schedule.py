"""The README's schedule: the command its cron, systemd and CI examples run is the one it
documents, and that command, run twice against a site served on 127.0.0.1, keeps both runs in
the history (the second time from the configuration's ``history`` key alone)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEMO = ROOT / "contactable" / "demo_site"


def _documented() -> str:
    block = README.split("<!-- schedule:", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    (line,) = [ln for ln in block.splitlines() if ln.startswith("$ ")]
    return line.removeprefix("$ ").strip()


def test_every_schedule_runs_the_documented_command() -> None:
    command = _documented()
    assert command.startswith("contactable batch ") and "--history " in command
    section = README.split("### Scheduling", 1)[1].split("\n### ", 1)[0]
    cron = re.search(r"```cron\n(.+?)\n```", section, re.S)
    systemd = re.search(r"^ExecStart=(.+)$", section, re.M)
    ci = re.search(r"^\s+- run: (contactable batch .+?)(?: \|\|.*)?$", section, re.M)
    assert cron and systemd and ci
    assert cron.group(1).endswith("&& " + command)
    assert systemd.group(1) == command
    assert ci.group(1) == command


def test_the_documented_command_keeps_every_run_in_the_history(
        tmp_path: Path, serve: Callable[..., Any]) -> None:
    served = serve(DEMO)
    (tmp_path / "clients.txt").write_text(f"# our clients\n{served.url}\n", "utf-8")
    argv = shlex.split(_documented())
    assert argv[0] == "contactable"

    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "contactable", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=300, check=False)

    first = run([*argv[1:], "--max-pages", "20"])
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # --quiet: a schedule's mail stays empty when all is well
    # The same schedule with the history in the configuration instead of on the line.
    i = argv.index("--history")
    history = argv[i + 1]
    (tmp_path / "contactable.toml").write_text(f'history = "{history}"\n', "utf-8")
    second = run([*argv[1:i], *argv[i + 2:], "--max-pages", "20"])
    assert second.returncode == 0, second.stderr
    shown = run(["history", served.url])
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith(f"2 audits of 127.0.0.1 in {history}")
    assert lines[-1].split()[0] == "2" and "nothing else changed" in lines[-1]
    assert (tmp_path / "audits" / "index.csv").is_file()
