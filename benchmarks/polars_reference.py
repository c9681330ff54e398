"""A hand-written polars pipeline doing what `ycs check FILE --format json` does to the
national CSV, as a yardstick for ycs's own speed (issue: results as columns).

It reads the same file, checks the same things — number and yes/no cells, negative counts,
every part ≤ whole of the commune sheet, a commune reported twice for one period, unit codes,
parent codes and names against the official lists — and computes the same province indicators
per month with the communes expected and reported, then writes findings and results as JSON.
It knows the file's layout (the columns `generate.py` writes, in that order) and the legacy
units only: it is a baseline for this data, not a second validator.

Usage: `.venv/bin/python benchmarks/polars_reference.py PATH > out.json` (needs the `bench`
extra: `pip install -e ".[bench]"`). Exits 1 when it finds errors, like `ycs check`.
"""

from __future__ import annotations

import json
import re
import sys
from importlib.util import find_spec
from pathlib import Path

import polars as pl

# The columns of benchmarks/generate.py, in file order.
FIELDS = (
    "province_code",
    "district_code",
    "commune_code",
    "commune_name",
    "period",
    "population",
    "population_female",
    "children_under_1",
    "children_under_5",
    "villages_total",
    "villages_with_active_vhw",
    "has_station",
    "station_bhyt_kcb",
    "station_full_primary_care",
    "station_maintained",
    "scorecard_applied",
    "tech_services_list",
    "tech_services_performed",
    "staff_total",
    "doctors_working",
    "doctors_permanent",
    "insured_population",
    "population_health_managed",
    "primary_care_users",
    "primary_care_users_bhyt_paid",
    "high_risk_population",
    "high_risk_checked",
    "children_u1_fully_immunised",
    "ntc_pass",
    "ntc_score",
)
BOOLEANS = (
    "has_station",
    "station_bhyt_kcb",
    "station_full_primary_care",
    "station_maintained",
    "scorecard_applied",
    "ntc_pass",
)
CODES = {"province_code": 2, "district_code": 3, "commune_code": 5}
TEXT = ("commune_name", "period")
COUNTS = tuple(f for f in FIELDS if f not in (*BOOLEANS, *CODES, *TEXT, "ntc_score"))
# The commune sheet's part ≤ whole pairs whose two columns the file holds (SPEC §3).
PAIRS = (
    ("villages_with_active_vhw", "villages_total"),
    ("tech_services_performed", "tech_services_list"),
    ("doctors_permanent", "doctors_working"),
    ("primary_care_users_bhyt_paid", "primary_care_users"),
    ("high_risk_checked", "high_risk_population"),
    ("population_female", "population"),
    ("children_under_1", "children_under_5"),
    ("children_under_5", "population"),
    ("population_health_managed", "population"),
    ("insured_population", "population"),
    ("children_u1_fully_immunised", "children_under_1"),
)
TRUE_WORDS = ("có", "co", "đạt", "x", "1", "yes", "true")
FALSE_WORDS = ("không", "khong", "không đạt", "0", "no", "false")
# Vietnamese thousands ("12.345") or English ("12,345"), and a decimal comma ("82,5").
THOUSANDS = r"^-?[1-9]\d{0,2}(?:[.,]\d{3})+$"


def station(condition: pl.Expr) -> pl.Expr:
    return (pl.col("has_station") == 1) & condition


# The default commune indicators with data in the file: id, numerator, denominator, factor.
INDICATORS: tuple[tuple[str, pl.Expr, pl.Expr, float], ...] = (
    ("bhyt_coverage", pl.col("insured_population").sum(), pl.col("population").sum(), 100),
    *(
        (
            name,
            station(pl.col(column) == 1).sum(),
            (pl.col("has_station") == 1).sum(),
            100,
        )
        for name, column in (
            ("chs_bhyt_kcb_rate", "station_bhyt_kcb"),
            ("chs_full_primary_care_rate", "station_full_primary_care"),
            ("chs_maintained_rate", "station_maintained"),
            ("scorecard_applied_rate", "scorecard_applied"),
        )
    ),
    *(
        (
            name,
            station(
                compare(pl.col("tech_services_performed"), share * pl.col("tech_services_list"))
            ).sum(),
            (pl.col("has_station") == 1).sum(),
            100,
        )
        for name, compare, share in (
            ("chs_list80_rate", pl.Expr.__ge__, 0.8),
            ("chs_list90_rate", pl.Expr.__ge__, 0.9),
            ("chs_list_over80_rate", pl.Expr.__gt__, 0.8),
            ("chs_list_over90_rate", pl.Expr.__gt__, 0.9),
        )
    ),
    (
        "chs_doctor_rate",
        station(pl.col("doctors_working") >= 1).sum(),
        (pl.col("has_station") == 1).sum(),
        100,
    ),
    (
        "chs_permanent_doctor_rate",
        station(pl.col("doctors_permanent") >= 1).sum(),
        (pl.col("has_station") == 1).sum(),
        100,
    ),
    (
        "chs_4doctors_rate",
        station(pl.col("doctors_working") >= 4).sum(),
        (pl.col("has_station") == 1).sum(),
        100,
    ),
    (
        "doctors_per_station",
        pl.col("doctors_working").sum(),
        (pl.col("has_station") == 1).sum(),
        1,
    ),
    (
        "village_vhw_rate",
        pl.col("villages_with_active_vhw").sum(),
        pl.col("villages_total").sum(),
        100,
    ),
    ("ntc_commune_rate", (pl.col("ntc_pass") == 1).sum(), pl.len(), 100),
    (
        "health_managed_rate",
        pl.col("population_health_managed").sum(),
        pl.col("population").sum(),
        100,
    ),
    (
        "primary_care_bhyt_rate",
        pl.col("primary_care_users_bhyt_paid").sum(),
        pl.col("primary_care_users").sum(),
        100,
    ),
    (
        "high_risk_checked_rate",
        pl.col("high_risk_checked").sum(),
        pl.col("high_risk_population").sum(),
        100,
    ),
    (
        "full_immunisation_rate",
        pl.col("children_u1_fully_immunised").sum(),
        pl.col("children_under_1").sum(),
        100,
    ),
)

# Legacy wards and districts as the vietnam-provinces package writes them in its lookup
# module, read with regular expressions as ycs does (importing the package takes seconds).
_NAME = r"""(?P<q>['"])(?P<name>.*?)(?P=q)"""
_DISTRICT = re.compile(
    r"District\(\s*" + _NAME + r",\s*DistrictCode\.D_(?P<code>\d+),\s*VietNamDivisionType\.\w+,"
    r"\s*'[^']*',\s*ProvinceCode\.P_(?P<parent>\d+)"
)
_WARD = re.compile(
    r"Ward\(\s*" + _NAME + r",\s*WardCode\.W_(?P<code>\d+),\s*VietNamDivisionType\.\w+,"
    r"\s*'[^']*',\s*DistrictCode\.D_(?P<parent>\d+)"
)


def legacy_communes() -> pl.DataFrame:
    """The official communes until 06/2025: code, official name, district and province."""
    spec = find_spec("vietnam_provinces")
    if spec is None or spec.origin is None:
        raise SystemExit("vietnam-provinces is not installed")
    text = (Path(spec.origin).parent / "legacy" / "_lookup.py").read_text(encoding="utf-8")
    start_d, start_w = text.index("DISTRICT_MAPPING"), text.index("WARD_MAPPING")
    districts = pl.DataFrame(
        [
            (m["code"].zfill(3), m["parent"].zfill(2))
            for m in _DISTRICT.finditer(text, start_d, start_w)
        ],
        schema=["district_code", "official_province"],
        orient="row",
    )
    wards = pl.DataFrame(
        [
            (m["code"].zfill(5), m["name"], m["parent"].zfill(3))
            for m in _WARD.finditer(text, start_w)
        ],
        schema=["commune_code", "official_name", "official_district"],
        orient="row",
    )
    return wards.join(
        districts.rename({"district_code": "official_district"}), on="official_district", how="left"
    )


def typed(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The columns as numbers, yes/no as 1/0, codes padded; and the cells that are not."""
    text = {c: pl.col(c).str.strip_chars() for c in FIELDS}
    number = {
        c: pl.when(text[c].str.contains(THOUSANDS))
        .then(text[c].str.replace_all(r"[.,]", ""))
        .otherwise(text[c])
        .cast(pl.Float64, strict=False)
        for c in COUNTS
    }
    score = text["ntc_score"].str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    truth = {
        c: pl.when(text[c].str.to_lowercase().is_in(TRUE_WORDS))
        .then(1.0)
        .when(text[c].str.to_lowercase().is_in(FALSE_WORDS))
        .then(0.0)
        for c in BOOLEANS
    }
    codes = {
        c: pl.when(text[c].str.contains(r"^\d+$") & (text[c].str.len_chars() <= width)).then(
            text[c].str.zfill(width)
        )
        for c, width in CODES.items()
    }
    values = frame.select(
        pl.int_range(2, pl.len() + 2).alias("row"),
        *(e.alias(c) for c, e in {**codes, **number, **truth}.items()),
        score.alias("ntc_score"),
        text["commune_name"].alias("commune_name"),
        text["period"].alias("period"),
    )
    bad = pl.concat(
        [
            frame.select(
                pl.int_range(2, pl.len() + 2).alias("row"),
                pl.lit(c).alias("field"),
                pl.lit(code).alias("code"),
                pl.col(c).alias("value"),
                (text[c].is_not_null() & (text[c] != "") & expression.is_null()).alias("bad"),
            ).filter(pl.col("bad"))
            for c, expression, code in (
                *((c, number[c], "not_a_number") for c in COUNTS),
                ("ntc_score", score, "not_a_number"),
                *((c, truth[c], "not_a_boolean") for c in BOOLEANS),
                *((c, codes[c], "bad_code") for c in CODES),
            )
        ]
    ).drop("bad")
    return values, bad


def checked(
    values: pl.DataFrame, official: pl.DataFrame
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Negatives and parts above wholes blanked out, duplicates and unknown units dropped."""
    findings = []
    negative = pl.any_horizontal(pl.col(c) < 0 for c in COUNTS)
    findings.append(
        values.filter(negative)
        .unpivot(index="row", on=list(COUNTS), variable_name="field")
        .filter(pl.col("value") < 0)
        .select("row", "field", pl.lit("negative").alias("code"), pl.col("value").cast(pl.String))
    )
    values = values.with_columns(pl.when(pl.col(c) >= 0).then(pl.col(c)).alias(c) for c in COUNTS)
    for part, whole in PAIRS:
        over = pl.col(part) > pl.col(whole)
        findings.append(
            values.filter(over).select(
                "row",
                pl.lit(part).alias("field"),
                pl.lit("part_exceeds_whole").alias("code"),
                pl.col(part).cast(pl.String).alias("value"),
            )
        )
        values = values.with_columns(pl.when(over).then(None).otherwise(pl.col(part)).alias(part))
    twice = values.select(pl.struct("commune_code", "period").is_first_distinct()).to_series()
    findings.append(
        values.filter(~twice).select(
            "row",
            pl.lit("commune_code").alias("field"),
            pl.lit("duplicate_unit").alias("code"),
            pl.col("commune_code").alias("value"),
        )
    )
    values = values.filter(twice).join(official, on="commune_code", how="left")
    known = pl.col("official_name").is_not_null()
    for field, code, condition in (
        ("commune_code", "unknown_unit", ~known & pl.col("commune_code").is_not_null()),
        (
            "district_code",
            "wrong_parent",
            known & (pl.col("district_code") != pl.col("official_district")),
        ),
        (
            "province_code",
            "wrong_parent",
            known & (pl.col("province_code") != pl.col("official_province")),
        ),
        (
            "commune_name",
            "unit_name_mismatch",
            known & (pl.col("commune_name") != pl.col("official_name")),
        ),
    ):
        findings.append(
            values.filter(condition).select(
                "row",
                pl.lit(field).alias("field"),
                pl.lit(code).alias("code"),
                pl.col(field).alias("value"),
            )
        )
    return values.filter(known), findings


def indicators(values: pl.DataFrame, official: pl.DataFrame) -> pl.DataFrame:
    """Every indicator per province and month, with the communes expected and reported."""
    expected = official.group_by("official_province").agg(pl.len().alias("expected"))
    grouped = values.group_by("official_province", "period").agg(
        pl.col("commune_code").n_unique().alias("reported"),
        *(n.alias(f"{name}.n") for name, n, _, _ in INDICATORS),
        *(d.alias(f"{name}.d") for name, _, d, _ in INDICATORS),
    )
    long = grouped.join(expected, on="official_province").unpivot(
        index=["official_province", "period", "expected", "reported"], variable_name="part"
    )
    long = long.with_columns(pl.col("part").str.split_exact(".", 1).struct.unnest()).drop("part")
    wide = long.pivot(
        on="field_1", index=["official_province", "period", "expected", "reported", "field_0"]
    )
    factors = pl.DataFrame(
        {"field_0": [i[0] for i in INDICATORS], "factor": [i[3] for i in INDICATORS]}
    )
    return (
        wide.join(factors, on="field_0")
        .with_columns(
            pl.when(pl.col("d") > 0)
            .then((pl.col("n") / pl.col("d") * pl.col("factor")).round(1))
            .alias("value")
        )
        .rename({"official_province": "unit_code", "field_0": "indicator"})
        .sort("indicator", "unit_code", "period")
    )


def main() -> None:
    frame = pl.read_csv(sys.argv[1], infer_schema=False)
    frame = frame.rename(dict(zip(frame.columns, FIELDS, strict=True)))
    official = legacy_communes()
    values, bad = typed(frame)
    values, findings = checked(values, official)
    results = indicators(values, official)
    found = pl.concat([bad, *findings]).sort("row", "field")
    document = {"findings": found.to_dicts(), "results": results.to_dicts()}
    sys.stdout.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
    sys.exit(1 if len(found) else 0)


if __name__ == "__main__":
    main()
