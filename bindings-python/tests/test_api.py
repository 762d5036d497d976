"""The binding's API: single calls, batches, dates, typed members, errors, and byte identity with the CLI."""

from __future__ import annotations

import copy
import json
import os
import pickle
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import hokensho
from hokensho import _native

from .conftest import EXAMPLES, ROOT

DATES = ["2025-07-31", "2025-12-01", "2025-12-02", "2026-04-01", "2027-08-01"]
INDIVIDUAL_NUMBER = "123456789018"  # 12 digits with a valid check digit (core/src/validate.rs test)


def _cli() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    exe = target / "debug" / "hokensho"
    assert exe.exists(), f"{exe} is missing: build it with `cargo build -p hokensho-cli` (test.sh does)"
    return exe


# ---------------------------------------------------------------------------------------------------------
# byte identity


@pytest.mark.parametrize("on", DATES)
def test_assess_is_byte_identical_to_the_cli(rules: hokensho.RuleSet, members: list[dict[str, Any]], on: str) -> None:
    out = subprocess.run(
        [str(_cli()), "assess", str(EXAMPLES), "--on", on], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert len(out) == len(members)
    for m, line in zip(members, out):
        assert line == '{"ok":true,"result":' + rules.assess(m, on).to_json() + "}"
    # the batch call gives the same bytes, in order
    many = rules.assess_many(members, on)
    for a, line in zip(many, out):
        assert isinstance(a, hokensho.Assessment)
        assert line == '{"ok":true,"result":' + a.to_json() + "}"


def test_quiet_options_are_byte_identical_to_the_cli(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    out = subprocess.run(
        [str(_cli()), "assess", str(EXAMPLES), "--on", "2025-12-02", "--no-trace", "--no-messages"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    for m, line in zip(members, out):
        a = rules.assess(m, "2025-12-02", messages=False, trace=False)
        assert line == '{"ok":true,"result":' + a.to_json() + "}"
        assert a.trace == []
        assert all(d.reason.en is None and d.reason.ja is None for d in a.documents)


def test_timeline_and_explain_match_the_cli(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    m = members[0]
    out = subprocess.run(
        [str(_cli()), "timeline", str(EXAMPLES), "--from", "2025-01-01", "--to", "2027-12-31"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    t = rules.timeline(m, "2025-01-01", "2027-12-31")
    assert out == '{"ok":true,"result":' + t.to_json() + "}"
    for lang in ("ja", "en"):
        text = subprocess.run(
            [str(_cli()), "explain", str(EXAMPLES), "--on", "2025-12-02", "--lang", lang],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert rules.explain(m, "2025-12-02", lang=lang) == text  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# typed answers


def test_typed_assessment(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    a = rules.assess(members[0], date(2025, 12, 2))
    d = a.to_dict()
    assert a.id == d["id"] == "E-0001"
    assert a.on == date(2025, 12, 2)
    assert a.covered is d["covered"]
    assert a.age == d["age"]
    assert [x.document for x in a.documents] == [x["document"] for x in d["documents"]]
    assert [x.status for x in a.documents] == [x["status"] for x in d["documents"]]
    assert a.care.options == d["care"]["options"]
    assert a.needs_certificate.needed == d["needs_certificate"]["needed"]
    assert [o.action for o in a.obligations] == [o["action"] for o in d["obligations"]]
    assert [u.on.isoformat() for u in a.upcoming] == [u["on"] for u in d["upcoming"]]
    assert [w.code for w in a.warnings] == [w["code"] for w in d["warnings"]]
    assert [t.rule for t in a.trace] == [t["rule"] for t in d["trace"]]
    assert all(t.sources or t.revisions for t in a.trace)
    assert a.document("legacy_card") is not None
    assert a.document("portal_record") is None
    assert json.loads(a.to_json()) == d
    assert pickle.loads(pickle.dumps(a)) == a
    assert "E-0001" in repr(a)


def test_typed_member_equals_dict(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    for m in members:
        typed = hokensho.Member.from_dict(m)
        assert typed.to_dict() == m
        assert rules.assess(typed, "2025-12-02").to_json() == rules.assess(m, "2025-12-02").to_json()


def test_typed_member_with_dates(rules: hokensho.RuleSet) -> None:
    m = hokensho.Member(
        id="T-1",
        insurer="kenpo",
        role="insured",
        birth_date=date(1980, 5, 10),
        coverage=hokensho.Coverage(acquired_on=date(2010, 4, 1)),
        number_on_file=hokensho.NumberOnFile(received_on="2024-05-01"),
        legacy_card=hokensho.LegacyCard(issued_on=date(2019, 4, 1)),
        certificates=[hokensho.Certificate(issued_on=date(2025, 11, 14), basis="bulk")],
    )
    as_dict = {
        "id": "T-1",
        "insurer": "kenpo",
        "role": "insured",
        "birth_date": "1980-05-10",
        "coverage": {"acquired_on": "2010-04-01"},
        "number_on_file": {"received_on": "2024-05-01"},
        "legacy_card": {"issued_on": "2019-04-01"},
        "certificates": [{"issued_on": "2025-11-14", "basis": "bulk"}],
    }
    assert m.to_dict() == as_dict
    assert rules.assess(m, "2025-12-02") == rules.assess(as_dict, "2025-12-02")
    # date objects inside a plain dict are accepted too
    with_dates = copy.deepcopy(as_dict)
    with_dates["birth_date"] = date(1980, 5, 10)
    with_dates["legacy_card"] = {"issued_on": datetime(2019, 4, 1)}
    assert rules.assess(with_dates, "2025-12-02") == rules.assess(as_dict, "2025-12-02")


# ---------------------------------------------------------------------------------------------------------
# dates


@pytest.mark.parametrize(
    "on",
    [date(2025, 12, 1), datetime(2025, 12, 1, 9, 30), "2025-12-01", "令和7年12月1日", "R7.12.1", "Ｒ７．１２．１", "r7-12-1"],
)
def test_query_dates(rules: hokensho.RuleSet, members: list[dict[str, Any]], on: Any) -> None:
    want = rules.assess(members[1], "2025-12-01").to_json()
    assert rules.assess(members[1], on).to_json() == want
    assert [a.to_json() for a in rules.assess_many(members[:3], on) if isinstance(a, hokensho.Assessment)] == [
        rules.assess(m, "2025-12-01").to_json() for m in members[:3]
    ]
    assert rules.explain(members[1], on) == rules.explain(members[1], "2025-12-01")


def test_timeline_dates(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    a = rules.timeline(members[0], date(2025, 1, 1), "令和9年12月31日")
    b = rules.timeline(members[0], "R7.1.1", "2027-12-31")
    assert a == b
    assert a.from_ == date(2025, 1, 1) and a.to == date(2027, 12, 31)
    assert a.spans and a.boundaries and a.changes


@pytest.mark.parametrize("on", ["2025-13-01", "平成31年5月1日", "yesterday", ""])
def test_bad_query_dates(rules: hokensho.RuleSet, members: list[dict[str, Any]], on: str) -> None:
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.assess(members[0], on)
    assert e.value.code == "invalid_date" and e.value.path == "on"
    with pytest.raises(hokensho.InvalidRequest):
        rules.assess_many(members, on)


def test_query_date_of_wrong_type(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.assess(members[0], 20251201)  # type: ignore[arg-type]
    assert e.value.code == "invalid_type" and e.value.path == "on"


# ---------------------------------------------------------------------------------------------------------
# errors


def test_invalid_member(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    m = copy.deepcopy(members[0])
    del m["insurer"]
    m["certificates"][0]["expires_on"] = "2027-02-30"
    with pytest.raises(hokensho.InvalidMember) as e:
        rules.assess(m, "2025-12-02")
    err = e.value
    assert isinstance(err, hokensho.Error)
    assert err.kind == "invalid_member"
    assert err.code and err.path and err.en and err.ja
    assert err.errors[0].code == err.code
    assert str(err) == err.ja
    hokensho.set_language("en")
    assert str(err) == err.en
    assert pickle.loads(pickle.dumps(err)) == err


def test_invalid_member_paths(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    m = copy.deepcopy(members[0])
    m["certificates"][0]["expires_on"] = "2027-02-30"
    with pytest.raises(hokensho.InvalidMember) as e:
        rules.assess(m, "2025-12-02")
    assert (e.value.code, e.value.path) == ("invalid_date", "certificates[0].expires_on")
    m = copy.deepcopy(members[0])
    m["legacy_card"]["colour"] = "blue"
    with pytest.raises(hokensho.InvalidMember) as e:
        rules.assess(m, "2025-12-02")
    assert (e.value.code, e.value.path) == ("unknown_field", "legacy_card.colour")


def test_individual_number_is_refused_and_never_echoed(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    for where in ("id", "note"):
        m = copy.deepcopy(members[0])
        m[where] = f"x{INDIVIDUAL_NUMBER}"
        with pytest.raises(hokensho.InvalidMember) as e:
            rules.assess(m, "2025-12-02")
        err = e.value
        assert err.code == "individual_number"
        for text in (str(err), err.message("en"), repr(err), json.dumps(err.to_dict(), ensure_ascii=False)):
            assert INDIVIDUAL_NUMBER not in text
        res = rules.assess_many([m], "2025-12-02")
        assert isinstance(res[0], hokensho.InvalidMember)


def test_value_that_is_not_json(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    m = copy.deepcopy(members[0])
    m["legacy_card"]["issued_on"] = {1, 2}
    with pytest.raises(hokensho.InvalidMember) as e:
        rules.assess(m, "2025-12-02")
    assert (e.value.code, e.value.path) == ("invalid_type", "legacy_card.issued_on")
    # NaN (pandas' missing value) is null
    m = copy.deepcopy(members[0])
    m["legacy_card"]["expires_on"] = float("nan")
    assert rules.assess(m, "2025-12-02") == rules.assess(members[0], "2025-12-02")


def test_invalid_request(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.explain(members[0], "2025-12-02", lang="fr")  # type: ignore[arg-type]
    assert (e.value.kind, e.value.code, e.value.path) == ("invalid_request", "invalid_value", "lang")
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.timeline(members[0], "2026-01-01", "2025-01-01")
    assert e.value.code == "window_order"
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.assess_frame(members, "2025-12-02")  # type: ignore[arg-type]
    assert e.value.path == "df"


def test_invalid_rules(tmp_path: Path) -> None:
    with pytest.raises(hokensho.InvalidRules) as e:
        hokensho.RuleSet.from_dir(tmp_path / "missing")
    assert e.value.kind == "invalid_rules" and e.value.code
    rules_dir = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules_dir)
    ok = hokensho.RuleSet.from_dir(rules_dir)
    assert sorted(ok.profile_ids) == sorted(hokensho.RuleSet.embedded().profile_ids)
    national = rules_dir / "national.toml"
    national.write_text(national.read_text(encoding="utf-8") + "\n[surprise]\nkey = 1\n", encoding="utf-8")
    with pytest.raises(hokensho.InvalidRules) as e:
        hokensho.RuleSet.from_dir(rules_dir)
    assert "national.toml" in e.value.path
    assert e.value.en and e.value.ja


def test_internal_error_never_crashes_the_interpreter() -> None:
    env = _native._panic_selftest()
    assert env == _native.INTERNAL
    err = hokensho.errors.from_envelope(env)
    assert type(err) is hokensho.Error
    assert (err.kind, err.code, err.path) == ("internal", "internal", "")
    # and the interpreter (and the extension) carry on
    assert hokensho.RuleSet.embedded().profile_ids


def test_error_classes() -> None:
    for kind, cls in (
        ("invalid_member", hokensho.InvalidMember),
        ("invalid_rules", hokensho.InvalidRules),
        ("invalid_request", hokensho.InvalidRequest),
        ("internal", hokensho.Error),
        ("something_new", hokensho.Error),
    ):
        env = {"ok": False, "kind": kind, "errors": [{"code": "c", "path": "p", "en": "e", "ja": "j"}]}
        err = hokensho.errors.from_envelope(json.dumps(env))
        assert type(err) is cls
        assert issubclass(cls, hokensho.Error) and issubclass(cls, Exception)
        assert (err.code, err.path, err.en, err.ja) == ("c", "p", "e", "j")
        assert err.errors == [hokensho.ErrorDetail("c", "p", "e", "j")]
    assert type(hokensho.errors.from_envelope("not json")) is hokensho.Error


# ---------------------------------------------------------------------------------------------------------
# batches


def test_assess_many_keeps_bad_rows(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    bad_date = copy.deepcopy(members[1])
    bad_date["birth_date"] = "1985-02-30"
    records: list[Any] = [members[0], bad_date, "not a member", None, {"id": "x"}, members[2], {"id": object()}]
    out = rules.assess_many(records, "2025-12-02")
    assert len(out) == len(records)
    assert isinstance(out[0], hokensho.Assessment) and out[0].id == "E-0001"
    assert isinstance(out[1], hokensho.InvalidMember) and out[1].path == "birth_date"
    assert isinstance(out[2], hokensho.InvalidMember) and out[2].code == "invalid_type"
    assert isinstance(out[3], hokensho.InvalidMember)
    assert isinstance(out[4], hokensho.InvalidMember) and out[4].code == "missing_field"
    assert isinstance(out[5], hokensho.Assessment) and out[5].id == "E-0003"
    assert isinstance(out[6], hokensho.InvalidMember) and out[6].path == "id"
    assert rules.assess_many([], "2025-12-02") == []
    # a generator works, and quiet options apply to every row
    quiet = rules.assess_many((m for m in members), "2025-12-02", messages=False, trace=False)
    assert all(isinstance(a, hokensho.Assessment) and a.trace == [] for a in quiet)


def test_summaries(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    rows = rules.summaries(members + [{"id": "bad"}], "2025-12-02")
    assert len(rows) == len(members) + 1
    assert isinstance(rows[-1], hokensho.InvalidMember)
    first = rows[0]
    assert isinstance(first, hokensho.Summary)
    a = rules.assess(members[0], "2025-12-02")
    assert first.id == a.id and first.covered == a.covered
    assert first.needs_certificate == a.needs_certificate.needed
    assert first.legacy_card == a.document("legacy_card").status  # type: ignore[union-attr]


def test_language() -> None:
    assert hokensho.get_language() == "ja"
    hokensho.set_language("en")
    assert hokensho.get_language() == "en"
    with pytest.raises(ValueError):
        hokensho.set_language("fr")  # type: ignore[arg-type]


def test_explain_follows_the_language(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    ja = rules.explain(members[0], "2025-12-02")
    hokensho.set_language("en")
    en = rules.explain(members[0], "2025-12-02")
    assert ja != en
    assert en == rules.explain(members[0], "2025-12-02", lang="en")
    assert ja == rules.explain(members[0], "2025-12-02", lang="ja")


def test_public_names_have_docstrings() -> None:
    for name in hokensho.__all__:
        obj = getattr(hokensho, name)
        if name.startswith("__") or isinstance(obj, (str, tuple)) or name in ("DateArg", "DateLike", "MemberLike"):
            continue
        assert obj.__doc__, name
        if isinstance(obj, type):
            for attr, v in vars(obj).items():
                if not attr.startswith("_") and (callable(v) or isinstance(v, property)):
                    assert getattr(v, "__doc__", None), f"{name}.{attr}"


# ---------------------------------------------------------------------------------------------------------
# the knowledge date (rules_as_of) and the change log

KYOKAI_EXPIRED = {
    "id": "K-PROV",
    "insurer": "kyokai",
    "role": "insured",
    "birth_date": "1980-05-10",
    "coverage": {"acquired_on": "2010-04-01"},
    "number_on_file": {"received_on": "2024-05-01"},
    "legacy_card": {"issued_on": "2019-04-01"},
}


def test_rules_as_of_keyword_on_every_call(rules: hokensho.RuleSet) -> None:
    on = date(2026, 5, 15)
    latest = rules.assess(KYOKAI_EXPIRED, on)
    assert latest.rules_as_of == date(2026, 3, 19)
    assert latest.care.provisional == [["legacy_card"]]
    old = rules.assess(KYOKAI_EXPIRED, on, rules_as_of=date(2026, 3, 18))
    assert old.rules_as_of == date(2026, 3, 18)
    assert old.care.provisional == []
    assert old.care.full_payment is True
    assert [(w.code, w.rule) for w in old.warnings if w.code == "later_revision"] == [
        ("later_revision", "legacy.provisional-acceptance")
    ]
    prov = [t for t in old.trace if t.rule == "legacy.provisional-acceptance"]
    assert prov[0].revisions is not None and prov[0].revisions[0]["announced_on"] == "2025-11-12"
    era = rules.assess(KYOKAI_EXPIRED, on, rules_as_of="令和8年3月18日")
    assert era.to_json() == old.to_json()
    many = rules.assess_many([KYOKAI_EXPIRED, {"id": ""}], on, rules_as_of="2026-03-18")
    assert isinstance(many[0], hokensho.Assessment) and many[0].rules_as_of == date(2026, 3, 18)
    assert isinstance(many[1], hokensho.Error)
    rows = rules.summaries([KYOKAI_EXPIRED], on, rules_as_of="2026-03-18")
    assert isinstance(rows[0], hokensho.Summary)
    t = rules.timeline(KYOKAI_EXPIRED, "2026-01-01", "2026-12-31", rules_as_of="2026-03-18")
    assert any(b.on == date(2026, 4, 1) and b.rule == "legacy.provisional-acceptance" for b in t.boundaries)
    text = rules.explain(KYOKAI_EXPIRED, on, lang="en", rules_as_of="2026-03-18")
    assert "Rules as announced by: 2026-03-18" in text
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.assess(KYOKAI_EXPIRED, on, rules_as_of="2026-02-30")
    assert e.value.path == "rules_as_of" and e.value.code == "invalid_date"


def test_changes_lists_every_revision_in_order(rules: hokensho.RuleSet) -> None:
    log = rules.changes()
    days = [c["announced_on"] for c in log]
    assert days == sorted(days) and len(days) == 10
    ext = [c for c in log if c["announced_on"] == "2026-03-19" and c["profile"] is None]
    assert ext[0]["previous"] == "2026-03-31" and ext[0]["value"] == "2026-07-31"
    assert ext[0]["rule"] == "legacy.provisional-acceptance"
    assert "2026年3月19日" in ext[0]["ja"] and ext[0]["en"].startswith("2026-03-19")
    assert [c["announced_on"] for c in rules.changes(since=date(2026, 1, 1))] == ["2026-03-19"] * 3
    with pytest.raises(hokensho.InvalidRequest):
        rules.changes(since="someday")


def test_every_answer_part_has_to_dict(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    a = rules.assess(members[0], "2025-12-02")
    d = json.loads(a.to_json())
    ob = a.obligations[0].to_dict()
    assert ob["from"] == d["obligations"][0]["from"] and ob["action"] == d["obligations"][0]["action"]
    assert "from_" not in ob
    assert a.documents[0].to_dict()["reason"]["rule"] == d["documents"][0]["reason"]["rule"]
    assert a.needs_certificate.to_dict()["needed"] == d["needs_certificate"]["needed"]
    assert a.care.to_dict()["options"] == d["care"]["options"]
    assert [u.to_dict()["on"] for u in a.upcoming] == [u["on"] for u in d["upcoming"]]
    assert [w.to_dict()["code"] for w in a.warnings] == [w["code"] for w in d["warnings"]]
    assert [t.to_dict()["rule"] for t in a.trace] == [t["rule"] for t in d["trace"]]
    row = rules.summaries([members[0]], "2025-12-02")[0]
    assert isinstance(row, hokensho.Summary) and row.to_dict()["id"] == members[0]["id"]
    t = rules.timeline(members[0], "2025-01-01", "2026-12-31")
    assert t.spans[0].to_dict()["from"] == "2025-01-01"
    assert json.dumps([c.to_dict() for c in t.changes])  # plain data all the way down
