"""``auditor collect``: freeze what the platforms show into an inventory snapshot.

The snapshot is the input inventory with each collected account's ``profile`` replaced by
what was read (with ``source`` and ``fetched_at``) and its picture saved beside it under
``evidence/<sha256>.<ext>``, so that ``auditor scan SNAPSHOT --offline`` re-runs the audit on
exactly that evidence. Secret references are copied as references, never resolved.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from auditor import console, defaults
from auditor.commands.sizes import MaxInventorySize

HttpTimeout = Annotated[
    float,
    typer.Option(
        "--http-timeout",
        min=0.5,
        max=300.0,
        metavar="SECONDS",
        help="Seconds allowed to connect to a platform, and for each read.",
    ),
]
Concurrency = Annotated[
    int,
    typer.Option(min=1, max=256, help="HTTP requests in flight at once, over all platforms."),
]
PublicPages = Annotated[
    bool,
    typer.Option(
        "--public-pages",
        help="Read the public page of accounts whose platform has no API token (or none).",
    ),
]


def collect_command(
    inventory: Annotated[Path, typer.Argument(help="The inventory YAML file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The snapshot to write.")],
    http_timeout: HttpTimeout = defaults.HTTP_TIMEOUT,
    concurrency: Concurrency = defaults.HTTP_CONCURRENCY,
    public_pages: PublicPages = False,
    max_inventory_size: MaxInventorySize = defaults.INVENTORY_MAX_BYTES,
) -> None:
    """Read every account's public profile from its platform into an inventory snapshot."""
    # Imported here, as in every command module: ``--help`` does not load what runs.
    import yaml

    from auditor.atomic import OutputError, write_atomic
    from auditor.commands.snapshot import snapshot_document
    from auditor.engine import Stage
    from auditor.facts.collected import CollectSettings, collect_profiles
    from auditor.facts.model import CollectedProfile, ProfileFailure
    from auditor.inventory.loaded import InventoryError
    from auditor.inventory.loader import load_inventory
    from auditor.progress import terminal_progress
    from auditor.text import Lang
    from auditor.web import WebSettings

    try:
        source = load_inventory(inventory, max_bytes=max_inventory_size)
    except InventoryError as exc:
        for problem in exc.problems:
            console.stderr(str(problem))
        console.stderr(
            f"auditor: {inventory}: {len(exc.problems)} problem(s); nothing was collected"
        )
        raise typer.Exit(2) from None
    settings = CollectSettings(
        web=WebSettings(timeout=http_timeout, concurrency=concurrency), public_pages=public_pages
    )
    wanted = sys.stderr.isatty() and os.environ.get("TERM") != "dumb"  # never under cron
    with terminal_progress(wanted, Lang.MS) as progress:
        tick = (lambda done, total: progress(Stage.COLLECT, done, total)) if progress else None
        found = collect_profiles(source, source.inventory.accounts(), settings, tick)
    try:
        document = snapshot_document(source, found, output)
        write_atomic(output, yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    except OutputError as exc:
        console.stderr(f"auditor: {exc}")
        raise typer.Exit(2) from None
    for account_id, read in found.items():
        if isinstance(read, ProfileFailure):
            status = f"HTTP {read.status}, " if read.status else ""
            console.stderr(
                f"auditor: {account_id}: not collected from {read.platform} ({status}{read.fault});"
                " its inventory profile is kept in the snapshot"
            )
    collected = sum(
        1
        for read in found.values()
        if isinstance(read, CollectedProfile) and read.profile.source != "inventory"
    )
    console.stderr(f"wrote {output} ({collected} of {len(found)} profiles read from the platforms)")
