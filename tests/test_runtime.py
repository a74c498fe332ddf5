"""The service as ops run it: a real gunicorn, real signals, a real database going away."""

from __future__ import annotations

import re
import threading
import time
import uuid

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from service import create_app
from service.partners.service import create_partner, issue_key
from tests.conftest import alembic_config
from tests.support.servers import Gunicorn, get


@pytest.fixture(scope="module")
def committed_key(database_url):
    """A partner key committed for real: other processes (gunicorn workers) must see it."""
    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        partner = create_partner(session=session, slug=f"ops-{uuid.uuid4().hex[:8]}", name="Ops")
        token = issue_key(session=session, partner=partner, scopes=["content:read"]).token
    yield token
    engine.dispose()


@pytest.fixture(scope="module")
def gunicorn(database_url):
    server = Gunicorn("tests.support.slow_app:app", database_url, workers=2)
    yield server
    server.stop()


def test_metrics_sum_requests_over_all_workers(gunicorn, committed_key):
    for _ in range(12):
        status, _, _ = get(gunicorn.url + "/v1/care-pathway", {"X-API-Key": committed_key})
        assert status == 200
    get(gunicorn.url + "/v1/care-pathway")  # 401, counted under its own status

    status, _, body = get(f"http://127.0.0.1:{gunicorn.metrics_port}/metrics")
    assert status == 200
    text = body.decode()
    counts = {
        match.group(1): float(match.group(2))
        for match in re.finditer(
            r'spinecare_http_request_duration_seconds_count\{method="GET",status="(\d+)",url_rule="/v1/care-pathway"\} (\S+)',
            text,
        )
    }
    assert counts == {"200": 12.0, "401": 1.0}
    assert "spinecare_http_request_duration_seconds_bucket" in text
    assert "spinecare_db_pool_checked_out" in text
    # Not on the public port unless asked for.
    assert get(gunicorn.url + "/metrics")[0] == 404


def test_sigterm_lets_in_flight_requests_finish(database_url):
    server = Gunicorn("tests.support.slow_app:app", database_url, workers=1)
    result = {}

    def slow_call():
        result["status"], _, result["body"] = get(server.url + "/slow?seconds=2", timeout=15)

    caller = threading.Thread(target=slow_call)
    caller.start()
    time.sleep(0.7)  # the request is now being served
    server.terminate()
    caller.join(timeout=15)
    assert result.get("status") == 200, result
    assert b'"slept":2.0' in result["body"].replace(b" ", b"")
    assert server.stop() == 0


def test_database_outage_gives_503_and_service_resumes_by_itself(tmp_path, settings):
    pgserver = pytest.importorskip("pgserver")
    from alembic import command

    from service import embedded_postgres

    server = embedded_postgres.start(tmp_path / "pg")
    url = embedded_postgres.ensure_database(server, "outage")
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with Session(engine) as session, session.begin():
        partner = create_partner(session=session, slug="ops", name="Ops")
        token = issue_key(session=session, partner=partner, scopes=["content:read"]).token
    engine.dispose()
    client = create_app(settings.replace(database_url=url, database_connect_timeout=2)).test_client()
    key = {"X-API-Key": token}
    assert client.get("/v1/conditions", headers=key).status_code == 200

    pgserver.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=server.pgdata, user=server.system_user)
    try:
        started = time.monotonic()
        down = client.get("/v1/conditions", headers=key)
        assert down.status_code == 503
        assert down.mimetype == "application/problem+json"
        assert down.get_json()["code"] == "database_unavailable"
        assert down.headers["Retry-After"] == "5"
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200
        assert time.monotonic() - started < 10, "an outage must not hang requests"
    finally:
        server.ensure_postgres_running()

    assert client.get("/readyz").status_code == 200
    assert client.get("/v1/conditions", headers=key).status_code == 200
    client.application.extensions["usage_recorder"].discard_pending()
    client.application.extensions["db"].engine.dispose()
    server.cleanup()
