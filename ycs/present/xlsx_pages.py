"""Where a printed report sheet's pages end: the fit-to-width scale from the column widths,
the rows a page holds, and breaks that keep a chart or the signature block whole.

Excel and LibreOffice break pages by themselves, but know nothing of what belongs together:
left alone they print the signature block alone on a last page, or cut a chart in two. The
sheet's rows all have heights written in the file, so the pages can be laid out here and
the breaks written into the file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# A4 landscape in points, less the margins the report sheets set (inches × 72).
PAGE_WIDTH = 841.89
PAGE_HEIGHT = 595.28
MARGIN_SIDE = 0.5
MARGIN_TOP_BOTTOM = 0.6
# Spare room for a renderer whose fonts are wider than Calibri (LibreOffice substitutes
# DejaVu Sans where Calibri is missing): better a few blank lines than an extra page.
_SPARE = 0.97
# Excel's default row, and a column width unit in points (Calibri 11: 7 pixels per
# character plus 5 of padding, at 0.75 points per pixel).
DEFAULT_ROW_HEIGHT = 15.0
# Excel keeps at most 1,026 manual breaks on a sheet; beyond a few hundred only the breaks
# that keep blocks whole are written and the rest left to the program.
_MAX_BREAKS = 1000


def column_points(width: float) -> float:
    return (math.floor(width * 7 + 5) if width >= 1 else math.floor(width * 12)) * 0.75


def fit_scale(widths: Sequence[float]) -> float:
    """The scale at which the columns fill one page width, as a whole percentage (never
    enlarged), as the spreadsheet programs compute it for "fit to one page wide"."""
    usable = PAGE_WIDTH - 2 * 72 * MARGIN_SIDE
    total = sum(column_points(width) for width in widths) or usable
    return min(100, math.floor(100 * usable / total)) / 100


@dataclass(frozen=True, slots=True)
class Block:
    """Rows `first`..`last` (0-based, inclusive) printed on one page. `with_previous`: never
    start a page with this block; the block before it moves along (a signature block)."""

    first: int
    last: int
    with_previous: bool = False


def page_breaks(
    blocks: Sequence[Block],
    heights: Mapping[int, float],
    widths: Sequence[float],
    repeated: Sequence[int] = (),
) -> list[int]:
    """The rows (0-based) that start a new page, in order. `heights` in points for the rows
    that have one (others are of default height); `repeated` rows print atop every page."""
    scale = fit_scale(widths)
    usable = (PAGE_HEIGHT - 2 * 72 * MARGIN_TOP_BOTTOM) * _SPARE / scale

    def height(first: int, last: int) -> float:
        return sum(heights.get(row, DEFAULT_ROW_HEIGHT) for row in range(first, last + 1))

    top = sum(heights.get(row, DEFAULT_ROW_HEIGHT) for row in repeated)
    breaks: list[int] = []
    forced: list[int] = []
    used = 0.0
    # Blocks on the current page, each with where it starts when a page begins with it.
    page: list[Block] = []
    end = -1
    for block in blocks:
        gap = height(end + 1, block.first - 1)
        size = height(block.first, block.last)
        end = block.last
        if not page or used + gap + size <= usable:
            used += gap + size
            page.append(block)
            continue
        if block.with_previous and len(page) > 1:
            previous = page[-1]
            # The previous block's own gap stays behind on the page before.
            moved = height(previous.first, block.last)
            breaks.append(previous.first)
            forced.append(previous.first)
            page, used = [previous, block], top + moved
            continue
        breaks.append(block.first)
        if block.with_previous or block.last > block.first:
            forced.append(block.first)
        page, used = [block], top + size
    return breaks if len(breaks) <= _MAX_BREAKS else forced[:_MAX_BREAKS]
