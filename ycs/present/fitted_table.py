"""Terminal tables laid out for the width they get: names wrap, numbers never lose a digit.

Rich shrinks every column evenly once a table is wider than the terminal, cutting numbers
("3.414/3.6") and dropping whole columns. Here the widths are decided at render time: each
number column keeps room for its longest unbreakable piece (a number, a fraction, a cell
position), name columns wrap into what is left, and when even that does not fit, a narrower
layout (columns stacked into one cell) is tried before the table is allowed to overflow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rich.cells import cell_len as _cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

# number: each cell's first line (the number, fraction, position) is never broken;
# word: never narrower than its longest word (a status); name: wraps, down to NAME_MIN.
# Thousands of rows repeat a few dozen names, numbers and verdicts: each is measured once.
cell_len = lru_cache(maxsize=65536)(_cell_len)

Kind = Literal["name", "word", "number"]
NAME_MIN = 16
# A verdict up to this wide stays on one line before names get room ("Thiếu dữ liệu").
WORD_SHORT = 16


@dataclass
class Column:
    header: str
    kind: Kind = "name"
    justify: Literal["left", "right"] = "left"
    style: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell's text and style: all a drawn table reads of it. A national run fills
    tens of thousands of cells, for which rich's Text (which scans every string for control
    codes again) took seconds; the text here is already made visible by the caller."""

    plain: str
    style: str = ""


@dataclass
class Layout:
    """One way of showing the rows: the columns and, per row, one cell per column."""

    columns: list[Column]
    rows: list[list[Text | Cell]] = field(default_factory=list)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _natural(column: Column, cells: Sequence[str]) -> int:
    lines = [*_lines(column.header), *(line for cell in cells for line in _lines(cell))]
    return max((cell_len(line) for line in lines), default=1)


def _minimum(column: Column, cells: Sequence[str], natural: int) -> int:
    lines = [*_lines(column.header), *(line for cell in cells for line in _lines(cell))]
    longest = max((_longest_word(line) for line in lines), default=1)
    # A heading of a number or verdict column is a word or two: it keeps its lines whole.
    heading = max(cell_len(line) for line in column.header.split("\n"))
    if column.kind == "name":
        return min(natural, max(NAME_MIN, _longest_word(column.header)))
    return max(longest, heading, 1)


def _preferred(column: Column, cells: Sequence[str], natural: int) -> int:
    """A number column's width for every number on one line ("29 kỹ thuật")."""
    if column.kind != "number":
        return natural
    return max([cell_len(_lines(cell)[0]) for cell in cells] + [0])


def column_widths(layout: Layout, width: int) -> list[int] | None:
    """The widths of the layout's columns in `width` cells, or None if it cannot fit."""
    count = len(layout.columns)
    available = width - (3 * count + 1)  # a border per column and one closing it, padding 1+1
    # Thousands of rows repeat a few dozen names and verdicts: each is measured once.
    by_column = [list({row[k].plain for row in layout.rows}) for k in range(count)]
    natural = [_natural(c, cells) for c, cells in zip(layout.columns, by_column, strict=True)]
    widths = [
        _minimum(c, cells, n)
        for c, cells, n in zip(layout.columns, by_column, natural, strict=True)
    ]
    preferred = [
        max(w, _preferred(c, cells, n))
        for c, cells, n, w in zip(layout.columns, by_column, natural, widths, strict=True)
    ]
    spare = available - sum(widths)
    if spare < 0:
        return None
    # Past the minimums: short verdicts whole, numbers on one line, then names, then long
    # verdicts ("Chưa xác định (93 đơn vị chưa rõ)") whole, then the notes under numbers
    # (an annualised value says from how many months).
    short = [min(n, max(w, WORD_SHORT)) for n, w in zip(natural, widths, strict=True)]
    passes: list[tuple[Kind, list[int]]] = [
        ("word", short),
        ("number", preferred),
        ("name", natural),
        ("word", natural),
        ("number", natural),
    ]
    for kind, goal in passes:
        for k, column in enumerate(layout.columns):
            if column.kind != kind:
                continue
            grant = max(0, min(spare, goal[k] - widths[k]))
            widths[k] += grant
            spare -= grant
    return widths


@dataclass
class FittedTable:
    """A table whose layout is chosen for the width it is printed in.

    `layouts` go from the widest to the narrowest; the first that fits is used.
    """

    layouts: Sequence[Layout | Callable[[], Layout]]
    heading: Text | None = None
    caption: Text | None = None
    title_style: str = "bold"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self.heading is not None:
            yield self.heading
        chosen, widths = None, None
        for candidate in self.layouts:
            # The narrower layouts are only built when the wider ones do not fit.
            layout = candidate if isinstance(candidate, Layout) else candidate()
            chosen = layout
            widths = column_widths(layout, width)
            if widths is not None:
                chosen = layout
                break
        assert chosen is not None
        if widths is None:
            # Nothing fits (a terminal narrower than the numbers): rich's own squeezing.
            yield build_table(chosen, None)
        else:
            yield from _drawn(chosen, widths)
        if self.caption is not None:
            yield self.caption


# Drawn here rather than by rich's Table: a national run's plan tables hold thousands of
# rows, which rich lays out in tens of seconds and these few string joins in well under one.
def _drawn(layout: Layout, widths: Sequence[int]) -> Iterator[Segment]:
    newline = Segment.line()
    yield Segment("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
    yield newline
    headers = [Cell(c.header) for c in layout.columns]
    yield from _row(layout.columns, headers, widths, "┃", Style(bold=True))
    yield Segment("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
    yield newline
    for row in layout.rows:
        yield from _row(layout.columns, row, widths, "│", None)
    yield Segment("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    yield newline


def _row(
    columns: Sequence[Column],
    cells: Sequence[Text | Cell],
    widths: Sequence[int],
    bar: str,
    style: Style | None,
) -> Iterator[Segment]:
    wrapped = [_wrap(cell.plain, w) for cell, w in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    styles = [style or (Style.parse(str(cell.style)) if cell.style else None) for cell in cells]
    for k in range(height):
        # Unstyled text is joined into one segment: fewer segments, a faster print.
        plain = bar
        for column, lines, w, cell_style in zip(columns, wrapped, widths, styles, strict=True):
            line = lines[k] if k < len(lines) else ""
            pad = " " * (w - cell_len(line))
            text = pad + line if column.justify == "right" else line + pad
            if cell_style is None or not line:
                plain += f" {text} {bar}"
                continue
            yield Segment(plain + " ")
            yield Segment(text, cell_style)
            plain = f" {bar}"
        yield Segment(plain + "\n")


@lru_cache(maxsize=4096)
def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap; a word longer than the width is folded (only names can be)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for whole in paragraph.split(" "):
            word = whole
            candidate = f"{line} {word}" if line else word
            if cell_len(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while cell_len(word) > width:
                cut = _fits(word, width)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _fits(word: str, width: int) -> int:
    """How many characters of `word` fit in `width` cells (at least one)."""
    used = 0
    for k, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return max(k, 1)
    return len(word)


def build_table(layout: Layout, widths: Sequence[int] | None) -> Table:
    table = Table(expand=False)
    for k, column in enumerate(layout.columns):
        table.add_column(
            column.header,
            justify=column.justify,
            style=column.style or None,
            overflow="fold",
            width=None if widths is None else widths[k],
        )
    for row in layout.rows:
        table.add_row(
            *(cell if isinstance(cell, Text) else Text(cell.plain, cell.style) for cell in row)
        )
    return table
