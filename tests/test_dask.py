"""The Dask engine gives the local engine's records, byte for byte, and resumes as it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch import BatchOptions, run_batch

from .archive import make
from .tools import require

pytest.importorskip("distributed", reason="vanban[dask] is not installed: pip install 'vanban[dask]'")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    require("dejavu")  # the archive's PDFs are drawn with it
    src = tmp_path_factory.mktemp("archive")
    make(src, 240, seed=5)
    out = tmp_path_factory.mktemp("out")
    local, dask = out / "local.jsonl", out / "dask.jsonl"
    assert run_batch([src], local, BatchOptions(workers=2, progress=False)).exit_status == 0
    options = BatchOptions(workers=2, progress=False, engine="dask", batch_size=40)
    assert run_batch([src], dask, options).exit_status == 0
    return src, local, dask


def test_a_local_cluster_of_two_workers_gives_the_local_records(runs) -> None:
    _, local, dask = runs
    assert dask.read_bytes() == local.read_bytes()
    assert len(local.read_bytes().splitlines()) == 240


def test_the_dask_engine_resumes_a_torn_run(runs, tmp_path: Path) -> None:
    src, local, _ = runs
    lines = local.read_bytes().splitlines(keepends=True)
    out = tmp_path / "r.jsonl"
    (tmp_path / "r.jsonl.part").write_bytes(b"".join(lines[:100]) + lines[100][:200])
    options = BatchOptions(workers=2, progress=False, engine="dask", batch_size=40, resume=True)
    result = run_batch([src], out, options)
    assert result.exit_status == 0 and result.summary.already == 100 and result.opened.torn == 1
    assert out.read_bytes() == local.read_bytes()
