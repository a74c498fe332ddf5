"""Imports are all or nothing whatever arrives: parser errors, undecodable bytes, a chunked body
over the limit, two imports of the same new records at once (issue 14)."""

from __future__ import annotations

import csv
import http.client
import json
import threading
import time
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from service import create_app
from service.locator import imports
from service.locator.models import Provider
from service.partners.service import create_partner, issue_key
from tests.conftest import alembic_config, own_rate_counters
from tests.locator.test_imports import CSV_BODY
from tests.support.servers import Gunicorn

PROBLEM = "application/problem+json"
HEADER = CSV_BODY.splitlines()[0]


def providers(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Provider))


def assert_rejected(response, errors):
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["code"] == "import_rejected"
    assert body["errors"] == errors
    return body


# --- parser errors and text ------------------------------------------------------------------


def test_a_bare_cr_in_an_unquoted_field_is_a_422_naming_its_line(client, db_session):
    body = CSV_BODY.replace("Dr. Jordan Demoford", "Dr. Jordan\rDemoford")
    assert_rejected(
        client.post("/v1/physicians/import", data=body, content_type=imports.CSV),
        [
            {
                "line": 4,
                "field": None,
                "message": "Line break (CR) inside an unquoted field; quote the field.",
            }
        ],
    )
    assert providers(db_session) == 0


def test_a_quoted_cr_is_part_of_the_field(client, db_session):
    body = CSV_BODY.replace("Dr. Jordan Demoford", '"Dr. Jordan\rDemoford"')
    response = client.post("/v1/physicians/import", data=body, content_type=imports.CSV)
    assert response.status_code == 200 and response.get_json()["created"] == 2


def test_a_field_over_the_csv_limit_is_a_422_naming_its_line(client, db_session):
    limit = csv.field_size_limit()
    body = CSV_BODY + f'p-9,,"{"x" * (limit + 1)}",MD,,en,true,false,208VP0014X,,,,,,10001,,,\n'
    assert_rejected(
        client.post("/v1/physicians/import", data=body, content_type=imports.CSV),
        [{"line": 5, "field": None, "message": f"A field is longer than {limit} characters."}],
    )
    assert providers(db_session) == 0


def test_the_charset_parameter_is_honoured(client, db_session):
    body = CSV_BODY.replace("Dr. Jordan Demoford", "Dr. José Muñoz")
    response = client.post(
        "/v1/physicians/import",
        data=body.encode("latin-1"),
        content_type="text/csv; charset=ISO-8859-1",
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    names = db_session.scalars(select(Provider.name).order_by(Provider.name)).all()
    assert names == ["Dr. Avery Sampleton", "Dr. José Muñoz"]


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column(client):
    response = client.post(
        "/v1/physicians/import", data=b"\xef\xbb\xbf" + CSV_BODY.encode(), content_type=imports.CSV
    )
    assert response.status_code == 200 and response.get_json()["created"] == 2


def test_invalid_utf8_is_a_422_naming_its_line_not_a_replacement_character(client, db_session):
    body = CSV_BODY.replace("Dr. Jordan Demoford", "Dr. Jos\xe9").encode("latin-1")  # no charset
    assert_rejected(
        client.post("/v1/physicians/import", data=body, content_type=imports.CSV),
        [
            {
                "line": 4,
                "field": None,
                "message": "Not valid utf-8 (byte 0xe9): invalid continuation byte.",
            }
        ],
    )
    assert providers(db_session) == 0
    assert db_session.scalar(select(func.count()).where(Provider.name.contains("\ufffd"))) == 0


def test_an_unknown_charset_is_a_415(client, db_session):
    for charset in ("klingon", "rot13"):
        response = client.post(
            "/v1/physicians/import", data=CSV_BODY, content_type=f"text/csv; charset={charset}"
        )
        assert response.status_code == 415 and response.mimetype == PROBLEM
        assert charset in response.get_json()["detail"]
    assert providers(db_session) == 0


# --- a real database shared by real transactions -----------------------------------------------


@pytest.fixture(scope="module")
def shared_database(database_server):
    """A database of this module's own: these tests commit for real (other processes, other
    transactions must see the rows), and nothing they write may show up in other tests."""
    url = database_server.create_database("imports")
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    yield url, engine
    engine.dispose()


def ndjson_records(count: int, prefix: str = "p") -> str:
    return "".join(
        json.dumps(
            {
                "external_id": f"{prefix}-{n}",
                "name": f"Dr. Test {n}",
                "locations": [{"zip": "10001"}],
            }
        )
        + "\n"
        for n in range(count)
    )


def committed_key(engine, *scopes: str) -> tuple[str, str]:
    with Session(engine) as session, session.begin():
        partner = create_partner(session=session, slug=f"t-{uuid.uuid4().hex[:10]}", name="Test")
        return partner.slug, issue_key(session=session, partner=partner, scopes=list(scopes)).token


def source_count(engine, source: str) -> int:
    with Session(engine) as session:
        return session.scalar(
            select(func.count()).select_from(Provider).where(Provider.source == source)
        )


def test_an_import_waits_for_another_of_the_same_source_instead_of_failing(shared_database):
    _url, engine = shared_database
    source = f"race-{uuid.uuid4().hex[:8]}"
    raw = imports.parse_ndjson(ndjson_records(5), imports.ImportReport(source))
    first = Session(engine)
    first.begin()
    imports.import_records(session=first, source=source, raw_records=raw)  # flushed, uncommitted
    outcome = {}

    def second_import():
        with Session(engine) as session:
            try:
                with session.begin():
                    report = imports.import_records(session=session, source=source, raw_records=raw)
                outcome["report"] = report
            except Exception as error:  # noqa: BLE001 - the test reports what it was
                outcome["error"] = error

    second = threading.Thread(target=second_import)
    second.start()
    time.sleep(0.5)  # the second has read and is now waiting on the first
    assert second.is_alive()
    first.commit()
    first.close()
    second.join(timeout=10)
    assert "error" not in outcome, outcome.get("error")
    report = outcome["report"]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert source_count(engine, source) == 5


def test_concurrent_imports_of_the_same_new_records_never_answer_500(shared_database, settings):
    url, engine = shared_database
    slug, token = committed_key(engine, "locator:write")
    app = create_app(
        settings.replace(
            database_url=url, rate_limit_key_prefix=own_rate_counters(settings, "imports")
        )
    )
    body = ndjson_records(30)
    start = threading.Barrier(6)
    statuses, created = [], []

    def post():
        client = app.test_client()
        start.wait()
        response = client.post(
            "/v1/physicians/import",
            data=body,
            content_type=imports.NDJSON,
            headers={"X-API-Key": token},
        )
        statuses.append(response.status_code)
        created.append((response.get_json() or {}).get("created"))

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    app.extensions["usage_recorder"].discard_pending()
    app.extensions["db"].engine.dispose()
    assert statuses == [200] * 6
    assert sorted(created) == [0, 0, 0, 0, 0, 30]
    assert source_count(engine, slug) == 30


# --- a chunked body through a real server ---------------------------------------------------------


LIMIT = 4096


@pytest.fixture(scope="module")
def small_body_server(shared_database):
    url, _engine = shared_database
    server = Gunicorn(
        "service.wsgi:app", url, workers=1, env={"MAX_REQUEST_BODY_BYTES": str(LIMIT)}
    )
    yield server
    server.stop()


def post_chunked(server, path: str, body: bytes, headers: dict) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
    try:
        chunks = (body[i : i + 1000] for i in range(0, len(body), 1000))
        connection.request("POST", path, body=chunks, headers=headers, encode_chunked=True)
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def test_a_chunked_body_over_the_limit_is_413_and_writes_nothing(
    shared_database, small_body_server
):
    _url, engine = shared_database
    slug, token = committed_key(engine, "locator:write")
    body = ndjson_records(150).encode()
    assert len(body) > 2 * LIMIT  # the first LIMIT bytes alone hold dozens of whole records
    status, headers, payload = post_chunked(
        small_body_server,
        "/v1/physicians/import",
        body,
        {"Content-Type": imports.NDJSON, "X-API-Key": token},
    )
    assert status == 413, payload
    assert headers["Content-Type"] == PROBLEM
    assert json.loads(payload)["code"] == "payload_too_large"
    assert source_count(engine, slug) == 0


def test_a_chunked_body_within_the_limit_is_read_whole(shared_database, small_body_server):
    _url, engine = shared_database
    slug, token = committed_key(engine, "locator:write")
    body = ndjson_records(40).encode()
    assert LIMIT // 2 < len(body) <= LIMIT
    status, _headers, payload = post_chunked(
        small_body_server,
        "/v1/physicians/import",
        body,
        {"Content-Type": imports.NDJSON, "X-API-Key": token},
    )
    assert status == 200, payload
    assert json.loads(payload)["created"] == 40
    assert source_count(engine, slug) == 40
