"""Text that came from a file (cells, sheet and file names, YAML names) made safe to show.

Such text is data: every output shows it literally. Control characters (an escape sequence
would clear or recolour a terminal) and bidirectional overrides (U+202E turns "exe.txt"
into "txt.exe" on screen) are shown as visible codes; Markdown and HTML get their own escape.
"""

from __future__ import annotations

import html
import re

# C0 and C1 controls except tab and line feed, DEL, and the bidirectional formatting
# characters (embeddings, overrides, isolates, marks).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Inside a table cell these start a construct (link, image, emphasis, code, cell end);
# `<` and `&` (a tag, an entity) are written as entities, which Markdown shows literally.
# Underscores stay: ycs's own codes hold them, and inside a word they never emphasise.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]|~])")


def _code(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def visible(text: str) -> str:
    """ "a\x1b[2Jb" → "a<U+001B>[2Jb": nothing in `text` can act on the screen."""
    return _INVISIBLE.sub(_code, text.replace("\t", " "))


def markdown_text(text: str) -> str:
    """Literal in Markdown (and in the HTML it becomes): no link, tag, emphasis or cell break."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(visible(text).split()))
    return escaped.replace("&", "&amp;").replace("<", "&lt;")


def html_text(text: str) -> str:
    """Literal in an HTML page or attribute."""
    return html.escape(visible(text), quote=True)
