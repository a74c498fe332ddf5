"""`flask content load|check`: validate the content pack and upsert it."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import text

from service.content.loader import sync_pack
from service.content.pack import PACK_DIR, ContentPack, PackError, read_pack
from service.db import get_db

content_cli = AppGroup("content", help="Manage the condition-content pack.")
# Serialises concurrent loads (several replicas starting at once) so change numbers stay ordered.
LOAD_LOCK_KEY = 0x5EC0_C0DE


def _read(pack_dir: Path) -> ContentPack:
    try:
        return read_pack(pack_dir)
    except PackError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


@content_cli.command("check")
@click.option("--pack", "pack_dir", type=click.Path(path_type=Path), default=PACK_DIR)
def check(pack_dir: Path) -> None:
    """Validate the pack without touching the database."""
    pack = _read(pack_dir)
    click.echo(
        f"content pack OK: {len(pack.conditions)} conditions, {len(pack.treatments)} treatments"
    )


@content_cli.command("load")
@click.option("--pack", "pack_dir", type=click.Path(path_type=Path), default=PACK_DIR)
def load(pack_dir: Path) -> None:
    """Validate the pack and upsert it (idempotent; versions bump only on change)."""
    pack = _read(pack_dir)
    session = get_db().session_factory()
    with session.begin():
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOAD_LOCK_KEY})
        report = sync_pack(session=session, pack=pack)
    click.echo(f"content pack loaded: {report.summary()}")
