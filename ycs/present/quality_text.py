"""The data-quality review as localised rows and texts, for every writer of it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ycs import __version__
from ycs.place import registry
from ycs.present.heading import (
    NAMES_LISTED,
    ExportOptions,
    Heading,
    make_heading,
    place_of,
    rows_read_text,
    units_text,
)
from ycs.present.messages import (
    Lang,
    field_label,
    format_number,
    label,
    quality_dimension,
    quality_label,
    quality_message,
)
from ycs.quality import QualityFinding, QualityReview, ScoreLine
from ycs.quality.findings import DIMENSIONS
from ycs.quality.table import period_shape, records

# Completeness colour bands of the scorecard, as DQR dashboards colour them: at or above the
# benchmark, within 10 points under it, further under.
BAND_GOOD, BAND_FAIR, BAND_POOR = "good", "fair", "poor"
MAX_NAMED_UNITS = 5


def band(percent: float | None, benchmark: float) -> str | None:
    if percent is None:
        return None
    if percent >= benchmark:
        return BAND_GOOD
    return BAND_FAIR if percent >= benchmark - 10 else BAND_POOR


def number(value: float | None, lang: Lang, decimals: int = 0) -> str:
    return "" if value is None else format_number(value, decimals, lang)


def unit_text(code: str, name: str | None) -> str:
    return f"{name} ({code})" if name and name != code else code


def period_text(finding: QualityFinding) -> str:
    return (
        finding.period if finding.period_to is None else f"{finding.period} – {finding.period_to}"
    )


def expected_text(finding: QualityFinding, lang: Lang) -> str:
    if finding.low is None and finding.high is None:
        return ""
    return f"{number(finding.low, lang)} – {number(finding.high, lang)}"


def message(finding: QualityFinding, lang: Lang) -> str:
    """The finding's sentence in `lang`."""
    params: dict[str, Any] = {
        "label": field_label(finding.field, lang),
        "value": number(finding.value, lang),
        "score": number(
            abs(finding.score)
            if finding.code in _PERCENT_CODES and finding.score is not None
            else finding.score,
            lang,
            1,
        ),
    }
    extra = finding.extra
    if finding.code == "missing_units":
        names = [
            unit_text(code, name or None)
            for code, name in zip(finding.missing, finding.missing_names, strict=True)
        ]
        shown = ", ".join(names[:MAX_NAMED_UNITS])
        if len(names) > MAX_NAMED_UNITS:
            shown += f" (+{len(names) - MAX_NAMED_UNITS})"
        params.update(count=len(names), periods=number(extra.get("periods"), lang), units=shown)
    elif finding.code == "incomplete_period":
        params["missing"] = ", ".join(finding.missing)
    elif finding.code == "outlier_over_time":
        params["median"] = number(extra.get("median"), lang, 1)
    elif finding.code == "outlier_between_units":
        params.update(
            rate=number(extra.get("rate"), lang, 1),
            mean_rate=number(extra.get("mean_rate"), lang, 1),
        )
    elif finding.code == "inconsistent_over_time":
        params.update(
            mean=number(extra.get("mean"), lang, 1), years=number(extra.get("years"), lang)
        )
    elif finding.code == "related_fields_inconsistent":
        params["infants"] = number(extra.get("children_under_1"), lang)
    elif finding.code == "population_jump":
        params["before"] = number(extra.get("before"), lang)
    return quality_message(finding.code, lang, params)


_PERCENT_CODES = ("inconsistent_over_time", "related_fields_inconsistent", "population_jump")


def territory(review: QualityReview, lang: Lang) -> str:
    """The units the scorecard covers, by name and code as the input gives them; past a few,
    a count per level of unit, as the written report's heading says them."""
    names = list(dict.fromkeys(unit_text(line.group, line.group_name) for line in review.scorecard))
    if len(names) <= NAMES_LISTED:
        return "; ".join(names)
    units = official_units(review)
    return _territory(units, sorted({name for _, name in units}), review.level, lang)


def period_span(review: QualityReview) -> str:
    if not review.periods:
        return ""
    return (
        review.periods[0]
        if len(review.periods) == 1
        else f"{review.periods[0]} – {review.periods[-1]}"
    )


def review_heading(review: QualityReview, lang: Lang, options: ExportOptions) -> Heading:
    """The report heading of `ycs check`, for the review: its territory by official name,
    the span of its periods, the communes reported of those expected in the last period."""
    units = official_units(review)
    names = sorted({name for _, name in units})
    return make_heading(
        options,
        lang,
        title=quality_label("title", lang),
        territory=_territory(units, names, review.level, lang),
        periods=period_span(review),
        reported=reported_units(review, lang),
        made=options.made or review.made,
        place=place_of(names),
    )


def _territory(units: list[tuple[str, str]], names: list[str], level: str, lang: Lang) -> str:
    """A few names, or a count per level of unit: the scorecard of a two-tier province holds
    the province (its communes) and the regional health centres of its district sheet."""
    levels = {unit_level for unit_level, _ in units}
    if len(levels) <= 1 or len(names) <= NAMES_LISTED:
        return units_text(names, levels.pop() if levels else level, lang)
    return ", ".join(
        f"{sum(1 for unit_level, _ in units if unit_level == each)} {label(f'units_{each}', lang)}"
        for each in ("province", "district", "commune")
        if each in levels
    )


def official_units(review: QualityReview) -> list[tuple[str, str]]:
    """The scorecard's units (level, name), each once, by their names in the official list;
    a unit the list does not hold (no code, an unknown code, a health centre's own name)
    keeps the name the input gives it."""
    # A province code names different provinces before and after 07/2025 ("15": Yên Bái,
    # then Lào Cai): the name given decides, else the review's last period.
    current = bool(review.periods) and period_shape(review.periods[-1]).start >= _REORGANISED
    units: list[tuple[str, str]] = []
    for line in review.scorecard:
        unit = (
            line.group_level,
            _official_name(line.group, line.group_level, line.group_name, current),
        )
        if unit not in units:
            units.append(unit)
    return units


# The first month of the current units (01/07/2025), as year × 12 + month − 1.
_REORGANISED = 2025 * 12 + 6


def _official_name(code: str, level: str, given: str | None, current: bool) -> str:
    tables: list[pd.DataFrame]
    if level == "district":
        tables = [registry.districts()]
    elif level == "province":
        tables = [registry.provinces(s) for s in ("current", "legacy")]
    else:
        tables = [registry.communes(s) for s in ("current", "legacy")]
    if not current:
        tables.reverse()
    found = [table.loc[table["code"] == code, "name"] for table in tables]
    candidates = [str(names.iloc[0]) for names in found if not names.empty]
    if given:
        key = registry.name_key(pd.Series([given])).iloc[0]
        same = [name for name in candidates if registry.name_key(pd.Series([name])).iloc[0] == key]
        return same[0] if same else given
    return candidates[0] if candidates else code


def reported_units(review: QualityReview, lang: Lang) -> str:
    """ "Đơn vị báo cáo/dự kiến: 23/24 xã": the communes reported of those expected, in each
    group's last period, as `ycs check` heads its reports; without commune reports, the rows
    read."""
    table = review.completeness
    communes = table[table["kind"] == "commune"] if "kind" in table else table.iloc[:0]
    if communes.empty:
        return rows_read_text(review.inputs, lang)
    last = communes.groupby("group", sort=False).tail(1)
    return (
        f"{label('units_reported', lang)}: {int(last['reported'].sum())}/"
        f"{int(last['expected'].sum())} {label('units_commune', lang)}"
    )


def header_lines(review: QualityReview, lang: Lang) -> list[tuple[str, str]]:
    return [
        (quality_label("territory", lang), territory(review, lang)),
        (quality_label("periods", lang), period_span(review)),
        (quality_label("made", lang), review.made.strftime("%d/%m/%Y")),
        (quality_label("inputs", lang), ", ".join(dict.fromkeys(i.file for i in review.inputs))),
    ]


def scorecard_headings(review: QualityReview, lang: Lang) -> list[str]:
    benchmark = number(review.thresholds.completeness_benchmark, lang)
    return [
        quality_label("unit", lang),
        quality_label("reports", lang),
        quality_label("completeness", lang),
        quality_label("below_benchmark", lang, benchmark=benchmark),
        quality_label("flagged", lang),
        quality_label("inconsistent", lang),
    ]


def scorecard_cells(line: ScoreLine, lang: Lang) -> list[str]:
    return [
        unit_text(line.group, line.group_name),
        f"{number(line.reports_received, lang)}/{number(line.reports_expected, lang)}",
        number(line.completeness, lang, 1),
        f"{line.periods_below_benchmark}/{line.periods}",
        number(line.flagged_percent, lang, 2),
        f"{line.units_inconsistent}/{line.units}",
    ]


def finding_headings(lang: Lang) -> list[str]:
    return [
        quality_label("severity", lang),
        quality_label("check", lang),
        quality_label("unit", lang),
        quality_label("period", lang),
        quality_label("field", lang),
        quality_label("value", lang),
        quality_label("expected", lang),
        quality_label("message", lang),
    ]


def finding_cells(finding: QualityFinding, lang: Lang) -> list[str]:
    return [
        label(finding.severity.value, lang),
        finding.code,
        unit_text(finding.unit_code, finding.unit_name),
        period_text(finding),
        field_label(finding.field, lang),
        number(finding.value, lang),
        expected_text(finding, lang),
        message(finding, lang),
    ]


def by_dimension(findings: Sequence[QualityFinding]) -> dict[str, list[QualityFinding]]:
    """The findings under each WHO DQR dimension, in the dimensions' order."""
    grouped: dict[str, list[QualityFinding]] = {d: [] for d in dict.fromkeys(DIMENSIONS.values())}
    for finding in findings:
        grouped[finding.dimension].append(finding)
    return grouped


def dimension_title(key: str, lang: Lang) -> str:
    return quality_dimension(key, lang)


def review_json(review: QualityReview, lang: Lang) -> dict[str, Any]:
    """The review as JSON (SPEC §5.1's inputs, then the scorecard, completeness and findings)."""
    thresholds = review.thresholds.model_dump()
    return {
        "ycs_version": __version__,
        "inputs": [
            {"file": i.file, "sheet": i.sheet, "kind": i.kind, "rows": i.rows}
            for i in review.inputs
        ],
        "level": review.level,
        "periods": review.periods,
        "thresholds": thresholds,
        "scorecard": [
            {
                "level": line.group_level,
                "unit_code": line.group,
                "unit_name": line.group_name,
                "reports_expected": line.reports_expected,
                "reports_received": line.reports_received,
                "completeness": line.completeness,
                "periods": line.periods,
                "periods_below_benchmark": line.periods_below_benchmark,
                "values_checked": line.values_checked,
                "values_flagged": line.values_flagged,
                "flagged_percent": line.flagged_percent,
                "units": line.units,
                "units_inconsistent": line.units_inconsistent,
            }
            for line in review.scorecard
        ],
        "completeness": [
            {
                "level": row["group_level"],
                "unit_code": row["group"],
                "unit_name": row["group_name"],
                "period": row["period"],
                "expected": int(row["expected"]),
                "reported": int(row["reported"]),
                "percent": float(row["percent"]),
            }
            for row in records(review.completeness)
        ],
        "findings": [_finding_json(f, lang) for f in review.findings],
    }


def _finding_json(finding: QualityFinding, lang: Lang) -> dict[str, Any]:
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "dimension": finding.dimension,
        "unit_code": finding.unit_code,
        "unit_name": finding.unit_name,
        "period": finding.period,
        "period_to": finding.period_to,
        "field": finding.field,
        "value": finding.value,
        "expected_low": finding.low,
        "expected_high": finding.high,
        "score": finding.score,
        "missing": list(finding.missing) or None,
        "file": finding.file,
        "sheet": finding.sheet,
        "row": finding.row,
        "message": message(finding, lang),
    }
