"""The command line: thin commands that parse, call a service (desktop.services) and print.

``juesuan --version`` stays fast: each command imports what it needs when it runs.
"""

from __future__ import annotations

from desktop.cli.main import main

__all__ = ["main"]
