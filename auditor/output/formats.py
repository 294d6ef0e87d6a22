"""Chooses the output format a user asked for."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from auditor.output.csv_format import render_csv
from auditor.output.json_format import iter_json, render_json
from auditor.output.kinds import OutputFormat
from auditor.output.sarif import SarifOptions, render_sarif
from auditor.run import ScanRun
from auditor.text import Lang


def render(
    run: ScanRun,
    fmt: OutputFormat,
    lang: Lang,
    *,
    color: bool,
    width: int,
    sarif: SarifOptions | None = None,
) -> str:
    renderers: dict[OutputFormat, Callable[[ScanRun, Lang], str]] = {
        OutputFormat.JSON: render_json,
        OutputFormat.CSV: render_csv,
        OutputFormat.SARIF: lambda run, lang: render_sarif(run, lang, sarif),
    }
    if fmt is OutputFormat.TEXT:
        from auditor.output.text import render_text  # rich: for the terminal's text only

        return render_text(run, lang, color=color, width=width)
    return renderers[fmt](run, lang)


def render_pieces(
    run: ScanRun,
    fmt: OutputFormat,
    lang: Lang,
    *,
    color: bool,
    width: int,
    sarif: SarifOptions | None = None,
) -> Iterable[str]:
    """The same text as ``render``, in pieces where the format allows (JSON, for memory)."""
    if fmt is OutputFormat.JSON:
        return iter_json(run, lang)
    return [render(run, fmt, lang, color=color, width=width, sarif=sarif)]
