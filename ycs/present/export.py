"""Report exports chosen by file suffix; the workbook itself is in export_xlsx."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Collection
from functools import partial
from pathlib import Path

from ycs.errors import YcsError
from ycs.present.heading import ExportOptions, report_heading
from ycs.present.html import report_html
from ycs.present.messages import Lang
from ycs.present.output import write_atomically
from ycs.present.result_text import write_csv, write_json
from ycs.present.results_table import CsvStyle
from ycs.present.text import json_text, report_json, results_csv, results_markdown
from ycs.present.xlsx import HEADER_ROW, sheet_name, write_workbook
from ycs.report import Report
from ycs.text import shown_path

__all__ = [
    "ExportOptions",
    "json_text",
    "report_html",
    "report_json",
    "results_csv",
    "results_markdown",
    "sheet_name",
    "write_report",
    "write_workbook",
]

# Rows of one worksheet in Excel.
EXCEL_MAX_ROWS = 1_048_576


def write_report(
    report: Report,
    path: Path,
    lang: Lang,
    inputs: Collection[Path] = (),
    options: ExportOptions | None = None,
) -> None:
    """Write `report` in the format named by the suffix of `path`, never over an input."""
    options = options or ExportOptions()
    suffix = path.suffix.lower()
    write: Callable[[Path], None]
    if suffix == ".xlsx":
        _check_sheet_rows(report, path)
        write = partial(write_workbook, report, lang=lang, options=options)
    elif suffix == ".csv":
        write = partial(_write_csv, report=report, lang=lang, style=options.csv)
    elif suffix == ".json":
        write = partial(_write_json, report=report, lang=lang)
    elif suffix == ".md":
        heading = report_heading(report, lang, options, "title_check")
        content = results_markdown(report, lang, heading.rows())
        write = partial(_write_text, content=content, encoding="utf-8")
    elif suffix == ".html":
        content = report_html(report, lang, options)
        write = partial(_write_text, content=content, encoding="utf-8")
    else:
        raise YcsError("unsupported_output", suffix=suffix or path.name)
    write_atomically(path, write, inputs)


def _check_sheet_rows(report: Report, path: Path) -> None:
    """Results or findings that cannot fit one worksheet stop the run before any is written,
    rather than minutes later halfway through the workbook (commune level, national data)."""
    lines = max(len(report.results or ()), len(report.findings))
    if lines + HEADER_ROW + 1 > EXCEL_MAX_ROWS:
        raise YcsError(
            "too_many_rows_for_xlsx",
            path=shown_path(path),
            rows=f"{lines:,}".replace(",", "."),
            limit=f"{EXCEL_MAX_ROWS - HEADER_ROW - 1:,}".replace(",", "."),
        )


def _write_csv(path: Path, *, report: Report, lang: Lang, style: CsvStyle) -> None:
    with path.open("wb") as out:
        if style == "excel":
            # The Excel form carries a BOM: without it Excel reads UTF-8 Vietnamese as mojibake.
            out.write(codecs.BOM_UTF8)
        write_csv(report, lang, style, out)


def _write_json(path: Path, *, report: Report, lang: Lang) -> None:
    with path.open("wb") as out:
        write_json(report, lang, out)


def _write_text(path: Path, *, content: str, encoding: str) -> None:
    path.write_text(content, encoding=encoding, newline="")
