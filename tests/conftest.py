"""Fixtures: a real PostgreSQL (embedded, or TEST_DATABASE_URL), migrated with Alembic, and
one outer transaction per test with the app's session in savepoint mode (rolled back after)."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from service import create_app
from service.content.loader import sync_pack
from service.content.pack import read_pack
from service.db import normalise_database_url
from service.partners.models import SCOPES
from service.partners.service import create_partner
from service.partners.service import issue_key as issue_key_for
from service.settings import Settings

# A fixture for the tests outside tests/locator too (tests/test_caching.py), by name.
from tests.locator.conftest import make_provider  # noqa: F401

REPO_ROOT = Path(__file__).resolve().parent.parent


class DatabaseServer:
    """Creates throwaway databases on one server, so no test touches data it did not make."""

    def __init__(self, url: str):
        self.url = make_url(normalise_database_url(url))
        self.created: list[str] = []

    def _admin(self) -> psycopg.Connection:
        admin = self.url.set(drivername="postgresql")
        return psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True)

    def create_database(self, purpose: str) -> str:
        name = f"spinecare_test_{purpose}_{uuid.uuid4().hex[:8]}"
        with self._admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self._admin() as connection:
            for name in self.created:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_server():
    url = os.environ.get("TEST_DATABASE_URL")
    embedded = None
    if not url:
        from service import embedded_postgres

        embedded = embedded_postgres.start(REPO_ROOT / ".data" / "test-postgres")
        url = embedded_postgres.database_url(embedded, "postgres")
    server = DatabaseServer(url)
    yield server
    server.drop_all()


def alembic_config(database_url: str) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False
    os.environ["DATABASE_URL"] = database_url  # read by migrations/env.py
    return config


@pytest.fixture(scope="session")
def database_url(database_server) -> str:
    """A database migrated to head with the content pack loaded (committed once)."""
    url = database_server.create_database("main")
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        sync_pack(session=session, pack=read_pack())
    engine.dispose()
    return url


def local_redis_url() -> str:
    """The machine's Redis when it answers (rate limits shared like in production), else ''."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="session")
def settings(database_url) -> Settings:
    return Settings(
        database_url=database_url,
        testing=True,
        log_json=False,
        redis_url=os.environ.get("TEST_REDIS_URL", local_redis_url()),
        # Every request checks its key afresh (revocation tests expect it at once); the cache
        # has tests of its own.
        api_key_cache_seconds=0,
        content_cache_check_seconds=0,  # tests change content mid-test: check on every read
        # Fresh counters per run: earlier runs' partner ids must not carry their usage over.
        rate_limit_key_prefix=f"spinecare-test-{uuid.uuid4().hex[:8]}",
    )


def own_rate_counters(settings: Settings, database: str) -> str:
    """A rate-limit key prefix for an app on a database of its own. Counters are kept per partner
    id, and every new database numbers its partners from 1: sharing the session's prefix, one
    test's unlimited partner 1 (the contract test's thousands of requests) spent another
    database's partner 1's minute, which then answered 429 (seen in CI)."""
    return f"{settings.rate_limit_key_prefix}-{database}"


@pytest.fixture(scope="session")
def app(settings):
    return create_app(settings)


@pytest.fixture
def connection(app):
    engine = app.extensions["db"].engine
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


@pytest.fixture
def db_session(app, connection):
    """The session tests and the app share; commits become savepoints, all undone afterwards."""
    factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    database = app.extensions["db"]
    original, database.session_factory = database.session_factory, factory
    session = factory()
    yield session
    session.close()
    database.session_factory = original


@pytest.fixture
def issue_key(db_session):
    """Make a partner and a key with the given scopes; returns the key's token."""

    def issue(*scopes: str, **partner_options) -> str:
        partner = create_partner(
            session=db_session,
            slug=f"test-{uuid.uuid4().hex[:10]}",
            name="Test partner",
            **partner_options,
        )
        return issue_key_for(session=db_session, partner=partner, scopes=list(scopes)).token

    return issue


@pytest.fixture
def anonymous_client(app, db_session):
    yield app.test_client()
    app.extensions["usage_recorder"].discard_pending()


@pytest.fixture
def client(app, anonymous_client, issue_key):
    """A client whose every request carries a key with every scope but admin."""
    token = issue_key(*(scope for scope in SCOPES if scope != "admin"))
    anonymous_client.environ_base["HTTP_X_API_KEY"] = token
    return anonymous_client


@pytest.fixture
def every_scope_client(anonymous_client, issue_key):
    """A client whose every request carries a key with every scope, admin included."""
    anonymous_client.environ_base["HTTP_X_API_KEY"] = issue_key(*SCOPES)
    return anonymous_client


@pytest.fixture
def admin_client(app, db_session, issue_key):
    client = app.test_client()
    client.environ_base["HTTP_X_API_KEY"] = issue_key("admin")
    yield client
    app.extensions["usage_recorder"].discard_pending()


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()
