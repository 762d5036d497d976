"""What an analyst acts on: error columns (every error, column paths, Japanese headers as they are, messages in the
session language), rows back as members, labels as categoricals, the long tables of duties and events."""

from __future__ import annotations

import copy
import re
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import hokensho

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _bad_frame(members: list[dict[str, Any]]) -> pd.DataFrame:
    good = copy.deepcopy(members[0])
    bad = copy.deepcopy(members[0])
    bad["id"] = "BAD-1"
    bad["birth_date"] = "1985-02-30"
    bad["role"] = "boss"
    bad["certificates"] = [{"issued_on": "2025-08-01", "expires_on": "2027/13/01", "basis": "bulk"}]
    frame = hokensho.to_frame([good, bad], parse_dates=False)
    frame["氏名"] = [None, "山田 太郎"]
    return frame


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_error_columns_name_every_error_by_its_column(rules: hokensho.RuleSet, members: list[dict[str, Any]], lang: str) -> None:
    out = rules.assess_frame(_bad_frame(members), "2025-12-02", lang=lang)
    assert list(out.columns)[-4:] == ["error_code", "error_path", "error", "error_message"]
    assert pd.isna(out["error"].iloc[0]) and pd.isna(out["error_message"].iloc[0])
    assert out["error"].iloc[1] == (
        "invalid_value: role; invalid_date: birth_date; invalid_date: certificates.0.expires_on; unknown_field: 氏名"
    )
    msg = out["error_message"].iloc[1]
    assert len(msg.split("; ")) == 4
    for value in ("1985-02-30", "boss", "2027/13/01", "山田"):
        assert value not in msg
    if lang == "ja":
        assert "`birth_date` は日付ではありません" in msg
        assert "不明な列 `氏名`" in msg
    else:
        assert "`birth_date` is not a date: expected YYYY-MM-DD, YYYY/MM/DD or an era date" in msg
        assert not JAPANESE.search(msg.replace("氏名", ""))


def test_error_messages_follow_the_session_language(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    before = hokensho.get_language()
    try:
        hokensho.set_language("en")
        en = rules.assess_frame(_bad_frame(members), "2025-12-02")["error_message"].iloc[1]
        hokensho.set_language("ja")
        ja = rules.assess_frame(_bad_frame(members), "2025-12-02")["error_message"].iloc[1]
    finally:
        hokensho.set_language(before)
    assert en.startswith("`role` must be one of")
    assert ja.startswith("`role` の値は")


def test_member_from_row_gives_back_the_member(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    frame = hokensho.to_frame(members)  # dates as datetime64, NaN for missing values
    out = rules.assess_frame(frame, "2025-12-02")
    for i in range(len(frame)):
        m = hokensho.member_from_row(frame.iloc[i])
        assert m == members[i], f"row {i}"
        # explain works on the row and says what the frame said
        text = rules.explain(m, "2025-12-02", "en")
        assert members[i]["id"] in text
        assert out["id"].iloc[i] == members[i]["id"]
    # a polars row and a plain dict of flat columns work too
    pf = hokensho.to_frame(members, backend="polars")
    assert hokensho.member_from_row(pf.row(1, named=True)) == members[1]
    flat = {"id": "X", "insurer": "kenpo", "role": "insured", "birth_date": "S55.5.10", "coverage.acquired_on": "2010/4/1"}
    assert hokensho.member_from_row(flat) == {
        "id": "X",
        "insurer": "kenpo",
        "role": "insured",
        "birth_date": "1980-05-10",
        "coverage": {"acquired_on": "2010-04-01"},
    }


def test_member_from_row_of_a_bad_row_explains_why(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    frame = _bad_frame(members)
    m = hokensho.member_from_row(frame.iloc[1])
    assert m["birth_date"] == "1985-02-30" and m["氏名"] == "山田 太郎"
    with pytest.raises(hokensho.InvalidMember) as e:
        rules.explain(m, "2025-12-02", "en")
    assert e.value.errors[0].code in ("invalid_value", "invalid_date", "unknown_field")
    # without the stray column and with the bad cells fixed, the same row is explained
    fixed = hokensho.member_from_row(frame.iloc[1], extra="ignore")
    assert "氏名" not in fixed
    fixed["birth_date"], fixed["role"] = "1985-02-28", "insured"
    fixed["certificates"][0]["expires_on"] = "2027-12-01"
    assert "BAD-1" in rules.explain(fixed, "2025-12-02", "en")
    with pytest.raises(hokensho.InvalidRequest):
        hokensho.member_from_row(["not", "a", "row"])  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_labels_as_categoricals(rules: hokensho.RuleSet, members: list[dict[str, Any]], lang: str) -> None:
    frame = hokensho.to_frame(members)
    codes = rules.assess_frame(frame, "2026-08-01")
    named = rules.assess_frame(frame, "2026-08-01", labels=lang)  # type: ignore[arg-type]
    for col, kind in [("needs_reason", "need_reasons"), ("next_action", "actions"), ("legacy_card", "statuses"),
                      ("next_document", "documents"), ("next_event", "events")]:
        table = hokensho.labels(kind, lang)  # type: ignore[arg-type]
        assert isinstance(named[col].dtype, pd.CategoricalDtype)
        assert list(named[col].cat.categories) == list(table.values())
        want = codes[col].map(lambda c: None if pd.isna(c) else table[c])
        assert [None if pd.isna(x) else x for x in named[col]] == [None if pd.isna(x) else x for x in want], col
    pol = rules.assess_frame(pl.from_pandas(frame), "2026-08-01", labels=lang)  # type: ignore[arg-type]
    assert isinstance(pol.schema["needs_reason"], pl.Enum)
    with pytest.raises(hokensho.InvalidRequest):
        rules.assess_frame(frame, "2026-08-01", labels="fr")  # type: ignore[arg-type]


def test_obligations_frame_equals_the_answers(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    frame = hokensho.to_frame(members)
    for on in ["2025-12-02", "2026-08-01"]:
        long = rules.obligations_frame(frame, on, lang="en")
        assert list(long.columns) == [
            "row", "id", "action", "document", "index", "actor", "via", "from", "until", "required", "delivery",
            "rule", "text", "error_code", "error_path", "error", "error_message",
        ]
        k = 0
        for i, m in enumerate(members):
            a = rules.assess(m, on)
            for o in a.obligations:
                r = long.iloc[k]
                assert (r["row"], r["id"], r["action"], r["document"], r["rule"]) == (i, a.id, o.action, o.document, o.rule)
                assert (None if pd.isna(r["until"]) else r["until"].date()) == o.until
                assert r["text"] == o.en
                assert bool(r["required"]) == o.required
                k += 1
        assert len(long) == k > 10


def test_events_frame_up_to_a_day(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    frame = hokensho.to_frame(members)
    until = "2026-12-31"
    ev = rules.events_frame(frame, "2025-12-02", until=until, labels="ja")
    want = [(i, u.on, u.event) for i, m in enumerate(members) for u in rules.assess(m, "2025-12-02").upcoming
            if u.on.isoformat() <= until]
    assert len(ev) == len(want) > 5
    events_ja = hokensho.labels("events", "ja")
    got = [(int(r), d.date(), e) for r, d, e in zip(ev["row"], ev["on"], ev["event"])]
    assert got == [(i, d, events_ja[e]) for i, d, e in want]
    everything = rules.events_frame(frame, "2025-12-02")
    assert len(everything) >= len(ev)


def test_long_tables_keep_bad_rows_and_follow_the_input_kind(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    frame = _bad_frame(members)
    long = rules.obligations_frame(frame, "2025-12-02", lang="ja")
    bad = long[long["row"] == 1]
    assert len(bad) == 1
    assert bad["id"].iloc[0] == "BAD-1"
    assert bad["error_code"].iloc[0] == "invalid_value"
    assert pd.isna(bad["action"].iloc[0])
    pol = rules.obligations_frame(pl.from_pandas(frame), "2025-12-02")
    assert isinstance(pol, pl.DataFrame) and pol.height == len(long)
    table = rules.events_frame(pa.Table.from_pandas(frame), "2025-12-02")
    assert isinstance(table, pa.Table)


def test_obligations_to_dict(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    a = rules.assess(members[0], "2025-12-02")
    assert a.obligations
    d = a.obligations[0].to_dict()
    assert d["action"] == a.obligations[0].action and "from" in d and "until" in d


def test_long_tables_without_texts(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    frame = hokensho.to_frame(members)
    with_texts = rules.obligations_frame(frame, "2025-12-02")
    without = rules.obligations_frame(frame, "2025-12-02", texts=False)
    assert without["text"].isna().all() and with_texts["text"].notna().all()
    pd.testing.assert_frame_equal(with_texts.drop(columns=["text"]), without.drop(columns=["text"]))
