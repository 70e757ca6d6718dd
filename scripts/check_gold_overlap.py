#!/usr/bin/env python3
"""Flag repository lines that share a run of words with the evaluation data in ../shared/eval.

Gold sets are scored partly on held-back items, so a rule, test or comment built from a gold
sentence is worth nothing and is a copy of third-party text besides. This check lists every line
of the tracked source, tests, data and docs that repeats N consecutive words of any gold file, so
the author can replace it with an example of their own. It exits 1 when a line is flagged, 0 when
none is, and 0 with a notice when ../shared/eval is absent (a clone without the shared folder).

    scripts/check_gold_overlap.py            # 7 words, the default
    scripts/check_gold_overlap.py --words 6  # stricter: more short stock phrases appear
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# as whimbrel's own config: $WHIMBREL_SHARED when set (a git worktree has no ../shared beside it)
EVAL_DIR = Path(os.environ.get("WHIMBREL_SHARED") or ROOT.parent / "shared") / "eval"
CHECKED = ("whimbrel", "tests", "docs", "data", "scripts", "README.md")
TEXT_SUFFIXES = {".py", ".yaml", ".yml", ".md", ".txt", ".json", ".jsonl", ".html", ".js", ".css", ".csv", ""}
# Gold files larger than this are data dumps (GeoNames-like tables) rather than prose.
MAX_GOLD_BYTES = 50_000_000
WORD = re.compile(r"[A-Za-z0-9_]+")
# A quoted single identifier ("acled_event_type", 'asserted') is an interface name the eval README
# fixes, not prose.
QUOTED_NAME = re.compile(r"[\"'][\w-]+[\"']")
# Shared runs made mostly of capitalised words are names (organisations, places, titles), and
# snake_case words are identifiers: facts. Prose needs this many plain lower-case words.
PROSE_WORDS = 4
# Stock phrases of news writing that a gold set happens to share, reviewed one by one.
ALLOWED = Path(__file__).with_name("gold_overlap_allowed.txt")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def is_prose(run: tuple[str, ...]) -> bool:
    return sum(1 for w in run if len(w) > 1 and w.islower() and "_" not in w) >= PROSE_WORDS


def allowed_runs(n: int) -> set[int]:
    lines = [line.split("#")[0] for line in ALLOWED.read_text(encoding="utf-8").splitlines()]
    return {key(r) for line in lines for r in runs(words(line), n)}


def runs(tokens: list[str], n: int) -> Iterator[tuple[str, ...]]:
    for i in range(len(tokens) - n + 1):
        yield tuple(tokens[i : i + n])


def key(run: tuple[str, ...]) -> int:
    return hash(tuple(w.lower() for w in run))


def gold_runs(n: int) -> set[int]:
    seen: set[int] = set()
    for path in sorted(EVAL_DIR.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES and path.stat().st_size <= MAX_GOLD_BYTES:
            seen.update(key(r) for r in runs(words(path.read_text(errors="ignore")), n))
    return seen


def tracked_files() -> list[Path]:
    listing = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--", *CHECKED], capture_output=True, text=True, check=True
    ).stdout.split()
    return [ROOT / name for name in listing if Path(name).suffix in TEXT_SUFFIXES and name != Path(__file__).name]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=7, help="length of a shared run of words that counts (default 7)")
    args = parser.parse_args()
    if not EVAL_DIR.is_dir():
        print(f"{EVAL_DIR} is absent: gold overlap not checked")
        return 0
    gold = gold_runs(args.words) - allowed_runs(args.words)
    flagged = 0
    for path in tracked_files():
        for number, line in enumerate(path.read_text(errors="ignore").splitlines(), start=1):
            prose = QUOTED_NAME.sub(" ", line)
            shared = [r for r in runs(words(prose), args.words) if is_prose(r) and key(r) in gold]
            if shared:
                flagged += 1
                print(f'{path.relative_to(ROOT)}:{number}: "{" ".join(shared[0])}" is in the gold sets')
    print(f"{flagged} line(s) share {args.words} consecutive words with {EVAL_DIR}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
