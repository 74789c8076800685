"""A file that calamine cannot read is named in Chinese for what it is, never calamine's English."""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

import pytest

from desktop.importing.workbook import WorkbookError, read_workbook

if TYPE_CHECKING:
    from pathlib import Path


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "是空文件，不是 Excel 工作簿"),
        (b'{"format": "juesuan-case"}', "是 JSON 文本（例如交换文件），不是 Excel 工作簿"),
        (b"%PDF-1.7\n", "是 PDF 文件，不是 Excel 工作簿"),
        ("科目编码,科目名称\n201,一般公共服务支出\n".encode("gbk"), "是文本文件（例如 CSV），不是 Excel 工作簿"),
        (None, "是 Word 文档，不是 Excel 工作簿"),
        (b"PK\x03\x04 not really a workbook", "无法作为 Excel 工作簿读取：文件已损坏"),
        (b"\x00\x01\x02\x03binary", "无法作为 Excel 工作簿读取：文件已损坏"),
    ],
)  # fmt: skip
def test_unreadable_files_say_what_they_are(
    tmp_path: Path, content: bytes | None, says: str
) -> None:
    path = tmp_path / "平台导出.xlsx"
    path.write_bytes(_docx_bytes() if content is None else content)
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    message = str(info.value)
    assert message.startswith(f"“平台导出.xlsx”{says}")
    assert "另存为 .xlsx" in message  # what to do
    names = {"xlsx", "xls", "Excel", "WPS", "CSV", "JSON", "PDF", "Word", "juesuan", "load"}
    assert set(re.findall(r"[A-Za-z]{3,}", message)) <= names, message
