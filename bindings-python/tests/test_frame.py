"""DataFrames: ``to_frame`` and ``assess_frame`` (pandas and polars), against the core's own summaries."""

from __future__ import annotations

import copy
import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import hokensho

DATES = ["2025-07-31", "2025-12-02", "2026-04-01", "2027-08-01"]
OUT = [
    "id",
    "covered",
    "legacy_card",
    "my_number_card",
    "certificate",
    "notice",
    "elderly_certificate",
    "needs_certificate",
    "needs_reason",
    "needs_from",
    "next_action",
    "next_document",
    "next_from",
    "next_until",
    "next_event",
    "next_event_on",
    "error_code",
    "error_path",
    "error",
    "error_message",
]
DATE_COLS = {"needs_from", "next_from", "next_until", "next_event_on"}


def _py(v: Any) -> Any:
    """A frame cell as plain Python (null → None, datetime → date)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, (pd.Timestamp, datetime)):
        return v.date()
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def _rows(out: Any) -> list[dict[str, Any]]:
    if isinstance(out, pl.DataFrame):
        return [{k: _py(v) for k, v in r.items()} for r in out.iter_rows(named=True)]
    return [{k: _py(v) for k, v in r.items()} for r in out.astype(object).to_dict("records")]


def _col(path: str) -> str:
    """A core path as the frame's columns spell it (`certificates[0].lost_on` → `certificates.0.lost_on`)."""
    return re.sub(r"\[(\d+)\]", r".\1", path)


def _expected(rules: hokensho.RuleSet, records: list[Any], on: Any) -> list[dict[str, Any]]:
    """The core's summaries (through `summaries_json`) as frame rows."""
    out = []
    for s in rules.summaries(records, on):
        if isinstance(s, hokensho.Error):
            out.append({"error": s})
            continue
        row = {k: getattr(s, k) for k in OUT if not k.startswith("error")}
        row.update(error_code=None, error_path=None, error=None, error_message=None)
        out.append(row)
    return out


@pytest.mark.parametrize("on", DATES)
def test_frame_equals_core_summaries(rules: hokensho.RuleSet, members: list[dict[str, Any]], on: str) -> None:
    df = hokensho.to_frame(members)
    out = rules.assess_frame(df, on)
    assert list(out.columns) == OUT
    assert len(out) == len(members)
    assert list(out.index) == list(df.index)
    assert _rows(out) == _expected(rules, members, on)


def test_frame_column_types(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    out = rules.assess_frame(hokensho.to_frame(members), "2025-12-02")
    assert str(out["covered"].dtype) == "boolean"
    assert str(out["needs_certificate"].dtype) == "boolean"
    for c in ("legacy_card", "certificate", "needs_reason", "next_action", "next_document", "next_event"):
        assert isinstance(out[c].dtype, pd.CategoricalDtype), c
    assert "valid" in list(out["legacy_card"].cat.categories)
    for c in DATE_COLS:
        assert out[c].dtype.kind == "M", c
    assert out["error"].isna().all()


def test_frame_threads_and_index(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    df = hokensho.to_frame(members * 50)
    df.index = pd.Index([f"r{i}" for i in range(len(df))])
    one = rules.assess_frame(df, "2025-12-02", threads=1)
    two = rules.assess_frame(df, "2025-12-02", threads=2)
    pd.testing.assert_frame_equal(one, two)
    assert list(one.index) == list(df.index)


def _bad_records(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Twelve records, ten of them bad in a different way each."""
    recs = [copy.deepcopy(members[i % 6]) for i in range(12)]
    recs[1]["birth_date"] = "1985-02-30"  # not a date
    recs[2]["insurer"] = "acme"  # no such profile
    del recs[3]["id"]  # missing id
    recs[4]["role"] = "boss"  # not a role
    recs[5]["legacy_card"] = {"issued_on": "2026-01-01"}  # after the issuance stop
    recs[7]["certificates"] = [{"basis": "bulk"}]  # a certificate with a basis but no issue date
    recs[8]["coverage"]["acquired_on"] = "2010.04.01"  # not a date form (2010/04/01 is one in frames)
    recs[9]["birth_date"] = "1800-01-01"  # outside the core's years
    recs[10]["abroad"] = "yes"  # not a boolean
    recs[11]["note"] = "hello"  # an unknown field
    return recs


def _core_error(rules: hokensho.RuleSet, record: dict[str, Any]) -> str | None:
    try:
        rules.assess(record, "2025-12-02")
    except hokensho.Error as e:
        return "; ".join(f"{x.code}: {_col(x.path)}" if x.path else x.code for x in e.errors)
    return None


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_frame_with_bad_rows(rules: hokensho.RuleSet, members: list[dict[str, Any]], backend: str) -> None:
    recs = _bad_records(members)
    df = hokensho.to_frame(recs, backend=backend)  # type: ignore[arg-type]
    out = rules.assess_frame(df, "2025-12-02")
    rows = _rows(out)
    assert len(rows) == len(recs)
    assert [r["id"] for r in rows] == [r.get("id") for r in recs]
    err = [r["error"] for r in rows]
    assert err[0] is None and err[6] is None
    assert err[1] == "invalid_date: birth_date"
    assert err[2] == "unknown_insurer: insurer"
    assert err[3] == "missing_field: id"
    assert err[4] == "invalid_value: role"
    assert err[5] is not None and "legacy_issued_after_stop: legacy_card.issued_on" in err[5]
    assert err[7] == "missing_field: certificates.0.issued_on"
    assert err[8] == "invalid_date: coverage.acquired_on"
    assert err[9] == "invalid_date: birth_date"
    assert err[10] == "invalid_type: abroad"
    assert err[11] == "unknown_field: note"
    # each error is the core's error for the record the row stands for
    assert err == [_core_error(rules, r) for r in recs]
    for r in rows:
        if r["error"] is not None:
            assert r["covered"] is None and r["legacy_card"] is None and r["needs_from"] is None
    # the good rows are the core's answers
    good = [i for i in range(len(recs)) if err[i] is None]
    assert [rows[i] for i in good] == _expected(rules, [recs[i] for i in good], "2025-12-02")


def test_frame_errors_are_the_cores(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    """Each bad row's error is the error the core gives for the record it stands for."""
    m = copy.deepcopy(members[0])
    m["certificates"][0]["lost_on"] = "2020-01-01"  # before its issue date
    m2 = copy.deepcopy(members[1])
    m2["coverage"]["lost_on"] = "2000-01-01"  # before acquisition
    df = hokensho.to_frame([m, m2])
    out = rules.assess_frame(df, "2025-12-02")
    for rec, got in zip([m, m2], out["error"]):
        with pytest.raises(hokensho.InvalidMember) as e:
            rules.assess(rec, "2025-12-02")
        assert got == "; ".join(f"{x.code}: {_col(x.path)}" if x.path else x.code for x in e.value.errors)


def test_frame_extra_ignore(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    df = hokensho.to_frame(members)
    df["department"] = "sales"
    assert rules.assess_frame(df, "2025-12-02")["error"].str.startswith("unknown_field: department").all()
    out = rules.assess_frame(df, "2025-12-02", extra="ignore")
    assert out["error"].isna().all()


def test_frame_list_gap_and_individual_number(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    df = hokensho.to_frame(members[:2])
    df["certificates.1.issued_on"] = pd.to_datetime(["2025-11-14", None])
    df["certificates.1.basis"] = ["bulk", None]
    df["certificates.1.expires_on"] = pd.to_datetime(["2027-09-30", None])
    df.loc[1, "id"] = "E-123456789018"
    out = rules.assess_frame(df, "2025-12-02")
    assert pd.isna(out["error"][0])  # two certificates
    assert out["error"][1] == "individual_number: id"
    assert "123456789018" not in out.to_string()
    assert pd.isna(out["id"][1])
    gap = hokensho.to_frame(members[1:2])
    gap["certificates.1.issued_on"] = ["2025-11-14"]
    gap["certificates.1.basis"] = ["bulk"]
    gap["certificates.1.expires_on"] = ["2027-09-30"]
    assert rules.assess_frame(gap, "2025-12-02")["error"][0] == "invalid_type: certificates.0"


@pytest.mark.parametrize("kind", ["datetime64", "date", "iso", "object-mixed"])
def test_frame_date_inputs(rules: hokensho.RuleSet, members: list[dict[str, Any]], kind: str) -> None:
    base = hokensho.to_frame(members)  # datetime64 columns
    want = rules.assess_frame(base, "2025-12-02")
    df = base.copy()
    for c in df.columns:
        if df[c].dtype.kind != "M":
            continue
        if kind == "date":
            df[c] = [None if pd.isna(x) else x.date() for x in df[c]]
        elif kind == "iso":
            df[c] = [None if pd.isna(x) else x.date().isoformat() for x in df[c]]
        elif kind == "object-mixed":
            df[c] = [
                None if pd.isna(x) else (x.date() if i % 3 == 0 else x.date().isoformat() if i % 3 == 1 else x)
                for i, x in enumerate(df[c])
            ]
    pd.testing.assert_frame_equal(rules.assess_frame(df, "2025-12-02"), want)


@pytest.mark.parametrize("on", [date(2025, 12, 1), "2025-12-01", "令和7年12月1日", "R7.12.1", np.datetime64("2025-12-01")])
def test_frame_query_dates(rules: hokensho.RuleSet, members: list[dict[str, Any]], on: Any) -> None:
    df = hokensho.to_frame(members)
    pd.testing.assert_frame_equal(rules.assess_frame(df, on), rules.assess_frame(df, "2025-12-01"))


def test_frame_bad_query_date(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.assess_frame(hokensho.to_frame(members), "R7.13.1")
    assert e.value.path == "on"


def test_frame_minimal_and_empty(rules: hokensho.RuleSet) -> None:
    df = pd.DataFrame(
        {
            "id": ["A", "B", 7],
            "insurer": pd.Categorical(["kenpo", "kokuho", "kenpo"]),
            "role": ["insured", "dependent", "insured"],
            "birth_date": pd.to_datetime(["1980-05-10", "2015-01-01", "1990-01-01"]),
            "coverage.acquired_on": [date(2010, 4, 1), date(2015, 1, 1), date(2012, 1, 1)],
        }
    )
    out = rules.assess_frame(df, "2025-12-02")
    assert list(out["needs_certificate"][:2]) == [True, True]
    assert pd.isna(out["needs_certificate"][2])
    assert out["error"][2] == "invalid_type: id"
    empty = rules.assess_frame(df.iloc[0:0], "2025-12-02")
    assert list(empty.columns) == OUT and len(empty) == 0
    nothing = rules.assess_frame(pd.DataFrame({"x": [1, None]}), "2025-12-02")
    assert len(nothing) == 2 and nothing["error"].notna().all()


def test_frame_int_ids_become_text(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    df = hokensho.to_frame(members[:3])
    df["id"] = [10, 20, 30]
    out = rules.assess_frame(df, "2025-12-02")
    assert out["error"].isna().all()
    # the output's `id` is the member's id as the core sees it: text (the Arrow output schema's `id` is a string)
    assert list(out["id"]) == ["10", "20", "30"]


def test_polars_frames(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    pdf = hokensho.to_frame(members)
    plf = hokensho.to_frame(members, backend="polars")
    assert isinstance(plf, pl.DataFrame)
    assert plf.schema["birth_date"] == pl.Date
    for on in DATES:
        out = rules.assess_frame(plf, on)
        assert isinstance(out, pl.DataFrame)
        assert out.columns == OUT
        assert _rows(out) == _rows(rules.assess_frame(pdf, on)) == _expected(rules, members, on)
    out = rules.assess_frame(plf, "2025-12-02")
    assert out.schema["needs_from"] == pl.Date
    assert isinstance(out.schema["legacy_card"], pl.Enum)
    assert out.schema["covered"] == pl.Boolean


def test_to_frame_round_trip(members: list[dict[str, Any]]) -> None:
    df = hokensho.to_frame(members)
    cols = list(df.columns)
    assert cols[:4] == ["id", "insurer", "role", "birth_date"]
    assert "certificates.0.basis" in cols and "face_changes.0.reason" in cols
    assert set(cols) <= set(hokensho.frame_columns(1, 1))
    assert df["legacy_card.issued_on"].dtype.kind == "M"
    assert str(df["abroad"].dtype) == "boolean"
    typed = hokensho.to_frame([hokensho.Member.from_dict(m) for m in members])
    pd.testing.assert_frame_equal(typed, df)
    bad = hokensho.to_frame([{**members[0], "birth_date": "1958-13-15"}, members[1]])
    assert bad["birth_date"].dtype.kind != "M"  # a bad value keeps the column as text
    assert bad["coverage.acquired_on"].dtype.kind == "M"


def test_frame_equals_core_on_generated_members(rules: hokensho.RuleSet) -> None:
    """The benchmark's generated members (all five profiles, with and without each document): the columnar path
    gives the core's summary for every row, on several dates, and errors where the core errs."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import bench
    finally:
        sys.path.pop(0)
    df = bench.generate(3000, seed=11)
    recs = bench.records(df)
    for on in DATES:
        out = rules.assess_frame(df, on)
        got = _rows(out)
        want = _expected(rules, recs, on)
        for g, w in zip(got, want):
            if isinstance(w["error"], hokensho.Error):
                assert g["error"] == "; ".join(f"{x.code}: {_col(x.path)}" if x.path else x.code for x in w["error"].errors)
            else:
                assert g == w
        assert len(got) == len(want) == len(df)


def test_frame_odd_column_names(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    df = hokensho.to_frame(members[:2])
    df[7] = [None, "x"]  # a non-string column name, set on the second row
    df["E-123456789018"] = [None, None]  # a name that looks like an individual number, never set
    out = rules.assess_frame(df, "2025-12-02")
    assert pd.isna(out["error"][0])
    assert out["error"][1] == "unknown_field: 7"
    df.loc[0, "E-123456789018"] = "y"
    out = rules.assess_frame(df, "2025-12-02")
    assert out["error"][0] == "unknown_field: ?"
    assert "123456789018" not in out.to_string()
