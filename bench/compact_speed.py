"""Time `timeline.compact` versions side by side: encode a timeline.json, pack and decode extractions.

Each COMPACT_PY (e.g. main's ``timeline/compact.py`` and a branch's) is loaded as a module of its own, and
they take turns in one process (A/B alternating, process time, the best of ``--rounds``): on a shared
machine only such ratios mean something. Every version must give the same bytes and equal models.

Usage: python -m bench.compact_speed TIMELINE_JSON EXTRACTIONS_JSONL COMPACT_PY [COMPACT_PY ...] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import time
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

from timeline.artifacts import read_extractions, read_timeline


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timeline", type=Path)
    parser.add_argument("extractions", type=Path)
    parser.add_argument("versions", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    timeline = read_timeline(args.timeline)
    extractions, _ = read_extractions(args.extractions)
    modules = [(path, load(path, f"compact_{at}")) for at, path in enumerate(args.versions)]
    tasks: dict[str, Any] = {
        "encode timeline.json": lambda module: module.dump_timeline(timeline),
        "pack extractions": lambda module: [module.pack(extraction) for extraction in extractions],
    }
    packed = [zlib.compress(line.encode("utf-8"), 6) for line in map(modules[0][1].dump_record, extractions)]
    tasks["decode packed"] = lambda module: list(module.PackedExtractions(packed))
    header = json.loads(args.extractions.read_text(encoding="utf-8").splitlines()[0])
    records = [json.loads(line) for line in args.extractions.read_text(encoding="utf-8").splitlines()[1:]]
    tasks["decode a file (validated)"] = lambda module: [
        module.load_record(decoder, record) for decoder in [module.Decoder(header["fields"])] for record in records
    ]
    gc.disable()
    for task, run in tasks.items():
        seconds: dict[Path, float] = {}
        results = []
        for _ in range(args.rounds):
            for path, module in modules:
                started = time.process_time()
                result = run(module)
                seconds[path] = min(seconds.get(path, float("inf")), time.process_time() - started)
                if len(results) < len(modules):
                    results.append(result)
                del result
                gc.collect()
        assert all(result == results[0] for result in results), f"{task}: the versions differ"
        print(f"{task}: " + ", ".join(f"{seconds[path]:.2f} s ({path})" for path, _ in modules), flush=True)


if __name__ == "__main__":
    main()
