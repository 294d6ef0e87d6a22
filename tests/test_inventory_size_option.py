"""--max-inventory-size: the 10 MiB default refuses, naming the option; a larger value admits."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from auditor.cli import app
from auditor.commands.sizes import parse_size
from auditor.defaults import INVENTORY_MAX_BYTES


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("4096", 4096),
        ("12MB", 12_000_000),
        ("12 mb", 12_000_000),
        ("64MiB", 64 * 1024**2),
        ("64M", 64 * 1024**2),
        ("512k", 512 * 1024),
        ("1.5GB", 1_500_000_000),
        ("2GiB", 2 * 1024**3),
    ],
)
def test_sizes_read_as_their_units_say(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "12XB", "-5MB", "12 MB extra", "1e9", "10", "5GiB"])
def test_nonsense_or_out_of_range_sizes_are_refused(text: str) -> None:
    with pytest.raises(typer.BadParameter):
        parse_size(text)


def _padded(sample: Path, tmp_path: Path, size: int) -> Path:
    """The sample inventory followed by YAML comments up to ``size`` bytes."""
    text = sample.read_text(encoding="utf-8")
    line = "# " + "x" * 97 + "\n"
    padded = tmp_path / "large.yaml"
    padded.write_text(text + line * ((size - len(text.encode())) // len(line) + 1), "utf-8")
    return padded


def test_the_default_refuses_a_larger_file_and_names_the_option(
    sample_inventory: Path, tmp_path: Path
) -> None:
    large = _padded(sample_inventory, tmp_path, INVENTORY_MAX_BYTES + 1)
    runner = CliRunner()
    refused = runner.invoke(app, ["validate", str(large)])
    assert refused.exit_code == 2, refused.output
    assert f"{large}:1:1:" in refused.output
    assert "--max-inventory-size" in refused.output

    admitted = runner.invoke(app, ["validate", str(large), "--max-inventory-size", "12MB"])
    assert admitted.exit_code == 0, admitted.output
    assert "13 accounts" in admitted.output


def test_scan_obeys_the_option(sample_inventory: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    common = ["scan", str(sample_inventory), "--offline", "--no-history", "--fail-on", "never"]
    refused = runner.invoke(app, [*common, "--max-inventory-size", "2KiB"])
    assert refused.exit_code == 2, refused.output
    assert "larger than the limit of 2,048 bytes" in refused.output
    assert runner.invoke(app, [*common, "--max-inventory-size", "1MiB"]).exit_code == 0


def test_collect_obeys_the_option(sample_inventory: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "collect",
            str(sample_inventory),
            "-o",
            str(tmp_path / "snap.yaml"),
            "--max-inventory-size",
            "2KiB",
        ],
    )
    assert result.exit_code == 2, result.output
    assert "--max-inventory-size" in result.output
    assert not (tmp_path / "snap.yaml").exists()


def test_help_shows_the_default_as_a_size_that_reads_back_as_it() -> None:
    shown = CliRunner().invoke(app, ["validate", "--help"]).output
    default = shown.split("[default: (", 1)[1].split(")", 1)[0]
    assert parse_size(default) == INVENTORY_MAX_BYTES
