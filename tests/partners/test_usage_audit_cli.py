"""Usage per day and operation, the calling partner's view, the audit log, and the CLI."""

import datetime as dt

from sqlalchemy import select

from service.partners.models import ApiKey, AuditEvent


def test_partner_sees_itself_and_its_key(client):
    body = client.get("/v1/partners/me").get_json()
    assert body["slug"].startswith("test-")
    assert body["rate_limit_per_minute"] == 600
    prefix = client.environ_base["HTTP_X_API_KEY"].split("_")[1]
    assert body["key"]["prefix"] == prefix
    assert "secret" not in str(body) and client.environ_base["HTTP_X_API_KEY"] not in str(body)


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

    key = db_session.scalar(select(ApiKey).where(
        ApiKey.prefix == client.environ_base["HTTP_X_API_KEY"].split("_")[1]))
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
    created = runner.invoke(args=["partners", "create", "acme", "--name", "Acme",
                                  "--origin", "https://portal.acme.example", "--rate-limit", "100"])
    assert created.exit_code == 0, created.output

    issued = runner.invoke(args=["keys", "issue", "acme", "--scope", "content:read", "--label", "web"])
    assert issued.exit_code == 0, issued.output
    token = issued.output.strip()
    prefix = token.split("_")[1]
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": token}).status_code == 200

    listed = runner.invoke(args=["keys", "list", "acme"])
    assert prefix in listed.output and token.split("_", 2)[2] not in listed.output

    rotated = runner.invoke(args=["keys", "rotate", prefix, "--overlap-hours", "0"])
    new_token = rotated.output.strip()
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": new_token}).status_code == 200
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": token}).status_code == 401

    revoked = runner.invoke(args=["keys", "revoke", new_token.split("_")[1]])
    assert revoked.exit_code == 0
    assert anonymous_client.get("/v1/conditions", headers={"X-API-Key": new_token}).status_code == 401

    failed = runner.invoke(args=["keys", "revoke", "nosuchkey"])
    assert failed.exit_code == 1 and "no key" in failed.output

    actions = [(e.action, e.outcome) for e in db_session.scalars(
        select(AuditEvent).order_by(AuditEvent.id))]
    assert actions[-5:] == [("partner.create", "success"), ("key.issue", "success"),
                            ("key.rotate", "success"), ("key.revoke", "success"),
                            ("key.revoke", "failure")]

    events = admin_client.get("/v1/audit-events?action=key.revoke").get_json()
    assert [e["outcome"] for e in events][:2] == ["failure", "success"]
    assert events[0]["actor"].startswith("cli:")


def test_audit_log_is_admin_only(client):
    response = client.get("/v1/audit-events")
    assert response.status_code == 403
