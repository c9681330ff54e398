"""Report exports (JSON, CSV, Markdown, XLSX, HTML) read back, and atomic writing."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import struct
import subprocess
import zipfile
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import openpyxl
import pytest

import ycs
from ycs.errors import Finding, YcsError
from ycs.indicators.compliance import Result
from ycs.indicators.definitions import Definitions, Indicator, Plan, Target
from ycs.present.export import (
    ExportOptions,
    report_html,
    report_json,
    results_csv,
    results_markdown,
    sheet_name,
    write_report,
    write_workbook,
)
from ycs.present.html import LABEL_LINE_CHARS
from ycs.present.messages import Lang, error_message
from ycs.present.output import write_atomically
from ycs.present.xlsx import HEADER_ROW
from ycs.report import InputInfo, Report

EVIL_LINK = '=HYPERLINK("http://x","y")'
EVIL_DDE = "+cmd|' /C calc'!A0"

DEFINITIONS = Definitions(
    version=1,
    indicators={
        "bhyt_coverage": Indicator(
            id="bhyt_coverage",
            name="Tỷ lệ dân số tham gia bảo hiểm y tế",
            name_en="Population covered by health insurance",
            sheet="commune",
            numerator="sum(insured_population)",
            denominator="sum(population)",
            factor=100,
            unit="%",
        ),
        "chs_bhyt_kcb_rate": Indicator(
            id="chs_bhyt_kcb_rate",
            name="Tỷ lệ trạm y tế khám chữa bệnh BHYT",
            sheet="commune",
            numerator="count(has_station and station_bhyt_kcb)",
            denominator="count(has_station)",
            factor=100,
            unit="%",
        ),
        "health_managed_rate": Indicator(
            id="health_managed_rate",
            name="Tỷ lệ dân số được quản lý sức khỏe",
            sheet="commune",
            numerator="sum(population_health_managed)",
            denominator="sum(population)",
            factor=100,
            unit="%",
            decimals=2,
        ),
        "techniques_transferred": Indicator(
            id="techniques_transferred",
            name="Số kỹ thuật được chuyển giao",
            sheet="district",
            value="sum(techniques_transferred)",
            unit="kỹ thuật",
            decimals=0,
        ),
    },
    plans={
        "qd2348_2025": Plan(
            id="qd2348_2025",
            name="Đề án phát triển mạng lưới y tế cơ sở",
            name_en="Grassroots health network scheme",
            document="Quyết định 2348/QĐ-TTg ngày 05/12/2016",
            scope="national",
            year=2025,
            targets={
                "bhyt_coverage": Target(op=">", value=95),
                "chs_bhyt_kcb_rate": Target(op=">=", value=100),
                "health_managed_rate": Target(op=">=", value=100),
            },
        ),
        "yb_2024": Plan(
            id="yb_2024",
            name="Ngành Y tế Yên Bái | nhiệm vụ 2024",
            document="Sở Y tế Yên Bái",
            scope="Yên Bái",
            year=2024,
            targets={
                "techniques_transferred": Target(op=">=", value=21),
                "bhyt_coverage": Target(op=">=", value=86.1),
            },
        ),
    },
)


def _result(plan: str, indicator: str, **values: object) -> Result:
    target = DEFINITIONS.plans[plan].targets[indicator]
    fields: dict[str, object] = {
        "plan": plan,
        "indicator": indicator,
        "level": "province",
        "unit_code": "68",
        "unit_name": "Lâm Đồng",
        "period": "2024",
        "value": None,
        "numerator": None,
        "denominator": None,
        "target": target,
        "year": DEFINITIONS.plans[plan].year,
        "before_deadline": True,
        "status": "no_data",
        "rows_used": 0,
        "rows_skipped": 0,
    }
    fields.update(values)
    return Result(**fields)  # type: ignore[arg-type]


RESULTS = [
    _result(
        "qd2348_2025",
        "bhyt_coverage",
        value=93.45678,
        numerator=1234567.0,
        denominator=1321000.0,
        status="not_met",
        rows_used=148,
        rows_skipped=4,
    ),
    _result(
        "qd2348_2025",
        "chs_bhyt_kcb_rate",
        value=100.0,
        numerator=152.0,
        denominator=152.0,
        status="met",
        rows_used=152,
    ),
    _result(
        "qd2348_2025",
        "health_managed_rate",
        numerator=float("nan"),
        denominator=0.0,
        rows_skipped=152,
    ),
    _result(
        "yb_2024",
        "techniques_transferred",
        level="district",
        unit_code="001",
        unit_name=EVIL_LINK,
        value=23.0,
        status="met",
        before_deadline=False,
        rows_used=1,
    ),
    _result(
        "yb_2024",
        "bhyt_coverage",
        level="commune",
        unit_code="00004",
        unit_name=EVIL_DDE,
        value=86.14,
        numerator=8614.0,
        denominator=10000.0,
        status="met",
        before_deadline=False,
        rows_used=1,
    ),
]
FINDINGS = [
    Finding("unknown_column", file="b.csv", value=EVIL_LINK),
    Finding(
        "negative",
        file="bao_cao.xlsx",
        sheet="Xã",
        row=14,
        column="H",
        field="doctors_working",
        value="-1",
        params={"minimum": "0"},
    ),
    Finding(
        "code_padded",
        file="bao_cao.xlsx",
        sheet="Biểu xã",
        row=5,
        column="E",
        field="commune_code",
        params={"count": 3},
        rows=(5, 6, 7),
    ),
    Finding(
        "not_a_number",
        file="bao_cao.xlsx",
        sheet="Xã",
        row=9,
        column="J",
        field="population",
        value=EVIL_DDE,
    ),
    Finding(
        "bad_period",
        file="a.xlsx",
        sheet="Huyện",
        row=20,
        column="C",
        field="period",
        value="2024/13\x01",
    ),
]
INPUTS = [
    InputInfo("bao_cao.xlsx", "Xã", "commune", 152),
    InputInfo("b.csv", None, "district", 3),
]
REPORT = Report(
    inputs=INPUTS,
    findings=FINDINGS,
    results=RESULTS,
    definitions=DEFINITIONS,
    plans=["qd2348_2025", "yb_2024"],
)
VALIDATE_REPORT = Report(inputs=INPUTS, findings=FINDINGS)
CLEAN_REPORT = Report(
    inputs=INPUTS, findings=[], results=RESULTS[:3], definitions=DEFINITIONS, plans=["qd2348_2025"]
)


# JSON


def test_json_top_level_and_inputs() -> None:
    document = report_json(REPORT, "vi")
    assert list(document) == ["ycs_version", "inputs", "findings", "coverage", "results"]
    assert document["ycs_version"] == ycs.__version__
    assert document["inputs"] == [
        {"file": "bao_cao.xlsx", "sheet": "Xã", "kind": "commune", "rows": 152},
        {"file": "b.csv", "sheet": None, "kind": "district", "rows": 3},
    ]


def test_json_findings_sorted_with_messages() -> None:
    findings = report_json(REPORT, "en")["findings"]
    assert isinstance(findings, list)
    assert [(f["severity"], f["file"], f["row"]) for f in findings] == [
        ("error", "a.xlsx", 20),
        ("error", "bao_cao.xlsx", 9),
        ("error", "bao_cao.xlsx", 14),
        ("warning", "bao_cao.xlsx", 5),
        ("info", "b.csv", None),
    ]
    assert findings[2] == {
        "severity": "error",
        "code": "negative",
        "file": "bao_cao.xlsx",
        "sheet": "Xã",
        "row": 14,
        "column": "H",
        "field": "doctors_working",
        "value": "-1",
        "message": "“-1” is negative; “Doctors working” must be at least 0",
    }
    assert findings[3]["rows"] == [5, 6, 7]
    assert [f for f in findings if "rows" in f] == [findings[3]]


def test_json_results_exact() -> None:
    results = report_json(REPORT, "vi")["results"]
    assert isinstance(results, list)
    assert results[0] == {
        "plan": "qd2348_2025",
        "indicator": "bhyt_coverage",
        "level": "province",
        "unit_code": "68",
        "unit_name": "Lâm Đồng",
        "period": "2024",
        "value": 93.45678,
        "numerator": 1234567.0,
        "denominator": 1321000.0,
        "annualized_value": None,
        "months_covered": None,
        "target": {"op": ">", "value": 95.0, "year": 2025},
        "status": "not_met",
        "rows_used": 148,
        "rows_skipped": 4,
        "value_low": None,
        "value_high": None,
        "units_expected": None,
        "units_reported": None,
        "before_deadline": True,
    }
    no_data = results[2]
    assert (no_data["value"], no_data["numerator"], no_data["denominator"]) == (None, None, 0.0)


def test_json_file_has_no_nan_and_validate_has_no_results(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    write_report(REPORT, path, "vi")
    text = path.read_text(encoding="utf-8")
    assert "NaN" not in text
    assert "Lâm Đồng" in text  # not \u-escaped
    assert json.loads(text) == report_json(REPORT, "vi")
    assert "results" not in report_json(VALIDATE_REPORT, "vi")


# CSV


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_headings_and_rows() -> None:
    rows = _csv_rows(results_csv(REPORT, "vi", "plain"))
    assert rows[0] == [
        "plan_id",
        "Kế hoạch",
        "indicator_id",
        "Chỉ số",
        "Cấp",
        "Mã đơn vị",
        "Tên đơn vị",
        "Kỳ",
        "Giá trị",
        "Giá trị quy năm",
        "Số tháng có số liệu",
        "Đơn vị tính",
        "Tử số",
        "Mẫu số",
        "Chỉ tiêu",
        "Thời hạn",
        "Thời hạn kế hoạch",
        "status_code",
        "Đánh giá",
        "Số dòng dùng",
        "Số dòng bỏ qua",
        "Giá trị thấp nhất",
        "Giá trị cao nhất",
        "Số đơn vị chưa rõ",
        "Số đơn vị phải báo cáo",
        "Số đơn vị đã báo cáo",
    ]
    assert rows[1] == [
        "qd2348_2025",
        "Đề án phát triển mạng lưới y tế cơ sở",
        "bhyt_coverage",
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "Tỉnh",
        "68",
        "Lâm Đồng",
        "2024",
        "93.5",
        "",
        "",
        "%",
        "1234567",
        "1321000",
        "> 95",
        "2025",
        "còn thời hạn đến 2025",
        "not_met",
        "Chưa đạt",
        "148",
        "4",
        "",
        "",
        "",
        "",
        "",
    ]
    # No data: empty value and numerator (NaN), the zero denominator kept.
    assert rows[3][8:15] == ["", "", "", "%", "", "0", ">= 100"]
    assert len(rows) == 1 + len(RESULTS)


def test_csv_english_headings() -> None:
    rows = _csv_rows(results_csv(REPORT, "en", "plain"))
    assert rows[0][:4] == ["plan_id", "Plan", "indicator_id", "Indicator"]
    assert rows[1][1] == "Grassroots health network scheme"
    assert rows[1][17:19] == ["not_met", "Not met"]
    assert rows[1][16] == "before the 2025 deadline"


def test_csv_neutralises_formulas_and_keeps_numbers_bare(tmp_path: Path) -> None:
    path = tmp_path / "ket_qua.csv"
    write_report(REPORT, path, "vi")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[4][6] == "'" + EVIL_LINK
    assert rows[5][6] == "'" + EVIL_DDE
    assert rows[4][8] == "23"
    # Numbers are unquoted, with a decimal comma, so that a Vietnamese Excel reads numbers.
    assert ";93,5;;;%;1234567;1321000;" in text
    assert text == results_csv(REPORT, "vi")


def test_plain_csv_for_scripts(tmp_path: Path) -> None:
    path = tmp_path / "ket_qua.csv"
    write_report(REPORT, path, "vi", options=ExportOptions(csv="plain"))
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert ",93.5,,,%,1234567,1321000," in raw.decode("utf-8")


# Markdown


def test_markdown_plan_table() -> None:
    lines = results_markdown(REPORT, "vi").splitlines()
    start = lines.index(
        "## Đề án phát triển mạng lưới y tế cơ sở — Quyết định 2348/QĐ-TTg ngày 05/12/2016"
        " — Thời hạn: 2025 (còn thời hạn đến 2025)"
    )
    assert lines[start + 1 : start + 7] == [
        "",
        "| Chỉ số | Kỳ | Tên đơn vị | Giá trị | Chỉ tiêu | Đánh giá |",
        "| --- | --- | --- | ---: | ---: | --- |",
        "| Tỷ lệ dân số tham gia bảo hiểm y tế | 2024 | Lâm Đồng | 93,5% | > 95% | Chưa đạt |",
        "| Tỷ lệ trạm y tế khám chữa bệnh BHYT | 2024 | Lâm Đồng | 100,0% | ≥ 100% | Đạt |",
        "| Tỷ lệ dân số được quản lý sức khỏe | 2024 | Lâm Đồng |  | ≥ 100% | Thiếu dữ liệu |",
    ]
    assert lines[0] == "# Kết quả"


@pytest.mark.parametrize(
    ("lang", "organisation", "heading"),
    [
        pytest.param(
            "vi",
            "Sở Y tế tỉnh Lâm Đồng",
            [
                "**Sở Y tế tỉnh Lâm Đồng**",
                "",
                "# BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU Y TẾ CƠ SỞ",
                "",
                "Địa bàn: Lâm Đồng · Kỳ báo cáo: 2024  ",
                "Số liệu đã đọc: 152 dòng biểu xã, 3 dòng biểu huyện · Ngày lập: 03/12/2026",
                "",
            ],
            id="vi-organisation",
        ),
        pytest.param(
            "en",
            "",
            [
                "# GRASSROOTS HEALTH TARGETS REPORT",
                "",
                "Territory: Lâm Đồng · Period: 2024  ",
                "Data read: 152 commune rows, 3 district rows · Made on: 03/12/2026",
                "",
            ],
            id="en-without-organisation",
        ),
    ],
)
def test_markdown_file_has_the_report_heading(
    tmp_path: Path, lang: Lang, organisation: str, heading: list[str]
) -> None:
    # The file a provincial office forwards says who made it, what it covers and when.
    target = tmp_path / "ket_qua.md"
    options = ExportOptions(organisation=organisation, made=date(2026, 12, 3))
    write_report(REPORT, target, lang, options=options)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[: len(heading)] == heading
    assert lines[len(heading)].startswith("## ")


def test_markdown_escapes_pipes_and_summarises_findings() -> None:
    text = results_markdown(REPORT, "vi")
    assert "## Ngành Y tế Yên Bái \\| nhiệm vụ 2024 — Sở Y tế Yên Bái — Thời hạn: 2024" in text
    assert (
        '| Số kỹ thuật được chuyển giao | 2024 | =HYPERLINK("http://x","y") | 23 kỹ thuật |' in text
    )
    assert "| ≥ 86,1% | Đạt |" in text
    assert "\nLỗi: 3 · Cảnh báo: 1 · Thông tin: 1\n" in text
    assert (
        "| Lỗi | not_a_number | bao_cao.xlsx | Xã!J9 | Dân số | +cmd\\|' /C calc'!A0 |"
        " “+cmd\\|' /C calc'!A0” không phải là số |"
    ) in text
    assert "| Cảnh báo | code_padded | bao_cao.xlsx | 'Biểu xã'!E5, E6, E7 |" in text


def test_markdown_without_findings() -> None:
    text = results_markdown(CLEAN_REPORT, "en")
    assert text.endswith("## Data checks\n\nData valid: no findings.\n")
    assert (
        "| Population covered by health insurance | 2024 | Lâm Đồng | 93.5% | > 95% | Not met |"
        in text
    )


# XLSX


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "ket_qua.xlsx"
    options = ExportOptions(organisation="Sở Y tế tỉnh Lâm Đồng", made=date(2026, 12, 3))
    write_report(REPORT, path, "vi", options=options)
    return path


@pytest.fixture(scope="module")
def workbook(workbook_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook_path)


QD = "QĐ 2348-2025"
YB = "Sở Y tế Yên Bái-2024"


def test_xlsx_sheets(workbook: openpyxl.Workbook) -> None:
    # A summary first, then a sheet per plan named by its document and deadline.
    assert workbook.sheetnames == ["Tổng hợp", QD, YB, "Kết quả", "Kiểm tra dữ liệu"]


@pytest.mark.parametrize(
    ("sheet", "freeze", "ref"),
    [
        pytest.param("Tổng hợp", "A9", "A8:H13", id="summary"),
        pytest.param(QD, "A9", "A8:I11", id="plan"),
        pytest.param(YB, "A9", "A8:I10", id="plan2"),
        pytest.param("Kết quả", "A9", "A8:Z13", id="results"),
        pytest.param("Kiểm tra dữ liệu", "A9", "A8:H13", id="findings"),
    ],
)
def test_xlsx_frozen_header_and_filter(
    workbook: openpyxl.Workbook, sheet: str, freeze: str, ref: str
) -> None:
    assert workbook[sheet].freeze_panes == freeze
    assert workbook[sheet].auto_filter.ref == ref


@pytest.mark.parametrize("sheet", ["Tổng hợp", QD, YB, "Kết quả", "Kiểm tra dữ liệu"])
def test_xlsx_every_sheet_has_the_report_heading_and_prints_on_a4(
    workbook: openpyxl.Workbook, sheet: str
) -> None:
    ws = workbook[sheet]
    assert [ws.cell(row, 1).value for row in range(1, 5)] == [
        "Sở Y tế tỉnh Lâm Đồng",
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU Y TẾ CƠ SỞ",
        "Địa bàn: Lâm Đồng · Kỳ báo cáo: 2024",
        "Số liệu đã đọc: 152 dòng biểu xã, 3 dòng biểu huyện · Ngày lập: 03/12/2026",
    ]
    setup = ws.page_setup
    # One page wide (1 is the file format's default, left out), as many pages long as needed;
    # the long results table over three, its text at three quarters of its size or more.
    assert (setup.paperSize, setup.orientation, setup.fitToHeight) == (9, "landscape", 0)
    assert setup.fitToWidth == (3 if sheet == "Kết quả" else None)
    assert ws.page_setup.pageOrder == ("overThenDown" if sheet == "Kết quả" else None)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$8:$8"
    assert ws.oddFooter.center.text == "Trang &P/&N"


def test_xlsx_summary_sheet(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Tổng hợp"]
    assert ws["A5"].value == "Tổng hợp: các chỉ tiêu kế hoạch và kết quả"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=8, max_row=13)]
    assert rows[0] == [
        "STT",
        "Kế hoạch",
        "Chỉ số",
        "Kỳ",
        "Tên đơn vị",
        "Giá trị",
        "Chỉ tiêu",
        "Đánh giá",
    ]
    assert rows[1] == [
        1,
        QD,
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "2024",
        "Lâm Đồng",
        93.45678,
        95,
        "Chưa đạt",
    ]
    assert [row[1] for row in rows[1:]] == [QD, QD, QD, YB, YB]
    assert (ws["F9"].number_format, ws["G9"].number_format) == ("0.0", '"> "0')
    assert ws["H9"].fill.fgColor.rgb == "FFFFC7CE"


def test_xlsx_signature_block(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Tổng hợp"]
    texts = [c.value for row in ws.iter_rows(min_row=14) for c in row if c.value]
    assert texts == [
        "Lâm Đồng, ngày 03 tháng 12 năm 2026",
        "Người lập biểu",
        "Thủ trưởng đơn vị",
        "(Ký, ghi rõ họ tên)",
        "(Ký tên, đóng dấu)",
    ]


def test_xlsx_plan_sheet(workbook: openpyxl.Workbook) -> None:
    ws = workbook[QD]
    assert ws["A5"].value == "Đề án phát triển mạng lưới y tế cơ sở"
    assert ws["A6"].value == (
        "Quyết định 2348/QĐ-TTg ngày 05/12/2016 · Thời hạn: 2025 (còn thời hạn đến 2025)"
    )
    assert [c.value for c in ws[8]][:9] == [
        "STT",
        "Chỉ số",
        "Kỳ",
        "Tên đơn vị",
        "Giá trị",
        "Chỉ tiêu",
        "Đánh giá",
        "Tử số",
        "Mẫu số",
    ]
    assert [c.value for c in ws[9]][:9] == [
        1,
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "2024",
        "Lâm Đồng",
        93.45678,
        95,
        "Chưa đạt",
        1234567,
        1321000,
    ]
    assert (ws["E9"].number_format, ws["F9"].number_format) == ("0.0", '"> "0')
    assert (ws["E11"].value, ws["G11"].value) == (None, "Thiếu dữ liệu")
    assert ws["F10"].number_format == '"≥ "0'
    yb = workbook[YB]
    assert (yb["E9"].value, yb["E9"].number_format) == (23, "0")
    assert (yb["F10"].value, yb["F10"].number_format) == (86.1, '"≥ "0.0')


def test_xlsx_alignment_and_borders(workbook: openpyxl.Workbook) -> None:
    ws = workbook[QD]
    text, number = ws["B9"], ws["E9"]
    assert (text.alignment.horizontal, text.alignment.vertical) == ("left", "center")
    assert text.alignment.wrap_text
    assert (number.alignment.horizontal, number.alignment.vertical) == ("right", "center")
    for cell in (ws["A8"], text, number, ws["G9"]):
        assert cell.border.left.style == cell.border.bottom.style == "thin"


@pytest.mark.parametrize(
    ("cell", "fill", "font"),
    [
        pytest.param("G9", "FFFFC7CE", "FF9C0006", id="not_met-red"),
        pytest.param("G10", "FFC6EFCE", "FF006100", id="met-green"),
        pytest.param("G11", "FFD9D9D9", "FF404040", id="no_data-grey"),
    ],
)
def test_xlsx_status_colours(workbook: openpyxl.Workbook, cell: str, fill: str, font: str) -> None:
    ws = workbook[QD]
    assert ws[cell].fill.fgColor.rgb == fill
    assert ws[cell].font.color.rgb == font


CHART_NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def _chart_series(archive: zipfile.ZipFile, name: str) -> list[tuple[str | None, str | None]]:
    chart = ElementTree.fromstring(archive.read(name))
    assert chart.find(".//c:barDir", CHART_NS).get("val") == "bar"  # type: ignore[union-attr]
    return [
        (
            s.findtext("c:tx/c:v", namespaces=CHART_NS),
            s.findtext("c:val/c:numRef/c:f", namespaces=CHART_NS),
        )
        for s in chart.findall(".//c:ser", CHART_NS)
    ]


def test_xlsx_charts_one_per_unit_type_with_a_legend_by_status(workbook_path: Path) -> None:
    with zipfile.ZipFile(workbook_path) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        # One for the plan of percentages; two for the plan mixing a count and a percentage.
        assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]
        quoted = f"'{QD}'"
        assert _chart_series(archive, charts[0]) == [
            ("Đạt", f"{quoted}!$AF$9:$AF$11"),
            ("Chưa đạt", f"{quoted}!$AG$9:$AG$11"),
            ("Chỉ tiêu", f"{quoted}!$AI$9:$AI$11"),
        ]
        assert _chart_series(archive, charts[1])[0][1] == f"'{YB}'!$AF$9"
        assert _chart_series(archive, charts[2])[0][1] == f"'{YB}'!$AF$10"
    # The series hold a value only where the target has that status.
    ws = openpyxl.load_workbook(workbook_path)[QD]
    # A series only for the statuses present, so the legend never shows an unused colour.
    assert [[ws.cell(r, c).value for c in (31, 32, 33, 34, 35)] for r in (9, 10, 11)] == [
        ["Tỷ lệ dân số tham gia bảo hiểm y tế", None, 93.45678, None, 95],
        ["Tỷ lệ trạm y tế khám chữa bệnh BHYT", 100, None, None, 100],
        ["Tỷ lệ dân số được quản lý sức khỏe", None, None, None, 100],
    ]
    assert ws.column_dimensions["AE"].hidden


def test_xlsx_results_sheet(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Kết quả"]
    assert ws["A8"].value == "plan_id"
    first = [c.value for c in ws[9]]
    assert first == [
        "qd2348_2025",
        "Đề án phát triển mạng lưới y tế cơ sở",
        "bhyt_coverage",
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "Tỉnh",
        "68",
        "Lâm Đồng",
        "2024",
        93.45678,
        None,
        None,
        "%",
        1234567,
        1321000,
        95,
        2025,
        "còn thời hạn đến 2025",
        "not_met",
        "Chưa đạt",
        148,
        4,
        None,
        None,
        None,
        None,
        None,
    ]
    assert [ws.cell(9, c).number_format for c in (9, 13, 14, 15)] == [
        "0.0",
        "#,##0",
        "#,##0",
        '"> "0',
    ]
    assert ws["I11"].number_format == "0.00"  # health_managed_rate has 2 decimals
    assert ws["S9"].fill.fgColor.rgb == "FFFFC7CE"


@pytest.mark.parametrize(
    ("sheet", "cell", "text"),
    [
        pytest.param(YB, "D9", EVIL_LINK, id="plan-link"),
        pytest.param(YB, "D10", EVIL_DDE, id="plan-dde"),
        pytest.param("Kết quả", "G12", EVIL_LINK, id="results-link"),
        pytest.param("Kết quả", "G13", EVIL_DDE, id="results-dde"),
        pytest.param("Kiểm tra dữ liệu", "G10", EVIL_DDE, id="finding-dde"),
        pytest.param("Kiểm tra dữ liệu", "G13", EVIL_LINK, id="finding-link"),
        pytest.param("Kiểm tra dữ liệu", "G11", "-1", id="finding-minus"),
    ],
)
def test_xlsx_input_text_is_never_a_formula(
    workbook: openpyxl.Workbook, sheet: str, cell: str, text: str
) -> None:
    assert workbook[sheet][cell].value == text
    assert workbook[sheet][cell].data_type == "s"


def test_xlsx_findings_sheet(workbook: openpyxl.Workbook) -> None:
    ws = workbook["Kiểm tra dữ liệu"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=8)]
    assert rows[0] == [
        "Mức độ",
        "Mã lỗi",
        "Tệp",
        "Trang tính",
        "Ô",
        "Trường",
        "Giá trị ô",
        "Nội dung",
    ]
    # The control character cannot be stored in a workbook and is dropped.
    assert rows[1] == [
        "Lỗi",
        "bad_period",
        "a.xlsx",
        "Huyện",
        "Huyện!C20",
        "Kỳ báo cáo",
        "2024/13",
        "Không hiểu kỳ báo cáo “2024/13\x01” (ví dụ: 2024, 2024-Q3, 10/2024, Quý III/2024)".replace(
            "\x01", ""
        ),
    ]
    assert rows[3][4] == "Xã!H14"
    assert rows[4][4] == "'Biểu xã'!E5, E6, E7"
    assert rows[5][:5] == ["Thông tin", "unknown_column", "b.csv", None, None]


def test_xlsx_for_validate_holds_only_findings(tmp_path: Path) -> None:
    path = tmp_path / "kiem_tra.xlsx"
    write_report(replace(VALIDATE_REPORT, findings=[]), path, "en")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Data checks"]
    assert workbook["Data checks"]["B2"].value is None
    assert workbook["Data checks"]["A2"].value == "GRASSROOTS HEALTH DATA CHECK"
    assert workbook["Data checks"]["A9"].value == "Data valid: no findings."


@pytest.mark.parametrize(
    ("wanted", "taken", "expected"),
    [
        pytest.param("qd2348_2025", set(), "qd2348_2025", id="plain"),
        pytest.param("a" * 40, set(), "a" * 31, id="truncated"),
        pytest.param("k[1]:2/3", set(), "k_1__2_3", id="illegal-chars"),
        pytest.param("Kết quả", {"kết quả"}, "Kết quả~2", id="taken"),
        pytest.param("b" * 40, {"b" * 31}, "b" * 29 + "~2", id="taken-long"),
    ],
)
def test_sheet_names(wanted: str, taken: set[str], expected: str) -> None:
    assert sheet_name(wanted, taken) == expected
    assert expected.casefold() in taken


# HTML


def test_html_structure_and_escaping() -> None:
    page = report_html(REPORT, "vi")
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">')
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in page
    assert "+cmd|&#x27; /C calc&#x27;!A0" in page
    assert EVIL_LINK not in page
    # A chart per plan and unit type: the scheme's percentages; the province's technique
    # count and its percentage apart, so that they never share a scale.
    assert page.count("<svg") == 3
    assert '<span class="status not_met">Chưa đạt</span>' in page
    assert (
        '<td>Tỷ lệ dân số tham gia bảo hiểm y tế</td><td>2024</td><td class="long">Lâm Đồng</td>'
    ) in page
    assert '<td class="num">93,5%</td><td class="num">&gt; 95%</td>' in page
    assert "@page { size: A4" in page


def test_html_is_self_contained() -> None:
    page = report_html(REPORT, "en")
    assert '<html lang="en">' in page
    for forbidden in ("<script", "<link", "<img", "src=", "url(", "@import"):
        assert forbidden not in page
    # Links only within the page: the table of contents.
    assert set(re.findall(r'href="(.)', page)) == {"#"}
    # The only URL is the one in the escaped commune name, shown as text.
    assert set(re.findall(r"https?://[\w./:-]*", page)) == {"http://x"}
    assert "\x01" not in page


def test_html_contents_link_to_every_section() -> None:
    page = report_html(REPORT, "vi")
    contents = page[page.index('<nav class="contents">') : page.index("</nav>")]
    links = re.findall(r'href="#([^"]+)">([^<]+)</a>', contents)
    assert links == [
        ("summary", "Tổng hợp"),
        (
            "plan-qd2348_2025",
            "QĐ 2348-2025 — Đề án phát triển mạng lưới y tế cơ sở",
        ),
        ("plan-yb_2024", "Sở Y tế Yên Bái-2024 — Ngành Y tế Yên Bái | nhiệm vụ 2024"),
        ("findings", "Kiểm tra dữ liệu"),
    ]
    ids = re.findall(r' id="([^"]+)"', page)
    assert ids == ["summary", "plan-qd2348_2025", "plan-yb_2024", "findings"]


def test_html_summary_table_one_row_per_target() -> None:
    page = report_html(CLEAN_REPORT, "vi")
    summary = page[page.index('<section class="summary"') : page.index("</section>")]
    rows = re.findall(r"<tr>(.*?)</tr>", summary)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in rows]
    assert cells[0] == [
        "STT", "Kế hoạch", "Chỉ số", "Kỳ", "Tên đơn vị", "Giá trị", "Chỉ tiêu", "Đánh giá",
    ]  # fmt: skip
    assert cells[1] == [
        "1",
        "QĐ 2348-2025",
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "2024",
        "Lâm Đồng",
        "93,5%",
        "&gt; 95%",
        '<span class="status not_met">Chưa đạt</span>',
    ]
    assert len(cells) == 4


def test_html_chart_labels_wrap_and_are_never_cut() -> None:
    long_name = (
        "Tỷ lệ người sử dụng dịch vụ chăm sóc sức khỏe ban đầu được bảo hiểm y tế chi trả"
        " tại trạm y tế xã"
    )
    indicators = dict(DEFINITIONS.indicators)
    indicators["bhyt_coverage"] = indicators["bhyt_coverage"].model_copy(update={"name": long_name})
    definitions = DEFINITIONS.model_copy(update={"indicators": indicators})
    report = replace(CLEAN_REPORT, definitions=definitions)
    page = report_html(report, "vi")
    labels = re.findall(r'<text class="label" text-anchor="end">(.*?)</text>', page)
    lines = [re.findall(r"<tspan [^>]*>([^<]*)</tspan>", text) for text in labels]
    assert [" ".join(parts) for parts in lines] == [
        long_name,
        "Tỷ lệ trạm y tế khám chữa bệnh BHYT",
        "Tỷ lệ dân số được quản lý sức khỏe",
    ]
    assert len(lines[0]) == 3
    assert all(len(line) <= LABEL_LINE_CHARS for parts in lines for line in parts)
    assert "…" not in page


def _district_result(indicator: str, code: str, name: str, value: float, status: str) -> Result:
    return _result(
        "qd2348_2025",
        indicator,
        level="district",
        unit_code=code,
        unit_name=name,
        value=value,
        status=status,
        rows_used=10,
    )


def test_html_grid_at_district_level() -> None:
    results = [
        _district_result("bhyt_coverage", "132", "Huyện Lục Yên", 96.24, "met"),
        _district_result("bhyt_coverage", "133", "Huyện Văn Yên", 91.0, "not_met"),
        _district_result("chs_bhyt_kcb_rate", "132", "Huyện Lục Yên", 100.0, "met"),
        _district_result("chs_bhyt_kcb_rate", "133", "Huyện Văn Yên", 100.0, "met"),
    ]
    report = replace(CLEAN_REPORT, results=results, level="district")
    page = report_html(report, "vi")
    assert "<svg" not in page
    start = page.index('<table class="grid">')
    grid = page[start : page.index("</table>", start)]
    headings = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", grid)
    assert headings == [
        "STT",
        "Tên đơn vị",
        "Kỳ",
        'Tỷ lệ dân số tham gia bảo hiểm y tế<span class="goal">(&gt; 95%)</span>',
        'Tỷ lệ trạm y tế khám chữa bệnh BHYT<span class="goal">(≥ 100%)</span>',
        "Số chỉ tiêu đạt",
    ]
    rows = [re.findall(r"<td([^>]*)>(.*?)</td>", tr) for tr in re.findall(r"<tr>(.*?)</tr>", grid)]
    assert rows[1:] == [
        [
            (' class="num"', "1"),
            (' class="unit"', "Huyện Lục Yên"),
            ("", "2024"),
            (' class="cell met" title="Đạt"', "96,2%"),
            (' class="cell met" title="Đạt"', "100,0%"),
            (' class="num"', "2/2"),
        ],
        [
            (' class="num"', "2"),
            (' class="unit"', "Huyện Văn Yên"),
            ("", "2024"),
            (' class="cell not_met" title="Chưa đạt"', "91,0%"),
            (' class="cell met" title="Đạt"', "100,0%"),
            (' class="num"', "1/2"),
        ],
    ]
    summary = page[page.index('<section class="summary"') : page.index("</section>")]
    assert '<td class="cell not_met">1/2 huyện</td>' in summary
    assert '<td class="cell met">2/2 huyện</td>' in summary


CHROMIUM = Path("/usr/bin/chromium")
GREEN, RED = (0x2E, 0x7D, 0x32), (0xC6, 0x28, 0x28)


def _decode_png(data: bytes) -> np.ndarray:
    """RGB pixels of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    assert depth == 8
    assert colour in (2, 6)
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, stride + 1)
    image = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if kind == 1:  # sub: a running sum per channel
            line = np.cumsum(line.reshape(-1, channels), axis=0).reshape(-1) & 255
        elif kind == 2:  # up
            line = (line + previous) & 255
        elif kind in (3, 4):  # average and Paeth depend on the byte just decoded
            out = line.copy()
            for i in range(stride):
                a = int(out[i - channels]) if i >= channels else 0
                b = int(previous[i])
                c = int(previous[i - channels]) if i >= channels else 0
                if kind == 3:
                    predictor = (a + b) >> 1
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                out[i] = (out[i] + predictor) & 255
            line = out
        image[y] = line
        previous = line
    return image.reshape(height, width, channels)[:, :, :3]


def _count(image: np.ndarray, colour: tuple[int, int, int]) -> int:
    return int(np.all(image == np.array(colour, dtype=np.uint8), axis=2).sum())


def test_html_renders_in_chromium(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    page = tmp_path / "ket_qua.html"
    write_report(REPORT, page, "vi")
    screenshot = tmp_path / "shot.png"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={screenshot}",
        "--hide-scrollbars",
        "--window-size=1200,1600",
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    image = _decode_png(screenshot.read_bytes())
    assert image.shape == (1600, 1200, 3)
    # Status badges and chart bars: met in green, not met in red.
    assert _count(image, GREEN) > 2000
    assert _count(image, RED) > 1000
    # Chart bars are long runs of their colour: one red bar and three green ones.
    assert _bar_rows(image, RED) >= 10
    assert _bar_rows(image, GREEN) >= 30
    # The page fits the window: the right margin is blank.
    assert (image[:, -40:] == 255).all()


def _bar_rows(image: np.ndarray, colour: tuple[int, int, int]) -> int:
    """Screen rows holding at least 200 pixels of `colour`: only a chart bar is that long."""
    matches = np.all(image == np.array(colour, dtype=np.uint8), axis=2)
    return int((matches.sum(axis=1) >= 200).sum())


# Atomic writing


def test_workbook_write_failure_is_an_os_error(tmp_path: Path) -> None:
    # A folder where the file should be: the write fails as a full disk would.
    with pytest.raises(OSError, match="Is a directory") as caught:
        write_workbook(REPORT, tmp_path, lang="vi")
    assert str(tmp_path) in str(caught.value)


def test_write_report_rejects_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(YcsError) as caught:
        write_report(REPORT, tmp_path / "report.pdf", "vi")
    assert (caught.value.key, caught.value.params) == ("unsupported_output", {"suffix": ".pdf"})


def test_xlsx_stops_before_writing_more_rows_than_a_sheet_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = len(REPORT.results or ())
    target = tmp_path / "report.xlsx"
    # One row short of the report heading, the table's heading row and the rows.
    monkeypatch.setattr("ycs.present.export.EXCEL_MAX_ROWS", results + HEADER_ROW)

    with pytest.raises(YcsError) as caught:
        write_report(REPORT, target, "vi")

    assert (caught.value.key, caught.value.params) == (
        "too_many_rows_for_xlsx",
        {"path": str(target), "rows": str(results), "limit": str(results - 1)},
    )
    assert not target.exists()
    assert error_message(caught.value, "en") == (
        f"Cannot write {target}: {results} rows exceed the {results - 1} rows of an Excel "
        "sheet; write .csv or .json instead, or choose --level district"
    )
    # A sheet that is exactly full is written.
    monkeypatch.setattr("ycs.present.export.EXCEL_MAX_ROWS", results + HEADER_ROW + 1)
    write_report(REPORT, target, "vi")
    assert openpyxl.load_workbook(target)["Kết quả"].max_row == results + HEADER_ROW + 1


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".md", ".html", ".XLSX"])
def test_write_report_refuses_an_input(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"bao_cao{suffix}"
    source.write_bytes(b"original")
    with pytest.raises(YcsError) as caught:
        write_report(REPORT, tmp_path / "." / source.name, "vi", inputs=[source])
    assert caught.value.key == "output_is_input"
    assert source.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_refuses_a_hard_link_to_an_input(tmp_path: Path) -> None:
    source = tmp_path / "bao_cao.csv"
    source.write_text("x")
    alias = tmp_path / "alias.csv"
    os.link(source, alias)
    with pytest.raises(YcsError) as caught:
        write_atomically(alias, lambda p: p.write_text("y"), inputs=[source])
    assert caught.value.key == "output_is_input"
    assert source.read_text() == "x"


def test_replaces_existing_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "ket_qua.md"
    target.write_text("old")
    target.chmod(0o640)
    write_report(REPORT, target, "vi")
    assert target.read_text(encoding="utf-8").startswith("# BÁO CÁO KẾT QUẢ")
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["ket_qua.md"]


def test_failed_write_keeps_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "ket_qua.json"
    target.write_text("old")

    def fail(path: Path) -> None:
        path.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(YcsError) as caught:
        write_atomically(target, fail)
    assert caught.value.key == "output_unwritable"
    assert caught.value.params == {"path": str(target), "reason": "No space left on device"}
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["ket_qua.json"]


@pytest.mark.parametrize(
    "target",
    [
        pytest.param("missing/ket_qua.csv", id="missing-folder"),
        pytest.param("folder.csv", id="a-directory"),
        pytest.param("file.txt/ket_qua.csv", id="folder-is-a-file"),
    ],
)
def test_unwritable_target(tmp_path: Path, target: str) -> None:
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(YcsError) as caught:
        write_report(REPORT, tmp_path / target, "vi")
    assert caught.value.key == "output_unwritable"
    assert caught.value.params["path"] == str(tmp_path / target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "folder.csv"]


def test_new_file_mode_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_report(REPORT, tmp_path / "ket_qua.html", "vi")
    finally:
        os.umask(old)
    assert (tmp_path / "ket_qua.html").stat().st_mode & 0o777 == 0o640
