"""The self-contained HTML report: inline CSS and SVG, no scripts, no external assets."""

from __future__ import annotations

from ycs import __version__
from ycs.document_names import plan_short_name
from ycs.errors import Finding
from ycs.export_heading import (
    ExportOptions,
    Heading,
    report_heading,
    signature_block,
)
from ycs.export_text import (
    CHART_MAX_ROWS,
    FINDING_COLUMNS,
    PlanSection,
    ResultLine,
    deadline_heading,
    finding_cells,
    finding_counts,
    other_section,
    plan_sections,
    sorted_findings,
    status_label,
    target_text,
    unit_display,
    value_text,
)
from ycs.messages import Lang, label
from ycs.report import Report
from ycs.shown import html_text

escape = html_text

STATUS_COLOURS = {
    "met": "#2e7d32",
    "not_met": "#c62828",
    "no_data": "#9e9e9e",
    "undetermined": "#b26a00",
    None: "#546e7a",
}

_CSS = """
:root { color-scheme: light; }
body { font: 14px/1.45 "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #212121;
       margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 20px; margin: 0 0 4px; }
header.report { border-bottom: 2px solid #1f4e79; padding-bottom: 6px; margin-bottom: 8px; }
.org { font-weight: 700; font-size: 15px; margin: 0; }
.covers { margin: 0; }
nav.contents ol { margin: 4px 0 12px; }
footer.signature { display: flex; justify-content: space-around; margin: 32px 0 80px;
                   text-align: center; break-inside: avoid; }
footer.signature p { margin: 2px 0; }
.sign { font-weight: 700; } .note, .place { font-style: italic; }
h2 { font-size: 18px; margin: 28px 0 2px; }
.meta, .doc { color: #555; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
td.long { overflow-wrap: anywhere; }
th { background: #eef3f8; }
td.num, th.num { text-align: right; white-space: nowrap; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff;
          font-weight: 600; white-space: nowrap; }
.met { background: #2e7d32; } .not_met { background: #c62828; } .no_data { background: #9e9e9e; }
.undetermined { background: #b26a00; }
ul.notes { color: #555; margin: 0 0 16px; }
.error td:first-child { color: #c62828; font-weight: 600; }
.warning td:first-child { color: #b26a00; font-weight: 600; }
svg.chart { display: block; width: 100%; max-width: 900px; height: auto; margin: 8px 0; }
svg.chart text { font: 12px "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; fill: #212121; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  th, td { padding: 2px 4px; }
  thead { display: table-header-group; }
  tr, svg.chart { break-inside: avoid; }
  h2 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# Finding columns that may hold long unbroken text (paths, raw cell values).
_LONG = frozenset({"file", "cell", "cell_value", "message"})

# Chart geometry, in SVG user units (the chart scales to the page width).
_LABEL_WIDTH = 330
_BAR_WIDTH = 420
_CHART_WIDTH = 900
_ROW_HEIGHT = 26
_LABEL_CHARS = 52


def report_html(report: Report, lang: Lang, options: ExportOptions | None = None) -> str:
    """One printable page: the report's heading and contents, each plan's chart and table,
    the data checks, and the signature block."""
    checked = report.results is not None
    heading = report_heading(
        report, lang, options or ExportOptions(), "title_check" if checked else "title_validate"
    )
    sections = plan_sections(report, lang)
    title = heading.title if not heading.covers else f"{heading.title} — {heading.covers}"
    body = [_heading(heading), _meta(report, lang), _contents(sections, lang)]
    body += [_plan(section, lang) for section in sections]
    others = other_section(report, lang)
    if others is not None:
        body.append(_plan(others, lang))
    body.append(_findings(report.findings, lang))
    body.append(_signature(heading, lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _heading(heading: Heading) -> str:
    parts = ['<header class="report">']
    if heading.organisation:
        parts.append(f'<p class="org">{escape(heading.organisation)}</p>')
    parts.append(f"<h1>{escape(heading.title)}</h1>")
    for line in (heading.covers, heading.reported):
        if line:
            parts.append(f'<p class="covers">{escape(line)}</p>')
    parts.append("</header>")
    return "\n".join(parts)


def _contents(sections: list[PlanSection], lang: Lang) -> str:
    items = [
        f'<li><a href="#{escape(s.plan_id)}">'
        f"{escape(plan_short_name(s.document, s.name, s.year))} — {escape(s.name)}</a></li>"
        for s in sections
    ]
    items.append(f'<li><a href="#findings">{escape(label("findings", lang))}</a></li>')
    return (
        f'<nav class="contents"><h2>{escape(label("contents", lang))}</h2>'
        f"<ol>{''.join(items)}</ol></nav>"
    )


def _signature(heading: Heading, lang: Lang) -> str:
    (preparer, preparer_note), (head, head_note) = signature_block(lang)
    return (
        '<footer class="signature">'
        f'<div><p class="place">&nbsp;</p><p class="sign">{escape(preparer)}</p>'
        f'<p class="note">{escape(preparer_note)}</p></div>'
        f'<div><p class="place">{escape(heading.place_date)}</p>'
        f'<p class="sign">{escape(head)}</p><p class="note">{escape(head_note)}</p></div>'
        "</footer>"
    )


def _meta(report: Report, lang: Lang) -> str:
    files = sorted({i.file for i in report.inputs})
    rows = sum(i.rows for i in report.inputs)
    parts = [f"ycs {__version__}", ", ".join(files), f"{rows} {label('row', lang).lower()}"]
    parts.append(finding_counts(report.findings, lang))
    return f'<p class="meta">{escape(" · ".join(p for p in parts if p))}</p>'


def _plan(section: PlanSection, lang: Lang) -> str:
    doc = [section.document] if section.document else []
    if section.year is not None:
        doc.append(deadline_heading(section.year, (x.result for x in section.lines), lang))
    parts = [
        f'<section class="plan" id="{escape(section.plan_id)}">',
        f"<h2>{escape(section.name)}</h2>",
        f'<p class="doc">{escape(" · ".join(doc))}</p>',
    ]
    # Indicators without a target have nothing to be charted against.
    if 0 < len(section.lines) <= CHART_MAX_ROWS and section.plan_id:
        parts.append(_chart(section.lines, lang))
    parts.append(_results_table(section.lines, lang))
    if section.notes:
        items = "".join(f"<li>{escape(note)}</li>" for note in section.notes)
        parts.append(f'<ul class="notes">{items}</ul>')
    parts.append("</section>")
    return "\n".join(parts)


def _results_table(lines: list[ResultLine], lang: Lang) -> str:
    head = "".join(
        f'<th class="num">{escape(label(k, lang))}</th>'
        if k in ("value", "target")
        else f"<th>{escape(label(k, lang))}</th>"
        for k in ("indicator", "period", "unit_name", "value", "target", "status")
    )
    rows = []
    for line in lines:
        result = line.result
        rows.append(
            "<tr>"
            f"<td>{escape(line.indicator)}</td>"
            f"<td>{escape(result.period)}</td>"
            f'<td class="long">{escape(unit_display(result, lang))}</td>'
            f'<td class="num">{escape(value_text(line, lang))}</td>'
            f'<td class="num">{escape(target_text(result.target, line.unit, lang))}</td>'
            + (
                f'<td><span class="status {result.status}">'
                f"{escape(status_label(result, lang))}</span></td>"
                if result.status
                else "<td></td>"
            )
            + "</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _chart(lines: list[ResultLine], lang: Lang) -> str:
    """A bullet chart: one bar per row on its own scale, with a marker at the target.

    Each row gets its own scale because one plan mixes percentages with counts.
    """
    height = _ROW_HEIGHT * len(lines) + 8
    title = f"{label('value', lang)} / {label('target', lang)}"
    parts = [
        f'<svg class="chart" viewBox="0 0 {_CHART_WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}">'
    ]
    several_units = len({(line.result.unit_code, line.result.period) for line in lines}) > 1
    for index, line in enumerate(lines):
        parts.append(_chart_row(line, _ROW_HEIGHT * index + 4, several_units, lang))
    parts.append("</svg>")
    return "".join(parts)


def _chart_row(line: ResultLine, top: int, show_unit: bool, lang: Lang) -> str:
    result = line.result
    name = line.indicator
    if show_unit:
        name = f"{name} — {unit_display(result, lang)}, {result.period}"
    short = name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"
    value = result.compared_value if result.compared_value is not None else 0.0
    target = result.target.value if result.target is not None else 0.0
    scale = max(value, target, 100.0 if line.unit == "%" else 0.0) * 1.05 or 1.0
    bar = max(value, 0.0) / scale * _BAR_WIDTH
    marker = _LABEL_WIDTH + max(target, 0.0) / scale * _BAR_WIDTH
    caption = value_text(line, lang) or status_label(result, lang)
    middle = top + _ROW_HEIGHT / 2
    return (
        f"<g><title>{escape(name)}: {escape(caption)} "
        f"({escape(target_text(result.target, line.unit, lang))})</title>"
        f'<text x="{_LABEL_WIDTH - 8}" y="{middle + 4:.0f}" text-anchor="end">'
        f"{escape(short)}</text>"
        f'<rect x="{_LABEL_WIDTH}" y="{top + 4}" width="{_BAR_WIDTH}" height="{_ROW_HEIGHT - 8}" '
        'fill="#f1f1f1"/>'
        f'<rect x="{_LABEL_WIDTH}" y="{top + 4}" width="{bar:.1f}" height="{_ROW_HEIGHT - 8}" '
        f'fill="{STATUS_COLOURS[result.status]}"/>'
        f'<line x1="{marker:.1f}" x2="{marker:.1f}" y1="{top + 1}" y2="{top + _ROW_HEIGHT - 1}" '
        'stroke="#212121" stroke-width="3"/>'
        f'<text x="{_LABEL_WIDTH + _BAR_WIDTH + 8}" y="{middle + 4:.0f}">{escape(caption)}</text>'
        "</g>"
    )


def _findings(findings: list[Finding], lang: Lang) -> str:
    heading = f"<h2>{escape(label('findings', lang))}</h2>"
    if not findings:
        valid = escape(label("no_findings", lang))
        return f'<section class="findings" id="findings">{heading}<p>{valid}</p></section>'
    head = "".join(f"<th>{escape(label(k, lang))}</th>" for k in FINDING_COLUMNS)
    rows = [
        f'<tr class="{f.severity.value}">'
        + "".join(
            f'<td class="long">{escape(cell)}</td>' if key in _LONG else f"<td>{escape(cell)}</td>"
            for key, cell in zip(FINDING_COLUMNS, finding_cells(f, lang), strict=True)
        )
        + "</tr>"
        for f in sorted_findings(findings)
    ]
    return (
        f'<section class="findings" id="findings">{heading}'
        f'<p class="meta">{escape(finding_counts(findings, lang))}</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )
