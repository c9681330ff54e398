"""How the workbook report prints: print set-up read back from the file, page breaks that keep
the signature block with its table, and (where LibreOffice is installed) the printed pages."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from builders import Sheet, write_workbook
from vietnam_provinces.legacy import Ward

from ycs.api import check_files, review_files
from ycs.errors import Finding
from ycs.indicators.compliance import Result
from ycs.indicators.definitions import Definitions, Indicator, Plan, Target
from ycs.place import registry
from ycs.present.export import ExportOptions, report_html, write_report
from ycs.present.heading import report_heading
from ycs.present.html import HEADING_CSS
from ycs.present.quality_export import review_html, write_review
from ycs.present.xlsx import wrapped_lines
from ycs.present.xlsx_pages import Block, fit_scale, page_breaks
from ycs.quality import QualityReview
from ycs.report import InputInfo, Report

# Lục Yên (huyện 135, tỉnh Yên Bái) and its 24 communes, as the official list names them.
LUC_YEN = [(f"{int(w.code):05d}", w.name) for w in Ward.iter_by_district(135)]

RATE = Indicator(
    id="bhyt_coverage",
    name="Tỷ lệ dân số tham gia bảo hiểm y tế",
    sheet="commune",
    numerator="sum(insured_population)",
    denominator="sum(population)",
    factor=100,
    unit="%",
)
PLAN = Plan(
    id="qd2348_2025",
    name="Đề án phát triển mạng lưới y tế cơ sở",
    document="Quyết định 2348/QĐ-TTg ngày 05/12/2016",
    scope="national",
    year=2025,
    targets={"bhyt_coverage": Target(op=">", value=95)},
)
DEFINITIONS = Definitions(version=1, indicators={RATE.id: RATE}, plans={PLAN.id: PLAN})
OPTIONS = ExportOptions(organisation="Trung tâm Y tế huyện Lục Yên", made=date(2026, 12, 3))


def _commune_report(count: int) -> Report:
    """`count` communes of Lục Yên, one result each: value 90 + i/10 against > 95."""
    results = [
        Result(
            plan=PLAN.id,
            indicator=RATE.id,
            level="commune",
            unit_code=code,
            unit_name=name,
            period="2024",
            value=90 + i / 10,
            numerator=900.0 + i,
            denominator=1000.0,
            target=PLAN.targets[RATE.id],
            year=2025,
            before_deadline=True,
            status="not_met",
            rows_used=1,
            rows_skipped=0,
        )
        for i, (code, name) in enumerate(LUC_YEN[:count])
    ]
    inputs = [InputInfo("luc_yen.xlsx", "Xã", "commune", count)]
    return Report(
        inputs=inputs,
        findings=[],
        results=results,
        definitions=DEFINITIONS,
        level="commune",
        plans=[PLAN.id],
    )


def _breaks(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[int]:
    """Rows (1-based) that start a printed page."""
    return [brk.id + 1 for brk in sheet.row_breaks.brk]


def _signature_row(sheet: openpyxl.worksheet.worksheet.Worksheet) -> int:
    return next(cell.row for cell in sheet["A"] if cell.value == "Người lập biểu")


# The page model, by hand


def test_fit_scale_is_a_whole_percentage_and_never_enlarges() -> None:
    # 100 columns of width 10: 75 px = 56.25 pt each, 5,625 pt against 769.89 pt usable.
    assert fit_scale([10] * 100) == 0.13
    assert fit_scale([10] * 3) == 1.0


def test_signature_that_would_start_a_page_takes_the_last_row_with_it() -> None:
    # At scale 1 a page holds 508.88 pt × 0.97 = 493.6 pt. The heading block (8 rows) and
    # 24 rows of 15 pt fill 480 pt; the gap and signature (60 pt) do not fit after them.
    blocks = [Block(0, 7), *(Block(row, row) for row in range(8, 32)), Block(33, 35, True)]
    assert page_breaks(blocks, {}, [10]) == [31]
    # With 20 rows (420 pt) the signature fits beneath them: 480 pt.
    fewer = [Block(0, 7), *(Block(row, row) for row in range(8, 28)), Block(29, 31, True)]
    assert page_breaks(fewer, {}, [10]) == []


def test_a_chart_that_does_not_fit_starts_the_next_page() -> None:
    blocks = [Block(0, 7), Block(8, 8), Block(10, 29), Block(31, 33, True)]
    # 8 + 1 + 1 gap rows = 150 pt, the 20-row chart 300 pt more: 450 pt; then 60 pt of gap
    # and signature do not fit, so the chart moves on with the signature.
    assert page_breaks(blocks, {}, [10]) == [10]
    # A taller heading row pushes the chart itself onto the next page.
    assert page_breaks(blocks, {0: 60.0}, [10]) == [10]


def test_a_long_table_breaks_where_the_page_is_full_and_repeats_its_heading() -> None:
    blocks = [Block(0, 7), *(Block(row, row) for row in range(8, 108))]
    # First page: 120 pt of heading, then 24 rows (480 pt). Later pages: the repeated
    # heading row (15 pt) and 31 rows (480 pt).
    assert page_breaks(blocks, {}, [10], repeated=(7,)) == [32, 63, 94]


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        pytest.param("Tỷ lệ giải ngân vốn kế hoạch", 50, 1, id="short"),
        pytest.param("Tỷ lệ trạm y tế xã có đủ điều kiện khám bệnh, chữa bệnh", 20, 3, id="wraps"),
        pytest.param("Chỉ số\n(≥ 100%)", 16, 2, id="newline"),
        pytest.param("x" * 60, 10, 6, id="one-long-word"),
    ],
)
def test_wrapped_lines(text: str, width: float, lines: int) -> None:
    assert wrapped_lines(text, width) == lines


# The written workbook


@pytest.fixture(scope="module")
def long_grid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "luc_yen.xlsx"
    write_report(_commune_report(24), path, "vi", options=OPTIONS)
    return path


def test_print_setup_read_back(long_grid: Path) -> None:
    workbook = openpyxl.load_workbook(long_grid)
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToHeight) == (9, "landscape", 0)
        assert setup.fitToWidth == (3 if sheet.title == "Kết quả" else None)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$8:$8"
        assert sheet.oddFooter.center.text == "Trang &P/&N"
    grid = workbook["QĐ 2348-2025"]
    # The print area runs from the heading to the signature's last row over the table's
    # columns (STT, code, name, period, one target, targets met), never the chart data.
    last = _signature_row(grid) + 1
    assert grid.print_area == f"'QĐ 2348-2025'!$A$1:$F${last}"


def test_every_row_of_a_report_sheet_has_its_height_written(long_grid: Path) -> None:
    # Without a height in the file, each program sizes rows to its own fonts and the page
    # breaks laid out for the file land elsewhere.
    sheet = openpyxl.load_workbook(long_grid)["QĐ 2348-2025"]
    heights = [sheet.row_dimensions[row].height for row in range(9, 9 + 24)]
    assert all(height is not None and height >= 18 for height in heights)
    assert sheet.row_dimensions[2].height == 21  # the 14-point title, diacritics included


def test_signature_never_starts_a_page(tmp_path: Path) -> None:
    """Whatever the table's length, a page break before the signature block falls before a
    table row, so the block prints beneath the end of its table."""
    moved = 0
    for count in range(4, 25):
        path = tmp_path / f"{count}.xlsx"
        write_report(_commune_report(count), path, "vi", options=OPTIONS)
        for sheet in openpyxl.load_workbook(path).worksheets[:2]:
            breaks = _breaks(sheet)
            signature = _signature_row(sheet)
            last_table_row = 8 + count if sheet.title != "Tổng hợp" else 9
            assert all(row <= last_table_row for row in breaks), (count, sheet.title, breaks)
            moved += bool(breaks) and breaks[-1] == last_table_row and signature > breaks[-1]
    # The lengths tried include some where the signature had to take the last row along.
    assert moved >= 1


SOFFICE = shutil.which("soffice")


def _printed_pages(book: Path, tmp_path: Path) -> list[str]:
    """The text of each page LibreOffice prints of `book` (the last item follows the last
    page break); skipped without LibreOffice, except in CI."""
    if SOFFICE is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and poppler-utils are required in CI")
        pytest.skip("LibreOffice is not installed")
    command = [
        SOFFICE,
        f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(book),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / book.with_suffix(".pdf").name), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.split("\f")


def test_libreoffice_prints_the_signature_with_table_rows(long_grid: Path, tmp_path: Path) -> None:
    pages = _printed_pages(long_grid, tmp_path)
    signed = [page for page in pages if "Người lập biểu" in page]
    # The summary, the grid: each signed once, on a page that also holds a table row.
    assert len(signed) == 2
    for page in signed:
        # The summary's row names its plan; the grid's rows name their communes.
        assert "QĐ 2348-2025" in page or any(name in page for _, name in LUC_YEN)
    # Page numbers in every footer.
    assert all(f"Trang {n}/" in page for n, page in enumerate(pages[:-1], start=1))


# The HTML page as printed


def _findings(count: int) -> list[Finding]:
    return [
        Finding(
            "negative",
            file="luc_yen.xlsx",
            sheet="Xã",
            row=row,
            column="H",
            field="doctors_working",
            value="-1",
            params={"minimum": "0"},
        )
        for row in range(5, 5 + count)
    ]


def test_html_print_rules() -> None:
    report = _commune_report(3)
    report.findings.extend(_findings(3))
    page = report_html(report, "vi", OPTIONS)
    assert "@page { size: A4 landscape; margin: 12mm; }" in page
    # Heading rows repeat on every printed page; a row is never split.
    assert "thead { display: table-header-group; }" in page
    assert "tr, svg.chart { break-inside: avoid; }" in page
    # The signature block closes the findings table, in one unbreakable row group with the
    # last finding.
    last = page.index('<tbody class="last">')
    assert page.index("luc_yen.xlsx", last) < page.index("Người lập biểu", last)
    assert "tbody.last, p.last { break-inside: avoid; break-after: avoid; }" in page


CHROMIUM = shutil.which("chromium")


def test_chromium_prints_the_signature_beside_the_last_finding(tmp_path: Path) -> None:
    if CHROMIUM is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("chromium and poppler-utils are required in CI")
        pytest.skip("chromium is not installed")
    # Enough findings for the table to run over a page, whatever the count lands on.
    texts = []
    for count in (30, 34, 38):
        report = _commune_report(24)
        report.findings.extend(_findings(count))
        page = tmp_path / f"r{count}.html"
        write_report(report, page, "vi", options=OPTIONS)
        pdf = tmp_path / f"r{count}.pdf"
        command = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        info = subprocess.run(
            ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
        ).stdout
        # A4 landscape: 297 × 210 mm.
        assert "841.9" in info, info
        assert "594.9" in info, info
        texts.append(
            subprocess.run(
                ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout
        )
    for text in texts:
        [signed] = [page for page in text.split("\f") if "Người lập biểu" in page]
        assert "luc_yen.xlsx" in signed
        assert "Trung tâm Y tế huyện Lục Yên" in text.split("\f")[0]


# The data-quality review


QUALITY_SAMPLE = (
    Path(__file__).resolve().parent.parent / "samples" / "luc_yen_2020_2024_hang_thang.csv"
)


QUALITY_ORG = ExportOptions(organisation="Sở Y tế tỉnh Yên Bái", made=date(2026, 12, 3))


@pytest.fixture(scope="module")
def quality_review() -> QualityReview:
    return review_files([QUALITY_SAMPLE])


def test_quality_review_prints_on_a4(tmp_path: Path, quality_review: QualityReview) -> None:
    book = tmp_path / "review.xlsx"
    write_review(quality_review, book, "vi", options=QUALITY_ORG)
    workbook = openpyxl.load_workbook(book)
    # As the check workbook: A4 landscape, one page wide, the table's heading row (8, under
    # the report heading) on every page, page numbers in the footer.
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation) == (9, "landscape")
        assert (setup.fitToWidth, setup.fitToHeight) == (None, 0)  # None: the default, 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$8:$8"
        assert sheet.oddFooter.center.text == "Trang &P/&N"
        assert sheet.freeze_panes == "A9"
    findings = workbook.worksheets[1]
    # On paper the eight columns that say what was found, down to the signature; file,
    # sheet and row stay on screen.
    assert findings.print_area == f"'Các phát hiện'!$A$1:$H${findings.max_row}"
    assert findings.auto_filter.ref == f"A8:K{8 + len(quality_review.findings)}"
    outlier = next(r for r in findings.iter_rows() if r[1].value == "outlier_over_time")
    message = outlier[7]
    assert message.alignment.wrap_text
    assert message.alignment.vertical == "center"
    assert message.border.left.style == "thin"
    # The message takes three lines of the 46-wide column: 49 points, as whole pixels.
    assert findings.row_dimensions[message.row].height == 48.75
    # Pages break before a finding, never between the last finding and the signature.
    breaks = _breaks(findings)
    assert len(breaks) >= 5
    assert all(9 < row <= 8 + len(quality_review.findings) for row in breaks)
    page = tmp_path / "review.html"
    write_review(quality_review, page, "vi")
    html = page.read_text(encoding="utf-8")
    assert "@page { size: A4 landscape; margin: 12mm; }" in html
    assert "thead { display: table-header-group; }" in html


HEADING_VI = [
    "Sở Y tế tỉnh Yên Bái",
    "RÀ SOÁT CHẤT LƯỢNG SỐ LIỆU",
    "Địa bàn: Huyện Lục Yên · Kỳ báo cáo: 2020-01 – 2024-12",
    # Xã Phúc Lợi stopped reporting in 07/2024: 23 of the 24 communes sent 12/2024.
    "Đơn vị báo cáo/dự kiến: 23/24 xã · Ngày lập: 03/12/2026",
]


def test_quality_workbook_has_the_report_heading_and_signature(
    tmp_path: Path, quality_review: QualityReview
) -> None:
    book = tmp_path / "chat_luong.xlsx"
    write_review(quality_review, book, "vi", options=QUALITY_ORG)
    workbook = openpyxl.load_workbook(book)
    for sheet in workbook.worksheets:
        assert [sheet.cell(row, 1).value for row in range(1, 5)] == HEADING_VI
    scorecard, findings, months = workbook.worksheets
    assert (scorecard["A5"].value, scorecard["A8"].value) == (
        "Bảng điểm chất lượng số liệu",
        "Đơn vị",
    )
    assert scorecard["A6"].value == (
        "theo Bộ công cụ rà soát chất lượng số liệu (DQR) của Tổ chức Y tế Thế giới"
        f" · Tệp số liệu: {QUALITY_SAMPLE}"
    )
    assert scorecard["A9"].value == "Huyện Lục Yên (135)"
    # The benchmark note, then the signature block over the table's six columns.
    assert scorecard["A11"].value.startswith("Ngưỡng tham chiếu của WHO: ≥ 90%")
    signed = {
        "D13": "Lục Yên, ngày 03 tháng 12 năm 2026",
        "A14": "Người lập biểu",
        "D14": "Thủ trưởng đơn vị",
        "A15": "(Ký, ghi rõ họ tên)",
        "D15": "(Ký tên, đóng dấu)",
    }
    assert {cell: scorecard[cell].value for cell in signed} == signed
    assert sorted(map(str, scorecard.merged_cells.ranges)) == [
        "A14:C14",
        "A15:C15",
        "D13:F13",
        "D14:F14",
        "D15:F15",
    ]
    assert scorecard.print_area == "'Bảng điểm chất lượng số liệu'!$A$1:$F$15"
    # The findings are signed two rows under the last one, over the printed columns.
    last = 8 + len(quality_review.findings)
    assert findings[f"A{last}"].value == "Cảnh báo"
    assert findings[f"A{last}"].font.b
    assert (findings[f"A{last + 3}"].value, findings[f"E{last + 3}"].value) == (
        "Người lập biểu",
        "Thủ trưởng đơn vị",
    )
    assert f"A{last + 3}:D{last + 3}" in {str(r) for r in findings.merged_cells.ranges}
    # The completeness table is an annex: headed, not signed.
    assert months["A5"].value == "Tính đầy đủ"
    assert _signature_cells(months) == []


def _signature_cells(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[str]:
    return [c.coordinate for r in sheet.iter_rows() for c in r if c.value == "Người lập biểu"]


def test_quality_reports_in_english(tmp_path: Path, quality_review: QualityReview) -> None:
    book = tmp_path / "review.xlsx"
    options = ExportOptions(organisation="Yen Bai Department of Health", made=date(2026, 12, 3))
    write_review(quality_review, book, "en", options=options)
    scorecard = openpyxl.load_workbook(book).worksheets[0]
    assert [scorecard.cell(row, 1).value for row in range(1, 5)] == [
        "Yen Bai Department of Health",
        "DATA QUALITY REVIEW",
        "Territory: Huyện Lục Yên · Period: 2020-01 – 2024-12",
        "Units reported/expected: 23/24 communes · Made on: 03/12/2026",
    ]
    assert [scorecard[cell].value for cell in ("D13", "A14", "D14", "A15", "D15")] == [
        "Lục Yên, 03/12/2026",
        "Prepared by",
        "Head of office",
        "(Signature and full name)",
        "(Signature and seal)",
    ]
    assert scorecard.oddFooter.center.text == "Page &P of &N"


def test_quality_html_has_the_report_heading_and_signature(quality_review: QualityReview) -> None:
    page = review_html(quality_review, "vi", QUALITY_ORG)
    # The heading `ycs check` prints, line for line.
    assert (
        '<header class="report">\n<p class="org">Sở Y tế tỉnh Yên Bái</p>\n'
        "<h1>RÀ SOÁT CHẤT LƯỢNG SỐ LIỆU</h1>\n"
        '<p class="covers">Địa bàn: Huyện Lục Yên · Kỳ báo cáo: 2020-01 – 2024-12</p>\n'
        '<p class="covers">Đơn vị báo cáo/dự kiến: 23/24 xã · Ngày lập: 03/12/2026</p>\n'
        "</header>"
    ) in page
    assert (
        "<title>RÀ SOÁT CHẤT LƯỢNG SỐ LIỆU — Địa bàn: Huyện Lục Yên · Kỳ báo cáo: "
        "2020-01 – 2024-12</title>"
    ) in page
    # The signature block closes the last table, in one unbreakable row group with the last
    # finding (Tân Lĩnh's population), so that it never prints alone on a page.
    last = page.index('<tbody class="last"><tr class="warning"><td class="nowrap">Cảnh báo</td>')
    assert page.index("population_jump", last) < page.index('<tr class="signature">', last)
    signature = page.index('<footer class="signature">')
    assert page.count('<footer class="signature">') == 1
    assert page.index('<td colspan="9"><footer class="signature">') == signature - 16
    assert "tr, tbody.last { break-inside: avoid; }" in page
    assert page[signature:].startswith(
        '<footer class="signature"><div><p class="place">&nbsp;</p>'
        '<p class="sign">Người lập biểu</p><p class="note">(Ký, ghi rõ họ tên)</p></div>'
        '<div><p class="place">Lục Yên, ngày 03 tháng 12 năm 2026</p>'
        '<p class="sign">Thủ trưởng đơn vị</p><p class="note">(Ký tên, đóng dấu)</p></div>'
        "</footer></td></tr></tbody></table></body></html>"
    )
    # The style of the heading and signature is the check report's own.
    assert HEADING_CSS in page
    # The severity on one line, the flagged value as a number.
    assert (
        '<td class="nowrap">Cảnh báo</td><td>outlier_over_time</td><td>Xã Minh Xuân (04330)</td>'
        '<td>2022-08</td><td>Tổng số lượt khám bệnh</td><td class="num">11.800</td>'
    ) in page


# The heading's territory


def test_rows_without_a_unit_code_add_no_territory_to_the_heading(tmp_path: Path) -> None:
    """A district sheet that names its district without a code is evaluated as the whole
    input ("*"); the heading still names the one real district, and is signed there."""
    table = registry.communes("legacy")
    van_chan = table[table["district_code"] == "140"]
    units = van_chan[["province_code", "district_code", "code", "name"]].to_numpy().tolist()
    book = write_workbook(
        tmp_path / "van_chan.xlsx",
        Sheet(
            "Xã",
            [
                ["Mã tỉnh", "Mã huyện", "Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số"],
                *([*unit, "2024", 1000] for unit in units),
            ],
        ),
        Sheet(
            "Huyện",
            [
                [
                    "Tỉnh/Thành phố",
                    "Huyện/Quận/Thị xã",
                    "Kỳ báo cáo",
                    "Số kỹ thuật được chuyển giao",
                ],
                ["Yên Bái", "Huyện Văn Chấn", "2024", 5],
            ],
        ),
    )
    report = check_files([book], level="district", plans=["yb_2024"])
    assert report.results is not None
    assert {r.unit_code for r in report.results} == {"140", "*"}
    heading = report_heading(report, "vi", OPTIONS, "title_check")
    assert heading.covers == "Địa bàn: Huyện Văn Chấn · Kỳ báo cáo: 2024"
    assert heading.place_date == "Văn Chấn, ngày 03 tháng 12 năm 2026"
    out = tmp_path / "bao_cao.xlsx"
    write_report(report, out, "vi", options=OPTIONS)
    assert openpyxl.load_workbook(out).worksheets[0]["A3"].value == heading.covers


def test_libreoffice_prints_the_review_signed_beside_its_tables(
    tmp_path: Path, quality_review: QualityReview
) -> None:
    book = tmp_path / "chat_luong.xlsx"
    write_review(quality_review, book, "vi", options=QUALITY_ORG)
    pages = _printed_pages(book, tmp_path)[:-1]
    # Every page numbered; each sheet's first page under the full report heading.
    assert all(f"Trang {n}/{len(pages)}" in page for n, page in enumerate(pages, start=1))
    headed = [page for page in pages if HEADING_VI[0] in page]
    assert len(headed) == 3
    assert all(all(line in page for line in HEADING_VI[1:]) for page in headed)
    # The scorecard and the findings signed once each, on a page with a row of their table;
    # the findings' table heading repeated on every page of it.
    signed = [page for page in pages if "Người lập biểu" in page]
    assert len(signed) == 2
    assert "Huyện Lục Yên (135)" in signed[0]
    assert "population_jump" in signed[1]
    findings = pages[1 : pages.index(signed[1]) + 1]
    assert len(findings) > 1
    assert all("Khoảng kỳ vọng" in page for page in findings)
