#!/usr/bin/env python3
"""Writes the committed seed corpus (fuzz/seeds/<target>/) from the repository's own inputs: the example
members, the conformance corpus's members, the shipped rule files and a list of date strings. Run again when
those change; libFuzzer only reads the seeds, new inputs go to fuzz/corpus/ (ignored)."""
import glob
import hashlib
import json
import os
import shutil

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
seeds = os.path.join(here, "seeds")


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(seeds, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


shutil.rmtree(seeds, ignore_errors=True)
members = [l for l in open(os.path.join(root, "examples/members.jsonl"), encoding="utf-8").read().splitlines() if l]
dates = set()
for path in sorted(glob.glob(os.path.join(root, "tests/conformance/*.json"))):
    doc = json.load(open(path, encoding="utf-8"))
    for sc in doc.get("scenarios", []):
        m = sc.get("member")
        if m is not None:
            members.append(json.dumps(m, ensure_ascii=False, separators=(",", ":")))
        for k in ("on", "from", "to"):
            if isinstance(sc.get(k), str):
                dates.add(sc[k])
for m in members:
    write("member_json", m)
on = "2025-12-02"
few = [json.loads(m) for m in members[:3]]
for i, m in enumerate(members[:40]):
    mv = json.loads(m)
    write("api_requests", bytes([0]) + json.dumps({"member": mv, "on": on, "options": {"trace": i % 2 == 0}}).encode())
    write("api_requests", bytes([2]) + json.dumps({"member": mv, "from": "2024-12-01", "to": "令和9年3月31日"}).encode())
    write("api_requests", bytes([3]) + json.dumps({"member": mv, "on": "R7.12.2", "lang": ["ja", "en"][i % 2]}).encode())
    write("api_requests", bytes([5]) + json.dumps({"member": mv, "from": "2024-12-01", "to": "令和9年3月31日",
                                                   "lang": ["ja", "en"][i % 2], "alarm_days": i % 30}).encode())
write("api_requests", bytes([1]) + json.dumps({"members": few + [{"id": 1}], "on": on}).encode())
write("api_requests", bytes([4]) + json.dumps({"members": few, "on": on}).encode())
# the shipped rule files, in the order of core/src/ruleset.rs EMBEDDED_FILES: mode byte i replaces file i
order = ["national.toml"] + [f"profiles/{p}.toml" for p in ("kenpo", "kyokai", "kyosai", "kokuho", "kouki")]
texts = [open(os.path.join(root, "rules", n), encoding="utf-8").read() for n in order]
for i, t in enumerate(texts):
    write("rule_files", bytes([i]) + t.encode())
write("rule_files", bytes([len(texts)]) + "\0".join(texts).encode())
dates |= {"2025-12-02", "令和7年12月1日", "令和元年5月1日", "R7.12.1", "R07/12/01", "r7-12-1", "Ｒ７．１２．１",
          "平成31年4月30日", "平成31年5月1日", "昭和64年1月7日", "大正15年12月24日", "明治1年1月25日", "M45.7.29",
          "H1.1.8", "S1.12.25", "1900-01-01", "2200-12-31", "2024-02-29", "2023-02-29", " 2025-12-02 ", "R0.1.1"}
for d in sorted(dates):
    write("dates", d)

# csv_rows: mode byte (encoding auto/UTF-8/Shift_JIS, bit 2 = the HR mapping, bits 3-5 = chunk rows - 1,
# bit 7 = an `on` column) + CSV bytes: the example members as flat columns, a bad row or two, the HR roster
import csv as _csv
import io as _io


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
            out[key] = str(v)
    return out


rows = [flat(json.loads(m)) for m in members[:60]]
for k in range(0, len(rows), 6):
    part = rows[k:k + 6]
    cols = sorted({c for r in part for c in r}, key=lambda c: (c != "id", c))
    buf = _io.StringIO()
    w = _csv.writer(buf, lineterminator="\r\n" if k % 12 else "\n")
    w.writerow(cols + (["on"] if k % 18 == 0 else []))
    for i, r in enumerate(part):
        w.writerow([r.get(c, "") for c in cols] + (["2026/8/1" if i % 2 else ""] if k % 18 == 0 else []))
    text = buf.getvalue()
    if k % 4 == 0:
        text += "only-one-field\n"
    mode = (k // 6) % 3 | (((k // 6) % 8) << 3) | (0x80 if k % 18 == 0 else 0)
    if (k // 6) % 3 == 2:
        write("csv_rows", bytes([mode]) + text.encode("shift_jis", errors="replace"))
    else:
        write("csv_rows", bytes([mode]) + text.encode())
hr = open(os.path.join(root, "examples/hr/roster.csv"), "rb").read()
write("csv_rows", bytes([0x04]) + hr)
write("csv_rows", bytes([0x04 | 2 | (1 << 3)]) + hr)
write("csv_rows", bytes([1]) + b"id,insurer,role,birth_date,coverage.acquired_on\nA,kenpo,insured,1980-01-01,2010-04-01\nB,ke\xff,insured,1980-01-01,2010-04-01\n")
# arrow_batches: the bytes an `arbitrary::Unstructured` decodes into a batch; fixed pseudo-random strings of a
# few lengths (libFuzzer grows them), so the replayed seeds cover many column types
for i in range(24):
    write("arrow_batches", hashlib.sha256(f"arrow-{i}".encode()).digest() * (1 + i % 8))
print({t: len(os.listdir(os.path.join(seeds, t))) for t in sorted(os.listdir(seeds))})
