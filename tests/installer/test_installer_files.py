"""The installer files agree with each other and with the repository (no build; a fraction of a second).

The Windows installer can only be built on Windows, so these checks are what keeps it from breaking
silently here: every file that installer/juesuan.spec and installer/juesuan.iss refer to exists, the
names they share (bundle folder, executable, extension) match, and nothing the app imports is
excluded from the frozen build.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import struct
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "juesuan.spec"
ISS = INSTALLER / "juesuan.iss"
PS1 = INSTALLER / "build-windows.ps1"
SCRIPTS = [INSTALLER / "build-linux", INSTALLER / "smoke-test", PS1]
BOM = b"\xef\xbb\xbf"


# --- installer/juesuan.spec --------------------------------------------------------------------


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), str(SPEC))


def spec_constant(name: str) -> object:
    """The literal value assigned to a top-level name of the spec."""
    for node in spec_tree().body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == name
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not a literal in {SPEC.name}")


def spec_list_literals(name: str) -> list[str]:
    """All string literals of the list or set (or concatenation) assigned to a top-level name."""
    for node in spec_tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return [
                sub.value
                for lst in ast.walk(node.value)
                if isinstance(lst, (ast.List, ast.Set))
                for sub in lst.elts
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str)
            ]
    raise AssertionError(f"{name} is not assigned in {SPEC.name}")


def spec_paths() -> list[Path]:
    """Every ``ROOT / "..."`` and ``INSTALLER / "..."`` in the spec."""
    bases = {"ROOT": ROOT, "INSTALLER": INSTALLER}
    found = []
    for node in ast.walk(spec_tree()):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Div)
            and isinstance(node.left, ast.Name)
            and node.left.id in bases
            and isinstance(node.right, ast.Constant)
            and isinstance(node.right.value, str)
        ):
            found.append(bases[node.left.id] / node.right.value)
    return found


def test_every_file_the_spec_reads_exists() -> None:
    paths = spec_paths()
    names = {p.relative_to(ROOT).as_posix() for p in paths}
    # the entry script, the run-time hook, the icon, the data folders and the version source
    assert {
        "installer/launch.py",
        "installer/rthook_juesuan.py",
        "installer/icon.ico",
        "resources",
        "forms",
        "src",
        "src/desktop/__init__.py",
    } <= names
    missing = [str(p.relative_to(ROOT)) for p in paths if not p.exists()]
    assert not missing, f"{SPEC.name} refers to missing files: {missing}"


def test_spec_builds_the_console_entry_point() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["juesuan"] == "desktop.__main__:main"
    launch = (INSTALLER / "launch.py").read_text(encoding="utf-8")
    assert "from desktop.__main__ import main" in launch
    assert (ROOT / "src" / "desktop" / "__main__.py").is_file()
    assert spec_constant("NAME") == "juesuan"
    spec = SPEC.read_text(encoding="utf-8")
    assert "upx=True" not in spec
    assert re.search(r"console=False", spec)
    assert 'contents_directory="_internal"' in spec


def pyside6_imports(source: str) -> set[str]:
    modules = set(re.findall(r"\bPySide6\.(Qt\w+)", source))
    for names in re.findall(r"from\s+PySide6\s+import\s+\(?([\w\s,]+)\)?", source):
        modules |= {n.strip() for n in names.split(",") if n.strip().startswith("Qt")}
    return modules


def test_no_qt_module_in_use_is_excluded() -> None:
    excluded = set(spec_list_literals("QT_UNUSED"))
    used_by_app = set()
    for path in (ROOT / "src").rglob("*.py"):
        used_by_app |= pyside6_imports(path.read_text(encoding="utf-8"))
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None
    assert spec.origin is not None
    qt_compat = Path(spec.origin).parent / "backends" / "qt_compat.py"
    used_by_matplotlib = pyside6_imports(qt_compat.read_text(encoding="utf-8"))
    assert {"QtCore", "QtGui", "QtWidgets"} <= used_by_app | used_by_matplotlib
    assert not (used_by_app & excluded), "src imports Qt modules the spec excludes"
    assert not (used_by_matplotlib & excluded), (
        "matplotlib's QtAgg needs Qt modules the spec excludes"
    )
    assert set(spec_list_literals("QT_USED")) >= used_by_app | used_by_matplotlib


def test_no_library_in_use_is_excluded() -> None:
    excluded = {name for name in spec_list_literals("EXCLUDES") if "." not in name}
    imported = set()
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    assert not (imported & excluded), "src imports libraries the spec excludes"


# --- installer/juesuan.iss ---------------------------------------------------------------------


def iss_text() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(BOM), (
        "juesuan.iss must be UTF-8 with BOM (Inno Setup reads Chinese only then)"
    )
    return raw[len(BOM) :].decode("utf-8")


def iss_defines() -> dict[str, str]:
    """String #defines (the first one for each name: the defaults)."""
    defines: dict[str, str] = {}
    for name, value in re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"\s*$', iss_text(), re.MULTILINE):
        defines.setdefault(name, value)
    return defines


def iss_expand(value: str) -> str:
    defines = iss_defines()
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)


def iss_section(name: str) -> list[str]:
    lines, current = [], None
    for line in iss_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1]
        elif current == name and stripped and not stripped.startswith(";"):
            lines.append(stripped)
    return lines


def iss_setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss_section("Setup") if "=" in line)


def iss_entries(section: str) -> list[dict[str, str]]:
    """Lines like ``Source: "x"; DestDir: "{app}"; Flags: a b`` as dictionaries."""
    entries = []
    for line in iss_section(section):
        entry = {}
        for key, raw in re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line):
            value = raw.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1].replace('""', '"')
            entry[key] = value
        entries.append(entry)
    return entries


def test_every_file_the_inno_script_reads_exists() -> None:
    setup = iss_setup()
    bundle = iss_expand("{#BundleDir}")
    checked = []
    for key in (
        "SetupIconFile",
        "LicenseFile",
        "InfoBeforeFile",
        "InfoAfterFile",
        "WizardImageFile",
    ):
        if key in setup:
            checked.append(INSTALLER / iss_expand(setup[key]).replace("\\", "/"))
    for entry in iss_entries("Files"):
        source = iss_expand(entry["Source"])
        if source.startswith(bundle + "\\"):
            continue  # the PyInstaller output, checked against the spec below
        checked.append(INSTALLER / source.replace("\\", "/"))
    for include in re.findall(r'^\s*#include\s+"([^"]+)"', iss_text(), re.MULTILINE):
        checked.append(INSTALLER / include.replace("\\", "/"))
    assert INSTALLER / "icon.ico" in checked
    missing = [str(p) for p in checked if not p.exists()]
    assert not missing, f"juesuan.iss refers to missing files: {missing}"


def test_inno_script_installs_what_the_spec_builds() -> None:
    name = spec_constant("NAME")
    assert iss_expand("{#BundleDir}") == f"dist\\{name}"  # PyInstaller --distpath installer\dist
    assert iss_expand("{#AppExe}") == f"{name}.exe"
    sources = [iss_expand(e["Source"]) for e in iss_entries("Files")]
    assert f"dist\\{name}\\*" in sources
    ps1 = PS1.read_bytes().decode("utf-8-sig")
    assert '"--distpath", "installer\\dist"' in ps1
    assert '"installer\\juesuan.spec"' in ps1
    assert '"installer\\juesuan.iss"' in ps1
    setup = iss_setup()
    assert setup["OutputDir"] == "dist"
    assert setup["OutputBaseFilename"] == "juesuan-{#AppVersion}-win64-setup"
    assert 'installer\\dist\\juesuan-$Version-win64-setup.exe"' in ps1
    assert "/DAppVersion=$Version" in ps1


def test_inno_script_installs_per_user_in_chinese() -> None:
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}\\")
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    languages = iss_entries("Languages")
    assert [lang["Name"] for lang in languages] == ["chinesesimplified"]
    assert iss_expand(languages[0]["MessagesFile"]).endswith("ChineseSimplified.isl")
    icons = iss_entries("Icons")
    assert any(i["Name"].startswith("{autoprograms}\\") for i in icons)
    desktop = [i for i in icons if i["Name"].startswith("{autodesktop}\\")]
    assert desktop
    assert desktop[0]["Tasks"] == "desktopicon"
    tasks = {t["Name"]: t for t in iss_entries("Tasks")}
    assert "unchecked" in tasks["desktopicon"]["Flags"]


def test_inno_script_associates_the_interchange_extension() -> None:
    registry = [{k: iss_expand(v) for k, v in entry.items()} for entry in iss_entries("Registry")]
    assert all(entry["Root"] == "HKA" for entry in registry)  # HKCU when installed per user
    commands = [e for e in registry if e["Subkey"].endswith("\\shell\\open\\command")]
    assert len(commands) == 1
    assert commands[0]["ValueData"] == '"{app}\\juesuan.exe" "%1"'
    progid = commands[0]["Subkey"].removeprefix("Software\\Classes\\").split("\\")[0]
    assert any(
        e["Subkey"] == "Software\\Classes\\.juesuan" and e.get("ValueData") == progid
        for e in registry
    )
    assert iss_setup()["ChangesAssociations"] == "yes"


def test_uninstall_keeps_user_data_unless_asked() -> None:
    text = iss_text()
    deleted = [e["Name"] for e in iss_entries("UninstallDelete")]
    assert not any("{userappdata}" in name or "{app}" in name for name in deleted)
    # %APPDATA%\juesuan (database, backups) is only deleted in [Code], after a Yes or /DELETEUSERDATA
    code = text[text.index("[Code]") :]
    assert "MB_DEFBUTTON2" in code  # the default answer is No
    assert "ExpandConstant('{userappdata}\\juesuan')" in code
    assert "UninstallSilent()" in code
    assert "/DELETEUSERDATA" in code


# --- Linux packaging and the scripts -----------------------------------------------------------


def referenced_paths(text: str) -> set[str]:
    """Repository paths (installer/…, resources/…, src/…) written literally in a script."""
    found = set()
    for match in re.findall(
        r"(?<![\w.$/\\])(?:installer|resources|src)[/\\][^\s\"'`)$;|>,]+", text
    ):
        path = match.replace("\\", "/").rstrip(".")
        if not path.startswith(("installer/dist", "installer/build")):
            found.add(path)
    return found


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_file_a_build_script_refers_to_exists(script: Path) -> None:
    paths = referenced_paths(script.read_bytes().decode("utf-8-sig"))
    assert paths
    missing = sorted(p for p in paths if not (ROOT / p).exists())
    assert not missing, f"{script.name} refers to missing files: {missing}"


@pytest.mark.parametrize(
    "name",
    ["build-linux", "smoke-test", "linux/install.sh", "linux/uninstall.sh"],
)
def test_shell_scripts_are_executable(name: str) -> None:
    path = INSTALLER / name
    assert path.stat().st_mode & 0o111, f"chmod +x installer/{name}"
    assert path.read_text(encoding="utf-8").startswith("#!")


def test_powershell_script_has_a_bom() -> None:
    assert PS1.read_bytes().startswith(BOM), "Windows PowerShell 5.1 needs the BOM for Chinese text"


def test_desktop_entry_and_file_type_agree() -> None:
    text = (INSTALLER / "linux" / "juesuan.desktop").read_text(encoding="utf-8")
    entry = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "@EXEC@ %f"
    assert entry["Icon"] == "@ICON@"
    assert entry["Terminal"] == "false"
    mime = ET.parse(INSTALLER / "linux" / "juesuan.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = mime.find("m:mime-type", ns)
    assert mime_type is not None
    glob = mime_type.find("m:glob", ns)
    assert glob is not None
    assert entry["MimeType"] == mime_type.get("type", "") + ";"
    assert glob.get("pattern") == "*.juesuan"


def test_icons() -> None:
    png = (INSTALLER / "icon.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    ico = (INSTALLER / "icon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_ci_runs_the_smoke_test_after_the_tests() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert lines[-1] == "installer/smoke-test"
    assert "scripts/test" in lines[:-1]
