"""Fixtures for the command-line tests; puts this folder on sys.path for `cli_support`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli_support import GAZA, Built, run  # noqa: E402


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Return a function writing text (UTF-8) or bytes to ``tmp_path / name``, creating folders."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def gaza_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`timeline build` of the Gaza sample folder (its manifest dates the original only), run once."""
    out = tmp_path_factory.mktemp("gaza") / "out"
    return Built(result=run("build", GAZA, "--out", out), out=out)
