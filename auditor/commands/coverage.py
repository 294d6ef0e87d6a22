"""``auditor coverage``: the guideline's clauses and how each is covered (machine, manual,
out of scope), with the counts."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated

import typer

from auditor.text import Lang


class CoverageFormat(Enum):
    TEXT = "text"
    JSON = "json"


def coverage_command(
    fmt: Annotated[
        CoverageFormat, typer.Option("--format", "-f", help="text or json.")
    ] = CoverageFormat.TEXT,
    lang: Annotated[Lang, typer.Option(help="Language of the texts: ms or en.")] = Lang.MS,
) -> None:
    """Show every clause of the guideline (GP) and DKICT 7.32.2: the checks that enforce it,
    what a person must look at, or why it is out of scope."""
    from auditor.coverage import load_coverage, render_json, render_text

    clause_map = load_coverage()
    if fmt is CoverageFormat.JSON:
        text = render_json(clause_map, lang)
    else:
        width = os.get_terminal_size().columns if sys.stdout.isatty() else 120
        text = render_text(clause_map, lang, width=max(80, width))
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
