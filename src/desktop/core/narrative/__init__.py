"""Case → the document's text: facts computed from the figures, filled into the profile's sentences."""

from __future__ import annotations
