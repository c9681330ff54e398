"""What a forwarded report says about itself: who made it, what it covers, when, who signs.

The workbook, the HTML page and the Markdown file print the same heading and signature
block, so an office can forward any of them as its report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ycs.indicators.compliance import Result
from ycs.indicators.evaluation import WHOLE_INPUT
from ycs.present.document_names import place_in_name, without_unit_type
from ycs.present.messages import Lang, label
from ycs.present.text import CsvStyle, ResultLine, unit_display
from ycs.report import InputInfo, Report


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Per-run choices about how a report is presented (never remembered between runs).

    `organisation` heads the report ("Sở Y tế tỉnh Yên Bái"); `made` is the date printed on
    it (today unless given, so tests and re-runs can pin it); `csv` picks the CSV form.
    """

    organisation: str = ""
    made: date | None = None
    csv: CsvStyle = "excel"

    def made_on(self) -> date:
        return self.made or date.today()


@dataclass(frozen=True, slots=True)
class Heading:
    """The lines above every table, in the order they are printed."""

    organisation: str
    title: str
    covers: str
    reported: str
    made: str
    place_date: str
    lines: list[str] = field(default_factory=list)

    def rows(self) -> list[str]:
        """Always the same number of rows, so a table below starts on a fixed row."""
        return [self.organisation, self.title, self.covers, self.reported]


# A handful of unit names are listed; beyond it the heading counts them.
NAMES_LISTED = 3


def report_heading(report: Report, lang: Lang, options: ExportOptions, title_key: str) -> Heading:
    results: Sequence[Result] = report.results or []
    return make_heading(
        options,
        lang,
        title=label(title_key, lang),
        territory=territory_text(results, report.level, lang),
        periods=", ".join(sorted({r.period for r in results})),
        reported=reported_text(report, lang),
        made=options.made_on(),
        place=_place(results, report.level),
    )


def make_heading(
    options: ExportOptions,
    lang: Lang,
    *,
    title: str,
    territory: str,
    periods: str,
    reported: str,
    made: date,
    place: str,
) -> Heading:
    """The heading every report prints (check's and quality's alike): the organisation, the
    title, what it covers, what was reported and when it was made; the signature's place is
    the territory's or, failing it, the organisation's."""
    covers = [f"{label('territory', lang)}: {territory}"] if territory else []
    if periods:
        covers.append(f"{label('report_period', lang)}: {periods}")
    made_text = f"{label('made_on', lang)}: {made:%d/%m/%Y}"
    return Heading(
        organisation=options.organisation,
        title=title.upper(),
        covers=" · ".join(covers),
        reported=" · ".join(part for part in (reported, made_text) if part),
        made=made_text,
        place_date=place_date(place or place_in_name(options.organisation), made, lang),
    )


def territory_text(results: Sequence[Result], level: str, lang: Lang) -> str:
    """The top-level units the results are about: names when few, a count when many.

    Counted by code: a plan for a territory keeps its own name for a unit ("Trung tâm Y tế
    huyện Lục Yên", "Yên Bái"), and the official name, carried by the results that know the
    unit's coverage, is the one shown. The results of rows without a unit code (a district
    sheet without district codes) are about no territory of their own: the whole input is
    named only when no unit is known at all."""
    official: dict[str, str] = {}
    whole_input = False
    for result in results:
        if result.level != level:
            continue
        if result.unit_code == WHOLE_INPUT:
            whole_input = True
            continue
        name = unit_display(result, lang)
        if result.unit_code not in official or coverage_of(result)[1] is not None:
            official[result.unit_code] = name
    if not official and whole_input:
        return label("whole_input", lang)
    return units_text(sorted(set(official.values())), level, lang)


def units_text(names: Sequence[str], level: str, lang: Lang) -> str:
    """A few unit names as they are, more of them as a count ("9 huyện")."""
    if len(names) <= NAMES_LISTED:
        return ", ".join(names)
    return f"{len(names)} {label(f'units_{level}', lang)}"


def reported_text(report: Report, lang: Lang) -> str:
    """Units reported against those expected where the results know both; otherwise the
    rows read per sheet kind, which is what the input itself can say."""
    indicators = report.definitions.indicators if report.definitions else {}
    # Communes behind the commune-sheet results at the report's level, in its last period,
    # over all its units: a district-level report of four districts counts their communes.
    communes = [
        r
        for r in report.results or ()
        if r.level == report.level
        and coverage_of(r)[0] is not None
        and (r.indicator not in indicators or indicators[r.indicator].sheet == "commune")
    ]
    if communes:
        last = max(r.period for r in communes)
        total = coverage_total([r for r in communes if r.period == last])
        return f"{label('units_reported', lang)}: {total} {label('units_commune', lang)}"
    return rows_read_text(report.inputs, lang)


def rows_read_text(inputs: Sequence[InputInfo], lang: Lang) -> str:
    """ "Số liệu đã đọc: 230 dòng biểu xã": the rows read per sheet kind."""
    rows: dict[str, int] = {}
    for source in inputs:
        rows[source.kind] = rows.get(source.kind, 0) + source.rows
    parts = [f"{count} {label(f'rows_{kind}', lang)}" for kind, count in sorted(rows.items())]
    return f"{label('data_read', lang)}: {', '.join(parts)}" if parts else ""


def coverage_of(result: Result) -> tuple[int | None, int | None]:
    """(reported, expected) units behind a result, (None, None) where unknown.

    Read by name so that results which carry coverage (SPEC §7.3) show it here without
    another change to the writers.
    """
    reported = getattr(result, "units_reported", None)
    expected = getattr(result, "units_expected", None)
    if isinstance(reported, int) and isinstance(expected, int):
        return reported, expected
    return None, None


def coverage_text(result: Result) -> str:
    reported, expected = coverage_of(result)
    return "" if reported is None else f"{reported}/{expected}"


def coverage_total(results: Sequence[Result]) -> str:
    """ "75/168": the units reported and expected of several results' units and periods,
    each counted once; "" when none is known."""
    pairs = {(r.unit_code, r.period): coverage_of(r) for r in results}
    known = [(reported, expected) for reported, expected in pairs.values() if reported is not None]
    if not known:
        return ""
    return f"{sum(r for r, _ in known)}/{sum(e or 0 for _, e in known)}"


def _place(results: Sequence[Result], level: str) -> str:
    return place_of(
        [r.unit_name or "" for r in results if r.level == level and r.unit_code != WHOLE_INPUT]
    )


def place_of(names: Sequence[str]) -> str:
    """The place a report is signed in: its one unit's name without the unit type ("Yên
    Bái"); "" for several units."""
    places = {without_unit_type(name) for name in names}
    return places.pop() if len(places) == 1 else ""


def place_date(place: str, made: date, lang: Lang) -> str:
    """ "Yên Bái, ngày 03 tháng 12 năm 2026"; dots where the place is unknown."""
    return label(
        "place_date",
        lang,
        place=place or "……………",
        day=f"{made.day:02d}",
        month=f"{made.month:02d}",
        year=made.year,
    )


def signature_block(lang: Lang) -> tuple[tuple[str, str], tuple[str, str]]:
    """(title, hint) for the preparer on the left and the head of the office on the right."""
    return (
        (label("prepared_by", lang), label("sign_name", lang)),
        (label("head_of_office", lang), label("sign_seal", lang)),
    )


def lines_by_unit_type(lines: Sequence[ResultLine]) -> list[list[ResultLine]]:
    """Lines grouped by the indicator's unit (%, ‰, kỹ thuật …), first appearance first:
    one chart each, so percentages and counts never share an axis."""
    groups: dict[str, list[ResultLine]] = {}
    for line in lines:
        groups.setdefault(line.unit, []).append(line)
    return list(groups.values())
