"""Composition root of the window: QApplication, translations, font, database, and the windows.

The start screen appears before the database, the profiles and the heavy libraries are loaded
(they load right after it is shown), so the program opens quickly on an office PC.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication
    from sqlite_utils import Database

    from desktop.sections.catalog import Catalog
    from desktop.ui.department_dialog import NewDepartmentDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.session import CaseSession
    from desktop.ui.start_window import StartWindow


def make_application(argv: list[str]) -> QApplication:
    """A QApplication with Qt's Chinese translations and the bundled font."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("juesuan")
    QCoreApplication.setApplicationName("决算公开助手")
    app = QApplication(argv)
    translator = QTranslator(app)
    if translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)
    font_id = QFontDatabase.addApplicationFont(
        str(paths.resources_dir() / "fonts" / "NotoSansSC-Regular.otf")
    )
    families = QFontDatabase.applicationFontFamilies(font_id)
    if families:
        app.setFont(QFont(families[0], 10))
    return app


class Controller:
    """Opens the database and switches between the start screen and a case's window."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.db: Database | None = None
        self.catalog: Catalog | None = None
        self.start: StartWindow | None = None
        self.main: MainWindow | None = None
        self.member_windows: list[MainWindow] = []

    def show_start(self, *, load: bool = True) -> StartWindow:
        from PySide6.QtCore import QTimer

        from desktop.ui import entry_guard
        from desktop.ui.start_window import StartWindow

        entry_guard.install()
        if self.start is None:
            self.start = StartWindow()
            self.start.open_requested.connect(self.open_listed)
            self.start.department_requested.connect(self.new_department)
            self.start.new_requested.connect(self.new_case)
            self.start.copy_requested.connect(self.copy_case)
            self.start.sample_requested.connect(self.open_sample)
            self.start.delete_requested.connect(self.delete_case)
            self.start.restore_requested.connect(self.restore)
            self.start.codes_imported.connect(self.reload_codes)
        self.start.show()
        if load:
            QTimer.singleShot(0, self.load)
        return self.start

    def load(self) -> None:
        """Open the database and list the cases (after the start screen is on screen)."""
        from PySide6.QtWidgets import QMessageBox

        from desktop.services.workspace import installed_catalog
        from desktop.storage.db import DatabaseDamagedError, DatabaseUnavailableError, open_db
        from desktop.storage.lock import DatabaseLockedError

        assert self.start is not None
        self.start.ensure_built()
        fresh = self.catalog is None
        try:
            if self.catalog is None:
                self.catalog = installed_catalog()
            if self.db is None:
                self.db = open_db(self.db_path)
        except (DatabaseLockedError, DatabaseUnavailableError) as exc:
            self.start.status.setText(str(exc))
            for button in self.start.buttons.values():
                button.setEnabled(False)
            QMessageBox.critical(self.start, "无法打开数据库", str(exc))
            return
        except DatabaseDamagedError as exc:
            self.start.status.setText(str(exc))
            for key, button in self.start.buttons.items():
                button.setEnabled(key == "restore" and exc.backup is not None)
            box = QMessageBox(
                QMessageBox.Icon.Critical, "数据库无法使用", str(exc), parent=self.start
            )
            restore = (
                box.addButton("恢复最新备份", QMessageBox.ButtonRole.AcceptRole)
                if exc.backup
                else None
            )
            box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if restore is not None and box.clickedButton() is restore and exc.backup is not None:
                self._restore_from(exc.backup.name)
            return
        except Exception as exc:
            self.start.status.setText(f"无法启动：{exc}")
            return
        if fresh and self.catalog.warnings:  # a damaged code table or profile: say so, go on
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "部分模板或导入的代码表未能使用",
                "\n\n".join(self.catalog.warnings),
                parent=self.start,
            )
            box.open()  # not exec(): the start screen stays usable
        self.refresh_list()

    def reload_codes(self) -> None:
        """Imported code tables take effect: load the catalog again for the cases opened next."""
        self.catalog = None
        self.load()

    def refresh_list(self) -> None:
        from desktop.services.cases import list_cases

        assert self.db is not None
        assert self.catalog is not None
        assert self.start is not None
        rows = [
            (
                c.summary.id,
                f"{c.summary.unit_name}（部门汇总）" if c.department else c.summary.unit_name,
                c.summary.year,
                c.summary.profile,
                c.summary.updated,
                c.errors or 0,
            )
            for c in list_cases(self.db, self.catalog)
        ]
        self.start.show_cases(rows, self.catalog)

    def open_listed(self, case_id: int) -> None:
        """Open a case chosen on the start screen; a 部门 case opens as its units' view."""
        from desktop.core.model import CaseId
        from desktop.storage.departments import is_department

        assert self.db is not None
        if is_department(self.db, CaseId(case_id)):
            self.open_department(case_id)
        else:
            self.open_case(case_id)

    def open_department(self, case_id: int) -> MainWindow:
        """A 部门 case in the window: its 单位构成 and 冲抵 first, then its tables as a view."""
        from desktop.core.model import CaseId
        from desktop.ui.department_session import DepartmentSession

        assert self.db is not None
        assert self.catalog is not None
        session = DepartmentSession(self.db, CaseId(case_id), self.catalog)
        main = self._show_main(session)
        main.member_requested.connect(self.open_member)
        return main

    def open_member(self, case_id: int) -> MainWindow:
        """A member's own case beside its department's window; each saved edit re-consolidates."""
        from desktop.core.model import CaseId
        from desktop.storage.cases import load_case
        from desktop.ui.main_window import MainWindow
        from desktop.ui.session import CaseSession

        assert self.db is not None
        assert self.catalog is not None
        department = self.main
        session = CaseSession(self.db, CaseId(case_id), load_case(self.db, CaseId(case_id)),
                              self.catalog)  # fmt: skip
        window = MainWindow(session, self._export_folder())
        if department is not None:
            session.saved.connect(department.reload_department)
        self.member_windows.append(window)
        window.closed.connect(lambda: self.member_windows.remove(window))
        window.back_to_start.connect(window.close)
        window.show()
        return window

    def new_department(self) -> NewDepartmentDialog:
        from desktop.ui.department_dialog import NewDepartmentDialog

        assert self.db is not None
        assert self.catalog is not None
        dialog = NewDepartmentDialog(self.db, self.catalog, self.start)

        def created() -> None:
            self.refresh_list()
            if dialog.created is not None:
                self.open_department(dialog.created)

        dialog.accepted.connect(created)
        dialog.open()
        return dialog

    def open_case(self, case_id: int) -> MainWindow:
        from desktop.core.model import CaseId
        from desktop.storage.cases import load_case
        from desktop.ui.session import CaseSession

        assert self.db is not None
        assert self.catalog is not None
        case = load_case(self.db, CaseId(case_id))
        return self._show_main(CaseSession(self.db, CaseId(case_id), case, self.catalog))

    def _export_folder(self) -> Path:
        from PySide6.QtCore import QSettings

        return Path(str(QSettings().value("export_folder", str(Path.home()))))

    def _show_main(self, session: CaseSession) -> MainWindow:
        """The window of an open case (a unit's or a department's); the start screen hides."""
        from PySide6.QtCore import QSettings

        from desktop.ui.main_window import MainWindow

        case_id = int(session.case_id)
        settings = QSettings()
        stored = settings.value("recent", [])
        before = [int(v) for v in stored] if isinstance(stored, list) else []
        recent = [case_id] + [v for v in before if v != case_id]
        settings.setValue("recent", recent[:10])
        settings.setValue("last_case", case_id)
        self.main = MainWindow(session, self._export_folder())
        self.main.back_to_start.connect(self._back)
        self.main.show()
        if self.start is not None:
            self.start.hide()
        return self.main

    def _back(self) -> None:
        if self.main is not None:
            self.main.close()
            self.main = None
        self.show_start()

    def new_case(self, unit: str, year: int, profile_id: str) -> MainWindow:
        from desktop.core.model import Case, GlossaryEntry, Unit
        from desktop.storage.cases import save_case

        assert self.db is not None
        assert self.catalog is not None
        profile = self.catalog.profile(profile_id)
        glossary = tuple(GlossaryEntry(t, x) for t, x in profile.glossary)
        case_id = save_case(self.db, Case(profile_id, Unit(unit, year), glossary=glossary))
        return self.open_case(case_id)

    def copy_case(
        self, case_id: int, year: int | None = None, profile_id: str | None = None
    ) -> MainWindow:
        """A new case for the next year from `case_id`; says what it carried over."""
        from PySide6.QtWidgets import QMessageBox

        from desktop.core.calc import Figures
        from desktop.core.carry import carry_forward, newest_of_family
        from desktop.core.model import CaseId
        from desktop.storage.cases import load_case, save_case

        assert self.db is not None
        assert self.catalog is not None
        last = load_case(self.db, CaseId(case_id))
        figures = Figures(last, self.catalog.profile(last.profile_id), self.catalog.codes)
        target = self.catalog.profile(
            profile_id or newest_of_family(self.catalog.profiles, last.profile_id)
        )
        carried = carry_forward(figures, target, year)
        main = self.open_case(save_case(self.db, carried.case))
        listed = (
            "\n".join(f"· {item}" for item in carried.items) or "· （上年的填报里没有可带入的内容）"
        )
        self.copy_report = QMessageBox(
            QMessageBox.Icon.Information,
            "从上年复制",
            f"已按“{target.name}”新建 {carried.case.unit.year} 年度的填报，带入了：\n{listed}\n\n"
            "本年的数字请按今年的决算填写。",
            parent=main,
        )
        self.copy_report.open()
        return main

    def open_sample(self, profile_id: str | None = None) -> MainWindow:
        """Open a profile's built-in sample (by default the sample profile's) as a new case."""
        from desktop.services.cases import SAMPLE_PROFILE, read_sample
        from desktop.storage.cases import save_case

        assert self.db is not None
        assert self.catalog is not None
        return self.open_case(
            save_case(self.db, read_sample(self.catalog.profiles, profile_id or SAMPLE_PROFILE))
        )

    def open_sample_once(self, profile_id: str) -> None:
        """`juesuan --sample`: open a profile's built-in sample, the copy already in the database.

        Running scripts/run again opens the same case instead of adding another copy.
        """
        from desktop.services.cases import sample_path
        from desktop.storage.cases import list_cases, load_case, save_case
        from desktop.storage.interchange import loads_case

        self.load()
        if self.db is None or self.catalog is None or self.start is None:
            return
        sample = sample_path(profile_id)
        if profile_id not in self.catalog.profiles or not sample.is_file():
            known = "、".join(sorted(self.catalog.profiles))
            self.start.status.setText(f"模板“{profile_id}”没有内置样例；已安装的模板：{known}。")
            return
        case = loads_case(sample.read_text(encoding="utf-8"), self.catalog.profiles)
        same = [
            s.id
            for s in list_cases(self.db)
            if (s.profile, s.unit_name, s.year) == (case.profile_id, case.unit.name, case.unit.year)
            and load_case(self.db, s.id).comments == case.comments
        ]
        self.open_case(same[-1] if same else save_case(self.db, case))

    def restore(self) -> None:
        """Let the officer pick a backup and restore it (the current file is backed up first)."""
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from desktop.storage.backups import REASONS, list_backups

        assert self.start is not None
        found = list_backups(self.db_path)
        if not found:
            QMessageBox.information(self.start, "从备份恢复", "还没有备份。")
            return
        labels = [
            f"{b.taken:%Y-%m-%d %H:%M:%S}（{REASONS.get(b.reason, b.reason)}）" for b in found
        ]
        chosen, ok = QInputDialog.getItem(
            self.start, "从备份恢复", "选择要恢复的备份：", labels, 0, False
        )
        if ok and chosen:
            self._restore_from(found[labels.index(chosen)].path.name)

    def _restore_from(self, name: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop.storage.db import close_db
        from desktop.storage.restore import HealthyDatabaseError, RestoreError, restore_backup

        assert self.start is not None
        if self.db is not None:
            close_db(self.db)
            self.db = None
        try:
            try:
                saved = restore_backup(self.db_path, name)
            except HealthyDatabaseError as exc:  # the officer decides; the current file is kept
                answer = QMessageBox.question(
                    self.start, "从备份恢复", f"{exc}\n\n仍要用这个备份替换当前数据库吗？"
                )
                if answer != QMessageBox.StandardButton.Yes:
                    self.load()
                    return
                saved = restore_backup(self.db_path, name, force=True)
        except RestoreError as exc:
            QMessageBox.warning(self.start, "从备份恢复", str(exc))
        else:
            QMessageBox.information(
                self.start, "从备份恢复", f"已恢复。恢复前的数据已备份为 {saved.name}。"
            )
        for button in self.start.buttons.values():
            button.setEnabled(True)
        self.load()

    def open_file(self, path: Path) -> None:
        """Load an interchange file into the database and open it; say why when it cannot."""
        import sqlite3

        from PySide6.QtWidgets import QMessageBox

        from desktop.services.cases import CaseSourceError, load_file
        from desktop.storage.interchange import InterchangeError
        from desktop.ui.messages import database_path, failure_text, show_error

        self.load()
        db, catalog = self.db, self.catalog
        if db is None or catalog is None or self.start is None:
            return
        try:
            loaded = load_file(path, catalog, lambda: db)
        except sqlite3.Error as exc:  # storing it failed (disk full, read-only…): nothing stored
            reason = failure_text(exc, database_path(db))
            show_error(
                self.start,
                "无法载入",
                f"“{path.name}”没有载入：{reason}\n\n数据库中原有的填报没有改动；"
                "处理好后再打开这个文件即可。",
            )
            return
        except (OSError, InterchangeError, CaseSourceError) as exc:
            QMessageBox.warning(self.start, "无法打开文件", f"无法打开“{path}”：{exc}")
            return
        if loaded.department:
            self.refresh_list()
            self.open_listed(loaded.case_id)
        else:
            self.open_case(loaded.case_id)

    def delete_case(self, case_id: int) -> None:
        assert self.db is not None
        with self.db.atomic():
            self.db.execute("DELETE FROM cases WHERE id = ?", [case_id])
        self.refresh_list()


def run_gui(
    db_path: Path | None = None, open_file: str | None = None, sample: str | None = None
) -> int:
    """Show the start screen and run the event loop.

    `open_file` is an interchange file to open, `sample` a profile whose built-in sample to open.
    """
    from PySide6.QtCore import QTimer

    from desktop.ui.messages import install_excepthook

    app = make_application(sys.argv)
    install_excepthook()
    controller = Controller(db_path or paths.default_db_path())
    if os.environ.get("JUESUAN_EXIT_AFTER_SHOW"):  # start-up benchmark: stop at the first window
        controller.show_start(load=False)
        QTimer.singleShot(0, app.quit)
        return app.exec()
    controller.show_start(load=open_file is None and sample is None)
    if open_file is not None:
        QTimer.singleShot(0, lambda: controller.open_file(Path(open_file)))
    elif sample is not None:
        QTimer.singleShot(0, lambda: controller.open_sample_once(sample))
    return app.exec()


def sample_window() -> MainWindow:
    """A window on the built-in sample in a temporary database (screenshots, the user guide)."""
    import tempfile

    controller = Controller(Path(tempfile.mkdtemp(prefix="juesuan-sample-")) / "sample.sqlite3")
    controller.show_start(load=False)
    controller.load()
    window = controller.open_sample()
    window.resize(1280, 800)
    window._controller = controller  # type: ignore[attr-defined]  # keep it alive with the window
    return window
