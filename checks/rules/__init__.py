"""The built-in checks: one module per rubric dimension (a category of docs/checks.md),
metadata as data in rules.json.

Registered through the ``contactable.checks`` entry point (``builtin = checks.rules:CHECKS``),
exactly as a third-party plugin registers its own.
"""

from __future__ import annotations

from importlib import import_module

from checks.api import Check

MODULES = ("findability", "email", "phone", "person", "reassurance", "forms", "help", "legal",
           "structured_data", "channels")


def _collect() -> list[Check]:
    out: list[Check] = []
    for name in MODULES:
        out.extend(import_module(f"checks.rules.{name}").CHECKS)
    return out


CHECKS: list[Check] = _collect()
