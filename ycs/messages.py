"""The vi/en catalogue: finding messages, run-stopping errors and interface labels."""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from ycs.errors import DefinitionProblem, Finding, YcsError
from ycs.fields import FIELDS

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def default_lang() -> Lang:
    """`YCS_LANG=en` switches the default to English."""
    return "en" if os.environ.get("YCS_LANG", "").strip().lower().startswith("en") else "vi"


# (Vietnamese, English) templates, formatted with the finding's params plus `value`,
# `field` (the column's label in the chosen language) and `first_row`.
FINDINGS: dict[str, tuple[str, str]] = {
    "missing_required": (
        "Thiếu giá trị bắt buộc ở cột “{label}”",
        "Required value missing in column “{label}”",
    ),
    "not_a_number": (
        "“{value}” không phải là số",
        "“{value}” is not a number",
    ),
    "not_an_integer": (
        "“{value}” không phải là số nguyên",
        "“{value}” is not a whole number",
    ),
    "negative": (
        "“{value}” là số âm; “{label}” phải {minimum_vi}",
        "“{value}” is negative; “{label}” must be {minimum_en}",
    ),
    "out_of_range": (
        "“{value}” nằm ngoài khoảng cho phép {range}",
        "“{value}” is outside the allowed range {range}",
    ),
    "not_a_boolean": (
        "“{value}” không phải Có/Không",
        "“{value}” is not yes/no (Có/Không)",
    ),
    "bad_code": (
        "Mã “{value}” không hợp lệ: cần {width} chữ số",
        "Code “{value}” is invalid: {width} digits expected",
    ),
    "bad_period": (
        "Không hiểu kỳ báo cáo “{value}” (ví dụ: 2024, 2024-Q3, 10/2024, Quý III/2024)",
        "Cannot read period “{value}” (e.g. 2024, 2024-Q3, 10/2024, Quý III/2024)",
    ),
    "missing_period": (
        "Không có kỳ báo cáo: thêm cột “Kỳ báo cáo” hoặc dùng --period{hint_vi}",
        "No reporting period: add a “Kỳ báo cáo” column or use --period{hint_en}",
    ),
    "duplicate_unit": (
        "Đơn vị {value} kỳ {period} đã có ở {first}",
        "Unit {value} for period {period} already appears at {first}",
    ),
    "overlapping_periods": (
        "Đơn vị {unit}: kỳ {value} trùng thời gian với kỳ {other} đã có ở {first}; "
        "dòng này không được dùng",
        "Unit {unit}: period {value} overlaps period {other} already at {first}; "
        "this row is not used",
    ),
    "part_exceeds_whole": (
        "“{label}” ({value}) lớn hơn “{whole_label}” ({whole_value})",
        "“{label}” ({value}) exceeds “{whole_label}” ({whole_value})",
    ),
    "station_fields_without_station": (
        "“{label}” = {value} nhưng xã ghi không có trạm y tế",
        "“{label}” = {value} but the commune reports no health station",
    ),
    "insured_exceeds_population": (
        "Số thẻ BHYT ({value}) lớn hơn dân số ({whole_value})",
        "Insured people ({value}) exceed the population ({whole_value})",
    ),
    "immunised_exceeds_cohort": (
        "Trẻ tiêm chủng đầy đủ ({value}) nhiều hơn trẻ dưới 1 tuổi ({whole_value})",
        "Fully immunised children ({value}) exceed children under 1 ({whole_value})",
    ),
    "capital_overspent": (
        "Vốn giải ngân ({value}) vượt kế hoạch vốn ({whole_value})",
        "Capital disbursed ({value}) exceeds the capital plan ({whole_value})",
    ),
    "total_mismatch": (
        "Dòng tổng “{label_text}”: “{label}” = {value}, cộng các dòng chi tiết = {expected}",
        "Total row “{label_text}”: “{label}” = {value}, the detail rows add up to {expected}",
    ),
    "code_padded": (
        "{count} mã ở cột “{label}” bị mất số 0 đầu (Excel), đã bổ sung",
        "{count} codes in column “{label}” had lost leading zeros (Excel); padded",
    ),
    "unknown_district": (
        "Mã huyện {value} không có trong biểu huyện",
        "District code {value} is not in the district sheet",
    ),
    "ntc_pass_inconsistent": (
        "Xã ghi đạt Bộ tiêu chí nhưng tổng điểm là {score} (< 80)",
        "Commune marked as meeting the criteria but scores {score} (< 80)",
    ),
    "incomplete_period": (
        "Đơn vị {value} thiếu {count} tháng của kỳ {period}: {missing}",
        "Unit {value} lacks {count} month(s) of period {period}: {missing}",
    ),
    "unknown_column": (
        "Bỏ qua cột không nhận ra: “{value}”",
        "Ignored unrecognised column: “{value}”",
    ),
    "encoding_used": (
        "Tệp được đọc với bảng mã {encoding}",
        "File read with encoding {encoding}",
    ),
    "period_inferred": (
        "Không có cột kỳ báo cáo: lấy kỳ {period} theo “{value}”",
        "No period column: period {period} taken from “{value}”",
    ),
    "sheet_skipped": (
        "Bỏ qua trang tính “{sheet_name}”: {reason_vi}",
        "Skipped sheet “{sheet_name}”: {reason_en}",
    ),
    "value_column_chosen": (
        "Đọc số liệu ở cột “{value}”, không phải cột cộng dồn “{other}” (cột {other_column})",
        "Values read from column “{value}”, not the year-to-date column “{other}” "
        "(column {other_column})",
    ),
    "unit_unresolved": (
        "Không xác định được đơn vị “{value}”: {count} xã cùng tên trong danh mục đơn vị hành "
        "chính{codes}; ghi mã xã, hoặc tên huyện và tỉnh",
        "Cannot tell which unit “{value}” is: {count} communes of that name in the official "
        "list{codes}; write the commune code, or the district and province names",
    ),
}

# Errors that stop the run (exit 2): one line naming the file and what to do.
ERRORS: dict[str, tuple[str, str]] = {
    "file_not_found": (
        "Không tìm thấy tệp {path}",
        "File not found: {path}",
    ),
    "no_spreadsheets": (
        "Thư mục {path} không có tệp bảng tính nào (.xlsx, .xls, .ods, .csv)",
        "Folder {path} holds no spreadsheet (.xlsx, .xls, .ods, .csv)",
    ),
    "empty_file": (
        "Tệp {path} rỗng",
        "File {path} is empty",
    ),
    "unsupported_format": (
        "Tệp {path} không phải bảng tính được hỗ trợ (.xlsx, .xlsm, .xls, .ods, .csv, .tsv)"
        "{hint_vi}",
        "File {path} is not a supported spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv, .tsv)"
        "{hint_en}",
    ),
    "corrupt_file": (
        "Không đọc được tệp {path}: tệp bị hỏng hoặc không đầy đủ ({reason}); hãy lưu lại từ Excel",
        "Cannot read {path}: the file is damaged or incomplete ({reason}); "
        "save it again from Excel",
    ),
    "password_protected": (
        "Tệp {path} có mật khẩu; hãy bỏ mật khẩu rồi chạy lại",
        "{path} is password-protected; remove the password and run again",
    ),
    "undecodable_text": (
        "Không nhận ra bảng mã của tệp {path}; hãy lưu lại dạng CSV UTF-8",
        "Cannot tell the text encoding of {path}; save it as CSV UTF-8",
    ),
    "no_data_sheet": (
        "Tệp {path} không có trang tính nào chứa biểu xã hoặc biểu huyện "
        "(không thấy cột {required})",
        "{path} has no commune or district sheet (no column {required} found)",
    ),
    "unreadable_file": (
        "Không đọc được tệp {path}: {reason}",
        "Cannot read {path}: {reason}",
    ),
    "bad_period_option": (
        "--period “{value}” không hợp lệ (ví dụ: 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M)",
        "--period “{value}” is invalid (e.g. 2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M)",
    ),
    "period_not_in_input": (
        "Không có dòng nào thuộc kỳ {period}; dữ liệu có các kỳ: {periods}",
        "No row lies inside period {period}; the input holds: {periods}",
    ),
    "unknown_plan": (
        "Không có kế hoạch “{plan}”; các kế hoạch: {known}",
        "No plan “{plan}”; known plans: {known}",
    ),
    "invalid_definitions": (
        "Tệp chỉ số {path} có {count} lỗi",
        "Indicators file {path} has {count} problem(s)",
    ),
    "definitions_unreadable": (
        "Không đọc được tệp chỉ số {path}: {reason}",
        "Cannot read indicators file {path}: {reason}",
    ),
    "output_is_input": (
        "Không ghi đè lên tệp đầu vào {path}; hãy chọn tên tệp khác cho -o",
        "Refusing to overwrite input file {path}; choose another name for -o",
    ),
    "too_many_rows_for_xlsx": (
        "Không ghi được {path}: {rows} dòng vượt quá {limit} dòng của một trang Excel; "
        "hãy xuất .csv hoặc .json, hoặc chọn --level district",
        "Cannot write {path}: {rows} rows exceed the {limit} rows of an Excel sheet; "
        "write .csv or .json instead, or choose --level district",
    ),
    "output_unwritable": (
        "Không ghi được tệp {path}: {reason}",
        "Cannot write {path}: {reason}",
    ),
    "internal_error": (
        "Lỗi nội bộ của ycs ({detail}); chạy lại với YCS_DEBUG=1 và gửi kết quả "
        "cho nhóm phát triển",
        "Internal ycs error ({detail}); run again with YCS_DEBUG=1 and report the output",
    ),
    "unsupported_output": (
        "Không hỗ trợ định dạng đầu ra “{suffix}” (dùng .xlsx, .csv, .json, .md, .html)",
        "Unsupported output format “{suffix}” (use .xlsx, .csv, .json, .md, .html)",
    ),
    "nothing_to_review": (
        "Không có dòng số liệu nào có kỳ báo cáo để rà soát chất lượng: thêm cột “Kỳ báo cáo” "
        "hoặc dùng --period (chạy ycs validate để xem chi tiết)",
        "No data row has a reporting period to review: add a “Kỳ báo cáo” column or use "
        "--period (run ycs validate for details)",
    ),
    "unsupported_quality_output": (
        "ycs quality không ghi được định dạng “{suffix}” (dùng .xlsx, .json, .html)",
        "ycs quality cannot write “{suffix}” (use .xlsx, .json, .html)",
    ),
}

# Problems in an indicators file; `where` and `position` are added by definition_problem().
DEFINITION_PROBLEMS: dict[str, tuple[str, str]] = {
    "yaml_syntax": ("lỗi cú pháp YAML: {detail_vi}", "YAML syntax error: {detail_en}"),
    "bad_structure": ("{detail_vi}", "{detail_en}"),
    "syntax": ("lỗi cú pháp công thức: {detail}", "formula syntax error: {detail}"),
    "unknown_field": ("trường không có: “{name}”", "unknown field “{name}”"),
    "wrong_sheet_field": (
        "trường “{name}” không thuộc biểu {sheet_vi}",
        "field “{name}” is not on the {sheet_en} sheet",
    ),
    "unknown_function": ("hàm không được phép: “{name}”", "function not allowed: “{name}”"),
    "not_allowed": ("cú pháp không được phép: {construct}", "construct not allowed: {construct}"),
    "field_outside_aggregate": (
        "trường “{name}” phải nằm trong một hàm tổng hợp như sum(…)",
        "field “{name}” must be inside an aggregate such as sum(…)",
    ),
    "nested_aggregate": ("không được lồng hàm tổng hợp", "aggregates cannot be nested"),
    "bad_arguments": ("{name}(…) nhận {expected_vi}", "{name}(…) takes {expected_en}"),
    "formula_choice": (
        "cần “numerator” và “denominator”, hoặc “value”",
        "needs “numerator” and “denominator”, or “value”",
    ),
    "unknown_indicator": ("chỉ số không có: “{name}”", "unknown indicator “{name}”"),
    "bad_target": (
        'chỉ tiêu “{text}” không hợp lệ (ví dụ: ">= 100")',
        'target “{text}” is invalid (e.g. ">= 100")',
    ),
    "duplicate_id": ("mã “{name}” bị trùng", "duplicate id “{name}”"),
}

# Interface labels shared by the terminal tables and the exports.
LABELS: dict[str, tuple[str, str]] = {
    "met": ("Đạt", "Met"),
    "not_met": ("Chưa đạt", "Not met"),
    "no_data": ("Thiếu dữ liệu", "No data"),
    "error": ("Lỗi", "Error"),
    "warning": ("Cảnh báo", "Warning"),
    "info": ("Thông tin", "Info"),
    "plan": ("Kế hoạch", "Plan"),
    "document": ("Văn bản", "Document"),
    "deadline": ("Thời hạn", "Deadline"),
    "indicator": ("Chỉ số", "Indicator"),
    "indicator_id": ("Mã chỉ số", "Indicator id"),
    "value": ("Giá trị", "Value"),
    "target": ("Chỉ tiêu", "Target"),
    "status": ("Đánh giá", "Status"),
    "unit": ("Đơn vị tính", "Unit"),
    "level": ("Cấp", "Level"),
    "unit_code": ("Mã đơn vị", "Unit code"),
    "unit_name": ("Tên đơn vị", "Unit name"),
    "period": ("Kỳ", "Period"),
    "numerator": ("Tử số", "Numerator"),
    "denominator": ("Mẫu số", "Denominator"),
    "rows_used": ("Số dòng dùng", "Rows used"),
    "rows": ("Dòng", "Rows"),
    "fraction": ("Tử số/Mẫu số", "Num./Denom."),
    "rows_skipped": ("Số dòng bỏ qua", "Rows skipped"),
    "formula": ("Công thức", "Formula"),
    "severity": ("Mức độ", "Severity"),
    "code": ("Mã lỗi", "Code"),
    "file": ("Tệp", "File"),
    "sheet": ("Trang tính", "Sheet"),
    "row": ("Dòng", "Row"),
    "column": ("Cột", "Column"),
    "cell": ("Ô", "Cell"),
    "field": ("Trường", "Field"),
    "cell_value": ("Giá trị ô", "Cell value"),
    "message": ("Nội dung", "Message"),
    "commune": ("Xã", "Commune"),
    "district": ("Huyện", "District"),
    "province": ("Tỉnh", "Province"),
    "whole_input": ("Toàn bộ dữ liệu", "All data"),
    "summary": ("Tổng hợp", "Summary"),
    "results": ("Kết quả", "Results"),
    "findings": ("Kiểm tra dữ liệu", "Data checks"),
    "before_deadline": ("còn thời hạn đến {year}", "before the {year} deadline"),
    "after_deadline": ("đã đến hạn {year}", "{year} deadline reached"),
    "deadline_status": ("Thời hạn kế hoạch", "Plan deadline"),
    "annualised": ("quy năm", "annualised"),
    "annualised_value": (
        "{value} quy năm (số liệu {months} tháng: {raw})",
        "{value} annualised ({months} months of data: {raw})",
    ),
    "annualised_from": ("quy năm, {months}/12 tháng", "annualised, {months}/12 months"),
    "annualized_value": ("Giá trị quy năm", "Annualised value"),
    "months_covered": ("Số tháng có số liệu", "Months covered"),
    "over_time": ("Theo thời gian", "Over time"),
    "stock": ("thời điểm (lấy kỳ cuối)", "stock (latest sub-period)"),
    "flow": ("thời kỳ (cộng dồn)", "flow (sub-periods summed)"),
    "other_fields": ("mọi trường số liệu khác", "every other field"),
    "no_findings": ("Dữ liệu hợp lệ, không có lỗi.", "Data valid: no findings."),
}


def label(key: str, lang: Lang, **params: object) -> str:
    vi, en = LABELS[key]
    text = vi if lang == "vi" else en
    return text.format_map(_Lenient(params)) if params else text


def deadline_label(before_deadline: bool | None, year: int, lang: Lang) -> str:
    """ "còn thời hạn đến 2025" / "đã đến hạn 2025"; nothing when the period is unknown."""
    if before_deadline is None:
        return ""
    return label("before_deadline" if before_deadline else "after_deadline", lang, year=year)


def field_label(sheet_field: str | None, lang: Lang) -> str:
    """The column heading of a field in the chosen language (the name itself if unknown)."""
    if sheet_field is None:
        return ""
    for fields in FIELDS.values():
        for f in fields:
            if f.name == sheet_field:
                return f.header if lang == "vi" else f.header_en
    return sheet_field


class _Lenient(dict[str, Any]):
    """Leaves unknown placeholders visible instead of failing on a missing param."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: tuple[str, str], lang: Lang, params: Mapping[str, Any]) -> str:
    return (template[0] if lang == "vi" else template[1]).format_map(_Lenient(params))


def finding_message(finding: Finding, lang: Lang) -> str:
    params: dict[str, Any] = {
        "value": finding.value if finding.value is not None else "",
        "label": field_label(finding.field, lang),
        **finding.params,
    }
    if "whole" in params:
        params.setdefault("whole_label", field_label(str(params["whole"]), lang))
    return _format(FINDINGS[finding.code], lang, params)


def error_message(error: YcsError, lang: Lang) -> str:
    return _format(ERRORS[error.key], lang, error.params)


def definition_problem(problem: DefinitionProblem, lang: Lang) -> str:
    """ "chs_list80_rate.numerator, vị trí 14: trường không có: “foo”"."""
    where = problem.where
    if problem.position is not None:
        where += f", {'vị trí' if lang == 'vi' else 'position'} {problem.position}"
    return f"{where}: {_format(DEFINITION_PROBLEMS[problem.key], lang, problem.params)}"


def _half_up(value: float, decimals: int) -> Decimal:
    # From the shortest repr, so 81.25 is exactly 81.25 and not 81.2499999….
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def round_half_up(value: float, decimals: int) -> float:
    """Rounded as reports done by hand are: 81.25 → 81.3 (Python's round gives 81.2)."""
    return float(_half_up(value, decimals))


def format_number(value: float, decimals: int, lang: Lang) -> str:
    """1234567.5 → "1.234.567,5" in Vietnamese, "1,234,567.5" in English.

    Halves round up, as in reports done by hand (81.25 → 81.3), not to even.
    """
    text = f"{_half_up(value, decimals):,.{decimals}f}"
    if lang == "vi":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


# The data-quality review (SPEC §9), worded as a WHO Data Quality Review annual report.
QUALITY_FINDINGS: dict[str, tuple[str, str]] = {
    "missing_units": (
        "Thiếu báo cáo của {count} đơn vị ({periods} kỳ): {units}",
        "{count} unit(s) did not report ({periods} period(s)): {units}",
    ),
    "incomplete_period": (
        "Không có đơn vị nào gửi báo cáo cho kỳ {missing}",
        "No unit sent a report for {missing}",
    ),
    "outlier_over_time": (
        "“{label}” = {value} lệch khỏi chuỗi số liệu của chính đơn vị (trung vị {median}, "
        "điểm z hiệu chỉnh {score})",
        "“{label}” = {value} departs from the unit's own series (median {median}, "
        "modified z-score {score})",
    ),
    "outlier_between_units": (
        "“{label}” = {value}, tức {rate} trên 1.000 dân, so với bình quân {mean_rate} của "
        "các xã khác cùng tỉnh (điểm z {score})",
        "“{label}” = {value}, {rate} per 1,000 people, against {mean_rate} on average in the "
        "province's other communes (z-score {score})",
    ),
    "inconsistent_over_time": (
        "“{label}” cả năm = {value}, chênh {score}% so với bình quân {years} năm trước ({mean})",
        "Yearly “{label}” = {value}, {score}% off the mean of the {years} years before ({mean})",
    ),
    "related_fields_inconsistent": (
        "Số trẻ đẻ sống trong năm ({value}) chênh {score}% so với số trẻ dưới 1 tuổi ({infants})",
        "Live births in the year ({value}) differ by {score}% from children under 1 ({infants})",
    ),
    "population_jump": (
        "Dân số {value} thay đổi {score}% so với năm trước ({before})",
        "Population {value} changed by {score}% from the year before ({before})",
    ),
}

QUALITY_LABELS: dict[str, tuple[str, str]] = {
    "title": ("RÀ SOÁT CHẤT LƯỢNG SỐ LIỆU", "DATA QUALITY REVIEW"),
    "subtitle": (
        "theo Bộ công cụ rà soát chất lượng số liệu (DQR) của Tổ chức Y tế Thế giới",
        "following the World Health Organization's Data Quality Review (DQR) toolkit",
    ),
    "territory": ("Địa bàn", "Territory"),
    "periods": ("Kỳ báo cáo", "Periods"),
    "made": ("Ngày lập", "Made on"),
    "inputs": ("Tệp số liệu", "Input files"),
    "scorecard": ("Bảng điểm chất lượng số liệu", "Data quality scorecard"),
    "findings": ("Các phát hiện", "Findings"),
    "unit": ("Đơn vị", "Unit"),
    "reports": ("Báo cáo nhận được/cần có", "Reports received/expected"),
    "completeness": ("Tính đầy đủ (%)", "Completeness (%)"),
    "below_benchmark": ("Kỳ dưới {benchmark}%", "Periods below {benchmark}%"),
    "flagged": ("Giá trị ngoại lai (%)", "Outlier values (%)"),
    "inconsistent": ("Đơn vị không nhất quán theo thời gian", "Units inconsistent over time"),
    "severity": ("Mức độ", "Severity"),
    "period": ("Kỳ", "Period"),
    "field": ("Chỉ tiêu", "Field"),
    "value": ("Giá trị", "Value"),
    "expected": ("Khoảng kỳ vọng", "Expected range"),
    "message": ("Nội dung", "Message"),
    "check": ("Kiểm tra", "Check"),
    "cell": ("Ô", "Cell"),
    "none": ("Không phát hiện vấn đề nào.", "No problems found."),
    "moderate": (
        "{count} giá trị lệch vừa phải (điểm z từ {low} đến dưới {high}) so với các xã cùng tỉnh, "
        "ở {units} đơn vị; xem danh sách đầy đủ trong tệp xuất (-o)",
        "{count} moderately deviating values (z-score {low} to under {high}) against the "
        "province's communes, in {units} unit(s); the exported file (-o) lists them all",
    ),
    "benchmark_note": (
        "Ngưỡng tham chiếu của WHO: ≥ {benchmark}% báo cáo đầy đủ; giá trị ngoại lai theo điểm z "
        "hiệu chỉnh ≥ {modified_z}",
        "WHO benchmark: ≥ {benchmark}% of reports received; outliers at modified z-score ≥ "
        "{modified_z}",
    ),
    "validation_note": (
        "Kiểm tra dữ liệu đầu vào: {errors} lỗi, {warnings} cảnh báo (chạy ycs validate để xem)",
        "Input checks: {errors} error(s), {warnings} warning(s) (run ycs validate to see them)",
    ),
    "chart": ("Chuỗi số liệu", "Series"),
    "flagged_point": ("giá trị bị đánh dấu", "flagged value"),
    "completeness_sheet": ("Tính đầy đủ", "Completeness"),
    "moderate_details": (
        "{count} giá trị lệch vừa phải so với các xã cùng tỉnh (thông tin)",
        "{count} moderately deviating values against the province's communes (information)",
    ),
}

# The WHO DQR dimensions under which the findings are listed.
QUALITY_DIMENSIONS: dict[str, tuple[str, str]] = {
    "completeness": ("Tính đầy đủ của báo cáo", "Completeness of reporting"),
    "internal_consistency": (
        "Tính nhất quán nội tại: giá trị ngoại lai",
        "Internal consistency: outliers",
    ),
    "consistency_over_time": ("Tính nhất quán theo thời gian", "Consistency over time"),
    "related_data": (
        "Tính nhất quán giữa các số liệu liên quan",
        "Consistency between related data",
    ),
    "denominators": ("Mẫu số: dân số", "Denominators: population"),
}


def quality_label(key: str, lang: Lang, **params: Any) -> str:
    return _format(QUALITY_LABELS[key], lang, params)


def quality_dimension(key: str, lang: Lang) -> str:
    vi, en = QUALITY_DIMENSIONS[key]
    return vi if lang == "vi" else en


def quality_message(code: str, lang: Lang, params: Mapping[str, Any]) -> str:
    return _format(QUALITY_FINDINGS[code], lang, params)
