"""Keys: format, constant-time check, expiry, revocation, rotation with overlap; partner rules."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from service.locator import demo, nppes
from service.partners import service
from service.partners.models import Partner
from service.partners.service import PartnerError


@pytest.fixture
def partner(db_session):
    return service.create_partner(
        session=db_session,
        slug="acme",
        name="Acme",
        allowed_origins=["https://portal.acme.example"],
    )


def test_issued_key_is_shown_once_and_stored_only_as_a_hash(db_session, partner):
    issued = service.issue_key(session=db_session, partner=partner, scopes=["content:read"])
    scheme, prefix, secret = issued.token.split("_", 2)
    assert scheme == "sck" and prefix == issued.key.prefix and len(secret) >= 40
    assert secret not in issued.key.secret_hash
    assert issued.key.secret_hash == service.hash_secret(secret)
    assert service.find_valid_key(session=db_session, token=issued.token) == issued.key


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # wrong secret
        lambda t: "sck_ffffffff_" + t.split("_", 2)[2],  # unknown prefix
        lambda t: t.replace("sck_", "xyz_"),  # wrong scheme
        lambda t: "sck_",  # truncated
        lambda t: "",
    ],
)
def test_anything_but_the_exact_key_is_refused(db_session, partner, mangle):
    issued = service.issue_key(session=db_session, partner=partner, scopes=["content:read"])
    assert service.find_valid_key(session=db_session, token=mangle(issued.token)) is None


def test_revoked_expired_and_disabled_keys_stop_working(db_session, partner):
    revoked = service.issue_key(session=db_session, partner=partner, scopes=["content:read"])
    service.revoke_key(session=db_session, prefix=revoked.key.prefix)
    assert service.find_valid_key(session=db_session, token=revoked.token) is None

    soon = service.now() + dt.timedelta(hours=1)
    expiring = service.issue_key(
        session=db_session, partner=partner, scopes=["content:read"], expires_at=soon
    )
    assert service.find_valid_key(session=db_session, token=expiring.token) is not None
    assert (
        service.find_valid_key(
            session=db_session, token=expiring.token, at=soon + dt.timedelta(seconds=1)
        )
        is None
    )

    live = service.issue_key(session=db_session, partner=partner, scopes=["content:read"])
    partner.disabled_at = service.now()
    db_session.flush()
    assert service.find_valid_key(session=db_session, token=live.token) is None


def test_rotation_keeps_the_old_key_for_the_overlap_only(db_session, partner):
    old = service.issue_key(
        session=db_session, partner=partner, scopes=["content:read", "locator:read"], label="ios"
    )
    new = service.rotate_key(
        session=db_session, prefix=old.key.prefix, overlap=dt.timedelta(hours=24)
    )
    assert new.key.scopes == old.key.scopes and new.key.label == "ios"
    assert new.key.rotated_from_id == old.key.id
    in_overlap = service.now() + dt.timedelta(hours=23)
    after = service.now() + dt.timedelta(hours=25)
    assert service.find_valid_key(session=db_session, token=old.token, at=in_overlap) is not None
    assert service.find_valid_key(session=db_session, token=old.token, at=after) is None
    assert service.find_valid_key(session=db_session, token=new.token, at=after) is not None


def test_unknown_scopes_and_wildcard_origins_are_refused(db_session, partner):
    with pytest.raises(PartnerError, match="superuser"):
        service.issue_key(session=db_session, partner=partner, scopes=["superuser"])
    for origin in ("*", "https://*.acme.example", "portal.acme.example", "https://acme.example/"):
        with pytest.raises(PartnerError):
            service.create_partner(
                session=db_session, slug=f"p{len(origin)}", name="P", allowed_origins=[origin]
            )


def test_demo_partner_is_idempotent(db_session):
    first = service.ensure_demo_partner(session=db_session)
    second = service.ensure_demo_partner(session=db_session)
    assert first == second == service.DEMO_KEY
    key = service.find_valid_key(session=db_session, token=service.DEMO_KEY)
    assert "admin" in key.scopes


def test_the_locators_own_sources_are_reserved_slugs(db_session, runner):
    # A partner's slug is its import namespace: one named `nppes` would own, sync away and
    # deactivate the NPPES loader's records; `demo` is the demo partner's (ensure_demo_partner).
    assert set(service.RESERVED_SLUGS) == {nppes.SOURCE, demo.DEMO_SOURCE}
    for slug in service.RESERVED_SLUGS:
        with pytest.raises(PartnerError, match=f"The slug '{slug}' is reserved"):
            service.create_partner(session=db_session, slug=slug, name="Squatter")
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(Partner)
            .where(Partner.slug.in_(list(service.RESERVED_SLUGS)))
        )
        == 0
    )
    result = runner.invoke(args=["partners", "create", "nppes", "--name", "Squatter"])
    assert result.exit_code != 0 and "The slug 'nppes' is reserved" in result.output
    # The demo partner is still made, by its own command, and owns the demo directory.
    service.ensure_demo_partner(session=db_session)
    assert service.get_partner(session=db_session, slug=demo.DEMO_SOURCE).name == (
        "Local demo partner"
    )
    assert service.create_partner(session=db_session, slug="nppes-clinic", name="Not reserved")


def test_credential_cache_trusts_a_checked_key_for_its_window_but_never_past_expiry(
    settings, connection, db_session, partner, monkeypatch
):
    from sqlalchemy.orm import sessionmaker

    from service import create_app
    from service.partners import auth

    app = create_app(settings.replace(api_key_cache_seconds=60))
    app.extensions["db"].session_factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    expires = service.now() + dt.timedelta(hours=2)
    issued = service.issue_key(
        session=db_session, partner=partner, scopes=["content:read"], expires_at=expires
    )
    client = app.test_client()
    headers = {"X-API-Key": issued.token}
    assert client.get("/v1/care-pathway", headers=headers).status_code == 200

    service.revoke_key(session=db_session, prefix=issued.key.prefix)
    # Within the window the worker still trusts what it checked (documented trade-off)...
    assert client.get("/v1/care-pathway", headers=headers).status_code == 200
    # ...but expiry is checked on every request, cached or not.
    monkeypatch.setattr(auth, "now", lambda: expires + dt.timedelta(seconds=1))
    assert client.get("/v1/care-pathway", headers=headers).status_code == 401
    app.extensions["usage_recorder"].discard_pending()
