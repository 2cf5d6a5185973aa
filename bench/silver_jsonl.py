"""Write TE-3 silver TimeML documents as JSON Lines articles (id, published, source, text) for the scale bench.

The silver corpus (2,452 AFP and Xinhua wires) is the largest real news set in ../shared/data; the scale
bench (`bench/bench_scale.py`) reads it as one ``.jsonl`` file, as a newsroom's scraped corpus would be.
``--count N`` takes the first N documents in name order (a prefix, so a larger set holds every smaller one);
``--skip K`` starts after the first K (the 10 articles "added" to a store).

Usage: python -m bench.silver_jsonl OUT.jsonl [--count N] [--skip K]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from timeline.timeml import read_timeml_file

SILVER = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3" / "silver"


def silver_paths() -> list[Path]:
    """Return the silver documents in name order (empty when ../shared/data is absent)."""
    return sorted(SILVER.glob("*.tml"))


def write_silver_jsonl(out: Path, count: int, skip: int = 0) -> int:
    """Write documents ``skip`` .. ``skip + count`` as JSON Lines; return how many were written."""
    chosen = silver_paths()[skip : skip + count]
    lines = []
    for path in chosen:
        document = read_timeml_file(path)
        record = {
            "id": path.name.removesuffix(".tml"),
            "published": document.dct.isoformat() if document.dct else None,
            "source": path.name.split("_", 1)[0],
            "text": document.plain,
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    out.write_text("".join(lines), encoding="utf-8")
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=len(silver_paths()))
    parser.add_argument("--skip", type=int, default=0)
    args = parser.parse_args()
    written = write_silver_jsonl(args.out, args.count, args.skip)
    print(f"wrote {written} articles to {args.out}")


if __name__ == "__main__":
    main()
