"""``report.json``: the contract itself, and the JSON Schema that describes it.

>>> JsonReport().render({"schema_version": "1"})
'{\\n  "schema_version": "1"\\n}\\n'
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any, ClassVar


class JsonReport:
    name: ClassVar[str] = "json"
    filename: ClassVar[str] = "report.json"

    def render(self, report: dict[str, Any]) -> str:
        return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


@cache
def schema() -> dict[str, Any]:
    """The published JSON Schema of the report (``reports/report.schema.json``)."""
    text = files("reports").joinpath("report.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
