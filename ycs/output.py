"""Writing output files safely: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path

from ycs.errors import YcsError
from ycs.text import shown_path


def write_atomically(
    path: Path, write: Callable[[Path], None], inputs: Collection[Path] = ()
) -> None:
    """Call `write` on a temporary file next to `path`, then rename it over `path`.

    A reader never sees a half-written file, and a failed run leaves the previous file
    (and no temporary file) behind. Writing over one of the `inputs` is refused.
    """
    _refuse_inputs(path, inputs)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent
        )
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        # mkstemp makes the file private (0600); an office share needs the usual mode.
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    finally:
        temporary.unlink(missing_ok=True)


def _refuse_inputs(path: Path, inputs: Collection[Path]) -> None:
    target = path.resolve()
    for source in inputs:
        if source.resolve() == target or _same_file(path, source):
            raise YcsError("output_is_input", path=shown_path(path))


def _same_file(first: Path, second: Path) -> bool:
    """Hard links and other aliases that resolve() cannot see."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the default from the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _unwritable(path: Path, exc: OSError) -> YcsError:
    return YcsError("output_unwritable", path=shown_path(path), reason=exc.strerror or str(exc))
