"""Liveness never needs the database; readiness needs it reachable and migrated to head."""

from service import create_app


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
