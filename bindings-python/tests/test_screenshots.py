"""Screenshots of the notebook views (an assessment's table and a timeline's chart) in Japanese and English,
rendered by Debian's headless Chromium into ``bindings-python/test-output/`` (the test command installs it)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import hokensho

OUT = Path(__file__).resolve().parent.parent / "test-output"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("headless Chromium is required for the screenshots (bindings-python/test.sh installs Debian's chromium)")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_views_render_in_chromium(rules: hokensho.RuleSet, members: list[dict[str, Any]], lang: str) -> None:
    # a member with a certificate and a face change, so every part of the views has something in it
    m = next(x for x in members if x.get("certificates")) if any(x.get("certificates") for x in members) else members[0]
    a = rules.assess(m, "2025-12-02")
    t = rules.timeline(m, date(2025, 1, 1), date(2027, 12, 31))
    html = a._repr_html_(lang)
    svg = t.to_svg(lang, mark=date(2025, 12, 2))
    title = "表示の確認" if lang == "ja" else "Views"
    page = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body style="font-family: \'Noto Sans CJK JP\', sans-serif; margin: 16px">{html}<hr>{svg}</body></html>'
    )
    OUT.mkdir(exist_ok=True)
    page_path = OUT / f"views-{lang}.html"
    page_path.write_text(page, encoding="utf-8")
    shot = OUT / f"views-{lang}.png"
    shot.unlink(missing_ok=True)
    subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--screenshot={shot}", "--window-size=1200,1800", page_path.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000, "a blank page"
    # what was rendered is in the session's language, with the assessed day marked on the timeline
    if lang == "ja":
        assert "窓口" in html or "書類" in html
    else:
        assert "Documents" in html or "document" in html.lower()
    assert "2025-12-02" in svg
