"""Notebook views: ``Assessment._repr_html_`` and ``Timeline._repr_svg_``, parsed as XML."""

from __future__ import annotations

import copy
from datetime import date
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
            titles = hokensho.labels("rules", hokensho.get_language())
            for rule in (g.get("data-rules") or "").split():
                assert titles[rule] in label
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


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_every_colour_passes_wcag_aa_on_its_background() -> None:
    from hokensho import _display

    colours = dict(_display.STATUS_COLORS)
    colours["boundary"] = _display.BOUNDARY_COLOR
    colours["mark"] = _display.MARK_COLOR
    for name, c in colours.items():
        # text colours: 4.5:1 against the white the views draw on (WCAG 2.1 AA, 1.4.3)
        assert _contrast(c, _display.BACKGROUND) >= 4.5, f"{name} {c}: {_contrast(c, _display.BACKGROUND):.2f}:1"
    # the check itself: black on white is 21:1, the old pale green failed
    assert round(_contrast("#000000", "#ffffff"), 1) == 21.0
    assert _contrast("#81c784", "#ffffff") < 4.5


def test_html_cells_are_left_aligned(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    a = rules.assess(members[0], "2025-12-02")
    root = _html(a)
    cells = root.findall(".//td") + root.findall(".//th")
    assert cells
    assert all("text-align:left" in (c.get("style") or "") for c in cells)


def test_certificates_are_numbered_from_one_as_explain_numbers_them(rules: hokensho.RuleSet) -> None:
    m = {
        "id": "D-NUM",
        "insurer": "kyokai",
        "role": "insured",
        "birth_date": "1985-05-10",
        "coverage": {"acquired_on": "2010-04-01"},
        "certificates": [
            {"issued_on": "2025-08-01", "expires_on": "2029-07-31", "basis": "bulk"},
            {"issued_on": "2026-02-10", "expires_on": "2030-07-31", "basis": "application"},
        ],
        "face_changes": [{"on": "2026-02-01", "reason": "marriage"}],
    }
    a = rules.assess(m, "2026-03-01")
    html_text = _text(_html(a, "en"))
    explain = rules.explain(m, "2026-03-01", lang="en")
    for n in ("#1", "#2"):
        assert n in html_text and n in explain
    assert "#0" not in html_text
    t = rules.timeline(m, "2025-07-01", "2026-12-31")
    svg = t.to_svg("en")
    assert "#1" in svg and "#2" in svg and "#0" not in svg


def test_timeline_marks_the_assessed_date(rules: hokensho.RuleSet, members: list[dict[str, Any]]) -> None:
    t = rules.timeline(members[0], "2025-01-01", "2026-12-31")
    root = ET.fromstring(t.to_svg("ja", mark=date(2025, 12, 2)))
    marks = root.findall(f".//{SVG}g[@class='mark']")
    assert [g.get("data-on") for g in marks] == ["2025-12-02"]
    assert "判定日 2025-12-02" in _text(marks[0])
    assert "判定日" in _text(root.find(f".//{SVG}g[@class='legend']"))
    # outside the range, or unset: no marker
    assert ET.fromstring(t.to_svg("en", mark=date(2030, 1, 1))).find(f".//{SVG}g[@class='mark']") is None
    assert ET.fromstring(t.to_svg("en")).find(f".//{SVG}g[@class='mark']") is None
    t.mark = date(2026, 4, 1)
    assert ET.fromstring(t._repr_svg_("en")).find(f".//{SVG}g[@class='mark']").get("data-on") == "2026-04-01"


def test_the_default_language_follows_the_locale() -> None:
    from hokensho._config import default_language

    assert default_language({}) == "ja"
    assert default_language({"LANG": "en_US.UTF-8"}) == "en"
    assert default_language({"LANG": "ja_JP.UTF-8"}) == "ja"
    assert default_language({"LANG": "C.UTF-8"}) == "ja"  # not English: the Japanese fallback
    assert default_language({"LC_ALL": "en_GB.UTF-8", "LANG": "ja_JP.UTF-8"}) == "en"
    assert default_language({"HOKENSHO_LANG": "ja", "LC_ALL": "en_US.UTF-8"}) == "ja"


def test_labels_for_every_kind_in_both_languages() -> None:
    kinds = ["documents", "statuses", "need_reasons", "actions", "actors", "events", "warnings", "rules"]
    for kind in kinds:
        ja, en = hokensho.labels(kind, "ja"), hokensho.labels(kind, "en")  # type: ignore[arg-type]
        assert ja and list(ja) == list(en), kind
    assert hokensho.labels("actions", "ja")["return"] == "返却"
    assert hokensho.labels("need_reasons", "en")["card_lost"] == "card lost"
    assert len(hokensho.labels("rules", "en")) == len(hokensho.RULE_IDS)
    hokensho.set_language("en")
    assert hokensho.labels("actors")["insurer"] == "insurer"
    hokensho.set_language("ja")
    assert hokensho.labels("actors")["insurer"] == "保険者"
    with pytest.raises(hokensho.InvalidRequest) as e:
        hokensho.labels("colours")  # type: ignore[arg-type]
    assert e.value.path == "kind"


def test_timeline_boundaries_are_labelled_in_the_chart_language(
    rules: hokensho.RuleSet, members: list[dict[str, Any]]
) -> None:
    t = rules.timeline(members[0], "2025-01-01", "2026-12-31")
    for lang, title in (("ja", "保険証の使用終了"), ("en", "paper cards end")):
        root = ET.fromstring(t.to_svg(lang))
        texts = [_text(g) for g in root.findall(f".//{SVG}g[@class='boundary']")]
        assert any(title in x for x in texts), texts
        assert not any("legacy.transition-end" in x for x in texts)
