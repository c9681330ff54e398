"""Findings, errors and labels put into words, from the catalogues in ycs/words."""

from __future__ import annotations

import errno
import math
import os
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from ycs.check.fields import FIELDS
from ycs.errors import DefinitionProblem, Finding, YcsError
from ycs.words import LANGS, Lang, count_words, default_lang, has, say, say_message

if TYPE_CHECKING:
    from ycs.indicators.definitions import Indicator, Plan, Target

__all__ = ["LANGS", "Lang", "count_words", "default_lang", "say"]

OPERATOR_SYMBOLS = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "==": "="}


def label(key: str, lang: Lang, **params: object) -> str:
    return say(f"label.{key}", lang, **params)


def deadline_label(before_deadline: bool | None, year: int, lang: Lang) -> str:
    """ "còn thời hạn đến 2025" / "đã đến hạn 2025"; nothing when the period is unknown."""
    if before_deadline is None:
        return ""
    return label("before_deadline" if before_deadline else "after_deadline", lang, year=year)


def field_label(sheet_field: str | None, lang: Lang) -> str:
    """The column heading of a field in the chosen language (the name itself if unknown)."""
    if sheet_field is None:
        return ""
    for fields in FIELDS.values():
        for f in fields:
            if f.name == sheet_field:
                return {"vi": f.header, "en": f.header_en}[lang]
    return sheet_field


def units_set_words(units: str, lang: Lang) -> str:
    """A set of official units in words ("đơn vị hành chính 2 cấp từ 07/2025"); any other
    value as it is."""
    key = f"units_set.{units}"
    return say(key, lang) if has(key) else units


def _worded(params: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """Parameters that name a set of units said in words: findings and JSON keep the
    machine value (legacy, current), sentences never show it."""
    units = params.get("units")
    if isinstance(units, str):
        params["units"] = units_set_words(units, lang)
    return params


def finding_message(finding: Finding, lang: Lang) -> str:
    params: dict[str, Any] = _worded(
        {
            "value": finding.value if finding.value is not None else "",
            "label": field_label(finding.field, lang),
            **finding.params,
        },
        lang,
    )
    if "whole" in params:
        params.setdefault("whole_label", field_label(str(params["whole"]), lang))
    # A finding may name a fuller wording of its message (e.g. with a suggestion), and be
    # worded by its count.
    return say_message(f"finding.{finding.code}", lang, **params)


def error_message(error: YcsError, lang: Lang) -> str:
    params = dict(error.params)
    if error.key == "over_limit":  # which limit, in words
        params["limit_label"] = say(f"limit.{params['limit']}", lang)
    if isinstance(params.get("reason"), str):
        params["reason"] = os_reason_text(params["reason"], lang)
    return say_message(f"error.{error.key}", lang, **params)


# What the operating system says ("No such file or directory") is English whatever the
# user's language: the catalogue says it again, by the error's symbolic name.
_OS_REASONS = {os.strerror(number): name for number, name in errno.errorcode.items()}


def os_reason_text(reason: str, lang: Lang) -> str:
    """An OS error's text in `lang` ("Permission denied" → "Không có quyền truy cập");
    any other reason (a library's own words) as it is."""
    name = _OS_REASONS.get(reason)
    key = f"os.{name}"
    return say(key, lang) if name is not None and has(key) else reason


# A problem's params that name a sheet or a level, said in words (`sheet_label`).
_NAMED_PARAMS = ("sheet", "level")


def definition_problem(problem: DefinitionProblem, lang: Lang) -> str:
    """ "chs_list80_rate.numerator, vị trí 14: trường không có: “foo”"."""
    where = definition_place(problem.where, lang)
    if problem.position is not None:
        # In a formula, a character's place; after a line, its column.
        kind = "position_in_line" if problem.where.startswith("line ") else "position"
        where += f", {say(f'definition.{kind}', lang)} {problem.position}"
    params = _worded(dict(problem.params), lang)
    for name in _NAMED_PARAMS:
        key = f"definition.{name}.{params.get(name)}"
        if has(key):
            params[f"{name}_label"] = say(key, lang)
    return f"{where}: {say_message(f'definition.{problem.key}', lang, **params)}"


def definition_place(where: str, lang: Lang) -> str:
    """A key path as it is ("plans.p1.targets.x"); the file as a whole, or a line of it (a
    YAML syntax problem), in words: "toàn bộ tệp", "dòng 4"."""
    if where == "file":
        return say("definition.where.file", lang)
    kind, _, number = where.partition(" ")
    if kind == "line" and number.isdigit():
        return say("definition.where.line", lang, line=int(number))
    return where


def _half_up(value: float, decimals: int) -> Decimal:
    # From the shortest repr, so 81.25 is exactly 81.25 and not 81.2499999….
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def round_half_up(value: float, decimals: int) -> float:
    """Rounded as reports done by hand are: 81.25 → 81.3 (Python's round gives 81.2)."""
    return float(_half_up(value, decimals))


def format_number(value: float, decimals: int, lang: Lang) -> str:
    """1234567.5 → "1.234.567,5" in Vietnamese, "1,234,567.5" in English.

    Halves round up, as in reports done by hand (81.25 → 81.3), not to even.
    """
    number = float(value)
    if number.is_integer() and abs(number) < _EXACT_INTEGERS and not _negative_zero(number):
        # Counts, numerators and denominators: no rounding to do (a national table shows
        # tens of thousands of them).
        text = f"{int(number):,}" + (f".{'0' * decimals}" if decimals > 0 else "")
    else:
        text = f"{_half_up(value, decimals):,.{decimals}f}"
    return text.translate(_separators(lang))


# Every integer below this is exact in a float.
_EXACT_INTEGERS = 2**53


def _negative_zero(number: float) -> bool:
    return number == 0 and math.copysign(1.0, number) < 0


@cache
def _separators(lang: Lang) -> dict[int, int]:
    return str.maketrans(",.", say("number.thousands", lang) + say("number.decimal", lang))


def quality_label(key: str, lang: Lang, **params: Any) -> str:
    return say(f"quality.label.{key}", lang, **params)


def quality_dimension(key: str, lang: Lang) -> str:
    return say(f"quality.dimension.{key}", lang)


def quality_message(code: str, lang: Lang, params: Mapping[str, Any]) -> str:
    return say(f"quality.finding.{code}", lang, **params)


def localised_name(item: Plan | Indicator | None, item_id: str, lang: Lang) -> str:
    """The English name under --lang en when the file gives one; the id when unknown."""
    if item is None:
        return item_id
    # indicators.yaml names each item in Vietnamese, and optionally in English.
    return {"vi": item.name, "en": item.name_en or item.name}[lang]


def with_unit(number: str, unit: str) -> str:
    if not number or not unit:
        return number
    return f"{number}{unit}" if unit in ("%", "‰") else f"{number} {unit}"


def target_text(target: Target | None, unit: str, lang: Lang) -> str:
    """ "≥ 100%", "> 95%", "≥ 21 kỹ thuật"; "—" for an indicator without a target."""
    if target is None:
        return "—"
    number = format_number(target.value, target_decimals(target), lang)
    return f"{OPERATOR_SYMBOLS[target.op]} {with_unit(number, unit)}"


def target_decimals(target: Target) -> int:
    """As many decimals as the plan wrote: 100 → 0, 86.1 → 1."""
    value = target.value
    return 0 if value.is_integer() else len(repr(value).partition(".")[2])
