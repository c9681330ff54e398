"""The `ycs` console script: the command line run as a one-shot process.

A national workbook takes seconds to load, most of them inside python-calamine with the
interpreter lock released. The first workbook named on the command line starts loading
here, before the command-line and data libraries are imported, so the two overlap.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

# The commands whose first argument is a file to read.
_READING_COMMANDS = frozenset({"check", "validate"})


def run() -> None:
    # A check makes millions of cell objects but few reference cycles: the cyclic collector
    # would walk them hundreds of times for nothing (0.3 s on a national workbook).
    gc.disable()
    # ycs's pydantic models only check its indicators file: no plugin installed beside it
    # has business there, and looking for plugins reads the metadata of every installed
    # package (0.05–0.08 s of each run). Set the variable to override.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _start_loading(sys.argv[1:])
    from ycs.cli import app

    try:
        app(prog_name="ycs")
        code: object = 0
    except SystemExit as done:
        code = done.code
    if not isinstance(code, int | None):
        raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader of a pipe went away: nothing left to tell it
        pass
    # Every output file is closed by now. Leaving without freeing those objects one by one
    # saves 0.2 s; a workbook still loading for a run that stopped early is abandoned.
    os._exit(code or 0)


def _start_loading(args: list[str]) -> None:
    """Prefetch the file in `ycs check FILE …` or `ycs validate FILE …`. Only the plain
    form is recognised; anything else is left to the command, which prefetches it later."""
    if len(args) < 2 or args[0] not in _READING_COMMANDS or args[1].startswith("-"):
        return
    first = Path(args[1])
    if first.is_file():
        from ycs.read.sources import start_early

        start_early(first)
