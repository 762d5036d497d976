"""Rows per second of the Python binding, beside a plain-Python baseline.

- ``assess`` in a loop (one call per member, full answers: texts and trace) on a 20k subset;
- ``assess_many`` (one batch call, full answers) on 100k members;
- ``assess_frame`` on 1,000,000 members, end to end (pandas frame in, pandas frame out);
- the baseline: a plain-Python reimplementation of the legacy-card and certificate rules, row by row, as a notebook
  user would otherwise write it (on a 100k subset).

Members are generated columnar with numpy (seeded): the five insurer profiles in realistic proportions, with and
without each document. Run after ``bindings-python/test.sh`` (which builds the extension into the venv):

    bindings-python/.venv/bin/python bindings-python/bench/bench.py [--rows 1000000] [--on 2025-12-02]
"""

from __future__ import annotations

import argparse
import math
import os
import time
from datetime import date
from typing import Any, Callable

import numpy as np
import numpy.typing as npt
import pandas as pd

import hokensho

PROFILES = ["kyokai", "kenpo", "kokuho", "kyosai", "kouki"]
SHARES = [0.35, 0.25, 0.20, 0.07, 0.13]
EPOCH = np.datetime64("1970-01-01", "D")
NAT = np.datetime64("NaT", "D")

Days = npt.NDArray[Any]


def _d(s: str) -> np.datetime64:
    return np.datetime64(s, "D")


def generate(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` members in the frame format of ``assess_frame`` (datetime64 columns, NaT for null)."""
    rng = np.random.default_rng(seed)

    def days_between(lo: str | Days, hi: str | Days) -> Days:
        lo_a = np.broadcast_to(np.asarray(lo, dtype="datetime64[D]"), (n,))
        hi_a = np.broadcast_to(np.asarray(hi, dtype="datetime64[D]"), (n,))
        span = np.maximum((hi_a - lo_a).astype(np.int64), 1)
        out: Days = lo_a + (rng.random(n) * span).astype("timedelta64[D]")
        return out

    def maybe(p: float, values: Days, where: npt.NDArray[np.bool_] | None = None) -> Days:
        keep = rng.random(n) < p
        if where is not None:
            keep &= where
        out: Days = np.where(keep, values, NAT)
        return out

    insurer = rng.choice(np.array(PROFILES, dtype=object), size=n, p=SHARES)
    kouki = insurer == "kouki"
    kokuho = insurer == "kokuho"
    # ages: working-age for employee schemes, wider for kokuho, 75+ for kouki
    birth = np.where(
        kouki,
        days_between("1930-01-01", "1950-06-30"),
        np.where(kokuho, days_between("1952-01-01", "2024-06-30"), days_between("1956-01-01", "2007-03-31")),
    )
    dependent = (rng.random(n) < 0.3) & ~kouki & ~kokuho
    role = np.where(dependent, "dependent", "insured").astype(object)
    acquired = np.maximum(birth, days_between("2000-04-01", "2025-06-30"))
    acquired = np.where(kouki, np.maximum(birth + np.timedelta64(75 * 365 + 19, "D"), _d("2008-04-01")), acquired)
    lost = maybe(0.08, acquired + (rng.random(n) * 3000 + 30).astype("timedelta64[D]"))
    voluntary = (rng.random(n) < 0.02) & (insurer == "kenpo")

    received = maybe(0.92, np.maximum(days_between("2016-01-01", "2025-10-31"), acquired))
    registered_nof = np.where(rng.random(n) < 0.5, received + np.timedelta64(3, "D"), NAT)

    def not_after_lost(d: Days) -> Days:
        out: Days = np.where(~np.isnat(lost) & (d >= lost), NAT, d)
        return out

    lc_issued = not_after_lost(maybe(0.85, np.minimum(np.maximum(days_between("2014-04-01", "2024-11-30"), acquired), _d("2024-11-30"))))
    lc_issued = np.where(lc_issued < acquired, NAT, lc_issued)
    lc_expires = maybe(0.15, lc_issued + np.timedelta64(700, "D"), ~np.isnat(lc_issued))
    lc_expires = np.where(kokuho & ~np.isnat(lc_issued), lc_issued + np.timedelta64(730, "D"), lc_expires)
    lc_lost = maybe(0.02, lc_issued + np.timedelta64(200, "D"), ~np.isnat(lc_issued))

    mc_issued = maybe(0.75, np.maximum(days_between("2016-02-01", "2025-10-31"), birth + np.timedelta64(30, "D")))
    mc_registered = maybe(0.85, mc_issued + (rng.random(n) * 900).astype("timedelta64[D]"), ~np.isnat(mc_issued))
    mc_cancelled = maybe(0.01, mc_registered + np.timedelta64(120, "D"), ~np.isnat(mc_registered))
    mc_lost = maybe(0.01, mc_issued + np.timedelta64(400, "D"), ~np.isnat(mc_issued))

    # certificates: bulk rounds, applications and automatic issuance (kouki), with a printed expiry
    has_cert = (rng.random(n) < 0.45) & ~np.isnat(acquired)
    c_issued = not_after_lost(np.where(has_cert, np.maximum(days_between("2024-12-02", "2025-11-30"), acquired), NAT))
    c_basis = np.where(
        kouki, "automatic", np.where(rng.random(n) < 0.6, "bulk", np.where(rng.random(n) < 0.9, "application", "temporary"))
    ).astype(object)
    c_basis[np.isnat(c_issued)] = None
    c_expires = np.where(np.isnat(c_issued), NAT, c_issued + (rng.integers(1, 5, n) * 365).astype("timedelta64[D]"))
    c_lost = maybe(0.01, c_issued + np.timedelta64(60, "D"), ~np.isnat(c_issued))

    notice = not_after_lost(maybe(0.5, np.maximum(mc_registered, _d("2024-12-02")) + np.timedelta64(20, "D"), ~np.isnat(mc_registered)))
    age70 = birth + np.timedelta64(70 * 365 + 17, "D")
    elderly = (age70 <= _d("2025-12-31")) & (birth > _d("1950-12-31")) & ~kouki
    el_issued = not_after_lost(np.where(elderly & (rng.random(n) < 0.9), np.maximum(age70, acquired), NAT))
    face_on = not_after_lost(maybe(0.05, np.maximum(days_between("2023-01-01", "2025-10-31"), acquired)))
    face_reason = rng.choice(np.array(["marriage", "transfer", "other"], dtype=object), n)
    face_reason[np.isnat(face_on)] = None

    ids = np.char.add("M-", np.arange(n).astype(str)).astype(object)
    cols: dict[str, Any] = {
        "id": ids,
        "insurer": pd.Categorical(insurer, categories=PROFILES),
        "role": pd.Categorical(role, categories=["insured", "dependent"]),
        "birth_date": birth,
        "abroad": rng.random(n) < 0.01,
        "needs_assistance": rng.random(n) < 0.02,
        "coverage.acquired_on": acquired,
        "coverage.lost_on": lost,
        "coverage.voluntary_continuation": voluntary,
        "number_on_file.received_on": received,
        "number_on_file.registered_on": np.where(np.isnat(received), NAT, registered_nof),
        "legacy_card.issued_on": lc_issued,
        "legacy_card.expires_on": lc_expires,
        "legacy_card.lost_on": lc_lost,
        "my_number_card.issued_on": mc_issued,
        "my_number_card.registered_on": mc_registered,
        "my_number_card.cancelled_on": mc_cancelled,
        "my_number_card.lost_on": mc_lost,
        "certificates.0.issued_on": c_issued,
        "certificates.0.expires_on": c_expires,
        "certificates.0.basis": pd.Categorical(c_basis, categories=["bulk", "application", "automatic", "temporary"]),
        "certificates.0.lost_on": c_lost,
        "notice.issued_on": notice,
        "elderly_certificate.issued_on": el_issued,
        "face_changes.0.on": face_on,
        "face_changes.0.reason": pd.Categorical(face_reason, categories=["marriage", "transfer", "voluntary_continuation", "other"]),
    }
    return pd.DataFrame(cols)


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as contract dicts (the inverse of ``hokensho.to_frame``)."""
    out: list[dict[str, Any]] = []
    names = list(df.columns)
    cols = [df[c].astype(object).tolist() for c in names]
    for values in zip(*cols):
        m: dict[str, Any] = {}
        for name, v in zip(names, values):
            if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
                continue
            if isinstance(v, pd.Timestamp):
                v = v.date().isoformat()
            elif isinstance(v, np.bool_):
                v = bool(v)
            parts = name.split(".")
            if len(parts) == 1:
                m[name] = v
            elif len(parts) == 2:
                m.setdefault(parts[0], {})[parts[1]] = v
            else:
                lst = m.setdefault(parts[0], [])
                k = int(parts[1])
                while len(lst) <= k:
                    lst.append({})
                lst[k][parts[2]] = v
        out.append(m)
    return out


# ---------------------------------------------------------------------------------------------------------
# the baseline a notebook user would otherwise write


TRANSITION_LAST_DAY = pd.Timestamp("2025-12-01")
BASELINE_COLUMNS = [
    "coverage.acquired_on",
    "coverage.lost_on",
    "legacy_card.issued_on",
    "legacy_card.expires_on",
    "legacy_card.lost_on",
    "certificates.0.issued_on",
    "certificates.0.expires_on",
    "certificates.0.lost_on",
    "my_number_card.issued_on",
    "my_number_card.registered_on",
    "my_number_card.cancelled_on",
    "my_number_card.lost_on",
    "number_on_file.received_on",
]


def baseline(df: pd.DataFrame, on: date) -> list[tuple[bool, str | None, str | None, bool]]:
    """Covered, legacy-card status, certificate status and the need for a certificate, row by row in plain Python
    from the same DataFrame: a simplified reading of the legacy-card and certificate rules (no face changes,
    e-certificates, registration delays, profiles or elderly rules), as a notebook user would write it."""
    day = pd.Timestamp(on)
    out: list[tuple[bool, str | None, str | None, bool]] = []
    rows = df[BASELINE_COLUMNS].itertuples(index=False, name=None)
    for acq, lost, lc_i, lc_x, lc_l, c_i, c_x, c_l, mc_i, mc_r, mc_c, mc_l, nof in rows:
        covered = acq <= day and (pd.isna(lost) or day < lost)
        lc: str | None = None
        if not pd.isna(lc_i):
            if lc_i > day:
                lc = "not_yet_valid"
            elif (not pd.isna(lc_l) and lc_l <= day) or not covered:
                lc = "invalidated"
            elif not pd.isna(lc_x) and lc_x < day:
                lc = "expired"
            elif day > TRANSITION_LAST_DAY:
                lc = "ended"
            else:
                lc = "valid"
        sc: str | None = None
        if not pd.isna(c_i):
            if c_i > day:
                sc = "not_yet_valid"
            elif (not pd.isna(c_l) and c_l <= day) or not covered:
                sc = "invalidated"
            elif not pd.isna(c_x) and c_x < day:
                sc = "expired"
            else:
                sc = "valid"
        mc_ok = (
            not pd.isna(mc_i)
            and not pd.isna(mc_r)
            and mc_r <= day
            and pd.isna(mc_c)
            and pd.isna(mc_l)
            and not pd.isna(nof)
        )
        out.append((covered, lc, sc, covered and not mc_ok and lc != "valid" and sc != "valid"))
    return out


# ---------------------------------------------------------------------------------------------------------


def timed(f: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    r = f()
    return time.perf_counter() - t, r


def best_of(repeat: int, f: Callable[[], Any]) -> tuple[float, Any]:
    """The best time of ``repeat`` runs (the first run also pays for fresh memory), and the last result."""
    best, result = math.inf, None
    for _ in range(max(1, repeat)):
        result = None  # free the previous result first
        t, result = timed(f)
        best = min(best, t)
    return best, result


def main() -> None:
    """Runs every measurement and prints the table."""
    p = argparse.ArgumentParser(description="hokensho Python binding: rows per second")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--on", default="2025-12-02")
    p.add_argument("--repeat", type=int, default=3, help="runs per measure (the best is reported)")
    args = p.parse_args()
    on = date.fromisoformat(args.on)
    rules = hokensho.RuleSet.embedded()

    t_gen, df = timed(lambda: generate(args.rows))
    print(f"generated {len(df):,} members in {t_gen:.2f}s (columnar, numpy); {os.cpu_count()} CPUs")
    sub20 = records(df.iloc[:20_000])
    sub100 = records(df.iloc[:100_000])
    frame100 = df.iloc[:100_000]

    results: list[tuple[str, int, float]] = []
    t, _ = best_of(args.repeat, lambda: [rules.assess(m, on) for m in sub20])
    results.append(("assess, loop (texts + trace)", len(sub20), t))
    t, _ = best_of(args.repeat, lambda: [rules.assess(m, on, messages=False, trace=False) for m in sub20])
    results.append(("assess, loop (codes only)", len(sub20), t))
    t, many = best_of(args.repeat, lambda: rules.assess_many(sub100, on))
    results.append(("assess_many (texts + trace)", len(sub100), t))
    t, _ = best_of(args.repeat, lambda: rules.assess_many(sub100, on, messages=False, trace=False))
    results.append(("assess_many (codes only)", len(sub100), t))
    t, out = best_of(args.repeat, lambda: rules.assess_frame(df, on))
    results.append(("assess_frame, end to end", len(df), t))
    t, out1 = best_of(args.repeat, lambda: rules.assess_frame(df, on, threads=1))
    results.append(("assess_frame, end to end, 1 thread", len(df), t))
    t, base = best_of(args.repeat, lambda: baseline(frame100, on))
    results.append(("plain-Python baseline (LC + SC rules)", len(frame100), t))

    print()
    print(f"{'measure':<40} {'rows':>10} {'seconds':>9} {'rows/s':>12}")
    print("-" * 74)
    for name, rows, secs in results:
        print(f"{name:<40} {rows:>10,} {secs:>9.3f} {rows / secs:>12,.0f}")
    print()
    errors = sum(1 for a in many if isinstance(a, hokensho.Error))
    print(f"rows in error: assess_frame {int(out['error'].notna().sum()):,} of {len(df):,}; "
          f"assess_many {errors:,} of {len(sub100):,}")
    assert out.equals(out1)
    needs = out["needs_certificate"].fillna(False).to_numpy()
    agree = sum(1 for i, b in enumerate(base) if b[3] == bool(needs[i])) / len(base)
    print(f"the baseline agrees with the core on needs_certificate for {agree:.1%} of its rows")


if __name__ == "__main__":
    main()
