"""The examples: the notebook's code cells run in order (without Jupyter) and it is committed with its outputs
cleared; the script runs and writes its chart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "examples" / "python" / "certificates_per_month.ipynb"
SCRIPT = ROOT / "examples" / "python" / "assess_members.py"


def _notebook() -> dict[str, Any]:
    nb: dict[str, Any] = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return nb


def test_notebook_outputs_are_cleared() -> None:
    cells = [c for c in _notebook()["cells"] if c["cell_type"] == "code"]
    assert cells
    for c in cells:
        assert c.get("outputs") == [], "a code cell has outputs"
        assert c.get("execution_count") is None, "a code cell has an execution count"


def _run_notebook(nb_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Runs a notebook's code cells in order, from the notebook's own folder, as Jupyter would."""
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(nb_path.parent)
    import matplotlib

    matplotlib.use("Agg")
    ns: dict[str, Any] = {"__name__": "__notebook__"}
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        src = "".join(c["source"])
        exec(compile(src, f"{nb_path.name}:{c.get('id', '?')}", "exec"), ns)
    return ns


def test_the_package_ships_the_example_members() -> None:
    import hokensho

    lines = [json.loads(x) for x in (ROOT / "examples" / "members.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert hokensho.example_members() == lines


def test_notebook_runs_copied_outside_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "elsewhere" / NOTEBOOK.name
    copy.parent.mkdir()
    copy.write_bytes(NOTEBOOK.read_bytes())
    assert not (copy.parent / ".." / "members.jsonl").exists()
    ns = _run_notebook(copy, monkeypatch)
    assert ns["path"] is None, "the copy found a file it should not have"
    import hokensho

    assert ns["records"] == hokensho.example_members()
    assert len(ns["per_month"]) == 31
    assert (ns["per_month"]["errors"] == 0).all()


def test_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = _run_notebook(NOTEBOOK, monkeypatch)
    assert ns["path"] is not None
    per_month = ns["per_month"]
    assert len(per_month) == 31
    assert (per_month["need_certificate"] > 0).all()
    assert (per_month["errors"] == 0).all()
    # the displayed objects render
    assert "<table" in ns["first"]._repr_html_()


def test_script_runs(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path), "--months", "6"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "need_certificate" in out.stdout
    chart = tmp_path / "certificates_per_month.svg"
    assert chart.exists() and chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")


ROSTER = ROOT / "examples" / "python" / "roster.ipynb"


def test_roster_notebook_outputs_are_cleared() -> None:
    nb = json.loads(ROSTER.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert cells
    for c in cells:
        assert c.get("outputs") == [] and c.get("execution_count") is None


def test_roster_notebook_runs_copied_outside_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    import hokensho

    copy = tmp_path / "elsewhere" / ROSTER.name
    copy.parent.mkdir()
    copy.write_bytes(ROSTER.read_bytes())
    ns = _run_notebook(copy, monkeypatch)
    # it built its roster (nothing beside the copy) and read it as Shift_JIS
    data = ns["path"].read_bytes()
    data.decode("cp932")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    raw, frame, out = ns["raw"], ns["frame"], ns["out"]
    assert "社員番号" in raw.columns and "氏名" not in frame.columns
    assert len(raw) == len(out) == len(hokensho.example_members())
    # per-row dates: each row equals the same row assessed alone on its own date
    rules = ns["rules"]
    for i in (0, 1, 2, 5):
        alone = rules.assess_frame(frame.drop(columns=["on"]).loc[[i]], pd.Timestamp(frame.loc[i, "on"]).date(), labels="ja")
        assert alone.iloc[0].to_dict() == out.loc[i].to_dict(), i
    # the two bad rows, named by column, in Japanese
    bad = ns["bad"]
    assert list(bad.index) == [3, 7]
    assert bad.loc[3, "error"] == "invalid_date: birth_date"
    assert "`birth_date` は日付ではありません" in bad.loc[3, "error_message"]
    assert "1985/2/30" not in bad.loc[3, "error_message"]
    assert bad.loc[7, "error_code"] == "unknown_insurer"
    assert ns["member"]["birth_date"] == "1985/2/30" or ns["member"]["birth_date"] == "1985-02-30"
    # the pivots count every duty once
    duties = ns["duties"].dropna(subset=["action"])
    dated = duties["until"].notna() | duties["from"].notna()
    assert int(ns["pivot"].to_numpy().sum()) == int(dated.sum()) > 0
    assert int(ns["by_action"].to_numpy().sum()) == len(duties)
    assert set(ns["pivot"].columns) <= {"kenpo", "kyokai", "kyosai", "kokuho", "kouki"}
    assert set(duties["action"].unique()) <= set(hokensho.labels("actions", "ja").values())
    per_month = ns["per_month"]
    assert len(per_month) == 24 and per_month["need_certificate"].max() > 0
