"""Reading the 公开表 from workbooks exported by the finance platforms (xlsx and xls)."""

from __future__ import annotations
