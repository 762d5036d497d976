"""Dask: ``hokensho.dask.assess(ddf, on)`` runs :meth:`hokensho.RuleSet.assess_frame` on every partition of a Dask
DataFrame with ``map_partitions``; the result keeps the input's partitions, index and row order.

``on`` is one date, or the name of a column with each row's date. The core releases the GIL, so Dask's default
threaded scheduler uses every core.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

__all__ = ["assess"]


def assess(
    ddf: Any,
    on: str | dt.date,
    *,
    rules_dir: str | None = None,
    extra: Literal["error", "ignore"] = "error",
    threads: int = 1,
    full: bool = False,
) -> Any:
    """Assesses every row of the Dask DataFrame ``ddf`` on ``on``; returns a Dask DataFrame of the summary columns
    (as :meth:`hokensho.RuleSet.assess_frame` gives them for pandas), one row per input row."""
    from .spark import _rules

    def run(part: Any) -> Any:
        return _rules(rules_dir).assess_frame(part, on, extra=extra, threads=threads, full=full)

    meta = run(ddf._meta)
    return ddf.map_partitions(run, meta=meta)
