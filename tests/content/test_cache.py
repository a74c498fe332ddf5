"""Workers cache content reads until the content changes (checked every few seconds)."""

from sqlalchemy.orm import sessionmaker

from service import create_app
from service.content.loader import sync_pack
from service.content.pack import read_pack


def _rename_sciatica(db_session, name):
    pack = read_pack()
    next(c for c in pack.conditions if c.slug == "sciatica").texts["en"]["name"] = name
    sync_pack(session=db_session, pack=pack)


def test_a_content_load_is_seen_at_the_next_check(client, db_session):
    assert client.get("/v1/conditions/sciatica").get_json()["name"] == "Sciatica"
    _rename_sciatica(db_session, "Sciatica (revised)")
    body = client.get("/v1/conditions/sciatica").get_json()
    assert body["name"] == "Sciatica (revised)" and body["version"] == 2


def test_between_checks_a_worker_answers_from_its_cache(
    settings, connection, db_session, issue_key
):
    app = create_app(settings.replace(content_cache_check_seconds=3600))
    app.extensions["db"].session_factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    client = app.test_client()
    headers = {"X-API-Key": issue_key("content:read")}
    assert client.get("/v1/conditions/sciatica", headers=headers).get_json()["name"] == "Sciatica"
    _rename_sciatica(db_session, "Sciatica (revised)")
    cached = client.get("/v1/conditions/sciatica", headers=headers).get_json()
    assert cached["name"] == "Sciatica", "served from the worker's cache until the next check"
    app.extensions["usage_recorder"].discard_pending()
