"""Export: the Word document (docxtpl), its tables (python-docx) and charts (matplotlib)."""

from __future__ import annotations
