"""The formula language: what it accepts and computes, and what it refuses, where."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ycs.indicators.formula import AGGREGATES, FormulaError, parse_formula
from ycs.words import say, say_message

CASES = Path(__file__).parent / "cases"
KNOWN = {"population", "insured_population", "has_station", "dân_số"}


def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    return loaded


ACCEPTED = _load("formula_accepted.yaml")
REJECTED = _load("formula_rejected.yaml")


@pytest.mark.parametrize("case", ACCEPTED["cases"], ids=lambda case: case["id"])
def test_accepted_formula_evaluates_exactly(case: dict[str, Any]) -> None:
    columns = {
        k: np.array(v, dtype=np.float64)
        for k, v in case.get("columns", ACCEPTED["columns"]).items()
    }
    groups = np.array(case.get("groups", ACCEPTED["groups"]), dtype=np.intp)
    formula = parse_formula(case["formula"], columns.keys())
    values = formula.evaluate(columns, groups, case.get("n_groups", ACCEPTED["n_groups"]))
    assert values.dtype == np.float64
    np.testing.assert_array_equal(values, np.array(case["expected"], dtype=np.float64))
    if "fields" in case:
        assert formula.fields == frozenset(case["fields"])


@pytest.mark.parametrize("case", REJECTED["cases"], ids=lambda case: case["id"])
def test_rejected_formula_names_problem_and_position(case: dict[str, Any]) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(case["formula"], KNOWN)
    assert (caught.value.key, caught.value.position) == (case["key"], case["position"])
    if "params" in case:
        assert caught.value.params == case["params"]


def test_every_problem_in_a_formula_is_reported_in_reading_order() -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula("sum(populaton) / sum(insured_populaton) + foo(1) ** 2", KNOWN)
    found = [(p.key, p.position, p.params) for p in caught.value.problems]
    assert found == [
        ("unknown_field", 5, {"name": "populaton"}),
        ("unknown_field", 22, {"name": "insured_populaton"}),
        ("unknown_function", 43, {"name": "foo"}),
        ("not_allowed", 50, {"construct": "**"}),
    ]
    assert caught.value.problems[0] is caught.value


def test_rejected_text_is_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FormulaError):
        parse_formula("sum(__import__('pathlib').Path('ran').touch() or population)", KNOWN)
    assert not (tmp_path / "ran").exists()


def test_error_message_reads_in_english() -> None:
    with pytest.raises(FormulaError, match=r"^position 5: unknown field “populaton”$"):
        parse_formula("sum(populaton)", KNOWN)


def test_deeply_nested_formula_is_a_syntax_problem() -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula("sum(" + "-" * 100_000 + "population)", KNOWN)
    assert caught.value.key == "syntax"


FORMULA_ALPHABET = st.sampled_from(
    [
        *"()+-*/<>=!., 0123456789_'\"[]{}:@%~^&|\n\t\\",
        "population",
        "sum",
        "count",
        "mean",
        "not",
        "and",
        "or",
        "lambda",
        "if",
        "else",
        "for",
        "in",
        "is",
        "True",
        "None",
        "import",
        "__",
        "é",
        "ố",
        "\x00",
        "1e999",
        "**",
        "//",
    ]
)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(st.text(max_size=40), st.lists(FORMULA_ALPHABET, max_size=25).map("".join)))
def test_any_text_parses_or_raises_a_positioned_formula_error(text: str) -> None:
    try:
        formula = parse_formula(text, KNOWN)
    except FormulaError as error:
        for problem in error.problems:
            assert problem.position is not None
            assert 1 <= problem.position <= len(text) + 1
    else:
        assert formula.fields <= KNOWN


def test_aggregates_are_the_documented_five() -> None:
    assert frozenset({"sum", "count", "mean", "min", "max"}) == AGGREGATES


def test_evaluation_raises_no_numpy_warning_on_overflow() -> None:
    formula = parse_formula("sum(population * 1e308 * 10) - sum(population * 1e308 * 10)", KNOWN)
    values = formula.evaluate({"population": np.array([1.0])}, np.array([0], dtype=np.intp), 1)
    assert math.isnan(values[0])


# A row expression drawn from the grammar, with a plain-Python reading of it that follows
# the documented semantics row by row.
Row = dict[str, float]
Reference = Callable[[Row], float | bool]
FIELD_NAMES = ("a", "b", "c")


def _number(value: float | bool) -> float:
    return float(value)


def _truth(value: float | bool) -> bool:
    return bool(value) and not (isinstance(value, float) and math.isnan(value))


def _divide(top: float | bool, bottom: float | bool) -> float:
    return math.nan if _number(bottom) == 0 else _number(top) / _number(bottom)


_ARITHMETIC: dict[str, Callable[[float | bool, float | bool], float]] = {
    "+": lambda x, y: _number(x) + _number(y),
    "-": lambda x, y: _number(x) - _number(y),
    "*": lambda x, y: _number(x) * _number(y),
    "/": _divide,
}
_COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda x, y: x < y,
    "<=": lambda x, y: x <= y,
    ">": lambda x, y: x > y,
    ">=": lambda x, y: x >= y,
    "==": lambda x, y: x == y,
    "!=": lambda x, y: x != y,
}
Expression = tuple[str, Reference]


def _leaves() -> st.SearchStrategy[Expression]:
    fields = st.sampled_from(FIELD_NAMES).map(lambda name: (name, lambda row: row[name]))
    numbers = st.integers(-3, 3).map(lambda n: (f"({n})", lambda _row: float(n)))
    return st.one_of(fields, numbers)


def _arithmetic(children: st.SearchStrategy[Expression]) -> st.SearchStrategy[Expression]:
    def build(left: Expression, op: str, right: Expression) -> Expression:
        function = _ARITHMETIC[op]
        return f"({left[0]} {op} {right[0]})", lambda row: function(left[1](row), right[1](row))

    return st.builds(build, children, st.sampled_from(sorted(_ARITHMETIC)), children)


def _comparison(children: st.SearchStrategy[Expression]) -> st.SearchStrategy[Expression]:
    def build(operands: list[Expression], ops: list[str]) -> Expression:
        text = " ".join(
            part
            for operand, op in zip(operands, [*ops, ""], strict=True)
            for part in (operand[0], op)
        ).strip()

        def reference(row: Row) -> bool:
            values = [_number(operand[1](row)) for operand in operands]
            return all(
                _COMPARISONS[op](x, y) for op, x, y in zip(ops, values, values[1:], strict=False)
            )

        return f"({text})", reference

    return st.integers(2, 3).flatmap(
        lambda n: st.builds(
            build,
            st.lists(children, min_size=n, max_size=n),
            st.lists(st.sampled_from(sorted(_COMPARISONS)), min_size=n - 1, max_size=n - 1),
        )
    )


def _logic(children: st.SearchStrategy[Expression]) -> st.SearchStrategy[Expression]:
    def both(left: Expression, op: str, right: Expression) -> Expression:
        combine = all if op == "and" else any
        return (
            f"({left[0]} {op} {right[0]})",
            lambda row: combine((_truth(left[1](row)), _truth(right[1](row)))),
        )

    def negated(operand: Expression) -> Expression:
        return f"(not {operand[0]})", lambda row: not _truth(operand[1](row))

    def minus(operand: Expression) -> Expression:
        return f"(-{operand[0]})", lambda row: -_number(operand[1](row))

    return st.one_of(
        st.builds(both, children, st.sampled_from(["and", "or"]), children),
        st.builds(negated, children),
        st.builds(minus, children),
    )


ROW_EXPRESSIONS = st.recursive(
    _leaves(),
    lambda children: st.one_of(_arithmetic(children), _comparison(children), _logic(children)),
    max_leaves=8,
)


def _aggregate(function: str, values: list[float | bool]) -> float:
    if function == "count":
        return float(sum(_truth(v) for v in values))
    numbers = [_number(v) for v in values]
    if not numbers:
        return 0.0 if function == "sum" else math.nan
    if any(math.isnan(n) for n in numbers):
        return math.nan
    total = 0.0
    for n in numbers:
        total += n
    return {"sum": total, "mean": total / len(numbers), "min": min(numbers), "max": max(numbers)}[
        function
    ]


@settings(max_examples=300, deadline=None)
@given(
    expression=ROW_EXPRESSIONS,
    function=st.sampled_from(sorted(AGGREGATES)),
    rows=st.lists(
        st.tuples(st.integers(0, 3), *(st.integers(-2, 4) for _ in FIELD_NAMES)), max_size=8
    ),
)
def test_row_expressions_match_a_row_by_row_reference(
    expression: Expression, function: str, rows: list[tuple[int, ...]]
) -> None:
    text, reference = expression
    n_groups = 5  # groups 0..3 are drawn; group 4 never has rows
    groups = np.array([row[0] for row in rows], dtype=np.intp)
    columns = {
        name: np.array([row[i + 1] for row in rows], dtype=np.float64)
        for i, name in enumerate(FIELD_NAMES)
    }
    values = parse_formula(f"{function}({text})", FIELD_NAMES).evaluate(columns, groups, n_groups)
    row_values = [
        reference(dict(zip(FIELD_NAMES, map(float, row[1:]), strict=True))) for row in rows
    ]
    expected = [
        _aggregate(function, [v for v, row in zip(row_values, rows, strict=True) if row[0] == g])
        for g in range(n_groups)
    ]
    np.testing.assert_allclose(values, expected, rtol=1e-12, atol=0, equal_nan=True)


@pytest.mark.parametrize(
    ("formula", "vi", "en"),
    [
        (
            "sum(population",
            "vị trí 4: lỗi cú pháp công thức: thiếu dấu đóng cho “(”",
            "position 4: formula syntax error: '(' was never closed",
        ),
        (
            "sum(population) +",
            "vị trí 18: lỗi cú pháp công thức",
            "position 18: formula syntax error: invalid syntax",
        ),
        (
            "sum(population))",
            "vị trí 16: lỗi cú pháp công thức: thừa dấu “)”",
            "position 16: formula syntax error: unmatched ')'",
        ),
        (
            "sum(population]",
            "vị trí 15: lỗi cú pháp công thức: dấu đóng “]” không khớp với dấu mở “(”",
            "position 15: formula syntax error: closing parenthesis ']' does not match opening"
            " parenthesis '('",
        ),
        (
            "sum(population – 1)",
            "vị trí 16: lỗi cú pháp công thức: không được dùng ký tự “–” (U+2013) trong công thức",
            "position 16: formula syntax error: character “–” (U+2013) is not allowed in a formula",
        ),
        (
            "sum(population\u200b)",
            "vị trí 15: lỗi cú pháp công thức: công thức có ký tự ẩn U+200B; hãy gõ lại đoạn này",
            "position 15: formula syntax error: the formula holds the invisible character U+200B;"
            " type this part again",
        ),
        (
            "sum(1and population)",
            "vị trí 5: lỗi cú pháp công thức: số viết sai",
            "position 5: formula syntax error: invalid number",
        ),
        (
            "count(population, has_station)",
            "vị trí 1: count(…) nhận không hoặc một đối số",
            "position 1: count(…) takes no argument or one",
        ),
        (
            "sum()",
            "vị trí 1: sum(…) nhận đúng một đối số",
            "position 1: sum(…) takes exactly one argument",
        ),
        (
            "sum(" + "-" * 100_000 + "population)",
            "vị trí 1: lỗi cú pháp công thức: công thức quá phức tạp",
            "position 1: formula syntax error: formula too complex",
        ),
    ],
    ids=[
        "unclosed",
        "invalid",
        "unmatched",
        "mismatched",
        "dash",
        "invisible",
        "number",
        "count-arguments",
        "sum-arguments",
        "too-complex",
    ],
)
def test_formula_problems_are_said_in_each_language(formula: str, vi: str, en: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse_formula(formula, KNOWN)
    problem = caught.value
    message = say_message(f"definition.{problem.key}", "vi", **problem.params)
    assert f"{say('definition.position', 'vi')} {problem.position}: {message}" == vi
    assert str(problem) == en
