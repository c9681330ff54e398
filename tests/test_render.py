"""Golden files for the terminal tables, in Vietnamese and English (UPDATE_GOLDEN=1 rewrites)."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from tests.rawtables import outcome, raw_table
from tests.test_evaluation import COMMUNE_FIELDS, COMMUNES, DISTRICT_FIELDS, DISTRICTS
from ycs.check.fields import Level
from ycs.check.validation import validate
from ycs.indicators.compliance import compare
from ycs.indicators.definitions import load_definitions
from ycs.indicators.evaluation import evaluate
from ycs.present.messages import Lang, format_number
from ycs.present.terminal import compliance_view, indicators_view, validation_view
from ycs.present.text import json_text
from ycs.report import Report

GOLDEN = Path(__file__).parent / "golden"


def rendered(renderable: RenderableType) -> str:
    console = Console(record=True, width=100, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def report(level: Level, plans: list[str], rows: list[list[str]] = COMMUNES) -> Report:
    definitions = load_definitions()
    dataset = validate(
        outcome(
            raw_table(COMMUNE_FIELDS, rows),
            raw_table(DISTRICT_FIELDS, DISTRICTS, kind="district", sheet="Huyện"),
        )
    )
    values = evaluate(definitions, dataset, level=level)
    return Report(
        inputs=dataset.inputs,
        findings=dataset.findings,
        results=compare(values, definitions, plans),
        definitions=definitions,
        level=level,
        plans=plans,
        plans_chosen=True,
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_province(lang: Lang) -> None:
    text = rendered(compliance_view(report("province", ["yb_2024", "ld_kh572_2030"]), lang))
    assert_golden(f"check_province_{lang}.txt", text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_district(lang: Lang) -> None:
    text = rendered(compliance_view(report("district", ["qd2348_2025"]), lang))
    assert_golden(f"check_district_{lang}.txt", text)


def bad_rows() -> list[list[str]]:
    rows = [list(r) for r in COMMUNES]
    rows[0][COMMUNE_FIELDS.index("population")] = "12a"
    rows[1][COMMUNE_FIELDS.index("doctors_permanent")] = "5"
    rows[2][COMMUNE_FIELDS.index("insured_population")] = "8100"
    return rows


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_with_findings(lang: Lang) -> None:
    text = rendered(compliance_view(report("province", ["nq72_2027"], bad_rows()), lang))
    assert_golden(f"check_findings_{lang}.txt", text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_validate(lang: Lang) -> None:
    text = rendered(validation_view(report("province", [], bad_rows()), lang))
    assert_golden(f"validate_{lang}.txt", text)


def test_indicators_catalogue() -> None:
    definitions = load_definitions()
    text = rendered(indicators_view(definitions, definitions.plans_for(["nq72_2030"]), "vi"))
    assert_golden("indicators_vi.txt", text)


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.txt")))
def test_tables_fit_100_columns_uncropped(name: str) -> None:
    for line in (GOLDEN / name).read_text(encoding="utf-8").splitlines():
        assert len(line) <= 100
        if line[:1] in "┏┃┡│└":
            assert line.rstrip()[-1] in "┓┃┩│┘", line


SAMPLES = Path(__file__).parent.parent / "samples"
SAMPLE_FILES = [
    "yen_bai_2024.xlsx",
    "lao_cai_2025_hai_cap.xlsx",
    "thang_10_2024_huyen_van_chan.csv",
]


def rendered_at(renderable: RenderableType, width: int) -> str:
    console = Console(record=True, width=width, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def _intact(number: str, text: str) -> bool:
    """`number` on one line of `text`, not a piece of a longer number."""
    pattern = rf"(?<![\d.,]){re.escape(number)}(?!\d|[.,]\d)"
    return any(re.search(pattern, line) for line in text.splitlines())


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("sample", SAMPLE_FILES)
def test_sample_check_keeps_every_digit(
    sample: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ycs.api import check_files

    # A relative path: the golden text must not depend on where the checkout lies.
    monkeypatch.chdir(SAMPLES.parent)
    report = check_files([Path(SAMPLES.name) / sample])
    text = rendered_at(compliance_view(report, "vi", quiet=True), width)
    assert_golden(f"sample_check_{Path(sample).stem}_{width}.txt", text)
    assert all(len(line) <= width for line in text.splitlines())
    document = json.loads(json_text(report, "vi"))
    assert document["results"]
    for result in document["results"]:
        shown = [f"{result['rows_used']}/{result['rows_used'] + result['rows_skipped']}"]
        for key in ("numerator", "denominator"):
            if result[key] is not None:
                shown.append(format_number(result[key], _decimals(result[key]), "vi"))
        for number in shown:
            assert _intact(number, text), (number, result["indicator"])


def _decimals(x: float) -> int:
    return 0 if float(x).is_integer() else 2


@pytest.mark.parametrize("width", [80, 100])
def test_sample_validate_keeps_every_position(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from ycs.api import validate_files

    # The file's name heads the table: as a user types it, from the project folder.
    monkeypatch.chdir(SAMPLES.parent)
    report = validate_files([Path(SAMPLES.name) / "yen_bai_2024.xlsx"])
    text = rendered_at(validation_view(report, "vi"), width)
    assert_golden(f"sample_validate_yen_bai_2024_{width}.txt", text)
    assert all(len(line) <= width for line in text.splitlines())
    findings = json.loads(json_text(report, "vi"))["findings"]
    assert len(findings) == 12
    # The sample has at most three findings per code and column: all are listed.
    for finding in findings:
        if finding["row"] is not None:
            assert _intact(f"{finding['column'] or ''}{finding['row']}", text), finding
    if width == 100:
        assert "Biểu 1 - Xã!G73, G84, G89" in text


def test_findings_summarised_per_code_and_column() -> None:
    # The four communes three times over: rows 9-16 repeat units already seen.
    rows = [list(r) for r in COMMUNES * 3]
    for row in rows:
        row[COMMUNE_FIELDS.index("population")] = "12a"
    text = rendered(validation_view(report("province", [], rows), "en"))
    assert "Xã!H[5, 6, 7, 8, 9, 10 … and 6 more]" in text
    assert "Xã!E9, E10, E11, E12 … and 4 more" in text
    assert text.count("duplicate_unit") == 1
