"""The language catalogues: one module per language (vi, en), the same keys in each.

Every sentence, label and heading ycs shows is looked up here by key. Adding a language is
one new module with the keys of `vi`, registered here (Lang, LANGS, CATALOGUES) and offered
by --lang (LangChoice in ycs/cli.py); a test checks its keys and placeholders.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

from ycs.words import en, vi

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
CATALOGUES: Mapping[Lang, Mapping[str, str]] = {"vi": vi.WORDS, "en": en.WORDS}


def default_lang() -> Lang:
    """`YCS_LANG=en` (or `en_GB.UTF-8`) switches the default to English."""
    return as_lang(os.environ.get("YCS_LANG", "").strip().lower()[:2]) or "vi"


def as_lang(text: str) -> Lang | None:
    """The language `text` names ("vi", "en"), None when it names none."""
    return next((lang for lang in LANGS if lang == text), None)


class _Lenient(dict[str, Any]):
    """Leaves unknown placeholders visible instead of failing on a missing param."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# Values may come from a file (a cell, a YAML key): a message never formats more of one.
_MAX_PARAM_CHARS = 300


def say(key: str, lang: Lang, /, **params: Any) -> str:
    """The text of `key` in `lang`, its {placeholders} filled from `params`."""
    bounded = {
        name: value[:_MAX_PARAM_CHARS] + "…"
        if isinstance(value, str) and len(value) > _MAX_PARAM_CHARS
        else value
        for name, value in params.items()
    }
    return CATALOGUES[lang][key].format_map(_Lenient(bounded))


def count_words(key: str, count: int, lang: Lang, /, **params: Any) -> str:
    """ "1 error" / "5 errors": `key.one` for one, `key.other` for any other count."""
    return say(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **params)


def say_message(key: str, lang: Lang, /, **params: Any) -> str:
    """The message of a finding or error: `key.<variant>` when `params` name a variant (a
    fuller wording, e.g. with what to do), counted (`key.one`/`key.other`) when the
    catalogue words it by its `count`, else `key` itself."""
    variant = params.pop("variant", None)
    if variant:
        key = f"{key}.{variant}"
    if f"{key}.one" in CATALOGUES[lang] and "count" in params:
        return count_words(key, int(params.pop("count")), lang, **params)
    return say(key, lang, **params)


def has(key: str) -> bool:
    return key in CATALOGUES["vi"]


def missing_keys(catalogue: Mapping[str, str], reference: Lang = "vi") -> set[str]:
    """Keys of the reference catalogue that `catalogue` lacks (empty for a complete one)."""
    return set(CATALOGUES[reference]) - set(catalogue)
