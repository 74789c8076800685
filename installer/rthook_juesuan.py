r"""PyInstaller run-time hook: runs in the frozen app before the entry point (desktop.__main__).

- ``MPLCONFIGDIR`` goes to a per-user cache folder (%LOCALAPPDATA%\juesuan\matplotlib on Windows,
  ~/.cache/juesuan/matplotlib on Linux), so matplotlib builds its font cache once, not at every
  start. (The spec drops PyInstaller's own matplotlib hook, which uses a new temporary folder.)
- Logging goes to <user data folder>/logs/juesuan.log (%APPDATA%\juesuan\logs,
  ~/.local/share/juesuan/logs). A windowed Windows build has no stdout/stderr (they are None):
  they are pointed at the log file, so command output, warnings, tracebacks and hard crashes
  (faulthandler) end up there instead of nowhere.
- Output that the console's code page cannot show (Chinese piped out on an English Windows, where
  Python writes cp1252) comes out as backslash escapes instead of ending the program.

Nothing here may stop the app from starting: every step falls back to doing nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType
    from typing import TextIO

LOG_LIMIT = 1_000_000  # bytes; at start, a larger log becomes juesuan.log.1


def _cache_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "juesuan"


def _set_mplconfigdir() -> None:
    if os.environ.get("MPLCONFIGDIR"):
        return
    folder = _cache_dir() / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # matplotlib then falls back to a temporary folder by itself
    os.environ["MPLCONFIGDIR"] = str(folder)


def _open_log() -> TextIO | None:
    from desktop.paths import user_data_dir

    log = user_data_dir() / "logs" / "juesuan.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        if log.exists() and log.stat().st_size > LOG_LIMIT:
            log.replace(log.with_name(log.name + ".1"))
        return log.open("a", encoding="utf-8", errors="backslashreplace", buffering=1)
    except OSError:
        return None


def _safe_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def _set_up_logging() -> None:
    import logging

    stream = _open_log()
    if stream is None:
        return
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s",
        handlers=[logging.StreamHandler(stream)],
    )
    logging.captureWarnings(True)
    # Windowed build (Windows): no console, so print() and tracebacks would be lost.
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream
    with contextlib.suppress(OSError, ValueError, AttributeError):
        import faulthandler

        faulthandler.enable(file=stream)

    log = logging.getLogger("juesuan")
    previous_hook = sys.excepthook

    def log_uncaught(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log.critical("未处理的异常", exc_info=(kind, value, tb))
        if sys.stderr is not stream:
            previous_hook(kind, value, tb)

    sys.excepthook = log_uncaught
    from desktop import __version__

    log.info("start %s %s argv=%r", __version__, sys.executable, sys.argv[1:])


_set_mplconfigdir()
_safe_streams()
_set_up_logging()
