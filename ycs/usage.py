"""Help pages and usage errors in the user's language, drawn from the catalogues.

The language is read from the arguments themselves (`--lang en`) or YCS_LANG before the
help is written or the arguments are parsed, so `ycs check --lang en --help` and a mistyped
option in an English run are English, and everything else Vietnamese. Help texts are
looked up by command and parameter name: `help.<command>.<param>`, else `help.param.<param>`.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable, Sequence
from difflib import get_close_matches
from enum import Enum
from typing import Any

from typer import core as typer_core
from typer._click import Command, Context, HelpFormatter
from typer._click import exceptions as click_errors

from ycs.present.shown import visible
from ycs.words import Lang, as_lang, count_words, default_lang, has, say

USAGE_ERROR = 2
NO_BREAK = "\u00a0"


def lang_from_args(args: Sequence[str]) -> Lang:
    """`--lang en` / `--lang=en` anywhere before `--` (the last one, as the parser takes
    it), else YCS_LANG, else Vietnamese."""
    found: Lang | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        found = as_lang(value or "") or found
    return found if found is not None else default_lang()


def lang_after_command(args: Sequence[str], commands: Collection[str]) -> list[str]:
    """`ycs --lang en check f.xlsx` read as `ycs check --lang en f.xlsx`: every command takes
    --lang, and it may stand before the command's name too. With no command, `ycs --lang en`
    alone asks for the help page, in that language."""
    before: list[str] = []
    langs: list[str] = []
    values: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--lang" and index + 1 < len(args):
            langs += args[index : index + 2]
            values.append(args[index + 1])
            index += 2
            continue
        if arg.startswith("--lang="):
            langs.append(arg)
            values.append(arg.partition("=")[2])
        elif arg in commands:
            return [*before, arg, *langs, *args[index + 1 :]]
        elif arg == "--" or not arg.startswith("-"):
            break  # no command's name: the group says so, with --lang where it was
        else:
            before.append(arg)
        index += 1
    if langs and not before and index == len(args) and all(as_lang(v) for v in values):
        return []
    return list(args)


class UsageMistake(click_errors.UsageError):
    """A usage error of ycs's own, carried as a catalogue key and its parameters."""

    def __init__(self, key: str, ctx: Context | None, /, **params: Any) -> None:
        super().__init__(key, ctx)
        self.key = key
        self.params = params


class _Localised:
    """What a command needs to write its help in one language."""

    lang: Lang = "vi"


def _param_help(command: str, param: Any, lang: Lang) -> str:
    for key in (f"help.{command}.{param.name}", f"help.param.{param.name}"):
        if has(key):
            return say(key, lang)
    return ""


def _choices(param: Any) -> list[str] | None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not descriptor.is_choice or descriptor.choices is None:
        return None
    return [str(c.value) if isinstance(c, Enum) else str(c) for c in descriptor.choices]


def _metavar(param: Any, lang: Lang, *, repeat: bool = True) -> str:
    """ "TỆP", "KỲ", or the choices themselves ("commune|district|province")."""
    key = f"metavar.{param.name}"
    name = say(key, lang) if has(key) else "|".join(_choices(param) or [param.name.upper()])
    return name + ("..." if repeat and _is_argument(param) and param.nargs != 1 else "")


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


def _is_flag(param: Any) -> bool:
    return bool(getattr(param, "is_flag", False))


def _option_names(param: Any) -> str:
    return ", ".join(sorted(param.opts, key=lambda opt: opt.startswith("--")))


def _long_name(param: Any) -> str:
    return str(max(param.opts, key=len))


def _default_text(param: Any) -> str | None:
    default = param.default
    if _is_argument(param) or _is_flag(param) or default in (None, "", (), []):
        return None
    return str(default.value if isinstance(default, Enum) else default)


def _help_rows(command: str, params: Iterable[Any], lang: Lang) -> list[tuple[str, str]]:
    rows = []
    for param in params:
        if getattr(param, "hidden", False):
            continue
        if _is_argument(param):
            name = _metavar(param, lang)
        else:
            name = _option_names(param) + ("" if _is_flag(param) else " " + _metavar(param, lang))
        extra = []
        if (default := _default_text(param)) is not None:
            extra.append(say("help.default", lang, value=default))
        if param.required:
            extra.append(say("help.required", lang))
        text = _param_help(command, param, lang)
        if extra:
            # No break inside "[mặc định: province]": it reads as one piece.
            note = "[" + "; ".join(extra).replace(" ", NO_BREAK) + "]"
            text = f"{text}  {note}" if text else note
        rows.append((name, text))
    return rows


def _write_help(
    command: typer_core.TyperCommand | typer_core.TyperGroup,
    ctx: Context,
    formatter: HelpFormatter,
    lang: Lang,
) -> None:
    name = command.name if isinstance(command, typer_core.TyperCommand) else "app"
    name = name or "app"
    params = command.get_params(ctx)
    pieces = [say("help.options_metavar", lang)]
    pieces += [_metavar(p, lang) for p in params if _is_argument(p)]
    if isinstance(command, typer_core.TyperGroup):
        pieces.append(say("help.command_metavar", lang))
    formatter.write_usage(ctx.command_path, " ".join(pieces), say("help.usage", lang) + " ")
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(say(f"help.command.{name}", lang))
        formatter.write_paragraph()
        formatter.write_text(say("help.example", lang, example=say(f"help.example.{name}", lang)))
    arguments = _help_rows(name, (p for p in params if _is_argument(p)), lang)
    options = _help_rows(name, (p for p in params if not _is_argument(p)), lang)
    for heading, rows in (("arguments", arguments), ("options", options)):
        if rows:
            with formatter.section(say(f"help.section.{heading}", lang)):
                formatter.write_dl(rows)
    if isinstance(command, typer_core.TyperGroup):
        commands = [(sub, say(f"help.command.{sub}", lang)) for sub in command.commands]
        with formatter.section(say("help.section.commands", lang)):
            formatter.write_dl(commands)


class YcsCommand(_Localised, typer_core.TyperCommand):
    """A command whose help and usage errors speak the run's language."""

    # Extra arguments are refused below, in words of the catalogue.
    allow_extra_args = True

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _write_help(self, ctx, formatter, self.lang)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, args)
        except click_errors.UsageError as error:
            # The option parser raises without a context: the line names this command.
            if error.ctx is None:
                error.ctx, error.cmd = ctx, self
            raise
        if rest and not ctx.resilient_parsing:
            raise UsageMistake(
                "usage.extra_arguments",
                ctx,
                count=len(rest),
                arguments=" ".join(rest),
            )
        return rest


class YcsGroup(_Localised, typer_core.TyperGroup):
    """`ycs` itself: finds the language first, then runs the command and turns every usage
    error into one line of the catalogue on stderr, exit 2 (SPEC §5.2)."""

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _write_help(self, ctx, formatter, self.lang)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name = args[0]
        # A name that starts with "-" comes after `--`: no option, an unknown command.
        if name not in self.commands and not ctx.resilient_parsing:
            close = get_close_matches(name, list(self.commands))
            raise UsageMistake(
                "usage.no_such_command",
                ctx,
                name=name,
                commands=", ".join(self.commands),
                suggestion=close[0] if close else "",
            )
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        # Options but no command (`ycs --`): typer would fail in English.
        if not ctx._protected_args and not self.invoke_without_command:
            raise UsageMistake("usage.missing_command", ctx, commands=", ".join(self.commands))
        return super().invoke(ctx)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        lang = lang_from_args(arguments)
        arguments = lang_after_command(arguments, self.commands)
        self.lang = lang
        for command in self.commands.values():
            if isinstance(command, _Localised):
                command.lang = lang
        try:
            code = super().main(
                arguments, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except click_errors.NoArgsIsHelpError as error:
            if not standalone_mode:
                raise
            sys.stderr.write(error.ctx.get_help() + "\n")
            sys.exit(USAGE_ERROR)
        except click_errors.UsageError as error:
            if not standalone_mode:
                raise
            sys.stderr.write(visible(usage_error_line(error, lang)) + "\n")
            sys.exit(USAGE_ERROR)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def usage_error_line(error: click_errors.UsageError, lang: Lang) -> str:
    """ "ycs check: --level không nhận “tinh”; chọn một trong: … (xem: ycs check --help)"."""
    command = error.ctx.command_path if error.ctx is not None else "ycs"
    return say("usage.line", lang, command=command, message=_usage_message(error, lang))


def _usage_message(error: click_errors.UsageError, lang: Lang) -> str:
    if isinstance(error, UsageMistake):
        params = dict(error.params)
        if error.key == "usage.extra_arguments":
            return count_words(error.key, params.pop("count"), lang, **params)
        if error.key == "usage.no_such_command" and params["suggestion"]:
            suggestion = say("usage.did_you_mean", lang, names=params["suggestion"])
            return say(error.key, lang, **params) + "; " + suggestion
        return say(error.key, lang, **params)
    if isinstance(error, click_errors.NoSuchOption):
        message = say("usage.no_such_option", lang, option=error.option_name)
        if error.possibilities:
            names = ", ".join(sorted(error.possibilities))
            message += "; " + say("usage.did_you_mean", lang, names=names)
        return message
    if isinstance(error, click_errors.MissingParameter) and error.param is not None:
        if _is_argument(error.param):
            name = _metavar(error.param, lang, repeat=False)
            return say("usage.missing_argument", lang, name=name)
        return say("usage.missing_option", lang, option=_long_name(error.param))
    if isinstance(error, click_errors.BadParameter) and error.param is not None:
        option = (
            _metavar(error.param, lang, repeat=False)
            if _is_argument(error.param)
            else _long_name(error.param)
        )
        value = _bad_value(error)
        choices = _choices(error.param)
        if choices:
            return say(
                "usage.bad_choice", lang, option=option, value=value, choices=", ".join(choices)
            )
        return say("usage.bad_value", lang, option=option, value=value)
    if isinstance(error, click_errors.BadOptionUsage):
        flag = error.ctx is not None and any(
            error.option_name in param.opts and _is_flag(param)
            for param in error.ctx.command.params
        )
        key = "usage.takes_no_value" if flag else "usage.needs_value"
        return say(key, lang, option=error.option_name)
    return say("usage.invalid", lang, detail=error.format_message())


def _bad_value(error: click_errors.BadParameter) -> str:
    """The value the user typed: the coercion that refused it kept it as its input."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors()
        if found and "input" in found[0]:
            return str(found[0]["input"])
    return ""
