"""Alembic environment: the URL from the caller's connection or DATABASE_URL; metadata from models."""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

from service import schema_versions as _schema_versions  # noqa: F401

# Every domain's models, so autogenerate and `alembic check` see all tables.
from service.assessment import models as _assessment_models  # noqa: F401
from service.content import models as _content_models  # noqa: F401
from service.db import Base, normalise_database_url
from service.locator import models as _locator_models  # noqa: F401
from service.partners import models as _partners_models  # noqa: F401

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=normalise_database_url(os.environ["DATABASE_URL"]),
        target_metadata=target_metadata,
        literal_binds=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # tests hand us their connection
        _run(connection)
        return
    engine = create_engine(
        normalise_database_url(os.environ["DATABASE_URL"]), poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        _run(connection)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
