"""Shared fixtures for the MEANTIME reader and event scorer tests: the corpus folder in ../shared/data
(tests that need it skip cleanly when it is absent) and a builder for tiny CAT XML documents."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
MEANTIME = REPO_ROOT.parent / "shared" / "data" / "meantime-apple" / "corpus_apple"


@pytest.fixture
def meantime() -> Path:
    """Return the MEANTIME Apple corpus folder, or skip."""
    if not MEANTIME.is_dir():
        pytest.skip(f"MEANTIME data not found at {MEANTIME}")
    return MEANTIME
