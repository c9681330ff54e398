"""The command line: the only module that knows about argv, streams and exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ycs import __version__
from ycs.errors import DefinitionError, Severity, YcsError
from ycs.present.messages import (
    Lang,
    default_lang,
    definition_problem,
    error_message,
    finding_message,
)
from ycs.present.shown import visible
from ycs.read.sources import expand_paths, start_early
from ycs.text import shown_path

if TYPE_CHECKING:  # the pipeline (and pandas) loads only for the commands that run it
    from ycs.report import Report

# The pipeline (pandas, pyarrow, pydantic models) is imported inside the commands, after the
# first workbook has started loading in the background: the two overlap.


class Exit(IntEnum):
    """Exit codes (SPEC §5.2)."""

    OK = 0  # ran; no validation errors (and, with --fail-on-unmet, every target met)
    FINDINGS = 1  # ran; errors found, or --strict warnings, or a target unmet with --fail-on-unmet
    CANNOT_RUN = 2  # usage error, unreadable file, invalid indicators file


class LangChoice(StrEnum):
    vi = "vi"
    en = "en"


class LevelChoice(StrEnum):
    commune = "commune"
    district = "district"
    province = "province"


class UnitsChoice(StrEnum):
    auto = "auto"
    legacy = "legacy"
    current = "current"


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ValidateFormat(StrEnum):
    table = "table"
    json = "json"
    github = "github"


class CsvChoice(StrEnum):
    excel = "excel"
    plain = "plain"


class QualityFormat(StrEnum):
    table = "table"
    json = "json"


class TemplateSheets(StrEnum):
    commune = "commune"
    district = "district"
    both = "both"


class TemplateLayout(StrEnum):
    wide = "wide"
    vertical = "vertical"


# GitHub shows at most this many annotations per severity before the rest is counted.
GITHUB_ANNOTATIONS = 10

app = typer.Typer(
    name="ycs",
    help="Kiểm tra số liệu y tế cơ sở và đối chiếu chỉ tiêu kế hoạch. "
    "Validate grassroots-health submissions and check them against plan targets.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FilesArg = Annotated[
    list[Path],
    typer.Argument(
        help="Spreadsheets (.xlsx .xls .ods .csv …) or folders holding them.", show_default=False
    ),
]
LangOpt = Annotated[
    LangChoice | None,
    typer.Option("--lang", help="Language of messages and tables (default: YCS_LANG or vi)."),
]
UnitsOpt = Annotated[
    UnitsChoice,
    typer.Option(
        "--units",
        help="Official units to read codes in: legacy (to 06/2025), current (from 07/2025), "
        "or auto per period.",
    ),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="Combine per unit the rows inside this period (stocks: latest month, flows: "
        "summed); rows without a period take it "
        "(2024, 2024-H1, 2024-Q3, 2024-10, 2024-9M, 'Quý III/2024' …).",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


def _lang(choice: LangChoice | None) -> Lang:
    return "en" if choice is LangChoice.en else "vi" if choice is LangChoice.vi else default_lang()


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


# Width of tables written to a pipe or file without COLUMNS: wide enough that nothing is
# cropped or wrapped early; the tables themselves only take the width they need.
PIPE_WIDTH = 200


def _stdout() -> Console:
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and not os.environ.get("COLUMNS", "").strip().isdigit():
        console = Console(highlight=False, soft_wrap=False, width=PIPE_WIDTH)
    return console


@contextmanager
def _user_errors(lang: Lang) -> Iterator[None]:
    """Turn what stops a run into one clear line on stderr and exit code 2."""
    try:
        yield
    except DefinitionError as error:
        console = _stderr()
        console.print(visible(error_message(error, lang)), style="bold red", markup=False)
        for problem in error.problems:
            console.print(
                visible(f"  {error.path}: {definition_problem(problem, lang)}"), markup=False
            )
        raise typer.Exit(Exit.CANNOT_RUN) from None
    except YcsError as error:
        _stderr().print(visible(error_message(error, lang)), style="bold red", markup=False)
        raise typer.Exit(Exit.CANNOT_RUN) from None
    except (Exception, RecursionError, MemoryError) as error:
        # A defect in ycs, not in the user's file: still one line, and the details on demand.
        if os.environ.get("YCS_DEBUG"):
            raise
        message = YcsError("internal_error", detail=f"{type(error).__name__}: {error}")
        _stderr().print(visible(error_message(message, lang)), style="bold red", markup=False)
        raise typer.Exit(Exit.CANNOT_RUN) from None


@contextmanager
def _progress(quiet: bool, paths: list[Path]) -> Iterator[Callable[[Path], None] | None]:
    """A progress bar over the files, naming the one being read; only on a terminal."""
    console = _stderr()
    if quiet or not console.is_terminal or not paths:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(paths[0].name, total=len(paths))
        following = iter(paths[1:])

        def advance(_done: Path) -> None:
            progress.update(task, advance=1, description=next(following, _done).name)

        yield advance


def _start_reading(files: list[Path]) -> list[Path]:
    """The files to read, the first one already loading if it is a workbook."""
    paths = expand_paths(files)
    if paths:
        start_early(paths[0])
    return paths


@app.command()
def validate(
    files: FilesArg,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="table, json, or github annotations.")
    ] = ValidateFormat.table,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    period: PeriodOpt = None,
    units: UnitsOpt = UnitsChoice.auto,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Read and validate submissions; print every finding with its cell.

    Example: ycs validate bao_cao_2024.xlsx --format github
    """
    language = _lang(lang)
    with _user_errors(language):
        paths = _start_reading(files)
        from ycs.api import validate_files

        with _progress(quiet, paths) as on_file:
            report = validate_files(paths, period=period, units=units.value, on_file=on_file)
    _print_validation(report, output_format, language, quiet)
    failed = report.error_count or (strict and report.warning_count)
    raise typer.Exit(Exit.FINDINGS if failed else Exit.OK)


def _print_validation(
    report: Report, output_format: ValidateFormat, lang: Lang, quiet: bool
) -> None:
    from ycs.present.text import json_text

    if output_format is ValidateFormat.json:
        sys.stdout.write(json_text(report, lang))
    elif output_format is ValidateFormat.github:
        sys.stdout.write("".join(line + "\n" for line in github_annotations(report, lang)))
    else:
        from ycs.present.terminal import validation_view

        _stdout().print(validation_view(report, lang, quiet=quiet))


def github_annotations(report: Report, lang: Lang) -> list[str]:
    """Workflow commands (::error file=…,line=…::message), at most 10 per severity."""
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines: list[str] = []
    for severity, command in commands.items():
        findings = [f for f in report.findings if f.severity is severity]
        for finding in findings[:GITHUB_ANNOTATIONS]:
            props = [f"file={_escape_property(finding.file or '')}"]
            if finding.row:
                props.append(f"line={finding.row}")
            if finding.column:
                props.append(f"col={_column_number(finding.column)}")
            props.append(f"title={_escape_property(finding.code)}")
            where = (
                f"{finding.sheet}!{finding.column or ''}{finding.row or ''}: "
                if finding.sheet
                else ""
            )
            message = _escape_data(where + finding_message(finding, lang))
            lines.append(f"::{command} {','.join(props)}::{message}")
        if len(findings) > GITHUB_ANNOTATIONS:
            more = len(findings) - GITHUB_ANNOTATIONS
            lines.append(
                f"ycs: {more} more {command} finding(s) not annotated; "
                "run `ycs validate` for all of them"
            )
    return lines


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch.upper()) - 64
    return number


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@app.command()
def check(
    files: FilesArg,
    plan: Annotated[
        list[str] | None,
        typer.Option("--plan", help="Plan id (repeatable); default: every plan."),
    ] = None,
    level: Annotated[
        LevelChoice, typer.Option("--level", help="Report per province, district or commune.")
    ] = LevelChoice.province,
    period: PeriodOpt = None,
    units: UnitsOpt = UnitsChoice.auto,
    indicators: Annotated[
        Path | None, typer.Option("--indicators", help="Use this indicators.yaml instead.")
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="What to print on stdout.")
    ] = CheckFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also write the report: .xlsx .csv .json .md .html."),
    ] = None,
    fail_on_unmet: Annotated[
        bool, typer.Option("--fail-on-unmet", help="Exit 1 unless every target is met.")
    ] = False,
    org: Annotated[
        str,
        typer.Option(
            "--org", help="Organisation heading the xlsx/html report (the office's official name)."
        ),
    ] = "",
    csv_style: Annotated[
        CsvChoice,
        typer.Option(
            "--csv",
            help="CSV form: excel (';', decimal comma, BOM: opens in Vietnamese Excel) "
            "or plain (',' and '.', for scripts).",
        ),
    ] = CsvChoice.excel,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Validate, compute the indicators and compare them with the plans' targets.

    Example: ycs check bao_cao_2024.xlsx --period 2024 --level district -o ket_qua.xlsx
    """
    from ycs.present.text import json_text, results_csv, results_markdown

    language = _lang(lang)
    with _user_errors(language):
        paths = _start_reading(files)
        from ycs.api import check_files

        with _progress(quiet, paths) as on_file:
            report = check_files(
                paths,
                period=period,
                level=level.value,
                plans=plan or None,
                indicators_path=indicators,
                units=units.value,
                on_file=on_file,
            )
        if output is not None:
            from ycs.present.export import ExportOptions, write_report

            options = ExportOptions(organisation=org.strip(), csv=csv_style.value)
            # The indicators file is an input too: -o may never replace it.
            inputs = [*paths, *([indicators] if indicators is not None else [])]
            write_report(report, output, language, inputs=inputs, options=options)
    if output_format is CheckFormat.json:
        sys.stdout.write(json_text(report, language))
    elif output_format is CheckFormat.csv:
        sys.stdout.write(results_csv(report, language, csv_style.value))
    elif output_format is CheckFormat.markdown:
        sys.stdout.write(results_markdown(report, language))
    else:
        from ycs.present.terminal import compliance_view

        _stdout().print(compliance_view(report, language, quiet=quiet))
    assert report.results is not None
    # no_data and undetermined are not met either (SPEC §4.2); values without a target are
    # not verdicts.
    unmet = fail_on_unmet and any(r.status != "met" for r in report.results if r.plan is not None)
    raise typer.Exit(Exit.FINDINGS if report.error_count or unmet else Exit.OK)


@app.command()
def quality(
    files: FilesArg,
    period: PeriodOpt = None,
    level: Annotated[
        LevelChoice,
        typer.Option("--level", help="Scorecard per district (default), province or commune."),
    ] = LevelChoice.district,
    units: UnitsOpt = UnitsChoice.auto,
    indicators: Annotated[
        Path | None,
        typer.Option("--indicators", help="Take the thresholds from this indicators.yaml."),
    ] = None,
    output_format: Annotated[
        QualityFormat, typer.Option("--format", "-f", help="What to print on stdout.")
    ] = QualityFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also write the review: .xlsx .json .html."),
    ] = None,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Review the data's quality as the WHO Data Quality Review does: a scorecard, then findings.

    Example: ycs quality bao_cao_thang_2020_2024.csv --period 2024 -o chat_luong.html
    """
    language = _lang(lang)
    with _user_errors(language):
        paths = _start_reading(files)
        from ycs.api import review_files

        with _progress(quiet, paths) as on_file:
            review = review_files(
                paths,
                period=period,
                level=level.value,
                units=units.value,
                indicators_path=indicators,
                on_file=on_file,
            )
        if output is not None:
            from ycs.present.quality_export import write_review

            write_review(review, output, language, inputs=[Path(i.file) for i in review.inputs])
    if output_format is QualityFormat.json:
        from ycs.present.quality_export import review_json_text

        sys.stdout.write(review_json_text(review, language))
    else:
        from ycs.present.quality_terminal import quality_view

        _stdout().print(quality_view(review, language, quiet=quiet))
    if output is not None and not quiet:
        _stderr().print(visible(shown_path(output)), markup=False)
    # Findings are the review's content, not a failure: it ran, so it exits 0 (SPEC §9).
    raise typer.Exit(Exit.OK)


@app.command()
def template(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the workbook.")
    ] = Path("mau_bao_cao_ycs.xlsx"),
    sheet: Annotated[
        TemplateSheets, typer.Option("--sheet", help="commune, district or both sheets.")
    ] = TemplateSheets.both,
    layout: Annotated[
        TemplateLayout,
        typer.Option(
            "--layout",
            help="wide: one row per unit; vertical: the form a station fills in for itself, "
            "one row per indicator.",
        ),
    ] = TemplateLayout.wide,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Write the blank submission workbook that communes and districts fill in.

    Example: ycs template -o mau_bao_cao.xlsx --sheet commune
    """
    from ycs.present.template import write_template
    from ycs.present.template_vertical import write_vertical_template

    language = _lang(lang)
    with _user_errors(language):
        if layout is TemplateLayout.vertical:
            write_vertical_template(output, sheet.value, language, force=force)
        else:
            write_template(output, sheet.value, language, force=force)
    _stderr().print(visible(shown_path(output)), markup=False)


@app.command(name="indicators")
def list_indicators(
    plan: Annotated[
        list[str] | None, typer.Option("--plan", help="Show only this plan (repeatable).")
    ] = None,
    indicators: Annotated[
        Path | None, typer.Option("--indicators", help="Use this indicators.yaml instead.")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """List the indicators and the plans with their targets.

    Example: ycs indicators --plan qd2348_2025
    """
    from ycs.indicators.definitions import load_definitions
    from ycs.present.terminal import indicators_view

    language = _lang(lang)
    with _user_errors(language):
        definitions = load_definitions(indicators)
        plans = definitions.plans_for(plan or None)
    _stdout().print(indicators_view(definitions, plans, language, only_plans=bool(plan)))


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ycs {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """ycs — y tế cơ sở."""
