"""The GitHub Action's script (``python -m contactable.github_action``, what ``action.yml``
runs) against fixture sites and a fake GitHub REST API on 127.0.0.1 that records every request.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from contactable.pr_comment import MARKER, comment_body

ROOT = Path(__file__).resolve().parents[1]
SITES = ROOT / "tests" / "sites"
REPO = "acme/site"
PR = 7
COMMENTS = f"/repos/{REPO}/issues/{PR}/comments"


@dataclass
class FakeGitHub:
    """Issue comments of one pull request, as GitHub's REST API serves them."""

    url: str
    comments: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str, str]] = field(default_factory=list)
    """(method, path, Authorization header) of every request."""
    refuse: int = 0
    """An HTTP status to answer every write with (0: accept)."""

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p, _ in self.requests if m != "GET"]


def _handler(gh: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, data: Any) -> None:
            body = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _log(self) -> str:
            gh.requests.append((self.command, self.path, self.headers.get("Authorization", "")))
            return urlsplit(self.path).path

        def _payload(self) -> dict[str, Any]:
            data: dict[str, Any] = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            return data

        def do_GET(self) -> None:
            if self._log() != COMMENTS:
                self._send(404, {"message": "Not Found"})
                return
            query = parse_qs(urlsplit(self.path).query)
            per, page = int(query["per_page"][0]), int(query.get("page", ["1"])[0])
            self._send(200, gh.comments[(page - 1) * per: page * per])

        def do_POST(self) -> None:
            if self._log() != COMMENTS:
                self._send(404, {"message": "Not Found"})
            elif gh.refuse:
                self._send(gh.refuse, {"message": "Resource not accessible by integration"})
            else:
                made = {"id": 9000 + len(gh.comments), "body": self._payload()["body"],
                        "user": {"login": "github-actions[bot]"}}
                gh.comments.append(made)
                self._send(201, made)

        def do_PATCH(self) -> None:
            found = re.fullmatch(rf"/repos/{REPO}/issues/comments/(\d+)", self._log())
            target = [c for c in gh.comments if found and c["id"] == int(found.group(1))]
            if not target:
                self._send(404, {"message": "Not Found"})
                return
            target[0]["body"] = self._payload()["body"]
            self._send(200, target[0])

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(FakeGitHub("")))
    gh = FakeGitHub(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(gh)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield gh
    server.shutdown()
    server.server_close()


@dataclass
class Step:
    code: int
    stderr: str
    outputs: dict[str, str]
    summary: str


def _step(tmp_path: Path, gh: FakeGitHub, target: str, **inputs: str) -> Step:
    """The action's audit step as ``action.yml`` runs it: inputs as INPUT_* variables."""
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "synchronize", "number": PR,
                                 "pull_request": {"number": PR}}))
    for name in ("summary.md", "output.txt"):
        (tmp_path / name).unlink(missing_ok=True)
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_API_URL": gh.url,
           "GITHUB_REPOSITORY": REPO, "GITHUB_EVENT_PATH": str(event),
           "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
           "GITHUB_OUTPUT": str(tmp_path / "output.txt"), "INPUT_TARGET": target,
           "INPUT_ARGS": "--quiet", "INPUT_TOKEN": "", "INPUT_FORMATS": "json,md,sarif"}
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    proc = subprocess.run([sys.executable, "-m", "contactable.github_action"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=180,
                          check=False)
    out = tmp_path / "output.txt"
    outputs = dict(ln.split("=", 1) for ln in out.read_text().splitlines()) if out.exists() \
        else {}
    summary = tmp_path / "summary.md"
    return Step(proc.returncode, proc.stderr, outputs,
                summary.read_text("utf-8") if summary.exists() else "")


def _notes(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if "comment" in ln]


def test_first_run_posts_one_comment_and_the_second_updates_it(
        tmp_path: Path, github: FakeGitHub) -> None:
    # A busy pull request: 100 comments by people fill the first page of the listing, so the
    # earlier report comment is only found on page 2.
    github.comments = [{"id": n, "body": f"looks good {n}", "user": {"login": "dev"}}
                       for n in range(1, 101)]
    site = str(SITES / "plaintext")
    first = _step(tmp_path, github, site, args="--quiet --check phone.tel_link=error",
                  token="t0ken")
    # The assertion fails the step (exit 1), and the comment is posted all the same.
    assert first.code == 1, first.stderr
    assert "assertion failed: phone.tel_link warned" in first.stderr
    assert github.writes() == [("POST", COMMENTS)]
    assert _notes(first.stderr) == ["contactable: created the pull-request comment 9100 on #7"]
    posted = github.comments[-1]["body"]
    assert posted.startswith(MARKER + "\n## contactable: ") and posted.count(MARKER) == 1
    assert "Phone numbers are plain text only." in posted
    # The step summary holds the same Markdown report; the outputs say how it went.
    assert posted.split("\n", 1)[1].strip() == first.summary.strip()
    assert first.outputs["exit-code"] == "1" and first.outputs["grade"] in "ABCD"
    assert float(first.outputs["score"]) == pytest.approx(68.6, abs=1)
    assert first.outputs["sarif"].endswith("report.sarif")
    assert (tmp_path / first.outputs["sarif"]).is_file()
    # Every request carried the token, and only to the API given.
    assert {auth for _, _, auth in github.requests} == {"Bearer t0ken"}

    github.requests.clear()
    second = _step(tmp_path, github, site, token="t0ken")
    assert second.code == 0, second.stderr
    assert github.writes() == [("PATCH", f"/repos/{REPO}/issues/comments/9100")]
    assert [p for m, p, _ in github.requests if m == "GET"] == [
        f"{COMMENTS}?per_page=100&page=1", f"{COMMENTS}?per_page=100&page=2"]
    assert _notes(second.stderr) == ["contactable: updated the pull-request comment 9100 on #7"]
    assert len(github.comments) == 101 and \
        sum(c["body"].startswith(MARKER) for c in github.comments) == 1


def test_no_token_skips_the_comment_with_one_line(tmp_path: Path, github: FakeGitHub) -> None:
    step = _step(tmp_path, github, str(SITES / "plaintext"))
    assert step.code == 0, step.stderr
    assert github.requests == []
    assert _notes(step.stderr) == [
        "contactable: no token given: the pull-request comment is skipped (pass token: "
        "${{ github.token }} and permissions: pull-requests: write)"]
    assert step.summary.startswith("## contactable: ")  # the job summary is written anyway


def test_a_refused_comment_is_one_line_and_keeps_the_audits_code(
        tmp_path: Path, github: FakeGitHub) -> None:
    github.refuse = 403  # a fork's pull request gets a read-only token
    step = _step(tmp_path, github, str(SITES / "plaintext"), token="t")
    assert step.code == 0, step.stderr
    assert _notes(step.stderr) == [
        f"contactable: the pull-request comment failed: POST {COMMENTS}: HTTP 403 Forbidden"]
    assert "Traceback" not in step.stderr


def test_hostile_site_text_stays_inert_in_the_comment(tmp_path: Path,
                                                      github: FakeGitHub) -> None:
    # The folder's name is shown as the report's title: make it an attack on the comment.
    name = "x --> <!-- contactable --> <img src=x onerror=alert(1)> @octocat </details>"
    site = tmp_path / name
    shutil.copytree(SITES / "hostile", site)
    step = _step(tmp_path, github, str(site), token="t")
    assert step.code == 0, step.stderr
    body = github.comments[-1]["body"]
    assert body.count("<!--") == 1 and body.startswith(MARKER)
    assert "<img" not in body and "<script" not in body and "-->" not in body.split("\n", 1)[1]
    assert "@octocat" not in body and "@\u200boctocat" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    # A second run finds the comment by its marker, never by the forged one in the title.
    _step(tmp_path, github, str(site), token="t")
    assert [m for m, _ in github.writes()] == ["POST", "PATCH"]


def test_comment_body_neutralises_markers_and_fits_githubs_limit() -> None:
    body = comment_body("<!-- contactable -->\n" + "- a line\n" * 20_000)
    assert body.startswith(MARKER) and body.count("<!--") == 1 and len(body) < 65_536
    assert body.rstrip().endswith("in the job summary and report.md.*")


@pytest.mark.parametrize(("event", "env", "note"), [
    ({"ref": "refs/heads/main"}, {}, "not a pull-request event: no comment"),
    ({"pull_request": {"number": 3}}, {"GITHUB_REPOSITORY": "nope"},
     "the pull-request comment failed: GITHUB_REPOSITORY is not owner/name: 'nope'"),
    ({"pull_request": {"number": 3}}, {"GITHUB_API_URL": "file:///etc"},
     "the pull-request comment failed: GITHUB_API_URL is not an http(s) URL: 'file:///etc'"),
])
def test_events_and_settings_that_give_no_comment(tmp_path: Path, event: dict[str, Any],
                                                  env: dict[str, str], note: str) -> None:
    from contactable.pr_comment import post

    (tmp_path / "e.json").write_text(json.dumps(event))
    assert post("## x", "t", {"GITHUB_EVENT_PATH": str(tmp_path / "e.json"),
                              "GITHUB_REPOSITORY": REPO, **env}) == note


def test_action_yml_passes_every_input_to_the_script() -> None:
    text = (ROOT / "action.yml").read_text("utf-8")
    inputs = re.findall(r"^  ([a-z-]+):\n    description:", text.split("\noutputs:")[0], re.M)
    passed = dict(re.findall(r"^        (INPUT_[A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$", text,
                             re.M))
    assert set(passed.values()) == set(inputs) - {"upload-sarif", "python-version"}
    assert all(k == "INPUT_" + v.upper().replace("-", "_") for k, v in passed.items())
    assert "run: python -m contactable.github_action" in text
    # Inputs reach a shell only as variables: an input in script text could run code.
    assert not re.search(r"run:.*\$\{\{", text)


def _readme_block(marker: str) -> str:
    found = re.search(rf"<!-- {marker}:[^>]*-->\n```\w+\n(.*?)```",
                      (ROOT / "README.md").read_text("utf-8"), re.S)
    assert found, f"README has no block marked {marker}"
    return found.group(1)


def test_readme_workflow_uses_the_actions_inputs() -> None:
    inputs = set(re.findall(r"^  ([a-z-]+):\n    description:",
                            (ROOT / "action.yml").read_text("utf-8").split("\noutputs:")[0],
                            re.M))
    block = _readme_block("ci-action")
    given = re.findall(r"^          ([a-z-]+):", block, re.M)
    assert given and set(given) <= inputs
    assert "pull-requests: write" in block and "security-events: write" in block


def test_readme_gitlab_job_uses_the_templates_variables() -> None:
    template = (ROOT / "ci" / "gitlab-contactable.yml").read_text("utf-8")
    block = _readme_block("ci-gitlab")
    assert "ci/gitlab-contactable.yml" in block and "extends: .contactable" in block
    assert re.search(r"^\.contactable:$", template, re.M)
    for name in re.findall(r"^    (CONTACTABLE_[A-Z_]+):", block, re.M):
        assert re.search(rf"^    {name}: ", template, re.M), name
    # The job writes the two reports GitLab reads, under the names the template declares.
    assert "--format json,html,md,junit,codequality" in template
    assert "codequality: contactable-report/report.codequality.json" in template


def test_pr_comment_alone_posts_a_report(tmp_path: Path, github: FakeGitHub) -> None:
    (tmp_path / "report.md").write_text("## contactable: a.test\n", "utf-8")
    (tmp_path / "event.json").write_text(json.dumps({"pull_request": {"number": PR}}))
    env = {**os.environ, "GITHUB_TOKEN": "t", "GITHUB_API_URL": github.url,
           "GITHUB_REPOSITORY": REPO, "GITHUB_EVENT_PATH": str(tmp_path / "event.json")}
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "contactable.pr_comment",
                               str(tmp_path / "report.md")], env=env, capture_output=True,
                              text=True, timeout=60, check=False)
        assert proc.returncode == 0, proc.stderr
    assert [m for m, _ in github.writes()] == ["POST", "PATCH"]
    assert github.comments == [{"id": 9000, "body": f"{MARKER}\n## contactable: a.test\n",
                                "user": {"login": "github-actions[bot]"}}]
    missing = subprocess.run([sys.executable, "-m", "contactable.pr_comment", "nope.md"],
                             env=env, capture_output=True, text=True, timeout=60, check=False)
    assert missing.returncode == 2
    assert missing.stderr == "contactable: error: cannot read nope.md: No such file or directory\n"
