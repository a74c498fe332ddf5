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
    client = create_app(
        settings.replace(database_url=url, database_connect_timeout=2)
    ).test_client()
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


def wait_for_workers(server: Gunicorn, count: int, timeout: float = 90) -> None:
    """Until `count` distinct workers have answered (one may still be booting)."""
    from concurrent.futures import ThreadPoolExecutor

    seen: set[bytes] = set()
    deadline = time.monotonic() + timeout
    with ThreadPoolExecutor(max_workers=8) as pool:
        while len(seen) < count:
            assert time.monotonic() < deadline, f"only {len(seen)} workers answered"
            seen.update(
                body for _, _, body in pool.map(lambda _: get(server.url + "/pid"), range(16))
            )
            time.sleep(0.2)


def test_without_redis_the_workers_of_one_server_share_a_rate_limit(database_url):
    """60/min with 2 workers and no Redis allows exactly 60, not 60 per worker (issue 14)."""
    from concurrent.futures import ThreadPoolExecutor

    engine = create_engine(database_url)
    with Session(engine) as session, session.begin():
        partner = create_partner(
            session=session,
            slug=f"limits-{uuid.uuid4().hex[:8]}",
            name="Limits",
            rate_limit_per_minute=60,
            daily_quota=100_000,
        )
        token = issue_key(session=session, partner=partner, scopes=["content:read"]).token
    engine.dispose()
    server = Gunicorn(
        "tests.support.worker_app:app", database_url, workers=2, env={"REDIS_URL": ""}
    )
    try:
        wait_for_workers(server, 2)
        if time.time() % 60 > 45:  # the burst must fall inside one minute's window
            time.sleep(61 - time.time() % 60)
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(
                pool.map(
                    lambda _: get(server.url + "/v1/care-pathway", {"X-API-Key": token})[0],
                    range(90),
                )
            )
    finally:
        server.stop()
    assert (statuses.count(200), statuses.count(429)) == (60, 30)
    assert "REDIS_URL is not set: rate limits are counted by this server alone" in (
        server.process.stderr.read().decode()
    )


def raw_request(server: Gunicorn, request: bytes) -> tuple[int, dict[str, str], bytes]:
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines)
    return int(status_line.split()[1]), headers, body


@pytest.mark.parametrize(
    ("request_bytes", "status", "code"),
    [
        (
            b"GET /v1/conditions?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
            414,
            "uri_too_long",
        ),
        (
            b"GET /v1/conditions HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n",
            431,
            "header_fields_too_large",
        ),
        (
            b"GET /v1/conditions HTTP/1.1\r\nHost: x\r\n"
            + b"".join(b"X-H%d: 1\r\n" % n for n in range(150))
            + b"\r\n",
            431,
            "header_fields_too_large",
        ),
        (b"GET /v1/conditions HTTP/9.9\r\nHost: x\r\n\r\n", 400, "bad_request"),
    ],
    ids=["long-url", "long-header", "many-headers", "bad-version"],
)
def test_what_gunicorn_refuses_is_problem_json(gunicorn, request_bytes, status, code):
    """gunicorn answers these before the app runs; the shape is still the documented one."""
    import json

    got, headers, body = raw_request(gunicorn, request_bytes)
    assert got == status, body
    assert headers["Content-Type"] == "application/problem+json"
    problem = json.loads(body)
    assert (problem["status"], problem["code"]) == (status, code)
    assert problem["type"] == f"urn:spinecare:problem:{code}"
    assert headers["X-Request-ID"] == problem["request_id"]
