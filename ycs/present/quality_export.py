"""The data-quality review written to a file: JSON, an Excel workbook, a self-contained page."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import orjson
import xlsxwriter

from ycs.errors import Severity, YcsError
from ycs.present.html import escape
from ycs.present.messages import Lang, label, quality_label
from ycs.present.output import write_atomically
from ycs.present.quality_text import (
    BAND_FAIR,
    BAND_GOOD,
    BAND_POOR,
    band,
    by_dimension,
    dimension_title,
    finding_cells,
    finding_headings,
    header_lines,
    number,
    review_json,
    scorecard_cells,
    scorecard_headings,
    unit_text,
)
from ycs.present.xlsx import REPORT_FONT, wrapped_lines
from ycs.quality import QualityFinding, QualityReview
from ycs.quality.table import records
from ycs.read.sources import REPORT_PROPERTY

BAND_COLOURS = {BAND_GOOD: "#c8e6c9", BAND_FAIR: "#fff3c4", BAND_POOR: "#ffcdd2"}


def review_json_text(review: QualityReview, lang: Lang) -> str:
    return orjson.dumps(review_json(review, lang)).decode() + "\n"


def write_review(
    review: QualityReview, path: Path, lang: Lang, inputs: Collection[Path] = ()
) -> None:
    """Write `review` in the format its suffix names, never over an input."""
    suffix = path.suffix.lower()
    write: Callable[[Path], None]
    if suffix == ".xlsx":
        write = partial(write_workbook, review, lang=lang)
    elif suffix == ".json":
        write = partial(_write_text, content=review_json_text(review, lang))
    elif suffix in (".html", ".htm"):
        write = partial(_write_text, content=review_html(review, lang))
    else:
        raise YcsError("unsupported_quality_output", suffix=suffix or path.name)
    write_atomically(path, write, inputs)


def _write_text(path: Path, *, content: str) -> None:
    path.write_text(content, encoding="utf-8", newline="")


def write_workbook(review: QualityReview, path: Path, *, lang: Lang) -> None:
    """A scorecard sheet coloured by completeness band, a findings sheet, a completeness sheet."""
    settings = {
        "strings_to_formulas": False,
        "in_memory": True,
        "default_format_properties": dict(REPORT_FONT),
    }
    workbook = xlsxwriter.Workbook(str(path), settings)
    workbook.set_properties({"created": review_datetime(review)})
    workbook.set_custom_property(REPORT_PROPERTY, "quality")
    bold = workbook.add_format({"bold": True, "font_size": 14})
    # Table cells as in the report workbook: bordered, vertically centred, text wrapped.
    cell = {"border": 1, "border_color": "#a6a6a6", "valign": "vcenter"}
    heading = workbook.add_format(
        {**cell, "bold": True, "bg_color": "#eef3f8", "text_wrap": True, "align": "center"}
    )
    bands = {
        key: workbook.add_format({**cell, "bg_color": colour, "num_format": "0.0"})
        for key, colour in BAND_COLOURS.items()
    }
    one_decimal = workbook.add_format({**cell, "num_format": "0.0"})
    two_decimals = workbook.add_format({**cell, "num_format": "0.00"})
    integer = workbook.add_format({**cell, "num_format": "#,##0"})
    text = workbook.add_format({**cell, "text_wrap": True, "align": "left"})

    formats = _Formats(heading, bands, one_decimal, two_decimals, integer, bold, text)
    _scorecard_sheet(workbook, review, lang, formats)
    _findings_sheet(workbook, review, lang, formats)
    _completeness_sheet(workbook, review, lang, formats)
    workbook.close()


@dataclass(frozen=True, slots=True)
class _Formats:
    heading: Any
    bands: dict[str, Any]
    one_decimal: Any
    two_decimals: Any
    integer: Any
    bold: Any
    text: Any


def _print_setup(sheet: Any, heading_row: int, lang: Lang, columns: int | None = None) -> None:
    """A4 landscape, one page wide, the table's heading row on every page, page numbers;
    only the first `columns` columns when given."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(heading_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(label("page_footer", lang), {"margin": 0.3})
    if columns is not None:
        sheet.print_area(0, 0, sheet.dim_rowmax or 0, columns - 1)


def _fit_row(sheet: Any, row: int, texts: Sequence[str], widths: Sequence[float]) -> None:
    """Tall enough for the row's wrapped text (15 points a line and a little air)."""
    lines = max((wrapped_lines(t, w) for t, w in zip(texts, widths, strict=False)), default=1)
    sheet.set_row(row, 15 * lines + 4)


def _scorecard_sheet(workbook: Any, review: QualityReview, lang: Lang, formats: _Formats) -> None:
    heading, bands, bold = formats.heading, formats.bands, formats.bold
    one_decimal, two_decimals = formats.one_decimal, formats.two_decimals
    sheet = workbook.add_worksheet(quality_label("scorecard", lang)[:31])
    sheet.write_string(0, 0, quality_label("title", lang), bold)
    sheet.set_row(0, 21)
    row = 1
    for name, value in header_lines(review, lang):
        sheet.write_string(row, 0, name)
        sheet.write_string(row, 1, value)
        row += 1
    row += 1
    headings = scorecard_headings(review, lang)
    top = row
    for column, text in enumerate(headings):
        sheet.write_string(row, column, text, heading)
    benchmark = review.thresholds.completeness_benchmark
    for line in review.scorecard:
        row += 1
        cells = scorecard_cells(line, lang)
        sheet.write_string(row, 0, cells[0], formats.text)
        sheet.write_string(row, 1, cells[1], formats.text)
        _number(
            sheet,
            row,
            2,
            line.completeness,
            bands.get(band(line.completeness, benchmark) or "", one_decimal),
        )
        sheet.write_string(row, 3, cells[3], formats.text)
        _number(sheet, row, 4, line.flagged_percent, two_decimals)
        sheet.write_string(row, 5, cells[5], formats.text)
        _fit_row(sheet, row, cells, _SCORECARD_WIDTHS)
    sheet.freeze_panes(top + 1, 0)
    for column, width in enumerate(_SCORECARD_WIDTHS):
        sheet.set_column(column, column, width)
    sheet.set_row(top, 15 * max(wrapped_lines(h, 16) for h in headings) + 4)
    _print_setup(sheet, top, lang)


def _findings_sheet(workbook: Any, review: QualityReview, lang: Lang, formats: _Formats) -> None:
    heading, integer = formats.heading, formats.integer
    findings = workbook.add_worksheet(quality_label("findings", lang)[:31])
    columns = [
        *finding_headings(lang),
        label("file", lang),
        label("sheet", lang),
        label("row", lang),
    ]
    for column, text in enumerate(columns):
        findings.write_string(0, column, text, heading)
    findings.set_row(0, 34)
    for index, finding in enumerate(review.findings, start=1):
        cells = finding_cells(finding, lang)
        for column, text in enumerate(cells):
            if column == 5 and finding.value is not None:
                findings.write_number(index, column, finding.value, integer)
            else:
                findings.write_string(index, column, text, formats.text)
        findings.write_string(index, 8, finding.file or "", formats.text)
        findings.write_string(index, 9, finding.sheet or "", formats.text)
        if finding.row is not None:
            findings.write_number(index, 10, finding.row, integer)
        else:
            findings.write_blank(index, 10, None, integer)
        _fit_row(findings, index, cells, _FINDING_WIDTHS)
    findings.freeze_panes(1, 0)
    findings.autofilter(0, 0, max(len(review.findings), 1), len(columns) - 1)
    for column, width in enumerate(_FINDING_WIDTHS):
        findings.set_column(column, column, width)
    # On paper what was found and where in the series; the file, sheet and row that locate
    # it stay on screen, where they are followed.
    _print_setup(findings, 0, lang, columns=len(finding_headings(lang)))


def _completeness_sheet(
    workbook: Any, review: QualityReview, lang: Lang, formats: _Formats
) -> None:
    heading, bands, one_decimal = formats.heading, formats.bands, formats.one_decimal
    benchmark = review.thresholds.completeness_benchmark
    table = workbook.add_worksheet(quality_label("completeness_sheet", lang)[:31])
    names = [quality_label("unit", lang), quality_label("period", lang), "n", "N", "%"]
    for column, text in enumerate(names):
        table.write_string(0, column, text, heading)
    for index, entry in enumerate(records(review.completeness), start=1):
        name = unit_text(str(entry["group"]), _optional(entry["group_name"]))
        table.write_string(index, 0, name, formats.text)
        table.write_string(index, 1, str(entry["period"]), formats.text)
        table.write_number(index, 2, int(entry["reported"]), formats.integer)
        table.write_number(index, 3, int(entry["expected"]), formats.integer)
        percent = float(entry["percent"])
        table.write_number(
            index, 4, percent, bands.get(band(percent, benchmark) or "", one_decimal)
        )
    table.freeze_panes(1, 0)
    table.set_column(0, 0, 34)
    table.set_column(1, 1, 18)
    _print_setup(table, 0, lang)


_SCORECARD_WIDTHS = (34, 18, 16, 16, 16, 24)
# Severity, check, unit, period, indicator, value, expected range, message; file, sheet, row.
_FINDING_WIDTHS = (10, 22, 20, 14, 22, 10, 14, 46, 24, 10, 7)


def _number(sheet: Any, row: int, column: int, value: float | None, cell_format: Any) -> None:
    if value is None:
        sheet.write_blank(row, column, None, cell_format)
    else:
        sheet.write_number(row, column, value, cell_format)


def _optional(value: object) -> str | None:
    return value if isinstance(value, str) else None


def review_datetime(review: QualityReview) -> Any:
    from datetime import datetime

    return datetime(review.made.year, review.made.month, review.made.day)


_CSS = """
body { font: 14px/1.45 "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #212121;
       margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 4px; }
h3 { font-size: 15px; margin: 18px 0 4px; }
.meta { color: #555; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #d0d0d0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef3f8; } td.num { text-align: right; white-space: nowrap; }
td.good { background: #c8e6c9; } td.fair { background: #fff3c4; } td.poor { background: #ffcdd2; }
.warning td:first-child { color: #b26a00; font-weight: 600; }
.info td:first-child { color: #00838f; }
svg.series { display: block; width: 360px; height: 90px; }
svg.series text { font: 10px sans-serif; fill: #555; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  svg.series { width: 240px; height: 60px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_SVG_WIDTH, _SVG_HEIGHT, _PAD = 360, 90, 12


def review_html(review: QualityReview, lang: Lang) -> str:
    """A self-contained page: the scorecard with colour bands, then the findings, each flagged
    series drawn as a small line chart with the flagged point in red."""
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{escape(quality_label('title', lang))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(quality_label('title', lang))}</h1>",
        f'<p class="meta">{escape(quality_label("subtitle", lang))}</p>',
        '<p class="meta">'
        + "<br>".join(f"{escape(k)}: {escape(v)}" for k, v in header_lines(review, lang))
        + "</p>",
        f"<h2>{escape(quality_label('scorecard', lang))}</h2>",
        _scorecard_html(review, lang),
        f"<h2>{escape(quality_label('findings', lang))}</h2>",
    ]
    if not review.findings:
        parts.append(f"<p>{escape(quality_label('none', lang))}</p>")
    for dimension, findings in by_dimension(review.findings).items():
        if not findings:
            continue
        parts.append(f"<h3>{escape(dimension_title(dimension, lang))}</h3>")
        warnings = [f for f in findings if f.severity is not Severity.INFO]
        notes = [f for f in findings if f.severity is Severity.INFO]
        if warnings:
            parts.append(_findings_html(warnings, lang))
        if notes:
            # Moderate outliers are many and expected at z ≥ 2: folded, as the terminal does.
            summary = quality_label("moderate_details", lang, count=len(notes))
            parts.append(
                f"<details><summary>{escape(summary)}</summary>"
                f"{_findings_html(notes, lang)}</details>"
            )
    parts.append("</body></html>\n")
    return "".join(parts)


def _scorecard_html(review: QualityReview, lang: Lang) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in scorecard_headings(review, lang))
    rows = []
    for line in review.scorecard:
        cells = scorecard_cells(line, lang)
        colour = band(line.completeness, review.thresholds.completeness_benchmark) or ""
        rows.append(
            "<tr>"
            + f"<td>{escape(cells[0])}</td>"
            + f'<td class="num">{escape(cells[1])}</td>'
            + f'<td class="num {colour}">{escape(cells[2])}</td>'
            + "".join(f'<td class="num">{escape(c)}</td>' for c in cells[3:])
            + "</tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _findings_html(findings: Sequence[QualityFinding], lang: Lang) -> str:
    headings = [*finding_headings(lang), quality_label("chart", lang)]
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    rows = []
    for finding in findings:
        cells = finding_cells(finding, lang)
        css = "warning" if finding.severity is Severity.WARNING else "info"
        chart = series_svg(finding, lang) if finding.series else ""
        rows.append(
            f'<tr class="{css}">'
            + "".join(f"<td>{escape(c)}</td>" for c in cells)
            + f"<td>{chart}</td></tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def series_svg(finding: QualityFinding, lang: Lang) -> str:
    """The unit's values over time as a polyline; the flagged period is a red dot."""
    values = [value for _, value in finding.series]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    count = len(values)
    step = (_SVG_WIDTH - 2 * _PAD) / max(count - 1, 1)

    def x(index: int) -> float:
        return _PAD + index * step

    def y(value: float) -> float:
        return _SVG_HEIGHT - _PAD - (value - low) / span * (_SVG_HEIGHT - 2 * _PAD)

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    marks = "".join(
        f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="#c62828">'
        f"<title>{escape(period)}: {escape(number(v, lang))} "
        f"({escape(quality_label('flagged_point', lang))})</title></circle>"
        for i, (period, v) in enumerate(finding.series)
        if period == finding.period
    )
    first, last = finding.series[0][0], finding.series[-1][0]
    return (
        f'<svg class="series" viewBox="0 0 {_SVG_WIDTH} {_SVG_HEIGHT}" role="img" '
        f'aria-label="{escape(unit_text(finding.unit_code, finding.unit_name))}">'
        f'<polyline points="{points}" fill="none" stroke="#1565c0" stroke-width="1.5"/>'
        f"{marks}"
        f'<text x="{_PAD}" y="{_SVG_HEIGHT - 1}">{escape(first)}</text>'
        f'<text x="{_SVG_WIDTH - _PAD}" y="{_SVG_HEIGHT - 1}" text-anchor="end">'
        f"{escape(last)}</text>"
        f'<text x="{_PAD}" y="10">{escape(number(high, lang))}</text>'
        "</svg>"
    )
