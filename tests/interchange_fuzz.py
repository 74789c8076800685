"""Mutated interchange files through ``load → check/export → dump`` with the real command line.

Used by ``bench/fuzz_interchange.py`` (hundreds of files) and by a fast subset in the suite.
A mutation is one of the kinds that crashed before (lone surrogate escapes, counts ≥ 2^63,
amounts "1e20"/"1e400", a 5000-digit year, nesting 100,000 deep) or a generic one (a value of
another type, a removed or unknown key, a truncated or byte-flipped file, odd but valid text).
`run_one` returns what happened; `Outcome.problem` is set when a rule of the harness is broken:
an exception escaped, a refusal was not exit 2 with "错误：" and a JSON path, a refused load
left a database file, or an accepted file did not come back the same through the database.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from desktop import cli, paths
from desktop.services import workspace

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator
    from pathlib import Path

SAMPLES = sorted((paths.resources_dir() / "samples").glob("*.json"))

TEXTS = ["", "{{ title.__class__ }}", "<w:p>&amp;</w:p>", "🙂\u202e", "甲\t乙\n丙", "x" * 5000]
BAD_STRINGS = ["\ud800", "a\udfffb", "\x00", "\x1b[31m", "\r\n", "\x0b"]
AMOUNTS = ["1e20", "1e400", "-1e400", "NaN", "Infinity", "1.234", "10000000000000.00",
           "9999999999999.99", "-0.00", "0", "12", "1,234.00", " 1.00", "0x10", ""]  # fmt: skip
NUMBERS = [2**63, 2**64 + 1, -1, 10**9, 10**9 + 1, 1.5, 1e400, True, None, 0]
KINDS = ("surrogate", "big_count", "amount", "big_year", "deep", "type", "remove", "unknown_key",
         "truncate", "flip_byte", "text", "score")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one file did: accepted or refused, the message, and a broken rule if any."""

    kind: str
    accepted: bool
    message: str = ""
    problem: str = ""


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [leaf for n, v in enumerate(node) for leaf in _leaves(v, (*path, n))]
    return [(path, node)]


def _set(root: Any, path: tuple[Any, ...], value: Any) -> None:
    node = root
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _is_amount(value: object) -> bool:
    if not isinstance(value, str) or "." not in value:
        return False
    try:
        Decimal(value)
    except InvalidOperation:
        return False
    return True


def _reshape(
    data: Any, kind: str, leaves: list[tuple[tuple[Any, ...], Any]], rng: random.Random
) -> None:
    """A value of another type, a removed key or item, or an unknown key."""
    if kind == "type":
        path, _ = rng.choice(leaves)
        _set(data, path, rng.choice([[], {}, None, True, 1, "x", 1.5]))
    elif kind == "remove":
        path, _ = rng.choice(leaves)
        container = data
        for part in path[:-1]:
            container = container[part]
        container.pop(path[-1])
    elif kind == "unknown_key":
        path, _ = rng.choice(leaves)
        node = data
        for part in path[:-1]:
            node = node[part]
        if isinstance(node, dict):
            node["未知"] = 1
        else:
            data["未知"] = 1


def mutate(text: str, kind: str, rng: random.Random) -> str:
    """One mutated copy of an interchange file."""
    data = json.loads(text)
    leaves = _leaves(data)
    strings = [
        (p, v) for p, v in leaves if isinstance(v, str) and p[0] not in ("format", "profile")
    ]
    amounts = [(p, v) for p, v in leaves if _is_amount(v)]
    ints = [(p, v) for p, v in leaves if isinstance(v, int) and not isinstance(v, bool)]
    if kind == "surrogate":
        path, value = rng.choice(strings)
        _set(data, path, value + rng.choice(BAD_STRINGS))
    elif kind == "big_count":
        path, _ = rng.choice(ints)
        _set(data, path, rng.choice(NUMBERS))
    elif kind == "amount":
        path, _ = rng.choice(amounts)
        _set(data, path, rng.choice(AMOUNTS))
    elif kind == "score":
        scores = [(p, v) for p, v in leaves if p and p[-1] in ("weight", "score", "funds_weight")]
        path, _ = rng.choice(scores or strings)
        _set(data, path, rng.choice(["1e400", "100.5", "-1", "NaN", "", "99.97", "100", "1E+2"]))
    elif kind == "big_year":
        return text.replace('"year": ', '"year": ' + "9" * rng.choice([20, 5000]), 1)
    elif kind == "deep":
        depth = rng.choice([50, 1000, 100_000])
        path, _ = rng.choice(leaves)
        marker = "\u0000MARK\u0000"
        _set(data, path, marker)
        blob = json.dumps(data, ensure_ascii=False)
        return blob.replace(json.dumps(marker), "[" * depth + "]" * depth, 1)
    elif kind in ("type", "remove", "unknown_key"):
        _reshape(data, kind, leaves, rng)
    elif kind == "truncate":
        return text[: rng.randrange(len(text))]
    elif kind == "flip_byte":
        raw = bytearray(text.encode("utf-8"))
        raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
        return raw.decode("utf-8", "surrogateescape")
    elif kind == "text":
        path, value = rng.choice(strings)
        if not _is_amount(value):
            _set(data, path, rng.choice(TEXTS))
    else:
        raise ValueError(kind)
    # A lone surrogate can only be written as an escape ("\\ud800"), as a crafted file would.
    ascii_only = kind == "surrogate" or rng.random() < 0.3
    return json.dumps(data, ensure_ascii=ascii_only, indent=rng.choice([None, 2]))


@functools.cache
def _catalog(warn: Any = None, only: Any = None) -> Any:
    return _REAL_CATALOG()


_REAL_CATALOG = workspace.installed_catalog


@contextlib.contextmanager
def _profiles_loaded_once() -> Iterator[None]:
    """The command line, with the profiles loaded once per process instead of per command."""
    workspace.installed_catalog = _catalog
    try:
        yield
    finally:
        workspace.installed_catalog = _REAL_CATALOG


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def _is_number(value: str) -> bool:
    try:
        Decimal(value)
    except InvalidOperation:
        return False
    return True


def _text_leaves(node: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Text values (amounts and scores, which are normalised, left out)."""
    return [(p, v) for p, v in _leaves(node) if isinstance(v, str) and not _is_number(v)]


def run_one(text: str, folder: Path, kind: str, *, docx: bool = False) -> Outcome:
    """Load, check, export and dump one file in `folder`; see the module docstring."""
    with _profiles_loaded_once():
        return _run_one(text, folder, kind, docx=docx)


def _run_one(text: str, folder: Path, kind: str, *, docx: bool) -> Outcome:
    source = folder / "case.json"
    source.write_bytes(text.encode("utf-8", "surrogateescape"))
    db = folder / "cases.sqlite3"
    try:
        code, out, err = _run(["load", str(source), "--db", str(db)])
        if code != 0:
            if code != 2 or not err.startswith("错误："):
                return Outcome(kind, False, err, f"load exit {code}: {err!r}")
            # a JSON path, or (a file that is not JSON at all) the line and column
            if "$" not in err and "UTF-8" not in err and "不是有效的 JSON" not in err:
                return Outcome(kind, False, err, f"refusal without a JSON path: {err!r}")
            if db.exists():
                return Outcome(kind, False, err, "a refused load created the database")
            return Outcome(kind, False, err.strip())
        case_id = out.split()[-1]
        code, _, err = _run(["check", "--case", case_id, "--db", str(db)])
        if code not in (0, 1):
            return Outcome(kind, True, err, f"check exit {code}: {err!r}")
        workbook = folder / "out.xlsx"
        argv = ["export", "--case", case_id, "--db", str(db), "-o", str(folder / "out.docx")]
        if code == 1:  # the checks found 错误: a formal export is refused, a draft is written
            argv.append("--draft")
        if docx:
            code, _, err = _run([*argv, "--xlsx", str(workbook)])
            if code != 0:
                return Outcome(kind, True, err, f"export exit {code}: {err!r}")
        else:
            _build_without_word(folder, db, int(case_id), workbook)
        dump = folder / "dump.json"
        code, _, err = _run(["dump", "--case", case_id, "--db", str(db), "-o", str(dump)])
        if code != 0:
            return Outcome(kind, True, err, f"dump exit {code}: {err!r}")
        return Outcome(kind, True, "", _compare(text, dump.read_text(encoding="utf-8"), folder))
    except BaseException as exc:
        return Outcome(kind, False, "", f"exception escaped: {type(exc).__name__}: {exc}")
    finally:
        for p in folder.iterdir():
            if p.is_file():
                p.unlink()
        for p in folder.iterdir():
            if p.is_dir():
                for q in p.iterdir():
                    q.unlink()
                p.rmdir()


def _build_without_word(folder: Path, db: Path, case_id: int, workbook: Path) -> None:
    """The export minus the Word rendering: figures, document, and the Excel workbook."""
    from desktop.core.calc import Figures
    from desktop.core.model import CaseId
    from desktop.core.narrative.document import build_document
    from desktop.export.xlsx import export_xlsx
    from desktop.storage.cases import load_case
    from desktop.storage.db import close_db, open_db

    catalog = _catalog()
    database = open_db(db, backups=False)
    try:
        case = load_case(database, CaseId(case_id))
    finally:
        close_db(database)
    figures = Figures(case, catalog.profile(case.profile_id), catalog.codes)
    build_document(figures)
    export_xlsx(figures, workbook)
    del folder


def _compare(original: str, dumped: str, folder: Path) -> str:
    """Accepted text comes back byte-identical: every text value, and the dump is a fixed point."""
    from desktop.storage.interchange import dumps_case, loads_case

    profiles = _catalog().profiles
    if dumps_case(loads_case(dumped, profiles)) != dumped:
        return "dump → load → dump is not byte-identical"
    if loads_case(dumped, profiles) != loads_case(original, profiles):
        return "the case read back differs from the file"
    back = dict(_text_leaves(json.loads(dumped)))
    for path, value in _text_leaves(json.loads(original)):
        if path in back and back[path] != value:
            return f"text at {path} came back as {back[path]!r}, not {value!r}"
    del folder
    return ""
