"""Default limits of the network questions, in a module that imports nothing, so that the
command line can show them in ``--help`` without loading the HTTP and DNS code."""

from __future__ import annotations

HTTP_TIMEOUT = 15.0  # seconds, for connecting and for each read
HTTP_CONCURRENCY = 16  # requests in flight at once, over all platforms
DNS_TIMEOUT = 5.0  # seconds per DNS question, all attempts together
# The default of --max-inventory-size; a fully described 10,000-account inventory is ~12 MB.
INVENTORY_MAX_BYTES = 10 * 1024 * 1024
