"""With DATABASE_REPLICA_URL, reads go to the replica and writes to the primary."""

from alembic import command
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from service import create_app
from service.content.loader import sync_pack
from service.content.pack import read_pack
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
            scopes=["content:read"],
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

    app = create_app(
        settings.replace(
            database_url=primary,
            database_replica_url=replica,
            usage_flush_seconds=0,
            rate_limit_key_prefix=own_rate_counters(settings, "replica"),
        )
    )
    client = app.test_client()
    response = client.get(
        "/v1/conditions/sciatica", headers={"X-API-Key": "sck_repl0001_same-secret-on-both"}
    )
    assert response.status_code == 200
    assert response.get_json()["name"] == "Sciatica (from the replica)"

    ready = client.get("/readyz").get_json()
    assert ready["checks"] == {"database": "ok", "migrations": "ok", "replica": "ok"}

    # The usage counters this request produced were written to the primary only.
    def usage_rows(url):
        engine = create_engine(url)
        with Session(engine) as session:
            count = session.scalar(select(func.count()).select_from(UsageDaily))
        engine.dispose()
        return count

    assert usage_rows(primary) == 1
    assert usage_rows(replica) == 0
    for engine in (
        app.extensions["db"].engine,
        app.extensions["db"].replica_engine,
        replica_engine,
    ):
        engine.dispose()
