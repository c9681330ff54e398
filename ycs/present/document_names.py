"""How Vietnamese documents and administrative units are named: read from plan documents and
organisation names to give a sheet its short name and a signature line its place."""

from __future__ import annotations

import re

# Unit types dropped when a unit's name becomes the place of a signature line.
_UNIT_TYPES = re.compile(
    r"^(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|xã|phường|trung tâm y tế)\s+",
    re.IGNORECASE,
)


def without_unit_type(name: str) -> str:
    """ "Yên Bái" from "Tỉnh Yên Bái"."""
    return _UNIT_TYPES.sub("", name).strip()


def place_in_name(organisation: str) -> str:
    """ "Yên Bái" from "Sở Y tế tỉnh Yên Bái": the words after the last unit type."""
    match = _PLACE_IN_NAME.search(organisation)
    return match.group(1).strip() if match else ""


_PLACE_IN_NAME = re.compile(r"(?:tỉnh|thành phố|huyện|quận|thị xã)\s+(.+)$", re.IGNORECASE)


def plan_short_name(document: str, name: str, year: int | None) -> str:
    """ "KH 197-2020" from "Kế hoạch 197/KH-UBND …" and the deadline: a tab a person
    recognises. Without a numbered document, the words before any colon."""
    match = _DOCUMENT.search(document) or _DOCUMENT.search(name)
    if match:
        short = f"{_KINDS[match.group(1).casefold()]} {match.group(2)}"
    else:
        short = (document or name).split(":")[0].strip()[:24].strip()
    if year is not None and str(year) not in short:
        short = f"{short}-{year}"
    return short


_KINDS = {
    "kế hoạch": "KH",
    "quyết định": "QĐ",
    "nghị quyết": "NQ",
    "chỉ thị": "CT",
    "thông tư": "TT",
    "công văn": "CV",
    "nghị định": "NĐ",
    "kh": "KH",
    "qđ": "QĐ",
    "nq": "NQ",
}
_DOCUMENT = re.compile(
    r"\b(kế hoạch|quyết định|nghị quyết|chỉ thị|thông tư|công văn|nghị định|kh|qđ|nq)"
    r"\s+(?:số\s+)?(\d+)",
    re.IGNORECASE,
)
