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
print({t: len(os.listdir(os.path.join(seeds, t))) for t in sorted(os.listdir(seeds))})
