"""Screenshots of every step of the window with the built-in sample open.

Runs offscreen (no display needed) and writes PNGs to docs/screenshots/ (or the folder given);
they feed the user guide (docs/用户指南.md) and are what we look at before calling UI work done.
python scripts/screenshots.py [OUT_DIR] [WIDTHxHEIGHT] [STEP ...]

The default size is 1366×768; give e.g. 1024x700, or 910x512 for 1366×768 at 150 % scaling
(the logical pixels left), and step ids to take only those steps (with no extras); the word
nosteps hides the step list first (视图 → 步骤列表, Ctrl+L), as an officer does for a wide table
on a small screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from desktop.app import Controller, make_application, sample_window

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow


def save(image: QImage, path: Path) -> None:
    """Save with a 256-colour palette: the screenshots stay small enough to keep in the repo."""
    image.convertToFormat(QImage.Format.Format_Indexed8).save(str(path))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "1366x768").split("x"))
    only = set(sys.argv[3:])
    hide_steps = "nosteps" in only
    only.discard("nosteps")
    out.mkdir(parents=True, exist_ok=True)
    app = make_application([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    settings = tempfile.mkdtemp(prefix="juesuan-shots-")  # never the officer's own settings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    window = sample_window()
    window.resize(width, height)
    window.show()
    app.processEvents()
    if window.dockWidgetArea(window.dock) == Qt.DockWidgetArea.RightDockWidgetArea:
        window.resizeDocks([window.dock], [max(260, width // 4)], Qt.Orientation.Horizontal)
    controller: Controller = window._controller  # type: ignore[attr-defined]  # kept by sample_window
    assert controller.start is not None
    controller.start.resize(900, 560)
    controller.refresh_list()
    if hide_steps:
        window.narrow.steps_action.setChecked(False)
    app.processEvents()
    if only == {"department"}:  # only the 部门 screens: scripts/screenshots.py OUT WxH department
        print(department(app, controller, out))
        return
    if not only:
        save(controller.start.grab().toImage(), out / "00-start.png")
    for n, step in enumerate(s for s in window.step_ids if s):
        if only and step not in only:
            continue
        window.show_step(step)
        app.processEvents()
        path = out / f"{n + 1:02d}-{step.strip('_')}.png"
        save(window.grab().toImage(), path)
        print(path)
    if only:
        return
    print(import_preview(app, window, out))
    print(code_list_check(app, controller, out))
    print(department(app, controller, out))


def code_list_check(app: QApplication, controller: Controller, out: Path) -> Path:
    """The 导入科目代码表 check on a small 2024 list with one renamed and two new codes."""
    from openpyxl import Workbook

    book = Path(tempfile.mkdtemp(prefix="juesuan-shots-")) / "2024年政府收支分类科目.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["2024年政府收支分类科目（支出功能分类）"])
    sheet.append(["科目编码", "科目名称"])
    for code, name in (("201", "一般公共服务支出"), ("20101", "人大事务"),
                       ("2010101", "行政运行"), ("2010102", "一般行政管理事务"),
                       ("20106", "财政事务"), ("2010650", "事业运行")):  # fmt: skip
        sheet.append([code, name])
    workbook.save(book)
    assert controller.start is not None
    dialog = controller.start.import_codes(book, "functional_classification")
    app.processEvents()
    path = out / "codes-import.png"
    save(dialog.grab().toImage(), path)
    dialog.reject()
    return path


def import_preview(app: QApplication, window: MainWindow, out: Path) -> Path:
    """The Excel import preview, on the sample's own workbook with one figure changed and one
    sheet whose title the platform left out (so the “please help” choices show)."""
    from openpyxl import load_workbook

    from desktop.export.xlsx import export_xlsx
    from desktop.importing.workbook import read_workbook
    from desktop.ui.import_dialog import ImportDialog

    book = Path(tempfile.mkdtemp(prefix="juesuan-shots-")) / "平台导出.xlsx"
    export_xlsx(window.session.figures, book)
    edited = load_workbook(book)
    edited["公开07表"]["A1"] = None
    edited["公开07表"].title = "Sheet7"
    sheet = edited["公开02表"]
    for row in sheet.iter_rows():
        if row[0].value == "2081601":
            row[3].value = 210
    edited.save(book)
    dialog = ImportDialog(window.session, book, read_workbook(book), window)
    dialog.resize(900, 700)
    dialog.show()
    app.processEvents()
    path = out / "import-preview.png"
    save(dialog.grab().toImage(), path)
    dialog.reject()
    return path


def department(app: QApplication, controller: Controller, out: Path) -> Path:
    """部门: two units of the 上海 sample, the 本级 paying a 补助; new, 单位构成, a table, export."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.department_units import units

    from desktop.storage.cases import save_case
    from desktop.storage.interchange import loads_case

    assert controller.db is not None
    assert controller.catalog is not None
    for unit in units(Path(tempfile.mkdtemp(prefix="juesuan-shots-"))):
        save_case(controller.db, loads_case(unit.read_text("utf-8"), controller.catalog.profiles))
    new = controller.new_department()
    new.name.setText("示例区社会工作部")
    new.year.setValue(2024)
    for n in range(new.units.count()):
        if "示例区社会工作" in new.units.item(n).text():
            new.units.item(n).setCheckState(Qt.CheckState.Checked)
    app.processEvents()
    save(new.grab().toImage(), out / "department-new.png")
    new.accept_input()
    window = controller.main
    assert window is not None
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    path = out / "department.png"  # the 单位构成与冲抵 step, the pair still proposed
    save(window.grab().toImage(), path)
    panel = window.department_panel
    assert panel is not None
    panel.findChild(QPushButton, "dept:confirm").click()  # type: ignore[union-attr]
    app.processEvents()
    print(department_cell(app, window, out))
    window.show_step("__export__")
    window.export_page.appendix.setChecked(True)
    app.processEvents()
    save(window.grab().toImage(), out / "department-export.png")
    print(out / "department-export.png")
    return path


def department_cell(app: QApplication, window: MainWindow, out: Path) -> Path:
    """A department table with the tooltip of one cell: each unit's figure and the 冲抵."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QAbstractItemView, QToolTip

    from desktop.ui.section_page import SectionPage

    window.show_step("table_t2")
    page = window.pages["table_t2"]
    assert isinstance(page, SectionPage)
    model = page.models[0]
    view = page.views["t2"][0]
    assert isinstance(view, QAbstractItemView)
    index = model.index_of("2013950", "upper")
    view.scrollTo(index)
    view.setCurrentIndex(index)
    app.processEvents()
    rect = view.visualRect(index)
    at = view.viewport().mapToGlobal(rect.center())
    QToolTip.showText(at, str(model.data(index, Qt.ItemDataRole.ToolTipRole)), view.viewport())
    app.processEvents()
    image = window.grab().toImage()
    tip = next(
        (w for w in app.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()), None
    )
    if tip is not None:
        painter = QPainter(image)
        corner = window.mapFromGlobal(at)
        painter.drawImage(corner.x() + 8, corner.y() + 12, tip.grab().toImage())
        painter.end()
    QToolTip.hideText()
    path = out / "department-table.png"
    save(image, path)
    return path


if __name__ == "__main__":
    main()
