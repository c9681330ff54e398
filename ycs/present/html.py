"""The self-contained HTML report: inline CSS and SVG, no scripts, no external assets."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import groupby

from ycs import __version__
from ycs.errors import Finding
from ycs.present.document_names import plan_short_name
from ycs.present.heading import (
    ExportOptions,
    Heading,
    coverage_text,
    coverage_total,
    lines_by_unit_type,
    report_heading,
    signature_block,
)
from ycs.present.messages import Lang, label, target_text
from ycs.present.shown import html_text
from ycs.present.text import (
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
    unit_display,
    value_text,
)
from ycs.report import Report

escape = html_text

STATUS_COLOURS = {
    "met": "#2e7d32",
    "not_met": "#c62828",
    "no_data": "#9e9e9e",
    "undetermined": "#b26a00",
    None: "#546e7a",
}

# The report heading and the signature block, as every HTML report prints them.
HEADING_CSS = """
header.report { border-bottom: 2px solid #1f4e79; padding-bottom: 6px; margin-bottom: 8px; }
.org { font-weight: 700; font-size: 15px; margin: 0; }
.covers { margin: 0; }
footer.signature { margin: 32px 0 80px; text-align: center; break-inside: avoid; }
tr.signature td { border: none; padding: 0; }
tr.signature footer.signature { margin-bottom: 24px; }
/* Side by side as inline blocks, which print whole: a title never parts from its hint. */
footer.signature > div { display: inline-block; width: 45%; vertical-align: top; }
footer.signature p { margin: 2px 0; }
.sign { font-weight: 700; } .note, .place { font-style: italic; }
@media print {
  footer.signature { margin-bottom: 0; break-before: avoid; }
}
"""

_CSS = (
    HEADING_CSS
    + """
:root { color-scheme: light; }
body { font: 14px/1.45 "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #212121;
       margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 20px; margin: 0 0 4px; }
nav.contents ol { margin: 4px 0 12px; }
h2 { font-size: 18px; margin: 28px 0 2px; }
.meta, .doc { color: #555; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
td.long { overflow-wrap: anywhere; }
th { background: #eef3f8; }
td.num, th.num { text-align: right; white-space: nowrap; }
th.num { white-space: normal; }
td.indicator { min-width: 16em; }
td.long { min-width: 7em; }
td.verdict { min-width: 10em; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff;
          font-weight: 600; }
.met { background: #2e7d32; } .not_met { background: #c62828; } .no_data { background: #9e9e9e; }
.undetermined { background: #b26a00; }
ul.notes { color: #555; margin: 0 0 16px; }
.error td:first-child { color: #c62828; font-weight: 600; }
.warning td:first-child { color: #b26a00; font-weight: 600; }
svg.chart { display: block; width: 100%; max-width: 900px; height: auto; margin: 8px 0; }
h3.chart { font-size: 14px; margin: 12px 0 0; }
p.legend { margin: 0 0 8px; color: #424242; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px;
          vertical-align: -1px; }
.swatch.target { width: 3px; background: #212121; }
div.wide { overflow-x: auto; }
table.grid th { text-align: center; vertical-align: middle; font-size: 13px; }
table.grid th.unit, table.grid td.unit { text-align: left; }
table.grid td { vertical-align: middle; }
td.unit, td.plan { white-space: nowrap; }
table.grid th .goal { display: block; font-weight: 400; color: #424242; }
td.cell { text-align: right; white-space: nowrap; font-weight: 600; }
td.cell.met { background: #c6efce; color: #006100; }
td.cell.not_met { background: #ffc7ce; color: #9c0006; }
td.cell.no_data { background: #d9d9d9; color: #404040; }
td.cell.undetermined { background: #ffeb9c; color: #9c5700; }
td.cell.met, td.cell.not_met, td.cell.no_data, td.cell.undetermined { border-color: #fff; }
svg.chart text { font: 12px "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; fill: #212121; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  th, td { padding: 2px 4px; }
  thead { display: table-header-group; }
  tr, svg.chart { break-inside: avoid; }
  h2, p.doc, h3.chart { break-after: avoid; }
  tbody.last, p.last { break-inside: avoid; break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
)

# Finding columns that may hold long unbroken text (paths, raw cell values).
_LONG = frozenset({"file", "cell", "cell_value", "message"})

# Chart geometry, in SVG user units (the chart scales to the page width, text with it).
_LABEL_WIDTH = 340
_BAR_WIDTH = 410
_CHART_WIDTH = 900
_ROW_HEIGHT = 26
_LINE_HEIGHT = 15
# Characters per label line: 12-unit text averages under 7 units a character, so a line of
# this many fits the label space; longer names wrap onto further lines, never cut.
LABEL_LINE_CHARS = 44


def report_html(report: Report, lang: Lang, options: ExportOptions | None = None) -> str:
    """One printable page: the report's heading and contents, each plan's chart and table,
    the data checks, and the signature block."""
    checked = report.results is not None
    heading = report_heading(
        report, lang, options or ExportOptions(), "title_check" if checked else "title_validate"
    )
    sections = plan_sections(report, lang)
    others = other_section(report, lang)
    title = heading.title if not heading.covers else f"{heading.title} — {heading.covers}"
    grid = report.level != "province"
    body = [heading_html(heading), _meta(report, lang)]
    body.append(_contents(sections, others, checked, lang))
    if checked:
        body.append(_summary(sections, report.level, lang))
    body += [_plan(section, grid, lang) for section in sections]
    if others is not None:
        body.append(_plan(others, grid, lang))
    # The signature block ends the data checks, the last section, printed beside its end.
    body.append(_findings(report.findings, lang, signature_html(heading, lang)))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def heading_html(heading: Heading) -> str:
    parts = ['<header class="report">']
    if heading.organisation:
        parts.append(f'<p class="org">{escape(heading.organisation)}</p>')
    parts.append(f"<h1>{escape(heading.title)}</h1>")
    for line in (heading.covers, heading.reported):
        if line:
            parts.append(f'<p class="covers">{escape(line)}</p>')
    parts.append("</header>")
    return "\n".join(parts)


def section_anchor(section: PlanSection) -> str:
    """The id a plan's section is linked by; the untargeted indicators have no plan id."""
    return f"plan-{section.plan_id}" if section.plan_id else "other-indicators"


def _contents(
    sections: list[PlanSection], others: PlanSection | None, checked: bool, lang: Lang
) -> str:
    items = [f'<li><a href="#summary">{escape(label("summary", lang))}</a></li>'] if checked else []
    items += [
        f'<li><a href="#{escape(section_anchor(s))}">'
        f"{escape(plan_short_name(s.document, s.name, s.year))} — {escape(s.name)}</a></li>"
        for s in sections
    ]
    if others is not None:
        items.append(f'<li><a href="#other-indicators">{escape(others.name)}</a></li>')
    items.append(f'<li><a href="#findings">{escape(label("findings", lang))}</a></li>')
    return (
        f'<nav class="contents"><h2>{escape(label("contents", lang))}</h2>'
        f"<ol>{''.join(items)}</ol></nav>"
    )


def signature_html(heading: Heading, lang: Lang) -> str:
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


def _summary(sections: list[PlanSection], level: str, lang: Lang) -> str:
    """One row per plan target and period, as the workbook's first sheet: at province level
    its value and status, below it how many units meet it."""
    single = level == "province"
    lines = [line for section in sections for line in section.lines]
    with_coverage = any(coverage_text(line.result) for line in lines)
    keys = ["number", "plan", "indicator", "period"]
    keys += ["unit_name", "value", "target", "status"] if single else ["target", "units_met"]
    keys += ["units_reported"] if with_coverage else []
    numeric = {"number", "value", "target", "units_met", "units_reported"}
    head = "".join(
        f'<th class="num">{escape(label(k, lang))}</th>'
        if k in numeric
        else f"<th>{escape(label(k, lang))}</th>"
        for k in keys
    )
    rows: list[str] = []
    for section in sections:
        short = plan_short_name(section.document, section.name, section.year)

        def group_key(line: ResultLine) -> tuple[str, str, str]:
            result = line.result
            return (result.indicator, result.period, result.unit_code if single else "")

        for _, group in groupby(section.lines, key=group_key):
            units = list(group)
            first = units[0]
            result = first.result
            met = sum(1 for line in units if line.result.status == "met")
            status = (
                f'<span class="status {result.status}">{escape(status_label(result, lang))}</span>'
                if result.status
                else ""
            )
            every = "met" if met == len(units) else "not_met"
            unit_word = label(f"units_{result.level}", lang)
            cells = {
                "number": f'<td class="num">{len(rows) + 1}</td>',
                "plan": f'<td class="plan">{escape(short)}</td>',
                "indicator": f'<td class="indicator">{escape(first.indicator)}</td>',
                "period": f"<td>{escape(result.period)}</td>",
                "unit_name": f'<td class="long">{escape(unit_display(result, lang))}</td>',
                "value": f'<td class="num">{escape(value_text(first, lang))}</td>',
                "target": (
                    f'<td class="num">{escape(target_text(result.target, first.unit, lang))}</td>'
                ),
                "status": f'<td class="verdict">{status}</td>',
                "units_met": (
                    f'<td class="cell {every}">{met}/{len(units)} {escape(unit_word)}</td>'
                ),
                "units_reported": (
                    f'<td class="num">{escape(coverage_total([x.result for x in units]))}</td>'
                ),
            }
            rows.append("<tr>" + "".join(cells[k] for k in keys) + "</tr>")
    body = (
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else f"<p>{escape(label('no_results', lang))}</p>"
    )
    return (
        f'<section class="summary" id="summary"><h2>{escape(label("summary_title", lang))}</h2>'
        f"{body}</section>"
    )


def _plan(section: PlanSection, grid: bool, lang: Lang) -> str:
    doc = [section.document] if section.document else []
    if section.year is not None:
        doc.append(deadline_heading(section.year, (x.result for x in section.lines), lang))
    parts = [
        f'<section class="plan" id="{escape(section_anchor(section))}">',
        f"<h2>{escape(section.name)}</h2>",
        f'<p class="doc">{escape(" · ".join(doc))}</p>',
    ]
    if grid and section.lines:
        parts.append(_grid(section.lines, lang))
    else:
        # Indicators without a target have nothing to be charted against; percentages and
        # counts get a chart each, so that they never share a scale.
        if 0 < len(section.lines) <= CHART_MAX_ROWS and section.plan_id:
            for group in lines_by_unit_type(section.lines):
                parts.append(_chart(group, lang))
            parts.append(_legend(lang))
        parts.append(_results_table(section.lines, lang))
    if section.notes:
        items = "".join(f"<li>{escape(note)}</li>" for note in section.notes)
        parts.append(f'<ul class="notes">{items}</ul>')
    parts.append("</section>")
    return "\n".join(parts)


def _results_table(lines: list[ResultLine], lang: Lang) -> str:
    keys = ["indicator", "period", "unit_name", "value", "target", "status"]
    # Units reported of those expected behind each value (SPEC §7.3), where known.
    with_reported = any(line.reported for line in lines)
    keys += ["reported_short"] if with_reported else []
    head = "".join(
        f'<th class="num">{escape(label(k, lang))}</th>'
        if k in ("value", "target", "reported_short")
        else f"<th>{escape(label(k, lang))}</th>"
        for k in keys
    )
    rows = []
    for line in lines:
        result = line.result
        reported = f'<td class="num">{escape(line.reported)}</td>' if with_reported else ""
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
            + reported
            + "</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _grid(lines: Sequence[ResultLine], lang: Lang) -> str:
    """District or commune level: a row per unit and period, a column per target, each value
    coloured by its status, and how many targets the unit meets (as the workbook's sheet)."""
    indicators: dict[str, ResultLine] = {}
    for line in lines:
        indicators.setdefault(line.result.indicator, line)
    rows: dict[tuple[str, str], dict[str, ResultLine]] = {}
    for line in lines:
        rows.setdefault((line.result.unit_code, line.result.period), {})[line.result.indicator] = (
            line
        )
    head = [
        f'<th class="num">{escape(label("number", lang))}</th>',
        f'<th class="unit">{escape(label("unit_name", lang))}</th>',
        f"<th>{escape(label('period', lang))}</th>",
    ]
    for line in indicators.values():
        goal = target_text(line.result.target, line.unit, lang)
        head.append(f'<th>{escape(line.indicator)}<span class="goal">({escape(goal)})</span></th>')
    head.append(f"<th>{escape(label('targets_met', lang))}</th>")
    body = []
    for number, ((_, period), by_indicator) in enumerate(rows.items(), start=1):
        some = next(iter(by_indicator.values())).result
        cells = [
            f'<td class="num">{number}</td>',
            f'<td class="unit">{escape(unit_display(some, lang))}</td>',
            f"<td>{escape(period)}</td>",
        ]
        for indicator in indicators:
            cell = by_indicator.get(indicator)
            if cell is None:
                cells.append('<td class="cell"></td>')
                continue
            status = cell.result.status or "none"
            tip = status_label(cell.result, lang)
            cells.append(
                f'<td class="cell {status}" title="{escape(tip)}">'
                f"{escape(value_text(cell, lang))}</td>"
            )
        met = sum(1 for line in by_indicator.values() if line.result.status == "met")
        cells.append(f'<td class="num">{met}/{len(by_indicator)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="wide"><table class="grid"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
        f'<p class="legend">{escape(label("grid_legend", lang))}</p>'
    )


def _legend(lang: Lang) -> str:
    """What the chart's colours and marker mean."""
    items = [
        f'<span class="swatch" style="background:{STATUS_COLOURS[status]}"></span>'
        f"{escape(label(status, lang))}"
        for status in ("met", "not_met")
    ]
    items.append(f'<span class="swatch target"></span>{escape(label("target", lang))}')
    return f'<p class="legend">{"".join(items)}</p>'


def label_lines(text: str) -> list[str]:
    """A chart label wrapped at word breaks into lines that fit the label space; a word
    longer than a line is broken, never cut short."""
    return textwrap.wrap(text, LABEL_LINE_CHARS, break_long_words=True) or [""]


def _chart(lines: list[ResultLine], lang: Lang) -> str:
    """A bullet chart for one unit type: a bar per row in its status colour on the row's own
    scale, with a marker at the target; labels wrap onto as many lines as they need."""
    unit = lines[0].unit
    title = label("chart_title", lang) + (f" ({unit})" if unit else "")
    several_units = len({(line.result.unit_code, line.result.period) for line in lines}) > 1
    rows: list[str] = []
    top = 4
    for line in lines:
        row, height = _chart_row(line, top, several_units, lang)
        rows.append(row)
        top += height
    return (
        f'<h3 class="chart">{escape(title)}</h3>'
        f'<svg class="chart" viewBox="0 0 {_CHART_WIDTH} {top + 4}" role="img" '
        f'aria-label="{escape(title)}">' + "".join(rows) + "</svg>"
    )


def _chart_row(line: ResultLine, top: int, show_unit: bool, lang: Lang) -> tuple[str, int]:
    result = line.result
    name = line.indicator
    if show_unit:
        name = f"{name} — {unit_display(result, lang)}, {result.period}"
    wrapped = label_lines(name)
    height = max(_ROW_HEIGHT, _LINE_HEIGHT * len(wrapped) + 10)
    value = result.compared_value if result.compared_value is not None else 0.0
    target = result.target.value if result.target is not None else 0.0
    scale = max(value, target, 100.0 if line.unit == "%" else 0.0) * 1.05 or 1.0
    bar = max(value, 0.0) / scale * _BAR_WIDTH
    marker = _LABEL_WIDTH + max(target, 0.0) / scale * _BAR_WIDTH
    caption = value_text(line, lang) or status_label(result, lang)
    middle = top + height / 2
    first = middle - _LINE_HEIGHT * (len(wrapped) - 1) / 2 + 4
    spans = "".join(
        f'<tspan x="{_LABEL_WIDTH - 8}" y="{first + _LINE_HEIGHT * index:.0f}">'
        f"{escape(text)}</tspan>"
        for index, text in enumerate(wrapped)
    )
    bar_top = middle - (_ROW_HEIGHT - 8) / 2
    return (
        f"<g><title>{escape(name)}: {escape(caption)} "
        f"({escape(target_text(result.target, line.unit, lang))})</title>"
        f'<text class="label" text-anchor="end">{spans}</text>'
        f'<rect x="{_LABEL_WIDTH}" y="{bar_top:.0f}" width="{_BAR_WIDTH}" '
        f'height="{_ROW_HEIGHT - 8}" fill="#f1f1f1"/>'
        f'<rect x="{_LABEL_WIDTH}" y="{bar_top:.0f}" width="{bar:.1f}" '
        f'height="{_ROW_HEIGHT - 8}" fill="{STATUS_COLOURS[result.status]}"/>'
        f'<line x1="{marker:.1f}" x2="{marker:.1f}" y1="{bar_top - 3:.0f}" '
        f'y2="{bar_top + _ROW_HEIGHT - 5:.0f}" stroke="#212121" stroke-width="3"/>'
        f'<text x="{_LABEL_WIDTH + _BAR_WIDTH + 8}" y="{middle + 4:.0f}">{escape(caption)}</text>'
        "</g>",
        height,
    )


def _findings(findings: list[Finding], lang: Lang, signature: str) -> str:
    """The data checks, then the signature block: inside the table, in one row group with
    the last finding, so that a printed page never holds the signature alone."""
    heading = f"<h2>{escape(label('findings', lang))}</h2>"
    if not findings:
        valid = escape(label("no_findings", lang))
        return (
            f'<section class="findings" id="findings">{heading}'
            f'<p class="last">{valid}</p>{signature}</section>'
        )
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
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows[:-1])}</tbody>"
        f'<tbody class="last">{rows[-1]}<tr class="signature">'
        f'<td colspan="{len(FINDING_COLUMNS)}">{signature}</td></tr></tbody></table></section>'
    )
