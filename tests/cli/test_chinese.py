"""The command line speaks Chinese: --help of every command, every option's help, every error."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

import pytest

from desktop.cli import main
from desktop.cli.options import build_parser as _parser
from desktop.cli.parser import chinese_message
from tests.cli.test_cli import juesuan

if TYPE_CHECKING:
    from pathlib import Path

ENGLISH_HEADINGS = (
    "usage",
    "options",
    "positional arguments",
    "optional arguments",
    "show this help",
    "show program's version",
    "error:",
)
# ASCII words allowed in Chinese text: the program, its commands, file formats and products.
NAMES = {
    "juesuan", "json", "docx", "xlsx", "xls", "xlsm", "csv", "juesuan-case", "Word", "Excel",
    "PDF", "WPS", "JSON", "CSV", "LibreOffice", "UTF", "Sheet", "forms", "nmg", "unit",
    "functional_classification", "economic_classification", "sqlite3",
}  # fmt: skip


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"": parser, **sub.choices}


def _english_words(text: str, parser: argparse.ArgumentParser | None = None) -> set[str]:
    """ASCII words of a text that are neither names nor the parser's own options/commands."""
    known = set(NAMES)
    for p in _subparsers().values() if parser is None else [parser]:
        for action in p._actions:
            known.update(o.lstrip("-") for o in action.option_strings)
            known.update(str(c) for c in action.choices or ())
            known.add(str(action.dest))
    known.update(_subparsers())
    words = set(re.findall(r"[A-Za-z][A-Za-z_-]*[A-Za-z]", text))
    return words - known


@pytest.mark.parametrize("command", sorted(_subparsers()))
def test_help_of_every_command_is_chinese(command: str) -> None:
    parser = _subparsers()[command]
    text = parser.format_help()
    assert text.startswith("用法：juesuan")
    for heading in ENGLISH_HEADINGS:
        assert heading not in text.lower(), (command, heading)
    assert "选项：" in text
    assert _english_words(text) == set(), text


def test_help_printed_by_the_program(tmp_path: Path) -> None:
    for args in (("--help",), ("export", "--help"), ("import-codes", "-h")):
        shown = juesuan(*args)
        assert shown.returncode == 0
        assert shown.stdout.startswith("用法：juesuan")
        assert not any(h in shown.stdout.lower() for h in ENGLISH_HEADINGS), shown.stdout


@pytest.mark.parametrize("command", sorted(_subparsers()))
def test_every_option_has_help(command: str) -> None:
    for action in _subparsers()[command]._actions:
        assert action.help, (command, action.option_strings or action.dest)


def test_help_columns_line_up_with_chinese_metavars() -> None:
    lines = _subparsers()["export"].format_help().splitlines()
    from desktop.cli.parser import _width

    starts = set()
    for line in lines:
        match = re.match(r"^  (\S.*?\S)  +(\S)", line)
        if match and line.startswith("  -"):
            starts.add(_width(line[: match.start(2)]))
    assert len(starts) == 1, lines


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["frobnicate"], "没有命令“frobnicate”。可用的命令：export、versions、dump"),
        (["export", "--case", "x", "-o", "a.docx"], "参数 --case 应为整数，而给出的是“x”"),
        (["export", "--sample", "--case", "1", "-o", "a.docx"], "不能与 --sample 同时使用"),
        (["export", "--sample"], "缺少必需的参数：-o/--output"),
        (["export", "-o", "a.docx"], "请在 --sample、--case、--file 中指定一个"),
        (["export", "--sample", "-o"], "参数 -o/--output 后面需要一个值"),
        (["import-codes", "x.xlsx", "--table", "foo"], "参数 --table 不能是“foo”，可选："),
        (["check", "--list-rules", "--json=3"], "参数 --json 不带值，而给出了“3”"),
        (["list", "--bogus"], "不认识的参数“--bogus”"),
        (["--versio"], ""),  # an abbreviation argparse accepts: no error at all
    ],
)
def test_argument_errors_are_one_chinese_sentence(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    out, err = capsys.readouterr()
    if not says:
        assert exit_.value.code == 0
        assert out.startswith("决算公开助手 juesuan")
        return
    assert exit_.value.code == 2
    assert err.startswith("错误：")
    assert says in err
    assert "请运行“juesuan" in err
    assert "--help”查看用法。" in err
    assert "'" not in err
    assert _english_words(err) - set(re.findall(r"\w+", " ".join(args))) == set(), err


@pytest.mark.parametrize(
    ("message", "sentence"),
    [
        ("argument --table: invalid choice: 'x' (choose from 'a', 'b')", "参数 --table 不能是“x”，可选：a、b。"),
        ("argument --table: invalid choice: 'x' (choose from a, b)", "参数 --table 不能是“x”，可选：a、b。"),
        ("argument 命令: invalid choice: 'y' (choose from 'export', 'dump')", "没有命令“y”。可用的命令：export、dump。"),
        ("argument --year: expected at most one argument", "参数 --year 后面最多只能有一个值。"),
        ("argument --x: expected at least one argument", "参数 --x 后面至少需要一个值。"),
        ("argument --x: expected 2 arguments", "参数 --x 后面需要 2 个值。"),
        ("ambiguous option: --ex could match --export, --exclude", "选项“--ex”不完整，可能是 --export、--exclude，请写全。"),
        ("argument --when: invalid date value: '2024-13'", "参数 --when 的值“2024-13”无效。"),
        ("something 'new' in a later Python", "命令参数有误（something “new” in a later Python）。"),
    ],
)  # fmt: skip
def test_each_argparse_message_has_its_sentence(message: str, sentence: str) -> None:
    assert chinese_message(message) == sentence


def test_import_codes_errors_start_with_the_prefix(tmp_path: Path) -> None:
    result = juesuan("import-codes", str(tmp_path / "none.xlsx"))
    assert result.returncode == 2
    assert result.stderr.startswith("错误：找不到文件")
