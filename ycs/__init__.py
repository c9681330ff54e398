"""ycs: validate grassroots-health submissions and check them against government plan targets."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("ycs")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

if TYPE_CHECKING:
    from ycs.api import check_files, validate_files

__all__ = ["__version__", "check_files", "validate_files"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import ycs.fields` does not load pandas.
    if name in ("check_files", "validate_files"):
        from ycs import api

        return getattr(api, name)
    raise AttributeError(f"module 'ycs' has no attribute {name!r}")
