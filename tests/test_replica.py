"""With DATABASE_REPLICA_URL, reads go to the replica and writes to the primary."""

from alembic import command
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.orm import Session

from service import create_app
from service.content.loader import sync_pack
from service.content.pack import read_pack
from service.db import statement_engine
from service.locator.models import Location, Provider
from service.locator.sql import KNN_PLANNER_SETTINGS
from service.partners.models import UsageDaily
from service.partners.service import create_partner, issue_key
from tests.conftest import alembic_config, own_rate_counters


def _prepare(url: str) -> None:
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        sync_pack(session=session, pack=read_pack())
        partner = create_partner(session=session, slug="replicated", name="Replicated")
        # The same key in both, as replication would have it.
        issue_key(
            session=session,
            partner=partner,
            scopes=["content:read", "locator:read"],
            prefix="repl0001",
            secret="same-secret-on-both",
        )
    engine.dispose()


def test_reads_use_the_replica_and_writes_the_primary(database_server, settings):
    primary = database_server.create_database("primary")
    replica = database_server.create_database("replica")
    _prepare(primary)
    _prepare(replica)
    replica_engine = create_engine(replica)
    with replica_engine.begin() as connection:  # a marker only the replica has
        connection.execute(
            text(
                "UPDATE content_translations SET name = 'Sciatica (from the replica)' "
                "WHERE locale = 'en' AND item_id = (SELECT id FROM content_items WHERE slug = 'sciatica')"
            )
        )
    with Session(replica_engine) as session, session.begin():  # and a physician only it has
        provider = Provider(
            source="test",
            external_id="replica-only",
            name="Dr. Replica Only",
            specialties=["208VP0014X"],
            therapies=["physical-therapy"],
            languages=["en"],
            record_hash="-",
            locations=[Location(position=0, lat=40.7484, lon=-73.9967, geo_precision="exact")],
        )
        provider.copy_search_columns()
        session.add(provider)

    app = create_app(
        settings.replace(
            database_url=primary,
            database_replica_url=replica,
            usage_flush_seconds=0,
            # As in production: keys and content cached, so a request can reach its search with
            # no transaction open (the first-page search then runs alone).
            api_key_cache_seconds=60,
            content_cache_check_seconds=60,
            rate_limit_key_prefix=own_rate_counters(settings, "replica"),
        )
    )
    client = app.test_client()
    response = client.get(
        "/v1/conditions/sciatica", headers={"X-API-Key": "sck_repl0001_same-secret-on-both"}
    )
    assert response.status_code == 200
    assert response.get_json()["name"] == "Sciatica (from the replica)"

    # Searches read the replica. The second, with the key and the therapy slugs cached by the
    # first, opens no transaction before its walk, which then runs alone on a twin of the
    # replica's engine (db.statement_engine): on the replica too.
    for _ in range(2):
        search = client.get(
            "/v1/physicians?zip=10001&radius=5&therapy=physical-therapy",
            headers={"X-API-Key": "sck_repl0001_same-secret-on-both"},
        )
        assert search.status_code == 200
        names = [row["provider"]["name"] for row in search.get_json()["results"]]
        assert names == ["Dr. Replica Only"]
    twin = statement_engine(app.extensions["db"].replica_engine, KNN_PLANNER_SETTINGS)
    assert twin is not None
    assert twin.url.database == make_url(replica).database
    assert twin.pool.checkedin() == 1  # the connection the second search used, back in its pool

    ready = client.get("/readyz").get_json()
    assert ready["checks"] == {"database": "ok", "migrations": "ok", "replica": "ok"}

    # The usage counters these requests produced (a row per operation) went to the primary only.
    def usage_rows(url):
        engine = create_engine(url)
        with Session(engine) as session:
            count = session.scalar(select(func.count()).select_from(UsageDaily))
        engine.dispose()
        return count

    assert usage_rows(primary) == 2
    assert usage_rows(replica) == 0
    for engine in (
        app.extensions["db"].engine,
        app.extensions["db"].replica_engine,
        replica_engine,
    ):
        engine.dispose()
