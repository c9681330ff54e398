"""The command line: the only module that knows about argv, streams and exit codes."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from ycs import __version__
from ycs.usage import YcsCommand, YcsGroup
from ycs.words import Lang, as_lang, default_lang

if TYPE_CHECKING:  # the pipeline (and pandas, rich) loads only for the commands that run it
    from rich.console import Console, RenderableType

    from ycs.report import Report

# Help and usage errors need typer and the catalogues only: `ycs --help` starts in a tenth of
# a second. The pipeline (pandas, pyarrow, pydantic models) is imported inside the commands,
# after the first workbook has started loading in the background: the two overlap.


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

# Every help text, metavar and usage error comes from the catalogues (ycs/usage.py), in the
# language of `--lang`/YCS_LANG: the options below carry none of their own.
app = typer.Typer(
    name="ycs",
    cls=YcsGroup,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FilesArg = Annotated[list[Path], typer.Argument(show_default=False)]
LangOpt = Annotated[LangChoice | None, typer.Option("--lang")]
UnitsOpt = Annotated[UnitsChoice, typer.Option("--units")]
PeriodOpt = Annotated[str | None, typer.Option("--period")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q")]
IndicatorsOpt = Annotated[Path | None, typer.Option("--indicators")]
PlanOpt = Annotated[list[str] | None, typer.Option("--plan")]


def _lang(choice: LangChoice | None) -> Lang:
    return (as_lang(choice.value) if choice is not None else None) or default_lang()


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


# Output to a pipe or file that no terminal will show: wide enough that nothing is cropped or
# wrapped; the tables themselves only take the width they need.
UNCROPPED = 10_000


def output_width(environ: Mapping[str, str], terminals: Sequence[int]) -> int:
    """The width to lay stdout out in when stdout is not a terminal.

    `ycs check f.xlsx | less` still ends on the screen of the terminal that stderr or stdin
    is: its width; COLUMNS, when set, wins; with no terminal at all, nothing is cropped.
    """
    columns = environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for fd in terminals:
        try:
            if os.isatty(fd):
                return os.get_terminal_size(fd).columns
        except (OSError, ValueError):
            continue
    return UNCROPPED


def _terminal_candidates() -> list[int]:
    fds = []
    for stream in (sys.stderr, sys.stdin):
        try:
            fds.append(stream.fileno())
        except (AttributeError, OSError, ValueError):  # replaced streams (tests, embedding)
            continue
    return fds


def _write_bytes(write: Callable[[IO[bytes]], None]) -> None:
    """Output written as UTF-8 bytes straight to stdout: a commune-level national report is
    a gigabyte, which is never held as one string."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None or (stream.encoding or "").lower().replace("-", "") != "utf8":
        held = io.BytesIO()
        write(held)
        stream.write(held.getvalue().decode())
        return
    stream.flush()
    write(buffer)
    buffer.flush()


def _stdout() -> Console:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if console.is_terminal:
        return console
    width = output_width(os.environ, _terminal_candidates())
    return Console(highlight=False, soft_wrap=False, width=width)


def _show(view: RenderableType) -> None:
    # Every table is laid out for the width (fitted tables and rich's own): cropping each
    # printed line again would measure a national run's twenty thousand lines for nothing.
    _stdout().print(view, crop=False)


@contextmanager
def _user_errors(lang: Lang) -> Iterator[None]:
    """Turn what stops a run into one clear line on stderr and exit code 2."""
    from ycs.errors import DefinitionError, YcsError
    from ycs.present.messages import definition_problem, error_message
    from ycs.present.shown import visible
    from ycs.read import panics

    try:
        try:
            yield
        finally:
            # A workbook may still be loading in the background when the run stops: stderr
            # is given back first, so that the line printed below is never held back.
            panics.release()
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


def _written(path: Path, lang: Lang, quiet: bool) -> None:
    """The one line naming the file -o (or `template`) wrote, on stderr."""
    if quiet:
        return
    from ycs.present.shown import visible
    from ycs.text import shown_path
    from ycs.words import say

    sys.stderr.write(visible(say("label.written", lang, path=shown_path(path))) + "\n")


@contextmanager
def _progress(quiet: bool, paths: list[Path]) -> Iterator[Callable[[Path], None] | None]:
    """A progress bar over the files, naming the one being read; only on a terminal."""
    console = _stderr()
    if quiet or not console.is_terminal or not paths:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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
    from ycs.read.sources import expand_paths, start_early

    paths = expand_paths(files)
    if paths:
        start_early(paths[0])
    return paths


@app.command(cls=YcsCommand)
def validate(
    files: FilesArg,
    output_format: Annotated[ValidateFormat, typer.Option("--format", "-f")] = ValidateFormat.table,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    period: PeriodOpt = None,
    units: UnitsOpt = UnitsChoice.auto,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Read and validate submissions; print every finding with its cell."""
    language = _lang(lang)
    with _user_errors(language):
        paths = _start_reading(files)
        from ycs.api import validate_files

        with _progress(quiet, paths) as on_file:
            report = validate_files(paths, period=period, units=units.value, on_file=on_file)
    _print_validation(report, output_format, language, quiet=quiet, strict=strict)
    failed = report.error_count or (strict and report.warning_count)
    raise typer.Exit(Exit.FINDINGS if failed else Exit.OK)


def _print_validation(
    report: Report, output_format: ValidateFormat, lang: Lang, *, quiet: bool, strict: bool
) -> None:
    from ycs.present.text import json_text

    if output_format is ValidateFormat.json:
        sys.stdout.write(json_text(report, lang))
    elif output_format is ValidateFormat.github:
        from ycs.present.annotations import github_annotations

        sys.stdout.write("".join(line + "\n" for line in github_annotations(report, lang)))
    else:
        from ycs.present.terminal import validation_view

        _show(validation_view(report, lang, quiet=quiet, strict=strict))


@app.command(cls=YcsCommand)
def check(
    files: FilesArg,
    plan: PlanOpt = None,
    level: Annotated[LevelChoice, typer.Option("--level")] = LevelChoice.province,
    period: PeriodOpt = None,
    units: UnitsOpt = UnitsChoice.auto,
    indicators: IndicatorsOpt = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    fail_on_unmet: Annotated[bool, typer.Option("--fail-on-unmet")] = False,
    org: Annotated[str, typer.Option("--org")] = "",
    csv_style: Annotated[CsvChoice, typer.Option("--csv")] = CsvChoice.excel,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Validate, compute the indicators and compare them with the plans' targets."""
    from ycs.present.result_text import write_csv, write_json
    from ycs.present.text import results_markdown

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
        _write_bytes(lambda out: write_json(report, language, out))
    elif output_format is CheckFormat.csv:
        _write_bytes(lambda out: write_csv(report, language, csv_style.value, out))
    elif output_format is CheckFormat.markdown:
        sys.stdout.write(results_markdown(report, language))
    else:
        from ycs.present.terminal import compliance_view

        # With -o the tables go to the file; the terminal keeps the findings and one line.
        _show(compliance_view(report, language, quiet=quiet, tables=output is None))
    if output is not None:
        _written(output, language, quiet)
    assert report.results is not None
    # no_data and undetermined are not met either (SPEC §4.2); values without a target are
    # not verdicts.
    unmet = fail_on_unmet and report.results.any_unmet()
    raise typer.Exit(Exit.FINDINGS if report.error_count or unmet else Exit.OK)


@app.command(cls=YcsCommand)
def quality(
    files: FilesArg,
    period: PeriodOpt = None,
    level: Annotated[LevelChoice, typer.Option("--level")] = LevelChoice.district,
    units: UnitsOpt = UnitsChoice.auto,
    indicators: IndicatorsOpt = None,
    output_format: Annotated[QualityFormat, typer.Option("--format", "-f")] = QualityFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    org: Annotated[str, typer.Option("--org")] = "",
    lang: LangOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Review the data's quality as the WHO Data Quality Review does: a scorecard, then findings."""
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
            from ycs.present.heading import ExportOptions
            from ycs.present.quality_export import write_review

            inputs = [Path(i.file) for i in review.inputs]
            options = ExportOptions(organisation=org.strip())
            write_review(review, output, language, inputs=inputs, options=options)
    if output_format is QualityFormat.json:
        from ycs.present.quality_export import review_json_text

        sys.stdout.write(review_json_text(review, language))
    else:
        from ycs.present.quality_terminal import quality_view

        _show(quality_view(review, language, quiet=quiet))
    if output is not None:
        _written(output, language, quiet)
    # Findings are the review's content, not a failure: it ran, so it exits 0 (SPEC §9).
    raise typer.Exit(Exit.OK)


@app.command(cls=YcsCommand)
def template(
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("mau_bao_cao_ycs.xlsx"),
    sheet: Annotated[TemplateSheets, typer.Option("--sheet")] = TemplateSheets.both,
    layout: Annotated[TemplateLayout, typer.Option("--layout")] = TemplateLayout.wide,
    force: Annotated[bool, typer.Option("--force")] = False,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write the blank submission workbook that communes and districts fill in."""
    from ycs.present.template import write_template
    from ycs.present.template_vertical import write_vertical_template

    language = _lang(lang)
    with _user_errors(language):
        if layout is TemplateLayout.vertical:
            write_vertical_template(output, sheet.value, language, force=force)
        else:
            write_template(output, sheet.value, language, force=force)
    _written(output, language, quiet)


@app.command(name="indicators", cls=YcsCommand)
def list_indicators(
    plan: PlanOpt = None,
    indicators: IndicatorsOpt = None,
    lang: LangOpt = None,
) -> None:
    """List the indicators and the plans with their targets."""
    from ycs.indicators.definitions import load_definitions
    from ycs.present.catalogue_view import indicators_view

    language = _lang(lang)
    with _user_errors(language):
        definitions = load_definitions(indicators)
        plans = definitions.plans_for(plan or None)
    _show(indicators_view(definitions, plans, language, only_plans=bool(plan)))


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"ycs {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: LangOpt = None,
) -> None:
    """ycs — y tế cơ sở."""
    # `ycs --lang en check …` hands --lang to the command (ycs/usage.py): it is declared
    # here for the help page and for a value that is no language.
