"""GitHub Actions annotations (`validate --format github`): one workflow command a finding."""

from __future__ import annotations

from ycs.errors import Severity
from ycs.present.messages import Lang, count_words, finding_message, say
from ycs.report import Report

# GitHub shows at most this many annotations per severity before the rest is counted.
GITHUB_ANNOTATIONS = 10
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_annotations(report: Report, lang: Lang) -> list[str]:
    """Workflow commands (::error file=…,line=…::message), at most 10 per severity."""
    lines: list[str] = []
    for severity, command in _COMMANDS.items():
        findings = [f for f in report.findings if f.severity is severity]
        for finding in findings[:GITHUB_ANNOTATIONS]:
            props = [f"file={_escape_property(finding.file or '')}"]
            if finding.row:
                props.append(f"line={finding.row}")
            if finding.column:
                props.append(f"col={_column_number(finding.column)}")
            props.append(f"title={_escape_property(finding.code)}")
            where = (
                f"{finding.sheet}!{finding.column or ''}{finding.row or ''}: "
                if finding.sheet
                else ""
            )
            message = _escape_data(where + finding_message(finding, lang))
            lines.append(f"::{command} {','.join(props)}::{message}")
        if len(findings) > GITHUB_ANNOTATIONS:
            more = len(findings) - GITHUB_ANNOTATIONS
            kind = say(f"label.{severity.value}", lang).lower()
            lines.append(_escape_data(count_words("github.more", more, lang, severity=kind)))
    return lines


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch.upper()) - 64
    return number


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
