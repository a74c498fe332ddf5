"""Physicians who leave: sync imports and DELETE deactivate them (soft, audited, reversible)."""

from sqlalchemy import select

from service.locator import imports
from service.locator.models import Provider
from service.partners.models import AuditEvent

PROBLEM = "application/problem+json"
TWO = (
    "external_id,name,specialties,zip,lat,lon\n"
    "d-1,Dr. Stays Here,208VP0014X,10001,40.75,-73.99\n"
    "d-2,Dr. Moves Away,208VP0014X,10001,40.751,-73.991\n"
)
ONE = "external_id,name,specialties,zip,lat,lon\nd-1,Dr. Stays Here,208VP0014X,10001,40.75,-73.99\n"


def names(client):
    body = client.get("/v1/physicians?zip=10001&radius=5").get_json()
    return sorted(result["provider"]["name"] for result in body["results"])


def events(db_session, action):
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return db_session.scalars(query).all()


def test_a_sync_import_removes_a_departed_physician_end_to_end(client, db_session):
    client.post("/v1/physicians/import", data=TWO, content_type="text/csv")
    assert names(client) == ["Dr. Moves Away", "Dr. Stays Here"]
    departed = db_session.scalar(select(Provider).where(Provider.external_id == "d-2"))

    merged = client.post("/v1/physicians/import", data=ONE, content_type="text/csv")
    assert merged.get_json()["deactivated"] == 0, "a merge import never removes anyone"
    assert names(client) == ["Dr. Moves Away", "Dr. Stays Here"]

    synced = client.post("/v1/physicians/import?mode=sync", data=ONE, content_type="text/csv")
    assert synced.status_code == 200
    report = synced.get_json()
    assert (report["mode"], report["unchanged"], report["deactivated"]) == ("sync", 1, 1)
    assert names(client) == ["Dr. Stays Here"]
    gone = client.get(f"/v1/physicians/{departed.id}")
    assert gone.status_code == 410 and gone.mimetype == PROBLEM
    assert gone.get_json()["code"] == "physician_deactivated"
    db_session.refresh(departed)
    assert not departed.active and departed.deactivated_at is not None
    assert not any(location.active for location in departed.locations)
    audited = events(db_session, "locator.import")[-1]
    assert audited.details == {
        "mode": "sync",
        "created": 0,
        "updated": 0,
        "unchanged": 1,
        "deactivated": 1,
    }
    # Listed again: back in search.
    back = client.post("/v1/physicians/import?mode=sync", data=TWO, content_type="text/csv")
    assert (back.get_json()["updated"], back.get_json()["deactivated"]) == (1, 0)
    assert names(client) == ["Dr. Moves Away", "Dr. Stays Here"]


def test_a_sync_import_touches_only_the_callers_directory(
    client, anonymous_client, issue_key, db_session
):
    other = {"X-API-Key": issue_key("locator:write", "locator:read")}
    anonymous_client.post("/v1/physicians/import", data=TWO, content_type="text/csv", headers=other)
    client.post("/v1/physicians/import?mode=sync", data=ONE, content_type="text/csv")
    assert names(client).count("Dr. Moves Away") == 1, "the other partner's record stays"


def test_a_rejected_sync_deactivates_nothing_and_an_empty_one_is_refused(client, db_session):
    client.post("/v1/physicians/import", data=TWO, content_type="text/csv")
    bad = ONE + "d-3,Dr. Bad Zip,208VP0014X,99999,,\n"
    rejected = client.post("/v1/physicians/import?mode=sync", data=bad, content_type="text/csv")
    assert rejected.status_code == 422 and rejected.get_json()["deactivated"] == 0
    assert names(client) == ["Dr. Moves Away", "Dr. Stays Here"]
    empty = client.post(
        "/v1/physicians/import?mode=sync", data="external_id,name,zip\n", content_type="text/csv"
    )
    assert (
        empty.status_code == 422 and "whole directory" in empty.get_json()["errors"][0]["message"]
    )
    assert names(client) == ["Dr. Moves Away", "Dr. Stays Here"]
    unknown = client.post("/v1/physicians/import?mode=replace", data=ONE, content_type="text/csv")
    assert unknown.status_code == 422 and unknown.get_json()["errors"][0]["name"] == "mode"


def test_delete_deactivates_one_of_the_partners_own_records(
    client, anonymous_client, issue_key, db_session
):
    client.post("/v1/physicians/import", data=TWO, content_type="text/csv")
    leaving = db_session.scalar(select(Provider).where(Provider.external_id == "d-2"))
    stranger = {"X-API-Key": issue_key("locator:write")}
    not_theirs = anonymous_client.delete(f"/v1/physicians/{leaving.id}", headers=stranger)
    assert not_theirs.status_code == 404 and not_theirs.mimetype == PROBLEM
    reader = {"X-API-Key": issue_key("locator:read")}
    assert (
        anonymous_client.delete(f"/v1/physicians/{leaving.id}", headers=reader).status_code == 403
    )
    assert names(client) == ["Dr. Moves Away", "Dr. Stays Here"]

    deleted = client.delete(f"/v1/physicians/{leaving.id}")
    assert deleted.status_code == 200
    assert deleted.get_json() | {"deactivated_at": None} == {
        "id": leaving.id,
        "external_id": "d-2",
        "active": False,
        "deactivated_at": None,
        "href": f"/v1/physicians/{leaving.id}",
    }
    assert names(client) == ["Dr. Stays Here"]
    assert client.get(f"/v1/physicians/{leaving.id}").status_code == 410
    again = client.delete(f"/v1/physicians/{leaving.id}")  # idempotent: the same answer
    assert again.status_code == 200 and again.get_json() == deleted.get_json()
    (audited, _again) = events(db_session, "locator.deactivate")
    assert (audited.target, audited.outcome, audited.details) == (
        f"physician:{leaving.id}",
        "success",
        {"external_id": "d-2"},
    )


def test_the_record_shows_its_source_external_id_and_update_time(client, db_session):
    client.post("/v1/physicians/import", data=TWO, content_type="text/csv")
    partner = client.get("/v1/partners/me").get_json()["slug"]
    results = client.get("/v1/physicians?zip=10001&radius=5").get_json()["results"]
    (provider,) = [r["provider"] for r in results if r["provider"]["external_id"] == "d-1"]
    assert (provider["source"], provider["external_id"]) == (partner, "d-1")
    assert provider["updated_at"].endswith("+00:00")
    detail = client.get(provider["href"]).get_json()
    assert detail["updated_at"] == provider["updated_at"] and detail["source"] == partner


def test_service_deactivation_in_the_same_transaction(db_session):
    imports.import_body(session=db_session, source="acme", body=TWO, media_type=imports.CSV)
    report = imports.import_body(
        session=db_session, source="acme", body=ONE, media_type=imports.CSV, mode="sync"
    )
    assert report.deactivated == 1
    db_session.rollback()
    assert db_session.scalars(select(Provider).where(~Provider.active)).all() == []


def test_the_cli_import_syncs_too_and_audits_it(runner, db_session, tmp_path):
    two, one = tmp_path / "two.csv", tmp_path / "one.csv"
    two.write_text(TWO)
    one.write_text(ONE)
    args = ["locator", "import", "--source", "cli-sync"]
    assert runner.invoke(args=[*args, str(two)]).exit_code == 0
    merged = runner.invoke(args=[*args, str(one)])
    assert "(merge): created 0, updated 0, unchanged 1" in merged.output
    synced = runner.invoke(args=[*args, "--mode", "sync", str(one)])
    assert synced.exit_code == 0, synced.output
    assert "(sync): created 0, updated 0, unchanged 1, deactivated 1" in synced.output
    active = db_session.scalars(
        select(Provider.external_id).where(Provider.source == "cli-sync", Provider.active)
    ).all()
    assert active == ["d-1"]
    audited = [
        event.details
        for event in events(db_session, "locator.import")
        if event.target == "one.csv" and event.actor.startswith("cli:")
    ]
    assert audited[-1] == {
        "mode": "sync",
        "created": 0,
        "updated": 0,
        "unchanged": 1,
        "deactivated": 1,
    }
    empty = tmp_path / "empty.csv"
    empty.write_text("external_id,name,specialties,zip,lat,lon\n")
    refused = runner.invoke(args=[*args, "--mode", "sync", str(empty)])
    assert refused.exit_code == 1 and "would deactivate the whole directory" in refused.output
    failure = [e for e in events(db_session, "locator.import") if e.target == "empty.csv"]
    assert [e.outcome for e in failure] == ["failure"]
    assert runner.invoke(args=[*args, "--mode", "purge", str(one)]).exit_code == 2
