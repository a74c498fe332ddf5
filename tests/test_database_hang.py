"""A database that is up but never answers (issue 14): every wait on it is bounded, requests
that need it answer 503 `database_unavailable` within the configured time, and liveness
answers at once whatever the database threads are doing.

The hang is real: a loopback proxy in front of the test PostgreSQL stops forwarding bytes
while still accepting connections (tests/support/hung_proxy.py).
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.engine import make_url

from service import create_app
from service.db import statement_engine
from service.locator.sql import KNN_PLANNER_SETTINGS
from tests.conftest import own_rate_counters
from tests.support.hung_proxy import HungProxy
from tests.support.seed import seed_generated_requests_database
from tests.support.servers import Gunicorn, get

CONNECT_TIMEOUT = 2  # seconds; libpq's (and psycopg's) least
STATEMENT_TIMEOUT_MS = 1000
# A request on a hung database waits for its pooled connection's ping and for one new
# connection, each at most DATABASE_CONNECT_TIMEOUT; the rest is slack for a loaded machine.
BOUND = 2 * CONNECT_TIMEOUT + 3
THREADS = 2  # per gunicorn worker, two workers


def unknown_key() -> dict[str, str]:
    """A key nobody issued: checking it needs the database on every request."""
    return {"X-API-Key": f"sck_{uuid.uuid4().hex[:8]}_{uuid.uuid4().hex}"}


@pytest.fixture
def proxy(database_url):
    url = make_url(database_url)
    # The embedded server listens on a Unix socket only: its directory is the `host` query.
    socket_dir = url.query.get("host")
    proxy = HungProxy(socket_dir or url.host or "127.0.0.1", url.port or 5432)
    query = {k: v for k, v in url.query.items() if k != "host"}
    proxy.url = url.set(host="127.0.0.1", port=proxy.port, query=query).render_as_string(
        hide_password=False
    )
    yield proxy
    proxy.close()


def timed(call, limit: float):
    """(result, seconds) of `call`, failing (not hanging the suite) when it takes over `limit`."""
    outcome = {}

    def run():
        started = time.monotonic()
        outcome["result"] = call()
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(limit)
    assert "seconds" in outcome, f"still waiting after {limit} s"
    return outcome["result"], outcome["seconds"]


def assert_database_unavailable(status, headers, body):
    assert status == 503, body
    assert headers["Content-Type"].startswith("application/problem+json")
    assert b'"code":"database_unavailable"' in body.replace(b" ", b"")
    assert headers["Retry-After"] == "5"


def test_hung_database_answers_503_within_the_configured_time(proxy, settings):
    app = create_app(
        settings.replace(
            database_url=proxy.url,
            database_connect_timeout=CONNECT_TIMEOUT,
            database_statement_timeout_ms=STATEMENT_TIMEOUT_MS,
        )
    )
    client = app.test_client()
    assert client.get("/v1/conditions", headers=unknown_key()).status_code == 401  # pooled now

    proxy.hang()
    for _ in range(2):  # the pooled connection's ping, then a pool with nothing to ping
        response, seconds = timed(
            lambda: client.get("/v1/conditions", headers=unknown_key()), limit=BOUND + 10
        )
        assert_database_unavailable(response.status_code, response.headers, response.data)
        assert seconds < BOUND, seconds
    ready, seconds = timed(lambda: client.get("/readyz"), limit=BOUND + 10)
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["database"] == "unreachable"
    assert seconds < BOUND, seconds
    healthz, seconds = timed(lambda: client.get("/healthz"), limit=5)
    assert healthz.status_code == 200 and seconds < 0.5

    proxy.resume()
    assert client.get("/v1/conditions", headers=unknown_key()).status_code == 401
    app.extensions["db"].engine.dispose()


def test_statement_without_reply_is_cut_client_side(proxy, settings):
    """A query sent on a live connection whose reply never comes: statement_timeout is the
    server's and cannot fire, so the client gives up (statement timeout + connect timeout)."""
    from sqlalchemy import text

    app = create_app(
        settings.replace(
            database_url=proxy.url,
            database_connect_timeout=CONNECT_TIMEOUT,
            database_statement_timeout_ms=STATEMENT_TIMEOUT_MS,
        )
    )
    engine = app.extensions["db"].engine
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        proxy.hang()

        def query():
            try:
                connection.execute(text("SELECT 1"))
            except Exception as error:  # noqa: BLE001 - the error is what the test looks at
                return error
            return None

        error, seconds = timed(query, limit=15)
    from sqlalchemy.exc import OperationalError

    assert isinstance(error, OperationalError), error
    assert error.connection_invalidated
    assert seconds < STATEMENT_TIMEOUT_MS / 1000 + CONNECT_TIMEOUT + 1, seconds
    engine.dispose()


def test_under_gunicorn_liveness_answers_while_every_thread_waits_on_the_database(proxy):
    server = Gunicorn(
        "service.wsgi:app",
        proxy.url,
        workers=2,
        env={
            "DATABASE_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
            "DATABASE_STATEMENT_TIMEOUT_MS": str(STATEMENT_TIMEOUT_MS),
            "API_KEY_CACHE_SECONDS": "0",
            "REDIS_URL": "",
            "GUNICORN_THREADS": str(THREADS),
        },
    )
    try:
        for _ in range(4):
            assert get(server.url + "/v1/conditions", unknown_key())[0] == 401
        proxy.hang()

        def call():
            started = time.monotonic()
            status, headers, body = get(server.url + "/v1/conditions", unknown_key(), timeout=30)
            return status, headers, body, time.monotonic() - started

        # Twice the threads of both workers: every thread waits on the database.
        with ThreadPoolExecutor(max_workers=4 * THREADS) as pool:
            calls = [pool.submit(call) for _ in range(4 * THREADS)]
            time.sleep(0.5)
            for _ in range(5):
                started = time.monotonic()
                status, _, body = get(server.url + "/healthz", timeout=10)
                assert (status, time.monotonic() - started < 0.5) == (200, True), body
                time.sleep(0.2)
            results = [future.result(timeout=60) for future in calls]
        for status, headers, body, _seconds in results:
            assert_database_unavailable(status, headers, body)
        # Queued behind each other for the threads, each one bounded.
        slowest = max(seconds for *_, seconds in results)
        assert slowest < 4 * BOUND, slowest

        proxy.resume()
        time.sleep(0.2)
        assert get(server.url + "/v1/conditions", unknown_key())[0] == 401
    finally:
        proxy.close()
        server.stop()


def test_a_search_run_alone_on_a_hung_database_answers_503_within_the_configured_time(
    proxy, database_server, settings
):
    """The first-page walk's own pool (db.statement_engine) is bounded like the engine's."""
    url = database_server.create_database("hang_alone")
    token = seed_generated_requests_database(url, slug="hang-alone", name="Hang alone")
    proxied = make_url(proxy.url).set(database=make_url(url).database)
    app = create_app(
        settings.replace(
            database_url=proxied.render_as_string(hide_password=False),
            database_connect_timeout=CONNECT_TIMEOUT,
            database_statement_timeout_ms=STATEMENT_TIMEOUT_MS,
            # Key and therapy slugs cached after the first search, as in production.
            api_key_cache_seconds=600,
            content_cache_check_seconds=600,
            usage_flush_seconds=600,
            rate_limit_key_prefix=own_rate_counters(settings, "hang_alone"),
        )
    )
    client = app.test_client()
    search, headers = "/v1/physicians?zip=10001&radius=25", {"X-API-Key": token}
    for _ in range(2):
        assert client.get(search, headers=headers).status_code == 200
    twin = statement_engine(app.extensions["db"].engine, KNN_PLANNER_SETTINGS)
    assert twin is not None
    assert twin.pool.checkedin() == 1  # the second search's walk ran alone, on the twin

    proxy.hang()
    response, seconds = timed(lambda: client.get(search, headers=headers), limit=BOUND + 10)
    assert_database_unavailable(response.status_code, response.headers, response.data)
    assert seconds < BOUND, seconds

    proxy.resume()
    assert client.get(search, headers=headers).status_code == 200  # the twin reconnects
    with app.app_context():  # the usage counted, written while the proxy is still up
        app.extensions["usage_recorder"].flush()
    app.extensions["db"].engine.dispose()
