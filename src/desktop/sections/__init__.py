"""Reads forms/<profile>/ and resources/codetables/ into core spec objects, and checks them."""

from __future__ import annotations
