"""Publishable keys: browsers only, from the partner's registered origins, read and assessment
scopes only; secret keys refused from other sites' pages; CORS; the CLI; the migration."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from service.partners import service
from service.partners.models import PUBLISHABLE_SCOPES, ApiKey, AuditEvent, Partner
from service.partners.service import PartnerError
from tests.conftest import alembic_config
from tests.partners.conftest import PORTAL

SERVER = "http://127.0.0.1:8000"  # base_url of the requests that stand for `make run`'s pages


def get(client, path: str, key: str, **headers: str):
    return client.get(path, headers={"X-API-Key": key, **headers})


def assert_refused(response, code: str) -> dict:
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["code"] == code
    assert body["type"] == f"urn:spinecare:problem:{code}"
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "RateLimit" not in response.headers  # a refused key is not counted
    return body


def refusals(db_session, token: str) -> list[AuditEvent]:
    prefix = token.split("_")[1]
    return list(
        db_session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "key.refused", AuditEvent.target == prefix
            )
        )
    )


def test_a_publishable_key_without_an_origin_is_refused(anonymous_client, publishable_key):
    token = publishable_key()
    assert token.startswith("pk_")
    body = assert_refused(get(anonymous_client, "/v1/conditions", token), "origin_not_allowed")
    assert body["origin"] is None
    assert "secret key" in body["detail"]


def test_a_publishable_key_from_another_origin_is_refused_logged_and_audited_once(
    anonymous_client, publishable_key, db_session, caplog
):
    token = publishable_key()
    with caplog.at_level(logging.WARNING, logger="service.partners.origins"):
        for _ in range(3):
            body = assert_refused(
                get(anonymous_client, "/v1/conditions", token, Origin="https://evil.example"),
                "origin_not_allowed",
            )
    assert body["origin"] == "https://evil.example"
    logged = [r for r in caplog.records if r.getMessage() == "key refused for its origin"]
    assert len(logged) == 3 and logged[0].origin == "https://evil.example"
    # Anyone can send a public key from anywhere: the partner's audit log gets one row per
    # key, problem and origin an hour, not one per request.
    (event,) = refusals(db_session, token)
    assert event.outcome == "failure" and event.actor == f"key:{token.split('_')[1]}"
    assert event.details == {
        "code": "origin_not_allowed",
        "origin": "https://evil.example",
        "path": "/v1/conditions",
    }
    # An origin that differs only by scheme, port or a trailing dot is another origin.
    for near_miss in (
        "http://portal.acme.example",
        "https://portal.acme.example:8443",
        "https://portal.acme.example.",
        "null",
    ):
        assert_refused(
            get(anonymous_client, "/v1/conditions", token, Origin=near_miss), "origin_not_allowed"
        )


def test_a_publishable_key_from_its_registered_origin_gets_exactly_that_origin_in_cors(
    anonymous_client, publishable_key
):
    token = publishable_key(origins=(PORTAL, "http://localhost:3000"))
    response = get(anonymous_client, "/v1/conditions", token, Origin=PORTAL)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == PORTAL
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Origin" in response.headers["Vary"]
    exposed = {h.strip() for h in response.headers["Access-Control-Expose-Headers"].split(",")}
    assert {
        "ETag",
        "X-Request-ID",
        "Retry-After",
        "X-Pagination",
        "Link",
        "RateLimit",
        "RateLimit-Policy",
        "traceparent",
    } <= exposed
    assert response.headers["RateLimit"].startswith('"minute";r=599;')  # counted like any key

    other = get(anonymous_client, "/v1/conditions", token, Origin="http://localhost:3000")
    assert other.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"

    # Assessments (a POST, which a browser sends with Origin) work too.
    started = anonymous_client.post(
        "/v1/assessments",
        json={"answers": {"age": 70}},
        headers={"X-API-Key": token, "Origin": PORTAL},
    )
    assert started.status_code == 201
    assert started.headers["Access-Control-Allow-Origin"] == PORTAL


def test_a_same_origin_page_of_this_server_is_its_registered_origin(
    anonymous_client, publishable_key
):
    # A browser sends no Origin on a GET to its own origin, but Sec-Fetch-Site: same-origin.
    same_origin = {"Sec-Fetch-Site": "same-origin"}
    served = publishable_key(origins=(SERVER,))
    response = anonymous_client.get(
        "/v1/conditions", base_url=SERVER, headers={"X-API-Key": served, **same_origin}
    )
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers  # not a CORS request

    elsewhere = publishable_key(origins=(PORTAL,))
    refused = anonymous_client.get(
        "/v1/conditions", base_url=SERVER, headers={"X-API-Key": elsewhere, **same_origin}
    )
    assert assert_refused(refused, "origin_not_allowed")["origin"] == SERVER
    # Another site's page says cross-site: still no Origin means no origin.
    cross = anonymous_client.get(
        "/v1/conditions",
        base_url=SERVER,
        headers={"X-API-Key": served, "Sec-Fetch-Site": "cross-site"},
    )
    assert_refused(cross, "origin_not_allowed")


def test_preflights_answer_registered_origins_only(anonymous_client, publishable_key):
    publishable_key()
    ask = {
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "X-API-Key, Accept-Language",
    }
    response = anonymous_client.options("/v1/conditions", headers={"Origin": PORTAL, **ask})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == PORTAL
    allowed = response.headers["Access-Control-Allow-Headers"].lower()
    assert "x-api-key" in allowed and "accept-language" in allowed
    foreign = anonymous_client.options(
        "/v1/conditions", headers={"Origin": "https://evil.example", **ask}
    )
    assert "Access-Control-Allow-Origin" not in foreign.headers


def test_a_publishable_key_has_read_and_assessment_scopes_only(
    anonymous_client, publishable_key, db_session
):
    partner = service.create_partner(
        session=db_session, slug="scoped", name="Scoped", allowed_origins=[PORTAL]
    )
    for scopes in (["admin"], ["locator:write"], ["content:read", "admin"]):
        with pytest.raises(PartnerError, match=r"publishable key.*only have") as refused:
            service.issue_key(
                session=db_session, partner=partner, scopes=scopes, kind="publishable"
            )
        assert "refused: " in str(refused.value.detail)
    with pytest.raises(PartnerError, match="kind"):
        service.issue_key(
            session=db_session, partner=partner, scopes=["content:read"], kind="public"
        )
    issued = service.issue_key(
        session=db_session, partner=partner, kind="publishable", scopes=list(PUBLISHABLE_SCOPES)
    )
    assert issued.key.kind == "publishable" and issued.token.startswith("pk_")

    # The database holds the line too, whoever writes the row.
    with (
        pytest.raises(IntegrityError, match="ck_partner_api_keys_publishable_scopes"),
        db_session.begin_nested(),
    ):
        db_session.execute(
            sa.update(ApiKey)
            .where(ApiKey.id == issued.key.id)
            .values(scopes=["content:read", "admin"])
        )

    # A scope the key lacks is refused as usual, and the browser can read why (its origin is ok).
    content_only = publishable_key("content:read")
    missing = get(anonymous_client, "/v1/specialties", content_only, Origin=PORTAL)
    assert missing.status_code == 403
    assert missing.get_json()["code"] == "insufficient_scope"
    assert missing.headers["Access-Control-Allow-Origin"] == PORTAL
    # The partner's own account is for secret keys.
    for path in ("/v1/partners/me", "/v1/partners/me/usage"):
        me = get(anonymous_client, path, issued.token, Origin=PORTAL)
        assert me.status_code == 403 and me.get_json()["code"] == "insufficient_scope"


def test_a_token_cannot_change_its_kind(anonymous_client, publishable_key, issue_key):
    public = publishable_key()
    as_secret = "sck_" + public.split("_", 1)[1]  # to escape the origin check
    assert get(anonymous_client, "/v1/conditions", as_secret).status_code == 401
    secret = issue_key("content:read")
    as_public = "pk_" + secret.split("_", 1)[1]
    assert get(anonymous_client, "/v1/conditions", as_public, Origin=PORTAL).status_code == 401


def test_secret_keys_work_from_servers_and_this_servers_pages_but_not_other_sites(
    anonymous_client, issue_key, db_session
):
    secret = issue_key("content:read", allowed_origins=[PORTAL])
    assert get(anonymous_client, "/v1/conditions", secret).status_code == 200  # no Origin
    # This server's own page (/docs, "Try it out") sends its own origin on a POST.
    own = anonymous_client.get(
        "/v1/conditions", base_url=SERVER, headers={"X-API-Key": secret, "Origin": SERVER}
    )
    assert own.status_code == 200
    for origin in (PORTAL, "https://evil.example"):  # registered or not: a page holds the key
        body = assert_refused(
            get(anonymous_client, "/v1/conditions", secret, Origin=origin), "secret_key_in_browser"
        )
        assert body["origin"] == origin and "publishable key" in body["detail"]
    assert [e.details["code"] for e in refusals(db_session, secret)] == [
        "secret_key_in_browser",
        "secret_key_in_browser",
    ]


def test_rotating_a_publishable_key_keeps_its_kind(db_session, publishable_key):
    token = publishable_key()
    rotated = service.rotate_key(
        session=db_session, prefix=token.split("_")[1], overlap=service.dt.timedelta(0)
    )
    assert rotated.key.kind == "publishable" and rotated.token.startswith("pk_")


def test_origins_are_normalised_and_anything_else_is_refused(db_session):
    partner = service.create_partner(
        session=db_session,
        slug="normal",
        name="N",
        allowed_origins=[
            "HTTPS://Portal.Example.org:443",
            "http://localhost:8000",
            "https://portal.example.org",
        ],
    )
    assert partner.allowed_origins == ["https://portal.example.org", "http://localhost:8000"]
    for origin in (
        "https://portal.example.org/app",
        "https://user@portal.example.org",
        "https://portal.example.org?x=1",
        "ftp://portal.example.org",
        "null",
        "https://",
        "https://portal.example.org:99999",
        " https://a.example",
    ):
        with pytest.raises(PartnerError, match="is not an origin"):
            service.add_origins(session=db_session, partner=partner, origins=[origin])
    with pytest.raises(PartnerError, match="has no origin"):
        service.remove_origins(
            session=db_session, partner=partner, origins=["https://never.example"]
        )


def test_cli_issues_publishable_keys_and_manages_origins(runner, anonymous_client, db_session):
    assert runner.invoke(args=["partners", "create", "webby", "--name", "Webby"]).exit_code == 0
    issued = runner.invoke(args=["keys", "issue", "webby", "--kind", "publishable"])
    assert issued.exit_code == 0, issued.output
    token = issued.stdout.strip()
    assert token.startswith("pk_")
    assert "no registered origins" in issued.stderr
    assert_refused(
        get(anonymous_client, "/v1/conditions", token, Origin=PORTAL), "origin_not_allowed"
    )

    added = runner.invoke(
        args=["partners", "origins", "add", "webby", PORTAL, "http://LOCALHOST:3000"]
    )
    assert added.exit_code == 0, added.output
    assert added.output.split() == [PORTAL, "http://localhost:3000"]
    assert runner.invoke(args=["partners", "origins", "list", "webby"]).output.split() == [
        PORTAL,
        "http://localhost:3000",
    ]
    assert get(anonymous_client, "/v1/conditions", token, Origin=PORTAL).status_code == 200

    removed = runner.invoke(args=["partners", "origins", "remove", "webby", PORTAL])
    assert removed.exit_code == 0 and removed.output.split() == ["http://localhost:3000"]
    assert_refused(
        get(anonymous_client, "/v1/conditions", token, Origin=PORTAL), "origin_not_allowed"
    )

    listed = runner.invoke(args=["keys", "list", "webby"]).output
    assert f"{token.split('_')[1]}  publishable" in listed
    assert ",".join(sorted(PUBLISHABLE_SCOPES)) in listed

    refused = runner.invoke(
        args=["keys", "issue", "webby", "--kind", "publishable", "--scope", "admin"]
    )
    assert refused.exit_code == 1
    assert "publishable key" in refused.output and "refused: admin" in refused.output
    bad_origin = runner.invoke(args=["partners", "origins", "add", "webby", "https://*.x.example"])
    assert bad_origin.exit_code == 1 and "is not an origin" in bad_origin.output
    assert runner.invoke(args=["partners", "origins", "list", "nobody"]).exit_code == 1

    partner_id = db_session.scalar(select(Partner.id).where(Partner.slug == "webby"))
    actions = [
        (e.action, e.outcome)
        for e in db_session.scalars(
            select(AuditEvent)
            .where(AuditEvent.partner_id == partner_id, AuditEvent.actor.like("cli:%"))
            .order_by(AuditEvent.id)
        )
    ]
    assert actions == [
        ("partner.create", "success"),
        ("key.issue", "success"),
        ("partner.origins.add", "success"),
        ("partner.origins.remove", "success"),
        ("key.issue", "failure"),
        ("partner.origins.add", "failure"),
    ]


def test_the_demo_partner_has_a_publishable_key_for_the_local_pages(
    db_session, anonymous_client, runner
):
    # An embedded database made by an earlier version: the demo partner without port 8000
    # (written as a row: create_partner refuses the reserved slug `demo`).
    db_session.add(
        Partner(
            slug=service.DEMO_PARTNER_SLUG, name="Demo", allowed_origins=["http://localhost:3000"]
        )
    )
    db_session.flush()
    printed = runner.invoke(args=["partners", "demo"])
    assert printed.exit_code == 0, printed.output
    assert service.DEMO_PUBLISHABLE_KEY in printed.output and service.DEMO_KEY in printed.output
    assert service.ensure_demo_partner(session=db_session) == service.DEMO_KEY  # idempotent
    key = service.find_valid_key(session=db_session, token=service.DEMO_PUBLISHABLE_KEY)
    assert key.kind == "publishable" and sorted(key.scopes) == sorted(PUBLISHABLE_SCOPES)
    assert {SERVER, "http://localhost:8000"} <= set(key.partner.allowed_origins)
    for origin in (SERVER, "http://localhost:8000"):
        response = get(
            anonymous_client, "/v1/care-pathway", service.DEMO_PUBLISHABLE_KEY, Origin=origin
        )
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == origin


def test_migration_0009_makes_existing_keys_secret_and_its_downgrade_drops_publishable_ones(
    database_server,
):
    url = database_server.create_database("keys0009")
    config = alembic_config(url)
    command.upgrade(config, "0008")
    engine = sa.create_engine(url)
    try:
        with engine.begin() as db:
            db.execute(
                sa.text(
                    "INSERT INTO partners (id, slug, name, allowed_origins, rate_limit_per_minute, "
                    "daily_quota) VALUES (1, 'old', 'Old', '{}', 60, 1000)"
                )
            )
            db.execute(
                sa.text(
                    "INSERT INTO partner_api_keys (partner_id, prefix, secret_hash, scopes, label) "
                    "VALUES (1, 'oldkey00', 'x', '{admin}', '')"
                )
            )
        command.upgrade(config, "0009")
        with engine.begin() as db:
            assert db.scalar(sa.text("SELECT kind FROM partner_api_keys")) == "secret"
            db.execute(
                sa.text(
                    "INSERT INTO partner_api_keys (partner_id, prefix, secret_hash, scopes, label, "
                    "kind) VALUES (1, 'newpk000', 'x', '{content:read}', '', 'publishable')"
                )
            )
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as db:
            db.execute(sa.text("UPDATE partner_api_keys SET kind = 'other'"))
        command.downgrade(config, "0008")
        with engine.begin() as db:
            assert db.scalars(sa.text("SELECT prefix FROM partner_api_keys")).all() == ["oldkey00"]
    finally:
        engine.dispose()
