"""A real PostgreSQL for `make run` and the tests when no DATABASE_URL is given (PyPI `pgserver`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
from sqlalchemy.engine import make_url

if TYPE_CHECKING:  # the `embedded` extra, absent from production images
    from pgserver.postgres_server import PostgresServer

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / ".data" / "postgres"


def start(data_dir: Path = DEFAULT_DATA_DIR) -> PostgresServer:
    """Start (or join) the embedded server in `data_dir`; it stops when this process exits."""
    # The `embedded` extra; production images never import this module.
    from pgserver import postgres_server

    data_dir.mkdir(parents=True, exist_ok=True)
    return postgres_server.get_server(data_dir, cleanup_mode="stop")


def database_url(server: PostgresServer, database: str) -> str:
    """A psycopg URL for `database` on the embedded server (over its Unix socket)."""
    # pgserver reports where its Unix socket lives; keep that, change the driver and database.
    url = make_url(server.get_uri()).set(drivername="postgresql+psycopg", database=database)
    return url.render_as_string(hide_password=False)


def ensure_database(server: PostgresServer, database: str, *, recreate: bool = False) -> str:
    """Create `database` if needed (or afresh) and return its URL."""
    admin_url = database_url(server, "postgres").replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if recreate:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (database,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database}"')
    return database_url(server, database)
