"""Assess the example members month by month and chart how many need an eligibility certificate.

Loads ``examples/members.jsonl`` into a DataFrame (``hokensho.to_frame``: one row per member, flat prefixed
columns), assesses it on the first day of every month with ``RuleSet.assess_frame``, prints a table, and writes
a bar chart (SVG, matplotlib's Agg backend) into an output directory.

    pip install ./bindings-python pandas matplotlib
    python examples/python/assess_members.py [--out DIR] [--from 2025-06-01] [--months 31]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import hokensho  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "members.jsonl"


def month_starts(first: date, months: int) -> list[date]:
    """The first day of ``months`` consecutive months from ``first``'s month."""
    out: list[date] = []
    y, m = first.year, first.month
    for _ in range(months):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def certificates_per_month(rules: hokensho.RuleSet, frame: pd.DataFrame, days: list[date]) -> pd.DataFrame:
    """For each day: members assessed, covered, needing a certificate, and rows in error."""
    rows = []
    for d in days:
        out = rules.assess_frame(frame, d)
        rows.append(
            {
                "month": pd.Timestamp(d),
                "members": len(out),
                "covered": int(out["covered"].fillna(False).sum()),
                "need_certificate": int(out["needs_certificate"].fillna(False).sum()),
                "errors": int(out["error"].notna().sum()),
            }
        )
    return pd.DataFrame(rows).set_index("month")


def main() -> None:
    """Runs the example: table on stdout, chart into ``--out``."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "hokensho-examples")
    p.add_argument("--from", dest="first", type=date.fromisoformat, default=date(2025, 6, 1))
    p.add_argument("--months", type=int, default=31)
    args = p.parse_args()

    records = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    frame = hokensho.to_frame(records)
    rules = hokensho.RuleSet.embedded()

    # one day in detail: the status of each member's documents
    detail = rules.assess_frame(frame, "令和7年12月2日")
    print(detail[["id", "covered", "legacy_card", "my_number_card", "certificate", "needs_certificate", "needs_reason"]])

    table = certificates_per_month(rules, frame, month_starts(args.first, args.months))
    print(table.to_string())

    fig, ax = plt.subplots(figsize=(10, 4))
    labels = [m.strftime("%Y-%m") for m in table.index]
    ax.bar(labels, table["need_certificate"], color="#c62828", label="need a certificate")
    ax.plot(labels, table["covered"], color="#2e7d32", marker="o", label="covered")
    ax.set_ylabel("members")
    ax.set_title("Members who must obtain an eligibility certificate, by month")
    ax.tick_params(axis="x", labelrotation=90)
    ax.legend()
    fig.tight_layout()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "certificates_per_month.svg"
    fig.savefig(path)
    plt.close(fig)
    print(f"chart: {path}")


if __name__ == "__main__":
    main()
