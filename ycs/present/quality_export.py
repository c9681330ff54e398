"""The data-quality review written to a file: JSON, an Excel workbook, a self-contained page."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import orjson
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from ycs.errors import Severity, YcsError
from ycs.present.heading import ExportOptions
from ycs.present.html import HEADING_CSS, escape, heading_html, signature_html
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
    number,
    review_heading,
    review_json,
    scorecard_cells,
    scorecard_headings,
    unit_text,
)
from ycs.present.xlsx import (
    HEADER_ROW,
    STYLES,
    WORKBOOK_SETTINGS,
    ReportBook,
    finish_table,
    fit_row_height,
    paginate,
    put,
    report_book,
    write_heading,
    write_signature,
    write_table_headings,
)
from ycs.quality import QualityFinding, QualityReview
from ycs.quality.table import records
from ycs.read.sources import REPORT_PROPERTY

BAND_COLOURS = {BAND_GOOD: "#c8e6c9", BAND_FAIR: "#fff3c4", BAND_POOR: "#ffcdd2"}


def review_json_text(review: QualityReview, lang: Lang) -> str:
    return orjson.dumps(review_json(review, lang)).decode() + "\n"


def write_review(
    review: QualityReview,
    path: Path,
    lang: Lang,
    inputs: Collection[Path] = (),
    options: ExportOptions | None = None,
) -> None:
    """Write `review` in the format its suffix names, never over an input."""
    options = options or ExportOptions()
    suffix = path.suffix.lower()
    write: Callable[[Path], None]
    if suffix == ".xlsx":
        write = partial(write_workbook, review, lang=lang, options=options)
    elif suffix == ".json":
        write = partial(_write_text, content=review_json_text(review, lang))
    elif suffix in (".html", ".htm"):
        write = partial(_write_text, content=review_html(review, lang, options))
    else:
        raise YcsError("unsupported_quality_output", suffix=suffix or path.name)
    write_atomically(path, write, inputs)


def _write_text(path: Path, *, content: str) -> None:
    path.write_text(content, encoding="utf-8", newline="")


# Completeness bands and their fill, on the report's number cells.
_BAND_STYLES = {
    f"band {key}": {**STYLES["number"], "bg_color": colour} for key, colour in BAND_COLOURS.items()
}


def write_workbook(
    review: QualityReview, path: Path, *, lang: Lang, options: ExportOptions | None = None
) -> None:
    """The scorecard coloured by completeness band, the findings, the completeness per unit
    and period: each sheet under the report heading of `ycs check`'s workbook, set up to
    print the same way, the scorecard and the findings signed."""
    heading = review_heading(review, lang, options or ExportOptions())
    try:
        with xlsxwriter.Workbook(str(path), {**WORKBOOK_SETTINGS, "in_memory": True}) as workbook:
            workbook.set_properties({"created": review_datetime(review)})
            workbook.set_custom_property(REPORT_PROPERTY, "quality")
            book = report_book(workbook, heading, lang, _BAND_STYLES)
            _scorecard_sheet(book, review)
            _findings_sheet(book, review)
            _completeness_sheet(book, review)
    except FileCreateError as exc:
        # XlsxWriter wraps the OSError of a full disk or a vanished folder; callers expect it.
        raise OSError(str(exc)) from exc


def _band_style(percent: float | None, benchmark: float) -> str:
    colour = band(percent, benchmark)
    return f"band {colour}" if colour else "number"


def _scorecard_sheet(book: ReportBook, review: QualityReview) -> None:
    lang = book.lang
    sheet = book.add(quality_label("scorecard", lang)[:31])
    files = ", ".join(dict.fromkeys(i.file for i in review.inputs))
    details = f"{quality_label('subtitle', lang)} · {quality_label('inputs', lang)}: {files}"
    headings = scorecard_headings(review, lang)
    write_heading(book, sheet, len(headings), quality_label("scorecard", lang), details)
    write_table_headings(book, sheet, headings)
    benchmark = review.thresholds.completeness_benchmark
    row = HEADER_ROW
    for row, line in enumerate(review.scorecard, start=HEADER_ROW + 1):
        cells = scorecard_cells(line, lang)
        numbers: dict[int, tuple[float | None, str, str]] = {
            2: (line.completeness, _band_style(line.completeness, benchmark), "0.0"),
            4: (line.flagged_percent, "number", "0.00"),
        }
        for column, text in enumerate(cells):
            if column in numbers:
                value, style, number_format = numbers[column]
                put(sheet, row, column, value, book.style(style, number_format))
            else:
                put(sheet, row, column, text, book.style("text" if column == 0 else "number"))
        fit_row_height(book, sheet, row, cells, _SCORECARD_WIDTHS)
    finish_table(book, sheet, row, len(headings), _SCORECARD_WIDTHS)
    note = quality_label(
        "benchmark_note",
        lang,
        benchmark=number(benchmark, lang),
        modified_z=number(review.thresholds.outlier_modified_z, lang, 1),
    )
    put(sheet, row + 2, 0, note, book.style("note"))
    write_signature(book, sheet, row + 4, _SCORECARD_WIDTHS, kept_from=row + 2)


def _findings_sheet(book: ReportBook, review: QualityReview) -> None:
    lang = book.lang
    sheet = book.add(quality_label("findings", lang)[:31])
    columns = [
        *finding_headings(lang),
        label("file", lang),
        label("sheet", lang),
        label("row", lang),
    ]
    write_heading(book, sheet, len(columns), quality_label("findings", lang), "")
    write_table_headings(book, sheet, columns)
    row = HEADER_ROW
    for row, finding in enumerate(review.findings, start=HEADER_ROW + 1):
        cells = finding_cells(finding, lang)
        severity = f"severity {finding.severity.value}"
        for column, text in enumerate(cells):
            if column == 0 and severity in STYLES:
                put(sheet, row, column, text, book.style(severity))
            elif column == 5 and finding.value is not None:
                put(sheet, row, column, finding.value, book.style("number", "#,##0"))
            else:
                put(sheet, row, column, text, book.style("text"))
        put(sheet, row, 8, finding.file or "", book.style("text"))
        put(sheet, row, 9, finding.sheet or "", book.style("text"))
        put(sheet, row, 10, finding.row, book.style("number", "0"))
        fit_row_height(book, sheet, row, cells, _FINDING_WIDTHS)
    if not review.findings:
        put(sheet, HEADER_ROW + 1, 0, quality_label("none", lang), book.style("plain"))
        row += 1
    finish_table(book, sheet, row, len(columns), _FINDING_WIDTHS)
    # On paper what was found and where in the series; the file, sheet and row that locate
    # it stay on screen, where they are followed.
    write_signature(book, sheet, row + 2, _FINDING_WIDTHS[: len(finding_headings(lang))])


def _completeness_sheet(book: ReportBook, review: QualityReview) -> None:
    lang = book.lang
    benchmark = review.thresholds.completeness_benchmark
    sheet = book.add(quality_label("completeness_sheet", lang)[:31])
    names = [
        quality_label(key, lang) for key in ("unit", "period", "received", "due", "completeness")
    ]
    write_heading(book, sheet, len(names), quality_label("completeness_sheet", lang), "")
    write_table_headings(book, sheet, names)
    row = HEADER_ROW
    for row, entry in enumerate(records(review.completeness), start=HEADER_ROW + 1):
        name = unit_text(str(entry["group"]), _optional(entry["group_name"]))
        put(sheet, row, 0, name, book.style("text"))
        put(sheet, row, 1, str(entry["period"]), book.style("text"))
        put(sheet, row, 2, int(entry["reported"]), book.style("number", "#,##0"))
        put(sheet, row, 3, int(entry["expected"]), book.style("number", "#,##0"))
        percent = float(entry["percent"])
        put(sheet, row, 4, percent, book.style(_band_style(percent, benchmark), "0.0"))
        fit_row_height(book, sheet, row, [name], _COMPLETENESS_WIDTHS)
    finish_table(book, sheet, row, len(names), _COMPLETENESS_WIDTHS)
    paginate(book, sheet, row, _COMPLETENESS_WIDTHS)


_SCORECARD_WIDTHS = (34, 18, 16, 16, 16, 24)
# Severity, check, unit, period, indicator, value, expected range, message; file, sheet, row.
_FINDING_WIDTHS = (10, 22, 24, 18, 22, 10, 14, 46, 24, 10, 7)
_COMPLETENESS_WIDTHS = (34, 14, 14, 14, 14)


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
td.nowrap { white-space: nowrap; }
td.good { background: #c8e6c9; } td.fair { background: #fff3c4; } td.poor { background: #ffcdd2; }
.warning td:first-child { color: #b26a00; font-weight: 600; }
.info td:first-child { color: #00838f; }
svg.series { display: block; width: 360px; height: 90px; }
svg.series text { font: 10px sans-serif; fill: #555; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  thead { display: table-header-group; }
  tr, tbody.last { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  svg.series { width: 240px; height: 60px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_SVG_WIDTH, _SVG_HEIGHT, _PAD = 360, 90, 12


def review_html(review: QualityReview, lang: Lang, options: ExportOptions | None = None) -> str:
    """A self-contained page under the report heading of `ycs check`: the scorecard with
    colour bands, then the findings, each flagged series drawn as a small line chart with
    the flagged point in red, then the signature block."""
    heading = review_heading(review, lang, options or ExportOptions())
    title = heading.title if not heading.covers else f"{heading.title} — {heading.covers}"
    files = ", ".join(dict.fromkeys(i.file for i in review.inputs))
    meta = f"{quality_label('subtitle', lang)} · {quality_label('inputs', lang)}: {files}"
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{HEADING_CSS}{_CSS}</style></head><body>",
        heading_html(heading),
        f'<p class="meta">{escape(meta)}</p>',
        f"<h2>{escape(quality_label('scorecard', lang))}</h2>",
        _scorecard_html(review, lang),
        f"<h2>{escape(quality_label('findings', lang))}</h2>",
    ]
    signature = signature_html(heading, lang)
    if not review.findings:
        parts.append(f"<p>{escape(quality_label('none', lang))}</p>")
    sections = [(d, f) for d, f in by_dimension(review.findings).items() if f]
    for index, (dimension, findings) in enumerate(sections, start=1):
        parts.append(f"<h3>{escape(dimension_title(dimension, lang))}</h3>")
        warnings = [f for f in findings if f.severity is not Severity.INFO]
        notes = [f for f in findings if f.severity is Severity.INFO]
        # The signature closes the last table shown in print, in one unbreakable row group
        # with its last finding, so that a printed page never holds it alone.
        if warnings:
            closing = signature if index == len(sections) and not notes else ""
            parts.append(_findings_html(warnings, lang, closing))
            signature = signature if not closing else ""
        if notes:
            # Moderate outliers are many and expected at z ≥ 2: folded, as the terminal does.
            summary = quality_label("moderate_details", lang, count=len(notes))
            parts.append(
                f"<details><summary>{escape(summary)}</summary>"
                f"{_findings_html(notes, lang)}</details>"
            )
    parts.append(signature)
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


# The severity reads on one line ("Cảnh báo"), the value as a number.
_FINDING_CELLS = {0: "nowrap", 5: "num"}


def _findings_html(findings: Sequence[QualityFinding], lang: Lang, signature: str = "") -> str:
    """The findings' table; `signature` closes it, beside the last finding."""
    headings = [*finding_headings(lang), quality_label("chart", lang)]
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    rows = []
    for finding in findings:
        cells = finding_cells(finding, lang)
        css = "warning" if finding.severity is Severity.WARNING else "info"
        chart = series_svg(finding, lang) if finding.series else ""
        rows.append(
            f'<tr class="{css}">'
            + "".join(
                f'<td class="{_FINDING_CELLS[index]}">{escape(c)}</td>'
                if index in _FINDING_CELLS
                else f"<td>{escape(c)}</td>"
                for index, c in enumerate(cells)
            )
            + f"<td>{chart}</td></tr>"
        )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>"
    if not signature:
        return f"{table}{''.join(rows)}</tbody></table>"
    return (
        f'{table}{"".join(rows[:-1])}</tbody><tbody class="last">{rows[-1]}'
        f'<tr class="signature"><td colspan="{len(headings)}">{signature}</td></tr>'
        "</tbody></table>"
    )


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
