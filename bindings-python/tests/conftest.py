"""Shared fixtures: the repository root, the embedded rules, the example members."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import hokensho

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "members.jsonl"


@pytest.fixture(scope="session")
def rules() -> hokensho.RuleSet:
    return hokensho.RuleSet.embedded()


@pytest.fixture(scope="session")
def members() -> list[dict[str, Any]]:
    return [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def _language() -> Any:
    """Every test starts in the default language and leaves it so."""
    hokensho.set_language("ja")
    yield
    hokensho.set_language("ja")
