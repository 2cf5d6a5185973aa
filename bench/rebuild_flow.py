"""Time the flow of a store rebuild: ingest, the wait for `store.extract_apart`'s worker, the merge, the whole build.

Runs `pipeline.build` of INPUTS on a copy of STORE with two workers (the copy is removed after), in the
checkout at ``--repo`` (default: this one), and prints the wall and CPU seconds of `stream_articles`,
`merge_extractions` and `build`, the wall seconds the decode of the stored extractions took (the
``meanwhile`` of `extract_apart`) and how long this process then waited for the worker's extractions.
``--digest`` pins `store.code_digest` to the digest of the code that wrote STORE: a change to ingest/ or
extract/ that leaves every extraction the same (a pure speed-up) can then be timed on the same store.
Run two checkouts alternately in one session (the machine's load varies), e.g.::

    for repo in /tmp/main . /tmp/main .; do python -m bench.rebuild_flow /work/r13/base.db \\
        /work/r13/silver.jsonl /work/r13/extra.jsonl --repo $repo --digest f1ee59a3db1349d5; done
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("inputs", type=Path, nargs="+")
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--digest", help="the code digest STORE was written with")
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    import timeline.pipeline as pipeline
    import timeline.store as store
    from timeline.config import Settings

    if args.digest:
        store.code_digest = lambda: args.digest
    times: dict[str, tuple[float, float]] = {}

    def timed(module: object, name: str) -> None:
        function = getattr(module, name)

        def run(*a: object, **k: object) -> object:
            wall, cpu = time.perf_counter(), time.process_time()
            result = function(*a, **k)
            times[name] = (time.perf_counter() - wall, time.process_time() - cpu)
            return result

        setattr(module, name, run)

    timed(pipeline, "stream_articles")
    timed(pipeline, "merge_extractions")
    apart = store.extract_apart

    def extract_apart(articles, settings, meanwhile, *rest):  # noqa: ANN001, ANN002, ANN202
        start = time.perf_counter()

        def decode() -> None:
            meanwhile()
            times["decode (meanwhile)"] = (time.perf_counter() - start, 0.0)

        result = apart(articles, settings, decode, *rest)
        times["waited for the worker"] = (time.perf_counter() - start - times["decode (meanwhile)"][0], 0.0)
        return result

    store.extract_apart = extract_apart
    with tempfile.TemporaryDirectory(prefix="rebuild-flow-") as folder:
        copy = Path(folder) / "store.db"
        shutil.copy(args.store, copy)
        wall, cpu = time.perf_counter(), time.process_time()
        result = pipeline.build(args.inputs, store=copy, settings=Settings(workers=2))
        times["build"] = (time.perf_counter() - wall, time.process_time() - cpu)
    shown = "  ".join(f"{name} {wall:.2f} s wall/{cpu:.2f} s CPU" for name, (wall, cpu) in times.items())
    print(f"{args.repo} ({os.getpid()}): {shown}; {len(result.timeline.events)} events")


if __name__ == "__main__":  # the worker process is spawned: it imports this module without running it
    main()
