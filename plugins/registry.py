"""Find detectors, checks and report formats registered through entry points.

Groups: ``contactable.detectors`` (a detector class), ``contactable.checks`` (a check function
or a list of them), ``contactable.reports`` (a report class with ``name`` and ``render``).
``--plugin module:Name`` loads one object without installing it; its kind is told by its shape.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

GROUPS = ("contactable.detectors", "contactable.checks", "contactable.reports")


class PluginError(Exception):
    """A plugin could not be loaded; the message says which and why."""


@dataclass
class Registry:
    detectors: dict[str, type] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)
    reports: dict[str, Any] = field(default_factory=dict)

    def add(self, obj: Any, origin: str) -> None:
        """Register ``obj`` by its shape: detector class, check (or list), or report class."""
        if isinstance(obj, (list, tuple)):
            for o in obj:
                self.add(o, origin)
        elif isinstance(obj, type) and hasattr(obj, "detect"):
            self.detectors[_ident(obj, origin)] = obj
        elif callable(obj) and hasattr(obj, "meta"):
            self.checks[obj.meta.id] = obj
        elif isinstance(obj, type) and hasattr(obj, "render"):
            self.reports[_ident(obj, origin, "name")] = obj
        else:
            raise PluginError(f"{origin} is not a detector, a check or a report format")


def _ident(obj: Any, origin: str, attr: str = "id") -> str:
    ident = getattr(obj, attr, None)
    if not isinstance(ident, str) or not ident:
        raise PluginError(f"{origin} has no {attr!r} attribute")
    return ident


def load_registry(extra: Iterable[str] = (), groups: Iterable[str] = GROUPS) -> Registry:
    """Everything installed in ``groups``, plus ``extra`` plugins given as ``module:Name``.

    Re-scoring a saved crawl needs no detectors: leaving their group out spares their imports.
    """
    reg = Registry()
    for group in groups:
        for ep in entry_points(group=group):
            try:
                obj = ep.load()
            except Exception as exc:
                raise PluginError(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}") \
                    from exc
            reg.add(obj, f"{group}:{ep.name}")
    for spec in extra:
        reg.add(load_object(spec), spec)
    return reg


def load_object(spec: str) -> Any:
    """Import ``module:Name`` (``Name`` may be dotted)."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise PluginError(f"--plugin {spec!r}: write it as module:Name")
    try:
        obj: Any = importlib.import_module(module_name)
    except ImportError as exc:
        raise PluginError(f"--plugin {spec!r}: cannot import {module_name!r} ({exc})") from exc
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise PluginError(f"--plugin {spec!r}: {module_name} has no {attr!r}") from None
    return obj
