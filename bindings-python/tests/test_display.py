"""Notebook views: ``Assessment._repr_html_`` and ``Timeline._repr_svg_``, parsed as XML."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from typing import Any

import pytest

import hokensho
from hokensho import _native

SVG = "{http://www.w3.org/2000/svg}"


def _html(a: hokensho.Assessment, lang: str | None = None) -> ET.Element:
    text = a._repr_html_(lang)
    return ET.fromstring(f"<root>{text}</root>")


def _text(e: ET.Element) -> str:
    return "".join(e.itertext())


@pytest.mark.parametrize("on", ["2025-07-31", "2025-12-02", "2026-04-01"])
def test_html_is_well_formed_and_complete(
    rules: hokensho.RuleSet, members: list[dict[str, Any]], on: str
) -> None:
    for m in members:
        a = rules.assess(m, on)
        root = _html(a)
        docs = root.findall(".//table[@class='documents']/tbody/tr[@class='document']")
        assert len(docs) == len(a.documents)
        assert [d.get("data-status") for d in docs] == [d.status for d in a.documents]
        obligations = root.findall(".//table[@class='obligations']/tbody/tr[@class='obligation']")
        assert len(obligations) == len(a.obligations)
        assert [o.get("data-action") for o in obligations] == [o.action for o in a.obligations]
        assert root.find(".//table[@class='care']/tbody/tr[@class='options']") is not None


def test_html_language(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    a = rules.assess(members[0], "2025-12-02")
    ja_names = _native.labels("ja")
    en_names = _native.labels("en")
    root = _html(a)  # default: Japanese
    cells = [_text(td) for td in root.findall(".//tr[@class='document']/td[@class='status']")]
    assert cells == [ja_names["statuses"][d.status] for d in a.documents]
    reasons = [_text(td) for td in root.findall(".//tr[@class='document']/td[@class='reason']")]
    assert reasons == [d.reason.ja for d in a.documents]
    assert "書類" in _text(root.find(".//table[@class='documents']/caption"))  # type: ignore[arg-type]
    hokensho.set_language("en")
    root = _html(a)
    cells = [_text(td) for td in root.findall(".//tr[@class='document']/td[@class='status']")]
    assert cells == [en_names["statuses"][d.status] for d in a.documents]
    assert _text(root.find(".//table[@class='documents']/caption")) == "Documents"  # type: ignore[arg-type]
    # the argument wins over the package language
    root = _html(a, "ja")
    assert [_text(td) for td in root.findall(".//tr[@class='document']/td[@class='status']")] == [
        ja_names["statuses"][d.status] for d in a.documents
    ]
    options = _text(root.find(".//tr[@class='options']/td"))  # type: ignore[arg-type]
    for s in a.care.options:
        for d in s:
            assert ja_names["documents"][d] in options


def test_html_escapes_text(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    m = copy.deepcopy(members[0])
    m["id"] = '<b>"E&1"</b>'
    a = rules.assess(m, "2025-12-02")
    raw = a._repr_html_()
    assert "<b>" not in raw
    root = ET.fromstring(f"<root>{raw}</root>")
    assert '<b>"E&1"</b>' in _text(root)


def test_html_without_messages(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    a = rules.assess(members[0], "2025-12-02", messages=False, trace=False)
    root = _html(a, "en")
    reasons = [_text(td) for td in root.findall(".//tr[@class='document']/td[@class='reason']")]
    assert reasons == [d.reason.code for d in a.documents]


@pytest.mark.parametrize("window", [("2025-01-01", "2027-12-31"), ("2024-06-01", "2026-06-30"), ("2025-11-01", "2026-02-28")])
def test_svg_is_well_formed_and_complete(
    rules: hokensho.RuleSet, members: list[dict[str, Any]], window: tuple[str, str]
) -> None:
    for m in members:
        t = rules.timeline(m, *window)
        root = ET.fromstring(t._repr_svg_())
        assert root.tag == f"{SVG}svg"
        bars = root.findall(f".//{SVG}rect[@class='span']")
        assert len(bars) == len(t.spans)
        assert [(b.get("data-document"), b.get("data-status"), b.get("data-from"), b.get("data-to")) for b in bars] == [
            (s.document, s.status, s.from_.isoformat(), s.to.isoformat()) for s in t.spans
        ]
        # bars sit inside the plot, in date order per row, and the widths add up per document
        for b in bars:
            assert float(b.get("width", "0")) > 0
        boundaries = root.findall(f".//{SVG}g[@class='boundary']")
        assert sorted(g.get("data-on", "") for g in boundaries) == sorted({b.on.isoformat() for b in t.boundaries})
        for g in boundaries:
            label = _text(g.find(f"{SVG}text"))  # type: ignore[arg-type]
            for rule in (g.get("data-rules") or "").split():
                assert rule in label
            assert g.find(f"{SVG}line") is not None
        legend = root.findall(f".//{SVG}g[@class='legend']/{SVG}rect[@class='legend-key']")
        assert {k.get("data-status") for k in legend} == {s.status for s in t.spans} or not t.spans
        rows = {(s.document, s.index) for s in t.spans}
        assert len(root.findall(f".//{SVG}text[@class='row-label']")) == len(rows)


def test_svg_language(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    t = rules.timeline(members[0], "2025-01-01", "2027-12-31")
    ja = ET.fromstring(t._repr_svg_())
    labels = [_text(x) for x in ja.findall(f".//{SVG}text[@class='row-label']")]
    assert labels[0] == _native.labels("ja")["documents"][t.spans[0].document]
    hokensho.set_language("en")
    en = ET.fromstring(t._repr_svg_())
    labels = [_text(x) for x in en.findall(f".//{SVG}text[@class='row-label']")]
    assert labels[0] == _native.labels("en")["documents"][t.spans[0].document]
    legend = [_text(x) for x in en.findall(f".//{SVG}g[@class='legend']/{SVG}text")]
    assert "valid" in legend
    assert t.to_svg("ja") == t._repr_svg_("ja")
