"""Parsing a workbook in a child process with bounded memory and time.

python-calamine sizes its grids from what a file declares and aborts the whole process
when an allocation fails. The .xls and .ods formats cannot be checked cheaply before they
are parsed, so they are parsed here: a hostile file can then only end the child, which is
reported as one line. The child imports python-calamine and nothing of the pipeline.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ycs.errors import YcsError
from ycs.text import shown_path

if TYPE_CHECKING:
    from ycs.read.workbook import SheetCells, WorkbookFormat

# Address space of the child; its interpreter and calamine take ~60 MB of it.
MEMORY_LIMIT = 1 << 30
TIME_LIMIT_SECONDS = 60.0


def load(path: Path, fmt: WorkbookFormat) -> list[SheetCells]:
    """The sheets of `path`, parsed in a child process."""
    command = [sys.executable, "-I", "-S", "-c", _CHILD, fmt]
    # The folder holding the ycs package comes first: an editable install finds it through
    # an import hook that -S leaves out.
    package_root = str(Path(__file__).resolve().parent.parent.parent)
    env = {"YCS_PARENT_PATH": os.pathsep.join([package_root, *(p for p in sys.path if p)])}
    try:
        done = subprocess.run(
            [*command, os.fsencode(path)],
            capture_output=True,
            timeout=TIME_LIMIT_SECONDS,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise YcsError(
            "over_time_limit", path=shown_path(path), seconds=int(TIME_LIMIT_SECONDS)
        ) from exc
    except OSError as exc:
        raise YcsError("internal_error", detail=f"{type(exc).__name__}: {exc}") from exc
    if done.returncode != 0 or not done.stdout:
        killed = done.returncode < 0 and done.returncode != -signal.SIGINT
        # Out of memory shows as an abort or a MemoryError (exit 3), never as a message.
        if killed or done.returncode == 3:
            raise YcsError("out_of_memory", path=shown_path(path))
        raise YcsError("internal_error", detail=done.stderr.decode("utf-8", "replace")[-300:])
    # Written by our own child, below; the file's cells are data inside it.
    kind, *content = pickle.loads(done.stdout)
    if kind == "error":
        key, params = content
        raise YcsError(key, **params)
    sheets: list[SheetCells] = content[0]
    return sheets


def child(fmt: WorkbookFormat, path: Path) -> None:
    """The child's work: parse, then write the sheets (or the YcsError) to stdout."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from ycs.read.workbook import parse_sheets

    try:
        outcome: tuple[object, ...] = ("sheets", parse_sheets(path, fmt))
    except YcsError as error:
        outcome = ("error", error.key, error.params)
    except MemoryError:
        os._exit(3)
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        os._exit(3)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    os._exit(0)


# -I -S keep the child away from the user's environment; the parent's import path finds ycs.
_CHILD = """
import os, sys
sys.path[:0] = os.environ["YCS_PARENT_PATH"].split(os.pathsep)
from pathlib import Path
from ycs.read.isolated import child
child(sys.argv[1], Path(sys.argv[2]))
"""
