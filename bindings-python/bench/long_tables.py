"""Benchmark (not a test): assess_frame against the long tables, 20,000 members (the example members repeated),
pandas, default threads. Usage: bindings-python/.venv/bin/python bindings-python/bench/long_tables.py"""
import time, copy
import hokensho
rules = hokensho.RuleSet.embedded()
base = hokensho.example_members()
recs = []
for i in range(20000):
    m = copy.deepcopy(base[i % len(base)]); m["id"] = f"G-{i}"; recs.append(m)
df = hokensho.to_frame(recs)
for name, f in [("assess_frame", lambda: rules.assess_frame(df, "2025-12-02")),
                ("obligations_frame", lambda: rules.obligations_frame(df, "2025-12-02")),
                ("events_frame", lambda: rules.events_frame(df, "2025-12-02", until="2027-12-31"))]:
    f()
    best = min((lambda t0: (f(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(3))
    out = f()
    print(f"{name}: 20,000 members -> {len(out):,} rows in {best:.3f} s ({len(out)/best:,.0f} output rows/s, {20000/best:,.0f} members/s)")
f = lambda: rules.obligations_frame(df, "2025-12-02", texts=False)
f(); best = min((lambda t0: (f(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(3)); out = f()
print(f"obligations_frame texts=False: {len(out):,} rows in {best:.3f} s ({len(out)/best:,.0f} output rows/s)")
f = lambda: rules.events_frame(df, "2025-12-02", until="2027-12-31", texts=False)
f(); best = min((lambda t0: (f(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(3)); out = f()
print(f"events_frame texts=False: {len(out):,} rows in {best:.3f} s ({len(out)/best:,.0f} output rows/s)")
