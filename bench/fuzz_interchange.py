"""Fuzz the interchange reader: mutated sample files through load → check/export → dump.

Every mutation kind of `tests/interchange_fuzz.py` in turn, over the built-in samples, each
through the real command line (in-process). Rules checked for every file: no exception escapes;
a refusal is exit 2 with "错误：" and a JSON path, and leaves no database file; an accepted file is
checked, exported (Figures, the document text and the Excel workbook; for some files also the
Word document) and dumped, and its texts come back byte-identical.

Run: python bench/fuzz_interchange.py [N] [SEED]   (N files, default 500; prints the figures)
"""

from __future__ import annotations

import collections
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.interchange_fuzz import KINDS, SAMPLES, mutate, run_one

#: One in this many files of the kinds that are usually accepted is also exported to Word.
DOCX_EVERY = 8
LIKELY_ACCEPTED = ("text", "remove", "score")


def main() -> int:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    tried: collections.Counter[str] = collections.Counter()
    refused: collections.Counter[str] = collections.Counter()
    broken = []
    docx = likely = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="juesuan-fuzz-") as tmp:
        folder = Path(tmp)
        for n in range(total):
            kind = KINDS[n % len(KINDS)]
            text = mutate(rng.choice(texts), kind, rng)
            if kind in LIKELY_ACCEPTED:
                likely += 1
            word = kind in LIKELY_ACCEPTED and likely % DOCX_EVERY == 1
            outcome = run_one(text, folder, kind, docx=word)
            tried[kind] += 1
            docx += word and outcome.accepted
            if not outcome.accepted:
                refused[kind] += 1
            if outcome.problem:
                broken.append((n, kind, outcome.problem[:300]))
                print(f"#{n} {kind}: {outcome.problem[:300]}", flush=True)
    seconds = time.perf_counter() - start
    print(f"{'kind':<12} tried refused accepted")
    for kind in KINDS:
        print(f"{kind:<12} {tried[kind]:5} {refused[kind]:7} {tried[kind] - refused[kind]:8}")
    accepted = total - sum(refused.values())
    print(
        f"{total} files (seed {seed}): {sum(refused.values())} refused, {accepted} accepted "
        f"({docx} also exported to Word), {len(broken)} broken rules, {seconds:.0f} s"
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
