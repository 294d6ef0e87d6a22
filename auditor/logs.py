"""Log lines for log collection: ``--log-file PATH`` and ``--log-format text|json``."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from enum import Enum
from pathlib import Path

from auditor.escape import PrintableFormatter


class LogFormat(Enum):
    TEXT = "text"
    JSON = "json"


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(
            {
                "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                    timespec="milliseconds"
                ),
                "level": record.levelname.lower(),
                "logger": record.name,
                "message": record.getMessage(),
            },
            ensure_ascii=False,
        )


class ProductOnly(logging.Filter):
    """On stderr, only the product's own warnings: a library's notices (WeasyPrint's font
    subsetting, say) would reach cron's mail every night; ``--debug`` shows everything."""

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name.split(".")[0] in ("auditor", "checks", "root")
        return own or record.levelno >= logging.ERROR


def log_to_stderr(debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    # A message or argument cannot add lines or act on the terminal.
    handler.setFormatter(PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    if not debug:
        handler.addFilter(ProductOnly())
    # force: a handler left by an earlier run in the same process (tests, an embedding
    # program) would still write to the stderr of that run.
    level = logging.DEBUG if debug else logging.WARNING
    logging.basicConfig(level=level, handlers=[handler], force=True)


def log_to_file(path: Path, fmt: LogFormat) -> logging.Handler:
    """Add a handler writing INFO and above to ``path`` (appended); raises OSError."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.INFO)
    if fmt is LogFormat.JSON:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
        for other in root.handlers:
            if other is not handler and other.level == logging.NOTSET:
                other.setLevel(logging.WARNING)  # stderr keeps saying only warnings
    return handler
