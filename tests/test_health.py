"""Liveness never needs the database; readiness needs it reachable and at a schema this code
serves: its head, or a newer one that declares it (a rolling release's older pods)."""

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from service import create_app, schema_versions
from tests.conftest import alembic_config


def test_healthz_is_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_reports_each_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok"},
    }


def test_readyz_is_503_on_an_unmigrated_database(database_server, settings):
    app = create_app(settings.replace(database_url=database_server.create_database("empty")))
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["code"] == "not_ready"
    assert body["checks"] == {"database": "ok", "migrations": "not_at_head"}
    assert response.headers["Retry-After"] == "5"


def test_unreachable_database_gives_503_not_500(settings):
    # Port 9 (discard) on loopback: nothing listens, so connecting fails at once.
    app = create_app(
        settings.replace(
            database_url="postgresql://postgres@127.0.0.1:9/none", database_connect_timeout=1
        )
    )
    client = app.test_client()

    assert client.get("/healthz").status_code == 200

    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["database"] == "unreachable"

    # Checking the key needs the database, so even authentication answers 503, not 401 or 500.
    response = client.get("/v1/conditions", headers={"X-API-Key": "sck_abcd1234_some-secret"})
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "database_unavailable"
    assert response.headers["Retry-After"] == "5"


def _release_ahead(url: str, declaration: str | None) -> None:
    """The database as the next release's migration Job leaves it: at a revision this code does
    not have, with that revision's declaration (or none)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_next'"))
        if declaration is not None:
            connection.execute(
                text("INSERT INTO schema_compatibility VALUES ('9999_next', :code)"),
                {"code": declaration},
            )
    engine.dispose()


def _readiness_of(settings, url: str):
    app = create_app(settings.replace(database_url=url))
    response = app.test_client().get("/readyz")
    app.extensions["db"].engine.dispose()
    return response


@pytest.fixture
def migrated(database_server):
    url = database_server.create_database("rolling")
    command.upgrade(alembic_config(url), "head")
    return url


def test_this_code_stays_ready_on_a_newer_schema_that_declares_it_still_runs_it(migrated, settings):
    (head,) = schema_versions.migration_heads()
    _release_ahead(migrated, declaration=head)
    response = _readiness_of(settings, migrated)
    assert response.status_code == 200
    assert response.get_json()["checks"] == {"database": "ok", "migrations": "newer_compatible"}


def test_a_declaration_for_older_code_covers_this_code_too(migrated, settings):
    _release_ahead(migrated, declaration="0009")  # code at 0009 runs on it, so ours (later) does
    assert _readiness_of(settings, migrated).status_code == 200


@pytest.mark.parametrize(
    "declaration",
    [
        None,  # the next release's migration said nothing: taken as incompatible
        "9998_between",  # it serves code newer than this code's head: not this code
    ],
)
def test_a_newer_schema_without_a_declaration_for_this_code_is_not_ready(
    migrated, settings, declaration
):
    _release_ahead(migrated, declaration=declaration)
    response = _readiness_of(settings, migrated)
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "migrations": "not_at_head"}


def test_a_schema_behind_this_code_is_not_ready(database_server, settings):
    """A new pod before the migration Job has run: it waits (its code needs its schema)."""
    url = database_server.create_database("behind")
    command.upgrade(alembic_config(url), "0010")
    response = _readiness_of(settings, url)
    assert response.status_code == 503
    assert response.get_json()["checks"]["migrations"] == "not_at_head"


def test_every_declaration_names_older_code_than_its_revision(migrated):
    """A migration can only vouch for code that came before it (its own ancestors)."""
    script = ScriptDirectory.from_config(alembic_config(migrated))
    engine = create_engine(migrated)
    with engine.connect() as connection:
        declared = connection.execute(text("SELECT * FROM schema_compatibility")).all()
    engine.dispose()
    assert ("0011", "0010") in [tuple(row) for row in declared]
    for revision, code in declared:
        ancestors = {step.revision for step in script.iterate_revisions(revision, "base")}
        assert code in ancestors - {revision}, (revision, code)
