"""Holding back the libraries' own log lines while signing or verifying.

pyHanko logs a failed path validation with a traceback, and fontTools warns about font
tables it drops: the command says what matters in its own words, so these are held back
unless ``--debug`` asked for everything. ``import_quietly`` does the same for a notice given
on import.
"""

from __future__ import annotations

import logging
import warnings
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


def import_quietly() -> None:
    """Imports pyHanko's signing modules, once, without cryptography's DSA notice.

    cryptography 51 deprecates DSA and says so on stderr when pyHanko's CMS module imports
    its DSA key type: a notice to pyHanko's developers, not to an officer signing or
    verifying a report (which signs with RSA or ECDSA either way). Every later import of
    pyHanko finds the modules loaded.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
        import pyhanko.sign  # noqa: F401
