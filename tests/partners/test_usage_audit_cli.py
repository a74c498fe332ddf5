"""Usage per day and operation, the calling partner's view, the audit log, and the CLI."""

import datetime as dt
import json

from sqlalchemy import select

from service.partners.models import ApiKey, AuditEvent, Partner
from service.partners.service import issue_key as issue_key_for


def test_partner_sees_itself_and_its_key(client):
    body = client.get("/v1/partners/me").get_json()
    assert body["slug"].startswith("test-")
    assert body["rate_limit_per_minute"] == 600
    prefix = client.environ_base["HTTP_X_API_KEY"].split("_")[1]
    assert body["key"]["prefix"] == prefix
    assert body["key"]["kind"] == "secret"
    secret = client.environ_base["HTTP_X_API_KEY"].split("_", 2)[2]
    assert secret not in str(body) and "hash" not in str(body)


def test_usage_is_counted_per_day_and_operation(client, db_session):
    for _ in range(3):
        client.get("/v1/conditions")
    client.get("/v1/conditions/sciatica")
    body = client.get("/v1/partners/me/usage").get_json()
    today = dt.datetime.now(dt.UTC).date().isoformat()
    counts = {(row["day"], row["operation"]): row["requests"] for row in body["days"]}
    assert counts[(today, "GET /v1/conditions")] == 3
    assert counts[(today, "GET /v1/conditions/<slug>")] == 1
    assert body["total"] == sum(counts.values())
    assert body["to"] == today

    key = db_session.scalar(
        select(ApiKey).where(ApiKey.prefix == client.environ_base["HTTP_X_API_KEY"].split("_")[1])
    )
    db_session.refresh(key)
    assert key.last_used_at is not None


def test_usage_range_is_validated(client):
    response = client.get("/v1/partners/me/usage?from=2026-02-01&to=2026-01-01")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["name"] == "from"
    too_long = client.get("/v1/partners/me/usage?from=2024-01-01&to=2026-01-01")
    assert too_long.status_code == 422


def test_usage_of_one_partner_is_invisible_to_another(client, anonymous_client, issue_key):
    client.get("/v1/conditions")
    other = issue_key("content:read")
    body = anonymous_client.get("/v1/partners/me/usage", headers={"X-API-Key": other}).get_json()
    assert all(row["operation"] != "GET /v1/conditions" for row in body["days"])


def test_cli_issues_lists_rotates_and_revokes_keys_with_an_audit_trail(
    runner, anonymous_client, admin_client, db_session
):
    created = runner.invoke(
        args=[
            "partners",
            "create",
            "acme",
            "--name",
            "Acme",
            "--origin",
            "https://portal.acme.example",
            "--rate-limit",
            "100",
        ]
    )
    assert created.exit_code == 0, created.output

    issued = runner.invoke(
        args=["keys", "issue", "acme", "--scope", "content:read", "--label", "web"]
    )
    assert issued.exit_code == 0, issued.output
    token = issued.output.strip()
    prefix = token.split("_")[1]
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": token}).status_code == 200

    listed = runner.invoke(args=["keys", "list", "acme"])
    assert prefix in listed.output and token.split("_", 2)[2] not in listed.output

    rotated = runner.invoke(args=["keys", "rotate", prefix, "--overlap-hours", "0"])
    new_token = rotated.output.strip()
    assert (
        anonymous_client.get("/v1/conditions", headers={"X-API-Key": new_token}).status_code == 200
    )
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": token}).status_code == 401

    revoked = runner.invoke(args=["keys", "revoke", new_token.split("_")[1]])
    assert revoked.exit_code == 0
    assert (
        anonymous_client.get("/v1/conditions", headers={"X-API-Key": new_token}).status_code == 401
    )

    failed = runner.invoke(args=["keys", "revoke", "nosuchkey"])
    assert failed.exit_code == 1 and "no key" in failed.output

    actions = [
        (e.action, e.outcome)
        for e in db_session.scalars(select(AuditEvent).order_by(AuditEvent.id))
    ]
    assert actions[-5:] == [
        ("partner.create", "success"),
        ("key.issue", "success"),
        ("key.rotate", "success"),
        ("key.revoke", "success"),
        ("key.revoke", "failure"),
    ]

    # acme's admins see what was done to acme's keys; another partner's admins see none of it,
    # nor the failed revocation of a key that belongs to no partner.
    acme = db_session.scalar(select(Partner).where(Partner.slug == "acme"))
    acme_admin = issue_key_for(session=db_session, partner=acme, scopes=["admin"]).token
    events = anonymous_client.get(
        "/v1/audit-events?action=key.revoke", headers={"X-API-Key": acme_admin}
    ).get_json()
    assert [(e["outcome"], e["target"]) for e in events] == [("success", new_token.split("_")[1])]
    assert events[0]["actor"].startswith("cli:")
    assert admin_client.get("/v1/audit-events").get_json() == []


def test_the_audit_log_shows_only_the_calling_partners_events(anonymous_client, issue_key):
    first, second = issue_key("admin", "locator:write"), issue_key("admin", "locator:write")
    body = "external_id,name,zip\np-1,Dr. Avery Sampleton,10001\n"
    for token in (first, second, second):
        response = anonymous_client.post(
            "/v1/physicians/import",
            data=body,
            content_type="text/csv",
            headers={"X-API-Key": token},
        )
        assert response.status_code == 200
    for token, imports in ((first, 1), (second, 2)):
        response = anonymous_client.get("/v1/audit-events", headers={"X-API-Key": token})
        events = response.get_json()
        assert [e["action"] for e in events] == ["locator.import"] * imports
        assert json.loads(response.headers["X-Pagination"])["total"] == imports
        assert {e["actor"] for e in events} == {f"key:{token.split('_')[1]}"}


def test_audit_log_is_admin_only(client):
    response = client.get("/v1/audit-events")
    assert response.status_code == 403
