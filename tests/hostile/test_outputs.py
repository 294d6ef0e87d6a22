"""Issue 10, items 6-8: outputs never replace a device node, never overwrite an input or
each other, and a killed run's temporary file is recognisable and cleaned up."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from auditor.atomic import OutputError, write_atomic
from tests.hostile.conftest import AS_OF, invoke

ROOT = Path(__file__).resolve().parents[2]


def _device(folder: Path, name: str, minor: int) -> Path:
    """A private copy of a memory device node (1,3 is /dev/null, 1,7 is /dev/full), so that
    a regression replaces this node, not the system's."""
    path = folder / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making device nodes needs root")
    return path


def test_a_character_device_is_written_in_place(tmp_path: Path) -> None:
    null = _device(tmp_path, "null", 3)
    write_atomic(null, "written to the device, not renamed over it")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_scan_to_a_full_device_exits_2_and_keeps_the_device(
    tmp_path: Path, sample_inventory: Path
) -> None:
    full = _device(tmp_path, "full", 7)
    code, output = invoke("scan", str(sample_inventory), *AS_OF, "--output", str(full))
    assert code == 2, output
    assert "No space left" in output
    assert stat.S_ISCHR(full.stat().st_mode)


def test_the_systems_dev_null_stays_a_device() -> None:
    write_atomic(Path("/dev/null"), "x")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_fifo_target_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_atomic(fifo, "through the pipe")
    out, _ = reader.communicate(timeout=10)
    assert out == b"through the pipe"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_folder_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder"):
        write_atomic(tmp_path, "x")


def test_output_over_the_inventory_is_refused(tmp_path: Path, sample_inventory: Path) -> None:
    inventory = tmp_path / "inv.yaml"
    inventory.write_bytes(sample_inventory.read_bytes())
    before = inventory.read_bytes()
    for target in (str(inventory), str(tmp_path / "." / "inv.yaml")):
        code, output = invoke("scan", str(inventory), *AS_OF, "--output", target)
        assert code == 2 and "same file" in output
    link = tmp_path / "link.yaml"
    link.symlink_to(inventory)
    code, output = invoke("scan", str(inventory), *AS_OF, "--report", str(link))
    assert code == 2 and "same file" in output
    assert inventory.read_bytes() == before


def test_output_and_report_on_one_path_are_refused(tmp_path: Path, sample_inventory: Path) -> None:
    target = tmp_path / "R.pdf"
    code, output = invoke(
        "scan", str(sample_inventory), *AS_OF, "--output", str(target), "--report", str(target)
    )
    assert code == 2 and "same file" in output
    assert not target.exists()


def test_report_over_its_results_is_refused(tmp_path: Path) -> None:
    results = tmp_path / "r.json"
    results.write_text("{}", "utf-8")
    code, output = invoke("report", str(results), "-o", str(results))
    assert code == 2 and "same file" in output
    assert results.read_text("utf-8") == "{}"


def test_killed_run_leaves_a_named_temporary_that_the_next_run_removes(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    # A writer killed with SIGKILL between writing and renaming.
    program = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from auditor.atomic import write_atomic
        def pieces():
            yield "half"
            os.kill(os.getpid(), signal.SIGKILL)
        write_atomic(Path({str(target)!r}), pieces())
        """
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, timeout=60, check=False)
    assert done.returncode == -signal.SIGKILL
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".out.json.auditor-") and left[0].endswith(".tmp")
    write_atomic(target, "whole")
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert target.read_text("utf-8") == "whole"


def test_a_live_runs_temporary_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    mine = tmp_path / f".out.json.auditor-{os.getpid()}-abc.tmp"
    mine.write_text("in progress", "utf-8")
    write_atomic(target, "whole")
    assert mine.exists()
