"""Shared fixtures for the TimeML, scorer and `timeline tag` tests: a small hand-written document and
the TempEval-3 folders in ../shared/data (tests that need them skip cleanly when they are absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPEVAL3 = REPO_ROOT.parent / "shared" / "data" / "tempeval3"
TBAQ = TEMPEVAL3 / "TBAQ-cleaned"
SILVER = TEMPEVAL3 / "silver"


def _folder(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"TempEval-3 data not found at {path}")
    return path


@pytest.fixture
def tbaq() -> Path:
    """Return the TBAQ-cleaned folder (gold TempEval-3 training data), or skip."""
    return _folder(TBAQ)


@pytest.fixture
def silver() -> Path:
    """Return the TempEval-3 silver folder, or skip."""
    return _folder(SILVER)
