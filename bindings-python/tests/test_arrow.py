"""The Arrow path of ``assess_frame``: every kind of frame in (pyarrow, Arrow-backed pandas, polars, DuckDB, any
PyCapsule object), the same kind out, per-row dates, spreadsheet forms of values, against the core's answers."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import hokensho

DATES = ["2025-07-31", "2025-12-02", "2026-04-01", "2027-08-01"]


def _table(members: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pandas(hokensho.to_frame(members), preserve_index=False)


def _plain(t: pa.Table) -> list[dict[str, Any]]:
    """Rows with dictionaries decoded, for comparing across kinds."""
    return t.cast(pa.schema([pa.field(f.name, pa.string() if pa.types.is_dictionary(f.type) else f.type) for f in t.schema])).to_pylist()


def test_pyarrow_kinds_in_and_out(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    t = _table(members)
    out = rules.assess_frame(t, "2025-12-02")
    assert isinstance(out, pa.Table) and out.num_rows == len(members)
    assert out.column_names[-4:] == ["error_code", "error_path", "error", "error_message"]
    assert out.schema.field("legacy_card").type == pa.dictionary(pa.int8(), pa.string())
    assert out.schema.field("needs_from").type == pa.date32()
    batch = rules.assess_frame(t.combine_chunks().to_batches()[0], "2025-12-02")
    assert isinstance(batch, pa.RecordBatch)
    assert pa.Table.from_batches([batch]).equals(out.combine_chunks())
    reader = pa.RecordBatchReader.from_batches(t.schema, t.to_batches(max_chunksize=5))
    lazy = rules.assess_frame(reader, "2025-12-02")
    assert isinstance(lazy, pa.RecordBatchReader)
    assert lazy.read_all().combine_chunks().equals(out.combine_chunks())
    # the same rows as the pandas path, and as the core
    pdf = rules.assess_frame(hokensho.to_frame(members), "2025-12-02")
    assert [r["id"] for r in _plain(out)] == list(pdf["id"])
    for row, s in zip(_plain(out), rules.summaries(members, "2025-12-02")):
        assert not isinstance(s, hokensho.Error)
        assert row["next_action"] == s.next_action and row["needs_from"] == s.needs_from


class _Capsule:
    """Only the Arrow PyCapsule stream interface."""

    def __init__(self, t: pa.Table) -> None:
        self.t = t

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.t.__arrow_c_stream__(requested_schema)


def test_any_pycapsule_object_polars_arrow_pandas_and_duckdb(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    t = _table(members)
    want = _plain(rules.assess_frame(t, "2025-12-02"))
    assert _plain(rules.assess_frame(_Capsule(t), "2025-12-02")) == want
    arrow_pandas = t.to_pandas(types_mapper=pd.ArrowDtype)
    got = rules.assess_frame(arrow_pandas, "2025-12-02")
    assert isinstance(got, pd.DataFrame)
    assert isinstance(got["needs_from"].dtype, pd.ArrowDtype)  # Arrow-backed in, Arrow-backed out
    assert _plain(pa.Table.from_pandas(got, preserve_index=False)) == want
    pl_out = rules.assess_frame(pl.from_arrow(t), "2025-12-02")
    assert isinstance(pl_out, pl.DataFrame)
    assert _plain(pl_out.to_arrow()) == want
    lazy = rules.assess_frame(pl.from_arrow(t).lazy(), "2025-12-02")
    assert isinstance(lazy, pl.LazyFrame)
    duckdb = pytest.importorskip("duckdb")
    rel = duckdb.from_arrow(t)
    out = rules.assess_frame(rel, "2025-12-02")
    assert type(out).__module__.split(".")[0] == "duckdb"
    assert _plain(out.arrow().read_all() if hasattr(out.arrow(), "read_all") else out.arrow()) == want


def test_one_date_per_row(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    df = hokensho.to_frame(members * 4)
    days = [DATES[i % 4] for i in range(len(df))]
    # the answers each row would get with its date alone
    per_date = {d: rules.assess_frame(df, d) for d in DATES}
    want = pd.concat([per_date[d].iloc[[i]] for i, d in enumerate(days)]).reset_index(drop=True)
    for on in (pd.Series(days), pd.Series(pd.to_datetime(days)), pl.Series(days), pa.array(days), [date.fromisoformat(d) for d in days]):
        got = rules.assess_frame(df, on)
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)
    df2 = df.copy()
    df2["query_date"] = days
    got = rules.assess_frame(df2, "query_date")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)
    # in polars, per-row dates keep the row order
    plf = hokensho.to_frame(members * 4, backend="polars").with_columns(pl.Series("query_date", days))
    assert rules.assess_frame(plf, "query_date")["id"].to_list() == list(df["id"])
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.assess_frame(df, pd.Series(days[:-1]))
    assert e.value.path == "on"


def test_spreadsheet_forms(rules: hokensho.RuleSet) -> None:
    base = {
        "id": "A",
        "insurer": "kenpo",
        "role": "insured",
        "birth_date": "1980-05-10",
        "abroad": "false",
        "coverage.acquired_on": "2010-04-01",
        "number_on_file.received_on": "2024-05-01",
        "legacy_card.issued_on": "2019-04-01",
    }
    forms = {
        "id": " A ",
        "insurer": "kenpo ",
        "birth_date": "昭和55年5月10日",
        "abroad": "いいえ",
        "coverage.acquired_on": "2010/4/1",
        "number_on_file.received_on": "R6.5.1",
        "legacy_card.issued_on": "2019/04/01 00:00:00",
    }
    df = pd.DataFrame([base, {**base, **forms}, {**base, "abroad": "maybe"}])
    out = rules.assess_frame(df, "2025-12-02")
    a, b = out.iloc[0].to_dict(), out.iloc[1].to_dict()
    assert a == b
    assert out["error"][2] == "invalid_type: abroad"
    assert out["error_code"][2] == "invalid_type" and out["error_path"][2] == "abroad"


def test_full_answers(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    out = rules.assess_frame(hokensho.to_frame(members[:3]), "2025-12-02", full=True)
    env = json.loads(out["assessment"][0])
    assert env["ok"] and env["result"]["id"] == members[0]["id"]
    assert env["result"]["trace"]


def test_the_schema_file_is_what_the_binding_uses() -> None:
    from pathlib import Path

    from hokensho import _frame

    path = Path(__file__).resolve().parents[2] / "columnar" / "schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == _frame._SCHEMA


def test_assess_frame_takes_the_knowledge_date() -> None:
    import pyarrow as pa

    import hokensho

    rules = hokensho.RuleSet.embedded()
    m = {
        "id": "F-PROV",
        "insurer": "kyokai",
        "role": "insured",
        "birth_date": "1980-05-10",
        "coverage": {"acquired_on": "2010-04-01"},
        "number_on_file": {"received_on": "2024-05-01"},
        "legacy_card": {"issued_on": "2019-04-01"},
    }
    table = pa.table({k: [v] for k, v in hokensho.to_frame([m]).iloc[0].items() if v == v})
    latest = rules.assess_frame(table, "2026-05-15", full=True)
    old = rules.assess_frame(table, "2026-05-15", full=True, rules_as_of="2026-03-18")
    a_latest = json.loads(latest.column("assessment")[0].as_py())["result"]
    a_old = json.loads(old.column("assessment")[0].as_py())["result"]
    assert a_latest["rules_as_of"] == "2026-03-19" and a_latest["care"]["provisional"] == [["legacy_card"]]
    assert a_old["rules_as_of"] == "2026-03-18" and a_old["care"]["provisional"] == []
    with pytest.raises(hokensho.Error) as e:
        rules.assess_frame(table, "2026-05-15", rules_as_of="2026-02-30")
    assert e.value.path == "rules_as_of"
