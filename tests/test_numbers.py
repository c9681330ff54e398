"""Numbers as reports print them: halves round up, Vietnamese or English separators."""

from __future__ import annotations

import pytest

from ycs.present.messages import format_number, round_half_up


@pytest.mark.parametrize(
    ("value", "decimals", "vi", "en"),
    [
        (81.25, 1, "81,3", "81.3"),
        (0.125, 2, "0,13", "0.13"),
        (1234567.5, 0, "1.234.568", "1,234,568"),
        (95.0, 1, "95,0", "95.0"),
        (-2.5, 0, "-3", "-3"),
    ],
)
def test_format_number(value: float, decimals: int, vi: str, en: str) -> None:
    assert format_number(value, decimals, "vi") == vi
    assert format_number(value, decimals, "en") == en


def test_round_half_up_differs_from_round() -> None:
    assert round(81.25, 1) == 81.2
    assert round_half_up(81.25, 1) == 81.3
