"""``report.md``: a short summary for pull-request comments and ``$GITHUB_STEP_SUMMARY``.

GitHub renders HTML inside Markdown, and crawled text is hostile: every site-supplied string is
escaped (HTML entities for ``< > &``, backslashes for Markdown punctuation, newlines folded,
``@mentions`` defused) and only ``http(s)`` URLs ever become links.

>>> md_escape("<b>*hi*</b> | [x](javascript:y)")
'&lt;b&gt;\\\\*hi\\\\*&lt;/b&gt; \\\\| \\\\[x\\\\](javascript:y)'
>>> web_url("javascript:alert(1)") is None, web_url("https://a.test/a b")
(True, 'https://a.test/a%20b')
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

from reports import diff_view
from reports.view import answers as view_answers
from reports.view import clicks, setup_notes, shown_score

# Site text never starts a line here (we fold newlines and write the line starts), so only the
# inline syntax needs escaping: code, emphasis, links/images, tables, strikethrough, math,
# headings' closing #s. < > & become entities.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#$])")
# C0/C1 controls, lone surrogates and the bidi overrides that can disguise text.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
                   "\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
# A GitHub @mention starts a word; a zero-width space after the @ keeps it from pinging anyone.
_MENTION = re.compile(r"(?<![\w.+-])@(?=\w)")
# Kept unencoded in links: RFC 3986 reserved/unreserved, minus what ends a Markdown link or a
# table cell: ( ) < > [ ] | ' " ` \ and spaces.
_URL_SAFE = ":/?#@!$&*+,;=%~-._"
_MAX = 240
_DIFF_ROWS = 15  # a pull-request comment stays short: the rest is in report.json

STATUS_MARK = {"fail": "❌", "error": "💥", "warn": "⚠️", "needs_review": "🔎", "pass": "✅",
               "not_applicable": "➖"}
_SECTIONS = (("fail", "Failing"), ("error", "Errors"), ("warn", "Warnings"),
             ("needs_review", "Needs review"))


def md_escape(value: object, limit: int = _MAX) -> str:
    """One line of inert text: no HTML, no Markdown syntax, no mentions, at most ``limit`` chars."""
    text = _SPACE.sub(" ", _JUNK.sub("", str(value if value is not None else ""))).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MENTION.sub("@\u200b", text)


def web_url(value: object) -> str | None:
    """``value`` as a link target if it is an absolute http(s) URL, else None."""
    text = _JUNK.sub("", str(value or "")).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(text, safe=_URL_SAFE)


def link(text: str, url: object) -> str:
    """``[text](url)`` for a web URL, else the (already escaped) text alone."""
    target = web_url(url)
    return f"[{text}]({target})" if target else text


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: object) -> list[dict[str, Any]]:
    """The dicts of a list; anything else (missing key, None, junk) is an empty list."""
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _answer_row(a: Mapping[str, Any]) -> str:
    depth = a.get("depth")
    value = md_escape(a.get("value"), 120)
    if a.get("detail"):
        value += f" ({md_escape(a['detail'], 60)})"
    if a.get("state") == "yes" and isinstance(depth, int):
        # The rubric's bar: at most one click from the home page.
        mark = "✅ Yes" if depth <= 1 else "⚠️ Yes"
        verdict = f"{mark}, {clicks(depth)}: {value}"
    elif a.get("state") == "unlinked":
        verdict = f"⚠️ Yes, {clicks(None)}: {value}"
    else:
        verdict = "❌ No" + (f": {md_escape(a['note'], 120)}" if a.get("note") else "")
    return f"| {md_escape(a.get('question'), 80)} | {verdict} |"


def answers(report: Mapping[str, Any]) -> list[str]:
    """The four questions a visitor asks, as a Markdown table (the HTML report's answers)."""
    return ["| Question | Answer |", "| --- | --- |", *map(_answer_row, view_answers(report))]


def _check_line(check: Mapping[str, Any]) -> str:
    title = md_escape(check.get("title") or check.get("id") or "Unnamed check", 120)
    line = f"- {STATUS_MARK.get(str(check.get('status')), '•')} **{title}**"
    summary = md_escape(check.get("summary"))
    if summary:
        line += f": {summary}"
    target = web_url(check.get("help_url"))
    label = "why it matters" if check.get("status") == "pass" else "how to fix"
    return line + (f" ([{label}]({target}))" if target else "") + _suppression(check)


def _suppression(check: Mapping[str, Any]) -> str:
    """An accepted finding stays in its group, saying so and why (never dropped silently)."""
    sup, lapsed = _dict(check.get("suppressed")), _dict(check.get("suppression_expired"))
    entry = sup or lapsed
    if not entry:
        return ""
    where = f" on {md_escape(entry.get('url'), 80)}" if entry.get("url") else ""
    until = f", until {md_escape(entry.get('expires'), 10)}" if entry.get("expires") else ""
    head = "🔕 *suppressed*" if sup else "⏰ *suppression expired, counts again*"
    return f" — {head}{where}: {md_escape(entry.get('reason'), 200)}{until}"


def _number(value: object) -> str:
    return f"{value:.0f}" if isinstance(value, (int, float)) else "–"


def render_markdown(report: Mapping[str, Any]) -> str:
    site = _dict(report.get("site"))
    url = site.get("final_url") or site.get("start_url") or "the site"
    folder = site.get("folder")
    title = md_escape(str(folder), 200) if folder else link(md_escape(url, 200), url)
    lines = [f"## contactable: {title}",
             "",
             f"**Score {shown_score(report.get('score'))}/100, grade "
             f"{md_escape(report.get('grade') or '–', 2)}**",
             ""]
    cats = [c for c in _items(report.get("categories")) if isinstance(c.get("score"), (int, float))]
    if cats:
        lines += [" · ".join(f"{md_escape(c.get('title') or c.get('id'), 60)} "
                             f"{shown_score(c['score'])}" for c in cats), ""]
    lines += [*diff_lines(report.get("diff")), *answers(report), ""]
    checks = _items(report.get("checks"))
    known = {s for s, _ in _SECTIONS} | {"pass", "not_applicable"}
    for status, heading in _SECTIONS:
        group = [c for c in checks if c.get("status") == status
                 or (status == "error" and c.get("status") not in known)]
        if not group:
            continue
        group.sort(key=lambda c: (-_weight(c), str(c.get("id"))))
        lines += [f"### {heading} ({len(group)})", "", *map(_check_line, group), ""]
    passed = [c for c in checks if c.get("status") == "pass"]
    if passed:
        lines += ["<details><summary>" + f"{len(passed)} check{'s' if len(passed) != 1 else ''}"
                  " passed</summary>", "", *map(_check_line, passed), "", "</details>", ""]
    if not checks:
        lines += ["No checks ran.", ""]
    if site.get("complete") is False:
        reason = md_escape(site.get("stop_reason") or "unknown reason", 120)
        lines += [f"> ⚠️ **The crawl was incomplete** ({reason}) after "
                  f"{_number(site.get('pages_crawled'))} pages: contacts on pages not visited "
                  "are missing from this report.", ""]
    for note in setup_notes(report):
        lines += [f"> ⚠️ **Check your settings:** {md_escape(note, 600)}.", ""]
    tool = _dict(report.get("tool"))
    lines.append(f"<sub>{_number(site.get('pages_crawled'))} pages crawled · contactable "
                 f"{md_escape(tool.get('version') or '', 20)}</sub>")
    return "\n".join(lines) + "\n"


def diff_lines(diff: object) -> list[str]:
    """What changed since the baseline, as a table, worst first; nothing without a diff."""
    if not isinstance(diff, dict):
        return []
    rows = diff_view.rows(diff)
    lines = ["### Since the baseline", "", md_escape(diff_view.headline(diff)), ""]
    if rows:
        lines += ["| | Change | What | Before | After |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {r['mark']} | {r['change']} | {md_escape(r['what'], 120)} | "
                  f"{md_escape(r['before'], 120)} | {md_escape(r['after'], 120)} |"
                  for r in rows[:_DIFF_ROWS]]
        lines.append("")
        if len(rows) > _DIFF_ROWS:
            lines += [f"… and {len(rows) - _DIFF_ROWS} more changes in `report.json`.", ""]
    for note in _items_text(diff.get("notes")):
        lines += [f"> ⚠️ {md_escape(note)}", ""]
    return lines


def _items_text(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _weight(check: Mapping[str, Any]) -> float:
    w = check.get("weight")
    return float(w) if isinstance(w, (int, float)) else 0.0


class MarkdownReport:
    name: ClassVar[str] = "md"
    filename: ClassVar[str] = "report.md"

    def render(self, report: dict[str, Any]) -> str:
        return render_markdown(report)


def write_step_summary(report: Mapping[str, Any],
                       env: Mapping[str, str] = os.environ) -> bool:
    """Append the Markdown summary to ``$GITHUB_STEP_SUMMARY``; True when it was written.

    False when the variable is unset or empty, or the file cannot be written: a job summary is
    a courtesy and must never fail the audit.
    """
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(render_markdown(report) + "\n")
    except OSError:
        return False
    return True
