"""Smoke tests of the installed wheel, as a user runs them: `import hokensho` from a fresh virtual environment
(never the source tree), assess a member, an error class, and byte identity with the CLI for one member.
Usage: python wheel_smoke.py CLI MEMBERS_JSONL. Prints `wheel (python X.Y): N passed, M failed`."""

import json
import os
import subprocess
import sys
import sysconfig
import traceback

cli, members_path = sys.argv[1], sys.argv[2]
results = []


def check(name):
    def run(f):
        try:
            f()
            results.append((name, None))
        except Exception:  # noqa: BLE001 - every failure is reported, with its traceback
            results.append((name, traceback.format_exc()))
        return f

    return run


import hokensho  # noqa: E402


@check("imported from the environment's site-packages, not from the source tree")
def _():
    site = os.path.realpath(sysconfig.get_paths()["purelib"])
    where = os.path.realpath(hokensho.__file__)
    assert where.startswith(site + os.sep), f"{where} is outside {site}"
    native = os.path.realpath(hokensho._native.__file__)
    assert native.startswith(site + os.sep) and ".abi3." in os.path.basename(native), native


@check("assess a member: a certificate is needed after the legacy card ended")
def _():
    rules = hokensho.RuleSet.embedded()
    a = rules.assess({"id": "W-1", "insurer": "kenpo", "role": "insured", "birth_date": "1980-05-10",
                      "coverage": {"acquired_on": "2010-04-01"},
                      "legacy_card": {"issued_on": "2019-04-01"}}, "R7.12.2")
    assert a.needs_certificate.needed is True
    assert json.loads(a.to_json())["on"] == "2025-12-02"


@check("a member without birth_date raises InvalidMember naming the field, in English and Japanese")
def _():
    rules = hokensho.RuleSet.embedded()
    try:
        rules.assess({"id": "W-2", "insurer": "kenpo", "role": "insured",
                      "coverage": {"acquired_on": "2010-04-01"}}, "2025-12-02")
    except hokensho.InvalidMember as e:
        assert isinstance(e, hokensho.Error)
        assert (e.code, e.path) == ("missing_field", "birth_date"), (e.code, e.path)
        assert e.en == "missing field `birth_date`" and "birth_date" in e.ja
    else:
        raise AssertionError("no error")


@check("the answer for one member is byte for byte the CLI's line")
def _():
    with open(members_path, encoding="utf-8") as f:
        line = f.readline()
    member = json.loads(line)
    out = subprocess.run([cli, "assess", "-", "--on", "2025-12-02"], input=line, check=True,
                         capture_output=True, text=True).stdout.splitlines()
    assert len(out) == 1, out
    a = hokensho.RuleSet.embedded().assess(member, "2025-12-02")
    assert out[0] == '{"ok":true,"result":' + a.to_json() + "}"


for name, err in results:
    print(("ok   " if err is None else "FAIL ") + name)
    if err:
        print(err)
failed = sum(1 for _, e in results if e)
v = sys.version_info
print(f"wheel (python {v.major}.{v.minor}): {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
