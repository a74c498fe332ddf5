"""Partner and key operations: plain functions over a session that flush and never commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.assessment.definitions import default_ruleset
from service.errors import NotFoundProblem, Problem
from service.partners.models import SCOPES, ApiKey, AuditEvent, Partner, UsageDaily

KEY_SCHEME = "sck"
# A partner's slug is also its namespace for imported records (locator external ids).
PARTNER_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
# Local development only (`make run`): a fixed, documented key so README examples work as written.
DEMO_PARTNER_SLUG = "demo"
DEMO_KEY_PREFIX = "demo0000"
DEMO_KEY_SECRET = "local-development-only-never-in-production"
DEMO_KEY = f"{KEY_SCHEME}_{DEMO_KEY_PREFIX}_{DEMO_KEY_SECRET}"


class PartnerError(Problem):
    status = 422
    code = "validation_failed"


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    token: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(token: str) -> tuple[str, str] | None:
    """`sck_<prefix>_<secret>` -> (prefix, secret); None for anything else."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_SCHEME or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def find_valid_key(*, session: Session, token: str, at: dt.datetime | None = None) -> ApiKey | None:
    """The live key `token` names, or None; the secret is compared in constant time."""
    parts = split_token(token)
    if parts is None:
        return None
    prefix, secret = parts
    key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    # Hash even when the prefix is unknown, so timing does not reveal which prefixes exist.
    presented = hash_secret(secret)
    if key is None or not hmac.compare_digest(presented, key.secret_hash):
        return None
    at = at or now()
    if key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= at):
        return None
    if key.partner.disabled_at is not None:
        return None
    return key


def validate_scopes(scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise PartnerError(
            f"Scopes must be some of {', '.join(SCOPES)}; got {', '.join(unknown) or 'none'}."
        )
    return sorted(set(scopes))


def validate_origins(origins: list[str]) -> list[str]:
    for origin in origins:
        # Exact origins only: a wildcard would let any site call the API in a partner's name.
        if "*" in origin or not origin.startswith(("https://", "http://")) or origin.endswith("/"):
            raise PartnerError(f"'{origin}' is not an origin like https://portal.example.org")
    return origins


def create_partner(
    *,
    session: Session,
    slug: str,
    name: str,
    allowed_origins: list[str] = (),
    rate_limit_per_minute: int = 600,
    daily_quota: int = 100_000,
    country: str = "US",
) -> Partner:
    if not PARTNER_SLUG.match(slug):
        raise PartnerError(f"'{slug}' is not a slug: lower-case letters, digits and '-', 2-64 long.")
    if session.scalar(select(Partner).where(Partner.slug == slug)) is not None:
        raise PartnerError(f"A partner '{slug}' already exists.")
    if rate_limit_per_minute < 1 or daily_quota < 1:
        raise PartnerError("Rate limit and daily quota must be positive.")
    if country not in default_ruleset().emergency_numbers["numbers"]:
        raise PartnerError(
            f"No emergency number is known for country '{country}' (ISO 3166-1 alpha-2); "
            "add it to the ruleset's emergency_numbers first."
        )
    partner = Partner(
        slug=slug,
        name=name,
        allowed_origins=validate_origins(list(allowed_origins)),
        rate_limit_per_minute=rate_limit_per_minute,
        daily_quota=daily_quota,
        country=country,
    )
    session.add(partner)
    session.flush()
    return partner


def get_partner(*, session: Session, slug: str) -> Partner:
    partner = session.scalar(select(Partner).where(Partner.slug == slug))
    if partner is None:
        raise NotFoundProblem(f"There is no partner '{slug}'.")
    return partner


def issue_key(
    *,
    session: Session,
    partner: Partner,
    scopes: list[str],
    label: str = "",
    expires_at: dt.datetime | None = None,
    prefix: str | None = None,
    secret: str | None = None,
    rotated_from: ApiKey | None = None,
) -> IssuedKey:
    prefix = prefix or secrets.token_hex(4)
    secret = secret or secrets.token_urlsafe(32)
    key = ApiKey(
        partner_id=partner.id,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        scopes=validate_scopes(scopes),
        label=label,
        expires_at=expires_at,
        rotated_from_id=rotated_from.id if rotated_from else None,
    )
    session.add(key)
    session.flush()
    return IssuedKey(key=key, token=f"{KEY_SCHEME}_{prefix}_{secret}")


def get_key(*, session: Session, prefix: str) -> ApiKey:
    key = session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))
    if key is None:
        raise NotFoundProblem(f"There is no key with prefix '{prefix}'.")
    return key


def revoke_key(*, session: Session, prefix: str) -> ApiKey:
    key = get_key(session=session, prefix=prefix)
    key.revoked_at = key.revoked_at or now()
    session.flush()
    return key


def rotate_key(*, session: Session, prefix: str, overlap: dt.timedelta) -> IssuedKey:
    """A new key with the same scopes; the old one keeps working for `overlap`, then expires."""
    old = get_key(session=session, prefix=prefix)
    if old.revoked_at is not None:
        raise PartnerError(f"Key '{prefix}' is revoked; issue a new one instead.")
    issued = issue_key(
        session=session,
        partner=old.partner,
        scopes=old.scopes,
        label=old.label,
        expires_at=old.expires_at,
        rotated_from=old,
    )
    overlap_end = now() + overlap
    if old.expires_at is None or old.expires_at > overlap_end:
        old.expires_at = overlap_end
    session.flush()
    return issued


def ensure_demo_partner(*, session: Session) -> str:
    """The local demo partner and its documented key (idempotent); returns the key."""
    partner = session.scalar(select(Partner).where(Partner.slug == DEMO_PARTNER_SLUG))
    if partner is None:
        partner = create_partner(
            session=session,
            slug=DEMO_PARTNER_SLUG,
            name="Local demo partner",
            allowed_origins=["http://localhost:3000", "http://127.0.0.1:3000"],
        )
    if session.scalar(select(ApiKey).where(ApiKey.prefix == DEMO_KEY_PREFIX)) is None:
        issue_key(
            session=session,
            partner=partner,
            scopes=list(SCOPES),
            label="local demo key",
            prefix=DEMO_KEY_PREFIX,
            secret=DEMO_KEY_SECRET,
        )
    return DEMO_KEY


def record_audit(
    *,
    session: Session,
    actor: str,
    action: str,
    outcome: str,
    target: str = "",
    partner_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        actor=actor,
        action=action,
        outcome=outcome,
        target=target,
        partner_id=partner_id,
        details=details or {},
    )
    session.add(event)
    session.flush()
    return event


def list_audit_events(
    *, session: Session, partner_id: int, page: int, page_size: int, action: str | None = None
) -> tuple[list[AuditEvent], int]:
    """One partner's events: a partner's admin key must not read another partner's log."""
    query = select(AuditEvent).where(AuditEvent.partner_id == partner_id)
    if action:
        query = query.where(AuditEvent.action == action)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    events = session.scalars(
        query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return list(events), total


def usage_between(
    *, session: Session, partner_id: int, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    rows = session.execute(
        select(UsageDaily.day, UsageDaily.operation, UsageDaily.request_count)
        .where(UsageDaily.partner_id == partner_id, UsageDaily.day.between(start, end))
        .order_by(UsageDaily.day, UsageDaily.operation)
    ).all()
    return [{"day": day, "operation": op, "requests": count} for day, op, count in rows]
