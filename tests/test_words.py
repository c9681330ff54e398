"""The language catalogues: the same keys in every language, and no words outside them."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from ycs.errors import Finding
from ycs.present.messages import finding_message
from ycs.words import CATALOGUES, count_words, default_lang, missing_keys, say

PACKAGE = Path(__file__).resolve().parents[1] / "ycs"
# Letters only Vietnamese uses (with their tone marks): a literal holding one is Vietnamese.
VIETNAMESE = re.compile(
    r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõãĩũ]", re.IGNORECASE
)
WORD = re.compile(r"[^\W\d_]{2,}")
# Three words or more in a row, as a sentence, a heading or a label is written.
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z']+){2,}")
# Vocabulary of the input, not of the output: the field catalogue (headings, aliases, English
# headings), the words the readers recognise in titles, headers and names, and the forms'
# own printed words that the readers must find again.
INPUT_VOCABULARY = {
    "check/fields.py",
    "read/headers.py",
    "read/vertical.py",
    "place/registry.py",
    "present/document_names.py",
    "present/reference.py",
    "present/template_vertical.py",
    # The source of the reader's child process.
    "read/isolated.py",
}
# Style sheets (html.py: the report heading's and the page's): font names, not words.
STYLE_SHEETS = {
    "present/html.py": 2,
    "present/quality_export.py": 1,
    "present/template.py": 1,
    "present/xlsx.py": 1,
}
# A literal is a pattern, not words, when it is handed to the regular-expression engine.
REGEX_CALLS = {"compile", "search", "match", "fullmatch", "sub", "split", "findall", "finditer"}


def sentences(source: str) -> list[str]:
    """The literals of `source` that read as words for a person: Vietnamese with two words or
    more, or three English words in a row. Docstrings, patterns and the messages of
    exceptions raised for programmers are not shown to users."""
    tree = ast.parse(source)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        ):
            exempt.add(id(node.body[0].value))
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in REGEX_CALLS:
                exempt.update(id(sub) for sub in ast.walk(node.args[0]))
        if isinstance(node, ast.Raise) and node.exc is not None:
            name = getattr(getattr(node.exc, "func", None), "id", "")
            if name in {"AttributeError", "TypeError", "ValueError", "AssertionError"}:
                exempt.update(id(sub) for sub in ast.walk(node.exc))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        text = node.value
        if id(node) in exempt:
            continue
        if (VIETNAMESE.search(text) and len(WORD.findall(text)) >= 2) or (
            not VIETNAMESE.search(text) and ENGLISH.search(text)
        ):
            found.append(text)
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('x = "Không tìm thấy tệp"', ["Không tìm thấy tệp"]),
        ('x = "No such file here"', ["No such file here"]),
        ('x = say("error.file_not_found", lang, path=p)', []),
        ('x = "%s/%s" % (a, b)', []),
        ('x = re.compile(r"tổng cộng|tổng số")', []),
        ('def f():\n    """Says what the function does."""', []),
        ('raise TypeError("not a mapping of fields")', []),
        ('x = {"vi": "Đạt"}', []),
    ],
    ids=["vietnamese", "english", "key", "format", "pattern", "docstring", "programmer", "word"],
)
def test_the_sentence_finder(source: str, expected: list[str]) -> None:
    assert sentences(source) == expected


def test_no_sentences_outside_the_catalogue() -> None:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name.startswith("words/") or name in INPUT_VOCABULARY:
            continue
        count = len(sentences(path.read_text(encoding="utf-8")))
        allowed = STYLE_SHEETS.get(name, 0)
        if count > allowed:
            found[name] = sentences(path.read_text(encoding="utf-8"))
    assert found == {}, "put these words in ycs/words/vi.py and en.py"


def complete(catalogues: Mapping[str, Mapping[str, str]]) -> None:
    """What the suite asks of every registered language: the keys of `vi`, no other, and the
    same placeholders in each text."""
    fields = re.compile(r"{(\w+)}")
    for lang, catalogue in catalogues.items():
        assert missing_keys(catalogue) == set(), lang
        assert set(catalogue) == set(catalogues["vi"]), lang
        for key, text in catalogues["vi"].items():
            assert set(fields.findall(text)) == set(fields.findall(catalogue[key])), (lang, key)


def test_every_language_has_every_key() -> None:
    complete(CATALOGUES)


def third_language(**changes: str | None) -> dict[str, str]:
    """A third language made from the English one, with `changes` (None drops a key)."""
    catalogue = dict(CATALOGUES["en"])
    for key, text in changes.items():
        if text is None:
            del catalogue[key]
        else:
            catalogue[key] = text
    return catalogue


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"label.met": None}, "fr"),
        (
            {"finding.not_a_number": "« {valeur} » n’est pas un nombre"},
            "('fr', 'finding.not_a_number')",
        ),
        ({"label.encore": "encore"}, "fr"),
    ],
    ids=["missing-key", "other-placeholder", "extra-key"],
)
def test_a_third_language_with_a_gap_fails_the_check(
    changes: dict[str, str | None], expected: str
) -> None:
    with pytest.raises(AssertionError, match=re.escape(expected)):
        complete({**CATALOGUES, "fr": third_language(**changes)})
    assert missing_keys(third_language(**{"label.met": None})) == {"label.met"}
    complete({**CATALOGUES, "fr": third_language()})


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [("en", 1, "1 error"), ("en", 5, "5 errors"), ("en", 0, "0 errors"), ("vi", 5, "5 lỗi")],
)
def test_counts_have_the_right_plural(lang: str, count: int, expected: str) -> None:
    assert count_words("count.error", count, lang) == expected  # type: ignore[arg-type]


def test_no_text_is_made_per_language_outside_the_catalogue() -> None:
    # `name_vi`/`name_en` params would be words made outside the catalogue, one per language.
    per_language = [
        key
        for catalogue in CATALOGUES.values()
        for key, text in catalogue.items()
        if re.search(r"_(vi|en)}", text)
    ]
    assert per_language == []


def test_unknown_placeholders_stay_visible() -> None:
    assert say("label.more_in_validate", "en") == "… and {count} more (see: ycs validate)"


def test_no_language_tests_outside_the_catalogue() -> None:
    tests = re.compile(r"""lang\s*[!=]=\s*["'](vi|en)["']""")
    found = [
        path.name
        for path in sorted(PACKAGE.rglob("*.py"))
        if "words" not in path.parts and tests.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("count", "en", "vi"),
    [
        (1, "Unit 04243 lacks 1 month of period 2024-Q4: 10", "Đơn vị 04243 thiếu 1 tháng"),
        (2, "Unit 04243 lacks 2 months of period 2024-Q4: 10, 11", "Đơn vị 04243 thiếu 2 tháng"),
    ],
)
def test_a_finding_is_worded_by_its_count(count: int, en: str, vi: str) -> None:
    missing = ", ".join(["10", "11"][:count])
    params = {"count": count, "period": "2024-Q4", "missing": missing}
    finding = Finding("incomplete_period", value="04243", params=params)
    assert finding_message(finding, "en") == en
    assert finding_message(finding, "vi").startswith(vi)
    assert count_words("count.data_row", 1, "en", number="1") == "1 data row"
    assert count_words("count.sheet", 2, "en") == "2 sheets"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("en_GB.UTF-8", "en"),
        (" EN ", "en"),
        ("vi_VN", "vi"),
        ("", "vi"),
        ("fr", "vi"),
    ],
)
def test_ycs_lang_picks_the_default(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    monkeypatch.setenv("YCS_LANG", value)
    assert default_lang() == expected
