#!/usr/bin/env python3
"""Streams N generated JSON Lines members to stdout for scripts/load.sh, in bounded memory: the valid rows are
the example members of examples/members.jsonl (every profile) with a fresh id, and exactly one row in a hundred
(row numbers 100, 200, …) is bad, rotating through invalid JSON, a missing field, an impossible date, an
unknown insurer and a wrong type. Usage: load-gen.py N > FILE"""
import json
import os
import sys

n = int(sys.argv[1])
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
templates = []
with open(os.path.join(root, "examples", "members.jsonl"), encoding="utf-8") as f:
    for line in f:
        if line.strip():
            m = json.loads(line)
            m["id"] = "\0"
            pre, post = json.dumps(m, ensure_ascii=False, separators=(",", ":")).split('"\\u0000"')
            templates.append((pre + '"', '"' + post + "\n"))
bad = [
    '{"id":"B-%d","insurer":"kenpo","role":"insured"\n',  # invalid JSON (cut short)
    '{"id":"B-%d","insurer":"kenpo","role":"insured","coverage":{"acquired_on":"2010-04-01"}}\n',  # no birth_date
    '{"id":"B-%d","insurer":"kenpo","role":"insured","birth_date":"1980-02-30","coverage":{"acquired_on":"2010-04-01"}}\n',
    '{"id":"B-%d","insurer":"nowhere","role":"insured","birth_date":"1980-05-10","coverage":{"acquired_on":"2010-04-01"}}\n',
    '{"id":"B-%d","insurer":"kenpo","role":"insured","birth_date":"1980-05-10","coverage":{"acquired_on":"2010-04-01"},"certificates":{}}\n',
]
out = sys.stdout
chunk = []
t = len(templates)
for i in range(1, n + 1):
    if i % 100 == 0:
        chunk.append(bad[(i // 100) % len(bad)] % i)
    else:
        pre, post = templates[i % t]
        chunk.append(pre + "G-" + str(i) + post)
    if len(chunk) == 10000:
        out.write("".join(chunk))
        chunk.clear()
out.write("".join(chunk))
