"""The command line's argparse in Chinese: usage, headings, help and errors.

argparse writes its own words in English (“usage:”, “options”, “show this help message and
exit”, “invalid choice: …”). `ChineseParser` replaces every one of them: the headings and the
help of -h/--version are set here, and the error messages argparse builds are translated into
a sentence that starts with “错误：”, quotes with “…” and says what to do. Standard library only.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from collections.abc import Iterable

HELP = "显示本帮助并退出"
VERSION_HELP = "显示版本号并退出"


def _width(text: str) -> int:
    """Columns the text takes in a terminal (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


class ChineseHelpFormatter(argparse.HelpFormatter):
    """“用法：” instead of “usage:”, and columns aligned by display width, not characters."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            # argparse measured len(); widen the column to what the terminal shows.
            invocations = [self._format_action_invocation(action)]
            invocations += [
                self._format_action_invocation(s) for s in self._iter_indented_subactions(action)
            ]
            longest = max(_width(i) for i in invocations) + self._current_indent
            self._action_max_length = max(self._action_max_length, longest)

    def _format_action(self, action: argparse.Action) -> str:
        # As argparse's own, with the header padded to its display width.
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        if not action.help:
            parts = [f"{indent}{header}\n"]
            lines: list[str] = []
        elif _width(header) <= action_width:
            lines = self._split_lines(self._expand_help(action), help_width)
            parts = [f"{indent}{_pad(header, action_width)}  {lines[0]}\n"]
            lines = lines[1:]
        else:
            lines = self._split_lines(self._expand_help(action), help_width)
            parts = [f"{indent}{header}\n"]
        parts += [f"{' ' * help_position}{line}\n" for line in lines]
        for subaction in self._iter_indented_subactions(action):
            parts.append(self._format_action(subaction))
        return self._join_parts(parts)

    def format_help(self) -> str:
        # argparse ends a heading with an ASCII colon; a Chinese heading takes “：”.
        return _HEADING.sub(r"\1：", super().format_help())

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))

    def _split_lines(self, text: str, width: int) -> list[str]:
        # textwrap counts characters and breaks only at spaces; Chinese text breaks between any
        # two characters, and takes two columns each.
        lines: list[str] = []
        line = ""
        for token in _TOKEN.findall(" ".join(text.split())):
            if line and _width(line + token) > width and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(line)
        return lines


_HEADING = re.compile(r"^( *[^\x00-\x7f][^\n:]*):$", re.MULTILINE)
_NO_LINE_START = set("，。；：、）》”’！？")  # a line never starts with these (they may overhang)
_TOKEN = re.compile(
    r"[\x21-\x7e]+|\s|."
)  # a run of ASCII (a word, an option), a space, a character


def _quoted(text: str) -> str:
    """'abc' (a Python repr in argparse's message) → “abc”."""
    return re.sub(r"'([^']*)'", r"“\1”", text)


def _listing(text: str) -> str:
    """“'a', 'b'” or “a, b” → “a、b”."""
    return "、".join(part.strip().strip("'") for part in text.split(","))


def _options(text: str) -> str:
    """The option names of a message (“-o/--output”, “--sample --case”) joined with “、”."""
    return "、".join(text.replace(",", " ").split())


_Translation = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

# argparse's messages (Python 3.11–3.13) and what to say instead; the first match wins.
_MESSAGES: tuple[_Translation, ...] = (
    (
        re.compile(r"^the following arguments are required: (.+)$"),
        lambda m: f"缺少必需的参数：{_options(m[1])}。",
    ),
    (
        re.compile(r"^one of the arguments (.+) is required$"),
        lambda m: f"请在 {_options(m[1])} 中指定一个。",
    ),
    (
        re.compile(r"^unrecognized arguments: (.+)$"),
        lambda m: f"不认识的参数“{m[1]}”。",
    ),
    (
        re.compile(r"^ambiguous option: (\S+) could match (.+)$"),
        lambda m: f"选项“{m[1]}”不完整，可能是 {_options(m[2])}，请写全。",
    ),
    (
        re.compile(
            r"^argument (命令|[^:]*command[^:]*): invalid choice: '(.*)' \(choose from (.+)\)$"
        ),
        lambda m: f"没有命令“{m[2]}”。可用的命令：{_listing(m[3])}。",
    ),
    (
        re.compile(r"^argument (.+?): invalid choice: '(.*)' \(choose from (.+)\)$"),
        lambda m: f"参数 {m[1]} 不能是“{m[2]}”，可选：{_listing(m[3])}。",
    ),
    (
        re.compile(r"^argument (.+?): invalid int value: '(.*)'$"),
        lambda m: f"参数 {m[1]} 应为整数，而给出的是“{m[2]}”。",
    ),
    (
        re.compile(r"^argument (.+?): invalid (\w+) value: '(.*)'$"),
        lambda m: f"参数 {m[1]} 的值“{m[3]}”无效。",
    ),
    (
        re.compile(r"^argument (.+?): not allowed with argument (.+)$"),
        lambda m: f"参数 {m[1]} 不能与 {m[2]} 同时使用，请只用其中一个。",
    ),
    (
        re.compile(r"^argument (.+?): expected one argument$"),
        lambda m: f"参数 {m[1]} 后面需要一个值。",
    ),
    (
        re.compile(r"^argument (.+?): expected at most one argument$"),
        lambda m: f"参数 {m[1]} 后面最多只能有一个值。",
    ),
    (
        re.compile(r"^argument (.+?): expected at least one argument$"),
        lambda m: f"参数 {m[1]} 后面至少需要一个值。",
    ),
    (
        re.compile(r"^argument (.+?): expected (\d+) arguments?$"),
        lambda m: f"参数 {m[1]} 后面需要 {m[2]} 个值。",
    ),
    (
        re.compile(r"^argument (.+?): ignored explicit argument '(.*)'$"),
        lambda m: f"参数 {m[1]} 不带值，而给出了“{m[2]}”。",
    ),
)


def chinese_message(message: str) -> str:
    """The Chinese sentence for an English error message of argparse (quotes become “…”)."""
    for pattern, sentence in _MESSAGES:
        match = pattern.match(message)
        if match:
            return sentence(match)
    return f"命令参数有误（{_quoted(message)}）。"


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose every word is Chinese; sub-commands get one too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False  # the Chinese -h/--help below instead
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help=HELP)

    def add_subparsers(self, **kwargs: Any) -> argparse._SubParsersAction[Any]:
        kwargs.setdefault("parser_class", ChineseParser)
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"错误：{chinese_message(message)}请运行“{self.prog} --help”查看用法。\n")
