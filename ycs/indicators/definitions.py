"""indicators.yaml → validated models of indicators, plans and targets, every problem positioned."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Hashable, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Self

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ycs.check.fields import SHEET_KINDS, FieldType, SheetKind, field_map, flow_fields
from ycs.errors import DefinitionError, DefinitionProblem, YcsError
from ycs.indicators.formula import Formula, FormulaError, parse_formula
from ycs.text import os_reason, shown_path

Operator = Literal[">", ">=", "<", "<=", "=="]
# The levels at which a target can be judged (SPEC §4.2), as results name them.
TargetLevel = Literal["commune", "district", "province"]
FormulaRole = Literal["numerator", "denominator", "value"]
UnitSetName = Literal["legacy", "current"]
FORMULA_ROLES: tuple[FormulaRole, ...] = ("numerator", "denominator", "value")

# Ids appear in JSON output, on the command line and in problem locations ("id.numerator").
_ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
_TARGET = re.compile(r"^\s*(>=|<=|==|>|<|≥|≤)\s*([+-]?\d+(?:\.\d+)?)\s*$")
_OPERATOR_ALIASES = {"≥": ">=", "≤": "<="}
_FORMULA_TYPES = (FieldType.INT, FieldType.NUM, FieldType.PCT, FieldType.BOOL)


@cache
def formula_fields(sheet: SheetKind) -> frozenset[str]:
    """The fields a formula on `sheet` may read: numbers and booleans, not codes or text."""
    return frozenset(f.name for f in field_map(sheet).values() if f.type in _FORMULA_TYPES)


@lru_cache(maxsize=1024)
def _parsed(source: str, sheet: SheetKind) -> Formula:
    # Cached so that a formula checked at load time is not parsed again when evaluated.
    return parse_formula(source, formula_fields(sheet))


class Target(BaseModel):
    """A plan's numeric target for one indicator, e.g. `>= 100`; written `">= 100"` in YAML,
    or `{target: ">= 21", level: province}` for a target judged at one level only."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    op: Operator
    value: float = Field(allow_inf_nan=False)
    level: TargetLevel | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, Target):
            return data
        if isinstance(data, Mapping) and "target" in data:
            # The mapping form: its `target` is the text form, the other keys are checked.
            rest = {key: value for key, value in data.items() if key != "target"}
            return {**_parse_target(data["target"]), **rest}
        if isinstance(data, Mapping) and "op" in data:
            return data
        if isinstance(data, Mapping):
            raise PydanticCustomError("bad_target", "invalid target {text}", {"text": "{…}"})
        return _parse_target(data)

    def __str__(self) -> str:
        value = str(int(self.value)) if self.value.is_integer() else repr(self.value)
        return f"{self.op} {value}"

    def judged_at(self, level: str) -> bool:
        """Whether a result at `level` is judged against this target."""
        return self.level is None or self.level == level


def _parse_target(data: object) -> dict[str, Any]:
    match = _TARGET.match(data) if isinstance(data, str) else None
    if match is None:
        raise PydanticCustomError("bad_target", "invalid target {text}", {"text": str(data)})
    op, value = match.groups()
    return {"op": _OPERATOR_ALIASES.get(op, op), "value": float(value)}


class Indicator(BaseModel):
    """One indicator: either `numerator`/`denominator` (× `factor`) or a plain `value`.

    The parsed formulas are `numerator_formula`, `denominator_formula` and `value_formula`
    (checked when a file is loaded; parsed once); `fields` is every field they read.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    name: str = Field(min_length=1)
    name_en: str | None = None
    description: str | None = None
    sheet: SheetKind
    numerator: str | None = None
    denominator: str | None = None
    value: str | None = None
    factor: float = Field(default=1, allow_inf_nan=False)
    unit: str | None = None
    decimals: int = Field(default=1, ge=0, le=6)
    # `false`: compared as it is even on part-year data (SPEC §8.3).
    annualize: bool = Field(default=True, strict=True)
    # `true`: no formula; units reported ÷ units expected × factor, from the coverage of
    # each unit and period (SPEC §7.3), as `reporting_completeness` is.
    from_coverage: bool = Field(default=False, strict=True)

    @model_validator(mode="after")
    def _ratio_or_value(self) -> Self:
        ratio = self.numerator is not None and self.denominator is not None
        lone = self.value is not None and self.numerator is None and self.denominator is None
        if self.from_coverage:
            # Counted from coverage alone: a formula beside it would never be read.
            chosen = (self.numerator, self.denominator, self.value) == (None, None, None)
        else:
            chosen = ratio != lone
        if not chosen:
            # Said by definition.formula_choice in the catalogue; pydantic's text is unused.
            raise PydanticCustomError("formula_choice", "formula_choice")
        return self

    def formula(self, role: FormulaRole) -> Formula | None:
        """The parsed formula of `role`, None when the indicator has none there."""
        source: str | None = getattr(self, role)
        return None if source is None else _parsed(source, self.sheet)

    @property
    def numerator_formula(self) -> Formula | None:
        return self.formula("numerator")

    @property
    def denominator_formula(self) -> Formula | None:
        return self.formula("denominator")

    @property
    def value_formula(self) -> Formula | None:
        return self.formula("value")

    @property
    def fields(self) -> frozenset[str]:
        formulas = (self.formula(role) for role in FORMULA_ROLES)
        return frozenset().union(*(f.fields for f in formulas if f is not None))

    @property
    def counts_units(self) -> bool:
        """A share of counted rows (numerator and denominator both `count(…)`): a row that
        could not be used is one unknown unit, so the value has bounds (SPEC §4.2)."""
        numerator, denominator = self.numerator_formula, self.denominator_formula
        return (
            numerator is not None
            and denominator is not None
            and numerator.is_count
            and denominator.is_count
        )

    @property
    def annualized(self) -> bool:
        """Whether part-year data is scaled to a year before comparison (SPEC §8.3).

        A count of events (a flow `value`), or events over a standing population (flows
        over stocks only), grows with the months covered; a ratio of flows to flows or of
        stocks to stocks does not.
        """
        if not self.annualize or self.counts_units:
            # A share of counted units (centres above 90 %) is no rate of events, even
            # when the condition reads flows: it never grows with the months covered.
            return False
        flows = flow_fields()
        if self.value_formula is not None:
            return bool(self.value_formula.fields & flows)
        numerator, denominator = self.numerator_formula, self.denominator_formula
        if numerator is None or denominator is None:
            return False
        return bool(numerator.fields & flows) and not denominator.fields & flows


class Territory(BaseModel):
    """Where a plan applies (SPEC §7.4): one province or one district of a set of units.
    A plan whose territory is None applies to the whole input; `national` is every unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    province: str | None = Field(default=None, pattern=r"^\d{2}$")
    district: str | None = Field(default=None, pattern=r"^\d{3}$")
    units: UnitSetName = "legacy"

    @model_validator(mode="after")
    def _one_unit(self) -> Self:
        # Said by definition.territory_choice in the catalogue; pydantic's text is unused.
        if (self.province is None) == (self.district is None):
            raise PydanticCustomError("territory_choice", "territory_choice")
        if self.district is not None and self.units != "legacy":
            raise PydanticCustomError("territory_choice", "territory_choice")
        return self

    @property
    def level(self) -> TargetLevel:
        return "district" if self.district is not None else "province"

    @property
    def code(self) -> str:
        code = self.district if self.district is not None else self.province
        assert code is not None
        return code


NATIONAL = "national"


class Plan(BaseModel):
    """A government plan: its document, scope, deadline `year` and targets by indicator id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID_PATTERN)
    name: str = Field(min_length=1)
    name_en: str | None = None
    description: str | None = None
    document: str = Field(min_length=1)
    scope: str = Field(min_length=1)
    # None: the whole input (files written before territories); "national": every unit.
    territory: Literal["national"] | Territory | None = None
    year: int = Field(ge=1900, le=2200)
    targets: dict[str, Target] = {}
    # Targets the plan states that the forms cannot compute: listed, never assessed.
    other_targets: list[str] = []


class QualityThresholds(BaseModel):
    """The thresholds of the data-quality review (SPEC §9); the `quality:` section overrides them.

    The defaults are those of the WHO Data Quality Review toolkit (2017) and of the WHO data
    quality app for DHIS2: modified z-score 3.5 (Iglewicz and Hoaglin), between-unit z-scores
    2 and 3 ("moderate" and "extreme" outliers), ±33 % against the mean of the three preceding
    years, 90 % reporting completeness.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    outlier_modified_z: float = Field(default=3.5, gt=0, allow_inf_nan=False)
    # The fewest other periods of the same length a value is compared with.
    outlier_min_periods: int = Field(default=6, ge=2)
    between_units_warning_z: float = Field(default=3.0, gt=0, allow_inf_nan=False)
    between_units_info_z: float = Field(default=2.0, gt=0, allow_inf_nan=False)
    # The fewest other communes of the province a value is compared with.
    between_units_min_units: int = Field(default=6, ge=2)
    consistency_percent: float = Field(default=33.0, gt=0, allow_inf_nan=False)
    consistency_years: int = Field(default=3, ge=1, le=10)
    related_fields_percent: float = Field(default=10.0, gt=0, allow_inf_nan=False)
    population_jump_percent: float = Field(default=10.0, gt=0, allow_inf_nan=False)
    completeness_benchmark: float = Field(default=90.0, gt=0, le=100, allow_inf_nan=False)


class Definitions(BaseModel):
    """The indicators and plans of one indicators file, in file order."""

    model_config = ConfigDict(frozen=True)

    version: int
    indicators: dict[str, Indicator]
    plans: dict[str, Plan]
    quality: QualityThresholds = QualityThresholds()

    def plans_for(self, ids: Sequence[str] | None = None) -> list[Plan]:
        """The plans named by `ids` in that order (each once); all plans when none are named."""
        if not ids:
            return list(self.plans.values())
        for plan_id in ids:
            if plan_id not in self.plans:
                raise YcsError("unknown_plan", plan=plan_id, known=", ".join(self.plans))
        return [self.plans[plan_id] for plan_id in dict.fromkeys(ids)]


class _File(BaseModel):
    """The top level of the file; entries are checked one by one to report them all."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    indicators: list[Any]
    plans: list[Any] = []
    quality: Any = None


def load_definitions(path: Path | None = None) -> Definitions:
    """Read and check an indicators file (the packaged default when `path` is None).

    Raises DefinitionError listing every problem found, or YcsError when the file
    cannot be read.
    """
    name, text = _read(path)
    problems: list[DefinitionProblem] = []
    data = _parse_yaml(text, problems)
    # The packaged file's territories are checked by its tests: a run reads the registry
    # only when it needs it.
    definitions = None if problems else _build(data, problems, check_territories=path is not None)
    if definitions is None:
        raise DefinitionError(name, problems)
    return definitions


# A real indicators file is a few dozen KB, nested a handful of levels.
MAX_DEFINITIONS_BYTES = 1 << 20
MAX_YAML_DEPTH = 50


def _read(path: Path | None) -> tuple[str, str]:
    if path is None:
        resource = resources.files("ycs").joinpath("indicators.yaml")
        return str(resource), resource.read_bytes().decode("utf-8-sig")
    # Only a file named with --indicators needs the readers' checks: the list of the
    # shipped catalogue (`ycs indicators`) loads no spreadsheet reader.
    from ycs.read.sources import check_regular_file

    name = shown_path(path)
    # Not a device or a pipe (which would never end or never start), and bounded.
    try:
        check_regular_file(path)
        with path.open("rb") as stream:
            raw = stream.read(MAX_DEFINITIONS_BYTES + 1)
    except OSError as error:
        raise YcsError("definitions_unreadable", path=name, reason=os_reason(error)) from None
    except YcsError as error:
        if error.key != "file_not_found":
            raise
        reason = os.strerror(errno.ENOENT)
        raise YcsError("definitions_unreadable", path=name, reason=reason) from None
    if len(raw) > MAX_DEFINITIONS_BYTES:
        raise YcsError("indicators_too_large", path=name, maximum=MAX_DEFINITIONS_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise YcsError("definitions_unreadable", path=name, variant="not_utf8") from None
    _refuse_expansion(name, text)
    return name, text


def _refuse_expansion(name: str, text: str) -> None:
    """Anchors and aliases (`&a`, `*a`) let a few hundred bytes expand to gigabytes, and
    deep nesting exhausts the constructor's recursion: both are refused from the parser's
    events, before anything is built. An indicators file needs neither."""
    depth = 0
    line = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise DefinitionError(
                    name, [DefinitionProblem("yaml_alias", f"line {line}", None, {})]
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                line = event.start_mark.line + 1 if event.start_mark else 0
                if depth > MAX_YAML_DEPTH:
                    raise _too_deep(name, line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        # LibYAML stops at its own depth limit before handing out the events that reach it.
        if "nesting depth" in str(error):
            mark = getattr(error, "problem_mark", None)
            raise _too_deep(name, mark.line + 1 if mark else line) from None
        return  # a syntax error: the loader below reports it with its position


def _too_deep(name: str, line: int) -> DefinitionError:
    problem = DefinitionProblem("yaml_too_deep", f"line {line}", None, {"maximum": MAX_YAML_DEPTH})
    return DefinitionError(name, [problem])


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key written twice in one mapping; `key` names it."""

    def __init__(self, key: object, mark: yaml.Mark) -> None:
        super().__init__(None, None, str(key), mark)
        self.key = key


class _UniqueKeys:
    """Refuses duplicate keys, which YAML would silently let the last one win.

    A copied target line whose id was not changed would otherwise drop a target unseen.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Hashable] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if isinstance(key, Hashable) and key in seen:
                raise _DuplicateKey(key, key_node.start_mark)
            if isinstance(key, Hashable):
                seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        return mapping


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """The safe loader, only stricter; its error messages are the most precise."""


# LibYAML's parser, several times faster, when PyYAML was built with it. Construction, and
# so safety, is SafeLoader's either way.
_FastLoader: type[yaml.SafeLoader] = type(
    "_FastLoader", (_UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)), {}
)


def _parse_yaml(text: str, problems: list[DefinitionProblem]) -> object:
    try:
        # Equivalent to yaml.safe_load: the loaders are SafeLoaders, only stricter. A file
        # that fails is read again by the pure-Python parser, whose messages say more.
        try:
            return yaml.load(text, Loader=_FastLoader)
        except yaml.YAMLError:
            return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}" if mark else "file"
        position = mark.column + 1 if mark else None
        problems.append(DefinitionProblem("yaml_syntax", where, position, _yaml_params(error)))
    except yaml.YAMLError as error:
        problems.append(DefinitionProblem("yaml_syntax", "file", None, {"detail": str(error)}))
    return None


# PyYAML's words for the problems a hand-written file meets, each with the variant of
# definition.yaml_syntax that says it in the user's language (and what it names); any other
# problem is shown in PyYAML's words.
_YAML_PROBLEMS = (
    (re.compile(r"mapping values are not allowed here"), "mapping_values"),
    (re.compile(r"could not find expected ':'"), "missing_colon"),
    (re.compile(r"found character '\\t' that cannot start any token"), "tab"),
    (re.compile(r"found character '(?P<found>.+)' that cannot start any token"), "bad_character"),
    (re.compile(r"expected <block end>, but found .*"), "indentation"),
    (re.compile(r"expected ',' or '\]', but got .*"), "flow_sequence"),
    (re.compile(r"expected ',' or '\}', but got .*"), "flow_mapping"),
    (re.compile(r"found unknown escape character '(?P<found>.+)'"), "escape"),
    (re.compile(r"could not determine a constructor for the tag '(?P<tag>.+)'"), "tag"),
    (re.compile(r"but found another document"), "two_documents"),
)
# An unquoted target such as `bhyt_coverage: >= 95` reads as a YAML block scalar.
_BLOCK_SCALAR = re.compile(r"while scanning a block scalar")
_UNCLOSED_QUOTE = re.compile(r"found unexpected end of stream")


def _yaml_params(error: yaml.MarkedYAMLError) -> dict[str, object]:
    """The params of a `yaml_syntax` problem: the variant that words it, and what it names."""
    problem = error.problem or ""
    context = error.context or ""
    if isinstance(error, _DuplicateKey):
        return {"variant": "duplicate_key", "name": str(error.key)}
    if _BLOCK_SCALAR.fullmatch(context):
        return {"variant": "unquoted_target"}
    if _UNCLOSED_QUOTE.fullmatch(problem) and "quoted scalar" in context:
        opened = error.context_mark.line + 1 if error.context_mark else None
        return {"variant": "unclosed_quote", "line": opened}
    for pattern, variant in _YAML_PROBLEMS:
        matched = pattern.fullmatch(problem)
        if matched is not None:
            return {"variant": variant, **matched.groupdict()}
    return {"detail": problem}


def _build(
    data: object, problems: list[DefinitionProblem], *, check_territories: bool = True
) -> Definitions | None:
    """The definitions, or None when `problems` received any."""
    if not isinstance(data, dict):
        problems.append(_structure_problem("file", "model_type", {}))
        return None
    try:
        _File.model_validate(data)
    except ValidationError as error:
        problems.extend(_validation_problems(error, prefix=None))
    raw_indicators = _entry_list(data, "indicators")
    raw_plans = _entry_list(data, "plans")
    indicator_ids = {_raw_id(raw) for raw in raw_indicators}
    problems.extend(_duplicate_ids(raw_indicators, "indicators"))
    indicators = [
        _indicator(raw, _prefix(raw, "indicators", number), problems)
        for number, raw in enumerate(raw_indicators, start=1)
    ]
    problems.extend(_duplicate_ids(raw_plans, "plans"))
    plans: list[Plan | None] = []
    for number, raw in enumerate(raw_plans, start=1):
        prefix = _prefix(raw, "plans", number)
        plans.append(_plan(raw, prefix, problems, check_territories=check_territories))
        problems.extend(_unknown_indicators(raw, prefix, indicator_ids))
    known = {i.id: i for i in indicators if i is not None}
    for number, raw in enumerate(raw_plans, start=1):
        problems.extend(_level_problems(raw, _prefix(raw, "plans", number), known))
    quality = _quality(data.get("quality"), problems)
    if problems or quality is None:
        return None
    return Definitions(
        version=data["version"],
        indicators={i.id: i for i in indicators if i is not None},
        plans={p.id: p for p in plans if p is not None},
        quality=quality,
    )


def _quality(raw: object, problems: list[DefinitionProblem]) -> QualityThresholds | None:
    """The data-quality thresholds; the defaults when the file has no `quality:` section."""
    if raw is None:
        return QualityThresholds()
    try:
        thresholds = QualityThresholds.model_validate(raw)
    except ValidationError as error:
        problems.extend(_validation_problems(error, prefix="quality"))
        return None
    if thresholds.between_units_info_z > thresholds.between_units_warning_z:
        problems.append(
            _structure_problem(
                "quality.between_units_info_z",
                "less_than_equal",
                {"le": thresholds.between_units_warning_z},
            )
        )
        return None
    return thresholds


def _entry_list(data: dict[Any, Any], section: str) -> list[Any]:
    entries = data.get(section)
    return entries if isinstance(entries, list) else []


def _raw_id(raw: object) -> str | None:
    entry_id = raw.get("id") if isinstance(raw, dict) else None
    return entry_id if isinstance(entry_id, str) else None


def _prefix(raw: object, section: Literal["indicators", "plans"], number: int) -> str:
    """Where an entry's problems are reported: "bhyt_coverage", "plans.qd2348_2025"."""
    entry_id = _raw_id(raw)
    if entry_id is None or not re.match(_ID_PATTERN, entry_id):
        return f"{section} #{number}"
    return entry_id if section == "indicators" else f"plans.{entry_id}"


def _duplicate_ids(raw_entries: list[Any], section: str) -> list[DefinitionProblem]:
    seen: set[str] = set()
    problems: list[DefinitionProblem] = []
    for number, raw in enumerate(raw_entries, start=1):
        entry_id = _raw_id(raw)
        if entry_id in seen:
            problems.append(
                DefinitionProblem("duplicate_id", f"{section} #{number}", None, {"name": entry_id})
            )
        if entry_id is not None:
            seen.add(entry_id)
    return problems


def _indicator(raw: object, prefix: str, problems: list[DefinitionProblem]) -> Indicator | None:
    """The indicator, its formulas parsed, or None when it has problems (reported)."""
    formula_problems = _formula_problems(raw, prefix)
    problems.extend(formula_problems)
    try:
        indicator = Indicator.model_validate(raw)
    except ValidationError as error:
        problems.extend(_validation_problems(error, prefix))
        return None
    return None if formula_problems else indicator


def _formula_problems(raw: object, prefix: str) -> list[DefinitionProblem]:
    """Parse the formulas of a raw entry, even one with other problems, to report them all."""
    sheet = raw.get("sheet") if isinstance(raw, dict) else None
    if not isinstance(raw, dict) or sheet not in SHEET_KINDS:
        return []
    problems: list[DefinitionProblem] = []
    for role in FORMULA_ROLES:
        source = raw.get(role)
        if not isinstance(source, str):
            continue
        try:
            _parsed(source, sheet)
        except FormulaError as error:
            problems.extend(_formula_problem(p, f"{prefix}.{role}", sheet) for p in error.problems)
    return problems


def _formula_problem(error: FormulaError, where: str, sheet: SheetKind) -> DefinitionProblem:
    name = error.params.get("name")
    other = "district" if sheet == "commune" else "commune"
    if error.key == "unknown_field" and name in formula_fields(other):
        params = {"name": name, "sheet": sheet}
        return DefinitionProblem("wrong_sheet_field", where, error.position, params)
    if error.key == "unknown_field" and name in field_map(sheet):
        # Codes, names and periods are text: a formula cannot compute with them.
        return DefinitionProblem("not_allowed", where, error.position, {"construct": name})
    return DefinitionProblem(error.key, where, error.position, error.params)


def _plan(
    raw: object, prefix: str, problems: list[DefinitionProblem], *, check_territories: bool
) -> Plan | None:
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as error:
        problems.extend(_validation_problems(error, prefix))
        return None
    unknown = _unknown_territory(plan.territory, prefix) if check_territories else []
    problems.extend(unknown)
    return None if unknown else plan


def _unknown_territory(territory: object, prefix: str) -> list[DefinitionProblem]:
    """A territory code the official list of its set does not hold (SPEC §7.4)."""
    if not isinstance(territory, Territory):
        return []
    # The registry is read only for files that name a territory.
    from ycs.place import registry

    if territory.district is not None:
        known = registry.districts()["code"]
    else:
        known = registry.provinces(territory.units)["code"]
    if bool(known.eq(territory.code).any()):
        return []
    where = f"{prefix}.territory.{territory.level}"
    params = {"code": territory.code, "units": territory.units, "level": territory.level}
    return [DefinitionProblem("unknown_territory", where, None, params)]


def _unknown_indicators(
    raw: object, prefix: str, indicator_ids: set[str | None]
) -> list[DefinitionProblem]:
    targets = raw.get("targets") if isinstance(raw, dict) else None
    if not isinstance(targets, dict):
        return []
    return [
        DefinitionProblem("unknown_indicator", f"{prefix}.targets.{key}", None, {"name": key})
        for key in targets
        if key not in indicator_ids
    ]


def _level_problems(
    raw: object, prefix: str, indicators: Mapping[str, Indicator]
) -> list[DefinitionProblem]:
    """A district-sheet indicator has no commune result: a target judged only there would
    never be judged at all."""
    targets = raw.get("targets") if isinstance(raw, dict) else None
    if not isinstance(targets, dict):
        return []
    problems = []
    for key, target in targets.items():
        indicator = indicators.get(key)
        level = target.get("level") if isinstance(target, dict) else None
        if indicator is not None and indicator.sheet == "district" and level == "commune":
            params = {"name": key, "level": level}
            problems.append(
                DefinitionProblem(
                    "level_without_results", f"{prefix}.targets.{key}.level", None, params
                )
            )
    return problems


# The pydantic error types the catalogue words (definition.bad_structure.<type>), and the
# context each wording names; any other is shown in pydantic's words.
_STRUCTURE_PARAMS: dict[str, tuple[str, ...]] = {
    "missing": (),
    "extra_forbidden": (),
    "literal_error": ("input", "expected"),
    "string_type": (),
    "string_too_short": (),
    "string_pattern_mismatch": ("input",),
    "bool_type": (),
    "int_type": (),
    "int_parsing": (),
    "int_from_float": (),
    "float_type": (),
    "float_parsing": (),
    "finite_number": (),
    "greater_than_equal": ("ge",),
    "greater_than": ("gt",),
    "less_than_equal": ("le",),
    "less_than": ("lt",),
    "dict_type": (),
    "model_type": (),
    "model_attributes_type": (),
    "list_type": (),
}
# pydantic names a literal's choices as "'commune' or 'district'", or "1".
_LITERAL_CHOICE = re.compile(r"'([^']*)'|([^',\s]+)")
# A code's pattern (a province's "^\d{2}$"): its width, for the wording of a wrong code.
_CODE_PATTERN = re.compile(r"\^\\d\{(\d+)\}\$")


# pydantic's label of a union's branch in an error's place: "literal['national']",
# "function-after[_one_unit(), Territory]". Not a key of the file.
_BRANCH = re.compile(r"[a-z-]+\[.*\]")


def _validation_problems(error: ValidationError, prefix: str | None) -> list[DefinitionProblem]:
    problems: list[DefinitionProblem] = []
    # A value that fits no branch of a union (a territory): said once, as the choice.
    unions: list[str] = []
    for detail in error.errors(include_url=False):
        loc = [str(part) for part in detail["loc"]]
        branch = next((i for i, part in enumerate(loc) if _BRANCH.fullmatch(part)), None)
        if branch is not None:
            del loc[branch]
        where = ".".join([*([prefix] if prefix else []), *loc]) or "file"
        if branch is not None and branch == len(loc):
            unions.append(where)
            continue
        context = dict(detail.get("ctx") or {})
        if detail["type"] in ("bad_target", "formula_choice", "territory_choice"):
            problems.append(DefinitionProblem(detail["type"], where, None, context))
        else:
            context.setdefault("input", detail.get("input"))
            problems.append(_structure_problem(where, detail["type"], context, detail["msg"]))
    for where in dict.fromkeys(unions):
        # Inside a branch the value took (a territory's code), the deeper problem says more.
        if not any(p.where.startswith(where + ".") for p in problems):
            problems.append(DefinitionProblem("territory_choice", where, None, {}))
    return problems


def _structure_problem(
    where: str, error_type: str, context: Mapping[str, Any], fallback: str = ""
) -> DefinitionProblem:
    names = _STRUCTURE_PARAMS.get(error_type)
    if names is None:
        return DefinitionProblem("bad_structure", where, None, {"detail": fallback})
    params: dict[str, Any] = {"variant": error_type}
    code = _CODE_PATTERN.fullmatch(str(context.get("pattern", "")))
    if error_type == "string_pattern_mismatch" and code is not None:
        return DefinitionProblem(
            "bad_structure",
            where,
            None,
            {"variant": "code_digits", "input": context.get("input"), "width": int(code[1])},
        )
    for name in names:
        value = context.get(name)
        if name == "expected" and isinstance(value, str):
            # The choices, listed in the user's words; their count picks the wording.
            choices = [a or b for a, b in _LITERAL_CHOICE.findall(value.replace(" or ", ", "))]
            params["choices"] = ", ".join(choices)
            params["count"] = len(choices)
        else:
            params[name] = value
    return DefinitionProblem("bad_structure", where, None, params)
