"""`accepting_new_patients` and `telehealth` may be unknown (null): shown as null, matched by
neither filter value, written as null by imports that leave them out and by the NPPES loader."""

from __future__ import annotations

import json
import os

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from tests.conftest import alembic_config
from tests.locator.test_nppes import FIXTURE

POINT = (40.7484, -73.9967)
FACTS = ("accepting_new_patients", "telehealth")
NPIS = {True: "1234567893", False: "1245319599", None: "1679576722"}  # each passes the check


@pytest.fixture
def facts_by_id(make_provider):
    """For each fact, a physician known to have it, one known not to, one whose record does not
    say; the other fact keeps make_provider's default. Returns {id: {fact: value}}."""
    made = {}
    for fact in FACTS:
        for value in (True, False, None):
            provider = make_provider(POINT, **{fact: value})
            made[provider.id] = {name: getattr(provider, name) for name in FACTS}
    return made


def found(client, query: str) -> list[int]:
    response = client.get(f"/v1/physicians?{query}&limit=50")
    assert response.status_code == 200, response.get_data(as_text=True)
    return sorted(result["provider"]["id"] for result in response.get_json()["results"])


@pytest.mark.parametrize("fact", FACTS)
def test_a_filter_finds_known_values_only(client, facts_by_id, fact):
    origin = f"lat={POINT[0]}&lon={POINT[1]}&radius=1"
    unknown = [id_ for id_, facts in facts_by_id.items() if facts[fact] is None]
    assert len(unknown) == 1
    assert found(client, origin) == sorted(facts_by_id)
    for wanted in (True, False):
        expected = sorted(id_ for id_, facts in facts_by_id.items() if facts[fact] is wanted)
        assert found(client, f"{origin}&{fact}={str(wanted).lower()}") == expected
    # Filtered or not, pages and the detail show the unknown as null, never as false.
    page = client.get(f"/v1/physicians?{origin}&limit=50").get_json()
    shown = {
        r["provider"]["id"]: {name: r["provider"][name] for name in FACTS} for r in page["results"]
    }
    assert shown == facts_by_id
    assert client.get(f"/v1/physicians/{unknown[0]}").get_json()[fact] is None


@pytest.mark.parametrize("fact", FACTS)
@pytest.mark.parametrize("value", [True, False, None])
def test_a_filter_by_npi_alone_also_finds_known_values_only(
    client, make_provider, db_session, fact, value
):
    # An NPI lookup without an origin filters in Python (search.matches_facts), not SQL.
    provider = make_provider(POINT, **{fact: value})
    provider.npi = NPIS[value]
    db_session.flush()
    for wanted in ("true", "false"):
        ids = found(client, f"npi={provider.npi}&{fact}={wanted}")
        assert ids == ([provider.id] if value is (wanted == "true") else [])
    assert found(client, f"npi={provider.npi}") == [provider.id]


def test_only_unknowns_is_no_match_anywhere(client, make_provider):
    make_provider(POINT, accepting_new_patients=None, telehealth=None)
    for query in (
        "accepting_new_patients=true",
        "accepting_new_patients=false",
        "telehealth=true",
        "telehealth=false",
    ):
        body = client.get(f"/v1/physicians?zip=10001&radius=5&{query}").get_json()
        assert body["results"] == []
        assert body["metadata"]["zero_result_hint"]["nearest"] is None, query


def imported(client, body: str, media_type: str) -> dict[str, dict]:
    response = client.post("/v1/physicians/import", data=body, content_type=media_type)
    assert response.status_code == 200, response.get_data(as_text=True)
    page = client.get("/v1/physicians?zip=10001&radius=5&limit=50").get_json()
    return {r["provider"]["external_id"]: r["provider"] for r in page["results"]}


def test_ndjson_absent_or_null_is_unknown_and_false_is_false(client):
    base = {"name": "Dr. Avery Sampleton", "locations": [{"zip": "10001"}]}
    records = [
        base | {"external_id": "absent"},
        base | {"external_id": "null", "accepting_new_patients": None, "telehealth": None},
        base | {"external_id": "false", "accepting_new_patients": False, "telehealth": False},
        base | {"external_id": "true", "accepting_new_patients": True, "telehealth": True},
    ]
    body = "".join(json.dumps(record) + "\n" for record in records)
    shown = imported(client, body, "application/x-ndjson")
    for external_id, expected in (
        ("absent", None),
        ("null", None),
        ("false", False),
        ("true", True),
    ):
        assert [shown[external_id][fact] for fact in FACTS] == [expected, expected], external_id


def test_csv_without_the_columns_or_with_an_empty_cell_is_unknown(client):
    without = "external_id,name,zip\nno-column,Dr. Avery Sampleton,10001\n"
    with_cells = (
        "external_id,name,zip,accepting_new_patients,telehealth\n"
        "empty,Dr. Jordan Demoford,10001,,\n"
        "said,Dr. Casey Exampleton,10001,false,no\n"
    )
    imported(client, without, "text/csv")
    shown = imported(client, with_cells, "text/csv")
    assert [shown["no-column"][fact] for fact in FACTS] == [None, None]
    assert [shown["empty"][fact] for fact in FACTS] == [None, None]
    assert [shown["said"][fact] for fact in FACTS] == [False, False]


def test_a_reimport_that_leaves_a_fact_out_makes_it_unknown(client):
    known = '{"external_id": "p-1", "name": "Dr. Avery Sampleton", "locations": [{"zip": "10001"}]'
    first = imported(client, known + ', "accepting_new_patients": false}\n', "application/x-ndjson")
    assert first["p-1"]["accepting_new_patients"] is False
    report = client.post(
        "/v1/physicians/import", data=known + "}\n", content_type="application/x-ndjson"
    ).get_json()
    assert (report["updated"], report["unchanged"]) == (1, 0)
    again = client.get("/v1/physicians?zip=10001&radius=5&accepting_new_patients=false").get_json()
    assert again["results"] == []


def test_nppes_providers_are_unknown_over_http(client, runner, db_session):
    assert runner.invoke(args=["locator", "load-nppes", str(FIXTURE)]).exit_code == 0
    page = client.get("/v1/physicians?zip=10001&radius=5&limit=50").get_json()
    nppes = [r["provider"] for r in page["results"] if r["provider"]["source"] == "nppes"]
    assert nppes and all(p[fact] is None for p in nppes for fact in FACTS)
    for query in (
        "accepting_new_patients=true",
        "accepting_new_patients=false",
        "telehealth=true",
        "telehealth=false",
    ):
        filtered = client.get(f"/v1/physicians?zip=10001&radius=5&limit=50&{query}").get_json()
        assert not [r for r in filtered["results"] if r["provider"]["source"] == "nppes"], query


def _facts(url: str) -> dict[str, tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            providers = connection.execute(
                text("SELECT source, accepting_new_patients, telehealth FROM locator_providers")
            ).all()
            locations = connection.execute(
                text(
                    "SELECT p.source, l.accepting_new_patients, l.telehealth FROM locator_locations l"
                    " JOIN locator_providers p ON p.id = l.provider_id"
                )
            ).all()
        return {
            "providers": {s: (a, t) for s, a, t in providers},
            "locations": {s: (a, t) for s, a, t in locations},
        }
    finally:
        engine.dispose()


def test_the_migration_makes_nppes_rows_unknown_and_its_downgrade_makes_unknowns_false(
    database_server, monkeypatch
):
    monkeypatch.setenv("DATABASE_URL", os.environ.get("DATABASE_URL", ""))  # alembic_config sets it
    url = database_server.create_database("unknown_facts")
    config = alembic_config(url)
    command.upgrade(config, "0009")
    engine = create_engine(url)
    with engine.begin() as connection:
        for source, accepting, telehealth in (("nppes", False, False), ("acme", True, False)):
            provider_id = connection.execute(
                text(
                    "INSERT INTO locator_providers (source, external_id, name, languages, specialties,"
                    " therapies, accepting_new_patients, telehealth, record_hash)"
                    " VALUES (:source, 'x', 'Dr. X', '{}', '{}', '{}', :a, :t, '-') RETURNING id"
                ),
                {"source": source, "a": accepting, "t": telehealth},
            ).scalar_one()
            connection.execute(
                text(
                    "INSERT INTO locator_locations (provider_id, position, lat, lon, geo_precision,"
                    " specialties, therapies, languages, accepting_new_patients, telehealth)"
                    " VALUES (:id, 0, 40.7, -74.0, 'exact', '{}', '{}', '{}', :a, :t)"
                ),
                {"id": provider_id, "a": accepting, "t": telehealth},
            )
    engine.dispose()
    command.upgrade(config, "0010")
    after = _facts(url)
    for table in ("providers", "locations"):
        # NPPES never knew; a partner's stored values are the partner's (or old defaults) and stay
        assert after[table] == {"nppes": (None, None), "acme": (True, False)}, table
    command.downgrade(config, "0009")
    before = _facts(url)
    for table in ("providers", "locations"):
        assert before[table] == {"nppes": (False, False), "acme": (True, False)}, table
