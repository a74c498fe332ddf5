"""The pool pings a connection only after it sat idle (service.db.ping_idle_connections): a
dropped idle connection is replaced before a request sees it, and a connection used moments ago
goes straight to its query (the trade-off: no round trip per request)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, exc, text

from service.db import make_engine


def backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def terminate(database_url: str, pid: int) -> None:
    killer = create_engine(database_url)
    with killer.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    killer.dispose()
    time.sleep(0.1)  # the backend is gone once the signal is handled


@pytest.fixture
def pool_of_one(settings):
    engines = []

    def make(idle_seconds: float):
        engine = make_engine(
            settings.replace(
                database_pool_size=1,
                database_max_overflow=0,
                database_ping_after_idle_seconds=idle_seconds,
            )
        )
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.dispose()


def test_a_dropped_idle_connection_is_replaced_before_use(pool_of_one, database_url):
    engine = pool_of_one(0.2)
    first = backend_pid(engine)
    terminate(database_url, first)
    time.sleep(0.3)  # idle past the threshold: the checkout pings, finds it dead, reconnects

    second = backend_pid(engine)

    assert second != first


def test_a_connection_used_moments_ago_is_not_pinged(pool_of_one, database_url):
    engine = pool_of_one(60)
    terminate(database_url, backend_pid(engine))

    # No ping: the query itself finds the connection gone (a request answers 503)…
    with pytest.raises(exc.OperationalError):
        backend_pid(engine)
    # …and the pool, told of the disconnect, reconnects for the next one.
    assert backend_pid(engine) > 0


def test_zero_pings_before_every_use(pool_of_one, database_url):
    engine = pool_of_one(0)
    first = backend_pid(engine)
    terminate(database_url, first)

    assert backend_pid(engine) != first
