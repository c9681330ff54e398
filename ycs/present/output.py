"""Writing output files safely: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Collection
from pathlib import Path

from ycs.errors import YcsError
from ycs.text import shown_path

# A temporary file is `.{name}.ycs-{8 random characters}.tmp{suffix}` (tempfile.mkstemp):
# hidden, so a folder never reads it, and recognisable, so a later run can remove what a
# killed run left. Only files older than any run takes are removed: a younger one may
# belong to a run still writing.
_TEMPORARY = re.compile(r"\..*\.ycs-[a-z0-9_]{8}\.tmp(\.[A-Za-z0-9]{1,10})?")
STALE_SECONDS = 3600


def write_atomically(
    path: Path, write: Callable[[Path], None], inputs: Collection[Path] = ()
) -> None:
    """Call `write` on a temporary file next to `path`, then rename it over `path`.

    A reader never sees a half-written file, and a failed run leaves the previous file
    (and no temporary file) behind. Writing over one of the `inputs` is refused.
    """
    _refuse_inputs(path, inputs)
    remove_stale_temporaries(path.parent)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.stem}.ycs-", suffix=f".tmp{path.suffix}", dir=path.parent
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


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files an interrupted run left in `folder` (only ycs's own,
    only regular files, only stale ones). What cannot be removed stays, unmentioned: it
    is hidden and never read."""
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # the write that follows reports an unusable folder
    for entry in entries:
        if not _TEMPORARY.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
        except OSError:
            continue


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
