"""What a command runs with: its arguments and its workspace; reading the case it names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from sqlite_utils import Database

    from desktop.core.model import Case
    from desktop.sections.catalog import Catalog
    from desktop.services.workspace import Workspace


class UsageError(Exception):
    """A problem the user can fix; printed as is after “错误：”."""


@dataclass(slots=True)
class Run:
    """One command: the parsed arguments and the workspace it opens databases in."""

    args: argparse.Namespace
    workspace: Workspace

    @property
    def catalog(self) -> Catalog:
        return self.workspace.catalog

    def db(self, *, must_exist: bool = True) -> Database:
        return self.workspace.db(must_exist=must_exist)

    def case(self) -> Case:
        """The case --sample, --file or --case names (a department consolidated on the spot)."""
        from desktop.services.cases import read_case_file, read_sample, read_stored_case

        args = self.args
        profiles = self.catalog.profiles
        if getattr(args, "sample", None) is not None:
            return read_sample(profiles, args.sample)
        if getattr(args, "file", None) is not None:
            return read_case_file(args.file, profiles)
        return read_stored_case(self.db(), args.case, profiles)
