"""Headings as offices really write them, each matched to its field."""

from __future__ import annotations

import pytest

from ycs.read.headers import find_header

COMMUNE = [
    ("Tổng số bác sĩ", "doctors_working"),
    ("Số người có thẻ BHYT", "insured_population"),
    ("Dân số (người)", "population"),
    ("Bác sỹ cơ hữu", "doctors_permanent"),
    ("Có BHYT", "station_bhyt_kcb"),
    ("Năm báo cáo", "period"),
]
DISTRICT = [
    ("Tên đơn vị", "district_name"),
    ("Số kỹ thuật mới", "new_techniques"),
    ("Số lượng kỹ thuật được chuyển giao", "techniques_transferred"),
    ("Năm báo cáo", "period"),
]


@pytest.mark.parametrize(("heading", "field"), COMMUNE, ids=[c[0] for c in COMMUNE])
def test_commune_heading(heading: str, field: str) -> None:
    header = find_header([["Mã xã", "Tên xã", "Dân số", heading], ["04243", "A", "10", "1"]])
    assert header is not None
    assert header.kind == "commune"
    assert header.fields[field].column == (2 if field == "population" else 3)


@pytest.mark.parametrize(("heading", "field"), DISTRICT, ids=[d[0] for d in DISTRICT])
def test_district_heading(heading: str, field: str) -> None:
    columns = (
        ["Mã huyện", "Tên huyện", heading] if field != "district_name" else ["Mã huyện", heading]
    )
    header = find_header([columns, ["132", "TTYT", "1"][: len(columns)]])
    assert header is not None
    assert header.kind == "district"
    assert header.fields[field].column == len(columns) - 1
