"""Entry point: ``juesuan`` / ``python -m desktop``. Without a command it opens the window."""

from __future__ import annotations

import sys

OPENED_SUFFIXES = (".juesuan",)


def main() -> None:
    if len(sys.argv) == 1 or (len(sys.argv) == 2 and sys.argv[1].lower().endswith(OPENED_SUFFIXES)):
        from desktop.app import run_gui

        # A double-clicked interchange file (.juesuan) opens in the window.
        sys.exit(run_gui(open_file=sys.argv[1] if len(sys.argv) == 2 else None))
    from desktop.cli import main as cli_main

    try:
        sys.exit(cli_main())
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.exit(0)


if __name__ == "__main__":
    main()
