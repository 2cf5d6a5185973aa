"""A report folder replaced as a whole: readers see the old report or the new one, never a mix.

`timeline build` and `timeline render` write several files that belong together (the page, the CSVs,
the JSON, the images). Swapping them one by one leaves a mix if the process dies between two renames,
and two commands writing the same folder at once would interleave their files. So:

1. `ReportFolder.open` runs before any article is read. It checks that ``--out`` can be created and
   written, refuses a non-empty folder that holds no previous report (unless ``force``), takes a lock
   file beside the folder (``.NAME.lock``, holding the writer's pid; the kernel releases it when the
   process dies, however it dies, so a stale lock never blocks), and removes what dead runs left.
2. `ReportFolder.publish` writes the new files into a fresh sibling folder (``.NAME.new-PID``), carries
   over (as hard links) the files of the old folder that the new report does not own, ``fsync``s
   everything, and then switches: on Linux one ``renameat2(RENAME_EXCHANGE)`` swaps the two folders
   atomically; elsewhere two renames, and a folder missing between them is restored by the next run.
   Files may be staged there before (`ReportFolder.staging`): by the processes that rendered them
   (`Staged`), or by one forked to write a file while the build goes on (`ReportFolder.stage_apart`);
   `publish` switches only once every one is complete.

The library never prints or reads the environment; the CLI reports errors and interruptions.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.errors import InputError
from timeline.forked import CAN_FORK, Forked

REPORT_MARKERS = ("timeline.json", "timeline.html")
"""A folder holding one of these files holds a previous report, which a new one may replace."""

_LEGACY_LEFTOVERS = (".tmp", ".bak")
"""Hidden ``.NAME.xxxx.tmp`` / ``.bak`` files that the old file-by-file writer left behind when killed."""

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _checkpoint(step: str) -> None:
    """Mark a step of the switch; tests replace this to kill the process exactly there."""


@dataclass(frozen=True)
class Staged:
    """A file of the new report already in `ReportFolder.staging`, complete and fsynced (`write_synced`).

    The output stage's forked processes write `timeline.json` and the CSVs there themselves: 60 MB of text
    on a 2,452-article story that would otherwise be pickled through a pipe, decoded, encoded and written
    again by the process that still builds the page.
    """


class ReportFolder:
    """The output folder of one command: checked and locked on `open`, replaced whole by `publish`.

    Use it as a context manager around the whole command, so the lock is held from the first check
    to the switch and a failed or interrupted run leaves nothing behind but the old report.
    """

    def __init__(self, path: Path, *, force: bool = False) -> None:
        self.shown = path
        self.path = Path(os.path.abspath(path))
        if self.path.is_symlink():
            self.path = self.path.resolve()
        self.force = force
        self.had_report = False
        self.switched = False
        self._lock_fd: int | None = None
        self._staging: Path | None = None
        self._writers: dict[str, Forked] = {}

    # -- names -------------------------------------------------------------------------------
    @property
    def _lock_path(self) -> Path:
        return self.path.parent / f".{self.path.name}.lock"

    def _sibling(self, kind: str) -> Path:
        return self.path.parent / f".{self.path.name}.{kind}-{os.getpid()}"

    def _leftovers(self) -> list[Path]:
        prefix = f".{self.path.name}."
        return sorted(
            entry
            for entry in self.path.parent.iterdir()
            if entry.name.startswith(prefix) and entry.name[len(prefix) :].startswith(("new-", "old-"))
        )

    # -- open --------------------------------------------------------------------------------
    def __enter__(self) -> ReportFolder:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def open(self) -> None:
        """Check the folder, take the lock and clean up after dead runs, before any work is done.

        Raises:
            InputError: the path is unusable (a file, the current folder, not writable), another
                command is writing it, or it holds other files and ``force`` is not set.
        """
        self._check_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._unwritable(exc, self.path.parent) from exc
        self._lock()
        try:
            self._recover()
            self._check_contents()
        except BaseException:
            self.close()
            raise

    def _check_path(self) -> None:
        if self.path.exists() and not self.path.is_dir():
            raise InputError(
                "--out is an existing file, not a folder",
                path=self.shown,
                hint="give a folder for the outputs (it is created if needed)",
            )
        cwd = Path.cwd().resolve()
        if self.path == cwd or self.path in cwd.parents or self.path.parent == self.path:
            raise InputError(
                "--out is the current folder or one that holds it; the report replaces its folder as a whole",
                path=self.shown,
                hint="give a folder of its own, such as --out report",
            )

    def _check_contents(self) -> None:
        if not self.path.is_dir():
            return
        if not os.access(self.path, os.W_OK | os.X_OK):
            raise InputError(
                "cannot write output (the folder is read-only)",
                path=self.shown,
                hint="make it writable or choose another --out",
            )
        entries = [entry.name for entry in self.path.iterdir()]
        self.had_report = any(name in entries for name in REPORT_MARKERS)
        if entries and not self.had_report and not self.force:
            raise InputError(
                f"--out is a folder with {len(entries)} other file(s) and no timeline report",
                path=self.shown,
                hint="choose an empty or new folder, or pass --force to write the report there (its files are kept)",
            )

    def _unwritable(self, exc: OSError, where: Path) -> InputError:
        return InputError(
            f"cannot write output ({exc.strerror or exc})",
            path=where if where != self.path.parent else self.shown,
            hint="check that the folder and the one holding it are writable (the report is staged beside it) "
            "and that the disk has space",
        )

    # -- lock --------------------------------------------------------------------------------
    def _lock(self) -> None:
        """Hold ``.NAME.lock`` (with our pid) for the whole command; a second writer fails at once."""
        import fcntl

        while True:
            try:
                fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise self._unwritable(exc, self.path.parent) from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = _read_pid(fd)
                os.close(fd)
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise self._unwritable(exc, self._lock_path) from exc
                who = f"pid {holder}" if holder else "another process"
                raise InputError(
                    f"another timeline command ({who}) is writing this folder",
                    path=self.shown,
                    hint="wait for it to finish, or choose another --out",
                ) from None
            # the holder before us may have removed the file after we opened it: lock the file that is there
            try:
                same = os.fstat(fd).st_ino == os.stat(self._lock_path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock_fd = fd

    def close(self) -> None:
        """Remove an unfinished staging folder and release the lock (the old report stays as it was)."""
        for writer in self._writers.values():
            writer.stop()
        self._writers.clear()
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                self._lock_path.unlink()
            os.close(self._lock_fd)
            self._lock_fd = None

    def _recover(self) -> None:
        """Under the lock, every ``.NAME.new-*`` / ``.NAME.old-*`` is from a dead run: restore or remove it.

        Only the fallback switch (two renames) can die with the folder missing; its moved-aside old
        report is then put back. Legacy hidden temp files inside the folder are left out by `publish`.
        """
        for leftover in self._leftovers():
            if leftover.name.startswith(f".{self.path.name}.old-") and not self.path.exists():
                os.replace(leftover, self.path)
            else:
                shutil.rmtree(leftover, ignore_errors=True)

    # -- publish -----------------------------------------------------------------------------
    def staging(self) -> Path:
        """Return the folder the new report is staged in (``.NAME.new-PID``), created on first use.

        Whoever renders a file may write it there (`write_synced`) and hand `publish` a `Staged` for it;
        `publish` switches the folder in with the rest, or `close` removes it.

        Raises:
            InputError: the folder cannot be created.
        """
        if self._lock_fd is None:
            raise RuntimeError("ReportFolder.staging needs open() first")
        if self._staging is None:
            staging = self._sibling("new")
            try:
                staging.mkdir()
            except OSError as exc:
                raise self._unwritable(exc, self.shown) from exc
            self._staging = staging
            _checkpoint("staging")
        return self._staging

    def stage_apart(self, name: str, render: Callable[..., str | bytes | Iterable[str]], *args: Any) -> None:
        """Write ``render(*args)`` as the report's file ``name``, in a forked process, while this one works on.

        A build knows its `extractions.jsonl` once extraction ends and merges next, on one core: a process
        forked then renders and writes the file (19 MB on 2,452 articles) on the other. `publish` waits
        for it (and raises its error); `close` ends it. Where the system cannot fork, it is written now.
        The file is then ``Staged``: give `publish` ``{name: Staged()}`` with the other files.

        Raises:
            InputError: the file cannot be written (here, or from `publish` when it was written apart).
        """
        path = self.staging() / name
        if CAN_FORK:
            self._writers[name] = Forked(_render_synced, path, render, args)
            return
        try:
            write_synced(path, render(*args))
        except OSError as exc:
            raise self._unwritable(exc, self.shown) from exc

    def publish(
        self, files: Mapping[Path | str, str | bytes | Iterable[str] | Staged], *, owned: Collection[str] = ()
    ) -> list[Path]:
        """Replace the folder with one holding ``files``, in one switch.

        Args:
            files: ``{name or path in the folder: text, bytes, or Staged}``; text is written as UTF-8 (a
                ``str``, or pieces written one after the other), a `Staged` file is in `staging` already
                (or being written there by `stage_apart`).
            owned: names of report files this command writes; an old one not in ``files`` (say an
                ``embed.html`` of an earlier ``--embed`` build) is dropped so it cannot outlive its report.
                Every other file of the old folder is kept.

        Returns:
            The paths written, as the caller named the folder.

        Raises:
            InputError: a file cannot be written (the old report stays as it was).
        """
        if self._lock_fd is None:
            raise RuntimeError("ReportFolder.publish needs open() first")
        names = [Path(name).name for name in files]
        staging = self.staging()
        try:
            if self.path.is_dir():
                self._carry_over(staging, skip={*names, *owned, *self._writers})
            for name, content in zip(names, files.values(), strict=True):
                if isinstance(content, Staged):
                    self._wait_for(name)
                else:
                    write_synced(staging / name, content)
                _checkpoint(f"wrote {name}")
            for name in list(self._writers):  # a file staged apart is switched in complete, named or not
                self._wait_for(name)
            _fsync_dir(staging)
            _checkpoint("staged")
            self._switch(staging)
        except OSError as exc:
            raise self._unwritable(exc, self.shown) from exc
        return [self.shown / name for name in names]

    def _wait_for(self, name: str) -> None:
        """Wait until the staged file ``name`` is complete (its `stage_apart` process, if any, has ended)."""
        writer = self._writers.pop(name, None)
        if writer is not None:
            writer.result()
        if not (self._staging and (self._staging / name).is_file()):
            raise FileNotFoundError(errno.ENOENT, "a staged file is missing", name)

    def _carry_over(self, staging: Path, skip: Collection[str]) -> None:
        """Hard-link (or copy) the old folder's other files into the new one, so nothing of the user's is lost."""
        for entry in sorted(self.path.iterdir()):
            name = entry.name
            if name in skip or (name.startswith(".") and name.endswith(_LEGACY_LEFTOVERS)):
                continue
            target = staging / name
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
            elif entry.is_symlink():
                os.symlink(os.readlink(entry), target)
            else:
                _link_or_copy(entry, target)

    def _switch(self, staging: Path) -> None:
        if not self.path.exists():
            os.rename(staging, self.path)
            self._staging = None
            self.switched = True
            _checkpoint("switched")
        elif _exchange(staging, self.path):
            self.switched = True
            _checkpoint("switched")
            # staging now holds the old report
            shutil.rmtree(staging, ignore_errors=True)
            self._staging = None
        else:
            old = self._sibling("old")
            os.rename(self.path, old)
            _checkpoint("moved aside")
            os.rename(staging, self.path)
            self._staging = None
            self.switched = True
            _checkpoint("switched")
            shutil.rmtree(old, ignore_errors=True)
        _fsync_dir(self.path.parent)
        _checkpoint("done")


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_synced(path: Path, content: str | bytes | Iterable[str | bytes]) -> None:
    """Create the file ``path`` (it must not exist) with ``content`` and ``fsync`` it.

    Text is written as UTF-8: a ``str``, or pieces written one after the other (`extractions.jsonl`'s
    lines, never joined into one string), each text or bytes.
    """
    pieces = [content] if isinstance(content, str | bytes) else content
    with open(path, "xb") as stream:  # created here (never an older file), mode 0666 less the umask
        for piece in pieces:
            stream.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        stream.flush()
        os.fsync(stream.fileno())


def _render_synced(path: Path, render: Callable[..., str | bytes | Iterable[str]], args: tuple[Any, ...]) -> None:
    """`ReportFolder.stage_apart`'s work, in the forked process."""
    write_synced(path, render(*args))


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _read_pid(fd: int) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        return int(os.pread(fd, 32, 0).decode("ascii", "replace").strip() or 0) or None
    return None


@contextlib.contextmanager
def report_folder(path: Path, *, force: bool = False) -> Iterator[ReportFolder]:
    """Open a `ReportFolder` for the length of a command (see the module docstring)."""
    folder = ReportFolder(path, force=force)
    with folder:
        yield folder
