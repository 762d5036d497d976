"""The example members the package ships (the same records as ``examples/members.jsonl`` in the repository; a test
keeps the two identical), so an example notebook runs wherever it is copied."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def example_members() -> list[dict[str, Any]]:
    """The example members: one dict per member in the contract's shape, every profile and the usual cases
    (dependents, abroad, 70–74, face changes, coverage loss, lost cards, kouki around the 2026 round)."""
    text = resources.files("hokensho").joinpath("data", "members.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
