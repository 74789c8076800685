"""决算公开助手: guides a finance officer through the annual 单位决算公开 and exports the Word document."""

from __future__ import annotations

__version__ = "0.1.0"
