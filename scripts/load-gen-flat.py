#!/usr/bin/env python3
"""Streams N generated members as a flat roster for scripts/load.sh, in bounded memory: CSV (Shift_JIS, the
contract's flat column paths, dates as 2025/4/1 the way a spreadsheet writes them) or Parquet (string columns,
written in row groups; needs pyarrow). The valid rows are the example members of examples/members.jsonl with a
fresh id; exactly one row in a hundred (row numbers 100, 200, …) is bad, rotating through an impossible date, an
unknown insurer, a bad role, a bad flag and a bad certificate basis. Usage: load-gen-flat.py N csv|parquet FILE"""
import csv
import io
import json
import os
import sys

n, fmt, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def flat(m, prefix=""):
    out = {}
    for k, v in m.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flat(v, key + "."))
        elif isinstance(v, list):
            for i, x in enumerate(v):
                out.update(flat(x, f"{key}.{i}."))
        elif isinstance(v, bool):
            out[key] = "true" if v else "false"
        elif v is not None:
            s = str(v)
            if len(s) == 10 and s[4] == "-" and s[7] == "-":  # a date, as a spreadsheet writes it
                s = f"{int(s[:4])}/{int(s[5:7])}/{int(s[8:])}"
            out[key] = s
    return out


with open(os.path.join(root, "examples", "members.jsonl"), encoding="utf-8") as f:
    templates = [flat(json.loads(line)) for line in f if line.strip()]
columns = sorted({k for t in templates for k in t} | {"abroad"}, key=lambda c: (c != "id", c))
bad = [
    ("birth_date", "1980/2/30"),
    ("insurer", "nowhere"),
    ("role", "boss"),
    ("abroad", "maybe"),
    ("certificates.0.basis", "lottery"),
]


def rows():
    t = len(templates)
    for i in range(1, n + 1):
        r = dict(templates[i % t])
        r["id"] = f"G-{i}"
        if i % 100 == 0:
            col, val = bad[(i // 100) % len(bad)]
            r[col] = val
            if col == "certificates.0.basis":
                r.setdefault("certificates.0.issued_on", "2025/8/1")
                r.setdefault("certificates.0.expires_on", "2029/7/31")
        yield [r.get(c, "") for c in columns]


if fmt == "csv":
    with open(path, "wb") as out:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(columns)
        for k, row in enumerate(rows(), 1):
            w.writerow(row)
            if k % 10000 == 0:
                out.write(buf.getvalue().encode("cp932"))
                buf.seek(0)
                buf.truncate()
        out.write(buf.getvalue().encode("cp932"))
elif fmt == "parquet":
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string()) for c in columns])
    with pq.ParquetWriter(path, schema, compression="snappy") as writer:
        chunk = []
        for row in rows():
            chunk.append(row)
            if len(chunk) == 100000:
                writer.write_table(pa.table(list(zip(*chunk)), schema=schema))
                chunk = []
        if chunk:
            writer.write_table(pa.table(list(zip(*chunk)), schema=schema))
else:
    sys.exit("format: csv or parquet")
