"""Engine, one session per request, and the single commit at the edge of a request."""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Sequence
from typing import Any, cast

import psycopg
from flask import Flask, current_app, g, has_request_context, request
from psycopg import errors as pg_errors
from psycopg.abc import RV, PQGen
from sqlalchemy import MetaData, create_engine, event, exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from service.negotiation import current_view_class
from service.settings import Settings

# Stable constraint names, so Alembic migrations are reproducible.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver whatever scheme the operator wrote."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


class BoundedConnection(psycopg.Connection):
    """A psycopg connection that stops waiting for a reply after `reply_timeout` seconds.

    A hung server (a stopped process, a stuck disk, a path that drops replies) never sends
    anything: `statement_timeout` is enforced by the server, so it cannot fire, and TCP
    keepalives or `tcp_user_timeout` are answered by the server's kernel, so they see nothing
    wrong. The only honest bound is the client's own. Past it the connection is closed (its
    protocol state is unknown), which SQLAlchemy reads as a disconnect: the pool drops it and
    the request answers 503 `database_unavailable`.
    """

    reply_timeout: float | None = None

    def wait(self, gen: PQGen[RV], interval: float = 0.1, timeout: float | None = None) -> RV:
        if timeout is None:
            timeout = self.reply_timeout
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except pg_errors._WaitTimeout:
            self.pgconn.finish()
            raise pg_errors.ConnectionTimeout(
                f"no reply from the database within {timeout:g} s"
            ) from None


# A planner setting fixed for every connection of an engine: (name, value), e.g. the locator's
# ("enable_bitmapscan", "off"). Names and values are ours, never a caller's input.
PlannerSettings = Sequence[tuple[str, str]]


def make_engine(
    settings: Settings,
    url: str | None = None,
    *,
    planner_settings: PlannerSettings = (),
    autocommit: bool = False,
) -> Engine:
    """An engine whose every wait on PostgreSQL is bounded, even when the server hangs.

    - a connection from the pool: `pool_timeout`, DATABASE_CONNECT_TIMEOUT;
    - a new connection: psycopg's `connect_timeout` (client-side, per address tried);
    - the ping of a connection idle for a while, before use: DATABASE_CONNECT_TIMEOUT;
    - any reply: the statement timeout (the server cancels by then) plus that round trip.

    The ping is SQLAlchemy's pre-ping, asked only of a connection that sat in the pool longer
    than DATABASE_PING_AFTER_IDLE_SECONDS (`ping_idle_connections`): pinging every checkout was
    a round trip per request, a fifth of a search's.
    """
    connect_timeout = settings.database_connect_timeout
    options = [
        ("statement_timeout", str(settings.database_statement_timeout_ms)),
        *planner_settings,
    ]
    engine = create_engine(
        normalise_database_url(url or settings.database_url),
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        pool_timeout=connect_timeout,
        connect_args={
            "connect_timeout": connect_timeout,
            "options": " ".join(f"-c {name}={value}" for name, value in options),
            "application_name": "spinecare-api",
        },
        **({"isolation_level": "AUTOCOMMIT"} if autocommit else {}),
    )
    _made_by_make_engine[engine] = (settings, url)
    reply_timeout = settings.database_statement_timeout_ms / 1000 + connect_timeout

    @event.listens_for(engine, "do_connect")
    def connect(
        _dialect: object, _record: object, cargs: tuple[Any, ...], cparams: dict[str, Any]
    ) -> BoundedConnection:
        connection = BoundedConnection.connect(*cargs, **cparams)
        connection.reply_timeout = reply_timeout
        return connection

    dialect = engine.dialect
    ping = dialect.do_ping

    def do_ping(dbapi_connection: DBAPIConnection) -> bool:
        connection = cast("BoundedConnection", dbapi_connection)  # made by `connect` above
        connection.reply_timeout = connect_timeout
        try:
            return ping(dbapi_connection)
        finally:
            connection.reply_timeout = reply_timeout

    # The ping is a round trip, not a statement: its own bound. Patched on this engine's dialect
    # instance, which mypy sees as assigning to a method.
    dialect.do_ping = do_ping  # type: ignore[method-assign]
    ping_idle_connections(engine, settings.database_ping_after_idle_seconds)
    return engine


# What each engine of make_engine's was made with, so statement_engine can make its twin.
_made_by_make_engine: weakref.WeakKeyDictionary[Engine, tuple[Settings, str | None]] = (
    weakref.WeakKeyDictionary()
)
_statement_engines: weakref.WeakKeyDictionary[Engine, dict[tuple[tuple[str, str], ...], Engine]] = (
    weakref.WeakKeyDictionary()
)
_statement_engines_lock = threading.Lock()
# Called with each twin of an engine as it is made (service/metrics.py counts its pool too).
_twin_made_callbacks: weakref.WeakKeyDictionary[Engine, list[Callable[[Engine], None]]] = (
    weakref.WeakKeyDictionary()
)


def on_twin_made(base: Engine, callback: Callable[[Engine], None]) -> None:
    """Call `callback(twin)` for every twin statement_engine makes of `base` from now on."""
    _twin_made_callbacks.setdefault(base, []).append(callback)


def statement_engine(base: Engine, planner_settings: PlannerSettings) -> Engine | None:
    """A twin of `base` (same database, pool size and timeouts) for one read-only statement at a
    time: autocommit, with `planner_settings` set as each connection opens. None for an engine
    make_engine did not make (its settings are unknown), or with DATABASE_AUTOCOMMIT_SEARCHES off.

    Why: a search statement that needs a planner setting, run in the request's transaction,
    cost four round trips (BEGIN, SET LOCAL, the statement, COMMIT) where one does. Under load
    each round trip is two context switches on a busy machine: without the three extra ones the
    locator served 1,244 searches/s against 1,011 in `make bench` (2026-12-06, README's
    Benchmarks). The twin has a pool of its own (settings
    fixed at connect must not reach the other statements), made on first use in each worker.
    """
    made_with = _made_by_make_engine.get(base)
    if made_with is None or not made_with[0].database_autocommit_searches:
        return None
    key = tuple(planner_settings)
    twin = _statement_engines.get(base, {}).get(key)
    if twin is not None:  # every search after a worker's first: no lock on the hot path
        return twin
    with _statement_engines_lock:
        twins = _statement_engines.setdefault(base, {})
        if key not in twins:
            settings, url = made_with
            twin = twins[key] = make_engine(settings, url, planner_settings=key, autocommit=True)
            if not event.contains(base, "engine_disposed", _dispose_twins):
                event.listen(base, "engine_disposed", _dispose_twins)
            for callback in _twin_made_callbacks.get(base, ()):
                callback(twin)
        return twins[key]


def _dispose_twins(base: Engine) -> None:
    """Disposing of an engine closes its twins' connections too (tests dispose of their apps')."""
    with _statement_engines_lock:
        twins = list(_statement_engines.pop(base, {}).values())
    for twin in twins:
        twin.dispose()


def ping_idle_connections(engine: Engine, idle_seconds: float) -> None:
    """Ping a pooled connection before use when it has been idle over `idle_seconds`.

    A connection a request returned moments ago is as alive as the server: a ping then costs a
    round trip and finds nothing. One that sat idle may have been dropped (a restarted or failed
    over server, a firewall's idle timeout): a failed ping discards it and the pool hands out
    another (SQLAlchemy's DisconnectionError protocol, up to three tries). A connection that
    dies while busy fails its request with 503 `database_unavailable`, and SQLAlchemy then
    invalidates every connection of the pool opened before, so the next checkouts reconnect.
    """

    @event.listens_for(engine, "checkin")
    def remember_checkin(_dbapi_connection: object, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection: DBAPIConnection, record: Any, _proxy: object) -> None:
        checked_in_at = record.info.get("checked_in_at")
        if checked_in_at is None or time.monotonic() - checked_in_at <= idle_seconds:
            return  # new, or back in the pool only briefly
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # any failure: this connection is not to be trusted
            raise exc.DisconnectionError(f"idle connection failed its ping: {error}") from error
        if not alive:
            raise exc.DisconnectionError("idle connection failed its ping")


class Database:
    """The app's engines and session factories; tests swap `session_factory` for a savepoint one.

    With a replica, reads of GET/HEAD requests go to `replica_session_factory` unless the view
    sets `reads_from_replica = False` (it must read its own writes at once).
    """

    def __init__(self, engine: Engine, replica_engine: Engine | None = None):
        self.engine = engine
        self.replica_engine = replica_engine
        self.session_factory: sessionmaker[Session] = sessionmaker(
            bind=engine, expire_on_commit=False
        )
        self.replica_session_factory: sessionmaker[Session] | None = (
            sessionmaker(bind=replica_engine, expire_on_commit=False) if replica_engine else None
        )

    def init_app(self, app: Flask) -> None:
        app.extensions["db"] = self
        app.teardown_request(_close_request_session)


def get_db(app: Flask | None = None) -> Database:
    database: Database = (app or current_app).extensions["db"]
    return database


def get_session() -> Session:
    """The session of the current request, opened on first use (on the replica for reads)."""
    if "db_session" not in g:
        database = get_db()
        factory = database.session_factory
        if database.replica_session_factory is not None and _reads_from_replica():
            factory = database.replica_session_factory
        g.db_session = factory()
    session: Session = g.db_session
    return session


def _reads_from_replica() -> bool:
    if not has_request_context() or request.method not in ("GET", "HEAD"):
        return False
    return getattr(current_view_class(), "reads_from_replica", True)


def commit_request_session() -> None:
    """The one commit of a request, called by the view base class once the view has succeeded.

    Service functions only flush; a view that raises never reaches this, so an error response
    never leaves half a write behind, and a failing commit is still handled as a view error.
    """
    session: Session | None = g.get("db_session")
    if session is not None:
        session.commit()


def _close_request_session(_exc: BaseException | None) -> None:
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()
