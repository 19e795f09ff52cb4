"""The GitHub Action's step (``action.yml``): audit, then report on the pull request.

``action.yml`` passes its inputs as ``INPUT_*`` environment variables (never spliced into a
shell script, where an input could run code) to ``python -m contactable.github_action``, which

1. runs ``contactable TARGET ARGS... --out OUT --format ...`` (the CLI itself appends the
   Markdown report to ``$GITHUB_STEP_SUMMARY``);
2. with a token, on a pull request, creates or updates one comment holding ``report.md``
   (:mod:`contactable.pr_comment`), whatever the audit's exit code: a failing check is what a
   reviewer most needs to see;
3. writes the step's outputs (``exit-code``, ``score``, ``grade``, ``report-dir``, ``sarif``)
   to ``$GITHUB_OUTPUT``, and exits with the audit's code.

A comment that cannot be posted is one line on stderr, never a failed step.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from contactable import pr_comment

NEEDED = ("json", "md")
"""The formats the step reads back (outputs and the comment), added when ``formats`` lacks
them."""
EXIT_USAGE = 2


def command(env: Mapping[str, str]) -> list[str]:
    """The audit's command line from the action's inputs.

    >>> command({"INPUT_TARGET": "_site", "INPUT_ARGS": "--preset strict",
    ...          "INPUT_FAIL_ON": "regression", "INPUT_FORMATS": "html"})[3:]
    ['_site', '--preset', 'strict', '--fail-on', 'regression', '--out', 'contactable-report', \
'--format', 'html,json,md']
    """
    target = env.get("INPUT_TARGET", "").strip()
    if not target:
        raise ValueError("the action's target input is empty: give a folder or a URL")
    try:
        args = shlex.split(env.get("INPUT_ARGS", ""))
    except ValueError as exc:
        raise ValueError(f"the action's args input cannot be split: {exc}") from None
    formats = [f.strip() for f in (env.get("INPUT_FORMATS") or "json,html,md,sarif").split(",")
               if f.strip()]
    formats += [f for f in NEEDED if f not in formats]
    cmd = [sys.executable, "-m", "contactable", target, *args]
    if env.get("INPUT_BASELINE", "").strip():
        cmd += ["--baseline", env["INPUT_BASELINE"].strip()]
    if env.get("INPUT_FAIL_ON", "").strip():
        cmd += ["--fail-on", env["INPUT_FAIL_ON"].strip()]
    # The step reads its own report back: its --out and --format come last, so they hold.
    return [*cmd, "--out", out_dir(env), "--format", ",".join(formats)]


def out_dir(env: Mapping[str, str]) -> str:
    return env.get("INPUT_OUT", "").strip() or "contactable-report"


def _outputs(env: Mapping[str, str], code: int, out: Path) -> None:
    path = env.get("GITHUB_OUTPUT")
    if not path:
        return
    values = {"exit-code": str(code), "report-dir": str(out), "score": "", "grade": "",
              "sarif": str(out / "report.sarif") if (out / "report.sarif").is_file() else ""}
    try:
        report = json.loads((out / "report.json").read_text("utf-8"))
        values.update(score=f"{report['score']:.1f}", grade=str(report["grade"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no report (exit 2 or 3): the outputs say so by being empty
    with open(path, "a", encoding="utf-8") as fh:
        # Values are numbers, a grade and our own paths: one line each, no delimiter needed.
        fh.writelines(f"{k}={v.splitlines()[0] if v else ''}\n" for k, v in values.items())


def run(env: Mapping[str, str] = os.environ) -> int:
    try:
        cmd = command(env)
    except ValueError as exc:
        print(f"contactable: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    code = subprocess.run(cmd, check=False).returncode
    out = Path(out_dir(env))
    markdown = out / "report.md"
    if env.get("INPUT_COMMENT", "true").strip().lower() in ("false", "no", "0", "off"):
        note = "comment: false: no pull-request comment"
    elif not markdown.is_file():
        note = f"no report was written (exit {code}): no pull-request comment"
    else:
        note = pr_comment.post(markdown.read_text("utf-8"), env.get("INPUT_TOKEN", "").strip(),
                               env)
    print(f"contactable: {note}", file=sys.stderr)
    _outputs(env, code, out)
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run())
