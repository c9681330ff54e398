"""The vertical sample: one station's own monthly report per commune of huyện Văn Chấn.

Used by make_samples.py. The figures are those of thang_10_2024_huyen_van_chan.csv, so the
folder and the CSV must give the same results.
"""

from __future__ import annotations

from pathlib import Path

from admin_units import YEN_BAI_CODE, Commune
from forms import Record, save_workbook
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ycs.check.fields import field_map
from ycs.text import fold

PERIOD_LINE = "BÁO CÁO HOẠT ĐỘNG Y TẾ CƠ SỞ THÁNG 10 NĂM 2024"
# Flows are counted from January: the year-to-date column of the variant that prints one.
MONTHS_SO_FAR = 10

# (section, [(field, name as printed, unit)]): the wording of a station's form, which is the
# catalogue's heading or alias, "Trong đó: …" under its parent.
SECTIONS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "DÂN SỐ",
        (
            ("population", "Dân số trung bình", "Người"),
            ("population_female", "Trong đó: nữ", "Người"),
            ("children_under_1", "Trẻ em dưới 1 tuổi", "Trẻ"),
            ("children_under_5", "Trẻ em dưới 5 tuổi", "Trẻ"),
            ("women_15_49", "Phụ nữ 15-49 tuổi", "Người"),
            ("zone", "Vùng", "Vùng"),
        ),
    ),
    (
        "MẠNG LƯỚI VÀ NHÂN LỰC",
        (
            ("villages_total", "Số thôn, bản", "Thôn"),
            ("villages_with_active_vhw", "Số thôn, bản có nhân viên y tế hoạt động", "Thôn"),
            ("has_station", "Có trạm y tế", "Có/Không"),
            ("station_bhyt_kcb", "Trạm y tế khám chữa bệnh BHYT", "Có/Không"),
            ("station_full_primary_care", "Thực hiện đầy đủ nội dung CSSKBĐ", "Có/Không"),
            ("station_maintained", "Trạm được duy tu, bảo dưỡng định kỳ", "Có/Không"),
            ("station_ncd_management", "Trạm quản lý bệnh không lây nhiễm", "Có/Không"),
            ("scorecard_applied", "Áp dụng bảng điểm chất lượng dịch vụ", "Có/Không"),
            ("tech_services_list", "Số DVKT trong danh mục tuyến xã", "Kỹ thuật"),
            ("tech_services_performed", "Số DVKT thực hiện được", "Kỹ thuật"),
            ("staff_total", "Tổng số nhân lực trạm", "Người"),
            ("doctors_working", "Bác sỹ làm việc", "Người"),
            ("doctors_permanent", "Bác sỹ cơ hữu", "Người"),
            ("midwives", "Hộ sinh/Y sĩ sản nhi", "Người"),
            ("vhw_count", "Nhân viên y tế thôn, bản", "Người"),
        ),
    ),
    (
        "BẢO HIỂM Y TẾ VÀ QUẢN LÝ SỨC KHỎE",
        (
            ("insured_population", "Số người có thẻ BHYT", "Người"),
            ("population_health_managed", "Số người được quản lý, theo dõi sức khỏe", "Người"),
            ("population_with_ehr", "Số người có hồ sơ sức khỏe điện tử", "Người"),
            ("primary_care_users", "Số người sử dụng dịch vụ CSSKBĐ", "Người"),
            ("primary_care_users_bhyt_paid", "Trong đó được BHYT chi trả", "Người"),
            ("high_risk_population", "Số người có nguy cơ cao", "Người"),
            ("high_risk_checked", "Số người nguy cơ cao được khám sức khỏe trong năm", "Người"),
            ("htn_detected", "Số người tăng huyết áp được phát hiện", "Người"),
            ("htn_managed", "Số người tăng huyết áp được quản lý điều trị", "Người"),
            ("dm_detected", "Số người đái tháo đường được phát hiện", "Người"),
            ("dm_managed", "Số người đái tháo đường được quản lý điều trị", "Người"),
        ),
    ),
    (
        "KHÁM CHỮA BỆNH, BÀ MẸ - TRẺ EM",
        (
            ("outpatient_visits", "Tổng số lượt khám bệnh", "Lượt"),
            ("bhyt_visits", "Trong đó: lượt khám BHYT", "Lượt"),
            ("live_births", "Số trẻ đẻ sống", "Trẻ"),
            ("deaths_under_1", "Số trẻ tử vong dưới 1 tuổi", "Trẻ"),
            ("children_u1_fully_immunised", "Trẻ dưới 1 tuổi được tiêm chủng đầy đủ", "Trẻ"),
        ),
    ),
    (
        "BỘ TIÊU CHÍ QUỐC GIA VỀ Y TẾ XÃ",
        (
            ("ntc_pass", "Xã đạt Bộ tiêu chí quốc gia về y tế", "Đạt/Không đạt"),
            ("ntc_score", "Tổng điểm Bộ tiêu chí", "Điểm"),
        ),
    ),
)
ROMAN = ("I", "II", "III", "IV", "V")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def variant(index: int) -> str:
    """Which of the printed variants commune `index` uses: offices do not all print alike."""
    return ("plain", "cumulative", "numbered", "named")[index % 4]


def file_name(commune: Commune) -> str:
    return f"bc_t10_2024_{'_'.join(fold(commune.name).split())}.xlsx"


def build_vertical_folder(folder: Path, communes: list[Commune], records: list[Record]) -> None:
    """One workbook per commune in `folder`, which is emptied of earlier builds first."""
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.xlsx"):
        old.unlink()
    for index, (commune, record) in enumerate(zip(communes, records, strict=True)):
        _build_report(folder / file_name(commune), commune, record, variant(index))


def _build_report(path: Path, commune: Commune, record: Record, kind: str) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Biểu 1"
    numbered = kind == "numbered"
    cumulative = kind == "cumulative"
    headings = ["Tên chỉ tiêu", "Đơn vị tính"]
    headings += ["Thực hiện tháng 10", "Cộng dồn từ đầu năm"] if cumulative else ["Số lượng"]
    if numbered:
        headings.insert(0, "STT")
    ws.append([f"UBND HUYỆN VĂN CHẤN - TỈNH YÊN BÁI (mã tỉnh {YEN_BAI_CODE})"])
    ws.append([f"Đơn vị báo cáo: Trạm Y tế {commune.name[:1].lower()}{commune.name[1:]}"])
    # Some stations name their commune, district and province but write no code.
    ws.append(["Huyện Văn Chấn, tỉnh Yên Bái" if kind == "named" else f"Mã xã: {commune.code}"])
    ws.append([])
    ws.append([PERIOD_LINE])
    ws.append([])
    ws.append(headings)
    ws.append(
        ([] if not numbered else ["A"])
        + ["B" if numbered else "A", "C" if numbered else "B"]
        + [str(n) for n in range(1, len(headings) - (3 if numbered else 2) + 1)]
    )
    flows = _flows()
    for section_index, (section, rows) in enumerate(SECTIONS):
        ws.append(([ROMAN[section_index]] if numbered else []) + [section])
        ws.cell(ws.max_row, 2 if numbered else 1).font = Font(bold=True)
        for number, (field, name, unit) in enumerate(rows, start=1):
            value = record[field]
            line: list[object] = [name, unit, value]
            if cumulative:
                so_far = (
                    value * MONTHS_SO_FAR if field in flows and isinstance(value, int) else value
                )
                line.append(so_far)
            if numbered:
                line.insert(0, "" if name.startswith("Trong đó") else number)
            ws.append(line)
    ws.append([])
    ws.append([None, "Người lập biểu", None, "Trưởng trạm"])
    for row in ws.iter_rows(min_row=7, max_row=ws.max_row - 2):
        for cell in row:
            cell.border = _BOX
    for letter, width in zip(
        "ABCDE", (8 if numbered else 52, 52 if numbered else 14, 14, 14, 14), strict=True
    ):
        ws.column_dimensions[letter].width = width
    ws.cell(7, 1).alignment = Alignment(wrap_text=True)
    save_workbook(wb, path)


def _flows() -> frozenset[str]:
    fields = field_map("commune")
    return frozenset(name for name, f in fields.items() if f.over_time == "flow")
