"""The JSON Schemas of ``schema/`` (generated from the Rust types) against real documents: every corpus and example
member, the answers the core gives them, the error envelopes, and the rule files."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import hokensho
from hokensho import _native

from .conftest import ROOT

SCHEMA = ROOT / "schema"
CORPUS = ROOT / "tests" / "conformance"
# the structural errors a schema can see (the others need the rules: dates in order, check digits, profiles)
STRUCTURAL = {"unknown_field", "missing_field", "invalid_type"}


def _validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _scenarios() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for f in sorted(CORPUS.glob("*.json")):
        out.extend(json.loads(f.read_text(encoding="utf-8"))["scenarios"])
    return out


def _envelope(rules: hokensho.RuleSet, call: str, request: dict[str, Any]) -> dict[str, Any]:
    native: _native.Rules = rules._native
    env: dict[str, Any] = json.loads(getattr(native, call)(json.dumps(request, ensure_ascii=False)))
    return env


def test_every_member_the_core_accepts_fits_the_member_schema(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    member = _validator("member.schema.json")
    assessment = _validator("assessment.schema.json")
    error = _validator("error.schema.json")
    accepted = refused = structural = 0
    for s in _scenarios():
        req: dict[str, Any] = {"member": s["member"], "on": s["on"]}
        if "rules_as_of" in s:
            req["rules_as_of"] = s["rules_as_of"]
        env = _envelope(rules, "assess_json", req)
        problems = list(member.iter_errors(s["member"]))
        if env["ok"]:
            accepted += 1
            assert problems == [], f"{s['name']}: {problems[0].message}"
            assessment.validate(env["result"])
        else:
            refused += 1
            error.validate(env)
            if env["errors"][0]["code"] in STRUCTURAL:
                structural += 1
                assert problems, f"{s['name']}: the schema accepts a member the core refuses as {env['errors'][0]['code']}"
    assert accepted >= 300 and refused >= 20 and structural >= 4, (accepted, refused, structural)
    assert len(members) >= 20
    for m in members:
        member.validate(m)


def test_the_member_schema_refuses_what_the_contract_refuses() -> None:
    member = _validator("member.schema.json")
    good = {"id": "S-1", "insurer": "kenpo", "role": "insured", "birth_date": "1980-05-10",
            "coverage": {"acquired_on": "2010-04-01"}}
    member.validate(good)
    bad = [
        {**good, "nickname": "x"},                                    # unknown field
        {k: v for k, v in good.items() if k != "coverage"},          # missing field
        {**good, "role": "boss"},                                     # not in the vocabulary
        {**good, "birth_date": "10 May 1980"},                        # not YYYY-MM-DD
        {**good, "coverage": {"acquired_on": "2010-04-01", "lost": None}},
        {**good, "certificates": [{"issued_on": "2025-11-14", "basis": "gift"}]},
        {**good, "my_number_card": {"issued_on": "2021-03-01",
                                    "usage": {"counted_on": "2026-06-30", "last_12_months": -1, "last_3_months": 0}}},
    ]
    for m in bad:
        assert list(member.iter_errors(m)), m


def test_timelines_and_summaries_fit_their_schemas(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    timeline = _validator("timeline.schema.json")
    summary = _validator("summary.schema.json")
    for m in members:
        env = _envelope(rules, "timeline_json", {"member": m, "from": "2024-01-01", "to": "2031-12-31"})
        assert env["ok"], env
        timeline.validate(env["result"])
        assert env["result"]["changes"], m["id"]
    env = _envelope(rules, "summaries_json", {"members": members, "on": "2025-12-02"})
    assert len(env["result"]) == len(members)
    for row in env["result"]:
        summary.validate(row["result"])
    # the schemas are strict enough to notice a wrong answer
    with pytest.raises(jsonschema.ValidationError):
        timeline.validate({**env["result"][0]["result"]})


def test_rule_files_fit_the_rule_file_schema() -> None:
    schema = _validator("rule-file.schema.json")
    files = sorted((ROOT / "rules").rglob("*.toml"))
    assert len(files) >= 6
    for f in files:
        doc = tomllib.loads(f.read_text(encoding="utf-8"))
        problems = list(schema.iter_errors(doc))
        assert problems == [], f"{f.name}: {problems[0].message if problems else ''}"
    national = tomllib.loads((ROOT / "rules" / "national.toml").read_text(encoding="utf-8"))
    assert list(schema.iter_errors({**national, "extra": 1}))
    assert list(schema.iter_errors({k: v for k, v in national.items() if k != "meta"}))
