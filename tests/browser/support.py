"""What the browser tests share: where Chromium is, how it is launched, the skip reason, the payloads."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
REPO_ROOT = Path(__file__).resolve().parents[2]
GAZA = REPO_ROOT / "samples" / "gaza-ceasefire-2024-02"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SVG = "\"'><svg onload=window.__xss=1>"


_missing: list[str] = []
if not Path(CHROMIUM).exists():
    _missing.append(f"{CHROMIUM} is missing (install Debian's chromium package: apt-get install chromium)")
if importlib.util.find_spec("playwright") is None:
    _missing.append("the playwright package is missing (pip install -e '.[dev]')")


BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(bool(_missing), reason="browser tests need Chromium and Playwright: " + "; ".join(_missing)),
]
"""`pytestmark` of every browser test module: marked `browser`, skipped with the reason when it cannot run."""
