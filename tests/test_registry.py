"""The official unit lists as ycs reads them, checked against the package's own objects."""

from __future__ import annotations

import pandas as pd
import pytest
from vietnam_provinces import Ward
from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW
from vietnam_provinces.legacy import District
from vietnam_provinces.legacy import Ward as LegacyWard

from ycs.place import registry


def test_counts_of_both_sets() -> None:
    assert len(registry.provinces("legacy")) == 63
    assert len(registry.districts()) == 696
    assert len(registry.communes("legacy")) == 10051
    assert len(registry.provinces("current")) == 34
    assert len(registry.communes("current")) == 3321


def test_lineage_matches_the_conversion_table() -> None:
    lineage = registry.lineage()
    assert lineage["legacy_code"].nunique() == len(OLD_TO_NEW) == 10033
    divided = lineage.loc[lineage["divided"], "legacy_code"].unique()
    assert len(divided) == 441
    assert len(divided) == sum(len(e.new_wards) > 1 for e in OLD_TO_NEW.values())
    # Xã Khao Mang (Mù Căng Chải, legacy Yên Bái) became part of current Lào Cai (15).
    khao_mang = lineage[lineage["legacy_code"] == "04465"]
    expected = [f"{w.code:05d}" for w in OLD_TO_NEW[4465].new_wards]
    assert khao_mang["current_code"].tolist() == expected
    assert set(khao_mang["current_province_code"]) == {"15"}


@pytest.mark.parametrize("code", [1, 4465, 4621, 24544, 32248])
def test_legacy_commune_rows_match_the_package(code: int) -> None:
    ward = LegacyWard.from_code(code)
    district = District.from_code(ward.district_code)
    row = registry.communes("legacy").set_index("code").loc[f"{code:05d}"]
    assert row["name"] == ward.name
    assert row["district_code"] == f"{district.code:03d}"
    assert row["province_code"] == f"{district.province_code:02d}"


def test_current_commune_rows_match_the_package() -> None:
    table = registry.communes("current").set_index("code")
    for code in (4, 2647, 4465):
        ward = Ward.from_code(code)
        assert table.loc[f"{code:05d}", "name"] == ward.name
        assert table.loc[f"{code:05d}", "province_code"] == f"{ward.province_code:02d}"
        assert pd.isna(table.loc[f"{code:05d}", "district_code"])


def test_same_code_two_places() -> None:
    legacy = registry.provinces("legacy").set_index("code")["name"]
    current = registry.provinces("current").set_index("code")["name"]
    assert legacy["15"] == "Tỉnh Yên Bái"
    assert current["15"] == "Tỉnh Lào Cai"


def test_name_key_folds_type_words_case_diacritics_and_tone_placement() -> None:
    keys = registry.name_key(
        pd.Series(
            [
                "Khánh Hoà",
                "Tỉnh Khánh Hòa",
                "Huyện Mù Cang Chải",
                "Mù Căng Chải",
                "TT NT Liên Sơn",
                "Thị trấn Nông trường Liên Sơn",
                "Trung tâm Y tế thành phố Yên Bái",
                "TP. Yên Bái",
                "Phường 01",
                None,
            ]
        )
    )
    assert keys.tolist() == [
        "khanh hoa",
        "khanh hoa",
        "mu cang chai",
        "mu cang chai",
        "nt lien son",
        "nt lien son",
        "yen bai",
        "yen bai",
        "1",
        pd.NA,
    ]


def test_find_communes_by_names_as_forms_write_them() -> None:
    assert registry.find_communes("legacy", "TT NT Liên Sơn") == ["04621"]
    assert registry.find_communes(
        "legacy", "Xã Khao Mang", "Huyện Mù Cang Chải", "Tỉnh Yên Bái"
    ) == ["04465"]
    # Many communes share a name; the district narrows it down.
    assert len(registry.find_communes("legacy", "Xã Liên Sơn")) > 1
    # "Thị trấn NT Liên Sơn" of Văn Chấn is not a "Xã Liên Sơn".
    assert registry.find_communes("legacy", "Xã Liên Sơn", "Huyện Văn Chấn") == []
    assert registry.find_communes("current", "Xã Khao Mang", province_name="Lào Cai") == ["04465"]
    assert registry.find_communes("legacy", "Xã Không Có") == []
