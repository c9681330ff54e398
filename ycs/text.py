"""Text folding shared by the header matcher and the value parsers."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and diacritics-insensitive form: "Đạt" → "dat", "KHÔNG" → "khong"."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").strip()


@lru_cache(maxsize=65536)
def normalise_header(text: str) -> str:
    """The form headers are compared in (SPEC §2.2).

    Folded, punctuation and whitespace collapsed to single spaces, and "y" read as "i"
    because Vietnamese spells "bác sĩ/bác sỹ" and "kĩ/kỹ thuật" both ways.
    """
    return _PUNCTUATION.sub(" ", fold(text)).strip().replace("y", "i")


def shown_path(path: Path | str) -> str:
    """A file name as text that any output can hold: bytes that are not UTF-8 (names from
    archives made on Windows) are shown as \\xNN escapes instead of breaking the output."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def os_reason(error: OSError) -> str:
    """What the operating system said, bounded (a message may quote a file name)."""
    reason = error.strerror or str(error)
    return reason if len(reason) <= 200 else reason[:200] + "…"
