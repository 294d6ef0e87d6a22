"""The registry against CHECKS.md: same ids, severities and references; metadata complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.catalogue import Registry, load_registry, validate_meta

REPO = Path(__file__).resolve().parents[1]
# The copy shipped in docs/ and, where the repository sits beside it, the shared original.
CATALOGUES = [
    p for p in (REPO / "docs" / "CHECKS.md", REPO.parent / "shared" / "CHECKS.md") if p.exists()
]
ROW = re.compile(r"^\| ([A-Z]{3}-\d{3}) \| .* \| (critical|high|medium|low|info) \| (.*) \|$")


def catalogue_rows(path: Path) -> dict[str, tuple[str, list[str]]]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line.strip())
        if match:
            refs = [r.strip() for r in match.group(3).split(",")]
            rows[match.group(1)] = (match.group(2), refs)
    return rows


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_docs_copy_of_the_catalogue_exists() -> None:
    assert (REPO / "docs" / "CHECKS.md").exists()


@pytest.mark.parametrize("path", CATALOGUES, ids=[p.parent.name for p in CATALOGUES])
def test_registry_matches_checks_md(registry: Registry, path: Path) -> None:
    rows = catalogue_rows(path)
    assert len(rows) >= 26
    assert sorted(rows) == registry.ids()
    for check in registry.checks:
        severity, references = rows[check.meta.id]
        assert check.meta.severity.value == severity, check.meta.id
        assert list(check.meta.references) == references, check.meta.id


def test_every_check_has_complete_metadata(registry: Registry) -> None:
    for check in registry.checks:
        assert validate_meta(check.meta) == []
        for key, text in check.meta.messages.items():
            assert text.ms.strip() and text.en.strip(), (check.meta.id, key)
            # Both languages take the same arguments, so either can render any result.
            assert set(re.findall(r"{(\w+)}", text.ms)) == set(re.findall(r"{(\w+)}", text.en))


def test_catalogue_version_is_stable(registry: Registry) -> None:
    assert registry.version == load_registry().version
