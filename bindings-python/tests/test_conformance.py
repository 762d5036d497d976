"""The shared conformance corpus (``tests/conformance/*.json``) through the binding: the checking logic of the Rust
runner (``core/tests/conformance.rs``), ported line for line. Every scenario must pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import hokensho

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "conformance"


def _corpus() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for f in sorted(CORPUS.glob("*.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        assert isinstance(doc.get("scenarios"), list), f"{f.name}: no `scenarios` array"
        for s in doc["scenarios"]:
            out.append((f.name, s))
    return out


SCENARIOS = _corpus()


def json_eq(a: Any, e: Any) -> bool:
    """serde_json's `Value` equality: booleans never equal numbers, numbers by value, the rest structurally."""
    if isinstance(a, bool) or isinstance(e, bool):
        return isinstance(a, bool) and isinstance(e, bool) and a == e
    if isinstance(a, (int, float)) and isinstance(e, (int, float)):
        return a == e
    if isinstance(a, dict) and isinstance(e, dict):
        return a.keys() == e.keys() and all(json_eq(a[k], e[k]) for k in a)
    if isinstance(a, list) and isinstance(e, list):
        return len(a) == len(e) and all(json_eq(x, y) for x, y in zip(a, e))
    return type(a) is type(e) and a == e


def subset(actual: Any, expected: Any) -> bool:
    """`expected` is a subset of `actual`: objects by key, everything else equal."""
    if isinstance(actual, dict) and isinstance(expected, dict):
        return all(subset(actual.get(k), ev) for k, ev in expected.items())
    return json_eq(actual, expected)


def doc_key(d: dict[str, Any]) -> str:
    i = d.get("index")
    if isinstance(i, int) and not isinstance(i, bool) and i >= 0:
        return f"{d.get('document', '')}#{i}"
    return str(d.get("document", ""))


def set_of(v: Any) -> set[str]:
    if not isinstance(v, list):
        return set()
    return {json.dumps(x, separators=(",", ":"), ensure_ascii=False) for x in v}


def check(rules: hokensho.RuleSet, s: dict[str, Any]) -> list[str]:
    """One scenario through the binding; the list of mismatches."""
    e = s.get("expect", {})
    bad: list[str] = []
    try:
        a = rules.assess(s["member"], s["on"], rules_as_of=s.get("rules_as_of"))
    except hokensho.Error as err:
        want = e.get("error")
        if want is None:
            return [f"expected ok, got {[x.to_dict() for x in err.errors]}"]
        if not any(subset(x.to_dict(), want) for x in err.errors):
            bad.append(f"expected error {want}, got {[x.to_dict() for x in err.errors]}")
        secret = e.get("not_echoed")
        if isinstance(secret, str):
            text = json.dumps(err.to_dict(), ensure_ascii=False) + str(err) + err.message("en") + repr(err)
            if secret in text:
                bad.append(f"the answer echoes `{secret}`")
        return bad
    if "error" in e:
        return [f"expected an error {e['error']}, got ok"]
    out = a.to_dict()
    if "full_payment" in e:
        got_fp = out["care"].get("full_payment") is not None
        if got_fp != e["full_payment"]:
            bad.append(f"full_payment: expected {e['full_payment']}, got {got_fp}")
    for k in ("covered", "age", "rules_as_of"):
        if k in e and not json_eq(out.get(k), e[k]):
            bad.append(f"{k}: expected {e[k]}, got {out.get(k)}")
    docs = out.get("documents", [])
    for field, pick in (
        ("documents", "status"),
        ("reasons", "code"),
        ("valid_through", "valid_through"),
        ("reason_rules", "rule"),
    ):
        m = e.get(field)
        if not isinstance(m, dict):
            continue
        for key, want in m.items():
            d = next((d for d in docs if doc_key(d) == key), None)
            if d is None:
                bad.append(f"{field}: no document `{key}` in the answer")
                continue
            got = d.get("reason", {}).get(pick) if pick in ("code", "rule") else d.get(pick)
            if not json_eq(got, want):
                bad.append(f"{field}.{key}: expected {want}, got {got}")
    if "needs_certificate" in e and not subset(out["needs_certificate"], e["needs_certificate"]):
        bad.append(f"needs_certificate: expected {e['needs_certificate']}, got {out['needs_certificate']}")
    for k in ("options", "if_online_check_fails", "provisional"):
        if k in e and set_of(out["care"].get(k)) != set_of(e[k]):
            bad.append(f"care.{k}: expected {e[k]}, got {out['care'].get(k)}")
    for k, lst, present in (
        ("obligations", "obligations", True),
        ("no_obligations", "obligations", False),
        ("upcoming", "upcoming", True),
        ("no_upcoming", "upcoming", False),
    ):
        wants = e.get(k)
        for want in wants if isinstance(wants, list) else []:
            found = any(subset(x, want) for x in out.get(lst, []))
            if found != present:
                bad.append(f"{k}: {want} {'missing' if present else 'present'} in {out.get(lst)}")
    codes = {w.get("code") for w in out.get("warnings", []) if isinstance(w.get("code"), str)}
    for k, present in (("warnings", True), ("no_warnings", False)):
        wants = e.get(k)
        for w in wants if isinstance(wants, list) else []:
            if ((w if isinstance(w, str) else "") in codes) != present:
                bad.append(f"{k}: {w} {'missing' if present else 'present'} in {sorted(codes)}")
    traced = {t.get("rule") for t in out.get("trace", []) if isinstance(t.get("rule"), str)}
    reasons = {d.get("reason", {}).get("rule") for d in docs}
    tr = e.get("trace_rules")
    for r in tr if isinstance(tr, list) else []:
        if (r if isinstance(r, str) else "") not in traced:
            bad.append(f"trace_rules: {r} not in the trace")
    for r in s.get("rules", []) or []:
        r = r if isinstance(r, str) else ""
        if r not in traced and r not in reasons:
            bad.append(f"tagged rule `{r}` decided nothing in this answer")
    return bad


@pytest.mark.parametrize(("file", "scenario"), SCENARIOS, ids=[f"{f}:{s.get('name', '?')}" for f, s in SCENARIOS])
def test_scenario(rules: hokensho.RuleSet, file: str, scenario: dict[str, Any]) -> None:
    problems = check(rules, scenario)
    assert not problems, "\n".join(problems)


def test_corpus_shape() -> None:
    """Names are unique, tags name catalogue rules, every catalogue rule is tagged, and there are at least 60."""
    names: set[str] = set()
    tagged: set[str] = set()
    for file, s in SCENARIOS:
        name = s.get("name", "?")
        assert name not in names, f"duplicate scenario name `{name}`"
        names.add(name)
        for r in s.get("rules", []) or []:
            assert r in hokensho.RULE_IDS, f"{file}: `{name}` tags unknown rule `{r}`"
            tagged.add(r)
    untagged = [r for r in hokensho.RULE_IDS if r not in tagged]
    assert not untagged, f"catalogue rules in no scenario: {untagged}"
    assert len(SCENARIOS) >= 60, f"the corpus has {len(SCENARIOS)} scenarios; at least 60 are required"


def test_binding_agrees_with_core_envelope(rules: hokensho.RuleSet) -> None:
    """For every scenario, the binding's answer text is the core's `result` (via the raw JSON API)."""
    native = rules._native
    for _, s in SCENARIOS:
        req = {"member": s["member"], "on": s["on"]}
        if "rules_as_of" in s:
            req["rules_as_of"] = s["rules_as_of"]
        env = native.assess_json(json.dumps(req, ensure_ascii=False))
        try:
            a = rules.assess(s["member"], s["on"], rules_as_of=s.get("rules_as_of"))
        except hokensho.Error as err:
            assert json.loads(env) == err.to_dict()
            continue
        assert env == '{"ok":true,"result":' + a.to_json() + "}"
