"""Checks across rows and files: a unit reported twice, a commune of an unknown district."""

from __future__ import annotations

from typing import cast

import pandas as pd

from ycs.check.fields import UNIT_CODE, SheetKind
from ycs.errors import Finding

# Position columns carried by every validated frame, so findings can point at cells.
FILE, SHEET, ROW = "_file", "_sheet", "_row"

# Excel letters of each field, per (file, sheet) read.
Columns = dict[tuple[str, str | None], dict[str, str]]


def _cell_name(sheet: str | None, column: str | None, row: int, file: str | None) -> str:
    """ "Xã!B12 (bao_cao.xlsx)": a cell as typed into Excel's Name Box, and its file if another."""
    cell = f"{sheet}!{column or ''}{row}" if sheet else f"{column or ''}{row}"
    return f"{cell} ({file})" if file else cell


def _optional_str(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]


def drop_duplicates(
    kind: SheetKind,
    frame: pd.DataFrame,
    columns: Columns,
) -> tuple[pd.DataFrame, list[Finding]]:
    """Report a unit repeated for one period on its later occurrences, and leave those out."""
    code = UNIT_CODE[kind]
    keys = [code, "period"]
    later = frame.duplicated(keys, keep="first") & frame[code].notna()
    if not later.any():
        return frame, []
    positions = frame[[*keys, FILE, SHEET, ROW]]
    firsts = positions[~frame.duplicated(keys, keep="first")]
    pairs = positions[later].merge(firsts, on=keys, how="left", suffixes=("", "_first"))
    findings = []
    for pair in pairs.to_dict("records"):
        file, sheet = str(pair[FILE]), _optional_str(pair[SHEET])
        first_file, first_sheet = str(pair[FILE + "_first"]), _optional_str(pair[SHEET + "_first"])
        first_column = columns.get((first_file, first_sheet), {}).get(code)
        findings.append(
            Finding(
                "duplicate_unit",
                file=file,
                sheet=sheet,
                row=int(pair[ROW]),
                column=columns.get((file, sheet), {}).get(code),
                field=code,
                value=str(pair[code]),
                params={
                    "period": _optional_str(pair["period"]) or "—",
                    "first": _cell_name(
                        first_sheet,
                        first_column,
                        int(pair[ROW + "_first"]),
                        None if first_file == file else first_file,
                    ),
                },
            )
        )
    return frame[~later.to_numpy()].reset_index(drop=True), findings


def unknown_districts(
    frames: dict[SheetKind, pd.DataFrame],
    columns: Columns,
) -> list[Finding]:
    """Communes whose district code is missing from the district sheet that was given."""
    communes = frames["commune"]
    codes = communes["district_code"]
    unknown = codes.notna() & ~codes.isin(set(frames["district"]["district_code"].dropna()))
    places = communes.loc[unknown, [FILE, SHEET, "district_code", ROW]].fillna({SHEET: ""})
    grouped = places.groupby([FILE, SHEET, "district_code"], sort=True)[ROW].agg(tuple)
    findings: list[Finding] = []
    for key, rows in grouped.items():
        file, sheet_name, code = (str(part) for part in cast(tuple[object, ...], key))
        sheet = sheet_name or None
        findings.append(
            Finding(
                "unknown_district",
                file=str(file),
                sheet=sheet,
                row=int(rows[0]),
                column=columns.get((str(file), sheet), {}).get("district_code"),
                field="district_code",
                value=str(code),
                rows=tuple(int(r) for r in rows) if len(rows) > 1 else None,
            )
        )
    return findings
