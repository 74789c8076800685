"""What a command or the window works on: the installed profiles and the open databases.

A `Workspace` loads the catalog once and opens each database once (the writer lock is per open);
`close()` releases them. It replaces the module-level caches the command line used to keep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop import paths

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import TracebackType

    from sqlite_utils import Database

    from desktop.sections.catalog import Catalog


class MissingDatabaseError(Exception):
    """A command that reads cases was pointed at a database file that does not exist."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"数据库“{path}”不存在。请用 --db 指定数据库文件。")
        self.path = path


def installed_catalog(
    warn: Callable[[str], None] | None = None, only: str | None = None
) -> Catalog:
    """The profiles in forms/ with the bundled and the officer's code tables, checked at load.

    A profile whose placeholders, references or rules do not resolve is left out; `warn` gets
    one Chinese sentence for each such profile (and each other load warning). `only`: load
    just that profile (see `load_catalog`).
    """
    from desktop.sections.catalog import load_catalog
    from desktop.sections.profile_check import static_problems

    catalog = load_catalog(
        paths.forms_dir(),
        paths.resources_dir() / "codetables",
        paths.user_codetables_dir(),
        check=static_problems,
        only=only,
    )
    if warn is not None:
        for warning in catalog.warnings:
            warn(warning)
    return catalog


class Workspace:
    """The catalog and the databases of one command run (or one window)."""

    def __init__(
        self,
        db_path: Path | None = None,
        *,
        warn: Callable[[str], None] | None = None,
        only: str | None = None,
    ) -> None:
        """`only`: the one profile this run needs (a built-in sample's), when it is known."""
        self.db_path = (db_path or paths.default_db_path()).resolve()
        self._warn = warn
        self._only = only
        self._catalog: Catalog | None = None
        self._open: dict[Path, Database] = {}

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = installed_catalog(self._warn, self._only)
        return self._catalog

    def db(self, *, must_exist: bool = True) -> Database:
        """The database, opened on first use; `must_exist` refuses to create a new file."""
        from desktop.storage.db import open_db

        if self.db_path not in self._open:
            if must_exist and not self.db_path.exists():
                raise MissingDatabaseError(self.db_path)
            self._open[self.db_path] = open_db(self.db_path)
        return self._open[self.db_path]

    @property
    def opened(self) -> bool:
        return bool(self._open)

    def close(self) -> None:
        """Close the databases opened (and release their writer locks)."""
        if not self._open:  # nothing to close: no need to load sqlite-utils
            return
        from desktop.storage.db import close_db

        while self._open:
            close_db(self._open.popitem()[1])

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
