"""The domain: money, the case model, profile specs, derived figures and the narrative. No I/O, no Qt."""

from __future__ import annotations
