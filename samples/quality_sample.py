"""Five years of monthly reports of huyện Lục Yên's communes, with four planted anomalies.

The communes are the 24 of huyện Lục Yên (tỉnh Yên Bái, code 135) in the official list of
units before 07/2025 (the `vietnam-provinces` package). Every number is synthetic: each commune
has its own population and growth, visit rate and share of insured visits; visits follow the
season (more in winter); counts are Poisson and binomial draws around those rates.

Births are left out on purpose: a commune of 2,500–9,000 people has about five births a
month and sixty a year, and chance alone moves such counts past every threshold of the
review now and then (a year 33 % above the mean of the three before it about once in three
hundred commune-years). The checks on births are tested on series built by hand instead.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

import numpy as np
from vietnam_provinces.legacy import District, Province, Ward

from ycs.check.fields import field_map

DISTRICT = 135  # Huyện Lục Yên
FIRST_YEAR = 2020
YEARS = 5
FIELDS = (
    "province_code",
    "province_name",
    "district_code",
    "district_name",
    "commune_code",
    "commune_name",
    "period",
    "population",
    "outpatient_visits",
    "bhyt_visits",
)


class Planted(NamedTuple):
    code: str
    unit: str
    period: str
    what: str


# The anomalies, each one a mistake or a gap a district statistician meets in real reports.
SHIFTED = ("04330", "2022-08")  # xã Minh Xuân: outpatient visits typed with an extra 0
MISSING_MONTH = "2020-05"  # the district's report for May 2020 never arrived
JUMP = ("04336", 2024)  # xã Tân Lĩnh: 2024 population 25 % above 2023 (wrong register copied)
STOPPED = ("04363", "2024-07")  # xã Phúc Lợi: no report from July 2024 on


def build_luc_yen(path: Path, seed: int) -> list[Planted]:
    rng = np.random.default_rng([seed, 4])
    communes = list(Ward.iter_by_district(DISTRICT))
    n = len(communes)
    months = YEARS * 12
    # Populations of Lục Yên's communes run from about 2,500 to 9,000 people.
    population0 = rng.uniform(2500, 9000, n)
    growth = 1.0 + rng.uniform(0.004, 0.012, n)
    # Visits to the commune health station per person and year: from about 1 in the
    # communes far from a station to over 2 where the station is near.
    visit_rate = rng.uniform(1.0, 2.2, n)
    insured_share = rng.uniform(0.78, 0.86, n)
    years = np.arange(months) // 12
    population = np.rint(population0[:, None] * growth[:, None] ** years[None, :])
    season = 1.0 + 0.08 * np.cos(2 * np.pi * (np.arange(months) % 12) / 12)
    visits = rng.poisson(population * visit_rate[:, None] / 12 * season[None, :])
    insured = rng.binomial(visits, insured_share[:, None])

    codes = [f"{int(w.code):05d}" for w in communes]
    periods = [f"{FIRST_YEAR + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
    shown = population.copy()
    c = codes.index(JUMP[0])
    shown[c, (JUMP[1] - FIRST_YEAR) * 12 :] = np.rint(
        shown[c, (JUMP[1] - FIRST_YEAR) * 12 :] * 1.25
    )
    c, m = codes.index(SHIFTED[0]), periods.index(SHIFTED[1])
    true_visits = int(visits[c, m])
    visits[c, m] = true_visits * 10

    province = Province.from_code(15)
    district = District.from_code(DISTRICT)
    lines: list[list[str]] = []
    stopped = periods.index(STOPPED[1])

    def line(i: int, period: str, values: dict[str, float]) -> list[str]:
        cells = [
            "15",
            province.name,
            str(DISTRICT),
            district.name,
            codes[i],
            communes[i].name,
            period,
        ]
        return cells + [str(int(values[f])) if f in values else "" for f in FIELDS[7:]]

    for m, period in enumerate(periods):
        month, year = period[5:], period[:4]
        for i in range(n):
            if period == MISSING_MONTH or (codes[i] == STOPPED[0] and m >= stopped):
                continue
            lines.append(
                line(
                    i,
                    f"{month}/{year}",
                    {
                        "population": shown[i, m],
                        "outpatient_visits": visits[i, m],
                        "bhyt_visits": insured[i, m],
                    },
                )
            )
    headers = field_map("commune")
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers[name].header for name in FIELDS)
        writer.writerows(lines)
    name = {code: ward.name for code, ward in zip(codes, communes, strict=True)}
    return [
        Planted(
            "outlier_over_time",
            SHIFTED[0],
            SHIFTED[1],
            f"{name[SHIFTED[0]]}: outpatient visits {true_visits * 10} for {true_visits}",
        ),
        Planted("incomplete_period", str(DISTRICT), MISSING_MONTH, "no report for the month"),
        Planted("population_jump", JUMP[0], str(JUMP[1]), f"{name[JUMP[0]]}: population +25 %"),
        Planted("missing_units", STOPPED[0], STOPPED[1], f"{name[STOPPED[0]]}: stopped reporting"),
    ]
