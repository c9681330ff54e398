"""Reporting periods: every accepted spelling, its canonical form, and columns of them."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ycs.check.periods import (
    canonical_period,
    find_period,
    parse_periods,
    period_is_full_year,
    period_year,
)

CASES = Path(__file__).parent / "cases"
SPELLINGS: dict[str, Any] = yaml.safe_load(
    (CASES / "periods_spellings.yaml").read_text(encoding="utf-8")
)
ACCEPTED: dict[str, str] = SPELLINGS["accepted"]
REJECTED: list[str] = SPELLINGS["rejected"]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@pytest.mark.parametrize(("text", "expected"), ACCEPTED.items(), ids=list(ACCEPTED))
def test_accepted_spelling(text: str, expected: str) -> None:
    assert canonical_period(text) == expected


@pytest.mark.parametrize("text", REJECTED, ids=REJECTED)
def test_rejected_spelling(text: str) -> None:
    assert canonical_period(text) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(2024.0, "2024", id="numeric-year"),
        pytest.param(2024, "2024", id="int-year"),
        pytest.param(np.int64(2024), "2024", id="numpy-year"),
        pytest.param(date(2024, 10, 1), "2024-10", id="date-from-10/2024"),
        pytest.param(datetime(2024, 10, 1), "2024-10", id="datetime"),
        pytest.param(pd.Timestamp("2024-03-01"), "2024-03", id="timestamp"),
        pytest.param(2024.5, None, id="fractional-year"),
        pytest.param(1989.0, None, id="year-too-early"),
        pytest.param(2101.0, None, id="year-too-late"),
        pytest.param(date(1980, 1, 1), None, id="date-too-early"),
        pytest.param(True, None, id="bool"),
        pytest.param(time(8, 30), None, id="time"),
        pytest.param(None, None, id="none"),
        pytest.param(math.nan, None, id="nan"),
        pytest.param(pd.NaT, None, id="nat"),
    ],
)
def test_workbook_cells(cell: Any, expected: str | None) -> None:
    assert canonical_period(cell) == expected


@pytest.mark.parametrize("dtype", ["object", "str"])
def test_column_of_periods(dtype: str) -> None:
    cells = ["Năm 2024", "2024", None, "  ", "Quý 5/2024", "10/2024", "Năm 2024", "", "abc"]
    parsed = parse_periods(pd.Series(cells, dtype=dtype))
    assert parsed.values.tolist() == [
        "2024",
        "2024",
        None,
        None,
        None,
        "2024-10",
        "2024",
        None,
        None,
    ]
    assert parsed.blank.tolist() == [False, False, True, True, False, False, False, True, False]
    assert parsed.invalid.tolist() == [False, False, False, False, True, False, False, False, True]


def test_workbook_column_of_periods() -> None:
    cells = [2024.0, "2024", date(2024, 10, 1), True, 1.0, math.nan, "\u00a0", 2024, "Q1/2024"]
    parsed = parse_periods(pd.Series(cells, dtype=object))
    assert parsed.values.tolist() == [
        "2024",
        "2024",
        "2024-10",
        None,
        None,
        None,
        None,
        "2024",
        "2024-Q1",
    ]
    assert parsed.blank.tolist() == [False] * 5 + [True, True] + [False] * 2
    assert parsed.invalid.tolist() == [False] * 3 + [True, True] + [False] * 4


@pytest.mark.parametrize(
    ("period", "year", "full_year"),
    [
        ("2024", 2024, True),
        ("2024-H1", 2024, False),
        ("2025-Q3", 2025, False),
        ("2023-10", 2023, False),
        ("2024-9M", 2024, False),
    ],
)
def test_period_year_and_full_year(period: str, year: int, full_year: bool) -> None:
    assert period_year(period) == year
    assert period_is_full_year(period) is full_year


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Kỳ báo cáo: Năm 2024", "2024"),
        ("BÁO CÁO 6 THÁNG ĐẦU NĂM 2024", "2024-H1"),
        ("Biểu 1: Báo cáo quý III/2024.", "2024-Q3"),
        ("Kỳ báo cáo: Tháng 10/2024 (gửi ngày 05/11/2024)", "2024-10"),
        ("TÌNH HÌNH Y TẾ CƠ SỞ NĂM 2024", "2024"),
        ("Số liệu 9 tháng năm 2024", "2024-9M"),
        ("Đắk Lắk, ngày 15 tháng 01 năm 2025", None),
        ("Từ ngày 01/01/2024 đến 31/12/2024", None),
        ("Số: 12/2024/QĐ-UBND", None),
        ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", None),
        ("Năm 2030 đạt 95%", "2030"),
        ("", None),
    ],
)
def test_find_period_in_title_line(line: str, expected: str | None) -> None:
    assert find_period(line) == expected


def _canonical_forms() -> st.SearchStrategy[tuple[int, str, int]]:
    kinds = st.sampled_from([("year", 0), ("half", 2), ("quarter", 4), ("month", 12), ("nine", 0)])
    return st.tuples(st.integers(1990, 2100), kinds).flatmap(
        lambda pair: st.tuples(
            st.just(pair[0]), st.just(pair[1][0]), st.integers(1, max(pair[1][1], 1))
        )
    )


def _canonical(year: int, kind: str, index: int) -> str:
    suffix = {
        "year": "",
        "half": f"-H{index}",
        "quarter": f"-Q{index}",
        "month": f"-{index:02d}",
        "nine": "-9M",
    }[kind]
    return f"{year}{suffix}"


def _spellings(year: int, kind: str, index: int) -> list[str]:
    """Ways Vietnamese reports write one period."""
    if kind == "year":
        return [str(year), f"Năm {year}", f"năm {year}", f"NĂM {year}", f"Cả năm {year}"]
    if kind == "half":
        part = "đầu" if index == 1 else "cuối"
        return [
            f"{year}-H{index}",
            f"{year}H{index}",
            f"H{index}/{year}",
            f"6 tháng {part} năm {year}",
            f"6 THÁNG {part.upper()} NĂM {year}",
        ]
    if kind == "quarter":
        return [
            f"Quý {ROMAN[index]}/{year}",
            f"Quý {index}/{year}",
            f"Quý {index} năm {year}",
            f"Q{index}/{year}",
            f"Q{index}-{year}",
            f"{year}-Q{index}",
            f"{year}Q{index}",
            f"quý {ROMAN[index].lower()} năm {year}",
        ]
    if kind == "month":
        return [
            f"Tháng {index}/{year}",
            f"tháng {index} năm {year}",
            f"T{index}/{year}",
            f"{index}/{year}",
            f"{index:02d}/{year}",
            f"{index}-{year}",
            f"{year}-{index:02d}",
            f"{year}/{index}",
            f"{year}-{index:02d}-01",
        ]
    return [f"{year}-9M", f"9 tháng {year}", f"9 tháng đầu năm {year}", f"9M/{year}"]


@settings(max_examples=300, deadline=None)
@given(_canonical_forms())
def test_canonical_forms_round_trip(form: tuple[int, str, int]) -> None:
    canonical = _canonical(*form)
    assert canonical_period(canonical) == canonical
    assert canonical_period(canonical.lower()) == canonical
    assert period_year(canonical) == form[0]
    assert period_is_full_year(canonical) == (form[1] == "year")


@settings(max_examples=300, deadline=None)
@given(_canonical_forms(), st.data())
def test_every_spelling_means_its_period(form: tuple[int, str, int], data: st.DataObject) -> None:
    spelling = data.draw(st.sampled_from(_spellings(*form)))
    canonical = canonical_period(spelling)
    assert canonical == _canonical(*form)
    assert canonical_period(canonical) == canonical
    assert find_period(f"BÁO CÁO {spelling}") == canonical


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet="0123456789 /-.qQhHmMtTnămáquýIV")))
def test_canonical_period_is_idempotent_on_any_text(text: str) -> None:
    canonical = canonical_period(text)
    if canonical is not None:
        assert canonical_period(canonical) == canonical
        assert 1990 <= period_year(canonical) <= 2100
    found = find_period(text)
    assert found is None or canonical_period(found) == found
