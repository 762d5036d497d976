"""Spark (``local[2]``, ``mapInArrow``) and Dask (``map_partitions``) give, row for row, the single-process answers
on 100,000 generated members with a date per row."""

from __future__ import annotations

import os
import sys
from pathlib import Path
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import hokensho
from hokensho import _frame

N = 100_000
DATES = ["2025-07-31", "2025-12-02", "2026-04-01", "2027-08-01"]


@pytest.fixture(scope="module")
def generated() -> pd.DataFrame:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import bench
    finally:
        sys.path.pop(0)
    df = bench.generate(N, seed=23)
    df["day"] = [DATES[i % 4] for i in range(len(df))]
    return df


def _arrow(df: pd.DataFrame) -> pa.Table:
    """The generated frame as Arrow with dates as date32 (as a Parquet roster holds them)."""
    t = _frame._pandas_table(df)
    return pa.table({n: (c.cast(pa.date32()) if pa.types.is_timestamp(c.type) else c) for n, c in zip(t.column_names, t.columns)})


def test_spark_equals_single_process(rules: hokensho.RuleSet, generated: pd.DataFrame, tmp_path: Path) -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # everything stays on the loopback interface
    from pyspark.sql import SparkSession

    import hokensho.spark

    table = _arrow(generated)
    path = tmp_path / "members.parquet"
    pq.write_table(table, path, row_group_size=25_000)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("hokensho-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
        .getOrCreate()
    )
    try:
        sdf = spark.read.parquet(str(path))
        assert sdf.count() == N
        out = hokensho.spark.assess(sdf, "day")
        assert [f.name for f in out.schema.fields] == _frame.OUT
        got = out.toArrow() if hasattr(out, "toArrow") else pa.Table.from_pandas(out.toPandas(), preserve_index=False)
        one = rules.assess_frame(generated, "day")
        want = pa.Table.from_pandas(one, preserve_index=False).cast(hokensho.spark._arrow_schema(False))
        got = got.cast(want.schema)
        assert got.num_rows == N
        g = got.sort_by("id").to_pylist()
        w = want.sort_by("id").to_pylist()
        assert g == w
        assert sum(r["error"] is not None for r in w) < N // 10
        # one date for all rows
        out = hokensho.spark.assess(sdf.limit(1000), "2025-12-02").toPandas()
        assert len(out) == 1000
    finally:
        spark.stop()


def test_dask_equals_single_process(rules: hokensho.RuleSet, generated: pd.DataFrame) -> None:
    import dask.dataframe as dd

    import hokensho.dask

    ddf = dd.from_pandas(generated, npartitions=6)
    got = hokensho.dask.assess(ddf, "day").compute()
    want = rules.assess_frame(generated, "day")
    assert len(got) == N
    pd.testing.assert_frame_equal(got, want)
    one = hokensho.dask.assess(ddf, "2025-12-02").compute()
    pd.testing.assert_frame_equal(one, rules.assess_frame(generated, "2025-12-02"))


def test_answers_on_every_date(rules: hokensho.RuleSet, generated: pd.DataFrame) -> None:
    """The per-row path equals one call per date (the groupby workaround it replaces)."""
    head = generated.iloc[:4000]
    per_row = rules.assess_frame(head, "day")
    for d in DATES:
        mask = (head["day"] == d).to_numpy()
        alone = rules.assess_frame(head[mask].drop(columns="day"), d)
        pd.testing.assert_frame_equal(per_row[mask], alone)
    assert isinstance(per_row, pd.DataFrame) and len(per_row) == 4000
