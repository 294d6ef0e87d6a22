"""``auditor diff [RUN_A] [RUN_B]``: new, resolved and still-failing findings between two runs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from auditor import console
from auditor.commands.history import (
    FormatOption,
    HistoryOption,
    ListFormat,
    existing_history,
    fail,
)
from auditor.text import Lang, Text

if TYPE_CHECKING:
    from auditor.catalogue import Registry
    from auditor.history.query import Diff
    from auditor.results import Result

_HEADINGS = {
    "new": Text(ms="Kegagalan baharu", en="New failures"),
    "resolved": Text(ms="Diselesaikan", en="Resolved"),
    "still_failing": Text(ms="Masih gagal", en="Still failing"),
}
_COMPARED = Text(ms="Larian {before} → {after}", en="Run {before} → {after}")
_MUTED = Text(ms="(diredam)", en="(muted)")


def _sections(found: Diff) -> dict[str, tuple[Result, ...]]:
    return {"new": found.new, "resolved": found.resolved, "still_failing": found.still_failing}


def _text(found: Diff, registry: Registry, lang: Lang) -> str:
    lines = [_COMPARED(lang, before=found.before, after=found.after)]
    for name, results in _sections(found).items():
        lines.append(f"\n{_HEADINGS[name](lang)}: {len(results)}")
        for r in results:
            meta = registry.meta(r.check_id)
            title = meta.title(lang) if meta else r.check_id
            subject = r.account_id or r.domain or r.agency_id or "-"
            mark = f" {_MUTED(lang)}" if r.muted else ""
            lines.append(f"  {r.check_id:8} {r.severity.value:8} {subject:24} {title}{mark}")
    return "\n".join(lines) + "\n"


def diff_command(
    run_a: Annotated[
        int | None, typer.Argument(help="The earlier run (default: next to last).")
    ] = None,
    run_b: Annotated[int | None, typer.Argument(help="The later run (default: the last).")] = None,
    history: HistoryOption = None,
    fmt: FormatOption = ListFormat.TEXT,
    lang: Annotated[Lang, typer.Option(help="Language of the titles: ms or en.")] = Lang.MS,
) -> None:
    """Compare two recorded scans: new failures, resolved ones and those still failing."""
    from auditor.catalogue import load_registry
    from auditor.history.query import diff, last_runs
    from auditor.history.store import HistoryError
    from auditor.output.common import result_record

    with existing_history(history) as opened:
        if run_a is None or run_b is None:
            latest = last_runs(opened, 2)
            if run_a is not None:
                latest = [run_a, latest[-1]] if latest else []
            if len(latest) < 2:
                fail(f"diff needs two runs; the history {opened.path} has fewer")
            run_a, run_b = latest
        try:
            found = diff(opened, run_a, run_b)
        except HistoryError as exc:
            fail(str(exc))
    registry = load_registry()
    if fmt is ListFormat.TEXT:
        console.stdout(_text(found, registry, lang))
        return
    document = {
        "before": found.before,
        "after": found.after,
        **{
            name: [result_record(r, registry, lang) for r in results]
            for name, results in _sections(found).items()
        },
    }
    console.stdout(json.dumps(document, ensure_ascii=False, default=str) + "\n")
