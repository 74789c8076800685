"""Contact sheets of the exported documents: every page of each profile's sample, as a PDF.

For each installed sample (and one sparse first draft of the 内蒙古 2022 sample, its reasons and
counts left out) this exports the .docx and its PDF through the command line
(`juesuan export … --pdf`, so LibreOffice lays it out as the officer's PDF), renders every page
with pdftoppm and puts them side by side with ImageMagick's `montage`, page numbers under each.
It also keeps the pages at a readable resolution (pages/<document>-NN.png) for a closer look.

python scripts/contact_sheets.py OUT_DIR [DOCUMENT ...]

DOCUMENT is a sample's profile id or "sparse"; without any, all of them. Needs LibreOffice
(soffice), pdftoppm and montage. Run it before and after a change to the export and compare.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.profiles.sparse: the sparse case the tests use

SHEET_DPI = 24  # a whole document on one sheet
PAGE_DPI = 80  # readable pages for a closer look
COLUMNS = 8


def _juesuan(*args: str) -> None:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    subprocess.run([sys.executable, "-m", "desktop", *args], check=True, env=env)


def _sparse_file(out: Path) -> Path:
    from tests.profiles.sparse import sparse_case

    from desktop import paths
    from desktop.sections.catalog import load_catalog
    from desktop.storage.interchange import dumps_case, loads_case

    catalog = load_catalog(paths.forms_dir(), paths.resources_dir() / "codetables")
    sample = paths.resources_dir() / "samples" / "nmg-2022-unit.json"
    case = loads_case(sample.read_text(encoding="utf-8"), catalog.profiles)
    sparse = sparse_case(case, catalog.profile(case.profile_id))
    target = out / "sparse.json"
    target.write_text(dumps_case(sparse), encoding="utf-8")
    return target


def export(name: str, out: Path) -> Path:
    docx = out / f"{name}.docx"
    if name == "sparse":
        _juesuan("export", "--file", str(_sparse_file(out)), "--draft", "-o", str(docx), "--pdf")
    else:
        _juesuan("export", "--sample", name, "-o", str(docx), "--pdf")
    return docx.with_suffix(".pdf")


def sheet(pdf: Path, out: Path) -> Path:
    """Render the PDF's pages and montage them; returns the sheet's path."""
    pages = out / "pages"
    pages.mkdir(exist_ok=True)
    for old in pages.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    small = out / f".{pdf.stem}"
    shutil.rmtree(small, ignore_errors=True)
    small.mkdir()
    subprocess.run(
        ["pdftoppm", "-r", str(SHEET_DPI), "-png", str(pdf), str(small / "p")], check=True
    )
    subprocess.run(
        ["pdftoppm", "-r", str(PAGE_DPI), "-png", str(pdf), str(pages / pdf.stem)], check=True
    )
    thumbs = sorted(small.glob("p-*.png"))
    target = out / f"{pdf.stem}-sheet.png"
    labels: list[str] = []
    for n, thumb in enumerate(thumbs, start=1):
        labels += ["-label", f"{n}", str(thumb)]
    side = round(297 / 25.4 * SHEET_DPI)
    subprocess.run(
        [
            "montage",
            *labels,
            "-tile",
            f"{COLUMNS}x",
            "-geometry",
            f"{side}x{side}+6+6",
            "-font",
            str(ROOT / "resources" / "fonts" / "LiberationSerif-Regular.ttf"),
            "-pointsize",
            "11",
            "-background",
            "#d0d0d0",
            str(target),
        ],
        check=True,
    )
    shutil.rmtree(small)
    return target


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    from desktop import paths

    samples = sorted(p.stem for p in (paths.resources_dir() / "samples").glob("*.json"))
    names = sys.argv[2:] or [*samples, "sparse"]
    for name in names:
        target = sheet(export(name, out), out)
        print(f"{name}: {target}")


if __name__ == "__main__":
    main()
