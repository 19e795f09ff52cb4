"""A site's scores over its last runs, drawn: an SVG polyline for the batch index (no script,
no external file) and a line of block characters for the terminal.

>>> spark_points([50, 100, 75], width=40, height=10)
'1.0,5.0 20.0,1.0 39.0,3.0'
>>> spark_text([0, 50, 100, None])
'▁▅█·'
"""

from __future__ import annotations

from collections.abc import Sequence

_BLOCKS = "▁▂▃▄▅▆▇█"


def spark_points(scores: Sequence[float | None], width: int = 80, height: int = 20) -> str:
    """The ``points`` of an SVG polyline through ``scores`` (0..100, left = oldest); a run
    without a score is left out. The scale is 0..100, not the scores' own range: a move of
    one point must not look like a fall."""
    known = [(i, s) for i, s in enumerate(scores) if isinstance(s, (int, float))]
    if not known:
        return ""
    step = (width - 2) / max(len(scores) - 1, 1)
    out = []
    for i, s in known:
        x = 1 + i * step
        y = 1 + (height - 2) * (1 - max(0.0, min(100.0, float(s))) / 100)
        out.append(f"{x:.1f},{y:.1f}")
    return " ".join(out)


def spark_text(scores: Sequence[float | None]) -> str:
    """One character a run, its height the score; ``·`` a run without a score."""
    return "".join(_BLOCKS[min(len(_BLOCKS) - 1, int(max(0.0, float(s)) / 100 * len(_BLOCKS)))]
                   if isinstance(s, (int, float)) else "·" for s in scores)
