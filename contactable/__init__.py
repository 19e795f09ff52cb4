"""contactable: can a website's visitors reach a human? Crawl, detect, score, report.

>>> from contactable import audit  # doctest: +SKIP
>>> audit("https://example.com")["score"]  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

__all__ = ["__version__", "audit"]

try:
    __version__ = version("contactable")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"


def audit(target: Any, *args: str, timeout: float | None = None) -> dict[str, Any]:
    """Audit a URL or folder in a subprocess and return the report dict."""
    from contactable.audit import audit as _audit

    return _audit(target, *args, timeout=timeout)
