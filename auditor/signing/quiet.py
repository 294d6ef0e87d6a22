"""Holding back the libraries' own log lines while signing or verifying.

pyHanko logs a failed path validation with a traceback, and fontTools warns about font
tables it drops: the command says what matters in its own words, so these are held back
unless ``--debug`` asked for everything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

NOISY = ("pyhanko", "pyhanko_certvalidator", "fontTools")


@contextmanager
def quiet_libraries() -> Iterator[None]:
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        yield
        return
    loggers = [logging.getLogger(name) for name in NOISY]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
