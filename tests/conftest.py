from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample_inventory() -> Path:
    return REPO / "sample_inventory.yaml"
