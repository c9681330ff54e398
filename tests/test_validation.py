"""Every validation finding code, with its exact position, on tables built from rows."""

from __future__ import annotations

import math

import pytest

from tests.rawtables import outcome, raw_table
from ycs.api import place_in_time
from ycs.check.validation import validate
from ycs.errors import Finding
from ycs.present.messages import finding_message

COMMUNE = [
    "district_code",
    "commune_code",
    "commune_name",
    "period",
    "population",
    "insured_population",
    "children_under_1",
    "children_u1_fully_immunised",
    "has_station",
    "doctors_working",
    "doctors_permanent",
    "ntc_pass",
    "ntc_score",
    "zone",
]
LETTER = {name: chr(ord("A") + i) for i, name in enumerate(COMMUNE)}
VALID = [
    "132",
    "04243",
    "Phường Hồng Hà",
    "2024",
    "12000",
    "11500",
    "150",
    "148",
    "Có",
    "2",
    "1",
    "Đạt",
    "85",
    "1",
]


def row(**changes: object) -> list[object]:
    values: list[object] = list(VALID)
    for name, value in changes.items():
        values[COMMUNE.index(name)] = value
    return values


def findings_of(*rows: list[object], **kwargs: object) -> list[Finding]:
    return validate(outcome(raw_table(COMMUNE, rows)), **kwargs).findings  # type: ignore[arg-type]


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_valid_row_has_no_findings() -> None:
    assert findings_of(row()) == []


CELL_CASES = [
    ("missing_required", "commune_name", "", ""),
    ("missing_required", "population", None, ""),
    ("not_a_number", "population", "12a", "12a"),
    ("not_an_integer", "population", "12,5", "12,5"),
    ("negative", "doctors_working", "-1", "-1"),
    ("out_of_range", "population", "0", "0"),
    ("out_of_range", "zone", "4", "4"),
    ("out_of_range", "ntc_score", "100,5", "100,5"),
    ("not_a_boolean", "has_station", "có lẽ", "có lẽ"),
    ("bad_code", "commune_code", "0424A", "0424A"),
    ("bad_code", "district_code", "1320", "1320"),
    ("bad_period", "period", "Quý 5/2024", "Quý 5/2024"),
    ("missing_period", "period", "", ""),
    ("part_exceeds_whole", "doctors_permanent", "3", "3"),
    ("insured_exceeds_population", "insured_population", "12001", "12001"),
    ("immunised_exceeds_cohort", "children_u1_fully_immunised", "151", "151"),
]


@pytest.mark.parametrize(
    ("code", "field", "cell", "shown"), CELL_CASES, ids=[f"{c[0]}-{c[1]}" for c in CELL_CASES]
)
def test_cell_finding_position(code: str, field: str, cell: object, shown: str) -> None:
    findings = findings_of(row(), row(**{"commune_code": "04246", field: cell}))
    finding = only([f for f in findings if f.code == code])
    assert (finding.file, finding.sheet, finding.row, finding.column, finding.field) == (
        "bao_cao.xlsx",
        "Xã",
        6,
        LETTER[field],
        field,
    )
    assert finding.value == shown


def test_part_exceeds_whole_excludes_only_the_part() -> None:
    dataset = validate(outcome(raw_table(COMMUNE, [row(doctors_permanent="3")])))
    frame = dataset.frames["commune"]
    assert math.isnan(frame.loc[0, "doctors_permanent"])
    assert frame.loc[0, "doctors_working"] == 2
    assert frame.loc[0, "population"] == 12000


def test_warning_keeps_value() -> None:
    dataset = validate(outcome(raw_table(COMMUNE, [row(insured_population="12.500")])))
    assert dataset.frames["commune"].loc[0, "insured_population"] == 12500
    assert only(dataset.findings).params["whole_value"] == "12000"


def test_station_fields_without_station() -> None:
    finding = only(findings_of(row(has_station="Không", doctors_permanent="0")))
    assert (finding.code, finding.column, finding.row, finding.value) == (
        "station_fields_without_station",
        LETTER["doctors_working"],
        5,
        "2",
    )


def test_ntc_pass_inconsistent_is_reported_on_the_pass_cell() -> None:
    finding = only(findings_of(row(ntc_score="79,5")))
    assert (finding.code, finding.column, finding.value, finding.params["score"]) == (
        "ntc_pass_inconsistent",
        LETTER["ntc_pass"],
        "Đạt",
        "79,5",
    )


def test_code_padded_is_one_warning_per_column() -> None:
    findings = findings_of(
        row(commune_code=4243.0), row(commune_code=4246.0), row(commune_code="04249")
    )
    finding = only(findings)
    assert (finding.code, finding.column, finding.row, finding.rows) == (
        "code_padded",
        "B",
        5,
        (5, 6),
    )
    assert finding.params["count"] == 2


def test_duplicate_unit_names_the_first_row() -> None:
    findings = findings_of(row(), row(commune_name="Hồng Hà (nhập lại)"))
    finding = only(findings)
    assert (finding.code, finding.row, finding.column, finding.value) == (
        "duplicate_unit",
        6,
        "B",
        "04243",
    )
    assert finding.params["first"] == "Xã!B5"


def test_duplicate_across_files_keeps_first_and_drops_second() -> None:
    first = raw_table(COMMUNE, [row()], file="a.xlsx")
    second = raw_table(COMMUNE, [row(population="99999")], file="b.csv", sheet=None)
    dataset = validate(outcome(first, second))
    finding = only(dataset.findings)
    assert (finding.file, finding.sheet, finding.row) == ("b.csv", None, 5)
    assert finding.params["first"] == "Xã!B5 (a.xlsx)"
    assert list(dataset.frames["commune"]["population"]) == [12000]


def test_same_unit_in_two_periods_is_not_a_duplicate() -> None:
    assert findings_of(row(), row(period="2023")) == []


def test_missing_period_without_column_is_one_finding_with_title_hint() -> None:
    fields = [f for f in COMMUNE if f != "period"]
    values = [v for f, v in zip(COMMUNE, VALID, strict=True) if f != "period"]
    table = raw_table(
        fields,
        [values, [*values[:1], "04246", *values[2:]]],
        title=("SỞ Y TẾ", "Kỳ báo cáo: Năm 2024"),
    )
    finding = only(validate(outcome(table)).findings)
    assert (finding.code, finding.row, finding.column) == ("missing_period", 4, None)
    assert (finding.params["title"], finding.params["suggested"]) == (
        "Kỳ báo cáo: Năm 2024",
        "2024",
    )
    assert finding_message(finding, "en").endswith(
        "(the title says “Kỳ báo cáo: Năm 2024”: try --period 2024)"
    )


def test_period_option_sets_missing_period() -> None:
    fields = [f for f in COMMUNE if f != "period"]
    values = [v for f, v in zip(COMMUNE, VALID, strict=True) if f != "period"]
    dataset = validate(outcome(raw_table(fields, [values])), period="2024")
    assert dataset.findings == []
    assert list(dataset.frames["commune"]["period"]) == ["2024"]


def test_period_option_keeps_every_row_for_the_next_stage() -> None:
    dataset = validate(outcome(raw_table(COMMUNE, [row(), row(period="2023")])), period="2023")
    assert list(dataset.frames["commune"]["period"]) == ["2024", "2023"]
    placed = place_in_time(dataset, "2023")
    assert list(placed.frames["commune"]["period"]) == ["2023"]


def test_missing_required_column_is_one_finding_at_header() -> None:
    fields = [f for f in COMMUNE if f != "population"]
    values = [v for f, v in zip(COMMUNE, VALID, strict=True) if f != "population"]
    finding = only(validate(outcome(raw_table(fields, [values]))).findings)
    assert (finding.code, finding.field, finding.row, finding.column) == (
        "missing_required",
        "population",
        4,
        None,
    )


def test_many_identical_findings_in_a_column_are_summarised() -> None:
    rows = [row(commune_code=f"{4243 + i:05d}", population="n/a") for i in range(8)]
    finding = only(findings_of(*rows))
    assert (finding.code, finding.row, finding.rows) == ("not_a_number", 5, tuple(range(5, 13)))


def test_total_mismatch() -> None:
    fields = ["commune_code", "commune_name", "period", "population"]
    table = raw_table(
        fields,
        [["04243", "A", "2024", "100"], ["04246", "B", "2024", "250"]],
        totals=[(7, "Tổng cộng", [None, "Tổng cộng", None, "360"])],
    )
    finding = only(validate(outcome(table)).findings)
    assert (finding.code, finding.row, finding.column, finding.value) == (
        "total_mismatch",
        7,
        "D",
        "360",
    )
    assert finding.params["expected"] == "350"


def test_excluded_cell_in_group_above_leaves_its_total_unchecked() -> None:
    # Group X holds "12a" (excluded): its total cannot be checked, and the group below
    # (Y) must not stand in for it. Y's own total is wrong and is compared with Y's sum.
    fields = ["commune_code", "commune_name", "period", "population"]
    table = raw_table(
        fields,
        [
            ["04243", "A", "2024", "12a"],
            ["04246", "B", "2024", "250"],
            ["04249", "C", "2024", "300"],
            ["04252", "D", "2024", "11"],
        ],
        row_numbers=[5, 6, 8, 9],
        totals=[
            (7, "Cộng huyện X", [None, "Cộng huyện X", None, "268"]),
            (10, "Cộng huyện Y", [None, "Cộng huyện Y", None, "320"]),
        ],
    )
    findings = [f for f in validate(outcome(table)).findings if f.code == "total_mismatch"]
    assert [(f.row, f.column, f.value, f.params["expected"]) for f in findings] == [
        (10, "D", "320", "311")
    ]


def test_total_row_first_is_checked_against_rows_below() -> None:
    fields = ["commune_code", "commune_name", "period", "population"]
    table = raw_table(
        fields,
        [["04243", "A", "2024", "100"], ["04246", "B", "2024", "250"]],
        row_numbers=[6, 7],
        totals=[(5, "Toàn huyện", [None, "Toàn huyện", None, "350"])],
    )
    assert validate(outcome(table)).findings == []


def test_subtotals_and_grand_total_agree() -> None:
    fields = ["commune_code", "commune_name", "period", "population"]
    table = raw_table(
        fields,
        [["04243", "A", "2024", "100"], ["04246", "B", "2024", "250"], ["04249", "C", "2024", "5"]],
        row_numbers=[5, 6, 8],
        totals=[
            (7, "Cộng huyện X", [None, "Cộng huyện X", None, "350"]),
            (9, "Cộng huyện Y", [None, "Cộng huyện Y", None, "5"]),
            (10, "Toàn tỉnh", [None, "Toàn tỉnh", None, "355"]),
        ],
    )
    assert validate(outcome(table)).findings == []


DISTRICT = [
    "district_code",
    "district_name",
    "period",
    "capital_plan",
    "capital_disbursed",
    "patients_surveyed",
    "patients_satisfied",
]


def test_district_relations() -> None:
    table = raw_table(
        DISTRICT,
        [["132", "TP Yên Bái", "2024", "1.000,5", "1200", "100", "101"]],
        kind="district",
        sheet="Huyện",
    )
    findings = validate(outcome(table)).findings
    assert [(f.code, f.column, f.value) for f in findings] == [
        ("part_exceeds_whole", "G", "101"),
        ("capital_overspent", "E", "1200"),
    ]


def test_unknown_district_only_when_a_district_sheet_is_given() -> None:
    communes = raw_table(COMMUNE, [row(), row(commune_code="04246", district_code="999")])
    districts = raw_table(
        DISTRICT, [["132", "TP Yên Bái", "2024", "", "", "", ""]], kind="district", sheet="Huyện"
    )
    assert findings_of(row(district_code="999")) == []
    finding = only(validate(outcome(communes, districts)).findings)
    assert (finding.code, finding.row, finding.column, finding.value) == (
        "unknown_district",
        6,
        "A",
        "999",
    )
