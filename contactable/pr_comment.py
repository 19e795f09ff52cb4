"""One pull-request comment holding the Markdown report, created once and then updated.

The comment is found again by a hidden marker at the start of its body, through GitHub's REST
API (``GET /repos/{owner}/{repo}/issues/{n}/comments``, then ``POST`` there or ``PATCH
/repos/{owner}/{repo}/issues/comments/{id}``), so a pull request carries one comment however
many times the workflow runs. The API's base comes from ``GITHUB_API_URL`` (GitHub Enterprise
Server sets its own) and the pull request's number from the event payload at
``GITHUB_EVENT_PATH``. Standard library only: a comment is three requests.

The report's Markdown is already inert (``reports.markdown_report.md_escape``); the body is
made neutral once more here, so that no text can forge or close the marker.

>>> body = comment_body("## contactable\\n<!-- contactable --> x")
>>> body.count(MARKER), body.startswith(MARKER)
(1, True)
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

MARKER = "<!-- contactable -->"
# GitHub refuses a comment body over 65,536 characters; leave room for the marker and a note.
MAX_BODY = 65_000
PER_PAGE = 100
MAX_PAGES = 30  # 3,000 comments: past that, a new comment is better than a long search
TIMEOUT = 30.0


class CommentError(Exception):
    """The pull request or the API cannot be used; one line, never fatal to the audit."""


@dataclass(frozen=True)
class PullRequest:
    api: str
    """The REST API's base URL, without a trailing slash."""
    repo: str
    """``owner/name``."""
    number: int


def pull_request(env: Mapping[str, str]) -> PullRequest | None:
    """The pull request this workflow runs for, or None when the event is not one."""
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        raise CommentError("GITHUB_EVENT_PATH is not set: not running in GitHub Actions")
    try:
        with open(path, encoding="utf-8") as fh:
            event = json.load(fh)
    except (OSError, ValueError) as exc:
        raise CommentError(f"cannot read the event payload {path}: {exc}") from None
    number = None
    if isinstance(event, dict):
        pr, issue = event.get("pull_request"), event.get("issue")
        if isinstance(pr, dict):
            number = pr.get("number")
        elif isinstance(issue, dict) and issue.get("pull_request"):
            number = issue.get("number")  # a comment event on a pull request
    if not isinstance(number, int) or isinstance(number, bool):
        return None
    repo = env.get("GITHUB_REPOSITORY", "")
    if repo.count("/") != 1:
        raise CommentError(f"GITHUB_REPOSITORY is not owner/name: {repo!r}")
    api = env.get("GITHUB_API_URL") or "https://api.github.com"
    if urlsplit(api).scheme not in ("http", "https") or not urlsplit(api).netloc:
        raise CommentError(f"GITHUB_API_URL is not an http(s) URL: {api!r}")
    return PullRequest(api.rstrip("/"), repo, number)


def comment_body(markdown: str) -> str:
    """The marker, then the report; no other ``<!--`` can open a comment that hides or forges
    the marker, and the body fits GitHub's limit (cut at a line, saying so)."""
    text = markdown.replace("<!--", "&lt;!--")
    if len(text) > MAX_BODY:
        text = text[:MAX_BODY].rsplit("\n", 1)[0] + (
            "\n\n*The report is longer than a comment can be: the full report is in the job "
            "summary and report.md.*\n")
    return f"{MARKER}\n{text}"


class Api:
    """The few REST calls a comment needs, with the token sent to the API's host only."""

    def __init__(self, pr: PullRequest, token: str) -> None:
        self.pr, self._token = pr, token

    def call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        req = Request(self.pr.api + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self._token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "contactable",
            **({"Content-Type": "application/json"} if data is not None else {}),
        })
        try:
            with urlopen(req, timeout=TIMEOUT) as resp:  # http(s) only: pull_request()
                return json.loads(resp.read() or b"null")
        except HTTPError as exc:
            raise CommentError(f"{method} {path}: HTTP {exc.code} {exc.reason}") from None
        except (URLError, OSError, ValueError) as exc:
            raise CommentError(f"{method} {path}: {getattr(exc, 'reason', exc)}") from None

    def find(self) -> int | None:
        """The id of this tool's earlier comment on the pull request, if any."""
        base = f"/repos/{self.pr.repo}/issues/{self.pr.number}/comments?per_page={PER_PAGE}"
        for page in range(1, MAX_PAGES + 1):
            comments = self.call("GET", f"{base}&page={page}")
            if not isinstance(comments, list):
                raise CommentError("the comments listing is not a list")
            for c in comments:
                if isinstance(c, dict) and str(c.get("body") or "").startswith(MARKER) \
                        and isinstance(c.get("id"), int):
                    return int(c["id"])
            if len(comments) < PER_PAGE:
                break
        return None

    def upsert(self, body: str) -> tuple[str, int]:
        """Update the earlier comment, else create one: ``("updated" | "created", id)``."""
        found = self.find()
        if found is not None:
            self.call("PATCH", f"/repos/{self.pr.repo}/issues/comments/{found}", {"body": body})
            return "updated", found
        made = self.call("POST", f"/repos/{self.pr.repo}/issues/{self.pr.number}/comments",
                         {"body": body})
        return "created", int(made["id"]) if isinstance(made, dict) and "id" in made else -1


def post(markdown: str, token: str, env: Mapping[str, str] = os.environ) -> str:
    """Create or update the comment; the one line to print about it (never raises)."""
    if not token:
        return ("no token given: the pull-request comment is skipped (pass token: "
                "${{ github.token }} and permissions: pull-requests: write)")
    try:
        pr = pull_request(env)
        if pr is None:
            return "not a pull-request event: no comment"
        done, ident = Api(pr, token).upsert(comment_body(markdown))
    except CommentError as exc:
        return f"the pull-request comment failed: {exc}"
    return f"{done} the pull-request comment {ident} on #{pr.number}"


def main(argv: list[str] | None = None) -> int:
    """``python -m contactable.pr_comment report.md``: token from ``GITHUB_TOKEN``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m contactable.pr_comment REPORT.md", file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as fh:
            markdown = fh.read()
    except OSError as exc:
        print(f"contactable: error: cannot read {args[0]}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    print(f"contactable: {post(markdown, os.environ.get('GITHUB_TOKEN', ''))}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
