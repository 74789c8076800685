"""Crash test: kill a writer with SIGKILL at random moments and check nothing is lost.

A child process applies a scripted stream of edits through `desktop.storage.edits` (the code
the window uses) and prints the number of each edit once it has returned (acknowledged). The
parent kills it with SIGKILL at a random moment, then checks ``PRAGMA integrity_check`` and
that every acknowledged edit is in the database.

Run: python bench/crash_test.py [ROUNDS]   (prints "N/ROUNDS rounds: 0 corrupt, 0 lost")
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

EDITS = 100_000


def child(db_path: str) -> None:
    from desktop.core.edits import SetCell
    from desktop.core.model import Case, CaseId, Unit
    from desktop.storage.cases import save_case
    from desktop.storage.db import open_db
    from desktop.storage.edits import delete_row, set_cell, set_field

    db = open_db(Path(db_path))
    case_id = save_case(db, Case("nmg-2022-unit", Unit("崩溃测试单位", 2022)))
    print(f"case {case_id}", flush=True)
    for n in range(EDITS):
        cell = SetCell("t11", f"p{n}", "spending", Decimal(n) / 100, label=f"项目{n}")
        set_cell(db, CaseId(case_id), cell)
        set_field(db, CaseId(case_id), "overall", "prior_total", Decimal(n))
        if n % 3 == 2:
            delete_row(db, CaseId(case_id), "t11", f"p{n - 1}")
        print(n, flush=True)


def one_round(workdir: Path, rng: random.Random) -> tuple[bool, bool, int]:
    """Returns (corrupt, lost, acknowledged edits) for one killed child."""
    db_path = workdir / "crash.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen(
        [sys.executable, __file__, "child", str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # "case N": the child is running
    deadline = time.monotonic() + rng.uniform(0.02, 0.4)
    acked = -1
    os.set_blocking(proc.stdout.fileno(), False)
    while time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    os.set_blocking(proc.stdout.fileno(), True)
    for line in proc.stdout.read().splitlines():
        if line.strip().isdigit():
            acked = int(line)
    case_id = int(first.split()[1])
    con = sqlite3.connect(db_path)
    try:
        corrupt = con.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
        keys = {
            r[0]
            for r in con.execute(
                "SELECT key FROM table_rows WHERE case_id = ? AND table_id = 't11'", [case_id]
            )
        }
        prior = con.execute(
            "SELECT amount_fen FROM field_values WHERE case_id = ? AND field = 'prior_total'",
            [case_id],
        ).fetchone()
    finally:
        con.close()
    # Edit n also deletes row p{n-1} when n % 3 == 2; the unacknowledged edit acked + 1 may
    # have been committed before the kill, so its deletion is allowed too.
    deleted = {n - 1 for n in range(acked + 2) if n % 3 == 2}
    expected = {f"p{n}" for n in range(acked + 1)} - {f"p{n}" for n in deleted}
    lost = not expected <= keys or (acked >= 0 and (prior is None or prior[0] < acked * 100))
    for name in ("crash.sqlite3", "crash.sqlite3-wal", "crash.sqlite3-shm", "crash.sqlite3.lock"):
        (workdir / name).unlink(missing_ok=True)
    return corrupt, lost, acked + 1


def run(rounds: int, seed: int | None = None) -> tuple[int, int, list[int]]:
    rng = random.Random(seed)
    corrupt = lost = 0
    acked: list[int] = []
    with tempfile.TemporaryDirectory(prefix="juesuan-crash-") as tmp:
        for _ in range(rounds):
            c, l_, n = one_round(Path(tmp), rng)
            corrupt += c
            lost += l_
            acked.append(n)
    return corrupt, lost, acked


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "child":
        child(sys.argv[2])
        return
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    start = time.perf_counter()
    corrupt, lost, acked = run(rounds)
    print(f"{rounds}/{rounds} rounds: {corrupt} corrupt, {lost} lost")
    print(
        f"acknowledged edits per round: median {statistics.median(acked):.0f}, "
        f"min {min(acked)}, max {max(acked)}; {time.perf_counter() - start:.0f} s"
    )
    sys.exit(1 if corrupt or lost else 0)


if __name__ == "__main__":
    main()
