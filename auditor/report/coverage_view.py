"""The report's view of the clause coverage: the appendix matrix and the manual checklist."""

from __future__ import annotations

from auditor.coverage import COVERAGE_LABEL, ClauseMap, counts_line, how
from auditor.report.model import ClauseRow
from auditor.text import Lang


def clause_rows(clause_map: ClauseMap, lang: Lang) -> tuple[ClauseRow, ...]:
    return tuple(
        ClauseRow(
            id=c.id,
            title=c.title(lang),
            coverage=c.coverage.value,
            coverage_label=COVERAGE_LABEL[c.coverage](lang),
            how=how(c, lang),
            depth=len(clause_map.ancestors(c)),
        )
        for c in clause_map.clauses
    )


def clause_counts(clause_map: ClauseMap, lang: Lang) -> str:
    return counts_line(clause_map, lang)
