"""The exit codes of every command (DESIGN.md): 0 nothing failing at or above --fail-on;
1 failing results at or above it; 2 bad input or usage; 3 the scanner itself failed."""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
