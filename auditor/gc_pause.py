"""The cyclic garbage collector paused while a scan builds its data.

A scan of 10,000 accounts holds millions of objects (the inventory, the facts, 230,000
results), and makes them faster than the collector's thresholds allow for: each full
collection walks all of them, and those walks were a third of the scan's time, while they
found only some hundreds of objects in cycles. The scan's data has no cycles to speak of,
so reference counting frees what it drops; the pause ends with the job, and the collector
then finds whatever cycles there were.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
