"""Fuzzing the readers: small valid files of every format, with bytes changed, inserted or
cut by hypothesis, are read or refused with a YcsError, and never raise anything else.

CI runs a few dozen examples per format (seconds); benchmarks/mutations.py runs thousands
through the console script under a memory and time bound.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import Sheet, write_ods, write_text, write_xls, write_xlsx
from ycs.errors import YcsError
from ycs.read.readers import read_file

ROWS = [
    ["Mã tỉnh", "Mã huyện", "Mã xã", "Tên xã", "Kỳ báo cáo", "Dân số", "Số người có thẻ BHYT"],
    ["15", "132", "04243", "Hồng Hà", "2024", 10000, 9700],
    ["15", "132", "04246", "Minh Tân", "2024", 5000, 4800],
]


def seed(directory: Path, suffix: str) -> bytes:
    path = directory / f"seed{suffix}"
    if suffix == ".xlsx":
        write_xlsx(path, Sheet("Xã", ROWS))
    elif suffix == ".xls":
        write_xls(path, Sheet("Xã", ROWS))
    elif suffix == ".ods":
        write_ods(path, Sheet("Xã", ROWS))
    else:
        write_text(path, ROWS, delimiter=",")
    return path.read_bytes()


mutations = st.lists(
    st.tuples(
        st.sampled_from(["set", "insert", "delete"]),
        st.floats(0, 1),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=6,
)


def mutate(data: bytes, edits: list[tuple[str, float, bytes]], cut: float) -> bytes:
    out = bytearray(data)
    for kind, where, chunk in edits:
        at = int(where * len(out))
        if kind == "set":
            out[at : at + len(chunk)] = chunk
        elif kind == "insert":
            out[at:at] = chunk
        else:
            del out[at : at + len(chunk)]
    return bytes(out[: max(1, int(cut * len(out)))])


@pytest.mark.parametrize(
    ("suffix", "examples"), [(".xlsx", 40), (".xls", 10), (".ods", 10), (".csv", 60)]
)
def test_mutated_files_are_read_or_refused_with_one_error(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, examples: int
) -> None:
    directory = tmp_path_factory.mktemp("fuzz")
    original = seed(directory, suffix)
    target = directory / f"mutated{suffix}"

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(edits=mutations, cut=st.floats(0.5, 1))
    def read_mutated(edits: list[tuple[str, float, bytes]], cut: float) -> None:
        target.write_bytes(mutate(original, edits, cut))
        try:
            outcome = read_file(target)
        except YcsError:
            return
        assert outcome.tables

    read_mutated()
