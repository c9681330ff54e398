"""The safe formula language of indicators.yaml: parsed via an AST allowlist, evaluated on columns.

A formula is arithmetic (`+ - * /`, unary minus, numbers, parentheses) over aggregates
`sum(x)`, `count(cond)`, `count()`, `mean(x)`, `min(x)`, `max(x)`. Inside an aggregate,
a row expression combines field names, numbers, `+ - * /`, comparisons and `and or not`.
Python's parser reads the text; only the node types listed here are accepted, and the
tree is turned into small evaluator objects, so nothing in the text is ever executed.
"""

from __future__ import annotations

import ast
import functools
import math
import re
import warnings
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

from ycs.words import say, say_message

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    # Row and group values: float64 arrays, boolean arrays (comparisons) or 0-d arrays.
    _Values = npt.NDArray[Any]
    _Binary = Callable[[_Values, _Values], _Values]

# Parsing a formula (every `ycs indicators`, every definitions file) needs no numpy; only
# evaluating one does, so numpy is imported where values are computed. Operators are kept
# by their numpy names until then.

AGGREGATES: frozenset[str] = frozenset({"sum", "count", "mean", "min", "max"})


def _numeric(values: _Values) -> _Values:
    """Booleans take part in arithmetic as 0 and 1."""
    import numpy as np

    return values.astype(np.float64) if values.dtype == np.bool_ else values


def _truth(values: _Values) -> _Values:
    """Non-zero is true; an undefined value (NaN, from a division by zero) is not."""
    import numpy as np

    if values.dtype == np.bool_:
        return values
    truth: _Values = (values != 0) & ~np.isnan(values)
    return truth


def _divide(numerator: _Values, denominator: _Values) -> _Values:
    """Division where a zero denominator gives NaN rather than inf."""
    import numpy as np

    top, bottom = np.broadcast_arrays(_numeric(numerator), _numeric(denominator))
    quotient: _Values = np.divide(top, bottom, out=np.full(top.shape, np.nan), where=bottom != 0)
    return quotient


def _binary(name: str) -> _Binary:
    """The function an operator's name stands for: numpy's, or the NaN-safe division."""
    import numpy as np

    return _divide if name == "divide" else cast("_Binary", getattr(np, name))


_ARITHMETIC: dict[type[ast.operator], str] = {
    ast.Add: "add",
    ast.Sub: "subtract",
    ast.Mult: "multiply",
    ast.Div: "divide",
}
_COMPARISONS: dict[type[ast.cmpop], str] = {
    ast.Lt: "less",
    ast.LtE: "less_equal",
    ast.Gt: "greater",
    ast.GtE: "greater_equal",
    ast.Eq: "equal",
    ast.NotEq: "not_equal",
}
# Symbols of the operators the language refuses, to point at them precisely.
_REFUSED_OPERATORS: dict[type[ast.AST], str] = {
    ast.Pow: "**",
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.Is: "is",
    ast.IsNot: "is",
    ast.In: "in",
    ast.NotIn: "not",
}
_ARITY: dict[str, tuple[int, ...]] = {
    "count": (0, 1),
    "sum": (1,),
    "mean": (1,),
    "min": (1,),
    "max": (1,),
}
# The catalogue's wording of each arity: definition.bad_arguments.<variant>.
_ARITY_VARIANT: dict[tuple[int, ...], str] = {(1,): "one", (0, 1): "none_or_one"}
# Python's own words for the syntax errors a formula meets, each with the variant of
# definition.syntax that says it in the user's language; any other message is shown as is.
_SYNTAX_MESSAGES = (
    (re.compile(r"invalid syntax\. Perhaps you forgot a comma\?"), "comma"),
    (re.compile(r"invalid syntax.*"), "invalid"),
    (re.compile(r"'(?P<bracket>.)' was never closed"), "never_closed"),
    (re.compile(r"unmatched '(?P<bracket>.)'"), "unmatched"),
    (
        re.compile(
            r"closing parenthesis '(?P<bracket>.)' does not match opening parenthesis"
            r" '(?P<opening>.)'.*"
        ),
        "mismatched",
    ),
    (re.compile(r"invalid (?:decimal|hexadecimal|octal|binary|digit).*"), "bad_number"),
    (re.compile(r"leading zeros in decimal integer literals.*"), "leading_zeros"),
    (re.compile(r"unterminated (?:triple-quoted )?string literal.*"), "unterminated_string"),
    (
        re.compile(r"invalid character '(?P<character>.)' \((?P<code>U\+[0-9A-F]+)\)"),
        "bad_character",
    ),
    (re.compile(r"invalid non-printable character (?P<code>U\+[0-9A-F]+)"), "invisible_character"),
)


def _syntax_params(message: str) -> dict[str, object]:
    """The params of a `syntax` problem: the variant that words Python's `message`, and
    what it names; the message itself when no variant does."""
    for pattern, variant in _SYNTAX_MESSAGES:
        matched = pattern.fullmatch(message)
        if matched is not None:
            return {"variant": variant, **matched.groupdict()}
    return {"detail": message}


_SEGMENT_LIMIT = 40


class FormulaError(Exception):
    """A formula that breaks the language.

    `key` names a template in the definition.* keys of ycs/words, `position` is the 1-based
    character position in the formula text, `params` fill the template. `problems` lists
    every problem found in the same formula, this one first.
    """

    def __init__(self, key: str, position: int | None, params: Mapping[str, object] | None = None):
        self.key = key
        self.position = position
        self.params: dict[str, object] = dict(params or {})
        self.problems: tuple[FormulaError, ...] = (self,)
        super().__init__(str(self))

    def __str__(self) -> str:
        message = say_message(f"definition.{self.key}", "en", **self.params)
        where = say("definition.position", "en")
        return message if self.position is None else f"{where} {self.position}: {message}"


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its text, the fields it reads, and its evaluator tree."""

    source: str
    fields: frozenset[str]
    _expression: _Node = field(repr=False, compare=False)

    def evaluate(
        self, columns: Mapping[str, FloatArray], group_ids: npt.NDArray[np.intp], n_groups: int
    ) -> FloatArray:
        """One value per group.

        `columns` holds a float64 array per field read (booleans as 1.0/0.0) with no
        missing values; `group_ids` gives each row's group in 0..n_groups-1. Empty groups
        give 0 for `sum`/`count` and NaN for `mean`/`min`/`max`; a division by zero gives NaN.
        """
        import numpy as np

        frame = _Frame(columns, np.asarray(group_ids, dtype=np.intp), n_groups)
        # Overflow and NaN arithmetic are part of the semantics, not accidents to warn about.
        with np.errstate(all="ignore"):
            values = self._expression.evaluate(frame)
        return np.broadcast_to(np.asarray(values, dtype=np.float64), (n_groups,)).copy()

    def __str__(self) -> str:
        return self.source

    @property
    def is_count(self) -> bool:
        """The formula is one `count(…)` and nothing else."""
        expression = self._expression
        return isinstance(expression, _Aggregate) and expression.function == "count"


def parse_formula(source: str, known_fields: Collection[str]) -> Formula:
    """Parse `source`, checking every name against `known_fields`; raise FormulaError."""
    # Newlines (from YAML block scalars) become spaces so that positions stay 1-line offsets.
    text = source.replace("\r", " ").replace("\n", " ")
    body = text.lstrip()
    shift = len(text) - len(body)
    try:
        with warnings.catch_warnings():
            # Python warns about text such as `1and x`; as errors they become SyntaxErrors
            # here rather than lines on the user's terminal.
            warnings.simplefilter("error")
            tree = ast.parse(body, mode="eval")
    except SyntaxError as error:
        raise _syntax_error(error, body, shift) from None
    except (ValueError, MemoryError, RecursionError):
        raise FormulaError("syntax", shift + 1, {"variant": "too_complex"}) from None
    compiler = _Compiler(body, shift, frozenset(known_fields))
    try:
        expression = compiler.compile(tree.body, aggregate=None)
    except RecursionError:
        raise FormulaError("syntax", shift + 1, {"variant": "too_complex"}) from None
    if compiler.problems:
        problems = sorted(compiler.problems, key=lambda p: p.position or 0)
        problems[0].problems = tuple(problems)
        raise problems[0]
    return Formula(source, frozenset(compiler.fields), expression)


def _syntax_error(error: SyntaxError, body: str, shift: int) -> FormulaError:
    # Python reports errors at the end of the input with offset 0.
    offset = error.offset if error.offset and error.lineno == 1 else len(body.rstrip()) + 1
    position = shift + min(offset, len(body) + 1)
    return FormulaError("syntax", position, _syntax_params(error.msg))


class _Compiler:
    """Walks the AST through the allowlist, building evaluators and collecting problems."""

    def __init__(self, body: str, shift: int, known_fields: frozenset[str]) -> None:
        self.body = body
        self.encoded = body.encode()
        self.shift = shift
        self.known_fields = known_fields
        self.fields: set[str] = set()
        self.problems: list[FormulaError] = []

    def compile(self, node: ast.expr, aggregate: str | None) -> _Node:
        """`aggregate` names the aggregate call the node sits in (None at the top level)."""
        match node:
            case ast.Constant(value=bool() | None):
                return self._refuse(node)
            case ast.Constant(value=int() | float() as value):
                return self._number(node, value)
            case ast.Name(id=name):
                return self._name(node, name, aggregate)
            case ast.BinOp(op=op, left=left, right=right) if type(op) in _ARITHMETIC:
                return _Arithmetic(
                    _ARITHMETIC[type(op)],
                    self.compile(left, aggregate),
                    self.compile(right, aggregate),
                )
            case ast.BinOp(op=op, left=left, right=right):
                self._refuse_operator(op, left, right)
                self.compile(left, aggregate)
                self.compile(right, aggregate)
                return _UNDEFINED
            case ast.UnaryOp(op=ast.USub(), operand=operand):
                return _Negate(self.compile(operand, aggregate))
            case ast.UnaryOp(op=ast.UAdd(), operand=operand):
                return self.compile(operand, aggregate)
            case ast.UnaryOp(op=ast.Not(), operand=operand) if aggregate:
                return _Not(self.compile(operand, aggregate))
            case ast.Compare() if aggregate:
                return self._compare(node, aggregate)
            case ast.BoolOp(op=op, values=values) if aggregate:
                operands = tuple(self.compile(value, aggregate) for value in values)
                return _Logic("logical_and" if isinstance(op, ast.And) else "logical_or", operands)
            case ast.Call():
                return self._call(node, aggregate)
            case _:
                return self._refuse(node)

    def _number(self, node: ast.expr, value: float) -> _Node:
        try:
            number = float(value)
        except OverflowError:
            return self._refuse(node)
        return _Number(number) if math.isfinite(number) else self._refuse(node)

    def _name(self, node: ast.expr, name: str, aggregate: str | None) -> _Node:
        if name not in self.known_fields:
            return self._problem("unknown_field", node, name=name)
        if aggregate is None:
            return self._problem("field_outside_aggregate", node, name=name)
        self.fields.add(name)
        return _Field(name)

    def _compare(self, node: ast.Compare, aggregate: str) -> _Node:
        operands = (node.left, *node.comparators)
        functions: list[str] = []
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            if type(op) in _COMPARISONS:
                functions.append(_COMPARISONS[type(op)])
            else:
                self._refuse_operator(op, left, right)
        compiled = tuple(self.compile(operand, aggregate) for operand in operands)
        if len(functions) < len(node.ops):
            return _UNDEFINED
        return _Compare(tuple(functions), compiled)

    def _call(self, node: ast.Call, aggregate: str | None) -> _Node:
        if not isinstance(node.func, ast.Name):
            return self._refuse(node.func)
        name = node.func.id
        if name not in AGGREGATES:
            return self._problem("unknown_function", node, name=name)
        if aggregate is not None:
            return self._problem("nested_aggregate", node, name=name)
        refused: list[ast.expr | ast.keyword] = [
            *node.keywords,
            *(a for a in node.args if isinstance(a, ast.Starred)),
        ]
        if refused:
            for construct in refused:
                self._refuse(construct)
            return _UNDEFINED
        if len(node.args) not in _ARITY[name]:
            variant = _ARITY_VARIANT[_ARITY[name]]
            return self._problem("bad_arguments", node, name=name, variant=variant)
        return _Aggregate(name, self.compile(node.args[0], name) if node.args else None)

    def _refuse(self, node: ast.expr | ast.keyword) -> _Node:
        start, end = self._span(node)
        segment = self.body[start:end]
        if len(segment) > _SEGMENT_LIMIT:
            segment = segment[: _SEGMENT_LIMIT - 1] + "…"
        self.problems.append(
            FormulaError("not_allowed", self.shift + start + 1, {"construct": segment})
        )
        return _UNDEFINED

    def _refuse_operator(self, op: ast.AST, left: ast.expr, right: ast.expr) -> None:
        symbol = _REFUSED_OPERATORS.get(type(op), type(op).__name__)
        gap_start, gap_end = self._span(left)[1], self._span(right)[0]
        found = self.body.find(symbol, gap_start, gap_end)
        start = found if found >= 0 else gap_start
        # The operator's words, without the spaces and parentheses around them: "not in".
        words = self.body[start:gap_end].replace("(", " ").replace(")", " ").split()
        construct = " ".join(words) if found >= 0 else symbol
        self.problems.append(
            FormulaError("not_allowed", self.shift + start + 1, {"construct": construct})
        )

    def _problem(self, key: str, node: ast.expr, **params: object) -> _Node:
        position = self.shift + self._span(node)[0] + 1
        self.problems.append(FormulaError(key, position, params))
        return _UNDEFINED

    def _span(self, node: ast.expr | ast.keyword) -> tuple[int, int]:
        """0-based character span of a node; the AST counts UTF-8 bytes."""
        end_offset = node.end_col_offset if node.end_col_offset is not None else node.col_offset
        return self._chars(node.col_offset), self._chars(end_offset)

    def _chars(self, byte_offset: int) -> int:
        return len(self.encoded[:byte_offset].decode(errors="ignore"))


@dataclass(frozen=True, slots=True)
class _Frame:
    columns: Mapping[str, FloatArray]
    group_ids: npt.NDArray[np.intp]
    n_groups: int


class _Node(Protocol):
    def evaluate(self, frame: _Frame, /) -> _Values: ...


@dataclass(frozen=True, slots=True)
class _Number:
    value: float

    def evaluate(self, _frame: _Frame, /) -> _Values:
        import numpy as np

        return np.asarray(self.value, dtype=np.float64)


# Stands in for a rejected construct while the walk goes on to find further problems.
_UNDEFINED = _Number(math.nan)


@dataclass(frozen=True, slots=True)
class _Field:
    name: str

    def evaluate(self, frame: _Frame) -> _Values:
        import numpy as np

        return np.asarray(frame.columns[self.name], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _Arithmetic:
    function: str
    left: _Node
    right: _Node

    def evaluate(self, frame: _Frame) -> _Values:
        return _binary(self.function)(
            _numeric(self.left.evaluate(frame)), _numeric(self.right.evaluate(frame))
        )


@dataclass(frozen=True, slots=True)
class _Negate:
    operand: _Node

    def evaluate(self, frame: _Frame) -> _Values:
        import numpy as np

        return np.negative(_numeric(self.operand.evaluate(frame)))


@dataclass(frozen=True, slots=True)
class _Compare:
    functions: tuple[str, ...]
    operands: tuple[_Node, ...]

    def evaluate(self, frame: _Frame) -> _Values:
        import numpy as np

        # A chain `a < b < c` reads each operand once, as Python does.
        values = [_numeric(operand.evaluate(frame)) for operand in self.operands]
        results = [
            _binary(f)(a, b) for f, a, b in zip(self.functions, values, values[1:], strict=False)
        ]
        return functools.reduce(np.logical_and, results)


@dataclass(frozen=True, slots=True)
class _Logic:
    function: str
    operands: tuple[_Node, ...]

    def evaluate(self, frame: _Frame) -> _Values:
        return functools.reduce(
            _binary(self.function), (_truth(operand.evaluate(frame)) for operand in self.operands)
        )


@dataclass(frozen=True, slots=True)
class _Not:
    operand: _Node

    def evaluate(self, frame: _Frame) -> _Values:
        import numpy as np

        return np.logical_not(_truth(self.operand.evaluate(frame)))


@dataclass(frozen=True, slots=True)
class _Aggregate:
    function: str
    argument: _Node | None

    def evaluate(self, frame: _Frame) -> _Values:
        import numpy as np

        rows = frame.group_ids.shape
        if self.argument is None:
            return _count_rows(frame)
        values = np.broadcast_to(self.argument.evaluate(frame), rows)
        if self.function == "count":
            return _group_sum(frame, _truth(values).astype(np.float64))
        values = _numeric(values)
        if self.function == "sum":
            return _group_sum(frame, values)
        if self.function == "mean":
            return _divide(_group_sum(frame, values), _count_rows(frame))
        return _group_extreme(frame, values, "minimum" if self.function == "min" else "maximum")


def _group_sum(frame: _Frame, weights: _Values) -> FloatArray:
    import numpy as np

    if frame.n_groups == 1:
        # One bin is bincount's slowest case (every row adds to the same cell).
        return np.array([weights.sum()], dtype=np.float64)
    sums = np.bincount(frame.group_ids, weights=weights, minlength=frame.n_groups)
    return sums.astype(np.float64, copy=False)


def _count_rows(frame: _Frame) -> FloatArray:
    import numpy as np

    if frame.n_groups == 1:
        return np.array([frame.group_ids.size], dtype=np.float64)
    return np.bincount(frame.group_ids, minlength=frame.n_groups).astype(np.float64)


def _group_extreme(frame: _Frame, values: _Values, name: str) -> FloatArray:
    import numpy as np

    # minimum/maximum (not fmin/fmax) so that an undefined row makes its group undefined,
    # as it does for sum and mean.
    function: np.ufunc = getattr(np, name)
    start = np.inf if name == "minimum" else -np.inf
    result = np.full(frame.n_groups, start)
    function.at(result, frame.group_ids, values)
    result[_count_rows(frame) == 0] = np.nan
    return result
