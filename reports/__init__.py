"""Output formats: each renders the JSON report contract (a dict) to text."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol


class ReportFormat(Protocol):
    """A report format: ``name`` for ``--format``, ``filename`` under ``--out``."""

    name: ClassVar[str]
    filename: ClassVar[str]

    def render(self, report: dict[str, Any]) -> str: ...
