"""The language catalogues: the same keys in every language, and no words outside them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ycs.words import CATALOGUES, LANGS, count_words, missing_keys, say

PACKAGE = Path(__file__).resolve().parents[1] / "ycs"
# Letters only Vietnamese uses (with their tone marks): a literal holding one is Vietnamese.
VIETNAMESE = re.compile(
    r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõãĩũ]", re.IGNORECASE
)
# Vocabulary of the input, not of the output: the headings forms print (matched, and the
# field catalogue's own names) and the words cells are parsed from.
INPUT_VOCABULARY = {
    "fields.py",
    "headers.py",
    "text.py",
    "reference.py",
    "registry.py",
    "document_names.py",
}
# Sentences still built outside the catalogue, per module; the count may only go down.
NOT_YET_MOVED = {
    "definitions.py": 23,
    "readers.py": 3,
    "cli.py": 2,
    "formula.py": 2,
    "template.py": 5,
    "textfiles.py": 1,
}


def test_every_language_has_every_key() -> None:
    for lang in LANGS:
        assert missing_keys(CATALOGUES[lang]) == set(), lang
        assert set(CATALOGUES[lang]) == set(CATALOGUES["vi"]), lang


def test_a_catalogue_missing_a_key_is_caught() -> None:
    third = {key: text for key, text in CATALOGUES["en"].items() if key != "label.met"}
    assert missing_keys(third) == {"label.met"}


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [("en", 1, "1 error"), ("en", 5, "5 errors"), ("en", 0, "0 errors"), ("vi", 5, "5 lỗi")],
)
def test_counts_have_the_right_plural(lang: str, count: int, expected: str) -> None:
    assert count_words("count.error", count, lang) == expected  # type: ignore[arg-type]


def test_placeholders_are_the_same_in_every_language() -> None:
    # `detail_vi`/`detail_en`: words still made outside the catalogue, passed in per language.
    fields = re.compile(r"{(\w+?)(?:_vi|_en)?}")
    for key, text in CATALOGUES["vi"].items():
        assert set(fields.findall(text)) == set(fields.findall(CATALOGUES["en"][key])), key
    per_language = [key for key, text in CATALOGUES["vi"].items() if re.search(r"_vi}", text)]
    assert len(per_language) <= 6, per_language


def test_unknown_placeholders_stay_visible() -> None:
    assert say("label.more_in_validate", "en") == "… and {count} more (see: ycs validate)"


def _vietnamese_literals(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and VIETNAMESE.search(node.value)
    )


def test_no_vietnamese_sentences_outside_the_catalogue() -> None:
    found = {
        path.name: count
        for path in sorted(PACKAGE.glob("*.py"))
        if path.name not in INPUT_VOCABULARY
        and (count := _vietnamese_literals(path))
        and count > NOT_YET_MOVED.get(path.name, 0)
    }
    assert found == {}, "put these words in ycs/words/vi.py and en.py"


def test_no_language_tests_outside_the_catalogue() -> None:
    tests = re.compile(r"""lang\s*[!=]=\s*["'](vi|en)["']""")
    found = [
        path.name
        for path in sorted(PACKAGE.rglob("*.py"))
        if "words" not in path.parts and tests.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
