"""Benchmarks of the columnar layer (issue 8): rows per second and peak memory of each path, with the command.

Generates N members (the Python benchmark's generator, all five insurer profiles, seeded) as Parquet (dates as
date32), CSV in Shift_JIS (dates as 2025/4/1, a kanji name column the mapping ignores) and JSON Lines, chunk by
chunk (memory stays bounded), then measures:

- hokensho-arrow, summary columns, one thread: ``assess_frame`` on a pyarrow Table (``threads=1``; the Python
  wrapper adds only the table hand-over);
- the CLI: Parquet → Parquet summary; CSV (Shift_JIS) → CSV summary; JSON Lines → JSON Lines full answers on
  every core;
- Python ``assess_frame`` end to end from Arrow-backed pandas, polars and pyarrow, with one date and with a date
  per row;
- the CLI on ``--big`` members, Parquet → Parquet (extrapolated to 125,000,000 rows when ``--big`` is smaller);
- with ``--spark``: Spark ``local[2]`` on 1,000,000 rows and its ratio to the single-process rate.

Not a test: nothing here asserts a time. Run with the Python binding's venv after ``bindings-python/test.sh``:

    bindings-python/.venv/bin/python scripts/bench_columnar.py [--rows 1000000] [--big 10000000] [--spark]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 500_000
MAP = """ignore = ["氏名"]
"""


def _bench() -> Any:
    import importlib

    sys.path.insert(0, str(ROOT / "bindings-python" / "bench"))
    try:
        return importlib.import_module("bench")
    finally:
        sys.path.pop(0)


def _chunk(n: int, offset: int, seed: int) -> Any:
    """``n`` generated members with ids from ``offset``, as a pandas frame."""
    import numpy as np

    df = _bench().generate(n, seed=seed)
    df["id"] = np.char.add("M-", np.arange(offset, offset + n).astype(str)).astype(object)
    return df


def _arrow(df: Any) -> Any:
    """The frame as a pyarrow Table with dates as date32 and codes as strings."""
    import pyarrow as pa

    from hokensho import _frame

    t = _frame._pandas_table(df)
    cols = []
    for c in t.columns:
        if pa.types.is_timestamp(c.type):
            c = c.cast(pa.date32())
        elif pa.types.is_dictionary(c.type):
            c = c.cast(pa.string())
        cols.append(c)
    return pa.table(dict(zip(t.column_names, cols)))


def generate(rows: int, out: Path, jsonl: bool, csv: bool) -> None:
    """Writes ``members.parquet`` (and ``members-sjis.csv``, ``members.jsonl``) in chunks."""
    import pyarrow.parquet as pq

    writer = None
    out.mkdir(parents=True, exist_ok=True)
    csv_f = open(out / "members-sjis.csv", "wb") if csv else None
    jsonl_f = open(out / "members.jsonl", "w", encoding="utf-8") if jsonl else None
    done = 0
    while done < rows:
        n = min(CHUNK, rows - done)
        df = _chunk(n, done, seed=1000 + done // CHUNK)
        t = _arrow(df)
        if writer is None:
            writer = pq.ParquetWriter(out / "members.parquet", t.schema, compression="snappy")
        writer.write_table(t, row_group_size=128 * 1024)
        if csv_f is not None:
            text = df.copy()
            for c in text.columns:
                if text[c].dtype.kind == "M":
                    text[c] = text[c].dt.strftime("%Y/%-m/%-d")
            text.insert(1, "氏名", "山田 太郎")
            csv_f.write(text.to_csv(index=False, header=done == 0).encode("cp932"))
        if jsonl_f is not None:
            for r in _bench().records(df):
                jsonl_f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
        done += n
    if writer is not None:
        writer.close()
    for f in (csv_f, jsonl_f):
        if f is not None:
            f.close()


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Runs ``cmd`` under ``/usr/bin/time`` (so the peak is the command's own, not that of this process it was
    forked from); its wall time, CPU time (user + system) and peak resident memory (bytes)."""
    with tempfile.NamedTemporaryFile("r") as f:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-o", f.name, "-f", "%M %U %S", *cmd], stdout=subprocess.DEVNULL)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}")
        kb, user, system = f.read().split()[-3:]
    return dt, float(user) + float(system), int(kb) * 1024


def timed(f: Callable[[], Any], repeat: int = 2) -> tuple[float, float]:
    """The best wall time of ``repeat`` runs, and that run's CPU time."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        f()
        best = min(best, (time.perf_counter() - t0, time.process_time() - c0))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--big", type=int, default=0, help="members for the all-of-Japan run (0: skip)")
    ap.add_argument("--spark", action="store_true")
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--on", default="2025-12-02")
    args = ap.parse_args()
    env = dict(os.environ, CARGO_BUILD_JOBS="1")
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "hokensho-cli"], cwd=ROOT, check=True, env=env)
    cli = str(ROOT / "target" / "release" / "hokensho")
    work = args.dir or Path(tempfile.mkdtemp(prefix="hokensho-bench-"))
    results: list[dict[str, Any]] = []

    def report(path: str, rows: int, secs: float, cpu: float, peak: int | None, cmd: str) -> None:
        r = {
            "path": path,
            "rows": rows,
            "seconds": round(secs, 3),
            "rows_per_s": round(rows / secs),
            "cpu_seconds": round(cpu, 3),
            "rows_per_cpu_s": round(rows / max(cpu, 1e-9)),
            "peak_mb": None if peak is None else round(peak / 2**20),
            "command": cmd,
        }
        results.append(r)
        peak_s = "" if peak is None else f", peak {r['peak_mb']} MB"
        print(
            f"{path}: {rows:,} rows in {secs:.2f} s = {r['rows_per_s']:,} rows/s "
            f"({cpu:.2f} CPU s = {r['rows_per_cpu_s']:,} rows per CPU-second){peak_s}\n    {cmd}",
            flush=True,
        )

    n = args.rows
    marker = work / f"generated-{n}"
    if not marker.exists():
        t0 = time.perf_counter()
        generate(n, work, jsonl=True, csv=True)
        marker.touch()
        print(f"generated {n:,} members in {time.perf_counter() - t0:.1f} s into {work}", flush=True)
    (work / "map.toml").write_text(MAP, encoding="utf-8")

    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    import hokensho

    rules = hokensho.RuleSet.embedded()
    table = pq.read_table(work / "members.parquet")
    days = pa.array([["2025-07-31", "2025-12-02", "2026-04-01", "2027-08-01"][i % 4] for i in range(table.num_rows)])
    secs, cpu = timed(lambda: rules.assess_frame(table, args.on, threads=1))
    report("hokensho-arrow summary, 1 thread (assess_frame on a pyarrow Table)", n, secs, cpu, None, f"rules.assess_frame(pyarrow_table, '{args.on}', threads=1)")
    secs, cpu = timed(lambda: rules.assess_frame(table, args.on, threads=2))
    report("hokensho-arrow summary, 2 threads", n, secs, cpu, None, f"rules.assess_frame(pyarrow_table, '{args.on}', threads=2)")

    cmds = [
        ("CLI Parquet -> Parquet, summary", [cli, "assess", str(work / "members.parquet"), "--on", args.on, "--summary", "-o", str(work / "out.parquet")]),
        ("CLI CSV (Shift_JIS) -> CSV, summary", [cli, "assess", str(work / "members-sjis.csv"), "--columns", str(work / "map.toml"), "--on", args.on, "--summary", "-o", str(work / "out.csv")]),
        ("CLI JSON Lines -> JSON Lines, full answers, every core", [cli, "assess", str(work / "members.jsonl"), "--on", args.on, "-o", str(work / "out.jsonl")]),
    ]
    for name, cmd in cmds:
        secs, cpu, peak = run(cmd)
        report(name, n, secs, cpu, peak, " ".join(cmd))

    arrow_pandas = table.to_pandas(types_mapper=pd.ArrowDtype)
    polars_df = pl.from_arrow(table)
    for name, frame in (("pyarrow Table", table), ("Arrow-backed pandas", arrow_pandas), ("polars", polars_df)):
        secs, cpu = timed(lambda: rules.assess_frame(frame, args.on))
        report(f"Python assess_frame, {name}, one date", n, secs, cpu, None, f"rules.assess_frame(frame, '{args.on}')")
        per_row: Any = pd.Series(days.to_pylist(), dtype="string[pyarrow]") if name == "Arrow-backed pandas" else pl.Series(days.to_pylist()) if name == "polars" else days
        secs, cpu = timed(lambda: rules.assess_frame(frame, per_row))
        report(f"Python assess_frame, {name}, a date per row", n, secs, cpu, None, "rules.assess_frame(frame, per_row_dates)")
    print(f"Python process peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB", flush=True)

    if args.big:
        big = work / "big"
        if not (big / f"generated-{args.big}").exists():
            t0 = time.perf_counter()
            generate(args.big, big, jsonl=False, csv=False)
            (big / f"generated-{args.big}").touch()
            print(f"generated {args.big:,} members in {time.perf_counter() - t0:.1f} s", flush=True)
        cmd = [cli, "assess", str(big / "members.parquet"), "--on", args.on, "--summary", "-o", str(big / "out.parquet")]
        secs, cpu, peak = run(cmd)
        report(f"CLI Parquet -> Parquet, summary, {args.big:,} members", args.big, secs, cpu, peak, " ".join(cmd))
        print(f"    125,000,000 members at this rate: {125_000_000 / (args.big / secs) / 60:.1f} min (extrapolated)", flush=True)

    if args.spark:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # everything stays on the loopback interface
        from pyspark.sql import SparkSession

        import hokensho.spark

        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate()
        )
        sdf = spark.read.parquet(str(work / "members.parquet"))
        sdf.count()
        noop = lambda: hokensho.spark.assess(sdf, args.on).write.format("noop").mode("overwrite").save()  # noqa: E731
        secs, cpu = timed(noop)
        report("Spark local[2], mapInArrow, summary", n, secs, cpu, None, f"hokensho.spark.assess(spark.read.parquet(...), '{args.on}').write.format('noop')")
        single = results[1]["rows_per_s"]
        print(f"    ratio to the single-process rate (2 threads): {n / secs / single:.2f}", flush=True)
        spark.stop()
    (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"results: {work / 'results.json'}")


if __name__ == "__main__":
    main()
