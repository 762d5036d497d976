"""The calendar export: ``RuleSet.calendar`` parsed with the ``icalendar`` package, and byte identity with the CLI."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import icalendar
import pytest

import hokensho

from .conftest import ROOT

MEMBER: dict[str, Any] = {
    "id": "P-1",
    "insurer": "kenpo",
    "role": "insured",
    "birth_date": "1980-05-10",
    "coverage": {"acquired_on": "2010-04-01"},
    "number_on_file": {"received_on": "2024-05-01"},
    "legacy_card": {"issued_on": "2019-04-01"},
}


def _events(text: str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    return list(cal.walk("VEVENT"))


def test_events_dates_summaries_and_alarms(rules: hokensho.RuleSet) -> None:
    text = rules.calendar(MEMBER, "2025-11-01", "2026-12-31", lang="en", alarm_days=7)
    cal = icalendar.Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["PRODID"]).startswith("-//hokensho//hokensho ")
    assert str(cal["X-WR-CALNAME"]) == "Health insurance card transition: P-1 (2025-11-01 to 2026-12-31)"
    events = _events(text)
    got = [(e.decoded("DTSTART"), e.decoded("DTEND"), str(e["SUMMARY"])) for e in events]
    d = date.fromisoformat
    assert got == [
        (d("2025-11-01"), d("2025-11-02"), "rule boundary: bulk issuance of certificates"),
        (d("2025-11-01"), d("2025-11-02"), "covered"),
        (d("2025-11-01"), d("2025-11-02"), "health insurance card (paper): valid"),
        (d("2025-11-01"), d("2025-12-01"), "insurer issues a certificate: eligibility certificate (by 2025-11-30)"),
        (d("2025-11-01"), d("2025-11-02"), "no certificate needed"),
        (d("2025-12-02"), d("2025-12-03"), "rule boundary: paper cards end"),
        (d("2025-12-02"), d("2025-12-03"), "rule boundary: provisional acceptance of expired cards"),
        (d("2025-12-02"), d("2025-12-03"), "health insurance card (paper): ended"),
        (d("2025-12-02"), d("2025-12-03"), "dispose of: health insurance card (paper)"),
        (d("2025-12-02"), d("2025-12-03"), "apply for a certificate: eligibility certificate"),
        (d("2025-12-02"), d("2025-12-03"), "an eligibility certificate is needed"),
        (d("2026-08-01"), d("2026-08-02"), "rule boundary: provisional acceptance of expired cards"),
    ]
    # all-day events: plain dates, never datetimes
    assert all(type(e.decoded("DTSTART")) is date for e in events)
    # one reminder, before the only deadline: 09:00 in Japan (00:00 UTC) seven days before 2025-11-30
    alarms = [(str(e["SUMMARY"]), a) for e in events for a in e.walk("VALARM")]
    assert len(alarms) == 1
    summary, alarm = alarms[0]
    assert summary.endswith("(by 2025-11-30)")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == summary
    assert alarm.decoded("TRIGGER") == datetime(2025, 11, 23, 0, 0, tzinfo=timezone.utc)
    # every event is traced to its rule, and its UID and DTSTAMP are fixed
    ended = next(e for e in events if str(e["SUMMARY"]) == "health insurance card (paper): ended")
    assert "rule: legacy.transition-end (paper cards end)" in str(ended["DESCRIPTION"]).splitlines()
    assert "before: valid" in str(ended["DESCRIPTION"]).splitlines()
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert {e.decoded("DTSTAMP") for e in events} == {datetime(2026, 3, 19, tzinfo=timezone.utc)}


def test_language_knowledge_date_and_alarm_days(rules: hokensho.RuleSet) -> None:
    ja = rules.calendar(MEMBER, date(2025, 11, 1), "令和8年12月31日", lang="ja", alarm_days=0, rules_as_of="2026-03-18")
    events = _events(ja)
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "健康保険証：使用終了" in summaries
    assert "資格確認書は不要です" in summaries
    # the measure as known on 2026-03-18 ended on 2026-03-31: its boundary is 2026-04-01, not 2026-08-01
    boundaries = [e.decoded("DTSTART") for e in events if str(e["SUMMARY"]).startswith("規則の節目：期限切れ保険証の暫定的な取扱い")]
    assert boundaries == [date(2025, 12, 2), date(2026, 4, 1)], summaries
    assert {e.decoded("DTSTAMP") for e in events} == {datetime(2026, 3, 18, tzinfo=timezone.utc)}
    triggers = [a.decoded("TRIGGER") for e in events for a in e.walk("VALARM")]
    assert triggers == [datetime(2025, 11, 30, tzinfo=timezone.utc)]
    with pytest.raises(hokensho.InvalidRequest) as e:
        rules.calendar(MEMBER, "2025-11-01", "2026-12-31", alarm_days=400)
    assert (e.value.code, e.value.path) == ("invalid_value", "alarm_days")
    with pytest.raises(hokensho.InvalidMember):
        rules.calendar({**MEMBER, "birth_date": "1980-02-30"}, "2025-11-01", "2026-12-31")


def test_calendar_bytes_equal_the_cli(rules: hokensho.RuleSet, tmp_path: Path) -> None:
    exe = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "hokensho"
    assert exe.exists(), f"{exe} is missing: build it with `cargo build -p hokensho-cli` (test.sh does)"
    src = tmp_path / "m.jsonl"
    src.write_text(json.dumps(MEMBER) + "\n", encoding="utf-8")
    out = subprocess.run(
        [str(exe), "timeline", str(src), "--from", "2025-11-01", "--to", "2031-12-31", "--format", "ics",
         "--lang", "en", "--alarm-days", "10"],
        check=True,
        capture_output=True,
    ).stdout
    text = rules.calendar(MEMBER, "2025-11-01", "2031-12-31", lang="en", alarm_days=10)
    assert text.encode("utf-8") == out
    assert b"\r\n" in out and b"\n" not in out.replace(b"\r\n", b"")
