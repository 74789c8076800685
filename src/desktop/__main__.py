"""Entry point: ``juesuan`` / ``python -m desktop``. Without a command it opens the window."""

from __future__ import annotations

import sys

OPENED_SUFFIXES = (".juesuan",)


def main() -> None:
    args = sys.argv[1:]
    if not args or (len(args) == 1 and args[0].lower().endswith(OPENED_SUFFIXES)):
        from desktop.app import run_gui

        # A double-clicked interchange file (.juesuan) opens in the window.
        sys.exit(run_gui(open_file=args[0] if args else None))
    if args[0] == "--sample" and (len(args) == 1 or (len(args) == 2 and args[1][:1] != "-")):
        # The window on a built-in sample (what scripts/run opens).
        from desktop.app import run_gui
        from desktop.services.cases import SAMPLE_PROFILE

        sys.exit(run_gui(sample=args[1] if len(args) == 2 else SAMPLE_PROFILE))
    from desktop.cli import main as cli_main

    try:
        sys.exit(cli_main())
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.exit(0)


if __name__ == "__main__":
    main()
