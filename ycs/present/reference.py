"""Markdown reference of the input fields, generated from the catalogue for the README."""

from __future__ import annotations

from ycs.check.fields import FIELDS, Field, FieldType, SheetKind

BEGIN = (
    "<!-- fields:begin (generated from ycs/check/fields.py;"
    " `python -m ycs.present.reference` updates it) -->"
)
END = "<!-- fields:end -->"

_TYPE_TEXT = {
    FieldType.CODE: "code({width})",
    FieldType.TEXT: "text",
    FieldType.BOOL: "Có/Không",
    FieldType.PERIOD: "period",
    FieldType.PCT: "% (0–100)",
}


def type_text(f: Field) -> str:
    if f.type in (FieldType.INT, FieldType.NUM):
        base = "integer" if f.integer else "number"
        low = "" if f.minimum is None else f" ≥ {f.minimum:g}"
        high = "" if f.maximum is None else f" ≤ {f.maximum:g}"
        return base + (low + "," + high if low and high else low or high)
    return _TYPE_TEXT[f.type].format(width=f.width)


def _over_time(f: Field) -> str:
    """Only the fields with values: codes, names and periods do not combine over time."""
    if not (f.numeric or f.type is FieldType.BOOL):
        return ""
    return "flow (summed)" if f.over_time == "flow" else "stock (latest)"


def fields_table(kind: SheetKind) -> str:
    lines = [
        "| field | header (vi) | also matches | type | over time | required |",
        "|---|---|---|---|---|---|",
    ]
    for f in FIELDS[kind]:
        aliases = ", ".join(f.aliases)
        required = "yes" if f.required else ""
        typed = f"{type_text(f)} | {_over_time(f)}"
        lines.append(f"| `{f.name}` | {f.header} | {aliases} | {typed} | {required} |")
    return "\n".join(lines)


def fields_reference() -> str:
    return "\n".join(
        [
            BEGIN,
            "### Commune sheet (one row per commune per period)",
            "",
            fields_table("commune"),
            "",
            "### District sheet (one row per district or regional health centre per period)",
            "",
            fields_table("district"),
            END,
        ]
    )


def update_readme(text: str) -> str:
    """The README text with its generated field reference replaced by the current one."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + fields_reference() + text[end:]


if __name__ == "__main__":
    from pathlib import Path

    readme = Path(__file__).resolve().parents[2] / "README.md"
    readme.write_text(update_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
