"""A file that is not an interchange file at all gets its own Chinese sentence, never JSON's English."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from desktop.storage.interchange import NotACaseFileError, case_file_text, loads_case

if TYPE_CHECKING:
    from desktop.sections.catalog import Catalog

GBK_TEXT = "科目编码,科目名称\n201,一般公共服务支出\n".encode("gbk")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "是空文件"),
        (b"  \n\t", "是空文件"),
        (b"PK\x03\x04\x14\x00rest of a docx", "是 Word 或 Excel 文件（.docx/.xlsx）或压缩包"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "是旧版 Word 或 Excel 文件（.doc/.xls）"),
        (b"%PDF-1.7\n", "是 PDF 文件"),
        (b"SQLite format 3\x00\x10\x00", "是决算公开助手的数据库文件"),
        (b"\x89PNG\r\n\x1a\n", "是图片"),
        (GBK_TEXT, "不是 UTF-8 编码的文本"),
    ],
)
def test_files_of_another_kind_say_what_they_are(data: bytes, says: str) -> None:
    with pytest.raises(NotACaseFileError) as info:
        case_file_text(data, "选错的文件.json")
    message = str(info.value)
    assert message.startswith(f"“选错的文件.json”{says}")
    assert "juesuan dump" in message  # what to choose instead


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("   ", "文件是空的"),
        ("hello", "文件不是有效的 JSON（第 1 行第 1 列起无法解析）"),
        ('{"format": "juesuan-case",\n  "version": 1,,}', "文件不是有效的 JSON（第 2 行第 16 列起无法解析）"),
        ("[1, 2, 3]", "这不是决算公开助手的交换文件"),
        ('{"a": 1}', "这不是决算公开助手的交换文件"),
        ('"juesuan-case"', "这不是决算公开助手的交换文件"),
    ],
)  # fmt: skip
def test_text_that_is_not_a_case_file(catalog: Catalog, text: str, says: str) -> None:
    with pytest.raises(NotACaseFileError) as info:
        loads_case(text, catalog.profiles)
    message = str(info.value)
    assert message.startswith(says)
    assert not re.search(r"Expecting|delimiter|value|property|\$\.", message), message
    assert "交换文件有误" not in message


def test_a_utf8_file_with_a_byte_order_mark_is_read(catalog: Catalog) -> None:
    sample = {"format": "juesuan-case", "version": 1, "profile": "nmg-2023-unit",
              "unit": {"name": "某局", "year": 2023}}  # fmt: skip
    data = b"\xef\xbb\xbf" + json.dumps(sample, ensure_ascii=False).encode()
    case = loads_case(case_file_text(data, "a.json"), catalog.profiles)
    assert case.unit.name == "某局"


def test_a_real_case_file_with_a_wrong_value_still_names_its_path(catalog: Catalog) -> None:
    text = json.dumps({"format": "juesuan-case", "version": 1, "profile": "nmg-2023-unit",
                       "unit": {"name": "某局", "year": "2023"}})  # fmt: skip
    with pytest.raises(Exception, match=r"\$\.unit\.year") as info:
        loads_case(text, catalog.profiles)
    assert not isinstance(info.value, NotACaseFileError)
