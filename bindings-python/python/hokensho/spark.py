"""Spark: ``hokensho.spark.assess(df, on)`` runs :meth:`hokensho.RuleSet.assess_frame` on every partition of a
PySpark DataFrame through ``DataFrame.mapInArrow``, with an explicit output schema (:func:`output_schema`).

The input columns are the frame format's flat paths (``id``, ``birth_date``, ``coverage.acquired_on``, …); Spark
dates (``DateType``), timestamps and strings are all read as dates. ``on`` is one date for every row or the name
of a column with each row's date. Each executor loads the rules once (the embedded rules, or ``rules_dir``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator, Literal

from . import _frame

__all__ = ["assess", "output_schema"]

_CACHE: dict[str | None, Any] = {}


def _rules(rules_dir: str | None) -> Any:
    from ._rules import RuleSet

    if rules_dir not in _CACHE:
        _CACHE[rules_dir] = RuleSet.embedded() if rules_dir is None else RuleSet.from_dir(rules_dir)
    return _CACHE[rules_dir]


def output_schema(full: bool = False) -> Any:
    """The output's Spark schema: the summary columns (codes as strings, dates as ``DateType``) and
    ``error_code``, ``error_path``, ``error`` (and ``assessment`` with ``full``)."""
    from pyspark.sql.types import BooleanType, DateType, StringType, StructField, StructType

    fields = []
    for c in _frame._SCHEMA["output"]:
        if c.get("optional") and not full:
            continue
        t = c["arrow_type"]
        spark_type = BooleanType() if t == "Boolean" else DateType() if t == "Date32" else StringType()
        fields.append(StructField(c["name"], spark_type, True))
    return StructType(fields)


def _arrow_schema(full: bool) -> Any:
    """The Arrow schema Spark expects back (dictionaries decoded to strings)."""
    import pyarrow as pa

    fields = []
    for c in _frame._SCHEMA["output"]:
        if c.get("optional") and not full:
            continue
        t = c["arrow_type"]
        fields.append(pa.field(c["name"], pa.bool_() if t == "Boolean" else pa.date32() if t == "Date32" else pa.string()))
    return pa.schema(fields)


def assess(
    df: Any,
    on: str | dt.date,
    *,
    rules_dir: str | None = None,
    extra: Literal["error", "ignore"] = "error",
    threads: int = 1,
    full: bool = False,
) -> Any:
    """Assesses every row of the PySpark DataFrame ``df`` on ``on`` (a date, or the name of a column of dates);
    returns a DataFrame with one row per input row in the schema :func:`output_schema` (lazily, like any
    Spark transformation). Rows are never dropped; a bad row carries ``error_code``, ``error_path`` and
    ``error``. ``threads`` is per Spark task (Spark runs one task per core already)."""
    on_arg: Any = on if isinstance(on, str) and on in df.columns else _frame._date_text(on)
    if on_arg is None:
        raise TypeError("`on` must be a date or the name of a column of dates")
    schema = _arrow_schema(full)
    # Spark reads a dot in a column name as a struct field: the columns travel as _c0, _c1, … and get their
    # names back inside the task
    names = list(df.columns)

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        rules = _rules(rules_dir)
        for batch in batches:
            out = rules.assess_frame(batch.rename_columns(names), on_arg, extra=extra, threads=threads, full=full)
            yield out.cast(schema)

    return df.toDF(*[f"_c{i}" for i in range(len(names))]).mapInArrow(run, output_schema(full))
