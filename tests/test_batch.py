"""Archive-scale runs: the same records as one process, killed and resumed to the
same file, identical files read once, time and memory caps, crashes, Ctrl-C, exit
statuses, nothing left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import extract_many
from pipeline.batch import BatchOptions, run_batch
from pipeline.batch import runner as batch_runner
from pipeline.batch.local import LocalEngine
from pipeline.batch.runner import work_folder
from pipeline.batch.worker import Done, Failed, Task, WorkerConfig
from pipeline.batch.worker import run as run_task
from pipeline.cli import main

from .archive import make
from .conftest import ROOT
from .faults import SEED, big_text
from .tools import needs, require

SEEDS = ROOT / "corpus" / "seeds"
FIXTURES = ROOT / "corpus" / "fixtures"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def records(path: Path) -> list[dict]:
    return [json.loads(x) for x in lines(path)]


def quiet(**kw: object) -> BatchOptions:
    return BatchOptions(progress=False, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 generated documents (TXT, DOCX, a few PDFs and identical copies)."""
    require("dejavu")  # the PDFs are drawn with it
    out = tmp_path_factory.mktemp("archive")
    make(out, 600, seed=7, txt_only=False)
    return out


@pytest.fixture(scope="module")
def uninterrupted(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("full") / "records.jsonl"
    assert run_batch([archive], out, quiet(workers=2)).exit_status == 0
    return out


def test_the_batch_writes_what_one_process_gives(tmp_path: Path) -> None:
    inputs = [SEEDS, *sorted(FIXTURES.glob("*.txt")), *sorted(FIXTURES.glob("*.docx"))]
    out = tmp_path / "r.jsonl"
    result = run_batch(inputs, out, quiet(workers=2))
    assert result.exit_status == 0 and result.records == 18
    assert lines(out) == [r.model_dump_json() for r in extract_many(inputs)]
    assert not (tmp_path / "r.jsonl.part").exists() and not work_folder(out).exists()


def test_every_generated_document_gets_one_record(archive: Path, uninterrupted: Path) -> None:
    recs = records(uninterrupted)
    files = sorted(str(p) for p in archive.rglob("*") if p.is_file())
    assert sorted(r["source"]["path"] for r in recs) == files
    assert [r["source"]["path"] for r in recs] == sorted(r["source"]["path"] for r in recs)  # walk order
    assert {r["status"] for r in recs} == {"SUCCESS"}


def _kill_when(cmd: list[str], part: Path, at_least: int, sig: int, group: bool = False) -> int:
    """Start ``cmd``, send ``sig`` once ``part`` holds ``at_least`` lines; its exit status."""
    proc = subprocess.Popen(cmd, env=ENV, stderr=subprocess.PIPE, start_new_session=group)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if part.exists() and part.read_bytes().count(b"\n") >= at_least:
            os.killpg(proc.pid, sig) if group else proc.send_signal(sig)
            break
        time.sleep(0.02)
    _, err = proc.communicate(timeout=120)
    proc.stderr_text = err.decode()  # type: ignore[attr-defined]
    return proc.returncode


def test_killed_twice_and_resumed_gives_the_uninterrupted_file(
    archive: Path, uninterrupted: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.jsonl"
    part = tmp_path / "r.jsonl.part"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(archive), "-o", str(out), "-q", "--workers", "2"]
    assert _kill_when(cmd, part, 100, signal.SIGKILL) == -signal.SIGKILL
    first = part.read_bytes().count(b"\n")
    assert 100 <= first < 600 and not out.exists()
    assert _kill_when([*cmd, "--resume"], part, first + 150, signal.SIGKILL) == -signal.SIGKILL
    assert part.read_bytes().count(b"\n") > first
    done = subprocess.run([*cmd, "--resume"], env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == uninterrupted.read_bytes()  # every input exactly once, same content and order
    assert not part.exists() and not work_folder(out).exists()


def test_a_torn_last_line_is_cut_off_and_its_document_redone(
    archive: Path, uninterrupted: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.jsonl"
    whole = uninterrupted.read_bytes().splitlines(keepends=True)
    (tmp_path / "r.jsonl.part").write_bytes(b"".join(whole[:40]) + whole[40][:500])  # killed mid-line
    result = run_batch([archive], out, quiet(workers=2, resume=True))
    assert result.exit_status == 0 and result.opened is not None
    assert (result.opened.kept, result.opened.torn) == (40, 1)
    assert result.summary.already == 40 and result.summary.inputs == 600
    assert out.read_bytes() == uninterrupted.read_bytes()


def test_a_finished_run_resumed_reads_only_what_changed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make(src, 30, seed=3, txt_only=True)
    out = tmp_path / "r.jsonl"
    assert run_batch([src], out, quiet(workers=2)).exit_status == 0
    changed = sorted(src.rglob("*.txt"))[5]
    changed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "new.txt").write_bytes((SEEDS / "000_e4bdeb6f1d0e3bfb.txt").read_bytes())
    result = run_batch([src], out, quiet(workers=2, resume=True))
    assert (result.summary.already, result.summary.extracted, result.summary.inputs) == (29, 2, 31)
    recs = records(out)
    assert len(recs) == 31 and len({r["source"]["path"] for r in recs}) == 31  # one record per path
    mine = next(r for r in recs if r["source"]["path"] == str(changed))
    assert mine["document"]["number"] == "912"  # the file's new content


def test_identical_files_are_read_once_and_each_path_gets_its_record(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for name in ("a.txt", "b/a_copy.txt", "c/again.txt"):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(SEED.read_bytes())
    (src / "other.txt").write_bytes((SEEDS / "001_52f098578dc998ab.txt").read_bytes())
    out = tmp_path / "r.jsonl"
    result = run_batch([src], out, quiet(workers=2))
    assert (result.summary.extracted, result.summary.copies) == (2, 2)
    recs = records(out)
    assert [Path(r["source"]["path"]).relative_to(src).as_posix() for r in recs] == [
        "a.txt",
        "b/a_copy.txt",
        "c/again.txt",
        "other.txt",
    ]
    same = [r for r in recs if r["source"]["sha256"] == recs[0]["source"]["sha256"]]
    assert len(same) == 3 and len({r["id"] for r in same}) == 1
    strip = [{**r, "source": {**r["source"], "path": None}} for r in same]
    assert strip[0] == strip[1] == strip[2]  # the same record but for its path


def test_ctrl_c_stops_cleanly_and_says_how_to_go_on(
    archive: Path, uninterrupted: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.jsonl"
    part = tmp_path / "r.jsonl.part"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(archive), "-o", str(out), "--workers", "2"]
    proc_status = _kill_when(cmd, part, 60, signal.SIGINT, group=True)  # as a terminal sends it
    assert proc_status == 130
    data = part.read_bytes()
    assert data.endswith(b"\n") and all(json.loads(x) for x in data.splitlines())  # whole lines only
    assert not work_folder(out).exists() and not (tmp_path / "r.jsonl.final").exists()
    done = subprocess.run([*cmd, "--resume", "-q"], env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and out.read_bytes() == uninterrupted.read_bytes()


def test_ctrl_c_message(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(archive), "-o", str(out), "--workers", "2"]
    proc = subprocess.Popen(cmd, env=ENV, stderr=subprocess.PIPE, text=True, start_new_session=True)
    part = tmp_path / "r.jsonl.part"
    while not (part.exists() and part.stat().st_size):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "interrupted" in err and "--resume" in err and "Traceback" not in err


def test_an_unfinished_run_is_not_overwritten_without_resume(tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.jsonl"
    record = extract_many([SEEDS / "000_e4bdeb6f1d0e3bfb.txt"])
    (tmp_path / "r.jsonl.part").write_text(next(record).model_dump_json() + "\n", encoding="utf-8")
    assert main(["extract", str(SEED), "-o", str(out)]) == 2
    assert "--resume" in capsys.readouterr().err
    assert len((tmp_path / "r.jsonl.part").read_text(encoding="utf-8").splitlines()) == 1  # kept


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["extract", str(SEEDS)], 0),  # every input SUCCESS or PARTIAL
        (["extract", str(SEEDS), str(FIXTURES / "missing.txt")], 1),  # one failed, the batch completed
        (["extract", str(SEEDS), "--workers", "0"], 2),  # usage
        (["extract", str(SEEDS), "--max-memory", "lots"], 2),
    ],
)
def test_exit_status(argv: list[str], status: int, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *argv, "-o", str(tmp_path / "r.jsonl"), "-q"],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr


def test_a_document_over_its_time_limit_is_a_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dump.txt").write_bytes(big_text(40_000_000))  # seconds of work
    for p in sorted(SEEDS.glob("*.txt")):
        (tmp_path / "in" / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "r.jsonl"
    started = time.monotonic()
    result = run_batch([tmp_path / "in"], out, quiet(workers=2, timeout=0.3))
    assert time.monotonic() - started < 30
    recs = {Path(r["source"]["path"]).name: r for r in records(out)}
    assert result.exit_status == 1 and len(recs) == 6
    dump = recs.pop("dump.txt")
    assert dump["status"] == "FAILURE" and dump["errors"][0]["kind"] == "timeout"
    assert "--timeout" in dump["errors"][0]["message"] and dump["source"]["sha256"]
    assert {r["status"] for r in recs.values()} == {"SUCCESS"}


def test_a_document_over_the_memory_cap_is_a_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dump.txt").write_bytes(big_text(150_000_000))
    (tmp_path / "in" / "seed.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "r.jsonl"
    result = run_batch([tmp_path / "in"], out, quiet(workers=1, max_memory=250 * 1024**2))
    dump, seed = records(out)
    assert result.exit_status == 1 and seed["status"] == "SUCCESS"
    assert dump["status"] == "FAILURE" and dump["errors"][0]["kind"] == "memory"
    assert "--max-memory" in dump["errors"][0]["message"]


def crash_on_boom(task: Task) -> Done:
    """A worker's task that dies on one file, as a reader crashing in C would."""
    if task.path.endswith("boom.txt"):
        os.kill(os.getpid(), signal.SIGSEGV)
    return run_task(task)


def test_a_worker_that_dies_gives_a_failure_and_is_replaced() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    tasks = [Task(0, "/nowhere/boom.txt"), *(Task(i + 1, str(p)) for i, p in enumerate(seeds * 2))]
    engine = LocalEngine(WorkerConfig(), workers=1, timeout=60, function=crash_on_boom)
    got = list(engine.run(iter(tasks), lambda: False))
    failed = [o for o in got if isinstance(o, Failed)]
    assert len(got) == len(tasks) and len(failed) == 1
    assert failed[0].kind == "crash" and "SIGSEGV" in failed[0].message
    assert all(json.loads(o.line)["status"] == "SUCCESS" for o in got if isinstance(o, Done))  # replaced


def test_a_file_deleted_after_it_was_listed_gets_a_record(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "gone_before_hash.txt", "gone_after_hash.txt", "z.txt"):
        (src / name).write_bytes(SEED.read_bytes() + name.encode())
    task_of = batch_runner.Run._task

    def deleting(order, item):  # the walk listed it; then it went
        if item.path.endswith("gone_before_hash.txt"):
            os.unlink(item.path)
        task = task_of(order, item)
        if item.path.endswith("gone_after_hash.txt"):
            os.unlink(item.path)
        return task

    monkeypatch.setattr(batch_runner.Run, "_task", staticmethod(deleting))
    out = tmp_path / "r.jsonl"
    assert run_batch([src], out, quiet(workers=2)).exit_status == 1
    recs = {Path(r["source"]["path"]).name: r for r in records(out)}
    assert list(recs) == ["a.txt", "gone_after_hash.txt", "gone_before_hash.txt", "z.txt"]
    for name in ("gone_before_hash.txt", "gone_after_hash.txt"):
        assert (
            recs[name]["status"] == "FAILURE"
            and "deleted after it was listed" in recs[name]["errors"][0]["message"]
        )


def test_the_output_inside_the_input_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "records.txt"  # a name that would be read
    assert run_batch([tmp_path], out, quiet(workers=1)).records == 1
    result = run_batch([tmp_path], out, quiet(workers=1))
    assert result.records == 1 and records(out)[0]["source"]["path"].endswith("a.txt")


def test_retry_failed_reads_the_failures_again(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dump.txt").write_bytes(big_text(40_000_000))
    out = tmp_path / "r.jsonl"
    run_batch([tmp_path / "in"], out, quiet(workers=1, timeout=0.3))
    assert records(out)[0]["errors"][0]["kind"] == "timeout"
    again = run_batch([tmp_path / "in"], out, quiet(workers=1, timeout=0.3, resume=True))
    assert again.summary.already == 1  # the same bytes are not read again by --resume alone
    again = run_batch([tmp_path / "in"], out, quiet(workers=1, timeout=None, resume=True, retry_failed=True))
    assert again.summary.extracted == 1 and records(out)[0]["status"] == "PARTIAL"


@needs("soffice")
def test_a_converter_left_by_a_stopped_worker_is_ended(tmp_path: Path) -> None:
    """LibreOffice's soffice.bin outlives its parent: the run kills its process group."""
    rtf = tmp_path / "in" / "big.rtf"
    rtf.parent.mkdir()
    body = "".join(f"\\par Dong {i} noi dung van ban rat dai " for i in range(300_000))
    rtf.write_text("{\\rtf1\\ansi " + body + "}", encoding="ascii")
    out = tmp_path / "r.jsonl"
    run_batch([rtf.parent], out, quiet(workers=1, timeout=3.0))
    assert records(out)[0]["errors"][0]["kind"] == "timeout"
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", "soffice.bin.*big.rtf|input.rtf"], capture_output=True, text=True)
    assert left.stdout.strip() == "", "a converter outlived its worker"
    assert not work_folder(out).exists()


def test_a_pool_worker_settles_its_garbage_collector() -> None:
    """The pool's initializer builds the worker, then freezes what it built out of later
    collections and collects the youngest objects less often (in a process of its own:
    the settings are the process's)."""
    code = (
        "import gc, signal\n"
        "from pipeline.batch import worker\n"
        "before = gc.get_threshold()[0]\n"
        "worker.init(worker.WorkerConfig())\n"
        "assert before == 700, before\n"
        "assert gc.get_threshold()[0] == worker.YOUNG_COLLECTION_EVERY\n"
        "assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()\n"
        "assert worker._worker is not None and worker._worker.rules is not None\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
