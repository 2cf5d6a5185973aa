"""CPU time of decoding a corpus' packed extractions, as a store rebuild decodes the stored ones.

Each article line of an `extractions.jsonl` is packed as a store keeps it (`compact.pack`: the line,
zlib-compressed), then all are decoded the way `pipeline.build` decodes a store's (`PackedExtractions`, 500
at a time, the garbage collector paused). The first pass is what a rebuild pays (a new process: its memory
comes from the system); ``--split`` then times the three parts of a decode apart on the same items:
``zlib`` (decompress), ``json`` (parse) and ``build`` (rows to models, `compact.Decoder`). Compare two
checkouts alternating, in new processes:
``for w in BEFORE AFTER AFTER BEFORE; do PYTHONPATH=$w python -m bench.decode_cpu FILE; done``.

Usage: python -m bench.decode_cpu EXTRACTIONS_JSONL [--split] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
import zlib
from pathlib import Path

import timeline
from timeline.collector import gc_paused
from timeline.compact import PackedExtractions, is_extractions_header, load_record


def packed_lines(path: Path) -> list[bytes]:
    """Return the file's article lines packed as a store keeps them (its header and Issues left out)."""
    items = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if not is_extractions_header(record) and "extraction" in record:
                items.append(zlib.compress(line.encode("utf-8"), 6))
    return items


def decode_all(items: list[bytes]) -> list[object]:
    """Decode every item as `pipeline.build` decodes a store's: 500 at a time, the collector paused."""
    decoded: list[object] = []
    with gc_paused():
        for start in range(0, len(items), 500):
            decoded.extend(PackedExtractions(items[start : start + 500]))
    return decoded


def split(items: list[bytes]) -> dict[str, float]:
    """Return the CPU seconds of each part of a decode: decompress, parse, build the models."""
    decoder = PackedExtractions()._decoder
    spent = {}
    with gc_paused():
        start = time.process_time()
        texts = [zlib.decompress(item) for item in items]
        spent["zlib"] = time.process_time() - start
        start = time.process_time()
        records = [json.loads(text) for text in texts]
        spent["json"] = time.process_time() - start
        start = time.process_time()
        for record in records:
            load_record(decoder, record)
        spent["build"] = time.process_time() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extractions", type=Path)
    parser.add_argument("--split", action="store_true", help="then time decompress, parse and build apart")
    parser.add_argument("--profile", action="store_true", help="print the first pass's 30 costliest functions")
    args = parser.parse_args()
    items = packed_lines(args.extractions)
    decode_all(items[:1])  # the builders are written and compiled once per process: not counted
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    start = time.process_time()
    decoded = decode_all(items)
    spent = time.process_time() - start
    if profile:
        profile.disable()
    print(f"{Path(timeline.__file__).parents[1]}: {len(decoded)} articles decoded in {spent:.3f} s CPU")
    if args.split:
        parts = split(items)
        print("  " + ", ".join(f"{name} {seconds:.3f}" for name, seconds in parts.items()) + " s CPU (a second pass)")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
