"""Entry point: ``juesuan`` / ``python -m desktop``. Without a command it opens the window."""

from __future__ import annotations

import sys


def main() -> None:
    if len(sys.argv) == 1:
        from desktop.app import run_gui

        sys.exit(run_gui())
    from desktop.cli import main as cli_main

    try:
        sys.exit(cli_main())
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.exit(0)


if __name__ == "__main__":
    main()
