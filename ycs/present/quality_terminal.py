"""Terminal output of the data-quality review (rich): the scorecard, then the findings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ycs.errors import Severity
from ycs.present.catalogue_view import add_literal_row, literal
from ycs.present.messages import Lang, quality_label
from ycs.present.quality_text import (
    BAND_FAIR,
    BAND_GOOD,
    band,
    by_dimension,
    dimension_title,
    finding_cells,
    finding_headings,
    header_lines,
    number,
    scorecard_cells,
    scorecard_headings,
)
from ycs.quality import QualityFinding, QualityReview

BAND_STYLE = {BAND_GOOD: "green", BAND_FAIR: "yellow"}
SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def quality_view(review: QualityReview, lang: Lang, *, quiet: bool = False) -> RenderableType:
    """The review as a WHO DQR report reads: what it covers, the scorecard, the findings."""
    parts: list[RenderableType] = []
    if not quiet:
        parts.append(Text(quality_label("title", lang), style="bold"))
        parts.append(Text(quality_label("subtitle", lang), style="dim"))
        for name, value in header_lines(review, lang):
            parts.append(literal(f"{name}: {value}"))
    parts.append(_scorecard(review, lang))
    if not quiet:
        parts.append(
            Text(
                quality_label(
                    "benchmark_note",
                    lang,
                    benchmark=number(review.thresholds.completeness_benchmark, lang),
                    modified_z=number(review.thresholds.outlier_modified_z, lang, 1),
                ),
                style="dim",
            )
        )
    listed = [f for f in review.findings if f.severity is not Severity.INFO]
    moderate = [f for f in review.findings if f.severity is Severity.INFO]
    if not listed and not moderate:
        parts.append(Text(quality_label("none", lang), style="green"))
    for dimension, findings in by_dimension(listed).items():
        if findings:
            parts.append(_findings(dimension_title(dimension, lang), findings, lang))
    if moderate:
        parts.append(
            Text(
                quality_label(
                    "moderate",
                    lang,
                    count=len(moderate),
                    units=len({f.unit_code for f in moderate}),
                    low=number(review.thresholds.between_units_info_z, lang, 1),
                    high=number(review.thresholds.between_units_warning_z, lang, 1),
                ),
                style="cyan",
            )
        )
    errors = sum(1 for f in review.validation if f.severity is Severity.ERROR)
    warnings = sum(1 for f in review.validation if f.severity is Severity.WARNING)
    if (errors or warnings) and not quiet:
        parts.append(
            Text(
                quality_label("validation_note", lang, errors=errors, warnings=warnings),
                style="dim",
            )
        )
    return Group(*parts)


def _scorecard(review: QualityReview, lang: Lang) -> Table:
    table = Table(title=quality_label("scorecard", lang), title_justify="left")
    for number_column, heading in enumerate(scorecard_headings(review, lang)):
        table.add_column(heading, justify="left" if number_column == 0 else "right")
    for line in review.scorecard:
        cells = scorecard_cells(line, lang)
        colour = BAND_STYLE.get(
            band(line.completeness, review.thresholds.completeness_benchmark) or "", "red"
        )
        add_literal_row(table, *cells[:2], Text(cells[2], style=colour), *cells[3:])
    return table


def _findings(title: str, findings: list[QualityFinding], lang: Lang) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    # The check's code is the section's title here; the exports carry it in a column.
    headings = finding_headings(lang)
    for heading in headings[:1] + headings[2:]:
        table.add_column(heading, overflow="fold")
    for finding in findings:
        cells = finding_cells(finding, lang)
        add_literal_row(table, Text(cells[0], style=SEVERITY_STYLE[finding.severity]), *cells[2:])
    return table
