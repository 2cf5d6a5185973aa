"""`--engine` and `--scheduler` without a cluster: one clear line when dask is missing or misused."""

from __future__ import annotations

import sys

from cli_support import GAZA, run, stderr_lines


def test_dask_engine_without_dask_installed_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails, as when it is missing
    result = run("build", GAZA, "--out", tmp_path / "out", "--engine", "dask", "-q")
    assert result.exit_code == 1
    assert stderr_lines(result) == ["error: --engine dask needs the dask extra: pip install 'timeline[dask]'"]
    assert not (tmp_path / "out" / "timeline.html").exists()


def test_scheduler_without_the_dask_engine_is_refused(tmp_path):
    result = run("extract", GAZA, "--out", tmp_path / "x.jsonl", "--scheduler", "tcp://10.0.0.1:8786", "-q")
    assert result.exit_code == 1
    assert stderr_lines(result) == ["error: --scheduler is the address of a Dask cluster; add --engine dask"]
