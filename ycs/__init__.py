"""ycs: validate grassroots-health submissions and check them against government plan targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The one place the version is written: pyproject.toml reads it from here.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from ycs.api import check_files, validate_files

__all__ = ["__version__", "check_files", "validate_files"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import ycs.check.fields` does not load pandas.
    if name in ("check_files", "validate_files"):
        from ycs import api

        return getattr(api, name)
    raise AttributeError(f"module 'ycs' has no attribute {name!r}")
