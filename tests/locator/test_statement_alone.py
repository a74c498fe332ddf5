"""A first-page search with no transaction open runs alone: one autocommit statement on a
connection opened with the KNN walk's planner settings (db.statement_engine, sql.Statement.rows).

On a database of its own with committed rows: the savepoint sessions of the other tests are
bound to a connection in a transaction, so they always take the SET LOCAL path, and a separate
connection could not see their rows.
"""

from __future__ import annotations

import random

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from service import create_app
from service.db import make_engine, statement_engine
from service.locator import geo, sql, zips
from service.locator.models import Location, Provider
from service.locator.search import search_rows
from service.locator.service import Filters, Origin
from tests.conftest import alembic_config

NYC = zips.lookup("10001")
ORIGIN = Origin(NYC.lat, NYC.lon, "zip", "10001")
RADIUS_KM = geo.to_km(25, "mi")
TIMEOUT_MS = "SELECT setting FROM pg_settings WHERE name = 'statement_timeout'"
THERAPIES = ("physical-therapy", "acupuncture", "tens")


@pytest.fixture(scope="module")
def engine(database_server, settings):
    url = database_server.create_database("statement_alone")
    command.upgrade(alembic_config(url), "head")
    rng = random.Random(17)
    seeding = create_engine(url)
    with Session(seeding) as session, session.begin():
        for number in range(400):
            provider = Provider(
                source="test",
                external_id=f"alone-{number}",
                name=f"Dr. Alone {number}",
                specialties=["208VP0014X"],
                therapies=[rng.choice(THERAPIES)],
                languages=["en"],
                accepting_new_patients=rng.random() < 0.5,
                telehealth=False,
                record_hash="-",
                locations=[
                    Location(
                        position=0,
                        lat=NYC.lat + rng.uniform(-0.6, 0.6),
                        lon=NYC.lon + rng.uniform(-0.6, 0.6),
                        geo_precision="exact",
                    )
                ],
            )
            provider.copy_search_columns()
            session.add(provider)
    seeding.dispose()  # after the commit, not inside the transaction
    made = make_engine(settings.replace(database_url=url))
    yield made
    made.dispose()


def _search(session: Session, filters: Filters, limit: int = 20):
    return list(search_rows(session, ORIGIN, RADIUS_KM, filters, None, limit))


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(therapy=("physical-therapy",)), Filters(accepting_new_patients=True)],
)
def test_a_first_page_with_no_transaction_open_runs_alone_and_equals_the_joined_page(
    engine, filters
):
    with Session(engine) as alone:
        page = _search(alone, filters)
        # Ran on the twin: the request's session never began a transaction (no BEGIN, no
        # SET LOCAL, no COMMIT on it) ...
        assert not alone.in_transaction()
    with Session(engine) as joined:
        joined.connection()  # a transaction already open, as after a key lookup
        joined_page = _search(joined, filters)
        # ... while a session in a transaction keeps the walk in it, settings local to it.
        assert joined.in_transaction()
        setting = joined.connection().exec_driver_sql("SHOW enable_bitmapscan").scalar()
        assert setting == "off"
    assert [tuple(row) for row in page] == [tuple(row) for row in joined_page]
    assert len(page) == 20  # full pages: the walk had something to prove
    distances = [row.distance_km for row in page]
    assert distances == sorted(distances)


def test_the_twin_opens_its_connections_with_the_settings_and_the_engine_keeps_its_own(
    engine, settings
):
    twin = statement_engine(engine, sql.KNN_PLANNER_SETTINGS)
    assert twin is not None
    assert statement_engine(engine, sql.KNN_PLANNER_SETTINGS) is twin  # one per worker
    with twin.connect() as connection:
        assert connection.exec_driver_sql("SHOW enable_bitmapscan").scalar() == "off"
        timeout = connection.exec_driver_sql(TIMEOUT_MS).scalar()
        assert connection.connection.driver_connection.autocommit is True
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW enable_bitmapscan").scalar() == "on"
        assert connection.exec_driver_sql(TIMEOUT_MS).scalar() == timeout
    assert timeout == str(settings.database_statement_timeout_ms)
    # An engine make_engine did not make has no twin: its statements use SET LOCAL.
    plain = create_engine(engine.url)
    assert statement_engine(plain, sql.KNN_PLANNER_SETTINGS) is None
    plain.dispose()


def test_a_statement_run_alone_runs_with_its_settings_and_one_without_in_the_transaction(engine):
    probe = "SELECT current_setting('enable_bitmapscan'), now() = statement_timestamp()"
    with Session(engine) as alone:
        ((bitmapscan, own_transaction),) = sql.Statement(probe, {}, sql.KNN_PLANNER_SETTINGS).rows(
            alone
        )
        assert (bitmapscan, own_transaction) == ("off", True)  # autocommit: its own transaction
        assert not alone.in_transaction()
        # A statement with no settings needs no twin: it opens the session's transaction, and
        # what the twin set at connect did not reach the engine's connection.
        ((bitmapscan, _),) = sql.Statement(probe, {}).rows(alone)
        assert bitmapscan == "on"
        assert alone.in_transaction()


def test_disposing_of_the_engine_closes_its_twins_connections(database_server, settings):
    url = database_server.create_database("statement_twin_dispose")
    engine = make_engine(settings.replace(database_url=url))
    twin = statement_engine(engine, sql.KNN_PLANNER_SETTINGS)
    assert twin is not None
    with twin.connect() as connection:
        connection.exec_driver_sql("SELECT 1")
    assert twin.pool.checkedin() == 1
    engine.dispose()
    assert twin.pool.checkedin() == 0
    # A new twin after the dispose, not the closed one's pool.
    assert statement_engine(engine, sql.KNN_PLANNER_SETTINGS) is not twin
    engine.dispose()
    with create_engine(url).connect() as connection:
        others = connection.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        ).scalar()
    assert others == 1  # only this check's own connection is left


def test_with_autocommit_searches_off_the_walk_joins_the_transaction(engine, settings):
    """DATABASE_AUTOCOMMIT_SEARCHES=false (PgBouncer in transaction mode): no twin, SET LOCAL."""
    off = make_engine(
        settings.replace(
            database_url=engine.url.render_as_string(hide_password=False),
            database_autocommit_searches=False,
        )
    )
    assert statement_engine(off, sql.KNN_PLANNER_SETTINGS) is None
    with Session(off) as session:
        page = _search(session, Filters())
        assert session.in_transaction()  # the walk ran in the session's own transaction
        setting = session.connection().exec_driver_sql("SHOW enable_bitmapscan").scalar()
        assert setting == "off"  # by SET LOCAL, for this transaction only
    with Session(engine) as alone:
        assert [tuple(row) for row in _search(alone, Filters())] == [tuple(row) for row in page]
    off.dispose()


def test_the_twins_pool_is_in_the_pool_metrics(engine, settings):
    app = create_app(
        settings.replace(
            database_url=engine.url.render_as_string(hide_password=False),
            metrics_public_path=True,
        )
    )
    client = app.test_client()

    def pool_samples() -> tuple[float, float]:
        text = client.get("/metrics").get_data(as_text=True)
        values = dict(
            line.split(" ", 1) for line in text.splitlines() if line.startswith("spinecare_db_pool")
        )
        return float(values["spinecare_db_pool_size"]), float(
            values["spinecare_db_pool_checked_out"]
        )

    assert pool_samples() == (settings.database_pool_size, 0)
    twin = statement_engine(app.extensions["db"].engine, sql.KNN_PLANNER_SETTINGS)
    assert twin is not None
    assert pool_samples()[0] == 2 * settings.database_pool_size  # both pools counted
    with twin.connect() as connection:
        connection.exec_driver_sql("SELECT 1")
        assert pool_samples()[1] == 1  # a twin's connection in use is counted in use
    assert pool_samples()[1] == 0
    app.extensions["db"].engine.dispose()
