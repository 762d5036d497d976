"""Notebook views: an assessment as an HTML table, a timeline as an SVG chart.

Presentation only: every status, reason, option and obligation shown comes from the core's answer, and the
names of documents and statuses from the core's message tables (``hokensho._native.labels``). All text is
escaped with ``html.escape``; the output is well-formed XML (a fragment for HTML, a document for SVG).
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from . import _config, _native
from ._labels import labels as _code_labels

if TYPE_CHECKING:
    from .model import Assessment, Timeline

__all__ = ["assessment_html", "timeline_svg", "STATUS_COLORS"]

# a status's colour: usable greens, not-yet grey-blue, ended grey, problems warm; every colour reaches the WCAG AA
# contrast for text (4.5:1) on the white background it is drawn on (tests/test_display.py checks it)
STATUS_COLORS: dict[str, str] = {
    "valid": "#2e7d32",
    "in_grace": "#33691e",
    "not_yet_valid": "#546e7a",
    "expired": "#c2410c",
    "ended": "#616161",
    "invalidated": "#c62828",
    "unusable": "#8a6d00",
}

BOUNDARY_COLOR = "#1a237e"
MARK_COLOR = "#000000"
BACKGROUND = "#ffffff"

# cells are left-aligned and top-aligned whatever the notebook's own style (Jupyter right-aligns table cells)
_CELL = "text-align:left;vertical-align:top"


_UI: dict[str, dict[str, str]] = {
    "en": {
        "covered": "covered",
        "not_covered": "not covered",
        "age": "age",
        "needs": "must obtain an eligibility certificate",
        "no_need": "no certificate needed",
        "since": "since",
        "documents": "Documents",
        "document": "Document",
        "status": "Status",
        "through": "Valid through",
        "reason": "Reason",
        "none": "none",
        "counter": "At the counter",
        "options": "Show",
        "fallback": "If the online check fails",
        "provisional": "Provider may accept (provisional)",
        "obligations": "Obligations",
        "what": "What",
        "from": "From",
        "until": "Until",
        "rule": "Rule",
        "duty": "duty",
        "option": "option",
        "boundaries": "rule boundaries",
        "mark": "assessed on",
    },
    "ja": {
        "covered": "資格あり",
        "not_covered": "資格なし",
        "age": "年齢",
        "needs": "資格確認書が必要",
        "no_need": "資格確認書は不要",
        "since": "開始",
        "documents": "書類",
        "document": "書類",
        "status": "状態",
        "through": "使用できる最終日",
        "reason": "理由",
        "none": "なし",
        "counter": "窓口で提示するもの",
        "options": "提示",
        "fallback": "オンライン資格確認ができない場合",
        "provisional": "医療機関の判断で受付（暫定）",
        "obligations": "手続き",
        "what": "内容",
        "from": "開始",
        "until": "期限",
        "rule": "規則",
        "duty": "義務",
        "option": "任意",
        "boundaries": "規則の境界",
        "mark": "判定日",
    },
}


@lru_cache(maxsize=2)
def _labels(lang: str) -> dict[str, dict[str, str]]:
    return _native.labels(lang)


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _doc(name: str, index: int | None, lang: str) -> str:
    """A document's name; certificates are numbered from 1, as ``explain()`` numbers them."""
    label = _labels(lang)["documents"].get(name, name)
    return f"{label} #{index + 1}" if index is not None else label


def _status(code: str, lang: str) -> str:
    return _labels(lang)["statuses"].get(code, code)


def _text(en: str | None, ja: str | None, lang: str, fallback: str) -> str:
    t = en if lang == "en" else ja
    return t if t else fallback


def assessment_html(a: Assessment, lang: str | None = None) -> str:
    """The HTML table of an assessment: documents (status, valid through, reason), counter options, obligations."""
    lg = _config.resolve(lang)
    ui = _UI[lg]
    nc = a.needs_certificate
    need = ui["needs"] if nc.needed else ui["no_need"]
    if nc.needed and nc.from_ is not None:
        need += f" ({ui['since']} {nc.from_.isoformat()})"
    if nc.needed and nc.reason:
        need += f" [{nc.reason}]"
    out: list[str] = [f'<div class="hokensho-assessment" lang="{lg}">']
    out.append(
        f"<p><strong>{_e(a.id)}</strong> · {_e(a.on.isoformat())} · "
        f'<span class="covered">{_e(ui["covered"] if a.covered else ui["not_covered"])}</span> · '
        f"{_e(ui['age'])} {a.age} · "
        f'<span class="needs-certificate">{_e(need)}</span></p>'
    )
    out.append('<table class="documents">')
    out.append(f"<caption>{_e(ui['documents'])}</caption>")
    out.append(
        f'<thead><tr><th style="{_CELL}">{_e(ui["document"])}</th><th style="{_CELL}">{_e(ui["status"])}</th>'
        f'<th style="{_CELL}">{_e(ui["through"])}</th><th style="{_CELL}">{_e(ui["reason"])}</th></tr></thead><tbody>'
    )
    if not a.documents:
        out.append(f'<tr><td colspan="4" style="{_CELL}">{_e(ui["none"])}</td></tr>')
    for d in a.documents:
        color = STATUS_COLORS.get(d.status, "#000000")
        through = d.valid_through.isoformat() if d.valid_through else ""
        out.append(
            f'<tr class="document" data-document="{_e(d.document)}" data-status="{_e(d.status)}">'
            f'<td style="{_CELL}">{_e(_doc(d.document, d.index, lg))}</td>'
            f'<td class="status" style="{_CELL};color:{color}">{_e(_status(d.status, lg))}</td>'
            f'<td style="{_CELL};white-space:nowrap">{_e(through)}</td>'
            f'<td class="reason" style="{_CELL}" title="{_e(d.reason.rule)}">'
            f"{_e(_text(d.reason.en, d.reason.ja, lg, d.reason.code))}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append('<table class="care">')
    out.append(f"<caption>{_e(ui['counter'])}</caption><tbody>")
    for key, label in (("options", "options"), ("if_online_check_fails", "fallback"), ("provisional", "provisional")):
        sets: list[list[str]] = getattr(a.care, key)
        if key != "options" and not sets:
            continue
        cells = " / ".join(" + ".join(_doc(x, None, lg) for x in s) for s in sets) if sets else ui["none"]
        out.append(f'<tr class="{key}"><th style="{_CELL}">{_e(ui[label])}</th><td style="{_CELL}">{_e(cells)}</td></tr>')
    out.append("</tbody></table>")
    out.append('<table class="obligations">')
    out.append(f"<caption>{_e(ui['obligations'])}</caption>")
    out.append(
        f'<thead><tr><th style="{_CELL}">{_e(ui["what"])}</th><th style="{_CELL}">{_e(ui["from"])}</th>'
        f'<th style="{_CELL}">{_e(ui["until"])}</th><th style="{_CELL}">{_e(ui["rule"])}</th></tr></thead><tbody>'
    )
    if not a.obligations:
        out.append(f'<tr><td colspan="4" style="{_CELL}">{_e(ui["none"])}</td></tr>')
    for o in a.obligations:
        what = _text(o.en, o.ja, lg, f"{o.action} {_doc(o.document, o.index, lg)}")
        kind = ui["duty"] if o.required else ui["option"]
        out.append(
            f'<tr class="obligation" data-action="{_e(o.action)}" data-document="{_e(o.document)}">'
            f'<td style="{_CELL}">{_e(what)} ({_e(kind)})</td>'
            f'<td style="{_CELL};white-space:nowrap">{_e(o.from_.isoformat() if o.from_ else "")}</td>'
            f'<td style="{_CELL};white-space:nowrap">{_e(o.until.isoformat() if o.until else "")}</td>'
            f'<td style="{_CELL}"><code>{_e(o.rule)}</code></td></tr>'
        )
    out.append("</tbody></table></div>")
    return "".join(out)


def _ticks(start: date, end: date) -> list[date]:
    """Axis ticks: year starts over long ranges, quarter or month starts over shorter ones."""
    span = (end - start).days
    step = 12 if span > 3 * 365 else 3 if span > 365 else 1
    ticks: list[date] = []
    y, m = start.year, start.month
    while True:
        d = date(y, m, 1)
        if d > end:
            break
        if d >= start and (m - 1) % step == 0:
            ticks.append(d)
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return ticks


def _text_width(text: str) -> float:
    """A rough width in pixels of ``text`` at 12px sans-serif (wide for CJK characters)."""
    return sum(12.0 if ord(c) > 0x2E80 else 6.8 for c in text)


def timeline_svg(t: Timeline, lang: str | None = None, mark: date | None = None) -> str:
    """The SVG chart of a timeline: one row per document, one bar per span coloured by status, the rule
    boundaries as labelled dashed vertical lines, a date axis and a legend; ``mark`` (the assessed date, when it
    falls inside the range) is drawn as a solid line with its date."""
    lg = _config.resolve(lang)
    start, end = t.from_, t.to
    total = (end - start).days + 1
    rows: list[tuple[str, int | None]] = []
    for s in t.spans:
        key = (s.document, s.index)
        if key not in rows:
            rows.append(key)
    boundaries: dict[date, list[str]] = {}
    for b in t.boundaries:
        boundaries.setdefault(b.on, [])
        if b.rule not in boundaries[b.on]:
            boundaries[b.on].append(b.rule)

    labels = [_doc(doc, index, lg) for doc, index in rows]
    width = 960
    left = min(420, max(120, 16 + max((_text_width(x) for x in labels), default=0)))
    right = 20
    plot_w = width - left - right
    label_h = 16 * max(1, min(len(boundaries), 4)) + 10
    top = 34 + label_h
    row_h, bar_h = 26, 16
    axis_y = top + row_h * max(1, len(rows)) + 6
    statuses = [s for s in STATUS_COLORS if any(sp.status == s for sp in t.spans)] or ["valid"]
    # the legend: keys left to right, wrapping to a new line at the right edge
    legend: list[tuple[float, float, str, str]] = []
    lx, ly = float(left), float(axis_y + 40)
    marked = mark is not None and start <= mark <= end
    for code in statuses + ["_boundary"] + (["_mark"] if marked else []):
        name = _UI[lg]["boundaries"] if code == "_boundary" else _UI[lg]["mark"] if code == "_mark" else _status(code, lg)
        w = 24 + _text_width(name) + 14
        if lx + w > width - right and lx > left:
            lx, ly = float(left), ly + 20
        legend.append((lx, ly, code, name))
        lx += w
    height = int(ly) + 20

    def x(d: date) -> float:
        return left + plot_w * (d - start).days / total

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" class="hokensho-timeline">'
    ]
    out.append(f"<title>{_e(t.id)}: {_e(start.isoformat())} – {_e(end.isoformat())}</title>")
    out.append(
        f'<text x="10" y="20" font-size="14" font-weight="bold">'
        f"{_e(t.id)} · {_e(start.isoformat())} – {_e(end.isoformat())}</text>"
    )
    # rows and bars
    for r, (doc, index) in enumerate(rows):
        y = top + r * row_h
        out.append(
            f'<text class="row-label" x="{left - 8}" y="{y + bar_h - 3}" text-anchor="end">{_e(labels[r])}</text>'
        )
        for s in t.spans:
            if (s.document, s.index) != (doc, index):
                continue
            x0, x1 = x(s.from_), x(s.to + timedelta(days=1))
            out.append(
                f'<rect class="span" data-document="{_e(doc)}" data-status="{_e(s.status)}" '
                f'data-from="{s.from_.isoformat()}" data-to="{s.to.isoformat()}" '
                f'x="{x0:.2f}" y="{y}" width="{max(x1 - x0, 0.5):.2f}" height="{bar_h}" '
                f'fill="{STATUS_COLORS.get(s.status, "#000000")}">'
                f"<title>{_e(_doc(doc, index, lg))}: {_e(_status(s.status, lg))} "
                f"{s.from_.isoformat()} – {s.to.isoformat()}</title></rect>"
            )
    # axis
    out.append(
        f'<line class="axis" x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="#333333"/>'
    )
    for d in _ticks(start, end):
        xd = x(d)
        label = str(d.year) if d.month == 1 else f"{d.year}-{d.month:02d}"
        out.append(f'<line class="tick" x1="{xd:.2f}" y1="{axis_y}" x2="{xd:.2f}" y2="{axis_y + 5}" stroke="#333333"/>')
        out.append(f'<text class="tick-label" x="{xd:.2f}" y="{axis_y + 18}" text-anchor="middle">{_e(label)}</text>')
    # rule boundaries
    for i, (d, rules) in enumerate(sorted(boundaries.items())):
        xd = x(d)
        ly = 34 + 16 * (i % 4) + 10
        # the rules' titles in the chart's language (the ids stay in `data-rules`)
        titles = _code_labels("rules", lg)
        sep = "、" if lg == "ja" else ", "
        label = f"{d.isoformat()} {sep.join(titles.get(r, r) for r in rules)}"
        # labels right of their line, or left of it near the right edge
        if xd + 3 + _text_width(label) * 10 / 12 > width - right:
            tx, anchor = xd - 3, "end"
        else:
            tx, anchor = xd + 3, "start"
        out.append(
            f'<g class="boundary" data-on="{d.isoformat()}" data-rules="{_e(" ".join(rules))}">'
            f'<line x1="{xd:.2f}" y1="{ly + 4}" x2="{xd:.2f}" y2="{axis_y}" stroke="{BOUNDARY_COLOR}" '
            f'stroke-dasharray="4,3"/>'
            f'<text x="{tx:.2f}" y="{ly}" fill="{BOUNDARY_COLOR}" font-size="10" text-anchor="{anchor}">{_e(label)}</text></g>'
        )
    # the assessed date
    if marked and mark is not None:
        xm = x(mark) + plot_w / total / 2
        label = f"{_UI[lg]['mark']} {mark.isoformat()}"
        anchor = "end" if xm + 3 + _text_width(label) > width - right else "start"
        tx = xm - 3 if anchor == "end" else xm + 3
        out.append(
            f'<g class="mark" data-on="{mark.isoformat()}">'
            f'<line x1="{xm:.2f}" y1="{top - 6}" x2="{xm:.2f}" y2="{axis_y}" stroke="{MARK_COLOR}" stroke-width="2"/>'
            f'<text x="{tx:.2f}" y="{top - 8}" font-weight="bold" text-anchor="{anchor}">{_e(label)}</text></g>'
        )
    # legend
    out.append('<g class="legend">')
    for lx, ly, code, name in legend:
        if code == "_mark":
            out.append(
                f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{MARK_COLOR}" stroke-width="2"/>'
                f'<text x="{lx + 22}" y="{ly}">{_e(name)}</text>'
            )
        elif code == "_boundary":
            out.append(
                f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 18}" y2="{ly - 4}" stroke="{BOUNDARY_COLOR}" stroke-dasharray="4,3"/>'
                f'<text x="{lx + 22}" y="{ly}">{_e(name)}</text>'
            )
        else:
            out.append(
                f'<rect class="legend-key" data-status="{_e(code)}" x="{lx}" y="{ly - 10}" width="12" height="12" '
                f'fill="{STATUS_COLORS[code]}"/><text x="{lx + 16}" y="{ly}">{_e(name)}</text>'
            )
    out.append("</g></svg>")
    return "".join(out)
